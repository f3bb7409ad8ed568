"""Events and meetings as iCalendar: the agenda feed, a person's own feed, the attachment of a confirmation.

Times are written in Europe/Amsterdam with a VTIMEZONE, so calendars show 10:00 local on both
sides of a daylight-saving change. The UID of an event or meeting never changes, so subscribers
update it instead of adding another. The feeds list two years back and everything ahead (`in_window`).
"""

from collections.abc import Iterable
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from civhub.core.ical import one_line, text
from civhub.core.models import Centre
from civhub.events.models import Event

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
WINDOW_DAYS = 2 * 365  # how far back a feed reaches


def in_window(queryset):
    """What a feed lists of `queryset` (events or meetings): from two years back on.

    A calendar app keeps what it fetched before, so older items add nothing; without a window the feed would
    grow with every year the centre runs and take longer to build and fetch each time.
    """
    return queryset.filter(starts_at__gte=timezone.now() - timedelta(days=WINDOW_DAYS))


def calendar(name: str, centre: Centre, *, events: Iterable[Event] = (), meetings: Iterable = ()) -> bytes:
    """One calendar with a VEVENT per event and per meeting of `centre`, as the bytes of an .ics file."""
    cal = Calendar()
    cal.add("prodid", "-//civhub//agenda//NL")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", one_line(name))
    cal.add("x-wr-timezone", "Europe/Amsterdam")
    stamp = timezone.now()
    for event in events:
        cal.add_component(_event(centre, event, stamp))
    for meeting in meetings:
        cal.add_component(_meeting(centre, meeting, stamp))
    cal.add_missing_timezones()
    return cal.to_ical()


def _vevent(uid: str, stamp, starts_at, ends_at, summary: str, location: str, link: str, description: str,
            sequence: int = 0):
    vevent = VEvent()
    vevent.add("uid", uid)
    vevent.add("sequence", sequence)
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", starts_at.astimezone(AMSTERDAM))
    vevent.add("dtend", ends_at.astimezone(AMSTERDAM))
    vevent.add("summary", one_line(summary))
    if location:
        vevent.add("location", one_line(location))
    vevent.add("description", text(f"{description}\n\n{link}".strip()))
    vevent.add("url", link)
    return vevent


def _event(centre: Centre, event: Event, stamp):
    link = settings.SITE_URL + reverse("events:event", args=[centre.slug, event.pk])
    return _vevent(f"event-{event.pk}@{centre.slug}.civhub", stamp, event.starts_at, event.ends_at, event.title,
                   event.location, link, event.description, sequence=event.revision)


def _meeting(centre: Centre, meeting, stamp):
    # `centre`, not meeting.centre: the meetings come without their centre, and one query each would add up.
    link = meeting.online_link or settings.SITE_URL + reverse("events:agenda", args=[centre.slug])
    return _vevent(f"meeting-{meeting.pk}@{centre.slug}.civhub", stamp, meeting.starts_at, meeting.ends_at,
                   meeting.title, meeting.place, link, "")


def event_attachment(event: Event) -> tuple[str, bytes, str]:
    """The .ics attachment of a confirmation e-mail: (file name, content, MIME type)."""
    return f"event-{event.pk}.ics", calendar(event.title, event.centre, events=[event]), "text/calendar"
