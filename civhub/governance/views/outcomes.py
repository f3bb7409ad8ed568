"""The office records a meeting's outcome: minutes per item, decisions, actions; publishes and corrects minutes.

Every page is the office's (403 for others); the services refuse what the rules forbid (a decision
on an unpublished agenda, a due date before the meeting, a change to published minutes) and the
refusal comes back on the form.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civhub.core.views import act, attempt, confirm_then_act, form_page, posted
from civhub.governance.forms import ActionForm, DecisionForm, MinutesForm
from civhub.governance.models import Action
from civhub.governance.permissions import member_required, office_required
from civhub.governance.selectors.registers import meeting_page
from civhub.governance.services import outcomes
from civhub.governance.views.meetings import meeting_for, meeting_url


def _minutes_page(request, centre, meeting, *, correcting: bool):
    page = meeting_page(meeting)
    current = page.current_minutes
    form = MinutesForm(posted(request), items=page.items, correcting=correcting,
                       initial={f"item_{pk}": text for pk, text in page.minutes_by_item(current).items()})
    if form.is_bound and form.is_valid():
        if correcting:
            def call():
                outcomes.correct_minutes(meeting=meeting, actor=request.user, texts=form.texts(),
                                         reason=form.cleaned_data["reason"])
            message = _("The corrected minutes have been published as a new version.")
        else:
            def call():
                outcomes.record_minutes(meeting=meeting, actor=request.user, texts=form.texts())
            message = _("The draft minutes have been saved.")
        done = attempt(request, form, call, message, meeting_url(meeting, "#minutes"))
        if done:
            return done
    return form_page(request, "governance/minutes_form.html",
                     {"centre": centre, "meeting": meeting, "form": form, "correcting": correcting})


@office_required
def minutes(request, centre, pk):
    meeting = meeting_for(request, centre, pk)
    if meeting.minutes_are_published:
        messages.info(request, _("The minutes are published and can no longer change. Record a correction with a "
                                 "reason instead."))
        return redirect("governance:minutes_correct", centre.slug, meeting.pk)
    return _minutes_page(request, centre, meeting, correcting=False)


@office_required
def minutes_correct(request, centre, pk):
    meeting = meeting_for(request, centre, pk)
    if not meeting.minutes_are_published:
        return redirect("governance:minutes", centre.slug, meeting.pk)
    return _minutes_page(request, centre, meeting, correcting=True)


@office_required
def minutes_publish(request, centre, pk):
    meeting = meeting_for(request, centre, pk)
    return confirm_then_act(request, "governance/minutes_publish.html", {"centre": centre, "meeting": meeting},
                          lambda: outcomes.publish_minutes(meeting=meeting, actor=request.user),
                          _("The minutes have been published."), meeting_url(meeting, "#minutes"))


def _proposal_initial(request, meeting) -> dict:
    """Start from an agenda item's proposed decision (?item=<pk>), so a prepared proposal needs no retyping."""
    item = meeting.items.filter(pk=request.GET.get("item") or 0).first() if request.GET.get("item", "").isdecimal() \
        else None
    return {"item": item, "text": item.proposal} if item else {}


@office_required
def decision_new(request, centre, pk):
    meeting = meeting_for(request, centre, pk)
    form = DecisionForm(posted(request), meeting=meeting, initial=_proposal_initial(request, meeting))
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        done = attempt(request, form, lambda: outcomes.record_decision(
            meeting=meeting, actor=request.user, text=data["text"], item=data["item"]),
            _("The decision has been recorded."), meeting_url(meeting, "#decisions"))
        if done:
            return done
    return form_page(request, "governance/decision_form.html", {"centre": centre, "meeting": meeting, "form": form})


@office_required
def action_new(request, centre, pk):
    meeting = meeting_for(request, centre, pk)
    form = ActionForm(posted(request), meeting=meeting)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        done = attempt(request, form, lambda: outcomes.record_action(
            meeting=meeting, actor=request.user, what=data["what"], owner=data["owner"], due_date=data["due_date"],
            item=data["item"]), _("The action has been recorded."), meeting_url(meeting, "#actions"))
        if done:
            return done
    return form_page(request, "governance/action_form.html", {"centre": centre, "meeting": meeting, "form": form})


@member_required
@require_POST
def action_done(request, centre, action_pk):
    """The owner or the office marks an action done (a button on the actions list and the meeting page)."""
    action = get_object_or_404(Action.objects.select_related("meeting__centre", "centre"), centre=centre,
                               pk=action_pk)
    meeting_for(request, centre, action.meeting_id)
    return act(request, lambda: outcomes.mark_action_done(action=action, actor=request.user,
                                                          done_on=timezone.localdate()),
               _("The action has been marked done."), reverse("governance:actions", args=[centre.slug]))
