"""The award: the funder's decision turns a submitted application into the grant, in one audited transaction.

On award the office records the decision's date, reference and the amount granted, and the application
becomes the grant (`award_application`):

- **the grant** (`core.Grant`): the centre, the round, the amount granted, the decision, the planned
  period; the round's parameters (`core.models.REGULATION_PARAMETERS`: hourly rate, ratio, shares,
  report months, retention) copied from the regulation, as a new grant takes them;
- **budget version 1** (`grants.BudgetVersion`, current), its cells (`grants.BudgetLine`: year, programme
  line, cost category, funding source) from the budget that counts (the lead applicant's own
  contribution and BPV are not part of the grant's budget; they stay in the pledges):
  the counted partners' contributions in kind by their category (`IN_KIND_CATEGORIES` below) and
  programme line; the subsidy and the counted partners' cash of each year spread over that year's cost
  lines (category and programme line) in proportion to them, to the cent (`distribute`), or under
  "other" in a year without cost lines;
- **the pledges** (`ledger.Pledge`, per partner, year and kind): every partner's income lines, the lead
  applicant's and BPV included (the ledger shows them as not counted), by kind (`pledge_kind`): cash is
  `cash`, BPV is `bpv`, lab and equipment in kind is `lab`, staff hours, materials and other in kind go
  to the kind of the programme line they serve (`LINE_KINDS`: line 1 education, line 2 research, line 3
  lifelong learning, the brochure's three lines), without a line (or another) to `organisation`;
- **the partners' co-financing groups** stay as they are: the budget was checked with them;
- **the report calendar** follows from the grant's fields (`grants.schedule.report_deadlines`: progress
  reports `report_due_months` after the start, the final report, the annual accounts); the confirmation
  page shows it.

**A partial award** (granted < asked) scales the budget in the way the office chooses on the confirmation
page (`AwardScaling`, recorded on the `Award` and in the audit record), each amount rounded half up to
the cent with the remainder on the largest line of its group (`distribute`) so the totals are exact:

- **everything in proportion** (the default): every income and cost line × granted ÷ asked, so the
  shares stay the same: the subsidy lines add up to the amount granted; the partners' other income
  (BPV aside) to its scaled total; BPV to its own; the cost lines to what keeps income equal to costs;
- **keep the partners' contributions**: the partners' income lines (cash, in kind and BPV) stay as they
  are, so the pledges are the application's partner lines unchanged; the subsidy lines add up to the
  amount granted; the cost lines (what the subsidy and the partners' cash pay for) go down by as much as
  the subsidy did, spread over them in proportion, so income stays equal to costs.

The confirmation page shows, for the way chosen, the subsidy, the co-financing, their ratio and the
regulation's checks of the scaled budget (`budget_rules.check_budget`); a way that breaks the subsidy's
share, the employers' or the others' shares or the balance is refused with the reason (keeping the
partners may push the employers above two thirds). The round's minimum subsidy and the hourly rate are
shown, not refused: the amount is the funder's decision, and hours keep the value they were submitted with.
The application's own lines do not change (they are frozen with the submitted copy); the scaled figures
go to the grant.

Refused: an application that is not submitted (a draft, or one already awarded), a grant that already
exists for the centre, round and start, pledges that already exist for a partner, year and kind.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from civhub.applications import budget_rules as rules
from civhub.applications.errors import ApplicationError
from civhub.applications.models import (
    Application,
    Award,
    AwardScaling,
    BudgetCategory,
    BudgetLine,
    BudgetSide,
    ContributionForm,
    IncomeSource,
)
from civhub.applications.selectors.budget import off_rate
from civhub.applications.services.applications import ensure_editor
from civhub.core.audit import record_event
from civhub.core.choices import KIND_SHORT, ContributionKind
from civhub.core.formatting import format_date, format_eur
from civhub.core.models import REGULATION_PARAMETERS, Grant
from civhub.grants.models import BudgetLine as GrantBudgetLine
from civhub.grants.models import BudgetVersion, CostCategory, FundingSource
from civhub.grants.schedule import ReportDue, report_deadlines
from civhub.ledger.models import Pledge

ZERO = rules.ZERO
MAX_REFERENCE = 100
# The checks the way of scaling decides: a way that breaks one of them is refused (see the module).
SCALING_CHECKS = ("subsidy_share", "employers", "others", "balance")

# The application's categories as the grant's cost categories (staff hours are personnel).
COST_CATEGORIES = {
    BudgetCategory.HOURS: CostCategory.PERSONNEL, BudgetCategory.LAB: CostCategory.LAB,
    BudgetCategory.MATERIALS: CostCategory.MATERIAL, BudgetCategory.OVERHEAD: CostCategory.OVERHEAD,
    BudgetCategory.OTHER: CostCategory.OTHER,
}
IN_KIND_CATEGORIES = COST_CATEGORIES
# Staff hours, materials and other in kind serve the programme line they name: the brochure's three lines.
LINE_KINDS = {1: ContributionKind.EDUCATION, 2: ContributionKind.RESEARCH, 3: ContributionKind.LIFELONG_LEARNING}


# Exact arithmetic ---------------------------------------------------------------------------------


def _cents(value: Decimal) -> int:
    return int((Decimal(value) * 100).to_integral_value())


def _round_half_up(numerator: int, denominator: int) -> int:
    """numerator ÷ denominator rounded half up (both positive integers)."""
    return (2 * numerator + denominator) // (2 * denominator)


def distribute(target: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """`target` spread over `weights` in proportion, each rounded half up to the cent, the remainder on the largest
    weight (the first of equals), so the parts add up to `target` exactly."""
    if not weights:
        return []
    total = sum(_cents(weight) for weight in weights)
    if total == 0:
        raise ValueError("weights add up to zero")
    target_cents = _cents(target)
    parts = [_round_half_up(target_cents * _cents(weight), total) for weight in weights]
    largest = max(range(len(weights)), key=lambda index: (weights[index], -index))
    parts[largest] += target_cents - sum(parts)
    return [Decimal(part) / 100 for part in parts]


def scaled_total(amount: Decimal, factor: Fraction) -> Decimal:
    """`amount` × `factor`, rounded half up to the cent."""
    return Decimal(_round_half_up(_cents(amount) * factor.numerator, factor.denominator)) / 100


# The plan: what the award will make -----------------------------------------------------------------


@dataclass(frozen=True)
class ScaledLine:
    """A budget line of the application with the amount it goes to the grant with (scaled on a partial award)."""

    line: BudgetLine
    amount: Decimal

    @property
    def group(self) -> str:
        partnership = self.line.partnership
        return rules.income_group(source=self.line.source, category=self.line.category,
                                  cofinancing_group=partnership.cofinancing_group if partnership else None,
                                  is_lead_applicant=bool(partnership and partnership.is_lead_applicant))


@dataclass(frozen=True)
class Cell:
    """A cell of the grant's budget version 1."""

    year: int
    programme_line_id: int | None
    category: str
    source: str
    amount: Decimal


