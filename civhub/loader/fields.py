"""Reading typed values out of one entry of a definition file, collecting every problem on the way.

Each getter returns the value, or a default when the key is absent, or None after recording
a problem when the value is wrong: parsing goes on so that one run reports everything.
"""

import re
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator, validate_slug
from django.utils.translation import gettext as _

from civhub.core.shares import parse_share
from civhub.core.translated import as_translated

ZERO = Decimal("0")
_KVK = re.compile(r"^\d{8}$")


class Problems:
    """Every problem found in a definition file, each naming the entry and line it is about."""

    def __init__(self):
        self.messages: list[str] = []

    def __bool__(self) -> bool:
        return bool(self.messages)

    def add(self, where: str, message: str, line: int | None = None) -> None:
        """Record `message` about the entry called `where` (e.g. "pledges[3] (organisation 'foo')")."""
        if line:
            text = _("line %(line)d: %(where)s: %(message)s") % {"line": line, "where": where, "message": message}
        else:
            text = _("%(where)s: %(message)s") % {"where": where, "message": message}
        self.messages.append(text)


def describe(value) -> str:
    """A value as it appears in a message: text in quotes, shortened; anything else as written."""
    if isinstance(value, str):
        return "'" + (value if len(value) <= 40 else value[:37] + "...") + "'"
    return str(value)


