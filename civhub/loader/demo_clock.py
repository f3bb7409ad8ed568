"""The demo's history is replayed through civhub's own services, each step at the moment it happened.

The ledger records who did what and when (acceptance dates, audit events, the hash chain),
and "as of" reports count entries by the day they were accepted. A demo whose 2024 entries
were all accepted on the day the demo was loaded would tell a false story, so the demo sets
the clock that Django's `timezone.now()` reads to each moment of its history while it calls
the services. Only the demo loader uses this; nothing in the running site does.
"""

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from unittest import mock

from django.utils import timezone


def moment(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """A time of day in the site's time zone, in UTC as `timezone.now()` gives it."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute))).astimezone(UTC)


@contextmanager
def clock_at(day: date, hour: int = 10, minute: int = 0):
    """Within the block, `timezone.now()` (and so `localdate()`) says `day` at `hour`:`minute`.

    A day in the future of the real clock is refused: the demo never pretends a thing happened later than now.
    """
    at = moment(day, hour, minute)
    if at > timezone.now():
        raise ValueError(f"the demo clock cannot run ahead of today: {day}")
    with mock.patch("django.utils.timezone.now", new=lambda: at):
        yield at


@dataclass(frozen=True)
class Event:
    """One step of the demo's history: what happens (`run`), and when."""

    at: datetime
    run: Callable[[], object]


def at(day: date, hour: int, minute: int, run: Callable[[], object]) -> Event:
    return Event(moment(day, hour, minute), run)


def replay(events: list[Event]) -> None:
    """Run the events in the order they happened (steps at the same moment in the order given), each at its moment."""
    now = timezone.now()
    for event in sorted(events, key=lambda event: event.at):
        if event.at > now:
            raise ValueError(f"the demo clock cannot run ahead of today: {event.at}")
        with mock.patch("django.utils.timezone.now", new=lambda at=event.at: at):
            event.run()
