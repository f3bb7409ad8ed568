"""The inbox asks a partner's signatory for its commitments after the subsidy while the office's round is open: never
answered or void; gone once confirmed; nobody else's."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from civhub.applications.models import Application, Award
from civhub.applications.selectors import commitments
from civhub.applications.services.commitments import Signer, confirm_continuation, open_continuation_round
from civhub.core import inbox
from tests.applications.support import application, forecast
from tests.factories import GrantFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
KIND = "applications.continuation"
SIGNER = Signer(name="Anna de Vries", role="directeur", address="Laan 1")


def items(user, centre):
    return [item for item in inbox.items_for(user, centre) if item.kind == KIND]


@pytest.fixture
def awarded(centre, partner_a, partner_b):
    made = application(centre, status=Application.Status.AWARDED, title="RIF-aanvraag 2021")
    forecast(made, 2026, "4000.00", partnership=partner_a)
    forecast(made, 2026, "2500.00", partnership=partner_b)
    return made


def test_the_signatory_is_asked_once_the_round_is_open_and_not_after_confirming(
        centre, awarded, partner_a, partner_b, partner_a_signatory, partner_a_contact, programme_manager):
    assert items(partner_a_signatory, centre) == []  # not asked yet
    open_continuation_round(application=awarded, actor=programme_manager)
    found = items(partner_a_signatory, centre)
    assert [item.url for item in found] == [
        reverse("applications:continuation_pledge", args=[centre.slug, awarded.pk, partner_a.short_code])]
    assert partner_a.organisation.name in found[0].title and "RIF-aanvraag 2021" in found[0].title
    assert found[0].note == ""
    assert items(partner_a_contact, centre) == [] and items(programme_manager, centre) == []
    partner_b_signatory = UserFactory()
    MembershipFactory(user=partner_b_signatory, centre=centre, partnership=partner_b, role="partner_signatory")
    assert [item.url for item in items(partner_b_signatory, centre)] == [
        reverse("applications:continuation_pledge", args=[centre.slug, awarded.pk, partner_b.short_code])]

    confirm_continuation(application=awarded, partnership=partner_a, actor=partner_a_signatory, signer=SIGNER,
                         shown_hash=commitments.continuation_table(awarded, partner_a).hash)
    assert items(partner_a_signatory, centre) == []

    forecast(awarded, 2027, "100.00", partnership=partner_a)  # the table changed: the confirmation is void
    again = items(partner_a_signatory, centre)
    assert len(again) == 1 and "confirm it again" in again[0].note


def test_a_draft_application_asks_nothing_after_the_subsidy(centre, partner_a, partner_a_signatory):
    made = application(centre)
    forecast(made, 2026, "4000.00", partnership=partner_a)
    assert items(partner_a_signatory, centre) == []


def _award(made, grant, actor):
    return Award.objects.create(application=made, grant=grant, decision_date=grant.start, decision_reference="RIF-1",
                                amount_granted=grant.amount, subsidy_asked=grant.amount, awarded_by=actor,
                                awarded_at=timezone.now())


def office_items(user, centre):
    return [item for item in inbox.items_for(user, centre) if item.kind == "applications.continuation_ask"]


def test_in_the_grants_final_year_the_office_is_asked_to_open_the_round_until_it_does(
        centre, awarded, programme_manager, partner_a_signatory, steering_member):
    today = timezone.localdate()
    _award(awarded, GrantFactory(centre=centre, start=date(today.year - 3, 1, 1), end=date(today.year, 12, 31)),
           programme_manager)
    found = office_items(programme_manager, centre)
    assert [item.url for item in found] == [reverse("applications:continuation_open", args=[centre.slug, awarded.pk])]
    assert found[0].since == date(today.year, 1, 1)
    assert office_items(partner_a_signatory, centre) == [] and office_items(steering_member, centre) == []
    open_continuation_round(application=awarded, actor=programme_manager)
    assert office_items(programme_manager, centre) == []


def test_before_the_final_year_the_office_is_not_asked_yet(centre, awarded, programme_manager):
    today = timezone.localdate()
    _award(awarded, GrantFactory(centre=centre, start=date(today.year, 1, 1), end=date(today.year + 1, 12, 31)),
           programme_manager)
    assert office_items(programme_manager, centre) == []
