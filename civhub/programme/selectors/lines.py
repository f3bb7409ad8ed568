"""Read queries of the programme pages: the overview of the lines, one line's page and the dashboard card.

Counts and sums are made by the database (grouped queries), never by a loop over rows; every
function keeps a fixed number of queries whatever the number of activities, milestones or
actuals (the tests pin them).

Partners' money on the line page is withheld from a viewer outside the office unless it is the
viewer's own partner's or a total of at least MIN_PARTNERS partners (permissions.partner_figures):
the grouped query that sums an amount also counts the distinct partners behind it.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, DecimalField, Prefetch, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from civhub.core.choices import ContributionKind
from civhub.core.models import ProgrammeLine
from civhub.ledger.models import Contribution
from civhub.partners.models import CofinancingGroup, Partnership
from civhub.programme.models import Activity, Kpi, Milestone
from civhub.programme.permissions import EVERY_FIGURE, PartnerFigures
from civhub.programme.selectors.kpis import KpiProgress, centre_progress, grant_years, kpi_years

ZERO = Decimal("0")
SOON_DAYS = 30  # the dashboard warns of milestones due within this many days
NEXT_MILESTONES = 5
# Accepted entries count; a reversed entry stays accepted in the books and its reversal cancels it.
ACCEPTED = (Contribution.Status.ACCEPTED, Contribution.Status.REVERSED)
NOT_COUNTED = Q(partnership__cofinancing_group=CofinancingGroup.NOT_COUNTED)  # the lead applicant's own


class MilestoneState:
    """Where a milestone stands on a reference date; each state is also said in words on the page."""

    DONE = "done"
    LATE = "late"  # reached, after its due date
    OVERDUE = "overdue"
    SOON = "soon"  # due within SOON_DAYS
    UPCOMING = "upcoming"

    LABELS = {
        DONE: _("reached"),
        LATE: _("reached late"),
        OVERDUE: _("overdue"),
        SOON: _("due soon"),
        UPCOMING: _("upcoming"),
    }


def milestone_state(milestone: Milestone, *, today: date) -> str:
    if milestone.done_date is not None:
        return MilestoneState.DONE if milestone.done_date <= milestone.due_date else MilestoneState.LATE
    if milestone.due_date < today:
        return MilestoneState.OVERDUE
    if milestone.due_date <= today + timedelta(days=SOON_DAYS):
        return MilestoneState.SOON
    return MilestoneState.UPCOMING


@dataclass(frozen=True)
class MilestoneRow:
    """A milestone with its state on the reference date."""

    milestone: Milestone
    state: str

    @property
    def label(self):
        return MilestoneState.LABELS[self.state]


def _rows(milestones, today: date) -> list[MilestoneRow]:
    return [MilestoneRow(milestone, milestone_state(milestone, today=today)) for milestone in milestones]


def _money(expression):
    return Coalesce(expression, Value(ZERO), output_field=DecimalField(max_digits=18, decimal_places=2))


def _partner_counts(name: str, entries: Q, figures: PartnerFigures, *, path: str = "") -> dict:
    """Annotations `<name>_partners` and `<name>_others`: the distinct partners of `entries`; those not the viewer's.

    `path` leads from the grouped model to the contribution ("contributions__" from an activity).
    """
    partner = f"{path}partnership"
    others = entries & ~Q(**{f"{partner}__in": figures.own}) if figures.own else entries
    return {f"{name}_partners": Count(partner, distinct=True, filter=entries),
            f"{name}_others": Count(partner, distinct=True, filter=others)}


def _shown(figures: PartnerFigures, row, name: str) -> bool:
    """Whether the viewer sees the amount a grouped row holds under `name` (see `_partner_counts`)."""
    return figures.shows(partners=row[f"{name}_partners"], others=row[f"{name}_others"])


# The overview -------------------------------------------------------------------------------------


@dataclass
class LineSummary:
    """One line on the overview: how much work it holds and how it is doing."""

    line: ProgrammeLine
    activities: int = 0
    running: int = 0
    milestones: int = 0
    milestones_done: int = 0
    milestones_overdue: int = 0
    kpis: list[KpiProgress] = field(default_factory=list)

    @property
    def behind(self) -> list[KpiProgress]:
        return [kpi for kpi in self.kpis if kpi.behind]


@dataclass
class Overview:
    lines: list[LineSummary]
    next_milestones: list[MilestoneRow]
    today: date

    @property
    def behind(self) -> list[KpiProgress]:
        return [kpi for line in self.lines for kpi in line.behind]


def overview(centre, *, today: date, figures: PartnerFigures = EVERY_FIGURE) -> Overview:
    """The centre's lines with their counts, KPI progress and the next open milestones: six queries."""
    lines = {line.pk: LineSummary(line) for line in ProgrammeLine.objects.filter(centre=centre).order_by("number")}
    activity_counts = (Activity.objects.filter(centre=centre).values("programme_line_id")
                       .annotate(total=Count("pk"), running=Count("pk", filter=Q(status=Activity.Status.RUNNING)))
                       .order_by())
    for row in activity_counts:
        lines[row["programme_line_id"]].activities, lines[row["programme_line_id"]].running = row["total"], row[
            "running"]
    milestone_counts = (Milestone.objects.filter(centre=centre).values("programme_line_id")
                        .annotate(total=Count("pk"), done=Count("pk", filter=Q(done_date__isnull=False)),
                                  overdue=Count("pk", filter=Q(done_date__isnull=True, due_date__lt=today)))
                        .order_by())
    for row in milestone_counts:
        summary = lines[row["programme_line_id"]]
        summary.milestones, summary.milestones_done, summary.milestones_overdue = row["total"], row["done"], row[
            "overdue"]
    for kpi_progress in centre_progress(centre, as_of=today, figures=figures):
        lines[kpi_progress.kpi.programme_line_id].kpis.append(kpi_progress)
    upcoming = (Milestone.objects.filter(centre=centre, done_date__isnull=True)
                .select_related("programme_line").order_by("due_date", "pk")[:NEXT_MILESTONES])
    return Overview(list(lines.values()), _rows(upcoming, today), today)


