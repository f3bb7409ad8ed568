"""The ledger's services: entries, the two keys, reversals and closed periods (issue 4's rules)."""

from datetime import date
from decimal import Decimal

import pytest

from civhub.core.models import AuditEvent
from civhub.ledger.chain import verify_chain
from civhub.ledger.errors import LedgerError
from civhub.ledger.models import Contribution, PeriodLock
from civhub.ledger.services.approval import (
    TRANSITIONS,
    accept_contribution,
    approve_contribution,
    bulk,
    reject_contribution,
    reverse_contribution,
)
from civhub.ledger.services.entries import (
    EntryData,
    create_contribution,
    delete_draft,
    submit_contribution,
    update_contribution,
)
from civhub.ledger.services.periods import close_period, period_bounds, reopen_period
from tests.concurrency import POSTGRES_ONLY, at_once
from tests.factories import MembershipFactory, UserFactory
from tests.ledger import builders as b

pytestmark = pytest.mark.django_db
Status = Contribution.Status


@pytest.fixture
def ledger(centre, partner_a, partner_b):
    """Rate cards, no fixed rate: partner A's analyst at EUR 85, from 1 July 2025 at EUR 90."""
    b.grant(centre)
    b.rate(partner_a, "analyst", "85.00", date(2024, 1, 1))
    b.rate(partner_a, "analyst", "90.00", date(2025, 7, 1))
    return centre


def hours(day=date(2025, 3, 15), spent=Decimal("7.5"), **fields) -> EntryData:
    """An hours entry of partner A's analyst; `fields` override the rest (an `amount` too)."""
    return EntryData(**{"date": day, "kind": "lab", "description": "Practicum begeleid", "hours": spent,
                        "category": "analyst", **fields})


def submitted(partner, contact, **fields) -> Contribution:
    return create_contribution(partnership=partner, actor=contact, data=hours(**fields), submit=True)


def accepted(partner, contact, signatory, controller, **fields) -> Contribution:
    entry = submitted(partner, contact, **fields)
    approve_contribution(entry=entry, actor=signatory)
    return accept_contribution(entry=entry, actor=controller)


# Recording -------------------------------------------------------------------------------------------------


def test_a_partner_contact_records_a_draft_valued_at_the_rate_in_force(ledger, partner_a, partner_a_contact):
    entry = create_contribution(partnership=partner_a, actor=partner_a_contact, data=hours())
    assert (entry.status, entry.hourly_rate, entry.amount) == (Status.DRAFT, Decimal("85.00"), Decimal("637.50"))
    later = create_contribution(partnership=partner_a, actor=partner_a_contact, data=hours(day=date(2025, 7, 1)))
    assert later.hourly_rate == Decimal("90.00")
    assert list(entry.events.values_list("action", "to_status")) == [("created", Status.DRAFT)]
    assert AuditEvent.objects.filter(action="contribution_created", actor=partner_a_contact).count() == 2


def test_a_fixed_rate_grant_values_every_hour_at_its_rate(centre, partner_a, partner_a_contact):
    b.grant(centre, fixed_rate=Decimal("73.00"))
    entry = create_contribution(partnership=partner_a, actor=partner_a_contact,
                                data=hours(spent=Decimal("0.25"), category=""))
    assert (entry.hourly_rate, entry.amount) == (Decimal("73.00"), Decimal("18.25"))


@pytest.mark.parametrize(("data", "message"), [
    (hours(spent=Decimal("0")), "Hours must be more than 0"),
    (hours(spent=Decimal("24.01")), "Hours must be more than 0"),
    (hours(spent=None), "not both and not neither"),
    (hours(amount=Decimal("1")), "not both"),
    (hours(category=""), "Choose a staff category"),
    (hours(category="pilot"), "no hourly rate for category “pilot”"),
    (hours(day=date(2023, 12, 31)), "outside the grant period"),
    (hours(day=date(2099, 1, 1)), "in the future"),
])
def test_bad_entries_are_refused(ledger, partner_a, partner_a_contact, data, message):
    with pytest.raises(LedgerError, match=message):
        create_contribution(partnership=partner_a, actor=partner_a_contact, data=data)
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("persona", ["partner_b_contact", "programme_manager", "finance_controller"])
def test_only_the_partners_own_people_record_its_contributions(ledger, partner_a, request, persona):
    with pytest.raises(LedgerError, match="your own organisation"):
        create_contribution(partnership=partner_a, actor=request.getfixturevalue(persona), data=hours())


