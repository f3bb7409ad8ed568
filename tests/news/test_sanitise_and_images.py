"""What can be stored: the body sanitised on every save, images checked by content and re-encoded."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from civhub.core.models import AuditEvent
from civhub.news.errors import NewsError
from civhub.news.images import MAX_BYTES
from civhub.news.models import NewsItem
from civhub.news.sanitise import clean_body
from civhub.news.services.news import delete_news_item, save_news_item
from tests.news.factories import NOW, image_upload

HOSTILE = [
    '<script>alert(1)</script>',
    '<p onclick="alert(1)">klik</p>',
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">link</a>',
    '<a href=" JaVaScRiPt:alert(1)">link</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">link</a>',
    '<p style="background:url(x)">stijl</p>',
    '<style>body{display:none}</style>',
    '<iframe src="https://evil.example"></iframe>',
    '<svg onload="alert(1)"></svg>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<form action="https://evil.example"><input name=x></form>',
    '<!-- <script>alert(1)</script> -->',
]


@pytest.mark.parametrize("html", HOSTILE)
def test_nothing_hostile_survives(html):
    cleaned = clean_body(f"<p>Veilig</p>{html}").lower()
    for bad in ("<script", "onerror", "onclick", "onload", "javascript:", "style", "<iframe", "<svg", "<form",
                "<input", "data:", "alert(1)", "<!--", "<img"):
        assert bad not in cleaned, (html, cleaned)
    assert "<p>veilig</p>" in cleaned


def test_basic_formatting_is_kept_and_links_get_rel():
    html = ('<h3>Kop</h3><h4>Sub</h4><p>Een <strong>vet</strong> en <em>schuin</em> woord<br>regel</p>'
            '<ul><li>een</li></ul><ol><li>twee</li></ol><blockquote>citaat</blockquote>'
            '<a href="https://civ.example/x" target="_blank">web</a><a href="mailto:info@civ.example">mail</a>')
    cleaned = clean_body(html)
    for kept in ("<h3>Kop</h3>", "<h4>Sub</h4>", "<strong>vet</strong>", "<em>schuin</em>", "<br>",
                 "<ul><li>een</li></ul>", "<ol><li>twee</li></ol>", "<blockquote>citaat</blockquote>"):
        assert kept in cleaned
    assert '<a href="https://civ.example/x" rel="noopener noreferrer">web</a>' in cleaned
    assert '<a href="mailto:info@civ.example" rel="noopener noreferrer">mail</a>' in cleaned
    assert "target" not in cleaned


def test_relative_links_and_other_tags_lose_what_is_not_allowed():
    cleaned = clean_body('<h1>Groot</h1><a href="/account/">intern</a><table><tr><td>cel</td></tr></table>')
    assert "<h1>" not in cleaned and "Groot" in cleaned
    assert "href" not in cleaned and "<table" not in cleaned and "cel" in cleaned


def test_plain_text_becomes_paragraphs_and_is_escaped():
    assert clean_body("Eerste regel\ntweede regel\n\nNieuwe alinea & 3 < 4") == (
        "<p>Eerste regel<br>tweede regel</p><p>Nieuwe alinea &amp; 3 &lt; 4</p>")


def _data(**fields):
    return {"title": "Kick-off", "summary": "Het begin.", "body": "<p>Tekst</p>", "image_alt": "",
            "audience": NewsItem.Audience.PUBLIC, "publish_at": NOW, **fields}


def test_the_service_sanitises_on_every_save(centre, communications):
    item = save_news_item(centre=centre, actor=communications, data=_data(body='<p onclick="x()">Hoi</p><script>'
                                                                            'alert(1)</script>'))
    assert item.body == "<p>Hoi</p>"
    item = save_news_item(centre=centre, actor=communications, item=item,
                          data=_data(body='<a href="javascript:alert(1)">x</a>'))
    item.refresh_from_db()
    assert "javascript" not in item.body
    assert item.author == communications
    assert list(AuditEvent.objects.filter(target_id=str(item.pk)).values_list("action", flat=True)
                .order_by("pk")) == ["news_created", "news_changed"]


def test_title_and_summary_are_required(centre, communications):
    with pytest.raises(NewsError, match="title"):
        save_news_item(centre=centre, actor=communications, data=_data(title="   "))
    with pytest.raises(NewsError, match="summary"):
        save_news_item(centre=centre, actor=communications, data=_data(summary=""))


def test_an_image_is_re_encoded_without_metadata_and_scaled(centre, communications):
    exif = Image.Exif()
    exif[0x010F] = "Spionagecamera"  # Make
    upload = image_upload("JPEG", size=(2400, 1200), name="foto.jpg", exif=exif.tobytes())
    item = save_news_item(centre=centre, actor=communications, image=upload,
                          data=_data(image_alt="Analisten in het lab"))
    assert item.image.name.startswith(f"news/{centre.pk}/") and item.image.name.endswith(".jpg")
    assert "foto" not in item.image.name
    with item.image.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "JPEG" and image.size == (1600, 800)
        assert not image.getexif()


def test_webp_and_transparent_png_are_accepted(centre, communications):
    webp = save_news_item(centre=centre, actor=communications, image=image_upload("WEBP", name="a.webp"),
                          data=_data(image_alt="Een plaatje"))
    assert webp.image.name.endswith(".jpg")
    png = save_news_item(centre=centre, actor=communications, data=_data(image_alt="Logo"),
                         image=image_upload("PNG", mode="RGBA"))
    assert png.image.name.endswith(".png")


def test_a_renamed_non_image_is_refused(centre, communications):
    fake = SimpleUploadedFile("foto.jpg", b"%PDF-1.4 not an image at all", content_type="image/jpeg")
    with pytest.raises(NewsError, match="not an image"):
        save_news_item(centre=centre, actor=communications, image=fake, data=_data(image_alt="x"))
    gif = image_upload("GIF", name="foto.png")
    with pytest.raises(NewsError, match="JPEG, PNG or WebP"):
        save_news_item(centre=centre, actor=communications, image=gif, data=_data(image_alt="x"))
    assert not NewsItem.objects.exists()


def test_too_large_images_are_refused(centre, communications):
    wide = image_upload("PNG", size=(6001, 10))
    with pytest.raises(NewsError, match="6000 pixels"):
        save_news_item(centre=centre, actor=communications, image=wide, data=_data(image_alt="x"))
    heavy = SimpleUploadedFile("groot.png", b"\x89PNG" + b"0" * MAX_BYTES, content_type="image/png")
    with pytest.raises(NewsError, match="5 MB"):
        save_news_item(centre=centre, actor=communications, image=heavy, data=_data(image_alt="x"))


def test_an_image_needs_a_description_and_can_be_removed(centre, communications):
    with pytest.raises(NewsError, match="Describe the image"):
        save_news_item(centre=centre, actor=communications, image=image_upload(), data=_data())
    item = save_news_item(centre=centre, actor=communications, image=image_upload(), data=_data(image_alt="Rood"))
    item = save_news_item(centre=centre, actor=communications, item=item, remove_image=True,
                          data=_data(image_alt="Rood"))
    assert not item.image and item.image_alt == ""


def test_deleting_is_audited(centre, communications):
    item = save_news_item(centre=centre, actor=communications, data=_data())
    delete_news_item(item=item, actor=communications)
    assert not NewsItem.objects.exists()
    assert AuditEvent.objects.filter(action="news_deleted", summary="Kick-off").exists()
