"""The inbox asks a partner's signatory for its commitments after the subsidy while the office's round is open: never
answered or void; gone once confirmed; nobody else's."""

import pytest
from django.urls import reverse

from civhub.applications.models import Application
from civhub.applications.selectors import commitments
from civhub.applications.services.commitments import Signer, confirm_continuation, open_continuation_round
from civhub.core import inbox
from tests.applications.support import application, forecast
from tests.factories import MembershipFactory, UserFactory

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
