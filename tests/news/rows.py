"""Permission rows for the news app (same shape as tests/test_permissions.py).

Public published news, its image and the feeds are for everyone. Partners-only items are for the
centre's members (every role in the centre); anonymous visitors and other centres get a 404.
Drafts are seen only by the writers: the communications officer and the programme office, who
also manage news and the public texts (403 for the centre's other roles, 404 for other centres).
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from civhub.news.models import NewsItem
from tests.conftest import PERSONAS
from tests.factories import ProgrammeLineFactory, PublicContactFactory
from tests.news.factories import NewsItemFactory, image_upload

LOGIN = "302 to login"  # the same marker as tests/test_permissions.py

OFFICE = ["programme_manager", "finance_controller", "centre_admin"]
EDITORS_LIST = [*OFFICE, "communications"]
MEMBERS = [*EDITORS_LIST, "practor", "steering_member", "partner_a_contact", "partner_a_signatory",
           "partner_b_contact"]

EVERYONE_200 = dict.fromkeys(PERSONAS, 200)
CENTRE_MEMBERS = {"anonymous": LOGIN, **dict.fromkeys(MEMBERS, 200), "other_centre_manager": 404}
# A partners-only item: the centre's members; nobody else learns it exists.
PARTNER_ITEM = {**dict.fromkeys(PERSONAS, 404), **dict.fromkeys(MEMBERS, 200)}
# A draft or a scheduled item: only its writers.
UNPUBLISHED = {**dict.fromkeys(PERSONAS, 404), **dict.fromkeys(EDITORS_LIST, 200)}
EDITORS = {
    **dict.fromkeys(PERSONAS, 403),
    "anonymous": LOGIN,
    **dict.fromkeys(EDITORS_LIST, 200),
    "other_centre_manager": 404,
}


def refused(who: dict) -> dict:
    return {persona: status for persona, status in who.items() if status != 200}


for who in (EVERYONE_200, CENTRE_MEMBERS, PARTNER_ITEM, UNPUBLISHED, EDITORS):
    assert sorted(who) == sorted(PERSONAS)


def centre_slug(get):
    return {"slug": get("centre").slug}


def unknown_slug(get):
    return {"slug": "no-such-centre"}


def _item(get, **fields):
    return {"slug": get("centre").slug, "pk": NewsItemFactory(centre=get("centre"), **fields).pk}


def public_item(get):
    return _item(get)


def partner_item(get):
    return _item(get, audience=NewsItem.Audience.PARTNERS)


def draft_item(get):
    return _item(get, publish_at=None)


def scheduled_item(get):
    return _item(get, publish_at=timezone.now() + timedelta(days=3))


def other_centres_item_here(get):
    return {"slug": get("centre").slug, "pk": NewsItemFactory(centre=get("other_centre")).pk}


def _with_image(get, **fields):
    get("settings").MEDIA_ROOT = get("tmp_path")
    item = NewsItemFactory(centre=get("centre"), image_alt="Een rode rechthoek", **fields)
    item.image.save("rood.png", ContentFile(image_upload().read()))
    return {"slug": get("centre").slug, "pk": item.pk}


def public_image(get):
    return _with_image(get)


def partner_image(get):
    return _with_image(get, audience=NewsItem.Audience.PARTNERS)


def aim_text(get):
    return {"slug": get("centre").slug, "field": "aim"}


def unknown_text(get):
    return {"slug": get("centre").slug, "field": "slug"}


def line(get):
    return {"slug": get("centre").slug, "pk": ProgrammeLineFactory(centre=get("centre")).pk}


def other_centres_line_here(get):
    return {"slug": get("centre").slug, "pk": ProgrammeLineFactory(centre=get("other_centre")).pk}


def contact(get):
    return {"slug": get("centre").slug, "pk": PublicContactFactory(centre=get("centre")).pk}


def other_centres_contact_here(get):
    return {"slug": get("centre").slug, "pk": PublicContactFactory(centre=get("other_centre")).pk}


def rows(url_name, args, who, method="GET"):
    return [(url_name, args, method, persona, status) for persona, status in who.items()]


NEWS_ROWS = [
    # Reading: public news for everyone, partner items for the centre's members, drafts for the writers.
    *rows("news:list", centre_slug, EVERYONE_200),
    ("news:list", unknown_slug, "GET", "anonymous", 404),
    *rows("news:partners", centre_slug, CENTRE_MEMBERS),
    *rows("news:item", public_item, EVERYONE_200),
    *rows("news:item", partner_item, PARTNER_ITEM),
    *rows("news:item", draft_item, UNPUBLISHED),
    *rows("news:item", scheduled_item, UNPUBLISHED),
    ("news:item", other_centres_item_here, "GET", "anonymous", 404),
    ("news:item", other_centres_item_here, "GET", "programme_manager", 404),
    *rows("news:image", public_image, EVERYONE_200),
    *rows("news:image", partner_image, PARTNER_ITEM),
    ("news:image", public_item, "GET", "anonymous", 404),  # an item without an image
    ("news:image", other_centres_item_here, "GET", "programme_manager", 404),
    *rows("news:rss", centre_slug, EVERYONE_200),
    *rows("news:atom", centre_slug, EVERYONE_200),
    ("news:rss", unknown_slug, "GET", "anonymous", 404),
    ("news:atom", unknown_slug, "GET", "anonymous", 404),
    # Writing news: the communications officer and the programme office.
    *rows("news:manage", centre_slug, EDITORS),
    *rows("news:create", centre_slug, EDITORS),
    *rows("news:edit", draft_item, EDITORS),
    *rows("news:delete", public_item, EDITORS),
    ("news:edit", other_centres_item_here, "GET", "programme_manager", 404),
    ("news:delete", other_centres_item_here, "POST", "communications", 404),
    ("news:delete", public_item, "POST", "communications", 302),
    *rows("news:create", centre_slug, refused(EDITORS), method="POST"),
    *rows("news:edit", draft_item, refused(EDITORS), method="POST"),
    *rows("news:delete", public_item, refused(EDITORS), method="POST"),
    # The public texts.
    *rows("news:public_texts", centre_slug, EDITORS),
    *rows("news:centre_text", aim_text, EDITORS),
    *rows("news:line_text", line, EDITORS),
    *rows("news:contact", contact, EDITORS),
    ("news:centre_text", unknown_text, "GET", "communications", 404),
    ("news:line_text", other_centres_line_here, "GET", "communications", 404),
    ("news:contact", other_centres_contact_here, "GET", "communications", 404),
    *rows("news:centre_text", aim_text, refused(EDITORS), method="POST"),
    *rows("news:line_text", line, refused(EDITORS), method="POST"),
    *rows("news:contact", contact, refused(EDITORS), method="POST"),
]
