"""Tamper evidence: accepted entries form a hash chain per centre, and a change outside civhub is found."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from civhub.accounts.models import Role
from civhub.ledger.chain import GENESIS, verify_chain
from civhub.ledger.imports import import_contributions
from civhub.ledger.models import Contribution
from civhub.ledger.services.approval import accept_contribution, approve_contribution, reverse_contribution
from tests.factories import MembershipFactory, PartnershipFactory, UserFactory
from tests.ledger import builders as b

REFERENCE = "Getekende partnerverklaringen 2025"  # the evidence a migration names (docs/formats.md §2)

pytestmark = pytest.mark.django_db
Status = Contribution.Status


@pytest.fixture
def accepted(centre, partner_a, partner_a_contact, partner_a_signatory, finance_controller):
    """Three entries taken through both keys and accepted, in order."""
    b.grant(centre, fixed_rate=Decimal("73.00"))
    entries = []
    for number in range(3):
        entry = b.entry(partner_a, partner_a_contact, extern_id=f"a-{number}", hours=Decimal("2.00"),
                        rate=Decimal("73.00"), day=date(2025, 3, 1 + number))
        approve_contribution(entry=entry, actor=partner_a_signatory)
        entries.append(accept_contribution(entry=entry, actor=finance_controller))
    return entries


def raw_update(entry: Contribution, assignment: str, *params) -> None:
    """Change a stored row behind civhub's back, as someone with database access could."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE ledger_contribution SET {assignment} WHERE id = %s", [*params, entry.pk])  # noqa: S608


def test_accepted_entries_are_chained_in_order(accepted, centre):
    assert [entry.chain_index for entry in accepted] == [1, 2, 3]
    assert accepted[0].previous_hash == GENESIS
    assert [entry.previous_hash for entry in accepted[1:]] == [entry.content_hash for entry in accepted[:2]]
    report = verify_chain(centre)
    assert (report.checked, report.broken) == (3, None)


@pytest.mark.parametrize(("assignment", "value"), [
    ("amount = %s", "1.00"),
    ("hours = %s", "3.00"),
    ("hourly_rate = %s", "99.00"),
    ("date = %s", "2025-01-01"),
    ("description = %s", "Iets anders"),
    ("extern_id = %s", "other"),
    ("kind = %s", "research"),
    ("category = %s", "manager"),
    ("accepted_at = %s", "2020-01-01 00:00:00"),
])
def test_a_field_changed_with_raw_sql_breaks_the_chain_at_that_entry(accepted, centre, assignment, value):
    raw_update(accepted[1], assignment, value)
    report = verify_chain(centre)
    assert report.broken.pk == accepted[1].pk
    assert report.checked == 1 and report.problem == "stored content does not match its hash"


def test_an_entry_moved_to_another_partner_is_found(accepted, centre):
    other = PartnershipFactory(centre=centre)
    raw_update(accepted[2], "partnership_id = %s", other.pk)
    assert verify_chain(centre).broken.pk == accepted[2].pk


def test_a_removed_entry_is_found(accepted, centre):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM ledger_statusevent WHERE contribution_id = %s", [accepted[1].pk])
        cursor.execute("DELETE FROM ledger_contribution WHERE id = %s", [accepted[1].pk])
    report = verify_chain(centre)
    assert report.broken.pk == accepted[2].pk and report.problem == "chain position 2 is missing"


def test_a_recomputed_hash_does_not_hide_the_change_from_the_next_entry(accepted, centre):
    """Whoever fixes up the changed entry's own hash still breaks the link to the next one."""
    from civhub.ledger.chain import compute_hash

    raw_update(accepted[0], "amount = %s", "1.00")
    changed = Contribution.objects.get(pk=accepted[0].pk)
    raw_update(accepted[0], "content_hash = %s", compute_hash(changed, changed.previous_hash))
    assert verify_chain(centre).broken.pk == accepted[1].pk


def test_status_and_timestamps_outside_the_hash_may_change(accepted, centre):
    """A reversal changes the original's status only; that is not tampering."""
    raw_update(accepted[0], "status = %s", Status.REVERSED)
    assert verify_chain(centre).broken is None


def test_a_reversal_joins_the_chain_and_leaves_the_original_intact(accepted, centre, finance_controller):
    reversal = reverse_contribution(entry=accepted[1], actor=finance_controller, reason="Dubbel geboekt")
    assert reversal.chain_index == 4 and reversal.previous_hash == accepted[2].content_hash
    original = Contribution.objects.get(pk=accepted[1].pk)
    assert original.status == Status.REVERSED and original.content_hash == accepted[1].content_hash
    assert verify_chain(centre).checked == 4 and verify_chain(centre).broken is None


def test_entries_that_are_not_accepted_are_not_chained(centre, partner_a, partner_a_contact):
    entry = b.entry(partner_a, partner_a_contact, status=Status.SUBMITTED)
    raw_update(entry, "amount = %s", "1.00")
    assert verify_chain(centre).checked == 0 and verify_chain(centre).broken is None
    assert Contribution.objects.get(pk=entry.pk).chain_index is None


def test_imported_and_accepted_entries_share_one_chain(accepted, centre, finance_controller):
    report = import_contributions(centre=centre, actor=finance_controller, as_accepted=True, reference=REFERENCE,
                                  file_name="oud.csv",
                                  file=b.csv_file([b.row("old-1", categorie=""), b.row("old-2", categorie="")]))
    assert report.ok, report.errors
    chained = list(Contribution.objects.filter(centre=centre).order_by("chain_index")
                   .values_list("extern_id", "chain_index"))
    assert chained == [("a-0", 1), ("a-1", 2), ("a-2", 3), ("old-1", 4), ("old-2", 5)]
    assert verify_chain(centre).checked == 5 and verify_chain(centre).broken is None
    raw_update(Contribution.objects.get(extern_id="old-1"), "description = %s", "Vervalst")
    assert verify_chain(centre).broken.extern_id == "old-1"


def test_each_centre_has_its_own_chain(accepted, centre, other_centre, other_partner):
    b.grant(other_centre, fixed_rate=Decimal("73.00"), lines=0)
    controller = UserFactory()
    MembershipFactory(user=controller, centre=other_centre, role=Role.FINANCE_CONTROLLER)
    report = import_contributions(centre=other_centre, actor=controller, as_accepted=True, reference=REFERENCE,
                                  file_name="x.csv",
                                  file=b.csv_file([b.row("x-1", partner="other-partner", categorie="",
                                                         programmalijn="")]))
    assert report.ok, report.errors
    assert Contribution.objects.get(extern_id="x-1").chain_index == 1
    raw_update(accepted[0], "amount = %s", "1.00")
    assert verify_chain(other_centre).broken is None and verify_chain(centre).broken is not None
