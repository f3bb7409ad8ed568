"""A school keeps its own programmes from the partner portal: its contacts and signatories add and edit the
programmes whose school it is, never another school's (404); a partner that is no school gets a 403."""

from decimal import Decimal

import pytest
from django.urls import reverse

from civhub.accounts.models import Role
from civhub.core.models import AuditEvent
from civhub.hca.errors import HcaError
from civhub.hca.models import EducationProgramme, Occupation
from civhub.hca.services.setup import save_programme
from tests.hca.support_skills import module, school, school_contact
from tests.partners.factories import client_for, count_queries

pytestmark = pytest.mark.django_db


def programme(school_partner, code="25881", name="Laborant"):
    return EducationProgramme.objects.create(centre=school_partner.centre, school=school_partner, code=code,
                                             name=name, level="mbo3", graduates_per_year=40,
                                             share_entering=Decimal("0.5"))


def form(occupation, **extra):
    return {"name": "Analist", "code": "25882", "level": "mbo4", "graduates_per_year": "30",
            "share_entering": "0,7", "occupations": [occupation.pk], **extra}


@pytest.fixture
def schools(centre):
    own, other = school(centre), school(centre, "school-b", "Hogeschool Leiden")
    return own, other, school_contact(own)


@pytest.fixture
def analist(centre):
    return Occupation.objects.create(centre=centre, name="analist mbo-4")


def url(name, school_partner, *args):
    return reverse(f"hca:{name}", args=[school_partner.centre.slug, school_partner.short_code, *args])


def test_a_school_contact_adds_and_edits_its_own_programme_audited(schools, analist):
    own, _other, contact = schools
    client = client_for(contact)

    added = client.post(url("school_programme_new", own), form(analist))
    item = EducationProgramme.objects.get()
    edited = client.post(url("school_programme_edit", own, item.pk), form(analist, graduates_per_year="35"))

    assert added.status_code == 302 and added.url == url("school_programmes", own)
    assert edited.status_code == 302
    item.refresh_from_db()
    assert (item.school, item.graduates_per_year, item.share_entering) == (own, 35, Decimal("0.700"))
    assert list(item.occupations.all()) == [analist]
    events = AuditEvent.objects.filter(action="education_programme_saved")
    assert events.count() == 2 and {event.actor for event in events} == {contact}


def test_a_signatory_may_too(schools, analist):
    own = schools[0]
    signatory = school_contact(own, "school.signatory@example.org", Role.PARTNER_SIGNATORY)

    response = client_for(signatory).post(url("school_programme_new", own), form(analist))

    assert response.status_code == 302 and EducationProgramme.objects.get().school == own


def test_a_school_cannot_see_or_touch_another_schools_programme(schools, analist):
    own, other, contact = schools
    theirs = programme(other)
    client = client_for(contact)

    under_their_code = [client.get(url("school_programmes", other)), client.get(url("school_programme_new", other)),
                        client.post(url("school_programme_new", other), form(analist)),
                        client.get(url("school_programme_edit", other, theirs.pk)),
                        client.post(url("school_programme_edit", other, theirs.pk), form(analist))]
    under_our_code = [client.get(url("school_programme_edit", own, theirs.pk)),
                      client.post(url("school_programme_edit", own, theirs.pk), form(analist))]

    assert [response.status_code for response in under_their_code + under_our_code] == [404] * 7
    theirs.refresh_from_db()
    assert (theirs.name, theirs.school, EducationProgramme.objects.count()) == ("Laborant", other, 1)


def test_the_service_refuses_a_school_that_hands_over_or_takes_over_a_programme(schools, analist, english_messages):
    own, other, contact = schools
    mine, theirs = programme(own), programme(other, code="34397")
    data = {"school": own, "name": "X", "code": "11111", "level": "mbo4", "graduates_per_year": 1,
            "share_entering": Decimal("0.5"), "occupations": [analist]}

    with pytest.raises(HcaError, match="Only the school itself"):
        save_programme(actor=contact, centre=own.centre, programme=mine, data={**data, "school": other})
    with pytest.raises(HcaError, match="Only the school itself"):
        save_programme(actor=contact, centre=own.centre, programme=theirs, data=data)

    assert EducationProgramme.objects.filter(school=own).get() == mine


def test_a_partner_that_is_no_school_gets_a_403_on_its_own_page(centre, partner_a, partner_a_contact):
    response = client_for(partner_a_contact).get(reverse("hca:school_programmes", args=[centre.slug, "partner-a"]))

    assert response.status_code == 403


def test_a_partner_the_office_made_a_programmes_school_keeps_it(centre, partner_a, partner_a_contact):
    programme(partner_a)

    response = client_for(partner_a_contact).get(reverse("hca:school_programmes", args=[centre.slug, "partner-a"]))

    assert response.status_code == 200 and "Laborant" in response.content.decode()


def test_the_portal_page_leads_a_school_to_its_programmes_and_its_modules_coverage(schools, centre):
    own, _other, contact = schools
    client = client_for(contact)
    portal = reverse("portal:partner", args=[centre.slug, own.short_code])

    before = client.get(portal).content.decode()
    module(centre, "M1", own)
    after = client.get(portal).content.decode()

    assert url("school_programmes", own) in before and reverse("hca:coverage", args=[centre.slug]) not in before
    assert reverse("hca:coverage", args=[centre.slug]) in after


def test_an_employers_portal_page_has_no_school_section(centre, partner_a, partner_a_contact):
    page = client_for(partner_a_contact).get(reverse("portal:partner", args=[centre.slug, "partner-a"]))

    assert "school-programmes" not in page.content.decode()


def test_the_schools_list_takes_the_same_queries_for_three_times_the_programmes(schools, analist):
    own, _other, contact = schools
    client = client_for(contact)

    def add(count, start):
        for number in range(start, start + count):
            programme(own, code=f"{20000 + number}", name=f"Opleiding {number}").occupations.add(analist)

    add(1, 0)
    few = count_queries(client, url("school_programmes", own))
    add(3, 10)
    assert count_queries(client, url("school_programmes", own)) == few
