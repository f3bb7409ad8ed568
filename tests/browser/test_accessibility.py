"""WCAG 2.1 AA: axe-core finds no serious or critical violation on the pages the public and partners use, at a
laptop's width and at a phone's (390 px, where wide tables scroll and must be reachable by keyboard)."""

import datetime

import pytest
from django.urls import reverse

from civhub.ledger.models import Contribution
from tests.browser.support import assert_accessible, sign_in, submit
from tests.factories import PASSWORD
from tests.grants.support import grant_with_lines, spend
from tests.ledger.office_support import contribution

pytestmark = pytest.mark.browser


def test_public_centre_page(transactional_db, page, full_centre):
    page.goto(reverse("public:centre", args=[full_centre.slug]))
    assert_accessible(page)


def test_application_form_empty_and_with_errors(transactional_db, page, full_centre):
    page.goto(reverse("public:apply", args=[full_centre.slug]))
    assert_accessible(page)
    # Skip the browser's own checks so the server's field-level messages are shown, as for a screen reader user.
    page.evaluate("document.querySelector('main form').noValidate = true")
    submit(page)
    page.wait_for_load_state()
    assert page.locator("main [aria-invalid=true]").count() > 0, "the empty form shows no field errors"
    assert_accessible(page)


def test_login_page(transactional_db, page):
    page.goto(reverse("accounts:login"))
    assert_accessible(page)


def test_partner_portal(transactional_db, page, full_centre, partner_a_contact, partner_a):
    sign_in(page, partner_a_contact.email, PASSWORD)
    page.goto(reverse("portal:partner", args=[full_centre.slug, partner_a.short_code]))
    assert partner_a.organisation.name in page.locator("main").inner_text()
    assert_accessible(page)


def test_the_contributions_and_the_spending_with_their_tables(transactional_db, page, full_centre, partner_a,
                                                               finance_controller):
    """The pages axe found a scrolling table on at 390 px: a contribution's status history, the contributions'
    totals per status and the spending's totals per category."""
    slug = full_centre.slug
    entry = contribution(partner_a, amount="12500.00", day=datetime.date(2025, 5, 1))
    contribution(partner_a, amount="800.00", status=Contribution.Status.SUBMITTED, day=datetime.date(2025, 6, 1))
    spend(grant_with_lines(full_centre), amount="4250.00")
    sign_in(page, finance_controller.email, PASSWORD)
    for address in (reverse("ledger:contributions", args=[slug]), reverse("ledger:contribution", args=[slug, entry.pk]),
                    reverse("grants:expenditure", args=[slug])):
        assert page.goto(address).status == 200, address
        assert page.locator("main .table-wrap").count() > 0, address
        assert_accessible(page)