@dataclass(frozen=True)
class PledgePlan:
    partnership: object
    year: int
    kind: str
    amount: Decimal

    @property
    def kind_label(self) -> str:
        return str(KIND_SHORT[ContributionKind(self.kind)])


@dataclass
class AwardPlan:
    """Everything the award makes, shown on the confirmation page before the office confirms."""

    application: Application
    granted: Decimal
    asked: Decimal
    decision_date: date
    decision_reference: str
    scaling: str = AwardScaling.PROPORTIONAL
    lines: list[ScaledLine] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)
    pledges: list[PledgePlan] = field(default_factory=list)
    reports: list[ReportDue] = field(default_factory=list)
    figures: rules.Figures = field(default_factory=rules.Figures)
    checks: list[rules.BudgetCheck] = field(default_factory=list)

    @property
    def scaled(self) -> bool:
        return self.granted != self.asked

    @property
    def factor(self) -> Fraction:
        return Fraction(_cents(self.granted), _cents(self.asked))

    @property
    def factor_percent(self) -> Decimal:
        return (Decimal(_cents(self.granted)) * 100 / Decimal(_cents(self.asked))).quantize(Decimal("0.01"))

    def total(self, side: str, *, scaled: bool = True) -> Decimal:
        """Income or costs (BPV aside), as submitted or as they go to the grant; in-kind income counts as a cost too."""
        lines = [line for line in self.lines if line.line.side == BudgetSide.INCOME and line.group != rules.BPV
                 and (side == BudgetSide.INCOME or line.line.form == ContributionForm.IN_KIND)]
        if side == BudgetSide.COST:
            lines += [line for line in self.lines if line.line.side == BudgetSide.COST]
        return sum(((line.amount if scaled else line.line.amount) for line in lines), ZERO)

    @property
    def income_before(self) -> Decimal:
        return self.total(BudgetSide.INCOME, scaled=False)

    @property
    def income_after(self) -> Decimal:
        return self.total(BudgetSide.INCOME)

    @property
    def costs_before(self) -> Decimal:
        return self.total(BudgetSide.COST, scaled=False)

    @property
    def costs_after(self) -> Decimal:
        return self.total(BudgetSide.COST)

    @property
    def budget_total(self) -> Decimal:
        return sum((cell.amount for cell in self.cells), ZERO)

    @property
    def pledge_total(self) -> Decimal:
        return sum((pledge.amount for pledge in self.pledges), ZERO)

    @property
    def scaling_label(self) -> str:
        return str(AwardScaling(self.scaling).label)

    def _figures(self) -> rules.Figures:
        """The regulation's totals of the budget as it goes to the grant (the scaled lines)."""
        rows = [{"side": scaled.line.side, "source": scaled.line.source, "form": scaled.line.form,
                 "category": scaled.line.category, "amount": scaled.amount,
                 "cofinancing_group": scaled.line.partnership.cofinancing_group if scaled.line.partnership else None,
                 "is_lead_applicant": bool(scaled.line.partnership and scaled.line.partnership.is_lead_applicant)}
                for scaled in self.lines]
        return rules.figures_from_rows(rows, off_rate(self.application))

    @property
    def ratio(self) -> Decimal | None:
        """Co-financing ÷ subsidy of the scaled budget, to two decimals (None without a subsidy)."""
        found = self.figures
        return (found.cofinancing / found.subsidy).quantize(Decimal("0.01")) if found.subsidy else None

    @property
    def broken(self) -> list[rules.BudgetCheck]:
        """The checks this way of scaling breaks (see SCALING_CHECKS): the award is refused while there are any."""
        return [check for check in self.checks if check.code in SCALING_CHECKS and not check.ok]


