"""Rows the office's ledger tests build: a grant, pledges, rate cards and contributions in a given status.

Contributions are written straight to the table (the services that move them through their
statuses are tested elsewhere); what these tests need is a known set of amounts per status.
"""

import datetime
from decimal import Decimal

from civhub.ledger.models import Contribution, Pledge, RateCard
from tests.factories import GrantFactory, UserFactory, accepted_on

Status = Contribution.Status


def grant_for(centre, **fields):
    """The centre's grant, 2025-2028 with rate cards (no fixed hourly rate) unless told otherwise."""
    existing = centre.grants.first()
    if existing is not None:
        return existing
    fields.setdefault("fixed_hourly_rate", None)
    return GrantFactory(centre=centre, **fields)


def pledge(partnership, year=2025, kind="lab", amount="10000.00") -> Pledge:
    grant_for(partnership.centre)
    return Pledge.objects.create(partnership=partnership, year=year, kind=kind, amount=Decimal(amount))


def rate_card(partnership, category="analyst", rate="85.00", valid_from=datetime.date(2025, 1, 1)) -> RateCard:
    return RateCard.objects.create(partnership=partnership, category=category, hourly_rate=Decimal(rate),
                                   valid_from=valid_from)


def contribution(partnership, *, amount="100.00", status=Status.ACCEPTED, day=datetime.date(2025, 3, 1),
                 kind="lab", hours=None, category="", entered_by=None, **fields) -> Contribution:
    """One entry with a known value and status (no hash chain: these tests read totals, not the chain)."""
    return Contribution.objects.create(
        centre=partnership.centre, partnership=partnership, date=day, kind=kind, amount=Decimal(amount),
        hours=Decimal(hours) if hours is not None else None, category=category,
        hourly_rate=(Decimal(amount) / Decimal(hours)).quantize(Decimal("0.01")) if hours else None,
        description="Test entry", status=status, entered_by=entered_by or UserFactory(),
        **accepted_on(status, day, fields),
    )
