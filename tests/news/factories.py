"""Factories and helpers for the news tests."""

import io
from datetime import UTC, datetime, timedelta

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from civhub.news.models import NewsItem

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


class NewsItemFactory(factory.django.DjangoModelFactory):
    """A public item published a day ago (relative to the real clock, for the page tests)."""

    class Meta:
        model = NewsItem

    title = factory.Sequence(lambda n: f"Nieuwsbericht {n}")
    summary = "Een korte samenvatting."
    body = "<p>De tekst.</p>"
    audience = NewsItem.Audience.PUBLIC
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))


def image_upload(fmt="PNG", size=(40, 30), name="foto.png", mode="RGB", **save) -> SimpleUploadedFile:
    """A real image file of `fmt`, as an upload."""
    out = io.BytesIO()
    Image.new(mode, size, (200, 40, 40) if mode == "RGB" else (200, 40, 40, 128)).save(out, format=fmt, **save)
    return SimpleUploadedFile(name, out.getvalue(), content_type=f"image/{fmt.lower()}")
