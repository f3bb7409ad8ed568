"""Two-step verification in a real browser, by keyboard alone: the programme manager's first sign-in leads to the
enrolment (the key is read as text, as a screen-reader user would), the recovery codes follow, and the next sign-in
asks for the app's code; the centre administrator resets a person's two factors from the people list. axe-core on
each page."""

import base64

import pytest
from django.urls import reverse
from django_otp.oath import TOTP

from civhub.core.models import AuditEvent
from tests.browser.support import (
    SERVING,
    assert_accessible,
    assert_announced,
    press_and_wait,
    screenshot,
    sign_in,
    submit,
    tab_to,
    type_into,
)
from tests.factories import PASSWORD
from tests.two_factor import code_for, give_authenticator

pytestmark = pytest.mark.browser


def sign_in_with_password(page, email: str) -> None:
    page.goto("/")
    tab_to(page, page.locator(f".site-header a[href='{reverse('accounts:login')}']"))
    press_and_wait(page)
    type_into(page, "input[name=username]", email)
    type_into(page, "input[name=password]", PASSWORD)
    press_and_wait(page)


def test_the_office_enrols_by_keyboard_and_signs_in_with_the_code(transactional_db, new_page, full_centre,
                                                                  programme_manager):
    centre = full_centre
    page = new_page()
    sign_in_with_password(page, programme_manager.email)

    assert reverse("accounts:otp_enrol") in page.url
    assert page.locator(".qr-code svg").count() == 1
    assert_accessible(page)
    screenshot(page, "two-factor-enrol")
    key = base64.b32decode(page.locator("#otp-secret").inner_text().replace(" ", ""))
    type_into(page, "input[name=code]", "000000")
    press_and_wait(page)
    assert_announced(page, "Deze code klopt niet")
    type_into(page, "input[name=code]", f"{TOTP(key).token():06d}")
    press_and_wait(page)

    assert reverse("accounts:otp_recovery_codes") in page.url
    assert page.locator(".recovery-codes li").count() == 10
    assert_accessible(page)
    tab_to(page, "main form button[type=submit]")
    press_and_wait(page)
    assert page.url.endswith(reverse("core:inbox", args=[centre.slug]))

    tab_to(page, ".logout-form button")
    press_and_wait(page)
    sign_in_with_password(page, programme_manager.email)
    assert reverse("accounts:otp_verify") in page.url
    assert page.evaluate("document.activeElement.name") == "code"  # the field has the focus
    assert_accessible(page)
    with SERVING:
        code = code_for(programme_manager)
    type_into(page, "input[name=code]", code)
    press_and_wait(page)
    assert page.url.endswith(reverse("core:inbox", args=[centre.slug]))
    screenshot(page, "two-factor-signed-in")


def test_the_centre_admin_resets_a_persons_two_factors(transactional_db, page, full_centre, centre_admin, practor,
                                                       programme_manager):
    centre = full_centre
    give_authenticator(programme_manager)
    sign_in(page, centre_admin.email, PASSWORD)
    page.goto(reverse("office:dashboard", args=[centre.slug]))
    people = reverse("core:people", args=[centre.slug])
    assert page.locator(f"#menu-partners a[href='{people}']").count() == 1
    page.goto(people)
    assert_accessible(page)
    page.locator(f"main a[href='{reverse('core:person', args=[centre.slug, programme_manager.pk])}']").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.locator("main a.button-danger").click()
    page.wait_for_load_state()
    assert_accessible(page)
    submit(page)
    assert_announced(page, "is hersteld")
    assert AuditEvent.objects.filter(action="two_factor_reset", actor=centre_admin).count() == 1
