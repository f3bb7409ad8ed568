"""Recording the award against a grant civhub already holds (`record_award_of_existing_grant`): linked when the grant
is what the award would have made, refused with every difference named otherwise; nothing new is made."""

from datetime import date
from decimal import Decimal as D

import pytest

from civhub.applications.errors import ApplicationError
from civhub.applications.models import Application, Award
from civhub.applications.services.award import record_award_of_existing_grant
from civhub.applications.services.submission import submit_application
from civhub.core.formatting import format_eur
from civhub.core.models import AuditEvent, Grant
from civhub.grants.models import BudgetLine, BudgetVersion
from civhub.ledger.models import Pledge
from tests.applications.support import application, ready, regulation

pytestmark = pytest.mark.django_db
DECISION = date(2021, 11, 15)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def submitted(centre, partner_a, partner_b, programme_manager):
    """Subsidy 300,000 (2022), Partner A lab in kind 450,000 (2022), Partner B cash 150,000 (2023), submitted."""
    made = ready(application(centre, regulation=regulation()), partner_a, partner_b)
    submit_application(application=made, actor=programme_manager)
    made.refresh_from_db()
    return made


@pytest.fixture
def grant(centre, partner_a, partner_b, programme_manager):
    """The grant as the centre kept it before: what the award would have made (budget cells of its own choosing)."""
    made = Grant.objects.create(centre=centre, scheme="RIF", amount=D("300000.00"), decision_reference="RIF21-0042",
                                decision_date=DECISION, start=date(2022, 1, 1), end=date(2025, 12, 31),
                                cofinancing_ratio=D("2.00"))
    version = BudgetVersion.objects.create(grant=made, number=1, name="Begroting aanvraag", is_current=True)
    BudgetLine.objects.create(version=version, year=2022, category="personnel", source="subsidy",
                              amount=D("200000.00"))
    BudgetLine.objects.create(version=version, year=2022, category="material", source="subsidy",
                              amount=D("100000.00"))
    Pledge.objects.create(partnership=partner_a, year=2022, kind="lab", amount=D("450000.00"))
    Pledge.objects.create(partnership=partner_b, year=2023, kind="cash", amount=D("150000.00"))
    return made


def record(made, grant, actor, amount="300000.00", reference="RIF21-0042"):
    return record_award_of_existing_grant(application=made, grant=grant, actor=actor, amount_granted=D(amount),
                                          decision_date=DECISION, decision_reference=reference)


def test_the_award_links_the_application_to_the_grant_and_makes_nothing(submitted, grant, programme_manager):
    counts = (Grant.objects.count(), BudgetVersion.objects.count(), BudgetLine.objects.count(), Pledge.objects.count())

    award = record(submitted, grant, programme_manager)

    assert award.grant == grant and grant.application_award == award
    assert (award.amount_granted, award.subsidy_asked, award.scaled) == (D("300000.00"), D("300000.00"), False)
    submitted.refresh_from_db()
    assert submitted.status == Application.Status.AWARDED
    assert counts == (Grant.objects.count(), BudgetVersion.objects.count(), BudgetLine.objects.count(),
                      Pledge.objects.count())
    event = AuditEvent.objects.get(action="grant_linked_to_application")
    assert event.changes["existing_grant"] is True and event.actor == programme_manager


def test_every_difference_is_named_and_nothing_is_recorded(submitted, grant, partner_a, programme_manager):
    Pledge.objects.filter(partnership=partner_a).update(amount=D("449999.99"))
    BudgetLine.objects.filter(category="material").update(amount=D("100000.01"))
    Grant.objects.filter(pk=grant.pk).update(decision_reference="RIF21-9999")

    with pytest.raises(ApplicationError) as refused:
        record(submitted, grant, programme_manager)

    message = str(refused.value)
    assert "RIF21-9999" in message
    assert f"the subsidy of 2022 is {format_eur(D('300000.01'))} in the grant's budget version 1" in message
    assert f"Partner A BV for 2022 (Lab) is {format_eur(D('449999.99'))} in the grant" in message
    assert not Award.objects.exists()
    submitted.refresh_from_db()
    assert submitted.status == Application.Status.SUBMITTED


def test_a_partial_award_and_a_grant_linked_before_are_refused(submitted, grant, centre, partner_a, partner_b,
                                                               programme_manager):
    with pytest.raises(ApplicationError, match="scaled"):
        record(submitted, grant, programme_manager, amount="200000.00")
    record(submitted, grant, programme_manager)
    with pytest.raises(ApplicationError, match="already been awarded"):
        record(submitted, grant, programme_manager)


def test_a_draft_and_a_steering_member_are_refused(centre, grant, partner_a, partner_b, programme_manager,
                                                   steering_member):
    draft = ready(application(centre, regulation=regulation()), partner_a, partner_b)
    with pytest.raises(ApplicationError, match="submit it first"):
        record(draft, grant, programme_manager)
    submit_application(application=draft, actor=programme_manager)
    with pytest.raises(ApplicationError):
        record(draft, grant, steering_member)
    assert not Award.objects.exists()
