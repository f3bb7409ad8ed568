"""The five key flows by keyboard alone (issue 14): apply as a partner, enter and approve hours, record the report
to the funder and download its pack, register for an event, plan a meeting and record a decision.

Axe sees about a third of WCAG; these tests check what it cannot. Every control is reached with Tab (checking on
each stop that the focus can be seen, `support.tab_to`), text is typed, choices are made with the arrow keys and
Space, and forms are sent and links followed with Enter; nothing is clicked or filled. Each flow starts where a
person starts (the centre's page, the menu after signing in), sends a form once with a mistake and checks that the
mistake is announced (the error summary has the focus and is an alert), and ends with axe-core on its last page.
Inputs are found by their name, not their Dutch words.
"""

import hashlib
import time
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from civhub.events.models import Registration
from civhub.governance.models import Decision, Meeting
from civhub.grants.models import ReportSubmission
from civhub.grants.selectors.deadlines import deadlines as deadline_rows
from civhub.ledger.models import Contribution, ImportBatch
from civhub.ledger.services import import_batches
from civhub.partners.models import PartnerApplication
from tests.browser.support import (
    SERVING,
    assert_accessible,
    assert_announced,
    assert_focus_visible,
    focused,
    images_loaded,
    press_and_wait,
    screenshot,
    sign_in_by_keyboard,
    tab_to,
    type_date,
    type_into,
)
from tests.events.factories import EventFactory, QuestionFactory, in_days
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

Status = Contribution.Status
DESCRIPTION = "Gastles lasrobot voor BOL-2 (praktijkbegeleider)"


def choose(page, select: str, value: str, *, max_presses: int = 30) -> None:
    """With the focus on a <select>, move its choice with the arrow keys until it holds `value`."""
    page.keyboard.press("Home")
    for _ in range(max_presses):
        if page.evaluate("() => document.activeElement.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{select} never took {value!r} with the arrow keys (the focus is on {focused(page)})")


def assert_error_summary(page, message: str) -> None:
    """The form came back with `message`: the error summary, an alert, has the focus, shows it and can be seen."""
    assert page.evaluate("document.activeElement.matches('main .form-errors')"), (
        f"after a form with mistakes the focus is on {focused(page)}, not on the error summary")
    assert_focus_visible(page)
    assert_announced(page, message)


def open_menu(page, group: str, link: str) -> None:
    """Open a group of the office's menu (a disclosure button) with Enter and follow one of its links with Enter."""
    button = page.locator(f".nav-group-button[aria-controls={group}]")
    tab_to(page, button)
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    tab_to(page, page.locator(f"#{group} a[href='{link}']"))
    press_and_wait(page)
    assert page.url.endswith(link)


