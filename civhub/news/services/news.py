"""Writing news: create, change and delete items; the body is sanitised and the image re-encoded on every save."""

import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from civhub.core.audit import field_changes, record_event
from civhub.core.models import Centre
from civhub.news.errors import NewsError
from civhub.news.images import encode_image
from civhub.news.models import NewsItem
from civhub.news.sanitise import clean_body

FIELDS = ("title", "summary", "body", "image_alt", "audience", "publish_at")


def _cleaned(data: dict) -> dict:
    values = {name: data.get(name) for name in FIELDS}
    values["title"] = " ".join((values["title"] or "").split())
    values["summary"] = " ".join((values["summary"] or "").split())
    values["body"] = clean_body(values["body"] or "")
    values["image_alt"] = " ".join((values["image_alt"] or "").split())
    if not values["title"]:
        raise NewsError(_("Give the news item a title."))
    if not values["summary"]:
        raise NewsError(_("Give the news item a short summary."))
    if values["audience"] not in NewsItem.Audience.values:
        raise NewsError(_("Choose who may read the news item."))
    return values


def save_news_item(*, centre: Centre, actor, data: dict, image=None, remove_image: bool = False,
                   item: NewsItem | None = None) -> NewsItem:
    """Create or change a news item; `image` an uploaded file (checked and re-encoded), else the old one stays."""
    values = _cleaned(data)
    encoded = encode_image(image) if image else None
    keeps_image = bool(encoded) or bool(item and item.image and not remove_image)
    if keeps_image and not values["image_alt"]:
        raise NewsError(_("Describe the image for people who cannot see it."))
    if not keeps_image:
        values["image_alt"] = ""
    with transaction.atomic():
        if item is None:
            item = NewsItem(centre=centre, author=actor if getattr(actor, "pk", None) else None)
            changes, action = {}, "news_created"
        else:
            item = NewsItem.objects.select_for_update().get(pk=item.pk, centre=centre)
            changes, action = field_changes(item, values), "news_changed"
        for name, value in values.items():
            setattr(item, name, value)
        if encoded:
            item.image.save(f"{uuid.uuid4().hex}.{encoded.extension}", ContentFile(encoded.content), save=False)
            changes["image"] = ["", item.image.name]
        elif not keeps_image and item.image:
            changes["image"] = [item.image.name, ""]
            item.image = ""
        item.save()
        record_event(item, actor=actor, action=action, centre=centre, summary=item.title, changes=changes)
    return item


def delete_news_item(*, item: NewsItem, actor) -> None:
    """Delete a news item (its history keeps what it said); the audit log names it."""
    with transaction.atomic():
        record_event(item, actor=actor, action="news_deleted", centre=item.centre, summary=item.title,
                     changes={"title": [item.title, ""], "publish_at": [str(item.publish_at), ""]})
        item.delete()
