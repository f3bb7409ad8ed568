"""The news pages: scheduled publication, audience, the feeds, writing with a preview, the public texts."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from civhub.core.models import AuditEvent
from civhub.news import permissions as access
from civhub.news.models import NewsItem
from tests.factories import ProgrammeLineFactory, PublicContactFactory
from tests.news.factories import NOW, NewsItemFactory, image_upload
from tests.partners.factories import client_for, count_queries

ATOM = "{http://www.w3.org/2005/Atom}"


# Scheduled publication and audience ---------------------------------------------------------


def test_an_item_is_visible_only_from_its_publication_time(centre):
    item = NewsItemFactory(centre=centre, publish_at=NOW)
    NewsItemFactory(centre=centre, publish_at=None, title="Concept")
    assert list(access.public_news(centre, now=NOW - timedelta(minutes=1))) == []
    assert list(access.public_news(centre, now=NOW)) == [item]
    assert item.status(NOW - timedelta(seconds=1)) == "scheduled"
    assert item.status(NOW) == "published"


def test_partner_items_are_for_the_centres_members_only(centre, partner_a_contact, steering_member, anonymous,
                                                        other_centre_manager):
    public = NewsItemFactory(centre=centre, publish_at=NOW)
    partners = NewsItemFactory(centre=centre, publish_at=NOW, audience=NewsItem.Audience.PARTNERS)
    later = NOW + timedelta(days=1)
    assert set(access.news_visible_to(partner_a_contact, centre, now=later)) == {public, partners}
    assert set(access.news_visible_to(steering_member, centre, now=later)) == {public, partners}
    assert set(access.news_visible_to(anonymous, centre, now=later)) == {public}
    assert set(access.news_visible_to(other_centre_manager, centre, now=later)) == {public}


def test_the_public_list_shows_published_public_items_only(client, centre, other_centre):
    NewsItemFactory(centre=centre, title="Gepubliceerd")
    NewsItemFactory(centre=centre, title="Gepland", publish_at=timezone.now() + timedelta(hours=1))
    NewsItemFactory(centre=centre, title="Concept", publish_at=None)
    NewsItemFactory(centre=centre, title="Voor partners", audience=NewsItem.Audience.PARTNERS)
    NewsItemFactory(centre=other_centre, title="Elders")
    page = client.get(reverse("news:list", args=[centre.slug])).content.decode()
    assert "Gepubliceerd" in page
    for hidden in ("Gepland", "Concept", "Voor partners", "Elders"):
        assert hidden not in page


def test_the_partners_list_adds_partner_items(centre, partner_a_contact):
    NewsItemFactory(centre=centre, title="Voor partners", audience=NewsItem.Audience.PARTNERS)
    NewsItemFactory(centre=centre, title="Gepland", audience=NewsItem.Audience.PARTNERS,
                    publish_at=timezone.now() + timedelta(hours=1))
    page = client_for(partner_a_contact).get(reverse("news:partners", args=[centre.slug])).content.decode()
    assert "Voor partners" in page and "partners only" in page and "Gepland" not in page


def test_the_writer_sees_a_draft_marked_as_such(centre, communications):
    item = NewsItemFactory(centre=centre, publish_at=None, body="<p>Nog <strong>geheim</strong></p>")
    page = client_for(communications).get(reverse("news:item", args=[centre.slug, item.pk])).content.decode()
    assert "This is a draft" in page and "<strong>geheim</strong>" in page


# Feeds ---------------------------------------------------------------------------------------


@pytest.fixture
def feed_items(centre):
    NewsItemFactory(centre=centre, title="Openbaar bericht", summary="Voor iedereen")
    NewsItemFactory(centre=centre, title="Gepland bericht", publish_at=timezone.now() + timedelta(days=2))
    NewsItemFactory(centre=centre, title="Partnerbericht", audience=NewsItem.Audience.PARTNERS)
    NewsItemFactory(centre=centre, title="Conceptbericht", publish_at=None)


def test_the_rss_feed_holds_public_published_news_only(client, centre, feed_items):
    response = client.get(reverse("news:rss", args=[centre.slug]))
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 - our own feed
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Openbaar bericht"]
    assert items[0].findtext("description") == "Voor iedereen"
    assert items[0].findtext("link").endswith(reverse("news:item", args=[centre.slug, NewsItem.objects.get(
        title="Openbaar bericht").pk]))


def test_the_atom_feed_holds_public_published_news_only(client, centre, feed_items):
    response = client.get(reverse("news:atom", args=[centre.slug]))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own feed
    assert [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")] == ["Openbaar bericht"]
    assert b"Partnerbericht" not in response.content and b"Gepland" not in response.content


def test_a_summary_reaches_feed_readers_as_text_never_as_html(client, centre):
    # Readers render the description as HTML: the XML must hold the escaped text, so they show it as written.
    NewsItemFactory(centre=centre, title="Bericht", summary="<script>alert(1)</script> & <b>vet</b>")
    rss = ET.fromstring(client.get(reverse("news:rss", args=[centre.slug])).content)  # noqa: S314 - our own feed
    atom = ET.fromstring(client.get(reverse("news:atom", args=[centre.slug])).content)  # noqa: S314 - our own feed
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;vet&lt;/b&gt;"
    assert rss.find("channel/item").findtext("description") == escaped
    summary = atom.find(f"{ATOM}entry/{ATOM}summary")
    assert summary.get("type") == "html" and summary.text == escaped


# Writing ------------------------------------------------------------------------------------


def _post(**fields):
    return {"title": "Nieuwe cursus HPLC", "summary": "Een nieuwe LLO-cursus.", "audience": "public",
            "publication": "publish", "publish_at": "", "image_alt": "",
            "body": "<p>Met <strong>vet</strong></p><script>alert(1)</script>", **fields}


def test_the_communications_officer_writes_and_publishes(centre, communications):
    client = client_for(communications)
    response = client.post(reverse("news:create", args=[centre.slug]), _post())
    assert response.status_code == 302
    item = NewsItem.objects.get()
    assert item.body == "<p>Met <strong>vet</strong></p>" and item.status() == "published"
    assert item.author == communications
    assert "Nieuwe cursus HPLC" in client.get(reverse("news:list", args=[centre.slug])).content.decode()


def test_the_preview_shows_the_sanitised_text_and_saves_nothing(centre, programme_manager):
    response = client_for(programme_manager).post(reverse("news:create", args=[centre.slug]),
                                                  _post(preview="1"))
    page = response.content.decode()
    assert response.status_code == 200 and "Preview: not saved yet" in page
    assert "<p>Met <strong>vet</strong></p>" in page and "alert(1)</script>" not in page
    assert not NewsItem.objects.exists()


def test_a_draft_and_a_scheduled_item(centre, communications):
    client = client_for(communications)
    client.post(reverse("news:create", args=[centre.slug]), _post(publication="draft", title="Concept"))
    future = (timezone.localtime() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    client.post(reverse("news:create", args=[centre.slug]), _post(publish_at=future, title="Later"))
    assert NewsItem.objects.get(title="Concept").publish_at is None
    assert NewsItem.objects.get(title="Later").status() == "scheduled"
    page = client.get(reverse("news:manage", args=[centre.slug])).content.decode()
    assert "draft" in page and "scheduled" in page
    assert "Later" not in client.get(reverse("news:list", args=[centre.slug])).content.decode()


def test_a_bad_image_is_a_form_error(centre, communications):
    fake = SimpleUploadedFile("foto.png", b"geen plaatje", content_type="image/png")
    response = client_for(communications).post(reverse("news:create", args=[centre.slug]),
                                               _post(image=fake, image_alt="x"))
    assert response.status_code == 400 and "not an image we can read" in response.content.decode()
    assert not NewsItem.objects.exists()


def test_the_image_is_served_for_a_published_item(client, centre, communications):
    client_for(communications).post(reverse("news:create", args=[centre.slug]),
                                    _post(image=image_upload(), image_alt="Rood vlak"))
    item = NewsItem.objects.get()
    response = client.get(reverse("news:image", args=[centre.slug, item.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    page = client.get(reverse("news:item", args=[centre.slug, item.pk])).content.decode()
    assert 'alt="Rood vlak"' in page


def test_deleting_asks_first(centre, communications):
    item = NewsItemFactory(centre=centre)
    client = client_for(communications)
    url = reverse("news:delete", args=[centre.slug, item.pk])
    assert "cannot be undone" in client.get(url).content.decode()
    assert NewsItem.objects.exists()
    client.post(url)
    assert not NewsItem.objects.exists()


# The latest news on the public page ---------------------------------------------------------


def test_the_public_page_shows_the_three_latest_public_items(client, centre):
    for day in range(5):
        NewsItemFactory(centre=centre, title=f"Bericht {day}", publish_at=timezone.now() - timedelta(days=day + 1))
    NewsItemFactory(centre=centre, title="Alleen partners", audience=NewsItem.Audience.PARTNERS)
    page = client.get(reverse("public:centre", args=[centre.slug])).content.decode()
    assert all(f"Bericht {day}" in page for day in range(3))
    assert "Bericht 3" not in page and "Alleen partners" not in page


# Public texts -------------------------------------------------------------------------------


def test_editing_the_aim_changes_the_public_page_in_both_languages(client, centre, communications):
    url = reverse("news:centre_text", args=[centre.slug, "aim"])
    response = client_for(communications).post(url, {"nl": "Samen vakmanschap versterken.",
                                                     "en": "Strengthening craftsmanship together."})
    assert response.status_code == 302
    public = reverse("public:centre", args=[centre.slug])
    client.cookies["django_language"] = "nl"
    assert "Samen vakmanschap versterken." in client.get(public).content.decode()
    client.cookies["django_language"] = "en"
    assert "Strengthening craftsmanship together." in client.get(public).content.decode()
    event = AuditEvent.objects.get(action="public_text_changed")
    assert event.changes["aim"][1] == {"nl": "Samen vakmanschap versterken.",
                                       "en": "Strengthening craftsmanship together."}
    assert event.actor == communications


def test_the_reasons_are_one_per_line(centre, communications):
    url = reverse("news:centre_text", args=[centre.slug, "reasons"])
    client_for(communications).post(url, {"nl": "Tekort aan analisten\n\nSnelle technologie", "en": "Shortage"})
    centre.refresh_from_db()
    assert centre.reasons == [{"nl": "Tekort aan analisten", "en": "Shortage"}, {"nl": "Snelle technologie"}]


@pytest.mark.parametrize(("values", "message"), [
    ({"nl": "Een <b>vet</b> doel", "en": ""}, "use plain text"),
    ({"nl": "x" * 601, "en": ""}, "at most 600 characters"),
    ({"nl": "", "en": "Only English"}, "This field is required"),
])
def test_bad_texts_are_refused(centre, communications, values, message):
    response = client_for(communications).post(reverse("news:centre_text", args=[centre.slug, "aim"]), values)
    assert response.status_code == 400 and message in response.content.decode()
    assert not AuditEvent.objects.exists()


def test_a_line_and_a_contact_are_edited(client, centre, communications):
    line = ProgrammeLineFactory(centre=centre, number=1)
    person = PublicContactFactory(centre=centre, name="Jan Jansen")
    editor = client_for(communications)
    editor.post(reverse("news:line_text", args=[centre.slug, line.pk]), {
        "name_nl": "Onderwijs", "name_en": "Education", "description_nl": "Nieuwe modules", "description_en": ""})
    editor.post(reverse("news:contact", args=[centre.slug, person.pk]), {
        "name": "Jan Jansen", "position_nl": "Programmamanager", "position_en": "Programme manager",
        "phone": "071 123 4567", "email": "jan@civ.example"})
    client.cookies["django_language"] = "en"
    page = client.get(reverse("public:centre", args=[centre.slug])).content.decode()
    assert "Education" in page and "Nieuwe modules" in page and "Programme manager" in page
    assert AuditEvent.objects.filter(action="public_text_changed").count() == 2


# Query counts -------------------------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["news:list", "news:partners", "news:manage", "news:rss", "news:atom"])
def test_list_pages_take_a_constant_number_of_queries(centre, communications, url_name):
    client = client_for(communications)
    url = reverse(url_name, args=[centre.slug])

    def add(count):
        for _ in range(count):
            NewsItemFactory(centre=centre, author=communications)
            NewsItemFactory(centre=centre, audience=NewsItem.Audience.PARTNERS, author=communications)

    add(2)
    small = count_queries(client, url)
    add(4)
    assert count_queries(client, url) == small


def test_public_texts_overview_takes_constant_queries(centre, communications):
    client = client_for(communications)
    url = reverse("news:public_texts", args=[centre.slug])
    ProgrammeLineFactory(centre=centre, number=1)
    PublicContactFactory(centre=centre, name="A")
    small = count_queries(client, url)
    ProgrammeLineFactory(centre=centre, number=2)
    ProgrammeLineFactory(centre=centre, number=3)
    PublicContactFactory(centre=centre, name="B")
    PublicContactFactory(centre=centre, name="C")
    assert count_queries(client, url) == small