def test_a_draft_is_edited_submitted_or_deleted_by_its_partner(ledger, partner_a, partner_a_contact,
                                                               partner_b_contact):
    entry = create_contribution(partnership=partner_a, actor=partner_a_contact, data=hours())
    entry = update_contribution(entry=entry, actor=partner_a_contact, data=hours(spent=Decimal("2")))
    assert entry.amount == Decimal("170.00")
    with pytest.raises(LedgerError):
        submit_contribution(entry=entry, actor=partner_b_contact)
    assert submit_contribution(entry=entry, actor=partner_a_contact).status == Status.SUBMITTED
    other = create_contribution(partnership=partner_a, actor=partner_a_contact, data=hours())
    delete_draft(entry=other, actor=partner_a_contact)
    assert list(Contribution.objects.values_list("pk", flat=True)) == [entry.pk]


# The two keys --------------------------------------------------------------------------------------------------


def test_contact_submits_signatory_approves_controller_accepts(ledger, partner_a, partner_a_contact,
                                                               partner_a_signatory, finance_controller):
    entry = submitted(partner_a, partner_a_contact)
    entry = approve_contribution(entry=entry, actor=partner_a_signatory)
    assert (entry.status, entry.approved_by) == (Status.APPROVED, partner_a_signatory) and entry.approved_at
    entry = accept_contribution(entry=entry, actor=finance_controller)
    assert (entry.status, entry.accepted_by) == (Status.ACCEPTED, finance_controller) and entry.accepted_at
    assert entry.chain_index == 1 and entry.content_hash and verify_chain(ledger).checked == 1
    assert list(entry.events.values_list("action", "from_status", "to_status", "actor")) == [
        ("submitted", "", Status.SUBMITTED, partner_a_contact.pk),
        ("approved", Status.SUBMITTED, Status.APPROVED, partner_a_signatory.pk),
        ("accepted", Status.APPROVED, Status.ACCEPTED, finance_controller.pk),
    ]


def test_the_rate_is_frozen_when_the_entry_is_accepted(ledger, partner_a, partner_a_contact, partner_a_signatory,
                                                       finance_controller):
    entry = accepted(partner_a, partner_a_contact, partner_a_signatory, finance_controller)
    partner_a.rate_cards.filter(valid_from=date(2024, 1, 1)).update(hourly_rate=Decimal("99.00"))
    entry.refresh_from_db()
    assert (entry.hourly_rate, entry.amount) == (Decimal("85.00"), Decimal("637.50"))
    assert verify_chain(ledger).broken is None


def test_a_rate_corrected_before_acceptance_values_the_entry_when_it_is_accepted(
        ledger, partner_a, partner_a_contact, partner_a_signatory, finance_controller):
    """The rate in force on the day of the work is frozen at acceptance, not when the entry was typed in."""
    entry = approve_contribution(entry=submitted(partner_a, partner_a_contact), actor=partner_a_signatory)
    assert (entry.hourly_rate, entry.amount) == (Decimal("85.00"), Decimal("637.50"))
    partner_a.rate_cards.filter(valid_from=date(2024, 1, 1)).update(hourly_rate=Decimal("88.00"))
    entry = accept_contribution(entry=entry, actor=finance_controller)
    entry.refresh_from_db()
    assert (entry.hourly_rate, entry.amount) == (Decimal("88.00"), Decimal("660.00"))
    assert verify_chain(ledger).broken is None


