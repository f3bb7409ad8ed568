"""From visitor to partner, in a real browser: apply in Dutch, approval, invitation, own portal only.

Each person uses their own browser context. Inputs are found by their name
attribute, so the test does not depend on the wording of labels.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse

from civhub.partners.models import PartnerApplication
from tests.browser.support import LAPTOP, PHONE, assert_reflows, screenshot, sign_in, submit
from tests.factories import PASSWORD, ContactFactory

pytestmark = pytest.mark.browser

APPLICANT_EMAIL = "noor.jansen@example.org"
NEW_PASSWORD = "Vakmanschap-2026!"


def apply_as_visitor(page, centre):
    page.goto(reverse("public:centre", args=[centre.slug]))
    assert page.locator("html").get_attribute("lang") == "nl"
    page.get_by_role("link", name="Word partner").first.click()
    page.wait_for_url(f"**{reverse('public:apply', args=[centre.slug])}")
    page.fill("input[name=organisation_name]", "Kaasmakerij De Wei BV")
    page.select_option("select[name=kind]", "company")
    page.fill("input[name=city]", "Wageningen")
    page.fill("input[name=website]", "https://dewei.example.org")
    page.fill("input[name=kvk_number]", "87654321")
    page.fill("input[name=contact_name]", "Noor Jansen")
    page.fill("input[name=contact_email]", APPLICANT_EMAIL)
    page.fill("input[name=contact_phone]", "0317 123 456")
    page.fill("textarea[name=motivation]", "Wij willen stageplekken en ons lab inbrengen.")
    page.check("input[name=intended_kinds][value=lab]")
    page.check("input[name=intended_kinds][value=education]")
    page.check("input[name=consent]")
    submit(page)
    page.wait_for_url(f"**{reverse('public:apply_done', args=[centre.slug])}")


def approve_as_manager(page, centre, manager):
    sign_in(page, manager.email, PASSWORD)
    page.goto(reverse("office:applications", args=[centre.slug]))
    page.get_by_role("link", name="Kaasmakerij De Wei BV").first.click()
    page.locator("main a[href$='/goedkeuren/']").first.click()
    submit(page)
    page.wait_for_url(re.compile(r"/aanmeldingen/\d+/$"))


def invitation_path(email_address) -> str:
    """The set-password path from the invitation; its host is SITE_URL, not the live server's."""
    invitations = [m for m in mail.outbox if email_address in m.to and "/account/wachtwoord/" in m.body]
    assert len(invitations) == 1, [(m.to, m.subject) for m in mail.outbox]
    url = re.search(r"https?://\S+/account/wachtwoord/\S+/\S+/", invitations[0].body).group(0)
    return urlsplit(url).path


def test_visitor_applies_manager_approves_contact_sees_only_own_portal(
    transactional_db, new_page, full_centre, programme_manager, partner_b
):
    centre = full_centre
    private = ContactFactory(partnership=partner_b, email="partner-b.private@example.org")
    visitor = new_page(LAPTOP)
    apply_as_visitor(visitor, centre)
    application = PartnerApplication.objects.get(contact_email=APPLICANT_EMAIL)
    assert application.status == PartnerApplication.Status.NEW

    approve_as_manager(new_page(LAPTOP), centre, programme_manager)
    application.refresh_from_db()
    assert application.status == PartnerApplication.Status.APPROVED
    own_code = application.partnership.short_code

    contact = new_page(LAPTOP)
    contact.goto(invitation_path(APPLICANT_EMAIL))
    contact.fill("input[name=new_password1]", NEW_PASSWORD)
    contact.fill("input[name=new_password2]", NEW_PASSWORD)
    submit(contact)
    contact.wait_for_url(f"**{reverse('accounts:password_set')}")
    contact.goto(reverse("accounts:home"))
    contact.wait_for_url(f"**{reverse('portal:partner', args=[centre.slug, own_code])}")
    assert "Kaasmakerij De Wei BV" in contact.locator("main").inner_text()
    assert private.email not in contact.content()

    other = contact.goto(reverse("portal:partner", args=[centre.slug, partner_b.short_code]))
    assert other.status == 404
    other = contact.goto(reverse("portal:partner_edit", args=[centre.slug, partner_b.short_code]))
    assert other.status == 404

    contact.goto(reverse("portal:partner", args=[centre.slug, own_code]))
    contact.locator("button[name=language][value=en]").click()
    contact.wait_for_load_state()
    assert contact.locator("html").get_attribute("lang") == "en"
    assert "Kaasmakerij De Wei BV" in contact.locator("main").inner_text()


def test_public_centre_page_at_laptop_and_phone_width(transactional_db, new_page, full_centre):
    for name, viewport in (("laptop", LAPTOP), ("phone", PHONE)):
        page = new_page(viewport)
        page.goto(reverse("public:centre", args=[full_centre.slug]))
        assert page.locator("h1").is_visible()
        screenshot(page, f"public-centre-{name}")
        assert_reflows(page)


def test_partner_portal_at_laptop_and_phone_width(transactional_db, new_page, full_centre, partner_a_contact):
    partner_a = partner_a_contact.memberships.get().partnership
    for name, viewport in (("laptop", LAPTOP), ("phone", PHONE)):
        page = new_page(viewport)
        sign_in(page, partner_a_contact.email, PASSWORD)
        page.goto(reverse("portal:partner", args=[full_centre.slug, partner_a.short_code]))
        assert partner_a.organisation.name in page.locator("main").inner_text()
        screenshot(page, f"partner-portal-{name}")
        assert_reflows(page)


def test_application_form_and_login_reflow_at_320_pixels(transactional_db, phone_page, full_centre):
    for url in (reverse("public:apply", args=[full_centre.slug]), reverse("accounts:login")):
        phone_page.goto(url)
        assert_reflows(phone_page)
