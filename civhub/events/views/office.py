"""The programme office's side: events and their questions, registrations, export, check-in, anonymising."""

from urllib.parse import urlencode

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civhub.accounts.permissions import office_required
from civhub.core.audit import record_event
from civhub.core.exports import ISO_DATES, TABLE_FORMATS, Table, download
from civhub.core.views import act, attempt, confirm_then_act, form_page
from civhub.events.forms import EventForm, QuestionForm
from civhub.events.models import Event, EventQuestion, Registration
from civhub.events.selectors import agenda as selectors
from civhub.events.services import registration as services
from civhub.events.services.events import save_event


def _event(centre, pk) -> Event:
    return get_object_or_404(selectors.with_counts(Event.objects.filter(centre=centre)), pk=pk)


@office_required
def manage(request, centre):
    """`events:manage`: every event with its places, waiting list and pending confirmations."""
    return render(request, "events/office/events.html",
                  {"centre": centre, "events": selectors.office_events(centre), "tab": "manage"})


@office_required
def event_new(request, centre):
    """`events:event_new`: a new event; the questions are added on the next page."""
    form = EventForm(request.POST or None, instance=Event(centre=centre))
    if request.method == "POST" and form.is_valid():
        event = save_event(event=form.save(commit=False), actor=request.user)
        messages.success(request, _("The event is saved. Add questions for the registration form if needed."))
        return redirect("events:event_edit", centre.slug, event.pk)
    return form_page(request, "events/office/event_form.html", {"centre": centre, "form": form, "tab": "manage"})


@office_required
def event_edit(request, centre, pk):
    """`events:event_edit`: change an event; its registration questions are listed and added here too."""
    event = _event(centre, pk)
    form = EventForm(request.POST or None, instance=event)
    revision = event.revision
    if request.method == "POST" and form.is_valid():
        done = attempt(request, form, lambda: save_event(event=form.save(commit=False), actor=request.user),
                       lambda saved: _("The event is saved.") if saved.revision == revision else
                       _("The event is saved. Everyone registered gets an e-mail with the new time or place."),
                       reverse("events:event_edit", args=[centre.slug, event.pk]))
        if done:
            return done
    return form_page(request, "events/office/event_form.html", {
        "centre": centre, "form": form, "event": event, "questions": event.questions.all(),
        "question_form": QuestionForm(), "tab": "manage",
    })


@office_required
@require_POST
def question_add(request, centre, pk):
    """`events:question_add`: add a question to the registration form (POST from the event's page)."""
    event = _event(centre, pk)
    form = QuestionForm(request.POST, instance=EventQuestion(event=event))
    if form.is_valid():
        with transaction.atomic():
            question = form.save()
            record_event(question, actor=request.user, action="question_added", centre=centre, summary=event.title)
        messages.success(request, _("The question is added to the registration form."))
    else:
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
    return redirect("events:event_edit", centre.slug, event.pk)


@office_required
def question_remove(request, centre, pk, question_pk):
    """`events:question_remove`: GET asks, POST removes a question (answers already given stay in registrations)."""
    event = _event(centre, pk)
    question = get_object_or_404(event.questions, pk=question_pk)
    if request.method == "POST":
        with transaction.atomic():
            record_event(question, actor=request.user, action="question_removed", centre=centre,
                         summary=question.label)
            question.delete()
        messages.success(request, _("The question is removed."))
        return redirect("events:event_edit", centre.slug, event.pk)
    return render(request, "events/office/question_remove.html", {
        "centre": centre, "event": event, "question": question, "tab": "manage"})


@office_required
def registrations(request, centre, pk):
    """`events:registrations`: the places, the waiting list in order, pending and cancelled registrations."""
    event = _event(centre, pk)
    return render(request, "events/office/registrations.html", {
        "centre": centre, "event": event, "registrations": selectors.registrations_of(event),
        "places_left": selectors.places_left(event), "questions": list(event.questions.all()), "tab": "manage",
    })


@office_required
def export(request, centre, pk, fmt):
    """`events:export`: the attendee list as CSV or XLSX (the same rows)."""
    if fmt not in TABLE_FORMATS:
        raise Http404
    event = _event(centre, pk)
    table = Table.from_rows(selectors.export_rows(event), sheet=_("Attendees"))
    return download([table], fmt, formats=ISO_DATES,
                    filename=f"deelnemers-{event.pk}-{event.starts_at:%Y-%m-%d}")


@office_required
def check_in(request, centre, pk):
    """`events:check_in`: the door list for a phone: search, and one button per person (POST, no JavaScript)."""
    event = _event(centre, pk)
    if request.method == "POST":
        chosen = request.POST.get("registration", "")  # isdecimal, not isdigit: int() refuses "²"
        person = get_object_or_404(event.registrations, pk=int(chosen) if chosen.isdecimal() else 0)
        present = request.POST.get("present") == "1"
        text = _("%(name)s is checked in.") if present else _("The check-in of %(name)s is undone.")
        query = request.POST.get("q", "")
        url = reverse("events:check_in", args=[centre.slug, event.pk])
        if query:
            url += "?" + urlencode({"q": query})
        return act(request, lambda: services.set_checked_in(registration=person, actor=request.user, present=present),
                   text % {"name": person.name or _("(anonymised)")}, url)
    search = request.GET.get("q", "").replace("\x00", "").strip()[:100]  # PostgreSQL refuses a NUL in a query
    return render(request, "events/office/check_in.html", {
        "centre": centre, "event": event, "people": selectors.check_in_list(event, search), "q": search,
        "tab": "manage",
    })


@office_required
def anonymise(request, centre, pk, registration_pk):
    """`events:anonymise`: GET asks, POST erases a registrant's personal data on their request (counts stay)."""
    event = _event(centre, pk)
    registration = get_object_or_404(Registration.objects.filter(event=event), pk=registration_pk)
    return confirm_then_act(
        request, "events/office/anonymise.html",
        {"centre": centre, "event": event, "registration": registration, "tab": "manage"},
        lambda: services.anonymise(registration=registration, actor=request.user),
        _("The personal data of this registration are erased; the counts stay."),
        reverse("events:registrations", args=[centre.slug, event.pk]))
