"""How civhub writes money and dates for people (docs/style.md §16, "Dates and money").

Money: `EUR 1.234,56` in Dutch, `EUR 1,234.56` in English, a negative amount as `EUR −1.234,56`
(a real minus sign, U+2212, after "EUR"). Dates: `26 mei 2021` in running text, `26-05-2021` in
Dutch tables (`26 May 2021` in English ones); a date-time adds `20:43`. Templates use the
`eur` and `when` filters of `core/templatetags/civhub.py`; PDFs, XLSX cells, e-mails and
messages call these functions.
"""

import datetime
import functools
from decimal import ROUND_HALF_UP, Decimal

from django.utils import dateformat, timezone, translation
from django.utils.translation import get_language

CENT = Decimal("0.01")
MINUS = "\u2212"

# style word → (Dutch format, English format) for the date part; see format_date.
DATE_STYLES = {
    "text": ("j F Y", "j F Y"),           # 26 mei 2021 / 26 May 2021
    "table": ("d-m-Y", "j M Y"),          # 26-05-2021 / 26 May 2021
    "weekday": ("l j F Y", "l j F Y"),    # woensdag 26 mei 2021 / Wednesday 26 May 2021
    "month": ("F Y", "F Y"),              # mei 2021 / May 2021
}
TIME_FORMAT = "H:i"                       # 20:43 in both languages
# How the time follows the date: after a comma in text, after a space in a table.
TIME_JOINER = {"text": ", ", "table": " ", "weekday": ", ", "month": " "}


def to_cents(value) -> Decimal:
    """Round a money amount half up to the cent."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def _language(language: str | None) -> str:
    return (language or get_language() or "nl")[:2]


def group_number(value: Decimal, places: int, language: str | None = None) -> str:
    """Format with thousands grouping and the active language's separators."""
    text = f"{value:,.{places}f}"
    if _language(language) == "nl":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_eur(value, *, places: int = 2, language: str | None = None) -> str:
    """`EUR 1.234,56` (nl) or `EUR 1,234.56` (en), `EUR −1.234,56` when negative.

    places=0 (whole euros) is only for a chart's axis, where cents are noise; every ledger,
    report, table and text shows cents.
    """
    if value is None or value == "":
        return ""
    amount = Decimal(value)
    amount = to_cents(amount) if places == 2 else amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    sign = MINUS if amount < 0 else ""
    return f"EUR {sign}{group_number(abs(amount), places, language)}"


@functools.lru_cache(maxsize=64)  # a handful of styles, asked for in every row of a table
def parse_style(style: str) -> tuple[str, bool]:
    """`"table time"` → ("table", True): the date style and whether the time is shown."""
    words = (style or "").replace(",", " ").split()
    show_time = "time" in words
    rest = [word for word in words if word != "time"]
    if len(rest) > 1 or (rest and rest[0] not in DATE_STYLES):
        raise ValueError(f"Unknown date style {style!r}; use text, table, weekday or month, optionally with time.")
    return (rest[0] if rest else "text"), show_time


def format_date(value, style: str = "text", *, language: str | None = None) -> str:
    """A date or date-time as people read it, in the active (or given) language.

    style: "text" (26 mei 2021, the default), "table" (26-05-2021; English 26 May 2021),
    "weekday" (woensdag 26 mei 2021), "month" (mei 2021); add "time" for the clock time of a
    date-time: "text time" → 26 mei 2021, 20:43, "table time" → 26-05-2021 20:43. An aware
    date-time is shown in the centre's time zone. None or "" gives "".
    """
    if value is None or value == "":
        return ""
    name, show_time = parse_style(style)
    language = _language(language)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if show_time and not isinstance(value, datetime.datetime):
        show_time = False
    date_format = DATE_STYLES[name][0 if language == "nl" else 1]
    if _language(None) == language:  # already active: switching costs more than the formatting
        return _formatted(value, name, date_format, show_time)
    with translation.override(language):
        return _formatted(value, name, date_format, show_time)


def _formatted(value, name: str, date_format: str, show_time: bool) -> str:
    text = dateformat.format(value, date_format)
    if show_time:
        text += TIME_JOINER[name] + dateformat.format(value, TIME_FORMAT)
    return text
