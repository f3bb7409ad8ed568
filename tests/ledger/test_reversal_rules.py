"""A reversal corrects an accepted entry once; the pair cancels out and the chain stays intact."""

import pytest

from civhub.ledger import chain
from civhub.ledger.errors import LedgerError
from civhub.ledger.models import Contribution
from civhub.ledger.services import approval
from tests.ledger.entries_helpers import _controller, make_entry

pytestmark = pytest.mark.django_db
Status = Contribution.Status


def test_a_reversal_cannot_itself_be_reversed(partner_a, partner_a_contact):
    original = make_entry(partner_a, partner_a_contact, status=Status.REVERSED)
    reversal = original.reversal

    with pytest.raises(LedgerError, match="cannot itself be reversed"):
        approval.reverse_contribution(entry=reversal, actor=_controller(partner_a.centre), reason="Nogmaals")

    reversal.refresh_from_db()
    assert reversal.status == Status.ACCEPTED


def test_a_reversed_pair_cancels_out_and_keeps_the_chain_intact(partner_a, partner_a_contact):
    original = make_entry(partner_a, partner_a_contact, status=Status.REVERSED)

    assert original.amount + original.reversal.amount == 0
    assert original.reversal.reversal_reason == "Dubbel ingevoerd"
    report = chain.verify_chain(partner_a.centre)
    assert report.broken is None and report.checked == 2
