"""The public side: the agenda, an event with its registration form, a registrant's own links, the feeds.

The agenda and public events are open to anyone. Partner events need a signed-in partner (or the
office). A registration's personal pages work with its secret token only, without an account.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from civhub.core.clients import client_address
from civhub.core.models import Centre
from civhub.core.views import act, confirm_then_act, posted
from civhub.events.errors import EventError
from civhub.events.forms import RegistrationForm
from civhub.events.ical import calendar, in_window
from civhub.events.models import Event, Registration
from civhub.events.permissions import is_member, may_register, may_see_event, sees_partner_events
from civhub.events.selectors import agenda as selectors
from civhub.events.services import registration as services
from civhub.governance.selectors.steering import meetings_for_agenda


def _centre(slug) -> Centre:
    return get_object_or_404(Centre, slug=slug)


def agenda(request, slug):
    """`events:agenda`: upcoming events and public meetings in date order, past events below."""
    centre = _centre(slug)
    upcoming, past = selectors.upcoming_and_past(centre, partner=sees_partner_events(request.user, centre))
    meetings = meetings_for_agenda(centre, public_only=True).filter(ends_at__gte=timezone.now())
    items = sorted([("event", event.starts_at, event) for event in upcoming]
                   + [("meeting", meeting.starts_at, meeting) for meeting in meetings], key=lambda item: item[1])
    return render(request, "events/agenda.html", {
        "centre": centre, "items": items, "past": past,
        "member": is_member(request.user, centre),
    })


def _visible_event(request, centre, pk) -> Event:
    """The event, or the answer for who may not see it: login for a visitor, 403 inside the centre, else 404."""
    event = get_object_or_404(selectors.with_counts(Event.objects.filter(centre=centre)), pk=pk)
    if may_see_event(request.user, event):
        return event
    if not request.user.is_authenticated:
        raise _LoginNeeded
    if is_member(request.user, centre):
        raise PermissionDenied
    raise Http404


class _LoginNeeded(Exception):
    """A visitor asked for a partner event: send them to the login page."""


def event(request, slug, pk):
    """`events:event`: the event and its registration form (POSTed here); says so when it is full or closed."""
    centre = _centre(slug)
    try:
        event = _visible_event(request, centre, pk)
    except _LoginNeeded:
        return redirect_to_login(request.get_full_path())
    left = selectors.places_left(event)
    form = _form(request, event, full=left == 0)
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif form.is_spam():
            messages.success(request, _("Thank you for registering."))
            return redirect("events:event", centre.slug, event.pk)
        else:
            try:
                registration = services.register(
                    event=event, data=form.registration(), actor=request.user, ip_address=client_address(request),
                    language=get_language(), waiting_list=bool(form.cleaned_data.get("waiting_list")))
            except EventError as error:
                form.add_error(None, str(error))
                status = 400
            else:
                return _after_registering(request, centre, event, registration)
    return render(request, "events/event.html", {
        "centre": centre, "event": event, "form": form, "places_left": left,
        "closed": timezone.now() >= event.closes_at(), "may_register": may_register(request.user, event),
    }, status=status)


def _after_registering(request, centre, event, registration):
    """A known partner sees their registration; a visitor is told to check their mail.

    The visitor's personal link is not shown in the browser: it reaches them only by e-mail, which
    is what makes the confirmation prove that the address is theirs (double opt-in).
    """
    if registration.status != Registration.Status.PENDING:
        return redirect("events:registration", centre.slug, registration.token)
    messages.warning(request, _("Almost done: we have sent an e-mail to %(email)s. Open the link in it to confirm "
                                "your registration; until then it holds no place.") % {"email": registration.email})
    return redirect("events:event", centre.slug, event.pk)


def _form(request, event, *, full: bool) -> RegistrationForm:
    """The registration form; a signed-in person finds their own name and address filled in."""
    initial = {}
    if request.user.is_authenticated:
        initial = {"name": request.user.get_full_name(), "email": request.user.email}
    return RegistrationForm(posted(request), initial=initial,
                            questions=event.questions.all(), full=full)


def _by_token(centre, token) -> Registration:
    """The registration behind a personal link; a wrong, foreign or anonymised one is a 404."""
    return get_object_or_404(Registration.objects.select_related("event__centre"), token=token,
                             event__centre=centre, anonymised_at__isnull=True)


def registration(request, slug, token):
    """`events:registration`: what someone's personal link shows: their status and their answers."""
    centre = _centre(slug)
    registration = _by_token(centre, token)
    return render(request, "events/registration.html", {
        "centre": centre, "registration": registration, "event": registration.event,
        "position": services.waiting_position(registration),
    })


def confirm(request, slug, token):
    """`events:confirm`: the e-mail link; GET asks to confirm (mail scanners open links), POST confirms."""
    centre = _centre(slug)
    registration = _by_token(centre, token)
    return confirm_then_act(
        request, "events/confirm.html", {"centre": centre, "registration": registration, "event": registration.event},
        lambda: services.confirm(registration=registration),
        _("Thank you: your e-mail address is confirmed. We have sent you an e-mail with the details and a calendar "
          "file."), reverse("events:registration", args=[centre.slug, registration.token]))


def cancel(request, slug, token):
    """`events:cancel`: GET shows what will be cancelled, POST cancels (the link is the key)."""
    centre = _centre(slug)
    registration = _by_token(centre, token)
    if request.method == "POST":
        return act(request, lambda: services.cancel(registration=registration, actor=request.user),
                   _("Your registration is cancelled. You will receive a confirmation by e-mail."),
                   reverse("events:registration", args=[centre.slug, registration.token]))
    return render(request, "events/cancel.html", {
        "centre": centre, "registration": registration, "event": registration.event,
        "position": services.waiting_position(registration),
    })


def agenda_ics(request, slug):
    """`events:agenda_ics`: the public events and public meetings as an iCalendar feed."""
    centre = _centre(slug)
    events = Event.objects.filter(centre=centre, audience=Event.Audience.PUBLIC).order_by("starts_at", "pk")
    content = calendar(_("Agenda of %(centre)s") % {"centre": centre.name}, centre, events=in_window(events),
                       meetings=in_window(meetings_for_agenda(centre, public_only=True)))
    return ics_response(content, f"agenda-{centre.slug}.ics")


def ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
