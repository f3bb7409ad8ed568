"""WCAG 2.1 AA: axe-core finds no serious or critical violation on the pages the public and partners use."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from tests.browser.support import LAPTOP, PHONE, sign_in, submit
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

AXE = Axe()
BLOCKING = {"serious", "critical"}


def assert_accessible(page) -> None:
    # Every rule axe-core ships: WCAG 2.x A and AA, and best practice.
    violations = AXE.run(page).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    report = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes']]}" for v in blocking
    )
    assert not blocking, f"axe-core on {page.url}:\n{report}"


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_public_centre_page(transactional_db, new_page, full_centre, viewport):
    page = new_page(viewport)
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
