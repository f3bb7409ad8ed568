"""A cell's value in an import file (docs/formats.md, "Numbers, dates, text in every import").

The `parse_*` functions raise `CellError` for a cell that does not hold what its column needs;
the importers turn it into one line of their error report.

Numbers. `1234,56`, `1234.56`, `1.234,56` and `1,234.56` all mean 1234.56: when both `.`
and `,` occur the last one is the decimal separator and the other groups thousands. A
*lone* separator is always the decimal separator, so `1.234` is 1.234 (three decimals,
which hours and amounts may not have: the importer refuses it and says why) and never
silently one thousand two hundred and thirty-four. A separator that occurs more than once
(`1.234.567`) can only group thousands. XLSX numeric cells are numbers already and skip
all of this.
"""

import re
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _


class CellError(ValueError):
    """One cell does not hold what its column needs; the message says what to write instead."""


_DIGITS = set("0123456789")


def parse_decimal(value, *, places: int = 2) -> Decimal:
    """A number as docs/formats.md writes it (see the module docstring), with at most `places` decimals."""
    if isinstance(value, bool) or isinstance(value, date | time):
        raise CellError(_("This is not a number."))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return _from_float(value, places)
    text = str(value).strip()
    number = _decimal_from_text(text)
    if -number.as_tuple().exponent > places:
        raise CellError(_too_many_decimals(text, places))
    return number


def _from_float(value: float, places: int) -> Decimal:
    """An XLSX number: its shortest decimal form, forgiving binary noise like 0.30000000000000004."""
    if value != value or value in (float("inf"), float("-inf")):
        raise CellError(_("This is not a number."))
    number = Decimal(repr(value))
    rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if abs(number - rounded) > Decimal("1e-9"):
        raise CellError(_("At most %(places)s decimals.") % {"places": places})
    return rounded


def _decimal_from_text(text: str) -> Decimal:
    sign, body = (text[0], text[1:]) if text[:1] in ("+", "-") else ("", text)
    if not body or not set(body) <= _DIGITS | {".", ","}:
        raise CellError(_("This is not a number; write it like 1234,56 or 1234.56."))
    integer, fraction = _split_number(body)
    if not integer and not fraction:
        raise CellError(_("This is not a number; write it like 1234,56 or 1234.56."))
    try:
        # The decimals as written: "7,50" keeps two places, so "7,500" can be refused, not read as 7.5.
        return Decimal(f"{sign}{integer or '0'}.{fraction}" if fraction else f"{sign}{integer}")
    except InvalidOperation:
        raise CellError(_("This is not a number; write it like 1234,56 or 1234.56.")) from None


def _split_number(body: str) -> tuple[str, str]:
    """(integer digits, fraction digits) of an unsigned number with `.`/`,` as docs/formats.md allows."""
    last_dot, last_comma = body.rfind("."), body.rfind(",")
    if last_dot >= 0 and last_comma >= 0:
        decimal_mark = "." if last_dot > last_comma else ","
        integer, fraction = body.rsplit(decimal_mark, 1)
        return _ungroup(integer, "," if decimal_mark == "." else "."), _digits(fraction)
    separator = "." if last_dot >= 0 else "," if last_comma >= 0 else ""
    if not separator:
        return body, ""
    if body.count(separator) == 1:  # a lone separator is the decimal separator
        integer, fraction = body.split(separator)
        return integer, _digits(fraction)
    return _ungroup(body, separator), ""


def _ungroup(integer: str, separator: str) -> str:
    """`1.234.567` → `1234567`, only when every group after the first has exactly three digits."""
    groups = integer.split(separator)
    if not (1 <= len(groups[0]) <= 3 and all(len(group) == 3 for group in groups[1:])):
        raise CellError(_("This is not a number; write it like 1234,56 or 1234.56."))
    return "".join(groups)


def _digits(fraction: str) -> str:
    if not fraction or not set(fraction) <= _DIGITS:
        raise CellError(_("This is not a number; write it like 1234,56 or 1234.56."))
    return fraction


def _too_many_decimals(text: str, places: int) -> str:
    if re.fullmatch(r"\d{1,3}[.,]\d{3}", text):
        return _("“%(value)s” has three decimals. For a thousand or more write it without a separator "
                 "(1234) or with decimals (1.234,00).") % {"value": text}
    return _("At most %(places)s decimals.") % {"places": places}


_ISO_DATE = re.compile(r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})")
_DUTCH_DATE = re.compile(r"(\d{1,2})([-/])(\d{1,2})\2(\d{4})")


def parse_date(value) -> date:
    """`YYYY-MM-DD` or `DD-MM-YYYY` (also with `/`), or an XLSX date cell."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = match.group(1), match.group(3), match.group(4)
    elif match := _DUTCH_DATE.fullmatch(text):
        day, month, year = match.group(1), match.group(3), match.group(4)
    else:
        raise CellError(_("This is not a date; write it as 31-12-2024 or 2024-12-31."))
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise CellError(_("This date does not exist.")) from None


def parse_int(value) -> int:
    """A whole number, from text or from an XLSX number cell (`3` or `3.0`)."""
    if isinstance(value, bool):
        raise CellError(_("This is not a whole number."))
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip()
    if not text.isascii() or not text.isdigit():
        raise CellError(_("This is not a whole number."))
    return int(text)


def cell_text(value) -> str:
    """A cell as text: XLSX numbers without a spurious `.0`, dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()
