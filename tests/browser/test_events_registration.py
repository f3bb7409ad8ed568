"""The agenda in Chromium: a visitor finds the work conference, registers, and confirms by the link in the e-mail
(read from the locmem outbox: the live server runs in this process). The agenda, the event page and the
registration page pass axe-core and reflow at 320 px; the agenda is screenshotted."""

from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse

from civhub.events.models import Event, Registration
from tests.browser.support import assert_accessible, assert_reflows, screenshot, submit
from tests.events.factories import EventFactory, QuestionFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.browser


@pytest.fixture
def agenda(centre):
    conference = EventFactory(centre=centre, title="Werkconferentie van en voor alle partners", capacity=40,
                              starts_at=in_days(20, 13), ends_at=in_days(20, 17), location="Naturalis, Leiden")
    QuestionFactory(event=conference, label="Welke workshop kiest u?", kind="choice",
                    choices="Robotica in het lab\nData en kwaliteit")
    full = EventFactory(centre=centre, title="Informatiesessie Leven Lang Ontwikkelen", capacity=1,
                        kind=Event.Kind.INFORMATION_SESSION, starts_at=in_days(40, 16), ends_at=in_days(40, 18))
    RegistrationFactory(event=full)
    EventFactory(centre=centre, title="Open labdag Bio Science Park", kind=Event.Kind.OPEN_LAB_DAY, capacity=None,
                 starts_at=in_days(60, 10), ends_at=in_days(60, 15), location="Technolab Leiden")
    EventFactory(centre=centre, title="Brainstormsessie programmalijnen", kind=Event.Kind.BRAINSTORM,
                 starts_at=in_days(-300, 14), ends_at=in_days(-300, 17))
    return conference


def test_a_visitor_registers_for_the_work_conference_and_confirms_by_e_mail(transactional_db, page, agenda):
    centre = agenda.centre
    page.goto(reverse("events:agenda", args=[centre.slug]))
    main = page.locator("main")
    assert "Werkconferentie van en voor alle partners" in main.inner_text()
    assert main.inner_text().index("Open labdag") < main.inner_text().index("Brainstormsessie")  # past below
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, "events-agenda-1280")

    page.get_by_role("link", name="Werkconferentie van en voor alle partners").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert_reflows(page)
    page.fill("input[name=name]", "Sanne de Vries")
    page.fill("input[name=email]", "sanne.devries@example.org")
    page.get_by_label("Welke workshop kiest u?").select_option("Data en kwaliteit")
    submit(page)
    page.wait_for_load_state()
    assert "sanne.devries@example.org" in page.locator(".flash").first.inner_text()  # told to check the mail
    assert "/aanmelding/" not in page.url  # the personal link travels by e-mail only
    assert_accessible(page)
    screenshot(page, "events-registration-pending-1280")
    registration = Registration.objects.get(email="sanne.devries@example.org")
    assert registration.status == Registration.Status.PENDING

    message = next(message for message in mail.outbox if message.to == ["sanne.devries@example.org"])
    link = next(line.strip() for line in message.body.splitlines() if "/bevestigen/" in line)
    page.goto(urlsplit(link).path)
    assert_accessible(page)
    submit(page)
    page.wait_for_load_state()
    assert page.locator("main [data-status]").get_attribute("data-status") == "confirmed"
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.answers == {"Welke workshop kiest u?": "Data en kwaliteit"}
    confirmation = mail.outbox[-1]
    assert confirmation.attachments and confirmation.attachments[0][0].endswith(".ics")


def test_a_full_event_offers_the_waiting_list(transactional_db, page, agenda):
    full = Event.objects.get(title="Informatiesessie Leven Lang Ontwikkelen")
    page.goto(reverse("events:event", args=[full.centre.slug, full.pk]))
    assert page.locator("input[name=waiting_list]").count() == 1
    assert_accessible(page)
    screenshot(page, "events-full-event-1280")
