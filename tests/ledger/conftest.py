"""The ledger's tests assert its messages in English (tests/conftest.py english_messages)."""

import pytest


@pytest.fixture(autouse=True)
def _english(english_messages):
    """Every ledger test speaks English unless it asks for Dutch itself."""
