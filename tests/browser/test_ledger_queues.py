"""The finance controller's review queue in Chromium, by keyboard: sorting by a column, "select all" with its
mixed state and live count, and looking at an entry's evidence in place (loaded only when opened). axe-core
finds nothing serious on the way, nor on the other sortable lists sorted another way."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfWriter

from civhub.ledger.models import Contribution
from tests.browser.support import assert_accessible, screenshot, sign_in
from tests.factories import PASSWORD
from tests.governance.support import at, decision, meeting
from tests.learning.factories import CourseFactory
from tests.ledger.entries_helpers import make_entry

pytestmark = pytest.mark.browser

Status = Contribution.Status


def real_pdf_upload() -> SimpleUploadedFile:
    """A real one-page PDF, so the browser's viewer can show it."""
    writer, buffer = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=595, height=842)
    writer.write(buffer)
    return SimpleUploadedFile("urenstaat.pdf", buffer.getvalue(), content_type="application/pdf")


def png_upload() -> SimpleUploadedFile:
    """A real (tiny) photo of a timesheet, so the browser can draw it."""
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (11, 92, 79)).save(buffer, format="PNG")
    return SimpleUploadedFile("urenstaat.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def queue(settings, tmp_path, full_centre, partner_a, partner_a_contact, partner_a_signatory):
    """Three approved entries of partner A: one with a PDF, one with a photo, one without evidence."""
    settings.MEDIA_ROOT = tmp_path / "media"
    approved = {"status": Status.APPROVED, "signatory": partner_a_signatory}
    return [
        make_entry(partner_a, partner_a_contact, description="Met PDF", date=datetime.date(2025, 3, 1),
                   hours=Decimal("3"), evidence=real_pdf_upload(), **approved),
        make_entry(partner_a, partner_a_contact, description="Met foto", date=datetime.date(2025, 4, 1),
                   evidence=png_upload(), **approved),
        make_entry(partner_a, partner_a_contact, description="Zonder bewijs", date=datetime.date(2025, 5, 1),
                   **approved),
    ]


def open_queue(page, centre, finance_controller, query=""):
    sign_in(page, finance_controller.email, PASSWORD)
    page.goto(reverse("ledger:reviews", args=[centre.slug]) + query)


def test_select_all_by_keyboard_shows_the_mixed_state_and_the_count(transactional_db, page, queue,
                                                                    finance_controller):
    open_queue(page, queue[0].centre, finance_controller)
    header = page.locator("input.select-all")
    rows = page.locator("input[name=entries]")
    count = page.locator("[data-select-count=entries]")
    assert header.is_visible() and header.get_attribute("aria-label") == "Selecteer alle"
    assert count.inner_text() == "Niets geselecteerd"
    header.focus()
    page.keyboard.press("Space")
    assert [rows.nth(number).is_checked() for number in range(3)] == [True, True, True]
    assert count.inner_text() == "3 geselecteerd"
    rows.nth(1).focus()
    page.keyboard.press("Space")
    assert header.evaluate("box => [box.checked, box.indeterminate]") == [False, True]
    assert count.inner_text() == "2 geselecteerd"
    assert count.get_attribute("aria-live") == "polite"
    assert_accessible(page)
    header.focus()
    page.keyboard.press("Space")  # from mixed to all
    assert header.evaluate("box => [box.checked, box.indeterminate]") == [True, False]
    page.keyboard.press("Space")
    assert count.inner_text() == "Niets geselecteerd" and not rows.nth(0).is_checked()


def test_without_javascript_the_rows_still_work_and_select_all_stays_hidden(transactional_db, browser, live_server,
                                                                            queue, finance_controller):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL", base_url=live_server.url)
    try:
        page = context.new_page()
        open_queue(page, queue[0].centre, finance_controller)
        assert page.locator("input.select-all").is_hidden()
        page.check(f"#select-{queue[2].pk}")
        page.click("main button[name=action][value=accept]")
        page.wait_for_load_state()
        queue[2].refresh_from_db()
        assert queue[2].status == Status.ACCEPTED
    finally:
        context.close()


def test_a_column_sorts_by_keyboard_and_says_which_way(transactional_db, page, queue, finance_controller):
    open_queue(page, queue[0].centre, finance_controller)
    value = page.locator("th:has(a.sort-link[href='?sort=value'])")
    assert value.get_attribute("aria-sort") is None
    value.locator("a").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**?sort=value")
    sorted_header = page.locator("th[aria-sort]")
    assert sorted_header.count() == 1 and sorted_header.get_attribute("aria-sort") == "ascending"
    assert "sorteer aflopend" in sorted_header.inner_text()
    assert page.locator("table.queue tbody tr").first.locator("td").nth(3).inner_text() == "Met PDF"  # the least
    assert_accessible(page)


def test_the_evidence_opens_in_place_by_keyboard_and_loads_only_then(transactional_db, page, queue,
                                                                     finance_controller):
    asked = []
    page.on("request", lambda request: asked.append(request.url) if "/bewijsstuk/" in request.url else None)
    open_queue(page, queue[0].centre, finance_controller)
    page.wait_for_load_state("networkidle")
    assert asked == []  # nothing is fetched before someone opens a preview
    assert page.locator(".evidence-row").nth(2).inner_text().strip() == "Geen bewijsstuk"

    photo = page.locator("details.evidence-preview").nth(1)
    with page.expect_response(lambda response: "/bewijsstuk/?inline=1" in response.url) as answer:
        photo.locator("summary").focus()
        page.keyboard.press("Enter")
    assert answer.value.status == 200 and answer.value.headers["content-disposition"].startswith("inline")
    image = photo.locator("img")
    image.wait_for()
    page.wait_for_function("img => img.complete && img.naturalWidth === 120", arg=image.element_handle())
    assert image.get_attribute("alt").startswith("Bewijsstuk bij de bijdrage van Partner A BV")

    pdf = page.locator("details.evidence-preview").nth(0)
    with page.expect_response(lambda response: f"/{queue[0].pk}/bewijsstuk/?inline=1" in response.url) as answer:
        pdf.locator("summary").focus()
        page.keyboard.press("Enter")
    assert answer.value.status == 200 and answer.value.headers["x-frame-options"] == "SAMEORIGIN"
    assert pdf.locator("iframe").get_attribute("title").startswith("Bewijsstuk bij")
    assert pdf.locator("a", has_text="Bewijsstuk downloaden").is_visible()
    assert_accessible(page)
    screenshot(page, "ledger-reviews-evidence")


def test_the_sortable_lists_pass_axe_sorted_another_way(transactional_db, page, queue, partner_b, programme_manager):
    centre = queue[0].centre
    held = meeting(centre, title="Stuurgroep najaar", starts=at(2024, 10, 3))
    decision(held)
    meeting(centre, title="Werkgroep lab", starts=at(2024, 11, 7))
    CourseFactory(provider=queue[0].partnership, title="Microscopie")
    CourseFactory(provider=partner_b, title="Analyse met HPLC")
    sign_in(page, programme_manager.email, PASSWORD)
    for name, order in (("ledger:contributions", "-value"), ("ledger:pledges", "-total"), ("office:partners", "city"),
                        ("learning:manage", "-title"), ("governance:meetings", "meeting"),
                        ("governance:decisions", "number")):
        page.goto(reverse(name, args=[centre.slug]) + f"?sort={order}")
        current = page.locator("th[aria-sort], .sort-link[aria-current]")
        assert current.count() == 1, name
        assert_accessible(page)