def test_keyboard_a_visitor_applies_as_a_partner_and_the_manager_approves(transactional_db, new_page, full_centre,
                                                                          programme_manager):
    centre = full_centre
    page = new_page()
    page.goto(reverse("public:centre", args=[centre.slug]))
    tab_to(page, ".skip-link", max_tabs=1)  # the first stop skips the header
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    tab_to(page, page.locator("main a[href$='/word-partner/']"))
    press_and_wait(page)
    assert page.url.endswith(reverse("public:apply", args=[centre.slug]))

    # Everything but the organisation's name: the form comes back with that one mistake.
    tab_to(page, "select[name=kind]")
    choose(page, "kind", "company")
    type_into(page, "input[name=city]", "Wageningen")
    type_into(page, "input[name=website]", "https://dewei.example.org")
    type_into(page, "input[name=kvk_number]", "87654321")
    type_into(page, "input[name=contact_name]", "Noor Jansen")
    type_into(page, "input[name=contact_email]", "noor.jansen@example.org")
    type_into(page, "textarea[name=motivation]", "Wij willen stageplekken en ons lab inbrengen.")
    tab_to(page, "input[name=intended_kinds][value=lab]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=consent]")
    page.keyboard.press("Space")
    tab_to(page, "main form button[type=submit]")
    press_and_wait(page)
    assert_error_summary(page, "Vul de naam van uw organisatie in.")
    screenshot(page, "keyboard-apply-error-summary")
    assert PartnerApplication.objects.count() == 0
    tab_to(page, "main .form-errors a[href='#id_organisation_name']", max_tabs=1)  # the summary leads to the field
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == "organisation_name"
    page.keyboard.type("Kaasmakerij De Wei BV")
    tab_to(page, "main form button[type=submit]")
    press_and_wait(page)
    assert page.url.endswith(reverse("public:apply_done", args=[centre.slug]))
    application = PartnerApplication.objects.get()
    assert application.organisation_name == "Kaasmakerij De Wei BV"
    assert_announced(page, "Bedankt voor uw aanmelding", new_page=True)
    assert_accessible(page)

    manager = new_page()
    sign_in_by_keyboard(manager, programme_manager.email, PASSWORD)
    open_menu(manager, "menu-partners", reverse("office:applications", args=[centre.slug]))
    detail = reverse("office:application", args=[centre.slug, application.pk])
    tab_to(manager, manager.locator(f"main a[href='{detail}']"))
    press_and_wait(manager)
    tab_to(manager, manager.locator("main a[href$='/goedkeuren/']"))
    press_and_wait(manager)
    tab_to(manager, "main form button[type=submit]")
    press_and_wait(manager)
    application.refresh_from_db()
    assert application.status == PartnerApplication.Status.APPROVED
    assert_announced(manager, "Kaasmakerij De Wei BV")
    assert_accessible(manager)


def follow(page, href: str, *, scope: str = "main", backwards: bool = False) -> None:
    """Tab (or Shift+Tab) to the link to `href` (in `scope`, by default the main part) and follow it with Enter."""
    tab_to(page, page.locator(f"{scope} a[href='{href}']").first, backwards=backwards)
    press_and_wait(page)
    assert page.url.endswith(href), f"Enter on the link to {href} led to {page.url}"


def test_keyboard_a_contact_enters_hours_the_signatory_approves_and_the_controller_accepts(
        transactional_db, new_page, full_centre, partner_a, partner_a_contact, partner_a_signatory,
        finance_controller):
    centre = full_centre
    contributions = reverse("ledger:contributions", args=[centre.slug])
    contact = new_page()
    sign_in_by_keyboard(contact, partner_a_contact.email, PASSWORD)
    follow(contact, contributions, scope=".main-nav")
    follow(contact, reverse("ledger:contribution_new", args=[centre.slug]))
    # Everything but the date: the form comes back with that one mistake.
    tab_to(contact, "select[name=kind]")
    choose(contact, "kind", "education")
    type_into(contact, "input[name=hours]", "7,5")
    type_into(contact, "textarea[name=description]", DESCRIPTION)
    tab_to(contact, "main button[name=action][value=submit]")
    press_and_wait(contact)
    assert_error_summary(contact, "Vul de datum in.")
    tab_to(contact, "main .form-errors a[href='#id_date']", max_tabs=1)
    contact.keyboard.press("Enter")
    assert contact.evaluate("document.activeElement.name") == "date"
    type_date(contact, "2025-06-02")
    tab_to(contact, "main button[name=action][value=submit]")
    press_and_wait(contact)
    entry = Contribution.objects.get(description=DESCRIPTION)
    assert (entry.status, str(entry.amount), entry.date.isoformat()) == (Status.SUBMITTED, "450.00", "2025-06-02")
    assert_announced(contact, "ter goedkeuring")

    signatory = new_page()
    sign_in_by_keyboard(signatory, partner_a_signatory.email, PASSWORD)
    follow(signatory, contributions, scope=".main-nav")
    follow(signatory, reverse("ledger:approvals", args=[centre.slug]))
    tab_to(signatory, "main button[name=action][value=approve]")  # nothing selected yet
    press_and_wait(signatory)
    assert_announced(signatory, "Selecteer ten minste één boeking.")
    assert signatory.evaluate("document.activeElement.matches('.site-messages')"), focused(signatory)
    assert_focus_visible(signatory)
    tab_to(signatory, f"#select-{entry.pk}")
    signatory.keyboard.press("Space")
    tab_to(signatory, "main button[name=action][value=approve]")
    press_and_wait(signatory)
    entry.refresh_from_db()
    assert entry.status == Status.APPROVED and entry.approved_by == partner_a_signatory
    assert_announced(signatory, "1 boeking goedgekeurd.")

    controller = new_page()
    sign_in_by_keyboard(controller, finance_controller.email, PASSWORD)
    open_menu(controller, "menu-money", contributions)
    follow(controller, reverse("ledger:reviews", args=[centre.slug]))
    tab_to(controller, f"#select-{entry.pk}")
    controller.keyboard.press("Space")
    tab_to(controller, "main button[name=action][value=accept]")
    press_and_wait(controller)
    entry.refresh_from_db()
    assert entry.status == Status.ACCEPTED
    assert_announced(controller, "1 boeking geaccepteerd.")
    assert_accessible(controller)


