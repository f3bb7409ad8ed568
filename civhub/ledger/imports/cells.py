"""The cell checks the ledger's imports share: each takes a cell and returns its value or raises CellError."""

from datetime import date
from decimal import Decimal
from functools import lru_cache

from django.utils.text import slugify
from django.utils.translation import gettext as _

from civhub.ledger.imports.values import CellError, cell_text, parse_date, parse_decimal
from civhub.ledger.services.entries import MAX_AMOUNT
from civhub.ledger.valuation import CENT

MAX_HOURS = Decimal("24")
MAX_RATE = Decimal("500")


def required(value) -> str:
    text = cell_text(value)
    if not text:
        raise CellError(_("This column is required."))
    return text


def extern_id(value) -> str:
    text = required(value)
    if len(text) > 100:
        raise CellError(_("An extern_id has at most 100 characters."))
    return text


def day(value) -> date:
    """A required date (see parsing.parse_date)."""
    if isinstance(value, str):
        return _day_from_text(value)
    return parse_date(value) if value is not None else _day_from_text("")


def optional_day(value) -> date | None:
    """A date, or None for an empty cell."""
    return None if cell_text(value) == "" else day(value)


@lru_cache(maxsize=8192)
def _day_from_text(text: str) -> date:
    # Remembered: a file of 100,000 rows has only a few hundred different dates.
    return parse_date(required(text))


def category(value, *, needed: bool = False) -> str:
    """A staff category as the office's rate-card form stores it (a slug: `Senior analyst` → `senior-analyst`).

    Empty is allowed unless `needed`.
    """
    text = cell_text(value)
    slug = slugify(text)
    if text and not 1 <= len(slug) <= 40 or needed and not text:
        raise CellError(_("Give a staff category of 1 to 40 letters, digits, hyphens or underscores."))
    return slug


def hours(value) -> Decimal | None:
    """Hours (> 0, ≤ 24, two decimals at most), or None for an empty cell."""
    if cell_text(value) == "":
        return None
    number = parse_decimal(value)
    if not Decimal("0") < number <= MAX_HOURS:
        raise CellError(_("Hours must be more than 0 and at most 24 per entry."))
    return number.quantize(CENT)


def amount(value) -> Decimal | None:
    """An amount in EUR (> 0, ≤ 1,000,000, cents at most), or None for an empty cell."""
    if cell_text(value) == "":
        return None
    number = parse_decimal(value)
    if not Decimal("0") < number <= MAX_AMOUNT:
        raise CellError(_("An amount must be more than EUR 0 and at most EUR 1,000,000."))
    return number.quantize(CENT)


def hourly_rate(value) -> Decimal:
    number = parse_decimal(required(value) if isinstance(value, str) else value)
    if not Decimal("0") < number <= MAX_RATE:
        raise CellError(_("An hourly rate must be more than EUR 0 and at most EUR 500."))
    return number.quantize(CENT)


def description(value) -> str:
    text = cell_text(value)
    if not 1 <= len(text) <= 500:
        raise CellError(_("Give a description of 1 to 500 characters (this one has %(count)s).")
                        % {"count": len(text)})
    return text
