"""One way to write dates and money (docs/style.md §16): every template and every user-facing Python text goes
through the `when` and `eur` filters (civhub/core/formatting.py), never through an ad-hoc format.

What a template may still write itself: the machine forms a browser or a comparison reads
(`|date:'c'` and `|date:'Y-m-d'` in a `<time datetime>` or a link, `|date:"Ymd"` to compare two days)
and the clock time `|time:"H:i"`.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(path for path in (ROOT / "civhub").rglob("templates/**/*") if path.suffix in {".html", ".txt"})
PYTHON = sorted(path for path in (ROOT / "civhub").rglob("*.py") if "migrations" not in path.parts)

MACHINE_DATE_FORMATS = {"c", "Y-m-d", "Ymd"}
DATE_FILTER = re.compile(r"""\|date(?::(?:"([^"]*)"|'([^']*)'|(\S+)))?""")
TIME_FILTER = re.compile(r"""\|time(?::(?:"([^"]*)"|'([^']*)'|(\S+)))?""")
EUR_WITH_ARGUMENT = re.compile(r"\|eur:")
# A money amount's last name: amount, budget_subsidy, pledged, realised, cash, ...
# (not hours, ratios or counts; a bare "total" may be a count, so it is not in the list).
MONEY_NAME = (r"(?:amount|\w*_amount|budget\w*|\w*cost\w*|price\w*|pledged|pledge|realised|forecast|"
              r"subsidy\w*|cash|spent|\w*cofinancing\w*|counted|excess|migrated|waiting|commitment|eur\w*)")
FLOATFORMAT_ON_MONEY = re.compile(rf"(?<![\w]){MONEY_NAME}\|floatformat")
PYTHON_DATE_FORMATTING = re.compile(r"\.strftime\(|formats\.date_format\(|formats\.localize\(|dateformat\.format\(")


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def ad_hoc_formats(text: str) -> list[str]:
    """The places in a template's text that format a date or money other than through `when` and `eur`."""
    found = []
    for match in DATE_FILTER.finditer(text):
        given = next((group for group in match.groups() if group is not None), None)
        if given not in MACHINE_DATE_FORMATS:
            found.append(match.group(0))
    for match in TIME_FILTER.finditer(text):
        given = next((group for group in match.groups() if group is not None), None)
        if given != "H:i":
            found.append(match.group(0))
    found += [match.group(0) + "…" for match in EUR_WITH_ARGUMENT.finditer(text)]
    found += [match.group(0) for match in FLOATFORMAT_ON_MONEY.finditer(text)]
    return found


def test_the_templates_are_found():
    assert len(TEMPLATES) > 200


@pytest.mark.parametrize("path", TEMPLATES, ids=_relative)
def test_a_template_formats_dates_and_money_only_through_the_filters(path):
    found = ad_hoc_formats(path.read_text())
    assert not found, (f"{_relative(path)} formats a date or money itself: {found}. Use |when (\"table\", "
                       "\"weekday\", \"month\", \"time\") and |eur; see docs/style.md §16.")


def test_python_formats_dates_for_people_only_in_core_formatting():
    offenders = [f"{_relative(path)}:{number}" for path in PYTHON if path.name != "formatting.py"
                 for number, line in enumerate(path.read_text().splitlines(), 1)
                 if PYTHON_DATE_FORMATTING.search(line)]
    assert not offenders, f"Use civhub.core.formatting.format_date: {offenders}"


@pytest.mark.parametrize(("text", "found"), [
    ('{{ day|date:"j M Y" }}', ['|date:"j M Y"']),
    ("{{ day|date:'SHORT_DATE_FORMAT' }}", ["|date:'SHORT_DATE_FORMAT'"]),
    ("{{ day|date }}", ["|date"]),
    ('{{ moment|time:"H:i:s" }}', ['|time:"H:i:s"']),
    ("{{ total|eur:0 }}", ["|eur:…"]),
    ('{{ row.amount|floatformat:"2g" }}', ["amount|floatformat"]),
    ('{{ group.realised|floatformat:2 }}', ["realised|floatformat"]),
    ("<time datetime=\"{{ day|date:'c' }}\">{{ day|when }}</time> {{ day|date:'Y-m-d' }}", []),
    ('{% if a|date:"Ymd" == b|date:"Ymd" %}{{ b|time:"H:i" }}{% endif %}', []),
    ('{{ entry.hours|floatformat:"2g" }} {{ row.percent|floatformat:1 }} {{ total.amount|eur }}', []),
])
def test_the_check_tells_ad_hoc_formats_from_the_filters(text, found):
    assert ad_hoc_formats(text) == found