class Entry:
    """One mapping of the file (the centre, one pledge, ...) with getters that check types and ranges."""

    def __init__(self, data, *, where: str, problems: Problems, allowed, required=()):
        self.where = where
        self.problems = problems
        self.line = getattr(data, "line", None)
        self.failed = False
        self.data = data if isinstance(data, dict) else {}
        if not isinstance(data, dict):
            self.error(_("expected a mapping of keys to values, not %(value)s") % {"value": describe(data)})
            return
        for key in data:
            if key not in allowed:
                self.error(_("unknown key '%(key)s'") % {"key": key})
        for key in required:
            value = data.get(key)
            if value is None or (isinstance(value, str | list | dict) and not value):
                self.error(_("missing '%(key)s'") % {"key": key})

    def error(self, message: str) -> None:
        """Record a problem with this entry."""
        self.failed = True
        self.problems.add(self.where, message, self.line)

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def _invalid(self, key: str, expected: str) -> None:
        self.error(_("'%(key)s' must be %(expected)s, not %(value)s") % {
            "key": key, "expected": expected, "value": describe(self.data.get(key)),
        })

    def string(self, key: str, *, max_length: int = 200) -> str | None:
        """A line of text, stripped; '' when absent."""
        value = self.data.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self._invalid(key, _("a text"))
            return None
        if len(value.strip()) > max_length:
            self.error(_("'%(key)s' is longer than %(max)d characters") % {"key": key, "max": max_length})
            return None
        return value.strip()

    def slug(self, key: str, *, max_length: int = 40) -> str | None:
        """A short code: letters, digits, hyphens and underscores."""
        value = self.string(key, max_length=max_length)
        if not value:
            return value
        try:
            validate_slug(value)
        except ValidationError:
            self._invalid(key, _("letters, digits, hyphens and underscores only"))
            return None
        return value

    def email(self, key: str) -> str | None:
        """An e-mail address, as written."""
        value = self.string(key, max_length=254)
        if not value:
            return value
        try:
            EmailValidator()(value)
        except ValidationError:
            self._invalid(key, _("an e-mail address"))
            return None
        return value

    def url(self, key: str) -> str | None:
        """A web address (http or https)."""
        value = self.string(key)
        if not value:
            return value
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            self._invalid(key, _("a web address starting with https://"))
            return None
        return value

    def kvk_number(self, key: str) -> str | None:
        """A Dutch Chamber of Commerce number: exactly eight digits (also when written without quotes)."""
        value = self.data.get(key)
        if value is None:
            return ""
        text = str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else None
        if text is None or not _KVK.match(text):
            self._invalid(key, _("exactly 8 digits (write it in quotes when it starts with 0)"))
            return None
        return text

    def text(self, key: str) -> dict | None:
        """A public text: a string (Dutch) or a mapping of language code to text."""
        value = self.data.get(key)
        try:
            text = as_translated(value)
        except ValueError:
            self._invalid(key, _("a text or a mapping of language code to text"))
            return None
        return self._known_languages(key, text)

    def _known_languages(self, key: str, text: dict) -> dict | None:
        languages = {code for code, _name in settings.LANGUAGES}
        unknown = sorted(set(text) - languages)
        if unknown:
            self.error(_("'%(key)s' has unknown language codes %(codes)s; use %(known)s") % {
                "key": key, "codes": ", ".join(unknown), "known": ", ".join(sorted(languages)),
            })
            return None
        return text

    def texts(self, key: str) -> list[dict] | None:
        """A list of public texts (e.g. the reasons why the centre exists)."""
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self._invalid(key, _("a list of texts"))
            return None
        result = []
        for item in value:
            try:
                text = as_translated(item)
            except ValueError:
                self.error(_("'%(key)s' must hold texts, not %(value)s") % {"key": key, "value": describe(item)})
                return None
            if not text:
                self.error(_("'%(key)s' holds an empty text") % {"key": key})
                return None
            result.append(text)
        return result

    def choice(self, key: str, choices, *, default: str | None = None) -> str | None:
        """One of the codes of a TextChoices class."""
        value = self.data.get(key)
        if value is None:
            return default
        if value not in choices.values:
            self.error(_("unknown %(key)s %(value)s; expected one of: %(choices)s") % {
                "key": key, "value": describe(value), "choices": ", ".join(choices.values),
            })
            return None
        return value

    def integer(self, key: str, *, minimum: int | None = None, maximum: int | None = None,
                default: int | None = None) -> int | None:
        """A whole number within the given bounds."""
        value = self.data.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self._invalid(key, _("a whole number"))
            return None
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            self._invalid(key, _("a whole number from %(min)s to %(max)s") % {
                "min": minimum if minimum is not None else "...", "max": maximum if maximum is not None else "...",
            })
            return None
        return value

    def boolean(self, key: str, *, default: bool = False) -> bool | None:
        """true or false."""
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self._invalid(key, _("true or false"))
            return None
        return value

    def date(self, key: str) -> date | None:
        """A calendar date written YYYY-MM-DD."""
        value = self.data.get(key)
        if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self._invalid(key, _("a date written YYYY-MM-DD"))
        return None

    def decimal(self, key: str, *, places: int, max_digits: int, minimum: Decimal = ZERO,
                maximum: Decimal | None = None, positive: bool = False) -> Decimal | None:
        """An exact number with at most `places` decimals, never a binary float."""
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | Decimal) or not Decimal(value).is_finite():
            self._invalid(key, _("a number"))
            return None
        number = Decimal(value)
        if positive and number <= 0:
            self.error(_("'%(key)s' must be more than 0, not %(value)s") % {"key": key, "value": number})
            return None
        if number < minimum:
            self.error(_("'%(key)s' must not be less than %(min)s, not %(value)s") % {
                "key": key, "min": minimum, "value": number})
            return None
        if maximum is not None and number > maximum:
            self.error(_("'%(key)s' must be at most %(max)s, not %(value)s") % {
                "key": key, "max": maximum, "value": number})
            return None
        return self._exact(key, number, places=places, max_digits=max_digits)

    def _exact(self, key: str, number: Decimal, *, places: int, max_digits: int) -> Decimal | None:
        exponent = number.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > places:
            self.error(_("'%(key)s' has more than %(places)d decimals: %(value)s") % {
                "key": key, "places": places, "value": number})
            return None
        if abs(number) >= Decimal(10) ** (max_digits - places):
            self.error(_("'%(key)s' is too large: %(value)s") % {"key": key, "value": number})
            return None
        return number.quantize(Decimal(1).scaleb(-places))

    def share(self, key: str, *, default: Fraction) -> Fraction | None:
        """A share of the budget: a fraction "1/3" or a decimal 0.25, kept exactly; `default` when absent."""
        value = self.data.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
            self._invalid(key, _("a fraction like 1/3 or a decimal like 0.25"))
            return None
        try:
            share = parse_share(value)
        except ValueError:
            self._invalid(key, _("a fraction like 1/3 or a decimal like 0.25"))
            return None
        if not 0 <= share <= 1:
            self.error(_("'%(key)s' must lie between 0 and 1, not %(value)s") % {"key": key, "value": value})
            return None
        return share

    def money(self, key: str, *, positive: bool = False, max_digits: int = 12,
              maximum: Decimal | None = None) -> Decimal | None:
        """An amount in EUR: not negative, at most two decimals."""
        return self.decimal(key, places=2, max_digits=max_digits, positive=positive, maximum=maximum)
