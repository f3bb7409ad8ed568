"""Governance and events benchmark: the agenda, the registers and a meeting page as the data grows.

    python -m bench.governance                               # a temporary SQLite database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/civhub python -m bench.governance

For each size (1×, 10×, 100×) one centre gets 10 × size past steering-group meetings with five
agenda items, three decisions and three actions each, and 10 × size past events with 20
registrations each, plus one upcoming meeting and four upcoming events. The pages are timed through the
Django test client (the median of RUNS requests) and each is given as a ratio against the same page at
1× in this process, with the queries one request makes.

Targets (issue 7): the query count of every page is the same at every size, and every page but the
feed stays within 2.5× of its 1× time at 100× the data: the registers and the meetings list show 50 a
page, the agenda its upcoming events and the 30 most recent past ones. The iCalendar feed holds every
public event and meeting, so it grows with them (linearly, in a constant number of queries).
"""

import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.feed import setup_django
from bench.imports import scratch_database

RUNS = 7
SIZES = (1, 10, 100)
TARGET_RATIO = 2.5
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ROOT = Path(__file__).resolve().parent.parent


def make_governance(slug: str, size: int):
    """A centre with 10 × size past meetings and events, one upcoming meeting and four upcoming events."""
    from django.db import connection

    from bench.data import make_centre
    from civhub.accounts.models import Membership, Role, User
    from civhub.events.models import Event, Registration
    from civhub.governance.models import Action, AgendaItem, Decision, Meeting

    centre = make_centre(slug, 21)
    manager = User.objects.create_user(f"pm-{slug}@example.org", full_name="Bench Manager")
    Membership.objects.create(user=manager, centre=centre, role=Role.PROGRAMME_MANAGER)
    count = 10 * size
    first = datetime(2000, 1, 6, 15, tzinfo=AMSTERDAM)
    starts = [first + timedelta(days=7 * number) for number in range(count)] + [
        datetime.now(AMSTERDAM) + timedelta(days=30)
    ]
    meetings = Meeting.objects.bulk_create(
        Meeting(
            centre=centre,
            kind=Meeting.Kind.STEERING_GROUP,
            title=f"Stuurgroep {number}",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            status=Meeting.Status.MINUTES_PUBLISHED,
            is_public=True,
        )
        for number, start in enumerate(starts)
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=position, title=f"Punt {position}", purpose="decision")
        for meeting in meetings
        for position in range(1, 6)
    )
    Decision.objects.bulk_create(
        Decision(
            centre=centre,
            meeting=meeting,
            year=meeting.starts_at.year,
            sequence=3 * number + offset,
            number=f"SG-{meeting.starts_at.year}-{3 * number + offset:04d}",
            text=f"Besluit {number}.{offset}",
            decided_on=meeting.starts_at.date(),
        )
        for number, meeting in enumerate(meetings)
        for offset in (1, 2, 3)
    )
    Action.objects.bulk_create(
        Action(
            centre=centre,
            meeting=meeting,
            owner=manager,
            what=f"Actie {number}.{offset}",
            due_date=meeting.starts_at.date() + timedelta(days=30),
            status=Action.Status.OPEN if offset == 1 else Action.Status.DONE,
            done_on=None if offset == 1 else meeting.starts_at.date() + timedelta(days=20),
        )
        for number, meeting in enumerate(meetings)
        for offset in (1, 2, 3)
    )
    event_starts = starts[:count] + [datetime.now(AMSTERDAM) + timedelta(days=days) for days in (10, 20, 40, 80)]
    events = Event.objects.bulk_create(
        Event(
            centre=centre,
            title=f"Evenement {number}",
            kind=Event.Kind.WORK_CONFERENCE,
            audience=Event.Audience.PUBLIC,
            starts_at=start,
            ends_at=start + timedelta(hours=3),
            capacity=100,
        )
        for number, start in enumerate(event_starts)
    )
    Registration.objects.bulk_create(
        Registration(
            event=event,
            name=f"Deelnemer {person}",
            email=f"p{person}-{event.pk}@example.org",
            status=Registration.Status.CONFIRMED,
            token=f"{slug}-{event.pk}-{person}",
        )
        for event in events
        for person in range(20)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics, as a database in use has them after bulk inserts
    return centre, manager, meetings[-2], events[-1]


def urls(centre, meeting, event) -> dict[str, tuple[bool, str]]:
    """Page name → (signed in as the programme manager?, address)."""
    from django.urls import reverse

    slug = centre.slug
    return {
        "agenda (public)": (False, reverse("events:agenda", args=[slug])),
        "agenda feed .ics": (False, reverse("events:agenda_ics", args=[slug])),
        "decisions register": (True, reverse("governance:decisions", args=[slug])),
        "actions list": (True, reverse("governance:actions", args=[slug])),
        "meeting page": (True, reverse("governance:meeting", args=[slug, meeting.pk])),
        "event registrations": (True, reverse("events:registrations", args=[slug, event.pk])),
        "meetings list": (True, reverse("governance:meetings", args=[slug])),
    }


def timed_get(client, url: str) -> tuple[float, int]:
    """Median milliseconds of RUNS requests, and the queries one request makes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    durations = []
    for _ in range(RUNS):
        connection.queries_log.clear()  # the log keeps 9,000 queries; a full log would count nothing
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            durations.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(durations) * 1000, len(queries.captured_queries)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp, scratch_database(tmp) as database_url:
        setup_django(database_url)
        from django.db import connection
        from django.test import Client

        from bench.data import sign_in

        print(f"database {connection.vendor}")
        print(f"{'page':<22}{'meetings':>9}{'median ms':>11}{'ratio':>8}{'queries':>9}")
        baselines, queries_seen, failures = {}, {}, []
        for size in SIZES:
            centre, manager, meeting, event = make_governance(f"gov-{size}", size)
            office, visitor = Client(), Client()
            sign_in(office, manager)
            for page, (signed_in, url) in urls(centre, meeting, event).items():
                milliseconds, queries = timed_get(office if signed_in else visitor, url)
                baselines.setdefault(page, milliseconds)
                ratio = milliseconds / baselines[page]
                queries_seen.setdefault(page, set()).add(queries)
                if ratio > TARGET_RATIO and page != "agenda feed .ics":
                    failures.append(f"{page} at {size}×: {ratio:.2f}×")
                print(f"{page:<22}{10 * size:>9}{milliseconds:>11.1f}{ratio:>8.2f}{queries:>9}", flush=True)
        growing = [page for page, counts in queries_seen.items() if len(counts) > 1]
        failures += [f"{page}: queries grow" for page in growing]
        print("targets met" if not failures else "targets NOT met: " + "; ".join(failures))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
