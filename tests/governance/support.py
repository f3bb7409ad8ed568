"""Builders for the governance tests: meetings with an agenda, decisions and actions, written directly."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone

from civhub.governance.models import Action, AgendaItem, Decision, Meeting, MeetingDocument

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PDF_BYTES = b"%PDF-1.4\n% governance test\n"


def at(year, month, day, hour=14, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


def in_two_weeks() -> datetime:
    """A meeting time still to come, read from today's date when the test runs."""
    day = timezone.localdate() + timedelta(days=14)
    return at(day.year, day.month, day.day)


def meeting(centre, *, title="Stuurgroep voorjaar 2027", starts=None, status=Meeting.Status.AGENDA_PUBLISHED,
            kind=Meeting.Kind.STEERING_GROUP, items=2, **fields) -> Meeting:
    """A meeting (by default an upcoming steering-group meeting with a published agenda of two items)."""
    starts = starts or at(2027, 3, 18)
    made = Meeting.objects.create(centre=centre, title=title, kind=kind, starts_at=starts,
                                  ends_at=starts.replace(hour=starts.hour + 2), place="Leiden, Bio Science Park",
                                  status=status, **fields)
    for position in range(1, items + 1):
        AgendaItem.objects.create(meeting=made, position=position, title=f"Punt {position}",
                                  purpose=AgendaItem.Purpose.DECISION)
    return made


def document(meeting_, *, title="Begroting 2027") -> MeetingDocument:
    item = meeting_.items.first()
    made = MeetingDocument(item=item, title=title)
    made.file.save("begroting.pdf", ContentFile(PDF_BYTES), save=False)
    made.save()
    return made


def decision(meeting_, *, sequence=1, text="De stuurgroep stelt de begroting vast.") -> Decision:
    day = meeting_.starts_at.astimezone(AMSTERDAM).date()
    return Decision.objects.create(centre=meeting_.centre, meeting=meeting_, year=day.year, sequence=sequence,
                                   number=f"SG-{day.year}-{sequence:02d}", text=text, decided_on=day)


def action(meeting_, owner, *, due=date(2027, 4, 1), status=Action.Status.OPEN, what="Offerte laboratorium") -> Action:
    return Action.objects.create(centre=meeting_.centre, meeting=meeting_, owner=owner, what=what, due_date=due,
                                 status=status)
