"""A file made in the background, in Chromium: the office asks for the statements' ZIP, the status page says it
waits in a live region that was on the page before, and the same region announces the download once the worker
(here the test itself) has made it; axe-core finds nothing serious and the page reflows at 320 px."""

import pytest
from django.urls import reverse

from civhub.core import requested_files
from civhub.core.models import RequestedFile
from tests.browser.support import assert_accessible, assert_announced, assert_reflows, sign_in
from tests.factories import PASSWORD
from tests.reports.support import small_centre

pytestmark = pytest.mark.browser


def test_the_status_page_announces_the_file_when_it_is_ready(transactional_db, page, centre, partner_a, partner_b,
                                                              finance_controller, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}  # nobody works the queue
    small_centre(centre, partner_a, partner_b)
    sign_in(page, finance_controller.email, PASSWORD)
    page.goto(reverse("reports:statements", args=[centre.slug]))
    with page.expect_navigation():
        page.get_by_role("button", name="Alle verklaringen van 2024 (ZIP)").click()
    requested = RequestedFile.objects.get()
    assert page.url.endswith(reverse("core:requested_file", args=[centre.slug, requested.pk]))
    assert_announced(page, "Het bestand wacht op zijn beurt.")
    assert_accessible(page)
    assert_reflows(page)

    page.evaluate("document.querySelector('.import-status').dataset.before = 'yes'")
    requested_files.make_file.call(requested.pk)
    page.locator(".import-status[data-before=yes] >> text=Het bestand is klaar.").wait_for(timeout=10_000)
    assert_announced(page, "Het bestand is klaar.")
    link = page.get_by_role("link", name="verklaringen-civ-bio-sciences-test-2024.zip downloaden")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "verklaringen-civ-bio-sciences-test-2024.zip"
    assert_accessible(page)
