"""The decisions register, the actions list (and their exports), a meeting's page data and the dashboard card."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Case, F, Q, When
from django.utils.translation import gettext as _

from civhub.core.exports import Column, Kind, Table
from civhub.governance.models import Action, AgendaItem, Decision, Meeting, MinutesVersion
from civhub.governance.permissions import visible_meetings

NEWEST_DECISIONS = ("-decided_on", "-sequence")


def decisions(user, centre, *, year: int | None = None, text: str = "", ordering=NEWEST_DECISIONS):
    """The decisions of the meetings the user may open, in `ordering` (newest first), with their meeting and item."""
    rows = Decision.objects.filter(centre=centre, meeting__in=visible_meetings(user, centre))
    if year:
        rows = rows.filter(year=year)
    if text:
        rows = rows.filter(Q(text__icontains=text) | Q(number__icontains=text))
    return rows.select_related("meeting", "item").order_by(*ordering)


def decision_years(centre) -> list[int]:
    return list(Decision.objects.filter(centre=centre).values_list("year", flat=True).distinct().order_by("-year"))


def actions(user, centre, *, state: str = "", owner=None, today: date):
    """The actions of the meetings the user may open, with their owner and meeting: the open ones first by due
    date (the most urgent on top), then the others, the most recent first."""
    rows = Action.objects.filter(centre=centre, meeting__in=visible_meetings(user, centre))
    if state == "open":
        rows = rows.filter(status=Action.Status.OPEN)
    elif state == "overdue":
        rows = rows.filter(status=Action.Status.OPEN, due_date__lt=today)
    elif state == "done":
        rows = rows.filter(status=Action.Status.DONE)
    if owner is not None:
        rows = rows.filter(owner=owner)
    open_due = Case(When(status=Action.Status.OPEN, then=F("due_date")))
    return rows.select_related("owner", "meeting").order_by(open_due.asc(nulls_last=True), "-due_date", "-pk")


@dataclass
class MeetingPage:
    """Everything a meeting's page shows, loaded in a fixed number of queries."""

    meeting: Meeting
    items: list[AgendaItem]
    versions: list[MinutesVersion]
    decisions: list[Decision]
    actions: list[Action]
    participant_ids: set[int]

    @property
    def current_minutes(self) -> MinutesVersion | None:
        """The latest published version, else the draft."""
        published = [version for version in self.versions if version.published_at]
        return published[-1] if published else (self.versions[-1] if self.versions else None)

    @property
    def draft(self) -> MinutesVersion | None:
        return next((version for version in self.versions if version.published_at is None), None)

    def minutes_by_item(self, version) -> dict[int, str]:
        return {entry.item_id: entry.text for entry in version.entries.all()} if version else {}


def meeting_page(meeting: Meeting) -> MeetingPage:
    items = list(meeting.items.prefetch_related("documents").order_by("position", "pk"))
    _set_clock_times(meeting, items)
    versions = list(meeting.minutes_versions.select_related("published_by").prefetch_related("entries")
                    .order_by("number"))
    return MeetingPage(
        meeting=meeting, items=items, versions=versions,
        decisions=list(meeting.decisions.select_related("item").order_by("sequence")),
        actions=list(meeting.actions.select_related("owner").order_by("due_date", "pk")),
        participant_ids=set(meeting.participants.values_list("pk", flat=True)),
    )


def _set_clock_times(meeting: Meeting, items: list[AgendaItem]) -> None:
    """Give each item `starts_at`: the meeting's start plus the durations of the items before it."""
    clock = meeting.starts_at
    for item in items:
        item.starts_at = clock
        clock += timedelta(minutes=item.duration_minutes)


LATEST_FIRST = ("-starts_at", "-pk")


def meetings_split(user, centre, *, now, past_ordering=LATEST_FIRST):
    """The meetings the user may open: upcoming (a list, soonest first) and past (a queryset in `past_ordering`,
    latest first, for the page to paginate)."""
    meetings = visible_meetings(user, centre).distinct().select_related("programme_line")
    upcoming = list(meetings.filter(ends_at__gte=now).order_by("starts_at", "pk"))
    return upcoming, meetings.filter(ends_at__lt=now).order_by(*past_ordering)


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The centre's last meeting of the same kind before this one (its decisions start 'since the last')."""
    return (Meeting.objects.filter(centre=meeting.centre, kind=meeting.kind, starts_at__lt=meeting.starts_at)
            .order_by("-starts_at").first())


def overdue_panel(centre, *, today: date, now) -> dict:
    """The office dashboard's card: the overdue actions (a few, and how many) and the next meeting."""
    overdue = Action.objects.filter(centre=centre, status=Action.Status.OPEN, due_date__lt=today)
    return {
        "overdue": list(overdue.select_related("owner").order_by("due_date", "pk")[:5]),
        "overdue_count": overdue.count(),
        "next_meeting": (Meeting.objects.filter(centre=centre, starts_at__gte=now).order_by("starts_at").first()),
    }




# The exports: Dutch headings (build and write them under translation.override(PDF_LANGUAGE)), dates as dates.


def _register_table(sheet: str, columns: list[Column], rows) -> Table:
    return Table(sheet=sheet, title=sheet, columns=columns, rows=rows)


def decisions_table(decisions) -> Table:
    """One row per decision: number, date, decision, meeting, agenda item."""
    columns = [Column(_("Number"), width=30), Column(_("Decided on"), kind=Kind.DATE, width=14),
               Column(_("Decision"), width=30), Column(_("Meeting"), width=30), Column(_("Agenda item"), width=30)]
    rows = ([decision.number, decision.decided_on, decision.text, decision.meeting.title,
             decision.item.title if decision.item else ""] for decision in decisions)
    return _register_table(_("Decisions"), columns, rows)


def actions_table(actions, *, today: date) -> Table:
    """One row per action: what, owner, due date, status (overdue spelled out), done on, meeting."""
    columns = [Column(_("Action"), width=30), Column(_("Owner"), width=30),
               Column(_("Due date"), kind=Kind.DATE, width=14), Column(_("Status"), width=30),
               Column(_("Done on"), kind=Kind.DATE, width=14), Column(_("Meeting"), width=30)]
    rows = ([action.what, str(action.owner), action.due_date,
             _("overdue") if action.is_overdue(today) else action.get_status_display(), action.done_on,
             action.meeting.title] for action in actions)
    return _register_table(_("Actions"), columns, rows)
