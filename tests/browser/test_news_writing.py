"""News in Chromium: the communications officer writes an item with formatting, previews it and publishes it;
it shows on the public news list with its formatting and not one script. The list, the item and the edit page
pass axe-core; the list reflows at 320 px."""

import pytest
from django.urls import reverse

from civhub.news.models import NewsItem
from tests.browser.support import assert_accessible, assert_reflows, screenshot, sign_in
from tests.factories import PASSWORD
from tests.news.factories import NewsItemFactory

pytestmark = pytest.mark.browser

BODY = ("<p>Op 26 mei kwamen alle partners bijeen.</p>\n<ul><li><strong>Meer stageplaatsen</strong></li>"
        "<li>Een leerlijn <em>GMP</em></li></ul>\n<p onclick=\"alert(1)\">Lees het "
        "<a href=\"https://example.org/verslag\">verslag</a>.</p><script>alert('weg')</script>")


def test_the_communications_officer_publishes_a_news_item(transactional_db, page, live_server, centre,
                                                          communications):
    NewsItemFactory(centre=centre, title="Aftrap CIV Bio Sciences", summary="De partners bundelen hun krachten.")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(page, communications.email, PASSWORD)
    page.goto(reverse("news:create", args=[centre.slug]))
    page.fill("input[name=title]", "Werkconferentie: partners kiezen speerpunten")
    page.fill("textarea[name=summary]", "Ruim zestig deelnemers dachten mee over de programmalijnen.")
    page.fill("textarea[name=body]", BODY)
    page.check("input[name=publication][value=publish]")
    assert_accessible(page)
    page.get_by_role("button", name="Preview").or_(page.get_by_role("button", name="Voorbeeld")).click()
    preview = page.locator(".news-preview")
    assert preview.locator("strong", has_text="Meer stageplaatsen").count() == 1
    screenshot(page, "news-edit-preview-1280")
    assert NewsItem.objects.count() == 1  # the preview saved nothing

    page.locator("form.stacked button[type=submit]").first.click()
    page.wait_for_url("**/nieuws/beheer/")
    item = NewsItem.objects.get(title="Werkconferentie: partners kiezen speerpunten")
    assert item.status() == "published" and "onclick" not in item.body and "script" not in item.body

    page.goto(reverse("news:list", args=[centre.slug]))
    assert "Werkconferentie: partners kiezen speerpunten" in page.locator("main").inner_text()
    assert_accessible(page)
    screenshot(page, "news-list-1280")
    page.get_by_role("link", name="Werkconferentie: partners kiezen speerpunten").click()
    body = page.locator(".news-body")
    assert body.locator("li strong", has_text="Meer stageplaatsen").count() == 1
    assert body.locator("a[rel='noopener noreferrer'][href='https://example.org/verslag']").count() == 1
    assert_accessible(page)
    screenshot(page, "news-item-1280")
    assert not dialogs

    anonymous = page.context.browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    anonymous.goto(reverse("news:list", args=[centre.slug]))
    assert "Werkconferentie: partners kiezen speerpunten" in anonymous.locator("main").inner_text()
    assert_accessible(anonymous)
    assert_reflows(anonymous)
    screenshot(anonymous, "news-list-public-320")
    anonymous.context.close()
