"""A person's API tokens in Chromium: make one (a mistake first), copy it from the page that shows it once, see it
listed and revoke it after the confirmation; every step passes axe-core on a laptop and a phone, and reflows."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from civhub.api.models import PersonalToken, token_digest
from tests.browser.support import assert_accessible, assert_reflows, screenshot, sign_in, submit
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_make_copy_and_revoke_a_token(transactional_db, page, centre, partner_a, partner_a_contact):
    sign_in(page, partner_a_contact.email, PASSWORD)
    page.goto(reverse("api_tokens:list"))
    assert "U hebt nog geen sleutels." in page.locator("main").inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="Nieuwe sleutel maken").click()
    page.wait_for_url("**" + reverse("api_tokens:create"))
    assert_accessible(page)
    page.fill("input[name=expires]", (timezone.localdate() + timedelta(days=400)).isoformat())
    submit(page)
    assert page.locator("main [aria-invalid=true]").count() > 0, "the mistakes are not marked on their fields"
    assert_accessible(page)

    page.fill("input[name=name]", "Urenregistratie")
    page.check("input[name=scope][value=read_write]")
    page.fill("input[name=expires]", (timezone.localdate() + timedelta(days=60)).isoformat())
    submit(page)
    secret = page.locator("#token-secret").input_value()
    assert PersonalToken.objects.get(user=partner_a_contact).digest == token_digest(secret)
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, "api-token-made")

    page.get_by_role("link", name="Ik heb hem gekopieerd: terug naar uw sleutels").click()
    page.wait_for_url("**" + reverse("api_tokens:list"))
    main = page.locator("main").inner_text()
    assert "Urenregistratie" in main and "Lezen en schrijven" in main and secret not in page.content()
    assert_accessible(page)

    page.get_by_role("link", name="Intrekken Urenregistratie").click()
    assert_accessible(page)
    submit(page)
    assert "is ingetrokken" in page.locator(".site-messages").inner_text()
    assert PersonalToken.objects.get(user=partner_a_contact).revoked is not None
