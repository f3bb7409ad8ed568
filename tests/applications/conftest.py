"""The applications tests assert messages in English; the Dutch ones are the translator's (locale/nl)."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield
