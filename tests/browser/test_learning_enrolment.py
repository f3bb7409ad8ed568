"""The course catalogue in Chromium: an employee finds a course, reads the price and terms, accepts them, enrols in
an offering with two places and confirms by the e-mail link, until it is full, and the next person lands on the
waiting list (place 1), told so before and after. The catalogue, the
course page and the enrolment result pass axe-core and reflow at 320 px; the catalogue is screenshotted."""

import pytest
from django.urls import reverse

from civhub.learning.models import Enrolment
from tests.browser.support import assert_accessible, assert_reflows, screenshot, submit
from tests.learning.factories import CourseFactory, InterestFactory, OfferingFactory, SkillFactory, in_days

pytestmark = pytest.mark.browser


@pytest.fixture
def catalogue(centre, partner_a, partner_b):
    gmp, hplc = SkillFactory(centre=centre, name="GMP"), SkillFactory(centre=centre, name="HPLC")
    course = CourseFactory(provider=partner_a, title="GMP in de praktijk", study_load=16, stap_eligible=True)
    course.skills.add(gmp)
    offering = OfferingFactory(course=course, capacity=2, start_date=in_days(40), end_date=in_days(41),
                               location="Biotech Training Facility, Leiden")
    OfferingFactory(course=course, capacity=12, start_date=in_days(90), end_date=in_days(91))
    other = CourseFactory(provider=partner_b, title="HPLC voor gevorderden", level="hbo_bachelor", nlqf_level=6,
                          eqf_level=6, mode="blended", price="895.00")
    other.skills.add(hplc)
    InterestFactory(course=other)
    CourseFactory(provider=partner_a, title="Data-analyse met Python", stap_eligible=False, price="0")
    return offering


def enrol(page, offering, number: int, *, check=False) -> None:
    """Enrol on the form, then open the confirmation link from the e-mail and confirm."""
    slug = offering.course.centre.slug
    page.goto(reverse("learning:enrol", args=[slug, offering.pk]))
    page.fill("input[name=name]", f"Medewerker {number}")
    page.fill("input[name=email]", f"medewerker{number}@example.org")
    page.check("input[name=terms_accepted]")
    submit(page)
    page.wait_for_load_state()
    assert page.locator(".flash-warning").count() >= 1  # "almost done: check your e-mail"
    enrolment = offering.enrolments.get(email=f"medewerker{number}@example.org")
    assert enrolment.status == Enrolment.Status.PENDING
    page.goto(reverse("learning:confirm", args=[slug, enrolment.token]))
    if check:
        assert_accessible(page)
    submit(page)
    page.wait_for_load_state()


def test_an_employee_enrols_until_full_and_the_next_lands_on_the_waiting_list(transactional_db, page, catalogue):
    offering = catalogue
    centre = offering.course.centre
    page.goto(reverse("learning:catalogue", args=[centre.slug]))
    main = page.locator("main")
    assert "GMP in de praktijk" in main.inner_text() and "HPLC voor gevorderden" in main.inner_text()
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, "learning-catalogue-1280")

    page.get_by_role("link", name="GMP in de praktijk").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert_reflows(page)
    page.locator(f"main a[href$='/uitvoering/{offering.pk}/inschrijven/']").click()
    page.wait_for_load_state()
    assert page.locator("[data-places-left='2']").count() == 1
    assert page.locator("main [data-price='450.00']").count() == 1 and page.locator("#terms-text").count() == 1
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, "learning-enrol-1280")

    for number in (1, 2):
        enrol(page, offering, number, check=number == 1)
        assert page.locator("main .enrolment-status").get_attribute("data-status") == "enrolled"
    assert_accessible(page)

    page.goto(reverse("learning:enrol", args=[centre.slug, offering.pk]))
    assert page.locator("main [data-waiting-position]").get_attribute("data-waiting-position") == "1"  # before
    enrol(page, offering, 3)
    status = page.locator("main .enrolment-status")
    assert status.get_attribute("data-status") == "waiting"
    assert status.get_attribute("data-waiting-position") == "1"  # and after
    assert "(1)" in status.inner_text() or " 1)" in status.inner_text()
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, "learning-waiting-list-1280")
    statuses = list(offering.enrolments.order_by("created_at").values_list("status", flat=True))
    assert statuses == [Enrolment.Status.ENROLLED, Enrolment.Status.ENROLLED, Enrolment.Status.WAITING]
