"""The office's skill list (with how many modules cover each skill and how many courses address it) and the
coverage matrix of skills × line-1 education modules. A constant number of queries however many skills, modules
and courses there are."""

from dataclasses import dataclass

from django.db.models import Count, Q

from civhub.hca.models import SkillCoverage
from civhub.learning.models import Skill


def skill_list(centre) -> list[Skill]:
    """The centre's skills in their order, each with `module_count` (modules covering it at level 1 or more) and
    `course_count` (courses addressing it). One query."""
    return list(Skill.objects.filter(centre=centre).annotate(
        module_count=Count("coverage__module", filter=Q(coverage__level__gt=0), distinct=True),
        course_count=Count("courses", distinct=True)))


@dataclass(frozen=True)
class CoverageRow:
    """One module's row of the matrix: its level (0–3) for each skill, in the skills' order."""

    module: object
    levels: list[tuple[Skill, int]]


@dataclass(frozen=True)
class CoverageMatrix:
    """The skills (columns) and one row per module the user keeps."""

    skills: list[Skill]
    rows: list[CoverageRow]


def coverage_matrix(centre, modules) -> CoverageMatrix:
    """The matrix for `modules` (a queryset of the centre's modules, already scoped to the user): three queries."""
    skills = list(Skill.objects.filter(centre=centre))
    modules = list(modules.select_related("provider__organisation").order_by("code"))
    levels = dict(((module_id, skill_id), level) for module_id, skill_id, level in SkillCoverage.objects.filter(
        module__in=[module.pk for module in modules], skill__centre=centre).values_list("module_id", "skill_id",
                                                                                          "level"))
    rows = [CoverageRow(module, [(skill, levels.get((module.pk, skill.pk), 0)) for skill in skills])
            for module in modules]
    return CoverageMatrix(skills, rows)
