"""What the multi-process tests share: a centre whose partner A may book hours at a rate."""

import datetime

import pytest

from tests.ledger.office_support import grant_for, rate_card


@pytest.fixture
def ledger(centre, partner_a):
    grant_for(centre)
    rate_card(partner_a, category="analyst", rate="85.00", valid_from=datetime.date(2025, 1, 1))
    return centre