def test_an_entry_whose_rate_card_is_gone_is_not_accepted(ledger, partner_a, partner_a_contact,
                                                          partner_a_signatory, finance_controller):
    entry = approve_contribution(entry=submitted(partner_a, partner_a_contact), actor=partner_a_signatory)
    partner_a.rate_cards.all().delete()
    with pytest.raises(LedgerError, match="no hourly rate"):
        accept_contribution(entry=entry, actor=finance_controller)
    entry.refresh_from_db()
    assert entry.status == Status.APPROVED


def test_nobody_approves_an_entry_they_entered(ledger, partner_a, partner_a_signatory):
    entry = submitted(partner_a, partner_a_signatory)
    with pytest.raises(LedgerError, match="Only another person"):
        approve_contribution(entry=entry, actor=partner_a_signatory)
    entry.refresh_from_db()
    assert entry.status == Status.SUBMITTED and entry.approved_by is None


def test_a_second_signatory_approves_what_the_first_entered(ledger, partner_a, partner_a_signatory):
    from civhub.accounts.models import Role

    second = UserFactory()
    MembershipFactory(user=second, centre=partner_a.centre, partnership=partner_a, role=Role.PARTNER_SIGNATORY)
    entry = submitted(partner_a, partner_a_signatory)
    assert approve_contribution(entry=entry, actor=second).status == Status.APPROVED


@pytest.mark.parametrize("persona", ["partner_a_contact", "partner_b_contact", "programme_manager",
                                     "finance_controller"])
def test_only_the_partners_signatory_approves(ledger, partner_a, partner_a_contact, request, persona):
    entry = submitted(partner_a, partner_a_contact)
    with pytest.raises(LedgerError, match="Only another person, the signatory"):
        approve_contribution(entry=entry, actor=request.getfixturevalue(persona))


@pytest.mark.parametrize("persona", ["programme_manager", "centre_admin", "partner_a_signatory"])
def test_only_the_finance_controller_accepts(ledger, partner_a, partner_a_contact, partner_a_signatory, request,
                                             persona):
    entry = approve_contribution(entry=submitted(partner_a, partner_a_contact), actor=partner_a_signatory)
    with pytest.raises(LedgerError, match="Only the finance controller accepts"):
        accept_contribution(entry=entry, actor=request.getfixturevalue(persona))
    entry.refresh_from_db()
    assert entry.status == Status.APPROVED and entry.chain_index is None


def test_rejected_goes_back_to_the_partner_with_a_reason(ledger, partner_a, partner_a_contact, partner_a_signatory,
                                                         finance_controller):
    entry = submitted(partner_a, partner_a_contact)
    with pytest.raises(LedgerError, match="Give a reason"):
        reject_contribution(entry=entry, actor=partner_a_signatory, reason="  ")
    entry = reject_contribution(entry=entry, actor=partner_a_signatory, reason="Verkeerde datum")
    assert (entry.status, entry.rejection_reason) == (Status.REJECTED, "Verkeerde datum")
    entry = update_contribution(entry=entry, actor=partner_a_contact, data=hours(day=date(2025, 3, 14)))
    assert entry.status == Status.DRAFT
    entry = submit_contribution(entry=entry, actor=partner_a_contact)
    entry = approve_contribution(entry=entry, actor=partner_a_signatory)
    entry = reject_contribution(entry=entry, actor=finance_controller, reason="Geen bewijs")
    assert entry.status == Status.REJECTED
    assert entry.events.filter(action="rejected").count() == 2


def test_the_transitions_are_those_of_the_issue():
    assert TRANSITIONS == {
        (Status.DRAFT, Status.SUBMITTED), (Status.SUBMITTED, Status.APPROVED), (Status.APPROVED, Status.ACCEPTED),
        (Status.SUBMITTED, Status.REJECTED), (Status.APPROVED, Status.REJECTED), (Status.ACCEPTED, Status.REVERSED),
        (Status.REJECTED, Status.DRAFT),
    }


def _approve(entry, people):
    return approve_contribution(entry=entry, actor=people["partner_a_signatory"])


def _accept(entry, people):
    return accept_contribution(entry=entry, actor=people["finance_controller"])


