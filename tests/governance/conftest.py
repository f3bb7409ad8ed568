"""The governance tests assert messages in English; the Dutch ones are the translator's (locale/nl)."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Meeting documents go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
