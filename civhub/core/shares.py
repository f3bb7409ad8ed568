"""Shares of a whole as exact fractions: the regulation's "one third" is 1/3, not 0.3333.

A share is stored as text ("1/3", "1/4") and read as a `fractions.Fraction`, so that a
bound computed from it is exact: 1/3 of a EUR 900,000.00 budget is EUR 300,000.00, where
0.3333 would give 299,970.00. A definition file may write a share as a fraction ("2/3")
or a decimal ("0.25"); both are kept exactly.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

CENT = Decimal("0.01")


def parse_share(value) -> Fraction:
    """A share from a Fraction, Decimal, int or text ("1/3", "0.25", "0,25"); ValueError when it is none."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | Decimal):
        return Fraction(value)
    if isinstance(value, float):
        return Fraction(Decimal(str(value)))
    text = str(value).strip().replace(",", ".")
    try:
        if "/" in text:
            numerator, denominator = (part.strip() for part in text.split("/", 1))
            return Fraction(int(numerator), int(denominator))
        return Fraction(Decimal(text))
    except (ValueError, ZeroDivisionError, InvalidOperation):
        raise ValueError(value) from None


def format_share(share: Fraction) -> str:
    """The stored text of a share: "1/3", "1/4", "0/1"."""
    return f"{share.numerator}/{share.denominator}"


def one_third() -> Fraction:
    return Fraction(1, 3)


def two_thirds() -> Fraction:
    return Fraction(2, 3)


def share_of(amount: Decimal, share) -> Decimal:
    """`share` of `amount`, to the cent (half up), computed exactly: 1/3 of 900,000.00 is 300,000.00."""
    share = parse_share(share)
    return (Decimal(amount) * share.numerator / share.denominator).quantize(CENT, rounding=ROUND_HALF_UP)


def share_label(share) -> str:
    """A share as people write it: "1/3" for thirds and the like, "25%" for a whole percentage."""
    share = parse_share(share)
    percent = share * 100
    if percent.denominator == 1:
        return f"{percent.numerator}%"
    return format_share(share)


def validate_share(share: Fraction) -> None:
    if not 0 <= share <= 1:
        raise ValidationError(_("A share lies between 0 and 1, for example 1/3 or 0.25."), code="share_range")


class ShareField(models.CharField):
    """A share of a whole (0 to 1), stored as an exact fraction "a/b" and read as a `fractions.Fraction`."""

    description = _("Share (an exact fraction)")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(*args, **kwargs)
        self.validators.append(validate_share)

    def from_db_value(self, value, expression, connection):
        return None if value is None else parse_share(value)

    def to_python(self, value):
        if value is None or isinstance(value, Fraction):
            return value
        try:
            return parse_share(value)
        except ValueError:
            raise ValidationError(_("“%(value)s” is not a share: write a fraction like 1/3 or a decimal like 0.25."),
                                  code="invalid", params={"value": value}) from None

    def get_prep_value(self, value):
        if value is None or value == "":
            return value
        return format_share(self.to_python(value))

    def value_to_string(self, obj):
        value = self.value_from_object(obj)
        return "" if value is None else format_share(value)

    def formfield(self, **kwargs):
        from django import forms

        return super().formfield(**{"form_class": forms.CharField, **kwargs})

    def run_validators(self, value):
        # CharField's max-length validator measures text; a share is checked by its range.
        if value is not None:
            validate_share(self.to_python(value))
