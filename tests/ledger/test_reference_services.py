"""Pledges and rate cards: who may change them, the rules they keep, and the audit they leave."""

import datetime
from decimal import Decimal

import pytest

from civhub.core.models import AuditEvent
from civhub.ledger.errors import LedgerError
from civhub.ledger.models import Contribution, Pledge, RateCard
from civhub.ledger.services.reference import (
    PledgeData,
    RateData,
    create_pledge,
    create_rate_card,
    delete_pledge,
    delete_rate_card,
    update_pledge,
    update_rate_card,
)
from tests.ledger.office_support import contribution, grant_for, pledge, rate_card

pytestmark = pytest.mark.django_db

Status = Contribution.Status


def pledge_data(year=2025, kind="lab", amount="25000.00"):
    return PledgeData(year=year, kind=kind, amount=Decimal(amount))


def rate_data(category="analyst", rate="85.00", valid_from=datetime.date(2025, 1, 1)):
    return RateData(category=category, hourly_rate=Decimal(rate), valid_from=valid_from)


def events(action):
    return AuditEvent.objects.filter(action=action)


# Pledges ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["programme_manager", "finance_controller"])
def test_the_programme_manager_and_finance_controller_record_a_pledge(request, partner_a, who):
    grant_for(partner_a.centre)
    actor = request.getfixturevalue(who)
    created = create_pledge(partnership=partner_a, actor=actor, data=pledge_data())
    assert (created.year, created.kind, created.amount) == (2025, "lab", Decimal("25000.00"))
    assert created.history.get().history_user == actor
    event = events("pledge_created").get()
    assert event.actor == actor and event.centre == partner_a.centre and event.target_id == str(created.pk)


@pytest.mark.parametrize("who", ["centre_admin", "practor", "partner_a_contact", "other_centre_manager"])
def test_others_may_not_record_a_pledge(request, partner_a, who):
    grant_for(partner_a.centre)
    with pytest.raises(LedgerError, match="programme manager or the finance controller"):
        create_pledge(partnership=partner_a, actor=request.getfixturevalue(who), data=pledge_data())
    assert not Pledge.objects.exists() and not events("pledge_created").exists()


@pytest.mark.parametrize(("data", "message"), [
    (pledge_data(year=2024), "outside the grant period"),
    (pledge_data(year=2029), "outside the grant period"),
    (pledge_data(amount="-1"), "EUR 0 or more"),
    (pledge_data(amount="10.005"), "two decimals"),
    (pledge_data(amount="10000000000"), "at most"),
    (pledge_data(kind="gifts"), "Unknown kind"),
])
def test_a_pledge_outside_the_rules_is_refused(partner_a, programme_manager, data, message):
    grant_for(partner_a.centre)
    with pytest.raises(LedgerError, match=message):
        create_pledge(partnership=partner_a, actor=programme_manager, data=data)
    assert not Pledge.objects.exists()


def test_a_pledge_of_zero_is_allowed(partner_a, programme_manager):
    grant_for(partner_a.centre)
    assert create_pledge(partnership=partner_a, actor=programme_manager, data=pledge_data(amount="0")).amount == 0


def test_without_a_grant_no_year_is_inside_it(partner_a, programme_manager):
    with pytest.raises(LedgerError, match="outside the grant period"):
        create_pledge(partnership=partner_a, actor=programme_manager, data=pledge_data())


def test_a_second_pledge_for_the_same_year_and_kind_is_refused(partner_a, programme_manager):
    pledge(partner_a, year=2025, kind="lab")
    with pytest.raises(LedgerError, match="already has a pledge for 2025"):
        create_pledge(partnership=partner_a, actor=programme_manager, data=pledge_data())
    assert Pledge.objects.count() == 1


def test_updating_a_pledge_records_the_change(partner_a, finance_controller):
    existing = pledge(partner_a, amount="10000.00")
    updated = update_pledge(pledge=existing, actor=finance_controller, data=pledge_data(amount="12500.50"))
    assert updated.amount == Decimal("12500.50")
    assert updated.history.latest().history_user == finance_controller
    assert events("pledge_updated").get().changes == {"amount": ["10000.00", "12500.50"]}


def test_an_update_that_changes_nothing_writes_nothing(partner_a, finance_controller):
    existing = pledge(partner_a, amount="10000.00")
    update_pledge(pledge=existing, actor=finance_controller, data=pledge_data(amount="10000"))
    assert existing.history.count() == 1 and not events("pledge_updated").exists()


def test_moving_a_pledge_onto_another_is_refused(partner_a, programme_manager):
    pledge(partner_a, year=2025, kind="lab")
    other = pledge(partner_a, year=2026, kind="lab")
    with pytest.raises(LedgerError, match="already has a pledge"):
        update_pledge(pledge=other, actor=programme_manager, data=pledge_data(year=2025))
    other.refresh_from_db()
    assert other.year == 2026


