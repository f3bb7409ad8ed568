"""The offerings as an iCalendar feed (`aanbod.ics`), for agendas and intranets that subscribe to it.

One all-day VEVENT per upcoming offering of a published course. iCalendar's DTEND is exclusive,
so an offering that ends on a Friday ends on the Saturday in the feed. The UID stays the same for
an offering whatever changes, so subscribers update the event instead of adding another.
"""

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from civhub.core.ical import one_line, text
from civhub.core.models import Centre
from civhub.learning.models import Offering


def offerings_calendar(centre: Centre, offerings: Iterable[Offering]) -> bytes:
    """The calendar for `offerings` (their course and provider selected), as the bytes of an .ics file."""
    calendar = Calendar()
    calendar.add("prodid", "-//civhub//leren//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", one_line(_("Courses of %(centre)s") % {"centre": centre.name}))
    stamp = timezone.now()
    for offering in offerings:
        calendar.add_component(_event(centre, offering, stamp))
    return calendar.to_ical()


def _event(centre: Centre, offering: Offering, stamp) -> Event:
    course = offering.course
    link = settings.SITE_URL + reverse("learning:course", args=[centre.slug, course.pk])
    event = Event()
    event.add("uid", f"offering-{offering.pk}@{centre.slug}.civhub")
    event.add("dtstamp", stamp)
    event.add("dtstart", offering.start_date)
    event.add("dtend", offering.end_date + timedelta(days=1))
    event.add("summary", one_line(course.title))
    event.add("location", one_line(offering.location))
    event.add("description", text(_("Provider: %(provider)s\n%(link)s")
                                  % {"provider": course.provider.organisation.name, "link": link}))
    event.add("url", link)
    return event