def _check(application: Application, granted: Decimal, decision_date: date, reference: str) -> Decimal:
    """Refuse what cannot be awarded; returns the subsidy asked."""
    if application.status == Application.Status.AWARDED:
        raise ApplicationError(_("This application has already been awarded."))
    if application.status != Application.Status.SUBMITTED:
        raise ApplicationError(_("Only a submitted application can be awarded: submit it first."))
    asked = application.submitted_copy.subsidy_asked
    if not reference:
        raise ApplicationError(_("Give the reference of the award decision."), field="decision_reference")
    if len(reference) > MAX_REFERENCE:
        raise ApplicationError(_("Keep the reference to at most 100 characters."), field="decision_reference")
    if decision_date > timezone.localdate():
        raise ApplicationError(_("The date of the decision lies in the future."), field="decision_date")
    if granted <= 0:
        raise ApplicationError(_("The amount granted must be more than EUR 0."), field="amount_granted")
    if granted != granted.quantize(Decimal("0.01")):
        raise ApplicationError(_("Give the amount granted in euros and cents."), field="amount_granted")
    if granted > asked:
        raise ApplicationError(_("The amount granted (%(granted)s) is more than the subsidy asked (%(asked)s).")
                               % {"granted": format_eur(granted), "asked": format_eur(asked)},
                               field="amount_granted")
    return asked


