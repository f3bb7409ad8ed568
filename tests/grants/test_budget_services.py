"""Budget revisions and the current version (services.budget): what is saved, what is refused and why."""

from decimal import Decimal

import pytest
from django.utils import translation

from civhub.core.models import AuditEvent
from civhub.grants.errors import GrantError
from civhub.grants.models import BudgetVersion
from civhub.grants.services.budget import Cell, RevisionRefused, make_current, revise_budget
from tests.concurrency import POSTGRES_ONLY, at_once
from tests.grants.support import add_version, grant_with_budget

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


@pytest.fixture
def grant(centre):
    return grant_with_budget(centre)


def cell(year=2025, line=1, category="personnel", source="subsidy", amount="1000.00"):
    return Cell(year, line, category, source, Decimal(amount))


# These small test budgets break the regulation's rules (grants/rules.py, tested in test_budget_rules.py):
# the revisions here say why, as a finance controller would.
DEVIATION = "Testbegroting"


def revise(grant, actor, cells, *, name="Herziening 2025", reason="Stuurgroep 12 maart", deviation=DEVIATION):
    return revise_budget(grant=grant, actor=actor, base=grant.budget_versions.get(number=1), name=name,
                         reason=reason, cells=cells, deviation_reason=deviation)


def test_revision_is_a_new_version_with_every_cell_not_yet_current(grant, finance_controller):
    version = revise(grant, finance_controller, [cell(), cell(year=2026, line=None, amount="250.50")])
    assert (version.number, version.is_current, version.created_by) == (2, False, finance_controller)
    assert sorted((line.year, line.amount) for line in version.lines.all()) == [
        (2025, Decimal("1000.00")), (2026, Decimal("250.50"))]
    assert grant.budget_versions.get(number=1).is_current


def test_revision_is_audited_with_its_base_reason_and_total(grant, finance_controller):
    version = revise(grant, finance_controller, [cell(amount="1000.00"), cell(source="cash", amount="500.00")])
    event = AuditEvent.objects.get(action="budget_revised")
    assert (event.target_id, event.actor, event.centre) == (str(version.pk), finance_controller, grant.centre)
    assert event.changes == {"base": 1, "reason": "Stuurgroep 12 maart", "cells": 2, "total": "1500.00",
                             "rules_broken": ["subsidy_share", "subsidy_award", "employers"],
                             "deviation_reason": "Testbegroting"}
    assert "version 2" in event.summary


def test_revisions_are_numbered_in_turn(grant, finance_controller):
    revise(grant, finance_controller, [cell()])
    assert revise(grant, finance_controller, [cell()]).number == 3


def test_revision_with_negative_amount_is_refused(grant, finance_controller):
    with pytest.raises(RevisionRefused, match="negative") as refused:
        revise(grant, finance_controller, [cell(), cell(category="lab", amount="-5.00")])
    assert refused.value.problems[0].startswith("Cell 2 (2025, line 1, lab, subsidy)")
    assert not BudgetVersion.objects.filter(number=2).exists()


def test_revision_with_unknown_programme_line_is_refused(grant, finance_controller):
    with pytest.raises(RevisionRefused, match="unknown programme line; this centre has lines 1, 2"):
        revise(grant, finance_controller, [cell(line=7)])


def test_revision_with_unknown_category_is_refused(grant, finance_controller):
    with pytest.raises(RevisionRefused, match="unknown cost category"):
        revise(grant, finance_controller, [cell(category="travel")])


def test_revision_with_unknown_source_is_refused(grant, finance_controller):
    with pytest.raises(RevisionRefused, match="unknown source"):
        revise(grant, finance_controller, [cell(source="loan")])


def test_revision_with_year_outside_the_grant_is_refused(grant, finance_controller):
    with pytest.raises(RevisionRefused, match=r"the year lies outside the grant \(2025–2028\)"):
        revise(grant, finance_controller, [cell(year=2029)])


def test_revision_with_the_same_cell_twice_is_refused(grant, finance_controller):
    with pytest.raises(RevisionRefused, match="cell 1 has the same year, programme line, category and source"):
        revise(grant, finance_controller, [cell(), cell(amount="5.00")])


def test_revision_with_more_than_two_decimals_is_refused(grant, finance_controller):
    with pytest.raises(RevisionRefused, match="more than 2 decimals"):
        revise(grant, finance_controller, [cell(amount="10.005")])


def test_revision_lists_every_problem(grant, finance_controller):
    with pytest.raises(RevisionRefused) as refused:
        revise(grant, finance_controller, [cell(amount="-1.00"), cell(year=2030, line=9)])
    assert len(refused.value.problems) == 3


def test_revision_needs_a_name_and_a_reason(grant, finance_controller):
    with pytest.raises(GrantError, match="a name and a reason"):
        revise(grant, finance_controller, [cell()], reason="  ")


def test_only_the_finance_controller_revises(grant, programme_manager):
    with pytest.raises(GrantError, match="Only the finance controller"):
        revise(grant, programme_manager, [cell()])


def test_a_zero_amount_is_kept(grant, finance_controller):
    version = revise(grant, finance_controller, [cell(amount="0")])
    assert version.lines.get().amount == Decimal("0.00")


# Making a version current ------------------------------------------------------------------------


def test_make_current_switches_the_one_current_version_and_is_audited(grant, finance_controller):
    version = add_version(grant, 2, [(2025, 1, "personnel", "subsidy", "1.00")])
    make_current(version=version, actor=finance_controller)
    assert list(grant.budget_versions.filter(is_current=True).values_list("number", flat=True)) == [2]
    event = AuditEvent.objects.get(action="budget_made_current")
    assert (event.target_id, event.changes) == (str(version.pk), {"is_current": [1, 2]})


def test_make_current_of_the_current_version_is_refused(grant, finance_controller):
    with pytest.raises(GrantError, match="already the current budget"):
        make_current(version=grant.budget_versions.get(number=1), actor=finance_controller)


def test_a_stale_click_on_make_current_is_refused(grant, finance_controller):
    """Two people pressed the button on the same page: the second finds the version current already."""
    version = add_version(grant, 2, [])
    stale = BudgetVersion.objects.get(pk=version.pk)
    make_current(version=version, actor=finance_controller)
    with pytest.raises(GrantError, match="already the current budget"):
        make_current(version=stale, actor=finance_controller)
    assert grant.budget_versions.filter(is_current=True).count() == 1


@pytest.mark.django_db(transaction=True)
@POSTGRES_ONLY
def test_two_versions_made_current_at_once_leave_exactly_one_current(grant, finance_controller):
    """Two finance people press "make current" on two different versions at the same moment."""
    versions = [add_version(grant, number, []) for number in (2, 3)]

    def press(version):
        with translation.override("en"):
            make_current(version=version, actor=finance_controller)

    assert at_once(press, versions) == []  # both switches ran, one after the other
    assert grant.budget_versions.filter(is_current=True).count() == 1
    assert AuditEvent.objects.filter(action="budget_made_current").count() == 2


def test_only_the_finance_controller_makes_a_version_current(grant, steering_member):
    with pytest.raises(GrantError, match="Only the finance controller"):
        make_current(version=add_version(grant, 2, []), actor=steering_member)