def _reject(entry, people):
    actor = people["finance_controller"] if entry.status == Status.APPROVED else people["partner_a_signatory"]
    return reject_contribution(entry=entry, actor=actor, reason="Nee")


def _reverse(entry, people):
    return reverse_contribution(entry=entry, actor=people["finance_controller"], reason="Correctie")


def _submit(entry, people):
    return submit_contribution(entry=entry, actor=people["partner_a_contact"])


ACTIONS = {"approve": (_approve, Status.APPROVED), "accept": (_accept, Status.ACCEPTED),
           "reject": (_reject, Status.REJECTED), "reverse": (_reverse, Status.REVERSED),
           "submit": (_submit, Status.SUBMITTED)}
FORBIDDEN = [(status, action) for status in Status.values for action, (_, target) in ACTIONS.items()
             if (status, target) not in TRANSITIONS]


@pytest.mark.parametrize(("status", "action"), FORBIDDEN)
def test_a_transition_outside_the_allowed_ones_raises_the_ledger_error(ledger, partner_a, partner_a_contact,
                                                                       partner_a_signatory, finance_controller,
                                                                       status, action):
    people = {"partner_a_contact": partner_a_contact, "partner_a_signatory": partner_a_signatory,
              "finance_controller": finance_controller}
    entry = b.entry(partner_a, partner_a_contact, status=status, hours=Decimal("1.00"), rate=Decimal("85.00"))
    with pytest.raises(LedgerError) as error:
        ACTIONS[action][0](entry, people)
    assert str(error.value)
    entry.refresh_from_db()
    assert entry.status == status


def test_the_transition_error_names_both_statuses(ledger, partner_a, partner_a_contact, finance_controller):
    entry = b.entry(partner_a, partner_a_contact, status=Status.SUBMITTED)
    with pytest.raises(LedgerError, match="A contribution that is submitted cannot become accepted."):
        accept_contribution(entry=entry, actor=finance_controller)


def test_bulk_applies_each_step_in_its_own_transaction(ledger, partner_a, partner_a_contact, partner_a_signatory):
    good = submitted(partner_a, partner_a_contact)
    own = submitted(partner_a, partner_a_signatory)
    done, failed = bulk(approve_contribution, [good, own], actor=partner_a_signatory)
    assert [entry.pk for entry in done] == [good.pk]
    assert [(entry.pk, "Only another person" in reason) for entry, reason in failed] == [(own.pk, True)]


@pytest.mark.django_db(transaction=True)
@POSTGRES_ONLY
def test_two_signatories_approving_one_entry_at_once_one_wins(centre, partner_a, partner_a_contact,
                                                             partner_a_signatory):
    from civhub.accounts.models import Role

    b.grant(centre)
    b.rate(partner_a, "analyst", "85.00", date(2024, 1, 1))
    second = UserFactory()
    MembershipFactory(user=second, centre=centre, partnership=partner_a, role=Role.PARTNER_SIGNATORY)
    entry = submitted(partner_a, partner_a_contact)
    errors = at_once(lambda actor: approve_contribution(entry=entry, actor=actor), [partner_a_signatory, second])
    assert [type(error) for error in errors] == [LedgerError]  # one approved, the other refused
    assert entry.events.filter(action="approved").count() == 1


# Reversal --------------------------------------------------------------------------------------------------------


def test_a_reversal_is_a_linked_opposite_accepted_entry_and_the_original_keeps_its_hash(
        ledger, partner_a, partner_a_contact, partner_a_signatory, finance_controller):
    original = accepted(partner_a, partner_a_contact, partner_a_signatory, finance_controller)
    reversal = reverse_contribution(entry=original, actor=finance_controller, reason="Dubbel ingevoerd")
    original_after = Contribution.objects.get(pk=original.pk)
    assert original_after.status == Status.REVERSED and original_after.reversal == reversal
    assert original_after.content_hash == original.content_hash and original_after.amount == original.amount
    assert (reversal.status, reversal.reversal_of, reversal.amount, reversal.reversal_reason) == (
        Status.ACCEPTED, original_after, -original.amount, "Dubbel ingevoerd")
    assert reversal.accepted_by == finance_controller and reversal.chain_index == 2
    assert verify_chain(ledger).checked == 2 and verify_chain(ledger).broken is None
    total = sum(Contribution.objects.filter(status__in=[Status.ACCEPTED, Status.REVERSED])
                .values_list("amount", flat=True))
    assert total == 0
    assert original_after.events.last().reason == "Dubbel ingevoerd"