def plan_award(application: Application, *, amount_granted: Decimal, decision_date: date,
               decision_reference: str, scaling: str = AwardScaling.PROPORTIONAL) -> AwardPlan:
    """What the award would make, scaled in the way chosen (nothing is written); ApplicationError when it cannot be
    awarded. A way whose checks break is planned all the same (the page shows why); `award_application` refuses it."""
    reference = (decision_reference or "").strip()
    if scaling not in AwardScaling.values:
        raise ApplicationError(_("Choose how the budget is scaled."), field="scaling")
    asked = _check(application, amount_granted, decision_date, reference)
    plan = AwardPlan(application, amount_granted, asked, decision_date, reference)
    # With the full subsidy granted nothing is scaled, and both ways come to the same: recorded as in proportion.
    plan.scaling = AwardScaling(scaling) if plan.scaled else AwardScaling.PROPORTIONAL
    lines = list(application.budget_lines.select_related("partnership__organisation", "programme_line")
                 .order_by("pk"))
    plan.lines = _scale(plan, lines)
    plan.cells = _cells(plan.lines)
    plan.pledges = _pledges(plan.lines)
    plan.reports = report_deadlines(_grant(plan))
    plan.figures = plan._figures()
    plan.checks = rules.check_budget(rules.Terms.of(application.regulation), plan.figures)
    return plan


def refuse_broken(plan: AwardPlan) -> None:
    """Refuse a partial award whose way of scaling breaks the regulation's checks, with the reason."""
    if plan.scaled and plan.broken:
        raise ApplicationError(_("The budget cannot be scaled this way (%(way)s): %(reasons)s Choose the other way, "
                                 "or ask the funder how the budget should be adjusted.")
                               % {"way": plan.scaling_label,
                                  "reasons": " ".join(check.message for check in plan.broken)}, field="scaling")


def _scale(plan: AwardPlan, lines: list[BudgetLine]) -> list[ScaledLine]:
    if not plan.scaled:
        return [ScaledLine(line, line.amount) for line in lines]
    groups = defaultdict(list)
    for line in lines:
        groups[_scale_group(ScaledLine(line, line.amount))].append(line)
    amounts = {}
    targets = {"subsidy": plan.granted}
    for key in ("partners", "bpv"):
        total = sum((line.amount for line in groups[key]), ZERO)
        # Keeping the partners' contributions leaves their lines (and BPV) as they are.
        targets[key] = total if plan.scaling == AwardScaling.KEEP_PARTNERS else scaled_total(total, plan.factor)
    for key in ("subsidy", "partners", "bpv"):
        amounts.update(zip([line.pk for line in groups[key]],
                           distribute(targets[key], [line.amount for line in groups[key]]), strict=True))
    in_kind = sum((amounts[line.pk] for line in groups["partners"] if line.form == ContributionForm.IN_KIND), ZERO)
    # Income stays equal to costs: in proportion the costs scale with the income; keeping the partners they go down
    # by as much as the subsidy did (a balanced budget's costs less asked − granted).
    spending = targets["subsidy"] + targets["partners"] - in_kind
    if groups["costs"] and spending < 0:
        raise ApplicationError(_("The partners' contributions in kind are more than the budget's income: the costs "
                                 "cannot be scaled this way."), field="scaling")
    if groups["costs"]:
        amounts.update(zip([line.pk for line in groups["costs"]],
                           distribute(spending, [line.amount for line in groups["costs"]]), strict=True))
    return [ScaledLine(line, amounts[line.pk]) for line in lines]


def _scale_group(line: ScaledLine) -> str:
    if line.line.side == BudgetSide.COST:
        return "costs"
    if line.group == rules.BPV:
        return "bpv"
    return "subsidy" if line.line.source == IncomeSource.SUBSIDY else "partners"


def _cells(lines: list[ScaledLine]) -> list[Cell]:
    """Budget version 1's cells (see the module): in kind by category, subsidy and cash spread over the costs."""
    cells = defaultdict(lambda: ZERO)
    money = defaultdict(lambda: defaultdict(lambda: ZERO))  # year -> source -> amount
    costs = defaultdict(lambda: defaultdict(lambda: ZERO))  # year -> (line, category) -> amount
    for scaled in lines:
        line = scaled.line
        if line.side == BudgetSide.COST:
            costs[line.year][(line.programme_line_id, COST_CATEGORIES[line.category])] += scaled.amount
        elif scaled.group in rules.COUNTED_GROUPS:
            if line.form == ContributionForm.IN_KIND:
                cells[(line.year, line.programme_line_id, IN_KIND_CATEGORIES[line.category],
                       FundingSource.IN_KIND)] += scaled.amount
            else:
                source = FundingSource.SUBSIDY if line.source == IncomeSource.SUBSIDY else FundingSource.CASH
                money[line.year][source] += scaled.amount
    for year, sources in money.items():
        keys = sorted(costs[year], key=lambda key: (key[0] or 0, key[1])) or [(None, CostCategory.OTHER)]
        weights = [costs[year][key] for key in keys] if costs[year] else [Decimal("1")]
        for source, amount in sources.items():
            for key, part in zip(keys, distribute(amount, weights), strict=True):
                cells[(year, key[0], key[1], source)] += part
    return [Cell(*key, amount) for key, amount in sorted(cells.items(), key=lambda item: (
        item[0][0], item[0][1] or 0, item[0][2], item[0][3])) if amount]