# One line's page ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class KindFigure:
    """Co-financing contributed to a line in one kind: counted value and hours (None: withheld from the viewer)."""

    kind: str
    label: str
    amount: Decimal | None
    hours: Decimal | None

    @property
    def withheld(self) -> bool:
        return self.amount is None


@dataclass(frozen=True)
class LineCofinancing:
    """The line's accepted co-financing per kind, its total and what the not-counted partners put in.

    The total is withheld as soon as one kind is: the kinds shown could be taken from it. `not_counted`
    (the lead applicant's own contributions) is withheld unless every kind's part may be shown.
    """

    kinds: list[KindFigure]
    total: Decimal | None
    not_counted: Decimal | None

    @property
    def withheld(self) -> bool:
        return self.total is None or self.not_counted is None


@dataclass
class LinePage:
    line: ProgrammeLine
    activities: list[Activity]
    milestones: list[MilestoneRow]
    kpis: list  # KpiYears
    years: list[int]
    cofinancing: LineCofinancing
    today: date

    # Whether an amount or figure of a section is withheld from the viewer: the section then says why, once.
    @property
    def activities_withheld(self) -> bool:
        return any(activity.cofinanced is None for activity in self.activities)

    @property
    def kpis_withheld(self) -> bool:
        return any(row.withheld for row in self.kpis)


def line_of(centre, number: int) -> ProgrammeLine:
    """The centre's line with this number, else 404."""
    return get_object_or_404(ProgrammeLine.objects.select_related("centre"), centre=centre, number=number)


