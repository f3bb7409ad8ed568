"""The programme's services: the office plans, partners record their own figures, bad input writes nothing."""

from datetime import date
from decimal import Decimal

import pytest

from civhub.core.models import AuditEvent
from civhub.programme.errors import ProgrammeError
from civhub.programme.models import Activity, Kpi, KpiActual, KpiTarget, Milestone
from civhub.programme.services.kpis import (
    ActualData,
    KpiData,
    create_kpi,
    delete_actual,
    record_actual,
    set_targets,
    update_actual,
)
from civhub.programme.services.work import (
    ActivityData,
    MilestoneData,
    create_activity,
    create_milestone,
    update_activity,
)
from tests.programme.support import activity, actual, kpi, programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def line(centre):
    return programme(centre)[1]


def test_the_office_adds_an_activity_with_owners_and_an_audit_row(line, programme_manager, partner_a):
    made = create_activity(line=line, actor=programme_manager, data=ActivityData(
        title="Module GMP", start=date(2024, 9, 1), end=date(2025, 6, 30), owners=[partner_a]))

    assert list(made.owners.all()) == [partner_a]
    assert AuditEvent.objects.filter(action="activity_created", target_id=str(made.pk)).exists()


def test_an_end_before_the_start_is_refused_and_nothing_written(line, programme_manager):
    with pytest.raises(ProgrammeError, match="end date lies before the start date") as error:
        create_activity(line=line, actor=programme_manager,
                        data=ActivityData(title="Module GMP", start=date(2025, 9, 1), end=date(2025, 6, 30)))
    assert error.value.field == "end"
    assert not Activity.objects.exists()
    assert not AuditEvent.objects.exists()


def test_an_edit_with_the_end_before_the_start_changes_nothing(line, programme_manager):
    made = activity(line, start=date(2024, 2, 1))
    with pytest.raises(ProgrammeError):
        update_activity(activity=made, actor=programme_manager,
                        data=ActivityData(title="Anders", start=date(2024, 2, 1), end=date(2024, 1, 1)))
    made.refresh_from_db()
    assert made.title == "Module analytische chemie"


def test_a_partner_cannot_plan_activities(line, partner_a_contact):
    with pytest.raises(ProgrammeError, match="Only the programme office"):
        create_activity(line=line, actor=partner_a_contact, data=ActivityData(title="X", start=date(2024, 1, 1)))


def test_a_milestone_reached_late_needs_an_explanation(line, programme_manager):
    late = MilestoneData(title="Catalogus online", due_date=date(2024, 12, 31), done_date=date(2025, 2, 1))
    with pytest.raises(ProgrammeError, match="explain why") as error:
        create_milestone(line=line, actor=programme_manager, data=late)
    assert error.value.field == "explanation"
    late.explanation = "Een partner leverde zijn aanbod later aan."
    assert create_milestone(line=line, actor=programme_manager, data=late).explanation
    assert Milestone.objects.count() == 1


def test_a_negative_baseline_or_target_is_refused(line, programme_manager):
    with pytest.raises(ProgrammeError, match="baseline cannot be negative"):
        create_kpi(line=line, actor=programme_manager, data=KpiData(name="K", unit="x", baseline=Decimal("-1")))
    with pytest.raises(ProgrammeError, match="target cannot be negative"):
        create_kpi(line=line, actor=programme_manager, data=KpiData(name="K", unit="x", target_year4=Decimal("-5")))
    assert not Kpi.objects.exists()


def test_targets_outside_the_grant_or_negative_are_refused_all_or_nothing(line, programme_manager):
    row = kpi(line)
    with pytest.raises(ProgrammeError, match="2029 is not a year of the grant"):
        set_targets(kpi=row, actor=programme_manager, targets={2025: Decimal("10"), 2029: Decimal("40")})
    with pytest.raises(ProgrammeError, match="target cannot be negative"):
        set_targets(kpi=row, actor=programme_manager, targets={2025: Decimal("10"), 2026: Decimal("-1")})
    assert not KpiTarget.objects.exists()

    set_targets(kpi=row, actor=programme_manager, targets={2025: Decimal("10"), 2026: Decimal("30")})
    set_targets(kpi=row, actor=programme_manager, targets={2025: None, 2026: Decimal("35")})
    assert dict(KpiTarget.objects.values_list("year", "target")) == {2026: Decimal("35")}


@pytest.mark.parametrize(("day", "value", "message"), [
    (date(2023, 12, 31), "5", "outside the grant period"),
    (date(2030, 1, 1), "5", "in the future"),
    (date(2025, 3, 1), "-1", "cannot be negative"),
])
def test_a_bad_actual_is_refused_and_nothing_written(line, programme_manager, day, value, message):
    with pytest.raises(ProgrammeError, match=message):
        record_actual(kpi=kpi(line), actor=programme_manager,
                      data=ActualData(date=day, value=Decimal(value), source="Telling"))
    assert not KpiActual.objects.exists()


def test_a_partner_records_for_its_own_partnership_only(line, partner_a_contact, partner_a, partner_b):
    row = kpi(line)
    with pytest.raises(ProgrammeError, match="your own organisation"):
        record_actual(kpi=row, actor=partner_a_contact,
                      data=ActualData(date=date(2025, 3, 1), value=Decimal("4"), source="Telling",
                                      partnership=partner_b))
    recorded = record_actual(kpi=row, actor=partner_a_contact, data=ActualData(
        date=date(2025, 3, 1), value=Decimal("4"), source="Telling", partnership=partner_a))
    assert recorded.recorded_by == partner_a_contact


def test_a_partner_changes_only_its_own_actuals(line, partner_a_contact, partner_a, partner_b):
    row = kpi(line)
    theirs = actual(row, date(2025, 3, 1), 4, partnership=partner_b)
    own = actual(row, date(2025, 3, 1), 4, partnership=partner_a)
    with pytest.raises(ProgrammeError, match="own organisation"):
        delete_actual(actual=theirs, actor=partner_a_contact)
    update_actual(actual=own, actor=partner_a_contact, data=ActualData(
        date=date(2025, 4, 1), value=Decimal("6"), source="Telling", partnership=partner_a))
    own.refresh_from_db()
    assert own.value == Decimal("6.00")
    delete_actual(actual=own, actor=partner_a_contact)
    assert list(KpiActual.objects.all()) == [theirs]
    assert AuditEvent.objects.filter(action="kpi_actual_deleted").count() == 1
