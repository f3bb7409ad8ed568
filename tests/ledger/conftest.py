"""The ledger's tests assert its messages in English; the Dutch ones are the translator's (locale/nl).

Pages requested through the test client still speak the language of the request.
"""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield
