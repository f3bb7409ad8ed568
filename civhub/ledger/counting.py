"""What counts as co-financing, as of a date: the one definition every figure of money is built on.

- An entry counts once it is accepted: status *accepted*, or *reversed* (a reversed entry and
  its accepted, negative reversal together count zero).
- "As of" a date: entries dated on or before it **and** accepted on or before it, so that a
  report made later for the same date shows the same figures (docs/formats.md §6).
- Co-financing: entries of partners whose group is not `not_counted` (the lead applicant's
  own work is not co-financing) and of a kind other than BPV (RIF 2014 art. 10(5)).
"""

from datetime import date

from django.db.models import Q

from civhub.core.choices import NEVER_COUNTED_KINDS
from civhub.ledger.models import Contribution
from civhub.partners.models import CofinancingGroup

ACCEPTED = (Contribution.Status.ACCEPTED, Contribution.Status.REVERSED)
WAITING = (Contribution.Status.SUBMITTED, Contribution.Status.APPROVED)


def accepted_as_of(as_of: date, prefix: str = "") -> Q:
    """Entries that count on `as_of`: accepted, dated and accepted on or before it."""
    return Q(**{f"{prefix}status__in": ACCEPTED, f"{prefix}date__lte": as_of, f"{prefix}accepted_on__lte": as_of})


def cofinancing(prefix: str = "") -> Q:
    """Entries that are co-financing at all: not of a not-counted partner, not of a never-counted kind."""
    return ~Q(**{f"{prefix}partnership__cofinancing_group": CofinancingGroup.NOT_COUNTED}) & ~Q(
        **{f"{prefix}kind__in": sorted(NEVER_COUNTED_KINDS)})


def is_cofinancing(group: str, kind: str) -> bool:
    """The same rule for a grouped row (a partner's group and a kind)."""
    return group != CofinancingGroup.NOT_COUNTED and kind not in NEVER_COUNTED_KINDS
