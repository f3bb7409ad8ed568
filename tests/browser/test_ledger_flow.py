"""Two keys in a real browser: a contact submits hours, the signatory approves, the finance controller accepts.

Each person uses their own browser context. Inputs and buttons are found by name, value
or id, so the test does not depend on the wording (the pages are Dutch by default).
"""

import re

import pytest
from django.urls import reverse

from civhub.ledger.models import Contribution
from tests.browser.support import LAPTOP, PHONE, assert_reflows, screenshot, sign_in
from tests.browser.test_accessibility import assert_accessible
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

Status = Contribution.Status
DESCRIPTION = "Gastles lasrobot voor BOL-2 (praktijkbegeleider)"


def ledger_url(name, centre, *args):
    return reverse(f"ledger:{name}", args=[centre.slug, *args])


def submit_hours_as_contact(page, centre):
    page.goto(ledger_url("contribution_new", centre))
    assert_accessible(page)
    page.fill("input[name=date]", "2025-06-02")
    page.select_option("select[name=kind]", "education")
    page.fill("input[name=hours]", "7,5")
    page.fill("textarea[name=description]", DESCRIPTION)
    page.click("main button[name=action][value=submit]")
    page.wait_for_url(re.compile(r"/bijdragen/\d+/$"))
    return Contribution.objects.get(description=DESCRIPTION)


def approve_in_queue(page, centre, entry):
    page.goto(ledger_url("approvals", centre))
    assert_accessible(page)
    page.check(f"#select-{entry.pk}")
    page.click("main button[name=action][value=approve]")
    page.wait_for_url(f"**{ledger_url('approvals', centre)}")


def accept_in_queue(page, centre, entry):
    page.goto(ledger_url("reviews", centre))
    page.check(f"#select-{entry.pk}")
    page.click("main button[name=action][value=accept]")
    page.wait_for_url(f"**{ledger_url('reviews', centre)}")


def realised_amount_shown(page, centre, partnership) -> str:
    """The text of the partner's page, which shows what was realised per year and kind."""
    page.goto(reverse("ledger:summary", args=[centre.slug, partnership.short_code]))
    return page.locator("main").inner_text()


def test_contact_submits_signatory_approves_controller_accepts_and_partner_b_gets_404(
        transactional_db, new_page, full_centre, partner_a, partner_a_contact, partner_a_signatory,
        finance_controller, partner_b_contact):
    centre = full_centre
    contact = new_page(LAPTOP)
    sign_in(contact, partner_a_contact.email, PASSWORD)
    entry = submit_hours_as_contact(contact, centre)
    assert (entry.status, str(entry.amount)) == (Status.SUBMITTED, "450.00")  # 7,5 h × the grant's EUR 60

    signatory = new_page(LAPTOP)
    sign_in(signatory, partner_a_signatory.email, PASSWORD)
    approve_in_queue(signatory, centre, entry)
    entry.refresh_from_db()
    assert entry.status == Status.APPROVED and entry.approved_by == partner_a_signatory

    controller = new_page(LAPTOP)
    sign_in(controller, finance_controller.email, PASSWORD)
    accept_in_queue(controller, centre, entry)
    entry.refresh_from_db()
    assert entry.status == Status.ACCEPTED and entry.content_hash

    contact.goto(ledger_url("contribution", centre, entry.pk))
    detail = contact.locator("main").inner_text()
    assert "EUR 450,00" in detail and finance_controller.full_name in detail
    assert contact.locator("main .badge-status-accepted").count() >= 1
    assert "450,00" in realised_amount_shown(contact, centre, partner_a)

    stranger = new_page(LAPTOP)
    sign_in(stranger, partner_b_contact.email, PASSWORD)
    assert stranger.goto(ledger_url("contribution", centre, entry.pk)).status == 404
    assert stranger.goto(ledger_url("contribution_approve", centre, entry.pk)).status == 404


def test_the_entry_pages_fit_a_phone_and_320_pixels(transactional_db, new_page, full_centre, partner_a,
                                                    partner_a_contact, partner_a_signatory):
    centre = full_centre
    page = new_page(PHONE)
    sign_in(page, partner_a_contact.email, PASSWORD)
    entry = submit_hours_as_contact(page, centre)
    for name, path in (("form", ledger_url("contribution_new", centre)),
                       ("detail", ledger_url("contribution", centre, entry.pk)),
                       ("list", ledger_url("contributions", centre))):
        page.goto(path)
        screenshot(page, f"ledger-{name}-phone")
        assert_reflows(page)
    queue = new_page(PHONE)
    sign_in(queue, partner_a_signatory.email, PASSWORD)
    queue.goto(ledger_url("approvals", centre))
    screenshot(queue, "ledger-approvals-phone")
    assert_reflows(queue)