def pledge_kind(line: BudgetLine) -> str:
    """The ledger's kind of a partner's income line (see the module)."""
    if line.category == BudgetCategory.BPV:
        return ContributionKind.BPV
    if line.form == ContributionForm.CASH:
        return ContributionKind.CASH
    if line.category == BudgetCategory.LAB:
        return ContributionKind.LAB
    number = line.programme_line.number if line.programme_line else None
    return LINE_KINDS.get(number, ContributionKind.ORGANISATION)


def _pledges(lines: list[ScaledLine]) -> list[PledgePlan]:
    found = defaultdict(lambda: ZERO)
    partners = {}
    for scaled in lines:
        line = scaled.line
        if line.side == BudgetSide.INCOME and line.source == IncomeSource.PARTNER:
            found[(line.partnership_id, line.year, pledge_kind(line))] += scaled.amount
            partners[line.partnership_id] = line.partnership
    return [PledgePlan(partners[key[0]], key[1], key[2], amount) for key, amount in sorted(
        found.items(), key=lambda item: (partners[item[0][0]].organisation.name, item[0][0], item[0][1], item[0][2]))]


def _grant(plan: AwardPlan) -> Grant:
    application, regulation = plan.application, plan.application.regulation
    return Grant(centre=application.centre, regulation=regulation, scheme=regulation.scheme, amount=plan.granted,
                 decision_reference=plan.decision_reference, decision_date=plan.decision_date,
                 start=application.planned_start, end=application.planned_end, application_due=application.due_on,
                 **{name: getattr(regulation, name) for name in REGULATION_PARAMETERS})


# Awarding ---------------------------------------------------------------------------------------------


def award_application(*, application: Application, actor, amount_granted: Decimal, decision_date: date,
                      decision_reference: str, scaling: str = AwardScaling.PROPORTIONAL) -> Award:
    """Record the award and make the grant, budget version 1 and the pledges (see the module), all or nothing."""
    ensure_editor(actor, application.centre)
    try:
        with transaction.atomic():
            # Lock the application's row only: PostgreSQL cannot lock the outer-joined side (the submitted copy).
            application = Application.objects.select_for_update(of=("self",)).select_related(
                "centre", "regulation", "submitted_copy").get(pk=application.pk)
            plan = plan_award(application, amount_granted=amount_granted, decision_date=decision_date,
                              decision_reference=decision_reference, scaling=scaling)
            refuse_broken(plan)
            return _make(plan, actor)
    except IntegrityError:
        raise ApplicationError(_("The grant could not be made: the centre already has a grant of this round "
                                 "starting on that date, or a partner already has a pledge for one of these years "
                                 "and kinds.")) from None


def _make(plan: AwardPlan, actor) -> Award:
    application = plan.application
    _refuse_conflicts(plan)
    grant = _grant(plan)
    grant.save()
    version = BudgetVersion.objects.create(
        grant=grant, number=1, name=_("Budget of the application"), is_current=True, created_by=actor,
        reason=_("Award decision %(reference)s of %(date)s") % {"reference": plan.decision_reference,
                                                               "date": format_date(plan.decision_date)}
        + (_(", scaled to the amount granted (%(percent)s%% of the subsidy asked): %(way)s")
           % {"percent": plan.factor_percent, "way": plan.scaling_label} if plan.scaled else ""))
    bulk_create_with_history([
        GrantBudgetLine(version=version, year=cell.year, programme_line_id=cell.programme_line_id,
                        category=cell.category, source=cell.source, amount=cell.amount) for cell in plan.cells],
        GrantBudgetLine, default_user=actor)
    bulk_create_with_history([Pledge(partnership=pledge.partnership, year=pledge.year, kind=pledge.kind,
                                     amount=pledge.amount) for pledge in plan.pledges], Pledge, default_user=actor)
    award = Award.objects.create(application=application, grant=grant, decision_date=plan.decision_date,
                                 decision_reference=plan.decision_reference, amount_granted=plan.granted,
                                 subsidy_asked=plan.asked, scaled=plan.scaled, scaling=plan.scaling,
                                 awarded_by=actor, awarded_at=timezone.now())
    application.status = Application.Status.AWARDED
    application.save(update_fields=["status", "updated_at"])
    changes = {"grant": grant.pk, "amount_granted": str(plan.granted), "subsidy_asked": str(plan.asked),
               "scaled": plan.scaled, "scaling": str(plan.scaling), "decision_reference": plan.decision_reference,
               "decision_date": plan.decision_date.isoformat(), "budget_total": str(plan.budget_total),
               "budget_cells": len(plan.cells), "pledges": len(plan.pledges),
               "pledge_total": str(plan.pledge_total)}
    record_event(application, actor=actor, action="application_awarded", centre=application.centre,
                 summary=application.title, changes=changes)
    record_event(grant, actor=actor, action="grant_created_from_application", centre=application.centre,
                 summary=str(grant), changes={"application": application.pk, **changes})
    return award


def _refuse_conflicts(plan: AwardPlan) -> None:
    application = plan.application
    if Grant.objects.filter(centre=application.centre, scheme=application.regulation.scheme,
                            start=application.planned_start).exists():
        raise ApplicationError(_("The centre already has a %(scheme)s grant starting on %(date)s.")
                               % {"scheme": application.regulation.scheme,
                                  "date": format_date(application.planned_start)})
    wanted = {(pledge.partnership.pk, pledge.year, pledge.kind) for pledge in plan.pledges}
    taken = sorted({(name, year) for partnership_id, year, kind, name in Pledge.objects.filter(
        partnership_id__in={key[0] for key in wanted}, year__in={key[1] for key in wanted}).values_list(
        "partnership_id", "year", "kind", "partnership__organisation__name") if (partnership_id, year, kind) in wanted})
    if taken:
        raise ApplicationError(_("These partners already have pledges for these years: %(list)s. The award makes the "
                                 "pledges from the application's budget; remove the old ones first.")
                               % {"list": ", ".join(f"{name} {year}" for name, year in taken)})


# Recording the award of a grant civhub already holds ---------------------------------------------------------


def record_award_of_existing_grant(*, application: Application, grant: Grant, actor, amount_granted: Decimal,
                                   decision_date: date, decision_reference: str) -> Award:
    """Record the award of a submitted application whose grant civhub already holds, and link the two; nothing else
    is made.

    For a centre whose grant was kept in civhub before its application was (a grant loaded from a centre
    definition, as the demo's is): the award says which application the grant came from. Refused, with every
    difference named, unless the grant is what `award_application` would have made in full: the same centre,
    scheme, period, amount granted (the subsidy asked: a partial award scales the budget and makes its own
    grant), decision date and reference; the subsidy of each year in its budget version 1 equal to the
    application's; and the partners' pledges in the application's years equal to the pledges the award would make
    (per partner, year and kind). A grant already linked to an application is refused too.
    """
    ensure_editor(actor, application.centre)
    with transaction.atomic():
        application = Application.objects.select_for_update(of=("self",)).select_related(
            "centre", "regulation", "submitted_copy").get(pk=application.pk)
        grant = Grant.objects.select_for_update().get(pk=grant.pk)
        plan = plan_award(application, amount_granted=amount_granted, decision_date=decision_date,
                          decision_reference=decision_reference)
        differences = grant_differences(plan, grant)
        if differences:
            raise ApplicationError(_("The award cannot be recorded against the grant %(grant)s: %(differences)s.")
                                   % {"grant": grant, "differences": "; ".join(differences)})
        award = Award.objects.create(application=application, grant=grant, decision_date=plan.decision_date,
                                     decision_reference=plan.decision_reference, amount_granted=plan.granted,
                                     subsidy_asked=plan.asked, scaled=False, awarded_by=actor,
                                     awarded_at=timezone.now())
        application.status = Application.Status.AWARDED
        application.save(update_fields=["status", "updated_at"])
        changes = {"grant": grant.pk, "existing_grant": True, "amount_granted": str(plan.granted),
                   "subsidy_asked": str(plan.asked), "decision_reference": plan.decision_reference,
                   "decision_date": plan.decision_date.isoformat(), "pledges": len(plan.pledges),
                   "pledge_total": str(plan.pledge_total)}
        record_event(application, actor=actor, action="application_awarded", centre=application.centre,
                     summary=application.title, changes=changes)
        record_event(grant, actor=actor, action="grant_linked_to_application", centre=application.centre,
                     summary=str(grant), changes={"application": application.pk, **changes})
    return award