def test_a_reversal_needs_a_reason_and_the_finance_controller(ledger, partner_a, partner_a_contact,
                                                              partner_a_signatory, finance_controller,
                                                              programme_manager):
    original = accepted(partner_a, partner_a_contact, partner_a_signatory, finance_controller)
    with pytest.raises(LedgerError, match="Give a reason"):
        reverse_contribution(entry=original, actor=finance_controller, reason="")
    with pytest.raises(LedgerError, match="Only the finance controller reverses"):
        reverse_contribution(entry=original, actor=programme_manager, reason="Fout")
    assert Contribution.objects.count() == 1


def test_an_entry_is_reversed_once_and_a_reversal_never(ledger, partner_a, partner_a_contact, partner_a_signatory,
                                                        finance_controller):
    original = accepted(partner_a, partner_a_contact, partner_a_signatory, finance_controller)
    reversal = reverse_contribution(entry=original, actor=finance_controller, reason="Fout")
    with pytest.raises(LedgerError):
        reverse_contribution(entry=original, actor=finance_controller, reason="Nog eens")
    with pytest.raises(LedgerError, match="A reversal cannot itself be reversed"):
        reverse_contribution(entry=reversal, actor=finance_controller, reason="Terug")
    assert Contribution.objects.count() == 2
    reversal.refresh_from_db()
    assert reversal.status == Status.ACCEPTED


def test_a_reversal_in_a_closed_period_waits_until_it_is_reopened(ledger, partner_a, partner_a_contact,
                                                                  partner_a_signatory, finance_controller):
    """A reversal is a new entry on the original's date; a closed period takes none (reopening is recorded)."""
    original = accepted(partner_a, partner_a_contact, partner_a_signatory, finance_controller)
    lock = close_period(centre=ledger, actor=finance_controller, span=PeriodLock.Span.QUARTER, year=2025, quarter=1)
    with pytest.raises(LedgerError, match="is closed"):
        reverse_contribution(entry=original, actor=finance_controller, reason="Fout")
    original.refresh_from_db()
    assert original.status == Status.ACCEPTED and Contribution.objects.count() == 1
    reopen_period(lock=lock, actor=finance_controller, reason="Correctie partner A")
    assert reverse_contribution(entry=original, actor=finance_controller, reason="Fout").amount == -original.amount


# Closed periods ------------------------------------------------------------------------------------------------


@pytest.fixture
def q1_closed(ledger, finance_controller):
    return close_period(centre=ledger, actor=finance_controller, span=PeriodLock.Span.QUARTER, year=2025, quarter=1)


def test_period_bounds():
    assert period_bounds(PeriodLock.Span.YEAR, 2025) == (date(2025, 1, 1), date(2025, 12, 31))
    assert period_bounds(PeriodLock.Span.QUARTER, 2025, 1) == (date(2025, 1, 1), date(2025, 3, 31))
    assert period_bounds(PeriodLock.Span.QUARTER, 2024, 4) == (date(2024, 10, 1), date(2024, 12, 31))


def test_a_closed_period_takes_no_new_entries(q1_closed, partner_a, partner_a_contact):
    with pytest.raises(LedgerError, match="1 January 2025 – 31 March 2025 is closed"):
        create_contribution(partnership=partner_a, actor=partner_a_contact, data=hours(day=date(2025, 3, 31)))
    assert create_contribution(partnership=partner_a, actor=partner_a_contact, data=hours(day=date(2025, 4, 1)))


