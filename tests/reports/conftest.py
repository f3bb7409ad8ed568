"""The reports' tests assert messages in English; the PDFs are rendered in Dutch (their own override)."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield
