"""The award: the application becomes the grant (budget version 1, pledges, report calendar), hand-computed; a
partial award scales the budget exactly to the cent; refused twice and for an application not submitted."""

from datetime import date
from decimal import Decimal as D

import pytest

from civhub.applications.errors import ApplicationError
from civhub.applications.models import (
    Application,
    Award,
    AwardScaling,
    BudgetCategory,
    FrozenRecordError,
)
from civhub.applications.services.award import award_application, distribute, plan_award
from civhub.applications.services.submission import submit_application
from civhub.core.models import AuditEvent, Grant
from civhub.grants.models import BudgetVersion
from civhub.grants.schedule import report_deadlines
from civhub.ledger.models import Pledge
from tests.applications.support import (
    application,
    cost,
    partner_cash,
    partner_in_kind,
    ready,
    regulation,
    submitted_with,
    subsidy,
)

pytestmark = pytest.mark.django_db
DECISION = date(2021, 11, 15)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def submitted(centre, partner_a, partner_b, programme_manager):
    """2022–2025: subsidy 300,000 (2022), Partner A lab in kind 450,000 (2022), Partner B cash 150,000 (2023),
    costs 450,000 (2022, other), all under a round with progress reports at 13, 25 and 37 months."""
    made = ready(application(centre, regulation=regulation(report_due_months=[13, 25, 37])), partner_a, partner_b)
    submit_application(application=made, actor=programme_manager)
    made.refresh_from_db()
    return made


def award(made, actor, amount="300000.00", reference="RIF21-0042", scaling=AwardScaling.PROPORTIONAL):
    return award_application(application=made, actor=actor, amount_granted=D(amount), decision_date=DECISION,
                             decision_reference=reference, scaling=scaling)


def plan(made, amount, scaling):
    return plan_award(made, amount_granted=D(amount), decision_date=DECISION, decision_reference="RIF21-0042",
                      scaling=scaling)


def amounts(found):
    return [(line.line.year, line.line.side, line.line.description, line.amount) for line in found.lines]


def cells(grant):
    version = grant.budget_versions.get()
    return sorted((line.year, line.category, line.source, line.amount) for line in version.lines.all())


def test_distribute_puts_the_remainder_on_the_largest_line():
    assert distribute(D("100.00"), [D("1"), D("1"), D("1")]) == [D("33.34"), D("33.33"), D("33.33")]
    assert distribute(D("10.00"), [D("1"), D("3")]) == [D("2.50"), D("7.50")]
    # 5 cents over 2:5:3 is 1, 2.5 → 3 and 1.5 → 2 cents: one too many, taken off the largest.
    assert distribute(D("0.05"), [D("2"), D("5"), D("3")]) == [D("0.01"), D("0.02"), D("0.02")]


def test_the_award_makes_the_grant_budget_version_1_the_pledges_and_the_calendar(
        submitted, centre, partner_a, partner_b, programme_manager):
    made = award(submitted, programme_manager)
    grant = made.grant
    assert (grant.centre, grant.scheme, grant.amount, grant.decision_reference, grant.decision_date) == (
        centre, "RIF", D("300000.00"), "RIF21-0042", DECISION)
    assert (grant.start, grant.end, grant.fixed_hourly_rate, grant.report_due_months) == (
        date(2022, 1, 1), date(2025, 12, 31), D("73.00"), [13, 25, 37])
    assert (grant.employer_share_min, grant.regulation) == (submitted.regulation.employer_share_min,
                                                           submitted.regulation)
    version = BudgetVersion.objects.get(grant=grant)
    assert (version.number, version.is_current) == (1, True)
    assert cells(grant) == [(2022, "lab", "in_kind", D("450000.00")), (2022, "other", "subsidy", D("300000.00")),
                            (2023, "other", "cash", D("150000.00"))]
    assert sorted(Pledge.objects.values_list("partnership__short_code", "year", "kind", "amount")) == [
        ("partner-a", 2022, "lab", D("450000.00")), ("partner-b", 2023, "cash", D("150000.00"))]
    assert [(report.kind, report.due) for report in report_deadlines(grant)][:3] == [
        ("progress", date(2023, 2, 1)), ("annual", date(2023, 7, 1)), ("progress", date(2024, 2, 1))]
    submitted.refresh_from_db()
    assert submitted.status == Application.Status.AWARDED and not made.scaled
    assert AuditEvent.objects.filter(action="application_awarded", actor=programme_manager).count() == 1
    assert AuditEvent.objects.filter(action="grant_created_from_application").get().target_id == str(grant.pk)


def test_a_partial_award_scales_every_line_exact_to_the_cent(submitted, programme_manager):
    """Granted 299,999.99 of 300,000.00: a factor of 29,999,999/30,000,000. The partners' 600,000.00 go to
    599,999.98: 450,000 × f = 449,999.985 → 449,999.99 and 150,000 × f = 149,999.995 → 150,000.00 add up to
    599,999.99, so the cent too many comes off the largest line: 449,999.98. The costs keep income equal to
    costs: 299,999.99 + 599,999.98 − 449,999.98 in kind = 449,999.99."""
    plan = plan_award(submitted, amount_granted=D("299999.99"), decision_date=DECISION,
                      decision_reference="RIF21-0042")
    assert plan.scaled and plan.factor_percent == D("100.00")
    amounts = {(line.line.side, line.line.description, line.line.amount): line.amount for line in plan.lines}
    assert sorted(amounts.values()) == [D("150000.00"), D("299999.99"), D("449999.98"), D("449999.99")]
    assert (plan.income_after, plan.costs_after) == (D("899999.97"), D("899999.97"))
    made = award(submitted, programme_manager, amount="299999.99")
    assert made.scaled and made.grant.amount == D("299999.99")
    assert cells(made.grant) == [(2022, "lab", "in_kind", D("449999.98")), (2022, "other", "subsidy",
                                                                          D("299999.99")),
                                 (2023, "other", "cash", D("150000.00"))]
    assert sorted(Pledge.objects.values_list("kind", "amount")) == [("cash", D("150000.00")),
                                                                    ("lab", D("449999.98"))]


def test_two_thirds_granted_scales_the_budget_to_two_thirds(submitted, programme_manager):
    made = award(submitted, programme_manager, amount="200000.00")
    assert cells(made.grant) == [(2022, "lab", "in_kind", D("300000.00")), (2022, "other", "subsidy",
                                                                          D("200000.00")),
                                 (2023, "other", "cash", D("100000.00"))]


def test_the_award_is_refused_twice_and_for_a_draft(submitted, centre, programme_manager):
    award(submitted, programme_manager)
    with pytest.raises(ApplicationError, match="already been awarded"):
        award(submitted, programme_manager)
    with pytest.raises(ApplicationError, match="Only a submitted application"):
        award(application(centre, title="Opschaling", start=date(2026, 1, 1), end=date(2027, 12, 31)),
              programme_manager)
    assert Grant.objects.count() == 1


@pytest.mark.parametrize(("amount", "reference", "message"), [
    ("300000.01", "RIF21-0042", "more than the subsidy asked"),
    ("0.00", "RIF21-0042", "more than EUR 0"),
    ("300000.00", "  ", "reference of the award decision"),
])
def test_the_award_refuses_a_bad_decision(submitted, programme_manager, amount, reference, message):
    with pytest.raises(ApplicationError, match=message):
        award(submitted, programme_manager, amount=amount, reference=reference)
    assert not Grant.objects.exists() and not Pledge.objects.exists()


def test_existing_pledges_refuse_the_award_whole(submitted, partner_a, programme_manager):
    Pledge.objects.create(partnership=partner_a, year=2022, kind="lab", amount=D("1.00"))
    with pytest.raises(ApplicationError, match="Partner A BV 2022"):
        award(submitted, programme_manager)
    assert not Grant.objects.exists() and Pledge.objects.count() == 1


def test_a_steering_member_cannot_award(submitted, steering_member):
    with pytest.raises(ApplicationError):
        award(submitted, steering_member)


def test_the_award_never_changes(submitted, programme_manager):
    made = award(submitted, programme_manager)
    made.amount_granted = D("1.00")
    with pytest.raises(FrozenRecordError):
        made.save()
    assert Award.objects.get().amount_granted == D("300000.00")


# The office's choice of how a partial award scales the budget ----------------------------------------------------


@pytest.fixture
def two_years(centre, partner_a, partner_b, programme_manager):
    """EUR 900,000.00: subsidy 200,000 (2022) + 100,000 (2023), Partner A (employer) lab in kind 450,000 (2022),
    Partner B (government) cash 150,000 (2023); costs 300,000 (2022, other) + 150,000 (2023, materials)."""
    def build(made):
        subsidy(made, 2022, "200000.00", description="Subsidie 2022")
        subsidy(made, 2023, "100000.00", description="Subsidie 2023")
        partner_in_kind(made, partner_a, 2022, "450000.00", description="Lab")
        partner_cash(made, partner_b, 2023, "150000.00", description="Bijdrage")
        cost(made, 2022, 1, "300000.00", description="Kosten 2022")
        cost(made, 2023, 1, "150000.00", category=BudgetCategory.MATERIALS, description="Kosten 2023")
    return submitted_with(centre, partner_a, partner_b, programme_manager, build)


def test_in_proportion_every_line_goes_down_by_the_same_share(two_years):
    """Granted 240,000.00 of 300,000.00 asked: every line × 0.8; co-financing 480,000 to 240,000 subsidy, 2 : 1."""
    found = plan(two_years, "240000.00", AwardScaling.PROPORTIONAL)
    assert amounts(found) == [
        (2022, "income", "Subsidie 2022", D("160000.00")), (2023, "income", "Subsidie 2023", D("80000.00")),
        (2022, "income", "Lab", D("360000.00")), (2023, "income", "Bijdrage", D("120000.00")),
        (2022, "cost", "Kosten 2022", D("240000.00")), (2023, "cost", "Kosten 2023", D("120000.00"))]
    assert (found.figures.subsidy, found.figures.cofinancing, found.ratio) == (D("240000.00"), D("480000.00"),
                                                                              D("2.00"))
    assert (found.income_after, found.costs_after) == (D("720000.00"), D("720000.00"))
    assert all(check.ok for check in found.checks if check.code != "subsidy_range") and not found.broken


def test_keeping_the_partners_reduces_the_subsidy_and_its_costs_by_the_same_amount(two_years, programme_manager):
    """Granted 240,000.00: the subsidy 160,000 + 80,000 (its lines × 0.8); the partners' 450,000 and 150,000 stay;
    the costs go down by the 60,000.00 the subsidy did, 2 : 1 over their lines: 300,000 − 40,000 = 260,000 and
    150,000 − 20,000 = 130,000. Income 840,000 = costs 390,000 + 450,000 in kind; co-financing 600,000 to 240,000
    subsidy is 2.50; employers 450,000 ≤ two thirds of 840,000 (560,000)."""
    found = plan(two_years, "240000.00", AwardScaling.KEEP_PARTNERS)
    assert amounts(found) == [
        (2022, "income", "Subsidie 2022", D("160000.00")), (2023, "income", "Subsidie 2023", D("80000.00")),
        (2022, "income", "Lab", D("450000.00")), (2023, "income", "Bijdrage", D("150000.00")),
        (2022, "cost", "Kosten 2022", D("260000.00")), (2023, "cost", "Kosten 2023", D("130000.00"))]
    assert (found.figures.subsidy, found.figures.cofinancing, found.ratio) == (D("240000.00"), D("600000.00"),
                                                                              D("2.50"))
    assert (found.income_after, found.costs_after) == (D("840000.00"), D("840000.00"))
    assert not found.broken
    made = award(two_years, programme_manager, amount="240000.00", scaling=AwardScaling.KEEP_PARTNERS)
    assert (made.scaled, made.scaling) == (True, AwardScaling.KEEP_PARTNERS)
    # The pledges are the application's partner lines unchanged.
    assert sorted(Pledge.objects.values_list("partnership__short_code", "year", "kind", "amount")) == [
        ("partner-a", 2022, "lab", D("450000.00")), ("partner-b", 2023, "cash", D("150000.00"))]
    assert sum(line.amount for line in made.grant.budget_versions.get().lines.all()) == D("840000.00")
    event = AuditEvent.objects.get(action="application_awarded")
    assert (event.changes["scaling"], event.changes["budget_total"]) == ("keep_partners", "840000.00")
    assert "keep the partners' contributions" in made.grant.budget_versions.get().reason


def test_in_proportion_is_recorded_by_default(submitted, programme_manager):
    made = award(submitted, programme_manager, amount="240000.00")
    assert made.scaling == AwardScaling.PROPORTIONAL
    assert AuditEvent.objects.get(action="application_awarded").changes["scaling"] == "proportional"


def test_the_full_subsidy_granted_is_recorded_in_proportion_whatever_was_chosen(submitted, programme_manager):
    made = award(submitted, programme_manager, scaling=AwardScaling.KEEP_PARTNERS)
    assert (made.scaled, made.scaling) == (False, AwardScaling.PROPORTIONAL)


def test_keeping_the_partners_is_refused_when_employers_exceed_two_thirds(centre, partner_a, partner_b,
                                                                           programme_manager):
    """EUR 900,000.00: subsidy 300,000, employers 590,000 in kind, government 10,000 cash, costs 310,000. Granted
    240,000.00 and the partners kept: the budget is 840,000, two thirds of it 560,000, and employers bring 590,000:
    30,000.00 too much. In proportion employers bring 472,000 of 720,000 (two thirds is 480,000): it holds."""
    def build(made):
        subsidy(made, 2022, "300000.00")
        partner_in_kind(made, partner_a, 2022, "590000.00")
        partner_cash(made, partner_b, 2023, "10000.00")
        cost(made, 2022, 1, "310000.00")
    made = submitted_with(centre, partner_a, partner_b, programme_manager, build)
    kept = plan(made, "240000.00", AwardScaling.KEEP_PARTNERS)
    assert [check.code for check in kept.broken] == ["employers"]
    assert kept.broken[0].message == ("Employers bring EUR 30,000.00 too much: EUR 590,000.00, and at most two "
                                      "thirds of the budget is EUR 560,000.00; what is above it does not count.")
    with pytest.raises(ApplicationError, match="30,000.00 too much") as refused:
        award(made, programme_manager, amount="240000.00", scaling=AwardScaling.KEEP_PARTNERS)
    assert refused.value.field == "scaling"
    assert not Grant.objects.exists() and not Pledge.objects.exists()
    in_proportion = plan(made, "240000.00", AwardScaling.PROPORTIONAL)
    assert not in_proportion.broken and in_proportion.figures.employers == D("472000.00")
    assert award(made, programme_manager, amount="240000.00").scaling == AwardScaling.PROPORTIONAL


def test_an_unknown_way_of_scaling_is_refused(submitted):
    with pytest.raises(ApplicationError, match="Choose how the budget is scaled"):
        plan(submitted, "240000.00", "half")
