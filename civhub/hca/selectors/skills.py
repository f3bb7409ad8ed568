"""The skills heatmap of a survey round: per skill and occupation how important the employers rate the skill now
and in five years (1–5), against how far the line-1 education modules cover it (0–3).

The gap of a cell is the importance in five years minus the coverage put on the same scale (coverage 0 → 1,
3 → 5, so a skill rated 5 and mastered in a module has no gap). Rows come biggest gap first. Outside the office
a cell with fewer than MIN_PARTNERS rating partners is suppressed and neither shows nor orders anything.
Four queries whatever the number of skills, occupations and partners.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count

from civhub.hca.models import Occupation, SkillCoverage, SkillRating, SurveyRound
from civhub.hca.selectors.forecast import MIN_PARTNERS
from civhub.learning.models import Skill

TENTH = Decimal("0.1")
TOP_COVERAGE = 3


@dataclass(frozen=True)
class SkillCell:
    """One skill for one occupation: mean importance now and in five years over the partners that rated it."""

    occupation: Occupation
    raters: int
    importance_now: Decimal | None
    importance_later: Decimal | None
    gap: Decimal | None
    published: bool

    @property
    def shown(self) -> bool:
        """Whether the cell has figures to show to its audience (see `skills_heatmap`)."""
        return self.importance_later is not None


@dataclass(frozen=True)
class CoveringModule:
    """A line-1 module that covers the skill, and how far (0–3)."""

    code: str
    title: str
    level: int


@dataclass(frozen=True)
class SkillRow:
    """A skill with its coverage (the best level any module reaches) and one cell per occupation."""

    skill: Skill
    coverage: int
    modules: list[CoveringModule]
    cells: list[SkillCell]

    @property
    def largest_gap(self) -> Decimal | None:
        gaps = [cell.gap for cell in self.cells if cell.gap is not None]
        return max(gaps) if gaps else None


def coverage_on_importance_scale(level: int) -> Decimal:
    """Coverage 0–3 on the 1–5 scale of importance: 0 → 1, 1 → 2.3, 2 → 3.7, 3 → 5."""
    return 1 + Decimal(level) * 4 / TOP_COVERAGE


def skills_heatmap(survey_round: SurveyRound, *, office: bool) -> list[SkillRow]:
    """Every skill of the round's centre × every occupation, biggest gap first (see the module).

    `office`: the programme office sees every cell, marked when it is not published; anyone else sees only
    cells with at least MIN_PARTNERS rating partners.
    """
    centre_id = survey_round.centre_id
    occupations = list(Occupation.objects.filter(centre_id=centre_id))
    skills = list(Skill.objects.filter(centre_id=centre_id))
    modules = _covering_modules(centre_id)
    ratings = _mean_ratings(survey_round)
    rows = []
    for skill in skills:
        covered = modules.get(skill.pk, [])
        coverage = max((module.level for module in covered), default=0)
        cells = [_cell(occupation, ratings.get((skill.pk, occupation.pk)), coverage, office)
                 for occupation in occupations]
        rows.append(SkillRow(skill, coverage, covered, cells))
    rows.sort(key=lambda row: (row.largest_gap is None, -(row.largest_gap or 0), row.skill.position,
                               row.skill.name))
    return rows


def _cell(occupation, rating: dict | None, coverage: int, office: bool) -> SkillCell:
    raters = rating["raters"] if rating else 0
    published = raters >= MIN_PARTNERS
    if not rating or not (published or office):
        return SkillCell(occupation, raters, None, None, None, published)
    later = Decimal(str(rating["later"]))
    gap = _tenth(later - coverage_on_importance_scale(coverage))  # from the mean itself, not the rounded mean
    return SkillCell(occupation, raters, _tenth(rating["now"]), _tenth(later), gap, published)


def _covering_modules(centre_id: int) -> dict[int, list[CoveringModule]]:
    result: dict[int, list[CoveringModule]] = {}
    rows = (SkillCoverage.objects.filter(module__centre_id=centre_id, level__gt=0)
            .values_list("skill_id", "module__code", "module__title", "level").order_by("-level", "module__code"))
    for skill_id, code, title, level in rows:
        result.setdefault(skill_id, []).append(CoveringModule(code, title, level))
    return result


def _mean_ratings(survey_round: SurveyRound) -> dict[tuple[int, int], dict]:
    rows = (SkillRating.objects.filter(answer__survey_round=survey_round)
            .values("skill_id", "answer__occupation_id")
            # One answer per partner, occupation and round, one rating per answer and skill: counting the
            # ratings counts the partners, without the cost of a DISTINCT over every rating.
            .annotate(raters=Count("pk"), now=Avg("importance_now"),
                      later=Avg("importance_later"))
            .order_by())
    return {(row["skill_id"], row["answer__occupation_id"]): row for row in rows}


def _tenth(value) -> Decimal:
    return Decimal(str(value)).quantize(TENTH, rounding=ROUND_HALF_UP)