def grant_differences(plan: AwardPlan, grant: Grant) -> list[str]:
    """Where the existing `grant` differs from what the award `plan` would make (empty when they agree)."""
    application = plan.application
    found = []
    if grant.centre_id != application.centre_id:
        return [_("the grant belongs to another centre")]
    if Award.objects.filter(grant=grant).exists():
        found.append(_("the grant is already linked to an application"))
    if plan.scaled:
        found.append(_("the amount granted is less than the subsidy asked, so the budget would be scaled"))
    wanted = {"scheme": application.regulation.scheme, "start": application.planned_start,
              "end": application.planned_end, "amount": plan.granted, "decision_date": plan.decision_date,
              "decision_reference": plan.decision_reference}
    for name, value in wanted.items():
        if getattr(grant, name) != value:
            found.append(_("%(field)s is %(grant)s in the grant and %(award)s in the award") % {
                "field": Grant._meta.get_field(name).verbose_name, "grant": getattr(grant, name), "award": value})
    found += _subsidy_differences(plan, grant)
    found += _pledge_differences(plan)
    return found


def _subsidy_differences(plan: AwardPlan, grant: Grant) -> list[str]:
    asked = defaultdict(lambda: ZERO)
    for scaled in plan.lines:
        if scaled.line.side == BudgetSide.INCOME and scaled.line.source == IncomeSource.SUBSIDY:
            asked[scaled.line.year] += scaled.amount
    held = defaultdict(lambda: ZERO)
    for line in GrantBudgetLine.objects.filter(version__grant=grant, version__number=1,
                                               source=FundingSource.SUBSIDY):
        held[line.year] += line.amount
    return [_("the subsidy of %(year)s is %(grant)s in the grant's budget version 1 and %(application)s in the "
              "application") % {"year": year, "grant": format_eur(held[year]), "application": format_eur(asked[year])}
            for year in sorted(set(asked) | set(held)) if held[year] != asked[year]]


def _pledge_differences(plan: AwardPlan) -> list[str]:
    application = plan.application
    wanted = {(pledge.partnership.pk, pledge.year, pledge.kind): pledge.amount for pledge in plan.pledges}
    names = {pledge.partnership.pk: pledge.partnership.organisation.name for pledge in plan.pledges}
    held = {}
    for pledge in Pledge.objects.filter(partnership__centre=application.centre,
                                        year__in=list(application.years)).select_related("partnership__organisation"):
        held[(pledge.partnership_id, pledge.year, pledge.kind)] = pledge.amount
        names[pledge.partnership_id] = pledge.partnership.organisation.name
    return [_("the pledge of %(partner)s for %(year)s (%(kind)s) is %(grant)s in the grant and %(application)s in "
              "the application") % {"partner": names[key[0]], "year": key[1],
                                    "kind": KIND_SHORT[ContributionKind(key[2])],
                                    "grant": format_eur(held.get(key, ZERO)),
                                    "application": format_eur(wanted.get(key, ZERO))}
            for key in sorted(set(wanted) | set(held), key=lambda key: (names[key[0]], key[1], key[2]))
            if held.get(key, ZERO) != wanted.get(key, ZERO)]
