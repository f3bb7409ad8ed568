"""News tests: messages in English (tests/conftest.py english_messages), images in a temporary folder."""

import pytest


@pytest.fixture(autouse=True)
def _english(english_messages):
    """Services' messages in English."""


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploaded images go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
