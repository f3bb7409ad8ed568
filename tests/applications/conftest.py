"""The applications tests assert messages in English; the Dutch ones are the translator's (locale/nl)."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield


@pytest.fixture
def lead(centre):
    """The lead applicant (mboRijnland): its own contribution is shown and not counted."""
    from tests.factories import PartnershipFactory

    return PartnershipFactory(centre=centre, is_lead_applicant=True, cofinancing_group="not_counted",
                              organisation__name="mboRijnland")
