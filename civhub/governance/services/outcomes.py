"""What a meeting produced: minutes (published versions never change), numbered decisions and actions.

- Minutes are recorded per agenda item as a draft (version 1) until published; publishing freezes
  them. A correction afterwards is a new, published version with a reason.
- A decision is numbered per centre and year (SG-2026-03) under a row lock on the centre, so two
  recorders never get the same number; it needs a published agenda and a meeting that has started (before
  it, a proposed decision is prepared on the agenda item instead).
- An action's due date cannot lie before the meeting.
"""

from datetime import date
from functools import partial

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.accounts.notifications import notify
from civhub.core import hooks
from civhub.core.audit import record_event
from civhub.core.models import Centre
from civhub.governance.errors import GovernanceError
from civhub.governance.models import Action, Decision, Meeting, MinutesEntry, MinutesVersion
from civhub.governance.permissions import may_mark_done
from civhub.governance.services.meetings import ensure_editor

DECISION_PREFIX = "SG"


def _ensure_agenda_published(meeting, message) -> None:
    if meeting.status == Meeting.Status.DRAFT:
        raise GovernanceError(message)


def _lock(meeting) -> None:
    """Lock the meeting's row and bring the caller's copy up to date, so checks read what is stored now."""
    meeting.status = Meeting.objects.select_for_update().values_list("status", flat=True).get(pk=meeting.pk)


def _mark_held(meeting) -> None:
    """A meeting counts as held once it has started and something was recorded for it; never before."""
    if meeting.status == Meeting.Status.AGENDA_PUBLISHED and meeting.has_started:
        meeting.status = Meeting.Status.HELD
        meeting.save(update_fields=["status"])


def _write_entries(version, meeting, texts: dict) -> None:
    """Store the text per item (texts: {item id: text}); items of other meetings are ignored."""
    for item in meeting.items.all():
        MinutesEntry.objects.update_or_create(version=version, item=item,
                                              defaults={"text": (texts.get(item.pk) or "").strip()})


def draft_minutes(meeting) -> MinutesVersion | None:
    return meeting.minutes_versions.filter(published_at__isnull=True).first()


def record_minutes(*, meeting, actor, texts: dict) -> MinutesVersion:
    """Save the draft minutes per agenda item (refused once published: a change is then a correction)."""
    ensure_editor(actor, meeting.centre)
    with transaction.atomic():
        _lock(meeting)  # a publication in between would otherwise let this change published minutes
        _ensure_agenda_published(meeting, _("Minutes can only be recorded for a published agenda."))
        if meeting.minutes_are_published:
            raise GovernanceError(_("The minutes are published and can no longer change. Record a correction "
                                    "with a reason instead."))
        version, _created = MinutesVersion.objects.get_or_create(meeting=meeting, number=1)
        _write_entries(version, meeting, texts)
        _mark_held(meeting)
        record_event(version, actor=actor, action="minutes_recorded", centre=meeting.centre, summary=meeting.title)
    return version


def publish_minutes(*, meeting, actor) -> MinutesVersion:
    """Publish the draft minutes: from now on they never change."""
    ensure_editor(actor, meeting.centre)
    with transaction.atomic():
        _lock(meeting)
        if meeting.minutes_are_published:
            raise GovernanceError(_("The minutes of this meeting have already been published."))
        version = draft_minutes(meeting)
        if version is None or not version.entries.exclude(text="").exists():
            raise GovernanceError(_("Record the minutes of at least one agenda item before publishing them."))
        version.published_at, version.published_by = timezone.now(), actor
        version.save(update_fields=["published_at", "published_by"])
        meeting.status = Meeting.Status.MINUTES_PUBLISHED
        meeting.save(update_fields=["status"])
        record_event(version, actor=actor, action="minutes_published", centre=meeting.centre, summary=meeting.title)
    return version


def correct_minutes(*, meeting, actor, texts: dict, reason: str) -> MinutesVersion:
    """Publish a corrected version of published minutes, with the reason; earlier versions stay as they were."""
    ensure_editor(actor, meeting.centre)
    if not meeting.minutes_are_published:
        raise GovernanceError(_("Only published minutes are corrected; change the draft instead."))
    if not reason.strip():
        raise GovernanceError(_("Say why the minutes are corrected."), field="reason")
    with transaction.atomic():
        _lock(meeting)  # one correction at a time
        last = meeting.minutes_versions.aggregate(last=Max("number"))["last"] or 0
        version = MinutesVersion.objects.create(meeting=meeting, number=last + 1, published_at=timezone.now(),
                                                published_by=actor, correction_reason=reason.strip())
        _write_entries(version, meeting, texts)
        record_event(version, actor=actor, action="minutes_corrected", centre=meeting.centre,
                     summary=f"{meeting.title} v{version.number}: {reason.strip()}")
    return version


