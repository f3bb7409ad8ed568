"""Valuing contributions: hours × the rate in force, rounded half up to the cent per entry."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from civhub.core.formatting import format_date
from civhub.core.models import Grant
from civhub.ledger.errors import LedgerError
from civhub.ledger.models import RateCard

CENT = Decimal("0.01")


def value_of(hours: Decimal, rate: Decimal) -> Decimal:
    """hours × rate, rounded half up to the cent (the rule for every entry)."""
    return (hours * rate).quantize(CENT, rounding=ROUND_HALF_UP)


def grant_on(centre, day: date) -> Grant | None:
    """The centre's grant whose period holds `day` (or None)."""
    return centre.grants.filter(start__lte=day, end__gte=day).first()


def rate_card_on(partnership, category: str, day: date) -> RateCard | None:
    """The partner's rate for the category in force on `day`: the latest valid_from on or before it."""
    return (
        RateCard.objects.filter(partnership=partnership, category=category, valid_from__lte=day)
        .order_by("-valid_from")
        .first()
    )


def hourly_rate_for(*, partnership, category: str, day: date, grant: Grant | None) -> Decimal:
    """The grant's fixed hourly rate where it has one, else the partner's rate card on that day."""
    if grant is not None and grant.fixed_hourly_rate is not None:
        return grant.fixed_hourly_rate
    if not category:
        raise LedgerError(_("Choose a staff category: this grant values hours at the partner's own rates."))
    card = rate_card_on(partnership, category, day)
    if card is None:
        raise LedgerError(
            _("There is no hourly rate for category “%(category)s” of %(partner)s on %(date)s.")
            % {"category": category, "partner": partnership.organisation.name, "date": format_date(day)}
        )
    return card.hourly_rate
