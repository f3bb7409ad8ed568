"""The office prepares meetings: the meeting itself, its agenda items and documents, and publishing the agenda.

Every rule is checked here before anything is written, whatever form calls; each refusal is a
GovernanceError with a message for people. Changes are audited in the same transaction.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.accounts.models import Membership, Role
from civhub.core.audit import record_event
from civhub.core.mail import send_after_commit
from civhub.governance.errors import GovernanceError
from civhub.governance.models import AgendaItem, Meeting, MeetingDocument
from civhub.governance.permissions import may_edit


@dataclass
class MeetingData:
    """What the office says about a meeting."""

    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    place: str = ""
    online_link: str = ""
    is_public: bool = False
    programme_line: object = None
    participants: list = field(default_factory=list)


@dataclass
class ItemData:
    """What the office says about an agenda item."""

    title: str
    purpose: str = AgendaItem.Purpose.INFORMATION
    presenter: str = ""
    duration_minutes: int = 15
    proposal: str = ""


def ensure_editor(actor, centre) -> None:
    if not may_edit(actor, centre):
        raise GovernanceError(_("Only the programme office can prepare meetings and record their outcome."))


def _check_meeting(centre, data: MeetingData) -> None:
    if not data.title.strip():
        raise GovernanceError(_("Give the meeting a title."), field="title")
    if data.ends_at <= data.starts_at:
        raise GovernanceError(_("The meeting ends before it starts."), field="ends_at")
    if not data.place.strip() and not data.online_link:
        raise GovernanceError(_("Give a place or an online link (or both)."), field="place")
    if data.programme_line is not None and data.programme_line.centre_id != centre.pk:
        raise GovernanceError(_("Choose one of the centre's programme lines."), field="programme_line")
    if data.kind == Meeting.Kind.WORKING_GROUP and data.programme_line is None:
        raise GovernanceError(_("A working group works on a programme line: choose the line."),
                              field="programme_line")


def _fields(data: MeetingData) -> dict:
    return {"title": data.title.strip(), "kind": data.kind, "starts_at": data.starts_at, "ends_at": data.ends_at,
            "place": data.place.strip(), "online_link": data.online_link, "is_public": data.is_public,
            "programme_line": data.programme_line}


def create_meeting(*, centre, actor, data: MeetingData) -> Meeting:
    """Plan a meeting; its agenda starts as a draft only the office sees."""
    ensure_editor(actor, centre)
    _check_meeting(centre, data)
    with transaction.atomic():
        meeting = Meeting.objects.create(centre=centre, **_fields(data))
        meeting.participants.set(data.participants)
        record_event(meeting, actor=actor, action="meeting_created", centre=centre, summary=meeting.title)
    return meeting


# What the people who received the agenda are told about when it changes: when and where.
NOTIFIED_FIELDS = ("starts_at", "ends_at", "place", "online_link")


def update_meeting(*, meeting, actor, data: MeetingData) -> Meeting:
    """Change a meeting's details (also after the agenda was published: a meeting can move, and then everyone
    who received the agenda gets an e-mail with the new time and place)."""
    ensure_editor(actor, meeting.centre)
    _check_meeting(meeting.centre, data)
    with transaction.atomic():
        fields = _fields(data)
        moved = meeting.agenda_is_published and any(getattr(meeting, name) != fields[name] for name in NOTIFIED_FIELDS)
        for name, value in fields.items():
            setattr(meeting, name, value)
        meeting.save()
        meeting.participants.set(data.participants)
        record_event(meeting, actor=actor, action="meeting_updated", centre=meeting.centre, summary=meeting.title)
        if moved:
            _send_to_recipients(meeting, "governance/email/meeting_moved")
    return meeting


def _ensure_agenda_open(meeting) -> None:
    if meeting.minutes_are_published:
        raise GovernanceError(_("The minutes of this meeting are published: its agenda can no longer change."))


def _check_item(data: ItemData) -> None:
    if not data.title.strip():
        raise GovernanceError(_("Give the agenda item a title."), field="title")
    if not 1 <= data.duration_minutes <= 480:
        raise GovernanceError(_("Give a duration between 1 and 480 minutes."), field="duration_minutes")


def add_item(*, meeting, actor, data: ItemData) -> AgendaItem:
    """Add an item at the end of the agenda."""
    ensure_editor(actor, meeting.centre)
    _ensure_agenda_open(meeting)
    _check_item(data)
    with transaction.atomic():
        last = meeting.items.aggregate(last=Max("position"))["last"] or 0
        item = AgendaItem.objects.create(meeting=meeting, position=last + 1, title=data.title.strip(),
                                         purpose=data.purpose, presenter=data.presenter.strip(),
                                         duration_minutes=data.duration_minutes, proposal=data.proposal.strip())
        record_event(item, actor=actor, action="agenda_item_added", centre=meeting.centre, summary=item.title)
    return item


def update_item(*, item, actor, data: ItemData) -> AgendaItem:
    ensure_editor(actor, item.meeting.centre)
    _ensure_agenda_open(item.meeting)
    _check_item(data)
    with transaction.atomic():
        item.title, item.purpose = data.title.strip(), data.purpose
        item.presenter, item.duration_minutes = data.presenter.strip(), data.duration_minutes
        item.proposal = data.proposal.strip()
        item.save()
        record_event(item, actor=actor, action="agenda_item_updated", centre=item.meeting.centre, summary=item.title)
    return item


def move_item(*, item, actor, up: bool) -> None:
    """Swap the item with its neighbour above (up) or below; the numbering is made 1, 2, 3... again."""
    meeting = item.meeting
    ensure_editor(actor, meeting.centre)
    _ensure_agenda_open(meeting)
    with transaction.atomic():
        items = list(meeting.items.select_for_update().order_by("position", "pk"))
        index = next(i for i, other in enumerate(items) if other.pk == item.pk)
        other = index - 1 if up else index + 1
        if 0 <= other < len(items):
            items[index], items[other] = items[other], items[index]
        for position, each in enumerate(items, start=1):
            if each.position != position:
                each.position = position
                each.save(update_fields=["position"])
        record_event(item, actor=actor, action="agenda_item_moved", centre=meeting.centre, summary=item.title)


def add_document(*, item, actor, title: str, file=None, link: str = "") -> MeetingDocument:
    """Attach a document (an uploaded file, already checked by the form, or a link) to an agenda item."""
    ensure_editor(actor, item.meeting.centre)
    _ensure_agenda_open(item.meeting)
    if not title.strip():
        raise GovernanceError(_("Give the document a title."), field="title")
    if bool(file) == bool(link):
        raise GovernanceError(_("Upload a file or give a link, one of the two."), field="file")
    with transaction.atomic():
        document = MeetingDocument(item=item, title=title.strip(), link=link)
        if file:
            document.file.save(file.name, file, save=False)
        document.save()
        record_event(document, actor=actor, action="meeting_document_added", centre=item.meeting.centre,
                     summary=document.title)
    return document


def delete_document(*, document, actor) -> None:
    meeting = document.item.meeting
    ensure_editor(actor, meeting.centre)
    _ensure_agenda_open(meeting)
    with transaction.atomic():
        record_event(document, actor=actor, action="meeting_document_removed", centre=meeting.centre,
                     summary=document.title)
        document.file.delete(save=False)
        document.delete()


def agenda_recipients(meeting) -> list:
    """Who receives the agenda: the participants and, for a meeting that is not a working group, the members."""
    people = {user.pk: user for user in meeting.participants.filter(is_active=True)}
    if meeting.kind != Meeting.Kind.WORKING_GROUP:
        members = Membership.objects.filter(centre=meeting.centre, role=Role.STEERING_MEMBER,
                                            user__is_active=True).select_related("user")
        people.update({membership.user_id: membership.user for membership in members})
    return sorted(people.values(), key=lambda user: user.email)


def publish_agenda(*, meeting, actor) -> Meeting:
    """Publish the agenda to the members: they can read it, and each gets an e-mail once the save commits."""
    ensure_editor(actor, meeting.centre)
    if meeting.status != Meeting.Status.DRAFT:
        raise GovernanceError(_("The agenda of this meeting has already been published."))
    if not meeting.items.exists():
        raise GovernanceError(_("Add at least one agenda item before publishing the agenda."))
    with transaction.atomic():
        meeting.status = Meeting.Status.AGENDA_PUBLISHED
        meeting.agenda_published_at = timezone.now()
        meeting.save(update_fields=["status", "agenda_published_at"])
        record_event(meeting, actor=actor, action="agenda_published", centre=meeting.centre, summary=meeting.title)
        _send_to_recipients(meeting, "governance/email/agenda_published")
    return meeting


def _send_to_recipients(meeting, template: str) -> None:
    """One e-mail per person who receives the agenda, in their language, once the transaction commits."""
    for person in agenda_recipients(meeting):
        send_after_commit(to=[person.email], template=template, context={"meeting": meeting, "person": person},
                          language=person.preferred_language)