def test_a_closed_period_takes_no_edits_in_or_into_it(ledger, partner_a, partner_a_contact, finance_controller):
    inside = create_contribution(partnership=partner_a, actor=partner_a_contact, data=hours(day=date(2025, 2, 1)))
    outside = create_contribution(partnership=partner_a, actor=partner_a_contact, data=hours(day=date(2025, 4, 1)))
    close_period(centre=ledger, actor=finance_controller, span=PeriodLock.Span.QUARTER, year=2025, quarter=1)
    with pytest.raises(LedgerError, match="is closed"):
        update_contribution(entry=inside, actor=partner_a_contact, data=hours(day=date(2025, 4, 2)))
    with pytest.raises(LedgerError, match="is closed"):
        update_contribution(entry=outside, actor=partner_a_contact, data=hours(day=date(2025, 3, 1)))
    with pytest.raises(LedgerError, match="is closed"):
        submit_contribution(entry=inside, actor=partner_a_contact)


def test_a_closed_period_accepts_nothing(ledger, partner_a, partner_a_contact, partner_a_signatory,
                                         finance_controller):
    entry = approve_contribution(entry=submitted(partner_a, partner_a_contact), actor=partner_a_signatory)
    close_period(centre=ledger, actor=finance_controller, span=PeriodLock.Span.YEAR, year=2025)
    with pytest.raises(LedgerError, match="is closed"):
        accept_contribution(entry=entry, actor=finance_controller)
    entry.refresh_from_db()
    assert entry.status == Status.APPROVED and entry.chain_index is None


@pytest.mark.parametrize("persona", ["programme_manager", "centre_admin", "partner_a_signatory"])
def test_only_the_finance_controller_closes_a_period(ledger, request, persona):
    with pytest.raises(LedgerError, match="Only the finance controller closes"):
        close_period(centre=ledger, actor=request.getfixturevalue(persona), span="year", year=2025)
    assert not PeriodLock.objects.exists()


@pytest.mark.parametrize(("span", "quarter"), [("quarter", None), ("quarter", 5), ("quarter", 0), ("month", 1)])
def test_closing_needs_a_year_or_a_quarter_from_1_to_4(ledger, finance_controller, span, quarter):
    with pytest.raises(LedgerError, match="Choose a year, or a quarter from 1 to 4"):
        close_period(centre=ledger, actor=finance_controller, span=span, year=2025, quarter=quarter)
    assert not PeriodLock.objects.exists()


def test_a_closed_period_cannot_be_closed_again(q1_closed, ledger, finance_controller):
    with pytest.raises(LedgerError, match="already closed"):
        close_period(centre=ledger, actor=finance_controller, span="quarter", year=2025, quarter=1)


def test_reopening_needs_the_finance_controller_and_a_reason_and_is_recorded(q1_closed, partner_a,
                                                                             partner_a_contact, finance_controller,
                                                                             programme_manager):
    with pytest.raises(LedgerError, match="Only the finance controller reopens"):
        reopen_period(lock=q1_closed, actor=programme_manager, reason="Correctie")
    with pytest.raises(LedgerError, match="Give a reason"):
        reopen_period(lock=q1_closed, actor=finance_controller, reason=" ")
    lock = reopen_period(lock=q1_closed, actor=finance_controller, reason="Late uren van partner A")
    assert (lock.reopened_by, lock.reopen_reason, lock.is_closed) == (finance_controller, "Late uren van partner A",
                                                                      False)
    audit = AuditEvent.objects.get(action="period_reopened")
    assert audit.actor == finance_controller and audit.changes == {"reason": "Late uren van partner A"}
    assert create_contribution(partnership=partner_a, actor=partner_a_contact, data=hours(day=date(2025, 3, 1)))
    with pytest.raises(LedgerError, match="already open"):
        reopen_period(lock=lock, actor=finance_controller, reason="Nog eens")


def test_a_reopened_period_can_be_closed_again(q1_closed, ledger, finance_controller):
    reopen_period(lock=q1_closed, actor=finance_controller, reason="Correctie")
    again = close_period(centre=ledger, actor=finance_controller, span="quarter", year=2025, quarter=1)
    assert again.pk != q1_closed.pk and PeriodLock.objects.count() == 2
