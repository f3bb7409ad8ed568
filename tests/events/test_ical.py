"""The agenda feed, a person's own feed, and their times in Europe/Amsterdam across the DST changes."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from civhub.events.ical import event_attachment
from civhub.events.models import Event
from civhub.events.services.feeds import feed_token, renew_feed_token
from tests.events.factories import EventFactory, RegistrationFactory
from tests.governance.support import meeting
from tests.partners.factories import count_queries

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
pytestmark = pytest.mark.django_db


def _parse(response) -> Calendar:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def _local(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=AMSTERDAM)


def _last_sunday(year: int, month: int) -> datetime.date:
    day = datetime.date(year, month, 31)
    return day - datetime.timedelta(days=(day.weekday() + 1) % 7)


def test_agenda_feed_keeps_local_times_across_the_dst_changes(client, centre):
    # Next year's changes (the last Sundays of March and October): the feed lists two years back and all ahead.
    year = timezone.localdate().year + 1
    spring_day, autumn_day = _last_sunday(year, 3), _last_sunday(year, 10)
    spring = EventFactory(centre=centre, title="Open labdag", starts_at=_local(spring_day, 10),
                          ends_at=_local(spring_day, 12))
    autumn = EventFactory(centre=centre, title="Informatiesessie", starts_at=_local(autumn_day, 10),
                          ends_at=_local(autumn_day, 12))
    EventFactory(centre=centre, title="Alleen partners", audience=Event.Audience.PARTNERS)
    calendar = _parse(client.get(reverse("events:agenda_ics", args=[centre.slug])))
    vevents = {str(vevent["summary"]): vevent for vevent in calendar.walk("VEVENT")}
    assert set(vevents) == {"Open labdag", "Informatiesessie"}
    for event, offset in ((spring, 2), (autumn, 1)):  # summer time (+02:00) begins on the spring day, ends on autumn's
        start = vevents[event.title].decoded("dtstart")
        assert (start.hour, start.minute) == (10, 0) and start.utcoffset() == datetime.timedelta(hours=offset)
        assert vevents[event.title]["dtstart"].params["TZID"] == "Europe/Amsterdam"
        assert start == event.starts_at
    assert calendar.walk("VTIMEZONE")  # calendars need the zone's rules to show the right local time
    assert vevents["Open labdag"]["uid"] == f"event-{spring.pk}@{centre.slug}.civhub"


def test_the_feeds_list_two_years_back_and_everything_ahead(client, centre, partner_a_contact):
    now = timezone.now()
    EventFactory(centre=centre, title="Te oud", starts_at=now - datetime.timedelta(days=2 * 365 + 2),
                 ends_at=now - datetime.timedelta(days=2 * 365 + 1))
    EventFactory(centre=centre, title="Vorig jaar", starts_at=now - datetime.timedelta(days=400),
                 ends_at=now - datetime.timedelta(days=399))
    EventFactory(centre=centre, title="Over vijf jaar", starts_at=now + datetime.timedelta(days=5 * 365),
                 ends_at=now + datetime.timedelta(days=5 * 365, hours=2))
    meeting(centre, title="Oud partneroverleg", is_public=True, kind="partner_consultation",
            starts=_local(timezone.localdate() - datetime.timedelta(days=3 * 365), 10))
    meeting(centre, title="Nieuw partneroverleg", is_public=True, kind="partner_consultation",
            starts=_local(timezone.localdate() + datetime.timedelta(days=10), 10))
    agenda = _parse(client.get(reverse("events:agenda_ics", args=[centre.slug])))
    summaries = " ".join(str(vevent["summary"]) for vevent in agenda.walk("VEVENT"))
    assert "Te oud" not in summaries and "Oud partneroverleg" not in summaries
    assert all(title in summaries for title in ("Vorig jaar", "Over vijf jaar", "Nieuw partneroverleg"))
    own = client.get(reverse("events:personal_ics", args=[centre.slug, feed_token(user=partner_a_contact).token]))
    assert "Te oud" not in own.content.decode()


def test_personal_feed_has_partner_events_and_works_with_its_token_only(client, centre, partner_a_contact):
    EventFactory(centre=centre, title="Werkconferentie partners", audience=Event.Audience.PARTNERS)
    public = EventFactory(centre=centre, title="Open labdag")
    RegistrationFactory(event=public, user=partner_a_contact, email=partner_a_contact.email)
    EventFactory(centre=centre, title="Informatiesessie")  # public and not registered: not in the own feed
    token = feed_token(user=partner_a_contact).token
    url = reverse("events:personal_ics", args=[centre.slug, token])
    titles = {str(vevent["summary"]) for vevent in _parse(client.get(url)).walk("VEVENT")}
    assert titles == {"Werkconferentie partners", "Open labdag"}
    renew_feed_token(user=partner_a_contact)
    assert client.get(url).status_code == 404


def test_feed_page_shows_the_url_and_post_replaces_it(persona_client, centre, partner_a_contact):
    client = persona_client("partner_a_contact")
    old = feed_token(user=partner_a_contact).token
    page = client.get(reverse("events:feed", args=[centre.slug]))
    assert old in page.content.decode()
    client.post(reverse("events:feed", args=[centre.slug]))
    assert feed_token(user=partner_a_contact).token != old


def test_the_agenda_feed_reads_a_fixed_number_of_queries_whatever_it_holds(client, centre):
    url = reverse("events:agenda_ics", args=[centre.slug])

    def add(count):
        for number in range(count):
            EventFactory(centre=centre)
            meeting(centre, title=f"Partneroverleg {number}", is_public=True, kind="partner_consultation",
                    starts=_local(datetime.date(2027, 1, 1 + number), 16))

    add(2)
    few = count_queries(client, url)
    add(6)
    assert count_queries(client, url) == few


# Hostile text (docs/security.md, "Hostile input") --------------------------------------------------------------------

HOSTILE = "Open\r\nlabdag; met, komma\\ en\rCR\nLF"


def test_titles_places_and_a_centre_name_with_line_breaks_and_separators_make_a_valid_calendar(client, centre):
    centre.name = "Centrum\nNoord; Oost, West"
    centre.save(update_fields=["name"])
    event = EventFactory(centre=centre, title=HOSTILE, location="Lab\n2; hal, B", description="Regel 1\r\nRegel 2")
    response = client.get(reverse("events:agenda_ics", args=[centre.slug]))
    calendar = _parse(response)  # every content line parses
    assert "X-WR-CALNAME:Agenda van Centrum Noord\\; Oost\\, West" in response.content.decode()
    summaries = {str(vevent["summary"]) for vevent in calendar.walk("VEVENT")}
    assert "Open labdag; met, komma\\ en CR LF" in summaries
    [vevent] = [vevent for vevent in calendar.walk("VEVENT") if str(vevent["uid"]).startswith("event-")]
    assert str(vevent["location"]) == "Lab 2; hal, B"
    assert str(vevent["description"]).startswith("Regel 1\nRegel 2")
    filename, content, _ = event_attachment(event)  # the confirmation's attachment: what broke registrations
    assert Calendar.from_ical(content).walk("VEVENT")[0]["summary"] == "Open labdag; met, komma\\ en CR LF"
