"""Template filters of the HCA page: figures in the active language, and the colour class of an ITA or a skill gap
(always beside its text: colour never carries the meaning alone)."""

from decimal import Decimal

from django import template
from django.utils.translation import gettext_lazy

from civhub.core.formatting import group_number
from civhub.hca.indicators import TYPOLOGY, WORST
from civhub.hca.models import SkillCoverage
from civhub.hca.selectors import cells

register = template.Library()

# The typology's labels in order, best prospects for school-leavers first: their colour class is ita-1 … ita-5.
ITA_LABELS = [label for _ceiling, label in TYPOLOGY] + [WORST]
# A skill's gap (importance in five years minus coverage, on the 1–5 scale): its class and the bound above it.
GAP_LEVELS = ((Decimal("0"), "gap-none"), (Decimal("1"), "gap-small"), (Decimal("2"), "gap-medium"))
LARGEST_GAP = "gap-large"


@register.filter
def number(value, places=0):
    """{{ value|number:1 }} → 1.234,5 in Dutch; an empty value is a dash."""
    if value is None or value == "":
        return "—"
    return group_number(Decimal(value), int(places))


@register.filter
def percent(share):
    """{{ 0.035|percent }} → 3,5% (a share as a percentage, one decimal only where it has one)."""
    value = Decimal(share) * 100
    return f"{group_number(value, 0 if value == value.to_integral_value() else 1)}%"


@register.filter
def ita_class(typology: str) -> str:
    """The colour class of a typology label: ita-1 (zeer goed) … ita-5 (slecht); ita-none otherwise."""
    return f"ita-{ITA_LABELS.index(typology) + 1}" if typology in ITA_LABELS else "ita-none"


# The office's HCA pages by URL name → the sub-navigation's tab they belong to (hca/_tabs.html).
TABS = {"overview": "overview", "record_kpis": "overview",
        "setup": "setup", "occupation_new": "setup", "occupation_edit": "setup", "programme_new": "setup",
        "programme_edit": "setup",
        "rounds": "rounds", "round": "rounds", "round_import": "rounds", "round_answer": "rounds",
        "skills": "skills", "skill_new": "skills", "skill_edit": "skills", "coverage": "coverage",
        "published": "published", "published_delete": "published"}


@register.filter
def hca_tab(resolver_match) -> str:
    """The sub-navigation's tab of the page being shown (empty outside the office's HCA pages)."""
    return TABS.get(getattr(resolver_match, "url_name", ""), "")


@register.filter
def typology_label(typology: str) -> str:
    """ROA's typology word (stored in Dutch) in the reader's language."""
    return cells.typology_label(typology)


@register.filter
def gap_class(gap) -> str:
    """The colour class of a skill gap: none (≤ 0), small (≤ 1), medium (≤ 2), large."""
    if gap is None:
        return "gap-unknown"
    return next((name for bound, name in GAP_LEVELS if gap <= bound), LARGEST_GAP)


# The words beside a gap's colour, by its class (colour never carries the meaning alone).
GAP_WORDS = {"gap-none": gettext_lazy("no gap"), "gap-small": gettext_lazy("small gap"),
             "gap-medium": gettext_lazy("medium gap"), LARGEST_GAP: gettext_lazy("large gap")}


@register.filter
def gap_word(gap) -> str:
    """The words of a skill gap: no, small, medium or large gap (a filter: the heatmap has hundreds of cells)."""
    return str(GAP_WORDS.get(gap_class(gap), ""))


@register.filter
def coverage_label(level) -> str:
    """The words of a coverage level 0–3 (not covered … mastered and assessed)."""
    return str(SkillCoverage.Level(level).label)
