"""Money and number formatting: EUR 1.234,56 in Dutch, EUR 1,234.56 in English."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import get_language

CENT = Decimal("0.01")


def to_cents(value) -> Decimal:
    """Round a money amount half up to the cent."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def group_number(value: Decimal, places: int, language: str | None = None) -> str:
    """Format with thousands grouping and the active language's separators."""
    language = (language or get_language() or "nl")[:2]
    text = f"{value:,.{places}f}"
    if language == "nl":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_eur(value, *, places: int = 2, language: str | None = None) -> str:
    """`EUR 1.234,56` (nl) or `EUR 1,234.56` (en); whole euros with places=0."""
    if value is None or value == "":
        return ""
    amount = Decimal(value)
    amount = to_cents(amount) if places == 2 else amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    return f"{sign}EUR {group_number(abs(amount), places, language)}"
