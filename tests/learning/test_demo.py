"""The demo catalogue: loaded on the demo centre, it shows what the issue asks, and a second load adds nothing."""

import pytest
from django.urls import reverse
from django.utils import translation

from civhub.learning.models import Course, Enrolment, LearningPath
from civhub.loader.demo_learning import DEMO_COURSES, add_demo_learning
from tests.factories import OrganisationFactory, PartnershipFactory


@pytest.fixture
def demo_partners(centre):
    for code in sorted({course.provider for course in DEMO_COURSES} | {"lumc"}):
        PartnershipFactory(centre=centre, short_code=code, organisation=OrganisationFactory(name=code.title()))
    return centre


def test_the_demo_catalogue_is_added_once(demo_partners, client):
    centre = demo_partners
    with translation.override("nl"):
        summary = add_demo_learning(centre=centre)
    assert "13 cursussen" in summary and "2 leerroutes" in summary
    assert Course.objects.filter(centre=centre, status="published").count() == 12
    hplc = Course.objects.get(title="HPLC voor gevorderden").offerings.get()
    assert hplc.enrolments.filter(status=Enrolment.Status.ENROLLED).count() == hplc.capacity
    assert hplc.enrolments.filter(status=Enrolment.Status.WAITING).count() == 2
    assert [step.course.title for step in LearningPath.objects.get(title="Bijscholing kwaliteitsborging")
            .steps.order_by("position")] == ["GMP in de praktijk", "Validatie van analysemethoden",
                                             "Kwaliteitsmanagement in de life sciences"]
    page = client.get(reverse("learning:catalogue", args=[centre.slug])).content.decode()
    assert "GMP in de praktijk" in page and "Celkweek voor biologics" not in page
    counts = (Course.objects.count(), Enrolment.objects.count(), LearningPath.objects.count())
    with translation.override("nl"):
        assert "0 cursussen" in add_demo_learning(centre=centre)
    assert (Course.objects.count(), Enrolment.objects.count(), LearningPath.objects.count()) == counts
