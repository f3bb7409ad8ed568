"""The inbox ("Te doen") in Chromium: the signatory lands on it after signing in, sees the entry that waits with its
age, follows the button to the contribution, and chooses the daily digest; the page passes axe-core on a laptop and
at 320 px, reflows, and says all is done when nothing waits."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from civhub.accounts.models import NotificationPreference
from civhub.ledger.models import Contribution
from tests.browser.support import NARROWEST, assert_accessible, assert_reflows, screenshot, sign_in, submit
from tests.factories import PASSWORD
from tests.ledger.builders import entry

pytestmark = pytest.mark.browser


def test_the_signatory_starts_at_the_inbox_and_follows_the_button(
        transactional_db, page, centre, partner_a, partner_a_contact, partner_a_signatory):
    waiting = entry(partner_a, partner_a_contact, description="Practicum begeleid")
    Contribution.objects.filter(pk=waiting.pk).update(updated_at=timezone.now() - timedelta(days=3))
    sign_in(page, partner_a_signatory.email, PASSWORD)
    page.goto(reverse("accounts:home"))
    page.wait_for_load_state()
    assert page.url.endswith(reverse("core:inbox", args=[centre.slug]))
    main = page.locator("main")
    assert "Bijdragen om goed te keuren" in main.inner_text() and "wacht 3 dagen" in main.inner_text()
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, "inbox-1280")
    page.set_viewport_size({"width": NARROWEST, "height": 800})
    assert_accessible(page)
    screenshot(page, "inbox-320")

    page.get_by_role("link", name=re.compile("Goedkeuren of afkeuren.*Practicum begeleid")).click()
    page.wait_for_load_state()
    assert page.url.endswith(reverse("ledger:contribution", args=[centre.slug, waiting.pk]))


def test_the_inbox_says_all_is_done_and_leads_to_the_notification_choice(
        transactional_db, page, centre, communications):
    sign_in(page, communications.email, PASSWORD)
    page.goto(reverse("core:inbox", args=[centre.slug]))
    assert "Alles gedaan" in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Wijzig uw e-mailmeldingen").click()
    page.wait_for_load_state()
    page.get_by_label("één keer per dag, in een overzicht").check()
    assert_accessible(page)
    submit(page)
    page.wait_for_load_state()
    assert "Uw keuze is opgeslagen." in page.content()
    assert NotificationPreference.objects.get(user=communications).frequency == "daily"
    assert_reflows(page)
    screenshot(page, "notification-settings-1280")
