"""The coverage matrix of skills × line-1 modules: saved in one transaction with one audit event naming every
changed cell; the office edits every module, a school only the modules it provides."""

import pytest
from django.urls import reverse

from civhub.core.models import AuditEvent
from civhub.hca.errors import HcaError
from civhub.hca.forms.skills import cell_name
from civhub.hca.models import SkillCoverage
from civhub.hca.services.skills import CoverageCell, save_coverage
from tests.hca.support_skills import module, school, school_contact, skills
from tests.partners.factories import client_for, count_queries

pytestmark = pytest.mark.django_db


def levels():
    return {(row.module.code, row.skill.name): row.level for row in SkillCoverage.objects.select_related(
        "module", "skill")}


def test_the_office_saves_the_changed_cells_with_one_audit_event(centre, programme_manager, english_messages):
    pipetting, aseptic = skills(centre, "pipetteren", "aseptisch werken")
    first, second = module(centre, "M1"), module(centre, "M2")
    SkillCoverage.objects.create(module=first, skill=pipetting, level=1)
    SkillCoverage.objects.create(module=second, skill=pipetting, level=2)

    changed = save_coverage(actor=programme_manager, centre=centre, cells=[
        CoverageCell(first.pk, pipetting.pk, 3), CoverageCell(first.pk, aseptic.pk, 0),
        CoverageCell(second.pk, pipetting.pk, 0), CoverageCell(second.pk, aseptic.pk, 2)])

    assert changed == 3
    assert levels() == {("M1", "pipetteren"): 3, ("M2", "aseptisch werken"): 2}
    event = AuditEvent.objects.get(action="skill_coverage_saved")
    assert event.changes == {"cells": [
        {"module": "M1", "skill": "pipetteren", "level": [1, 3]},
        {"module": "M2", "skill": "pipetteren", "level": [2, 0]},
        {"module": "M2", "skill": "aseptisch werken", "level": [0, 2]}]}


def test_saving_the_same_levels_again_records_nothing(centre, programme_manager, english_messages):
    (pipetting,) = skills(centre, "pipetteren")
    first = module(centre, "M1")
    SkillCoverage.objects.create(module=first, skill=pipetting, level=2)

    assert save_coverage(actor=programme_manager, centre=centre, cells=[CoverageCell(first.pk, pipetting.pk, 2)]) == 0
    assert not AuditEvent.objects.filter(action="skill_coverage_saved").exists()


def test_a_school_may_cover_only_its_own_modules_and_nothing_is_written_otherwise(centre, english_messages):
    own, other = school(centre), school(centre, "school-b", "Hogeschool Leiden")
    contact = school_contact(own)
    (pipetting,) = skills(centre, "pipetteren")
    mine, theirs = module(centre, "M1", own), module(centre, "M2", other)

    with pytest.raises(HcaError, match="modules your own school provides"):
        save_coverage(actor=contact, centre=centre, cells=[CoverageCell(mine.pk, pipetting.pk, 2),
                                                           CoverageCell(theirs.pk, pipetting.pk, 3)])
    assert not SkillCoverage.objects.exists()

    save_coverage(actor=contact, centre=centre, cells=[CoverageCell(mine.pk, pipetting.pk, 2)])
    assert levels() == {("M1", "pipetteren"): 2}


def test_a_level_outside_0_to_3_or_another_centres_skill_is_refused(centre, other_centre, programme_manager,
                                                                     english_messages):
    (pipetting,) = skills(centre, "pipetteren")
    (foreign,) = skills(other_centre, "pipetteren")
    first = module(centre, "M1")

    with pytest.raises(HcaError, match="0, 1, 2 or 3"):
        save_coverage(actor=programme_manager, centre=centre, cells=[CoverageCell(first.pk, pipetting.pk, 4)])
    with pytest.raises(HcaError, match="skills must be of this centre"):
        save_coverage(actor=programme_manager, centre=centre, cells=[CoverageCell(first.pk, foreign.pk, 1)])
    assert not SkillCoverage.objects.exists()


def test_the_page_saves_the_matrix_and_labels_each_select(centre, programme_manager):
    pipetting, aseptic = skills(centre, "pipetteren", "aseptisch werken")
    first = module(centre, "M1", title="Analytische chemie")
    client, url = client_for(programme_manager), reverse("hca:coverage", args=[centre.slug])

    page = client.get(url).content.decode()
    response = client.post(url, {cell_name(first.pk, pipetting.pk): "3", cell_name(first.pk, aseptic.pk): "1"})

    assert f'<label class="visually-hidden" for="id_{cell_name(first.pk, pipetting.pk)}">pipetteren in module M1' \
        in page
    assert response.status_code == 302
    assert levels() == {("M1", "pipetteren"): 3, ("M1", "aseptisch werken"): 1}
    assert "2 cells of the coverage were changed." in client.get(url).content.decode()


def test_a_bad_value_comes_back_on_the_page_and_writes_nothing(centre, programme_manager):
    (pipetting,) = skills(centre, "pipetteren")
    first = module(centre, "M1")

    response = client_for(programme_manager).post(reverse("hca:coverage", args=[centre.slug]),
                                                  {cell_name(first.pk, pipetting.pk): "7"})

    assert response.status_code == 400 and not SkillCoverage.objects.exists()


def test_a_school_contact_sees_and_saves_only_its_own_modules(centre):
    own, other = school(centre), school(centre, "school-b", "Hogeschool Leiden")
    contact = school_contact(own)
    (pipetting,) = skills(centre, "pipetteren")
    mine, theirs = module(centre, "M1", own), module(centre, "M2", other)
    client, url = client_for(contact), reverse("hca:coverage", args=[centre.slug])

    page = client.get(url)
    # A forged cell of another school's module is not on the form: it is ignored, never written.
    response = client.post(url, {cell_name(mine.pk, pipetting.pk): "2", cell_name(theirs.pk, pipetting.pk): "3"})

    assert [row.module for row in page.context["form"].matrix.rows] == [mine]
    assert response.status_code == 302
    assert levels() == {("M1", "pipetteren"): 2}


def test_the_matrix_takes_the_same_queries_for_three_times_the_skills_and_modules(centre, programme_manager):
    client, url = client_for(programme_manager), reverse("hca:coverage", args=[centre.slug])

    def grow(count, start):
        made = skills(centre, *(f"vaardigheid {start + index}" for index in range(count)))
        for index, skill in enumerate(made):
            SkillCoverage.objects.create(module=module(centre, f"M{start + index}"), skill=skill, level=2)

    grow(2, 0)
    few = count_queries(client, url)
    grow(4, 10)
    assert count_queries(client, url) == few
