"""Recording subsidy expenditure (services.expenditure): what is recorded, what is refused and why."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from civhub.core.models import AuditEvent
from civhub.grants.errors import GrantError
from civhub.grants.models import Expenditure
from civhub.grants.services.expenditure import ExpenditureData, record_expenditure
from civhub.ledger.models import PeriodLock
from tests.factories import ProgrammeLineFactory
from tests.grants.support import grant_with_lines, spend

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


@pytest.fixture
def grant(centre):
    return grant_with_lines(centre)


def data(grant=None, **fields) -> ExpenditureData:
    values = {"date": date(2025, 3, 15), "category": "personnel", "amount": Decimal("4250.00"),
              "description": "Salaris programmamanager maart", "extern_id": ""}
    values.update(fields)
    return ExpenditureData(**values)


def test_expenditure_is_recorded_and_audited(grant, finance_controller):
    line = grant.centre.programme_lines.get(number=1)
    entry = record_expenditure(grant=grant, actor=finance_controller,
                               data=data(programme_line=line, extern_id=" fin-001 "))
    assert (entry.amount, entry.programme_line, entry.extern_id, entry.entered_by) == (
        Decimal("4250.00"), line, "fin-001", finance_controller)
    event = AuditEvent.objects.get(action="expenditure_recorded")
    assert (event.target_id, event.centre, event.changes["amount"]) == (str(entry.pk), grant.centre, "4250.00")


def test_a_negative_amount_corrects_an_earlier_entry(grant, finance_controller):
    spend(grant, amount="4250.00")
    record_expenditure(grant=grant, actor=finance_controller,
                       data=data(amount=Decimal("-4250.00"), description="Correctie van dubbele boeking"))
    assert sum(Expenditure.objects.values_list("amount", flat=True)) == 0


def test_expenditure_with_zero_amount_is_refused(grant, finance_controller):
    with pytest.raises(GrantError, match="may not be zero"):
        record_expenditure(grant=grant, actor=finance_controller, data=data(amount=Decimal("0")))


def test_expenditure_with_more_than_two_decimals_is_refused(grant, finance_controller):
    with pytest.raises(GrantError, match="At most 2 decimals"):
        record_expenditure(grant=grant, actor=finance_controller, data=data(amount=Decimal("1.234")))


def test_expenditure_before_the_grant_is_refused(grant, finance_controller):
    with pytest.raises(GrantError, match="outside the grant period"):
        record_expenditure(grant=grant, actor=finance_controller, data=data(date=date(2024, 12, 31)))


def test_expenditure_in_the_future_is_refused(grant, finance_controller):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(GrantError, match="in the future"):
        record_expenditure(grant=grant, actor=finance_controller, data=data(date=tomorrow))


def test_expenditure_in_a_closed_period_is_refused(grant, finance_controller):
    PeriodLock.objects.create(centre=grant.centre, span=PeriodLock.Span.YEAR, starts_on=date(2025, 1, 1),
                              ends_on=date(2025, 12, 31), closed_by=finance_controller)
    with pytest.raises(GrantError, match="The period 1 January 2025 – 31 December 2025 is closed"):
        record_expenditure(grant=grant, actor=finance_controller, data=data())


def test_expenditure_with_unknown_category_is_refused(grant, finance_controller):
    with pytest.raises(GrantError, match="Unknown cost category"):
        record_expenditure(grant=grant, actor=finance_controller, data=data(category="travel"))


def test_expenditure_on_another_centres_programme_line_is_refused(grant, finance_controller, other_centre):
    line = ProgrammeLineFactory(centre=other_centre, number=1)
    with pytest.raises(GrantError, match="belongs to another centre"):
        record_expenditure(grant=grant, actor=finance_controller, data=data(programme_line=line))


def test_expenditure_without_description_is_refused(grant, finance_controller):
    with pytest.raises(GrantError, match="description of 1 to 500 characters"):
        record_expenditure(grant=grant, actor=finance_controller, data=data(description="   "))


def test_expenditure_with_a_used_extern_id_is_refused(grant, finance_controller):
    spend(grant, extern_id="fin-001")
    with pytest.raises(GrantError, match="extern_id is already used"):
        record_expenditure(grant=grant, actor=finance_controller, data=data(extern_id="fin-001"))


def test_the_same_extern_id_in_another_grant_is_fine(grant, finance_controller, other_centre):
    spend(grant_with_lines(other_centre), extern_id="fin-001")
    assert record_expenditure(grant=grant, actor=finance_controller, data=data(extern_id="fin-001")).pk


def test_only_the_finance_controller_records_expenditure(grant, programme_manager):
    with pytest.raises(GrantError, match="Only the finance controller"):
        record_expenditure(grant=grant, actor=programme_manager, data=data())
    assert not Expenditure.objects.exists()
