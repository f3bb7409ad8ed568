"""The pages: registering and confirming through the views, the office's lists, export, check-in, query counts."""

import io
from urllib.parse import urlsplit

import openpyxl
import pytest
from django.core import mail
from django.urls import reverse

from civhub.events.models import Event, Registration
from tests.events.factories import EventFactory, QuestionFactory, RegistrationFactory, in_days
from tests.partners.factories import count_queries

Status = Registration.Status
pytestmark = pytest.mark.django_db


def test_visitor_registers_with_answers_and_confirms_by_the_link(client, centre, django_capture_on_commit_callbacks):
    event = EventFactory(centre=centre)
    question = QuestionFactory(event=event, kind="choice", choices="geen\nvegetarisch", required=True)
    url = reverse("events:event", args=[centre.slug, event.pk])
    data = {"name": "Fatima El Amrani", "email": "fatima@example.org", f"q{question.pk}": "vegetarisch"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    registration = Registration.objects.get()
    assert response.status_code == 302 and registration.status == Status.PENDING
    assert registration.token not in response["Location"]  # the link to confirm goes by e-mail only
    assert registration.answers == {"Dieetwensen": "vegetarisch"}
    link = next(line for line in mail.outbox[0].body.splitlines() if "/bevestigen/" in line)
    path = urlsplit(link.strip()).path
    assert client.get(path).status_code == 200  # GET only asks; a mail scanner's click confirms nothing
    registration.refresh_from_db()
    assert registration.status == Status.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_required_question_and_honeypot(client, centre):
    event = EventFactory(centre=centre)
    QuestionFactory(event=event, required=True)
    url = reverse("events:event", args=[centre.slug, event.pk])
    assert client.post(url, {"name": "A", "email": "a@example.org"}).status_code == 400
    client.post(url, {"name": "Bot", "email": "bot@example.org", "nickname": "x"})
    assert not Registration.objects.exists()


def test_full_event_page_offers_the_waiting_list(client, centre):
    event = EventFactory(centre=centre, capacity=1)
    RegistrationFactory(event=event)
    url = reverse("events:event", args=[centre.slug, event.pk])
    page = client.get(url).content.decode()
    assert 'name="waiting_list"' in page
    assert client.post(url, {"name": "A", "email": "a@example.org"}).status_code == 400
    assert client.post(url, {"name": "A", "email": "a@example.org", "waiting_list": "on"}).status_code == 302


def test_cancel_link_get_shows_post_cancels(client, centre):
    registration = RegistrationFactory(event=EventFactory(centre=centre))
    url = reverse("events:cancel", args=[centre.slug, registration.token])
    assert client.get(url).status_code == 200
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    client.post(url)
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


def test_anonymised_registration_link_is_gone(client, centre, persona_client):
    event = EventFactory(centre=centre)
    registration = RegistrationFactory(event=event)
    persona_client("programme_manager").post(
        reverse("events:anonymise", args=[centre.slug, event.pk, registration.pk]))
    assert client.get(reverse("events:registration", args=[centre.slug, registration.token])).status_code == 404


def test_office_creates_an_event_and_refuses_an_end_before_the_start(persona_client, centre):
    client = persona_client("programme_manager")
    data = {"kind": "open_lab_day", "title": "Open labdag", "audience": "public", "location": "Leiden",
            "starts_at": "2026-12-10T14:00", "ends_at": "2026-12-10T10:00", "capacity": "20"}
    response = client.post(reverse("events:event_new", args=[centre.slug]), data)
    assert response.status_code == 400 and not Event.objects.exists()
    assert "Het evenement eindigt voordat het begint" in response.content.decode()  # the page is Dutch
    client.post(reverse("events:event_new", args=[centre.slug]), {**data, "ends_at": "2026-12-10T16:00"})
    event = Event.objects.get()
    assert event.starts_at.hour == 13  # 14:00 in Amsterdam is 13:00 UTC in December
    client.post(reverse("events:question_add", args=[centre.slug, event.pk]),
                {"label": "Welke workshop?", "kind": "choice", "choices": "Robotica\nData"})
    assert event.questions.get().options() == ["Robotica", "Data"]


def test_check_in_by_post_and_search(persona_client, centre):
    event = EventFactory(centre=centre)
    anna = RegistrationFactory(event=event, name="Anna Jansen")
    RegistrationFactory(event=event, name="Bram de Boer")
    client = persona_client("programme_manager")
    url = reverse("events:check_in", args=[centre.slug, event.pk])
    page = client.get(url, {"q": "anna"}).content.decode()
    assert "Anna Jansen" in page and "Bram de Boer" not in page
    response = client.post(url, {"registration": anna.pk, "present": "1", "q": "anna"})
    assert response.status_code == 302 and response["Location"].endswith("?q=anna")
    anna.refresh_from_db()
    assert anna.checked_in_at is not None
    client.post(url, {"registration": anna.pk, "present": "0"})
    anna.refresh_from_db()
    assert anna.checked_in_at is None


def test_export_csv_and_xlsx_have_the_same_rows(persona_client, centre):
    event = EventFactory(centre=centre)
    QuestionFactory(event=event)
    RegistrationFactory(event=event, name="=HYPERLINK()", answers={"Dieetwensen": "halal"})
    RegistrationFactory(event=event, status=Status.CANCELLED)
    client = persona_client("programme_manager")
    csv_text = client.get(reverse("events:export", args=[centre.slug, event.pk, "csv"])).content.decode("utf-8-sig")
    lines = csv_text.strip().splitlines()
    assert len(lines) == 2 and lines[1].startswith("'=HYPERLINK()") and lines[1].endswith("halal")
    xlsx = client.get(reverse("events:export", args=[centre.slug, event.pk, "xlsx"])).content
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    assert sheet.max_row == 2 and sheet.cell(2, 1).value == "=HYPERLINK()" and sheet.cell(2, 7).value == "halal"


def test_agenda_lists_upcoming_above_past_and_hides_partner_events_from_visitors(client, centre):
    EventFactory(centre=centre, title="Open labdag 2026")
    EventFactory(centre=centre, title="Werkconferentie 2021", starts_at=in_days(-400, 13), ends_at=in_days(-400, 17))
    EventFactory(centre=centre, title="Alleen voor partners", audience=Event.Audience.PARTNERS)
    page = client.get(reverse("events:agenda", args=[centre.slug])).content.decode()
    assert page.index("Open labdag 2026") < page.index("Werkconferentie 2021")
    assert "Alleen voor partners" not in page


def _events(centre, count):
    for number in range(count):
        event = EventFactory(centre=centre, capacity=2)
        RegistrationFactory(event=event)
        EventFactory(centre=centre, starts_at=in_days(-10 - number, 10), ends_at=in_days(-10 - number, 12))


@pytest.mark.parametrize("url_name", ["events:agenda", "events:manage"])
def test_query_counts_do_not_grow(persona_client, centre, url_name):
    client = persona_client("programme_manager")
    url = reverse(url_name, args=[centre.slug])
    _events(centre, 2)
    few = count_queries(client, url)
    _events(centre, 4)
    assert count_queries(client, url) == few


def test_registrations_and_check_in_query_counts_do_not_grow(persona_client, centre, partner_a):
    client = persona_client("programme_manager")
    event = EventFactory(centre=centre, capacity=None)
    urls = [reverse(name, args=[centre.slug, event.pk]) for name in ("events:registrations", "events:check_in")]
    RegistrationFactory.create_batch(2, event=event, partnership=partner_a)
    few = [count_queries(client, url) for url in urls]
    RegistrationFactory.create_batch(4, event=event, partnership=partner_a)
    assert [count_queries(client, url) for url in urls] == few
