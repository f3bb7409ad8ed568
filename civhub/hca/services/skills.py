"""The centre's skill list (one list for courses and the Human Capital Agenda) and how far the line-1 modules cover
each skill (0–3).

The office keeps the skills; the coverage matrix is saved in one go, by the office for every module or by a
school for the modules it provides, with one audit event naming every cell that changed.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from civhub.core.audit import field_changes, record_event
from civhub.hca.errors import HcaError
from civhub.hca.models import SkillCoverage
from civhub.hca.permissions import ensure_may_cover, ensure_may_manage
from civhub.learning.models import Skill
from civhub.programme.models import EducationModule

ESCO_PREFIXES = ("http://data.europa.eu/esco/", "https://data.europa.eu/esco/")


def save_skill(*, actor, centre, skill: Skill | None = None, data: dict) -> Skill:
    """Add (skill None) or change a skill of `centre`: its name (unique in the centre, whatever the case), its
    description, its optional ESCO reference and its place in the list."""
    ensure_may_manage(actor, centre)
    data = {**data, "name": data["name"].strip(), "esco_uri": (data.get("esco_uri") or "").strip()}
    if not data["name"]:
        raise HcaError(_("Give the skill a name."), field="name")
    if data["esco_uri"] and not _is_esco(data["esco_uri"]):
        raise HcaError(_("An ESCO reference is a web address starting with https://data.europa.eu/esco/."),
                       field="esco_uri")
    with transaction.atomic():
        same = Skill.objects.filter(centre=centre, name__iexact=data["name"])
        if skill is not None:
            same = same.exclude(pk=skill.pk)
        if same.exists():
            raise HcaError(_("The centre has a skill with this name already."), field="name")
        # The stored row, locked: a ModelForm has already written the new values onto the instance it was given.
        skill = Skill(centre=centre) if skill is None else Skill.objects.select_for_update().get(pk=skill.pk)
        changes = field_changes(skill, data)
        for key, value in data.items():
            setattr(skill, key, value)
        skill.save()
        record_event(skill, actor=actor, action="skill_saved", centre=centre, summary=skill.name, changes=changes)
    return skill


def _is_esco(uri: str) -> bool:
    try:
        URLValidator(schemes=["http", "https"])(uri)
    except ValidationError:
        return False
    return uri.startswith(ESCO_PREFIXES)


@dataclass(frozen=True)
class CoverageCell:
    """One cell of the coverage matrix as the form gives it: a module, a skill and the level (0–3)."""

    module_id: int
    skill_id: int
    level: int


def save_coverage(*, actor, centre, cells: list[CoverageCell]) -> int:
    """Store the coverage of the given cells in one transaction; a level 0 removes the cell's row.

    Every module must be one the actor keeps (the office: all; a school: the modules it provides) and every
    skill one of the centre's. Records one audit event listing each changed cell as `[old, new]`, and returns how
    many cells changed (none: no event).
    """
    module_ids = {cell.module_id for cell in cells}
    ensure_may_cover(actor, centre, module_ids)
    modules = {module.pk: module for module in EducationModule.objects.filter(centre=centre, pk__in=module_ids)}
    skills = {skill.pk: skill for skill in Skill.objects.filter(centre=centre,
                                                                pk__in={cell.skill_id for cell in cells})}
    if any(cell.skill_id not in skills for cell in cells):
        raise HcaError(_("The skills must be of this centre."))
    if any(cell.level not in SkillCoverage.Level.values for cell in cells):
        raise HcaError(_("A coverage level is 0, 1, 2 or 3."))
    with transaction.atomic():
        stored = {(row.module_id, row.skill_id): row for row in SkillCoverage.objects.select_for_update()
                  .filter(module_id__in=module_ids, skill__centre=centre)}
        changed = [cell for cell in cells
                   if (stored[(cell.module_id, cell.skill_id)].level if (cell.module_id, cell.skill_id) in stored
                       else 0) != cell.level]
        described = [_described(cell, modules, skills, stored) for cell in changed]  # before the rows change
        _write(changed, stored)
        if changed:
            record_event(centre, actor=actor, action="skill_coverage_saved", centre=centre,
                         summary=_("%(count)d cells of the skill coverage changed") % {"count": len(changed)},
                         changes={"cells": described})
    return len(changed)


def _write(changed: list[CoverageCell], stored: dict) -> None:
    removed = [stored[(cell.module_id, cell.skill_id)].pk for cell in changed if cell.level == 0]
    SkillCoverage.objects.filter(pk__in=removed).delete()
    updated = []
    for cell in changed:
        row = stored.get((cell.module_id, cell.skill_id))
        if row is not None and cell.level:
            row.level = cell.level
            updated.append(row)
    for row in updated:
        row.save(update_fields=["level"])  # one by one, so that each row's history records the change
    for cell in changed:
        if (cell.module_id, cell.skill_id) not in stored:
            SkillCoverage.objects.create(module_id=cell.module_id, skill_id=cell.skill_id, level=cell.level)


def _described(cell: CoverageCell, modules: dict, skills: dict, stored: dict) -> dict:
    row = stored.get((cell.module_id, cell.skill_id))
    return {"module": modules[cell.module_id].code, "skill": skills[cell.skill_id].name,
            "level": [row.level if row else 0, cell.level]}