def test_keyboard_a_contact_imports_a_file_and_hears_its_progress(transactional_db, new_page, full_centre, partner_a,
                                                                  partner_a_contact, tmp_path, settings, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    centre = full_centre
    upload = tmp_path / "bijdragen.csv"
    upload.write_text("extern_id;partner;datum;soort;programmalijn;categorie;uren;bedrag;omschrijving\n"
                      f"k-1;{partner_a.short_code};2025-03-03;lab;;;7,5;;Labdag met studenten\n"
                      f"k-2;{partner_a.short_code};2025-03-04;education;;;4;;Gastles lasrobot\n")
    page = new_page()
    sign_in_by_keyboard(page, partner_a_contact.email, PASSWORD)
    follow(page, reverse("ledger:summary", args=[centre.slug, partner_a.short_code]))
    follow(page, reverse("ledger:import", args=[centre.slug]))
    tab_to(page, "main form button[type=submit]")  # no file chosen yet
    press_and_wait(page)
    assert_error_summary(page, "Kies het bestand dat u wilt importeren.")
    tab_to(page, "input[name=file]")
    # The field is reached by Tab; the file dialog Space opens is the browser's own (headless Chromium opens it only
    # now and then), so the test hands the file to the focused field as the dialog would.
    page.locator("input[name=file]:focus").set_input_files(upload)
    tab_to(page, "main form button[type=submit]")
    press_and_wait(page)
    batch = ImportBatch.objects.get()
    assert page.url.endswith(reverse("ledger:import_batch", args=[centre.slug, batch.pk]))

    # The import may take a while: its progress is swapped into a live region that was on the page before.
    real = import_batches.confirm_import
    monkeypatch.setattr(import_batches, "confirm_import", lambda **kwargs: (slow_down(2), real(**kwargs))[1])
    page.evaluate("document.querySelector('.import-status').dataset.before = 'yes'")
    tab_to(page, "#confirm-form button[type=submit]")
    with page.expect_navigation(timeout=15_000):
        page.keyboard.press("Enter")
        page.locator(".import-status[data-before=yes] #import-progress:not([hidden])").wait_for()
        assert_announced(page, "Rijen gecontroleerd en opgeslagen: 0 van ongeveer 2.")
    page.wait_for_load_state()
    assert_announced(page, "Het bestand is geïmporteerd.")
    assert Contribution.objects.filter(partnership=partner_a, status=Status.SUBMITTED).count() == 2
    assert_accessible(page)


def slow_down(seconds: float) -> None:
    """Wait within a request while the live server answers others (the page's polls): see support.OneRequestAtATime."""
    held = SERVING.locked()  # by this request, on SQLite; on PostgreSQL the server answers in parallel anyway
    if held:
        SERVING.release()
    try:
        time.sleep(seconds)
    finally:
        if held:
            SERVING.acquire()


def download_by_enter(page, href: str) -> bytes:
    """Tab to the link to `href` and press Enter on it: the file it downloads (a pack takes a while to make)."""
    images_loaded(page)
    tab_to(page, page.locator(f"main a[href='{href}']").first)
    with page.expect_download(timeout=60_000) as download:
        page.keyboard.press("Enter")
    return download.value.path().read_bytes()


def test_keyboard_the_controller_records_the_report_submitted_and_downloads_its_funder_pack(
        transactional_db, new_page, full_centre, finance_controller, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    centre = full_centre
    today = timezone.localdate()
    report = deadline_rows(centre.grants.get(), today=today)[0].report
    page = new_page()
    sign_in_by_keyboard(page, finance_controller.email, PASSWORD)
    open_menu(page, "menu-money", reverse("grants:monitor", args=[centre.slug]))
    assert download_by_enter(page, reverse("reports:funder_pack", args=[centre.slug, "xlsx"]))[:2] == b"PK"
    # The tabs of the subsidy's pages lie above the download: back to them with Shift+Tab.
    tab_to(page, page.locator(f".subnav a[href='{reverse('grants:deadlines', args=[centre.slug])}']"), backwards=True)
    press_and_wait(page)
    follow(page, reverse("grants:deadline_submit", args=[centre.slug, report.kind, report.due.isoformat()]))
    tab_to(page, "input[name=submitted_on]")  # today's date stands in it: take it away
    page.keyboard.press("Backspace")
    tab_to(page, "main form button[type=submit]")
    press_and_wait(page)
    assert_error_summary(page, "Vul de datum van indienen in.")
    tab_to(page, "main .form-errors a[href='#id_submitted_on']", max_tabs=1)
    page.keyboard.press("Enter")
    type_date(page, today.isoformat())
    tab_to(page, "main form button[type=submit]")
    press_and_wait(page)
    assert page.url.endswith(reverse("grants:deadlines", args=[centre.slug]))
    assert_announced(page, "is vastgelegd als ingediend")
    submission = ReportSubmission.objects.get()
    pdf = download_by_enter(page, reverse("reports:submitted_pack", args=[centre.slug, submission.pk, "pdf"]))
    assert pdf.startswith(b"%PDF") and hashlib.sha256(pdf).hexdigest() == submission.pdf_sha256
    xlsx = download_by_enter(page, reverse("reports:submitted_pack", args=[centre.slug, submission.pk, "xlsx"]))
    assert hashlib.sha256(xlsx).hexdigest() == submission.xlsx_sha256
    assert_accessible(page)


@pytest.fixture
def conference(centre):
    event = EventFactory(centre=centre, title="Werkconferentie van en voor alle partners", capacity=40,
                         starts_at=in_days(20, 13), ends_at=in_days(20, 17), location="Naturalis, Leiden")
    QuestionFactory(event=event, label="Welke workshop kiest u?", kind="choice",
                    choices="Robotica in het lab\nData en kwaliteit")
    return event


def test_keyboard_a_visitor_registers_for_an_event_and_confirms(transactional_db, page, conference):
    centre = conference.centre
    page.goto(reverse("public:centre", args=[centre.slug]))
    follow(page, reverse("events:agenda", args=[centre.slug]), scope=".main-nav")
    follow(page, reverse("events:event", args=[centre.slug, conference.pk]))
    type_into(page, "input[name=name]", "Sanne de Vries")
    tab_to(page, "select[name^=q]")  # the e-mail address stays empty
    choose(page, "the workshop", "Data en kwaliteit")
    tab_to(page, "main form button[type=submit]")
    press_and_wait(page)
    assert_error_summary(page, "Vul een e-mailadres in.")
    tab_to(page, "main .form-errors a[href='#id_email']", max_tabs=1)
    page.keyboard.press("Enter")
    page.keyboard.type("sanne.devries@example.org")
    tab_to(page, "main form button[type=submit]")
    press_and_wait(page)
    assert_announced(page, "sanne.devries@example.org")  # told to open the link in the e-mail
    registration = Registration.objects.get(email="sanne.devries@example.org")
    assert registration.answers == {"Welke workshop kiest u?": "Data en kwaliteit"}

    message = next(message for message in mail.outbox if message.to == ["sanne.devries@example.org"])
    link = next(line.strip() for line in message.body.splitlines() if "/bevestigen/" in line)
    page.goto(urlsplit(link).path)  # opened from the e-mail
    tab_to(page, "main form button[type=submit]")
    press_and_wait(page)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert_announced(page, "uw e-mailadres is bevestigd")
    assert_accessible(page)


def test_keyboard_the_manager_plans_a_meeting_and_records_its_decision(transactional_db, new_page, centre,
                                                                      programme_manager, steering_member):
    page = new_page()
    sign_in_by_keyboard(page, programme_manager.email, PASSWORD)
    open_menu(page, "menu-governance", reverse("governance:meetings", args=[centre.slug]))
    follow(page, reverse("governance:meeting_new", args=[centre.slug]))
    day = (timezone.localdate() + timedelta(days=60)).isoformat()  # a meeting still to come
    tab_to(page, "input[name=starts_at]")  # the title stays empty
    type_date(page, f"{day}T14:00")
    tab_to(page, "input[name=ends_at]")
    type_date(page, f"{day}T16:00")
    type_into(page, "input[name=place]", "Leiden, Bio Science Park")
    tab_to(page, f"input[name=participants][value='{steering_member.pk}']")
    page.keyboard.press("Space")
    tab_to(page, "main form button[type=submit]")
    press_and_wait(page)
    assert_error_summary(page, "Titel")
    tab_to(page, "main .form-errors a[href='#id_title']", max_tabs=1)
    page.keyboard.press("Enter")
    page.keyboard.type("Stuurgroep voorjaar")
    tab_to(page, "main form button[type=submit]")
    press_and_wait(page)
    meeting = Meeting.objects.get(title="Stuurgroep voorjaar")
    assert meeting.participants.get() == steering_member
    assert_announced(page, "De vergadering is opgeslagen.")

    follow(page, reverse("governance:item_new", args=[centre.slug, meeting.pk]))
    type_into(page, "input[name=title]", "Begroting 2027")
    tab_to(page, "select[name=purpose]")
    choose(page, "purpose", "decision")
    type_into(page, "textarea[name=proposal]", "De stuurgroep stelt de begroting 2027 vast.")
    tab_to(page, "main form button[type=submit]")
    press_and_wait(page)
    item = meeting.items.get()
    assert item.purpose == "decision"
    assert page.url.endswith("#agenda")  # back at the agenda; the buttons of the meeting lie above it
    follow(page, reverse("governance:publish_agenda", args=[centre.slug, meeting.pk]), backwards=True)
    tab_to(page, "main form button[type=submit]")
    press_and_wait(page)
    assert_announced(page, "De agenda is gepubliceerd")

    now = timezone.now()  # time passes: the meeting starts
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=1))
    page.reload()
    decide = reverse("governance:decision_new", args=[centre.slug, meeting.pk])
    follow(page, f"{decide}?item={item.pk}")
    tab_to(page, "textarea[name=text]")  # the proposal stands in it; take it away to see the mistake announced
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.press("Delete")
    tab_to(page, "main form button[type=submit]")
    press_and_wait(page)
    assert_error_summary(page, "Besluit")
    tab_to(page, "main .form-errors a[href='#id_text']", max_tabs=1)
    page.keyboard.press("Enter")
    page.keyboard.type("De stuurgroep stelt de begroting 2027 vast, met de opmerkingen van de partners.")
    tab_to(page, "main form button[type=submit]")
    press_and_wait(page)
    decision = Decision.objects.get(meeting=meeting)
    assert decision.item == item and decision.text.endswith("opmerkingen van de partners.")
    assert decision.number in page.locator("main").inner_text()
    assert_announced(page, "Het besluit is vastgelegd.")
    assert_accessible(page)
