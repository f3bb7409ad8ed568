"""The office's skill list: add and change a skill (unique name per centre whatever the case, an ESCO reference
only under data.europa.eu/esco/), audited; the list counts the modules covering and the courses addressing each."""

import pytest
from django.urls import reverse

from civhub.core.models import AuditEvent
from civhub.hca.errors import HcaError
from civhub.hca.models import SkillCoverage
from civhub.hca.services.skills import save_skill
from civhub.learning.models import Skill
from tests.hca.support_skills import module, skills
from tests.learning.factories import CourseFactory
from tests.partners.factories import client_for, count_queries

pytestmark = pytest.mark.django_db

ESCO = "http://data.europa.eu/esco/skill/5b4e3c4b-a8c9-4e0f-8d33-1f1e0b2f1f39"


def data(name="aseptisch werken", **extra):
    return {"name": name, "description": "", "esco_uri": "", "position": 0, **extra}


def test_the_office_adds_a_skill_with_an_esco_reference_and_it_is_audited(centre, programme_manager,
                                                                          english_messages):
    skill = save_skill(actor=programme_manager, centre=centre, data=data(esco_uri=ESCO, description="Steriel."))

    assert (skill.name, skill.esco_uri, skill.description) == ("aseptisch werken", ESCO, "Steriel.")
    event = AuditEvent.objects.get(action="skill_saved")
    assert event.changes["name"] == ["", "aseptisch werken"] and event.actor == programme_manager


def test_a_skill_name_is_unique_in_the_centre_whatever_the_case(centre, other_centre, programme_manager,
                                                                 english_messages):
    Skill.objects.create(centre=centre, name="Pipetteren")
    Skill.objects.create(centre=other_centre, name="aseptisch werken")

    with pytest.raises(HcaError, match="a skill with this name already") as refused:
        save_skill(actor=programme_manager, centre=centre, data=data(" pipetteren "))

    assert refused.value.field == "name"
    save_skill(actor=programme_manager, centre=centre, data=data("aseptisch werken"))  # another centre's name
    assert Skill.objects.filter(centre=centre).count() == 2


@pytest.mark.parametrize("uri", ["https://example.org/esco/skill/1", "ftp://data.europa.eu/esco/skill/1",
                                 "data.europa.eu/esco/skill/1", "https://data.europa.eu/other/1"])
def test_an_esco_reference_must_be_a_web_address_under_data_europa_eu_esco(centre, programme_manager, uri,
                                                                          english_messages):
    with pytest.raises(HcaError, match="data.europa.eu/esco/") as refused:
        save_skill(actor=programme_manager, centre=centre, data=data(esco_uri=uri))

    assert refused.value.field == "esco_uri" and not Skill.objects.exists()


def test_only_the_office_keeps_the_skills(centre, practor, partner_a_contact, english_messages):
    for person in (practor, partner_a_contact):
        with pytest.raises(HcaError):
            save_skill(actor=person, centre=centre, data=data())
    assert not Skill.objects.exists()


def test_renaming_records_only_what_changed(centre, programme_manager, english_messages):
    skill = save_skill(actor=programme_manager, centre=centre, data=data(position=3))

    save_skill(actor=programme_manager, centre=centre, skill=skill, data=data("Aseptisch werken", position=3))

    assert AuditEvent.objects.filter(action="skill_saved").order_by("pk").last().changes == {
        "name": ["aseptisch werken", "Aseptisch werken"]}


def test_the_pages_add_and_edit_a_skill_and_refuse_on_the_form(centre, finance_controller):
    client = client_for(finance_controller)

    added = client.post(reverse("hca:skill_new", args=[centre.slug]), data(esco_uri=ESCO))
    skill = Skill.objects.get()
    taken = client.post(reverse("hca:skill_new", args=[centre.slug]), data("ASEPTISCH WERKEN"))
    bad = client.post(reverse("hca:skill_edit", args=[centre.slug, skill.pk]),
                      data(esco_uri="https://example.org/x"))

    assert added.status_code == 302 and added.url == reverse("hca:skills", args=[centre.slug])
    assert taken.status_code == 400 and "a skill with this name already" in taken.content.decode()
    assert bad.status_code == 400 and "data.europa.eu/esco/" in bad.content.decode()
    assert Skill.objects.get().esco_uri == ESCO


def test_the_list_shows_each_skills_modules_courses_and_esco_link(centre, partner_a, programme_manager):
    pipetting, aseptic, unused = skills(centre, "pipetteren", "aseptisch werken", "GMP")
    aseptic.esco_uri = ESCO
    aseptic.save()
    first, second = module(centre, "M1"), module(centre, "M2")
    SkillCoverage.objects.create(module=first, skill=pipetting, level=2)
    SkillCoverage.objects.create(module=second, skill=pipetting, level=3)
    SkillCoverage.objects.create(module=first, skill=aseptic, level=0)  # not covered: not counted
    CourseFactory(centre=centre, provider=partner_a).skills.add(pipetting, aseptic)

    response = client_for(programme_manager).get(reverse("hca:skills", args=[centre.slug]))

    rows = {skill.name: (skill.module_count, skill.course_count) for skill in response.context["skills"]}
    assert rows == {"pipetteren": (2, 1), "aseptisch werken": (0, 1), "GMP": (0, 0)}
    assert f'href="{ESCO}"' in response.content.decode()


def test_the_skill_list_takes_the_same_queries_for_three_times_the_skills(centre, partner_a, programme_manager):
    client, url = client_for(programme_manager), reverse("hca:skills", args=[centre.slug])

    def grow(count, start):
        made = skills(centre, *(f"vaardigheid {start + index}" for index in range(count)))
        modules = [module(centre, f"M{start + index}") for index in range(count)]
        for skill, item in zip(made, modules, strict=True):
            SkillCoverage.objects.create(module=item, skill=skill, level=1)
            CourseFactory(centre=centre, provider=partner_a).skills.add(skill)

    grow(2, 0)
    few = count_queries(client, url)
    grow(6, 10)
    assert count_queries(client, url) == few
