"""The register of the cooperation agreement in Chromium: the programme manager adds a version with its document and
records partner B's signature on paper with its scan; partner A's signatory sees in the portal that A has not yet
signed, confirms in civhub, and the office's register shows both signatures. Every page passes axe-core and
reflows at 320 px; screenshots are kept."""

import pytest
from django.urls import reverse

from civhub.partners.models import AgreementSignature, AgreementVersion
from tests.browser.support import assert_accessible, assert_reflows, screenshot, sign_in, submit
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_the_office_keeps_the_register_and_the_signatory_confirms(transactional_db, page, settings, tmp_path, centre,
                                                                   partner_a, partner_b, partner_a_signatory,
                                                                   programme_manager):
    settings.MEDIA_ROOT = tmp_path / "media"
    agreement = tmp_path / "samenwerkingsovereenkomst.pdf"
    agreement.write_bytes(b"%PDF-1.4 de overeenkomst")
    scan = tmp_path / "getekend-partner-b.pdf"
    scan.write_bytes(b"%PDF-1.4 getekend")

    sign_in(page, programme_manager.email, PASSWORD)
    page.goto(reverse("office:partners", args=[centre.slug]))
    register = reverse("office:agreement", args=[centre.slug])
    assert page.locator(f"#menu-partners a[href='{register}']").inner_text() == "Samenwerkingsovereenkomst"
    page.goto(register)
    assert "Er is nog geen versie van de overeenkomst vastgelegd" in page.locator("main").inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="Versie toevoegen").click()
    page.wait_for_load_state()
    page.get_by_label("De overeenkomst (document)").set_input_files(str(agreement))
    page.get_by_label("Datum van deze versie").fill("2021-06-01")
    page.locator("textarea[name=changes]").fill("Eerste versie")
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, "agreement-version-1280")
    submit(page)
    assert "Versie 1 van de overeenkomst is vastgelegd" in page.content()
    assert AgreementVersion.objects.get().number == 1

    page.get_by_role("link", name=f"Handtekening van {partner_b.organisation.name} vastleggen").click()
    page.wait_for_load_state()
    page.get_by_label("Ondertekend door").fill("B. de Vries")
    page.get_by_label("Ondertekend op").fill("2021-06-20")
    page.get_by_label("Scan van de ondertekende overeenkomst").set_input_files(str(scan))
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, "agreement-signature-1280")
    submit(page)
    assert AgreementSignature.objects.get(partnership=partner_b).signed_by_name == "B. de Vries"
    assert "B. de Vries" in page.locator(f"tr[data-partner='{partner_b.short_code}']").inner_text()

    page.context.clear_cookies()
    sign_in(page, partner_a_signatory.email, PASSWORD)
    page.goto(reverse("portal:partner", args=[centre.slug, partner_a.short_code]))
    section = page.locator("section[aria-labelledby='agreement-heading']")
    assert "nog niet getekend" in section.inner_text()
    assert section.get_by_role("link", name="Versie 1 downloaden").count() == 1
    assert_accessible(page)
    section.get_by_role("link", name="Bevestigen in civhub").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, "agreement-confirm-1280")
    submit(page)
    assert "heeft versie 1 van de samenwerkingsovereenkomst ondertekend" in page.content()
    assert AgreementSignature.objects.get(partnership=partner_a).way == AgreementSignature.Way.CIVHUB

    page.context.clear_cookies()
    sign_in(page, programme_manager.email, PASSWORD)
    page.goto(reverse("office:agreement", args=[centre.slug]))
    row = page.locator(f"tr[data-partner='{partner_a.short_code}']")
    assert "getekend" in row.inner_text() and "in civhub" in row.inner_text().lower()
    assert "2 van 2 partners hebben de huidige versie ondertekend." in page.locator("main").inner_text()
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, "agreement-register-1280")