def line_activities(line: ProgrammeLine, figures: PartnerFigures = EVERY_FIGURE) -> list[Activity]:
    """The line's activities with their owners and the counted co-financing booked to each: two queries.

    `cofinanced` is None where the viewer may not see it (`figures`).
    """
    owners = Partnership.objects.select_related("organisation").order_by("organisation__name")
    counted = Q(contributions__status__in=ACCEPTED) & ~Q(
        contributions__partnership__cofinancing_group=CofinancingGroup.NOT_COUNTED)
    activities = list(Activity.objects.filter(programme_line=line)
                      .annotate(cofinanced=_money(Sum("contributions__amount", filter=counted)),
                                **_partner_counts("cofinanced", counted, figures, path="contributions__"))
                      .prefetch_related(Prefetch("owners", queryset=owners)).order_by("start", "pk"))
    for activity in activities:
        if not figures.shows(partners=activity.cofinanced_partners, others=activity.cofinanced_others):
            activity.cofinanced = None
    return activities


def line_cofinancing(line: ProgrammeLine, figures: PartnerFigures = EVERY_FIGURE) -> LineCofinancing:
    """Accepted contributions booked to the line, per kind, aggregated by the database: one query.

    `amount` is the counted co-financing; what the lead applicant and other not-counted
    partners put in is shown apart, as the monitor does. Amounts the viewer may not see are None.
    """
    cells = (Contribution.objects.filter(centre_id=line.centre_id, programme_line=line, status__in=ACCEPTED)
             .values("kind")
             .annotate(counted_value=_money(Sum("amount", filter=~NOT_COUNTED)),
                       not_counted_value=_money(Sum("amount", filter=NOT_COUNTED)),
                       counted_hours=_money(Sum("hours", filter=Q(status=Contribution.Status.ACCEPTED) & ~NOT_COUNTED)),
                       **_partner_counts("counted", ~NOT_COUNTED, figures),
                       **_partner_counts("not_counted", NOT_COUNTED, figures))
             .order_by())
    found = {cell["kind"]: cell for cell in cells}
    rows = [found[kind.value] for kind in ContributionKind if kind.value in found]
    kinds = [_kind_figure(row, figures) for row in rows]
    total = None if any(kind.withheld for kind in kinds) else sum((kind.amount for kind in kinds), ZERO)
    not_counted_shown = all(_shown(figures, row, "not_counted") for row in rows)
    not_counted = sum((row["not_counted_value"] for row in rows), ZERO) if not_counted_shown else None
    return LineCofinancing(kinds=kinds, total=total, not_counted=not_counted)


def _kind_figure(row: dict, figures: PartnerFigures) -> KindFigure:
    label = str(ContributionKind(row["kind"]).label)
    if not _shown(figures, row, "counted"):
        return KindFigure(row["kind"], label, None, None)
    return KindFigure(row["kind"], label, row["counted_value"], row["counted_hours"])


def line_page(centre, number: int, *, today: date, figures: PartnerFigures = EVERY_FIGURE) -> LinePage:
    """Everything the line page shows: activities, the milestone timeline, KPIs per year and co-financing.

    `figures`: what the viewer may see of partners' money and KPI figures (permissions.partner_figures).
    """
    line = line_of(centre, number)
    years = grant_years(centre)
    milestones = Milestone.objects.filter(programme_line=line).select_related("activity").order_by("due_date", "pk")
    return LinePage(
        line=line, activities=line_activities(line, figures), milestones=_rows(milestones, today),
        kpis=kpi_years(Kpi.objects.filter(programme_line=line), years=years, as_of=today, figures=figures),
        years=years, cofinancing=line_cofinancing(line, figures), today=today,
    )


# The dashboard card -------------------------------------------------------------------------------


@dataclass
class Attention:
    """What the office should look at: milestones overdue or due soon, KPIs behind target."""

    milestones: list[MilestoneRow]
    behind: list[KpiProgress]


def attention(centre, *, today: date) -> Attention:
    """Open milestones overdue or due within 30 days, and the KPIs behind target today: three queries."""
    milestones = (Milestone.objects.filter(centre=centre, done_date__isnull=True,
                                           due_date__lte=today + timedelta(days=SOON_DAYS))
                  .select_related("programme_line").order_by("due_date", "pk"))
    behind = [kpi for kpi in centre_progress(centre, as_of=today) if kpi.behind]
    return Attention(_rows(milestones, today), behind)
