"""The events tests read services' messages in English (the Dutch texts are the translator's)."""

import pytest


@pytest.fixture(autouse=True)
def _english(english_messages):
    """Every test here runs with English messages."""