def test_deleting_a_pledge_keeps_its_history_and_audit(partner_a, programme_manager, centre_admin):
    existing = pledge(partner_a)
    with pytest.raises(LedgerError):
        delete_pledge(pledge=existing, actor=centre_admin)
    delete_pledge(pledge=existing, actor=programme_manager)
    assert not Pledge.objects.exists()
    deleted = Pledge.history.filter(id=existing.pk).latest()
    assert deleted.history_type == "-" and deleted.history_user == programme_manager
    assert events("pledge_deleted").get().actor == programme_manager


# Rate cards -------------------------------------------------------------------------------


def test_the_office_adds_a_rate(partner_a, finance_controller):
    card = create_rate_card(partnership=partner_a, actor=finance_controller, data=rate_data(category="Senior Analyst"))
    assert (card.category, card.hourly_rate) == ("senior-analyst", Decimal("85.00"))
    assert card.history.get().history_user == finance_controller
    assert events("rate_card_created").get().actor == finance_controller


@pytest.mark.parametrize(("data", "message"), [
    (rate_data(rate="0"), "more than EUR 0 and at most EUR 500"),
    (rate_data(rate="-5"), "more than EUR 0 and at most EUR 500"),
    (rate_data(rate="500.01"), "more than EUR 0 and at most EUR 500"),
    (rate_data(rate="85.555"), "two decimals"),
    (rate_data(category=""), "staff category"),
    (rate_data(category="x" * 41), "staff category"),
])
def test_a_rate_outside_the_rules_is_refused(partner_a, programme_manager, data, message):
    with pytest.raises(LedgerError, match=message):
        create_rate_card(partnership=partner_a, actor=programme_manager, data=data)
    assert not RateCard.objects.exists()


def test_a_rate_of_exactly_500_is_allowed(partner_a, programme_manager):
    assert create_rate_card(partnership=partner_a, actor=programme_manager, data=rate_data(rate="500")).pk


def test_two_rates_for_one_category_and_date_are_refused(partner_a, programme_manager):
    rate_card(partner_a)
    with pytest.raises(LedgerError, match="already has a rate for “analyst” from 1 January 2025"):
        create_rate_card(partnership=partner_a, actor=programme_manager, data=rate_data(rate="90"))


def test_the_centre_admin_may_not_change_rates(partner_a, centre_admin):
    with pytest.raises(LedgerError):
        create_rate_card(partnership=partner_a, actor=centre_admin, data=rate_data())


def test_an_unused_rate_can_be_corrected_and_removed(partner_a, programme_manager):
    card = rate_card(partner_a)
    contribution(partner_a, status=Status.SUBMITTED, category="analyst", hours="2", amount="170.00")
    updated = update_rate_card(card=card, actor=programme_manager, data=rate_data(rate="87.50"))
    assert updated.hourly_rate == Decimal("87.50")
    assert events("rate_card_updated").get().changes == {"hourly_rate": ["85.00", "87.50"]}
    delete_rate_card(card=updated, actor=programme_manager)
    assert not RateCard.objects.exists()
    assert RateCard.history.filter(id=card.pk).latest().history_user == programme_manager
    assert events("rate_card_deleted").exists()


@pytest.mark.parametrize("status", [Status.ACCEPTED, Status.REVERSED])
def test_a_rate_that_valued_accepted_entries_is_neither_removed_nor_changed(partner_a, programme_manager, status):
    card = rate_card(partner_a, valid_from=datetime.date(2025, 1, 1))
    contribution(partner_a, status=status, category="analyst", hours="2", amount="170.00",
                 day=datetime.date(2025, 3, 1))
    with pytest.raises(LedgerError, match="accepted entries were valued at it"):
        delete_rate_card(card=card, actor=programme_manager)
    with pytest.raises(LedgerError, match="Add a new rate from a later date"):
        update_rate_card(card=card, actor=programme_manager, data=rate_data(rate="90"))
    card.refresh_from_db()
    assert card.hourly_rate == Decimal("85.00")
    assert not events("rate_card_deleted").exists()


def test_a_rate_is_in_use_only_for_accepted_entries_inside_its_span(partner_a, programme_manager):
    """The 2025 rate ends where the 2026 rate starts; an accepted entry in 2026 uses only the later one."""
    early = rate_card(partner_a, valid_from=datetime.date(2025, 1, 1))
    later = rate_card(partner_a, rate="90.00", valid_from=datetime.date(2026, 1, 1))
    rate_card(partner_a, category="engineer")  # another category
    contribution(partner_a, category="analyst", hours="1", amount="90.00", day=datetime.date(2026, 2, 1))
    contribution(partner_a, category="engineer", hours="1", amount="85.00", day=datetime.date(2025, 2, 1))
    with pytest.raises(LedgerError):
        delete_rate_card(card=later, actor=programme_manager)
    delete_rate_card(card=early, actor=programme_manager)
    assert list(RateCard.objects.filter(category="analyst")) == [later]