def record_decision(*, meeting, actor, text: str, item=None, decided_on: date | None = None) -> Decision:
    """Record a decision with the next number of the centre's year: SG-2026-03."""
    ensure_editor(actor, meeting.centre)
    _ensure_agenda_published(meeting, _("A decision can only be recorded for a published agenda."))
    if not meeting.has_started:
        raise GovernanceError(_("This meeting has not taken place yet: a decision can only be recorded once it has "
                                "started. Prepare the proposed decision on the agenda item instead."))
    if not text.strip():
        raise GovernanceError(_("Write down what was decided."), field="text")
    if item is not None and item.meeting_id != meeting.pk:
        raise GovernanceError(_("Choose an item of this meeting's agenda."), field="item")
    decided_on = decided_on or timezone.localtime(meeting.starts_at).date()
    with transaction.atomic():
        # The lock on the centre's row serialises numbering: two recorders never take the same number.
        Centre.objects.select_for_update().filter(pk=meeting.centre_id).first()
        last = Decision.objects.filter(centre=meeting.centre, year=decided_on.year).aggregate(
            last=Max("sequence"))["last"] or 0
        sequence = last + 1
        decision = Decision.objects.create(
            centre=meeting.centre, meeting=meeting, item=item, year=decided_on.year, sequence=sequence,
            number=f"{DECISION_PREFIX}-{decided_on.year}-{sequence:02d}", text=text.strip(), decided_on=decided_on,
            recorded_by=actor)
        _mark_held(meeting)
        record_event(decision, actor=actor, action="decision_recorded", centre=meeting.centre,
                     summary=f"{decision.number}: {decision.text}")
        hooks.publish("decision.recorded", meeting.centre, partial(recorded_payload, decision))
    return decision


def recorded_payload(decision: Decision) -> dict:
    """What a webhook tells of a recorded decision: the register's entry and its meeting, not who recorded it
    (docs/webhooks.md)."""
    return {"decision": {
        "id": decision.pk, "number": decision.number, "decided_on": decision.decided_on.isoformat(),
        "text": decision.text, "item_id": decision.item_id,
        "meeting": {"id": decision.meeting_id, "title": decision.meeting.title},
    }}


def record_action(*, meeting, actor, what: str, owner, due_date: date, item=None) -> Action:
    """Record an action agreed at the meeting: what, who, by when (not before the meeting)."""
    ensure_editor(actor, meeting.centre)
    _ensure_agenda_published(meeting, _("An action can only be recorded for a published agenda."))
    if not what.strip():
        raise GovernanceError(_("Describe the action."), field="what")
    if due_date < timezone.localtime(meeting.starts_at).date():
        raise GovernanceError(_("The due date lies before the meeting."), field="due_date")
    if item is not None and item.meeting_id != meeting.pk:
        raise GovernanceError(_("Choose an item of this meeting's agenda."), field="item")
    with transaction.atomic():
        action = Action.objects.create(centre=meeting.centre, meeting=meeting, item=item, what=what.strip(),
                                       owner=owner, due_date=due_date)
        _mark_held(meeting)
        record_event(action, actor=actor, action="action_recorded", centre=meeting.centre,
                     summary=f"{owner}: {action.what}")
        if owner.pk != actor.pk:
            notify([owner], template="governance/email/action_assigned", context={"action": action})
    return action


def mark_action_done(*, action, actor, done_on: date | None = None) -> Action:
    """The owner or the office marks an open action done."""
    if not may_mark_done(actor, action):
        raise GovernanceError(_("Only the action's owner or the programme office can mark it done."))
    if action.status != Action.Status.OPEN:
        raise GovernanceError(_("This action is no longer open."))
    with transaction.atomic():
        action.status, action.done_on = Action.Status.DONE, done_on or timezone.localdate()
        action.save(update_fields=["status", "done_on"])
        record_event(action, actor=actor, action="action_done", centre=action.centre, summary=action.what)
    return action
