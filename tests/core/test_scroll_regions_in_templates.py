"""A table that scrolls sideways on a phone is a region a keyboard can reach (WCAG 2.1.1, axe's
`scrollable-region-focusable`): every `.table-wrap` (the overflow container of site.css) carries
`tabindex="0"`, `role="region"` and a name, `aria-labelledby` its caption's id or a translated `aria-label`.

The browser tests (tests/browser/test_accessibility.py, test_office_accessibility.py) run axe at 390 px wide on the
rendered pages; this test keeps the templates so without a browser.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "civhub").rglob("templates/**/*.html"))
CSS = ROOT / "civhub" / "core" / "static" / "civhub" / "site.css"

# The classes site.css gives `overflow: auto` / `overflow-x: auto`: the wrappers that scroll.
SCROLLING_CLASSES = {"table-wrap", "coverage-wrap"}
OPENING_TAG = re.compile(r"<(?P<name>[a-z][a-z0-9]*)\b(?P<attributes>[^<>]*)>", re.IGNORECASE | re.DOTALL)
CLASS = re.compile(r"""\bclass=(?:"([^"]*)"|'([^']*)')""")
OVERFLOW_RULE = re.compile(r"([^{}]+)\{[^{}]*\boverflow(?:-x|-y)?\s*:\s*(?:auto|scroll)[^{}]*\}")


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _classes(attributes: str) -> set[str]:
    match = CLASS.search(attributes)
    return set((match.group(1) or match.group(2) or "").split()) if match else set()


def unreachable_regions(text: str) -> list[str]:
    """The opening tags of scrolling wrappers a keyboard cannot reach or a screen reader cannot name."""
    found = []
    for match in OPENING_TAG.finditer(text):
        attributes = match.group("attributes")
        if not _classes(attributes) & SCROLLING_CLASSES:
            continue
        named = re.search(r"""\baria-labelledby=["'][^"']+["']""", attributes) or re.search(
            r"""\baria-label=["'][^"']+["']""", attributes)
        if not ('tabindex="0"' in attributes and 'role="region"' in attributes and named):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"line {line}: {' '.join(match.group(0).split())}")
    return found


def test_the_templates_and_the_wrappers_are_found():
    assert len(TEMPLATES) > 200
    assert sum(len(re.findall(r"\btable-wrap\b", path.read_text())) for path in TEMPLATES) > 50


def test_every_scrolling_class_of_the_style_sheet_is_checked():
    scrolling = {name for selectors in OVERFLOW_RULE.findall(CSS.read_text())
                 for name in re.findall(r"\.([\w-]+)", selectors)}
    assert scrolling <= SCROLLING_CLASSES, (
        f"site.css lets {sorted(scrolling - SCROLLING_CLASSES)} scroll: add it to SCROLLING_CLASSES here")


def test_a_wrapper_without_the_attributes_is_found():
    assert unreachable_regions('<div class="table-wrap">\n<table><caption>x</caption></table></div>')
    assert unreachable_regions('<div class="table-wrap" tabindex="0" role="region">')
    assert not unreachable_regions('<div class="table-wrap wide" tabindex="0" role="region" aria-labelledby="c">')
    assert not unreachable_regions('<div\n  class="table-wrap"\n  tabindex="0" role="region"\n'
                                   '  aria-label="{% translate \'Totals\' %}">')


@pytest.mark.parametrize("path", TEMPLATES, ids=_relative)
def test_a_scrolling_table_is_a_named_region_a_keyboard_can_reach(path):
    found = unreachable_regions(path.read_text())
    assert not found, (f"{_relative(path)} has a scrolling wrapper without tabindex=\"0\", role=\"region\" and a name: "
                       f"{found}. Add them, aria-labelledby the table's caption id (or a translated aria-label).")
