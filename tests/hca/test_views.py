"""The office's occupations and programmes pages: add and change, refusals on the form, the lists."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from civhub.core.models import AuditEvent
from civhub.hca.models import EducationProgramme, Occupation
from tests.partners.factories import client_for

pytestmark = pytest.mark.django_db


def url(name, centre, *args):
    return reverse(f"hca:{name}", args=[centre.slug, *args])


def test_the_office_adds_and_renames_an_occupation(centre, programme_manager):
    client = client_for(programme_manager)

    response = client.post(url("occupation_new", centre), {"name": "laborant mbo-3", "isco_code": "3111", "order": 1})

    assert response.status_code == 302
    occupation = Occupation.objects.get(centre=centre)
    assert (occupation.name, occupation.isco_code) == ("laborant mbo-3", "3111")
    response = client.post(url("occupation_edit", centre, occupation.pk), {"name": "laborant", "order": 1})
    assert response.status_code == 302
    occupation.refresh_from_db()
    assert (occupation.name, occupation.isco_code) == ("laborant", "")
    events = AuditEvent.objects.filter(action="occupation_saved", target_id=str(occupation.pk)).order_by("pk")
    assert events.count() == 2
    assert events.last().changes == {"name": ["laborant mbo-3", "laborant"], "isco_code": ["3111", ""]}


def test_a_second_occupation_of_the_same_name_or_a_bad_isco_code_comes_back_on_the_form(centre, programme_manager):
    Occupation.objects.create(centre=centre, name="analist mbo-4")
    client = client_for(programme_manager)

    same = client.post(url("occupation_new", centre), {"name": "Analist MBO-4", "order": 0})
    code = client.post(url("occupation_new", centre), {"name": "procesoperator", "isco_code": "31", "order": 0})

    assert same.status_code == 400 and "an occupation with this name already" in same.content.decode()
    assert code.status_code == 400 and "four digits" in code.content.decode()
    assert Occupation.objects.count() == 1


def test_the_office_adds_a_programme_that_trains_for_two_occupations(centre, partner_b, finance_controller):
    laborant = Occupation.objects.create(centre=centre, name="laborant mbo-3")
    analist = Occupation.objects.create(centre=centre, name="analist mbo-4")
    client = client_for(finance_controller)

    response = client.post(url("programme_new", centre), {
        "school": partner_b.pk, "name": "Laboratoriumtechniek", "code": "25881", "level": "mbo4",
        "graduates_per_year": 40, "share_entering": "0.6", "occupations": [laborant.pk, analist.pk]})

    assert response.status_code == 302
    programme = EducationProgramme.objects.get()
    assert (programme.school, programme.share_entering) == (partner_b, Decimal("0.600"))
    assert set(programme.occupations.all()) == {laborant, analist}
    page = client.get(url("setup", centre)).content.decode()
    assert "Laboratoriumtechniek" in page and "60%" in page


def test_a_share_above_one_or_another_centres_school_is_refused(centre, other_partner, partner_b, programme_manager):
    client = client_for(programme_manager)
    base = {"name": "Laborant", "code": "25881", "level": "mbo3", "graduates_per_year": 40}

    above = client.post(url("programme_new", centre), {**base, "school": partner_b.pk, "share_entering": "1.2"})
    elsewhere = client.post(url("programme_new", centre), {**base, "school": other_partner.pk,
                                                           "share_entering": "0.5"})

    assert above.status_code == 400 and elsewhere.status_code == 400
    assert not EducationProgramme.objects.exists()


def test_the_lists_take_the_same_queries_for_more_rows(centre, partner_b, programme_manager,
                                                       django_assert_max_num_queries):
    client = client_for(programme_manager)

    def add(count):
        for number in range(count):
            occupation = Occupation.objects.create(centre=centre, name=f"beroep {Occupation.objects.count()}")
            code = f"{EducationProgramme.objects.count():05d}"
            EducationProgramme.objects.create(
                centre=centre, school=partner_b, name=f"opleiding {number}", code=code, level="mbo3",
                graduates_per_year=10, share_entering=Decimal("0.5")).occupations.add(occupation)

    add(2)
    client.get(url("setup", centre))
    with CaptureQueriesContext(connection) as few:
        assert client.get(url("setup", centre)).status_code == 200
    add(10)
    with django_assert_max_num_queries(len(few)):
        assert client.get(url("setup", centre)).status_code == 200
