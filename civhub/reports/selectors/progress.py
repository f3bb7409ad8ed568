"""The progress report's row sources (voortgangsrapportage): the content half of the funder's report, for a period.

Per programme line: the activities that ran in the period (status and dates); the
milestones reached in the period or due in it, with where each stands at the period's end
and the explanation of a late or missed one; and every KPI's target due against its actual
at the period's end (the rule of civhub.programme.selectors.kpis). The money half is the
funder pack (reports/funder.py).

One row source per kind of item; the XLSX and the PDF (reports/pdf.py) render the same tables,
so they cannot disagree. The XLSX has one sheet per kind of item, each with the programme line
as its first column (so a filter shows one line), numbers as numbers and dates as dates:

1. `Overzicht` — `programmalijn`, `naam`, `activiteiten`, `mijlpalen_behaald`,
   `mijlpalen_gemist`, `kpis`, `kpis_achter` (counts for the period).
2. `Activiteiten` — `programmalijn`, `activiteit`, `eigenaren`, `trekker`, `start`, `einde`, `status`.
3. `Mijlpalen` — `programmalijn`, `mijlpaal`, `activiteit`, `deadline`, `behaald_op`, `stand`
   (`behaald`, `te_laat_behaald`, `gemist`, `open`), `bewijs`, `toelichting`.
4. `KPIs` — `programmalijn`, `kpi`, `eenheid`, `meting` (`sum`/`latest`), `nulmeting`,
   `doel_jaar` (the target of the period end's year), `doel_nu` (the target due at the period's
   end), `realisatie`, `percentage`, `achter` (1 behind, 0 not), `illustratief` (1 or 0).

The PDF (WeasyPrint, Dutch) has a cover page with the centre and the period, then a section
per line with the same three tables, cut to that line.

A milestone's `stand` is judged at the period's end, or today when the period runs on:
reached (on or before its due date), reached late, missed (due, not reached), or open
(not due yet). The period defaults to the latest grant year that has ended (grant years
count from the grant's start), else the first grant year.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civhub.core.exports import Coded, Column, Kind, Table
from civhub.core.models import Centre, Grant, ProgrammeLine
from civhub.core.translated import localized
from civhub.grants.selectors.monitor import current_grant
from civhub.partners.models import Partnership
from civhub.programme.models import Activity, Milestone
from civhub.programme.selectors.kpis import centre_progress

FIGURE = "figure"  # a KPI figure: a plain number in the XLSX, shown without needless decimals in the PDF


# The period -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """The days a progress report covers, both ends included."""

    start: date
    end: date

    @property
    def reference(self) -> date:
        """Where milestones are judged: the period's end, or today while the period runs on."""
        return min(self.end, timezone.localdate())


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def grant_year_periods(grant: Grant) -> list[Period]:
    """The grant's years counted from its start (the funder's rhythm), the last one cut at the grant's end."""
    periods, start = [], grant.start
    while start <= grant.end:
        end = min(_add_years(start, 1) - timedelta(days=1), grant.end)
        periods.append(Period(start, end))
        start = end + timedelta(days=1)
    return periods


def default_period(grant: Grant, *, today: date) -> Period:
    """The latest grant year that has ended by today; else the first grant year."""
    periods = grant_year_periods(grant)
    ended = [period for period in periods if period.end < today]
    return ended[-1] if ended else periods[0]


# The row sources --------------------------------------------------------------------------------


class Stand:
    """Where a milestone stands at the period's end (the `stand` column's codes)."""

    REACHED = "behaald"
    LATE = "te_laat_behaald"
    MISSED = "gemist"
    OPEN = "open"
    LABELS = {REACHED: _("reached"), LATE: _("reached late"), MISSED: _("missed"), OPEN: _("open (not due yet)")}


def milestone_stand(milestone: Milestone, period: Period) -> str:
    """Reached (late) by the reference date; else missed once its due date has passed: a milestone due on the
    last day of a period that has ended is missed, one due today in a running period is still open."""
    reference = period.reference
    if milestone.done_date is not None and milestone.done_date <= reference:
        return Stand.REACHED if milestone.done_date <= milestone.due_date else Stand.LATE
    ended = period.end < timezone.localdate()
    missed = milestone.due_date <= reference if ended else milestone.due_date < reference
    return Stand.MISSED if missed else Stand.OPEN


def _line_cell(line: ProgrammeLine) -> Coded:
    return Coded(line.number, f"{line.number}. {localized(line.name)}")


def _lines(centre: Centre) -> list[ProgrammeLine]:
    return list(ProgrammeLine.objects.filter(centre=centre).order_by("number"))


def activities(centre: Centre, period: Period) -> Table:
    """`Activiteiten`: the activities that ran during the period (started by its end, not ended before its start)."""
    owners = Partnership.objects.select_related("organisation").order_by("organisation__name")
    rows = (Activity.objects.filter(centre=centre, start__lte=period.end)
            .filter(Q(end__isnull=True) | Q(end__gte=period.start)).select_related("programme_line")
            .prefetch_related(Prefetch("owners", queryset=owners)).order_by("programme_line__number", "start", "pk"))
    return Table(
        sheet="Activiteiten", title=_("Activities"),
        columns=[Column("programmalijn", _("Line")), Column("activiteit", _("Activity")),
                 Column("eigenaren", _("Owners")), Column("trekker", _("Lead")), Column("start", _("Start"), Kind.DATE),
                 Column("einde", _("End"), Kind.DATE), Column("status", _("Status"))],
        rows=[(_line_cell(activity.programme_line), activity.title,
               ", ".join(owner.organisation.name for owner in activity.owners.all()), activity.lead_person,
               activity.start, activity.end, Coded(activity.status, activity.get_status_display()))
              for activity in rows],
    )


def milestones(centre: Centre, period: Period) -> Table:
    """`Mijlpalen`: those due in the period or reached in it, with where they stand and why when late or missed."""
    in_period = Q(due_date__range=(period.start, period.end)) | Q(done_date__range=(period.start, period.end))
    rows = (Milestone.objects.filter(in_period, centre=centre).select_related("programme_line", "activity")
            .order_by("programme_line__number", "due_date", "pk"))
    table_rows = []
    for milestone in rows:
        stand = milestone_stand(milestone, period)
        evidence = " ".join(part for part in (milestone.evidence, milestone.evidence_link) if part)
        table_rows.append((_line_cell(milestone.programme_line), milestone.title,
                           milestone.activity.title if milestone.activity else "", milestone.due_date,
                           milestone.done_date, Coded(stand, str(Stand.LABELS[stand])), evidence,
                           milestone.explanation))
    return Table(
        sheet="Mijlpalen", title=_("Milestones"),
        columns=[Column("programmalijn", _("Line")), Column("mijlpaal", _("Milestone")),
                 Column("activiteit", _("Activity")), Column("deadline", _("Due"), Kind.DATE),
                 Column("behaald_op", _("Reached on"), Kind.DATE), Column("stand", _("Status")),
                 Column("bewijs", _("Evidence")), Column("toelichting", _("Explanation"))],
        rows=table_rows,
    )


def kpis(centre: Centre, period: Period) -> Table:
    """`KPIs`: every KPI's target due against its actual at the period's end."""
    table_rows = []
    for progress in centre_progress(centre, as_of=period.end):
        kpi = progress.kpi
        table_rows.append((
            _line_cell(kpi.programme_line), kpi.name, kpi.unit, Coded(kpi.measure, kpi.get_measure_display()),
            kpi.baseline, progress.year_target, progress.due, progress.actual, progress.percent,
            Coded(int(progress.behind), str(_("behind") if progress.behind else _("on track")))
            if progress.due else Coded(0, str(_("nothing due yet"))),
            Coded(int(kpi.illustrative), str(_("yes") if kpi.illustrative else _("no"))),
        ))
    return Table(
        sheet="KPIs", title=_("KPIs at the end of the period"),
        columns=[Column("programmalijn", _("Line")), Column("kpi", _("KPI")), Column("eenheid", _("Unit")),
                 Column("meting", _("Measure")), Column("nulmeting", _("Baseline"), FIGURE),
                 Column("doel_jaar", _("Target for the year"), FIGURE),
                 Column("doel_nu", _("Target due"), FIGURE), Column("realisatie", _("Actual"), FIGURE),
                 Column("percentage", _("Share of target due (%)"), Kind.INTEGER), Column("achter", _("Status")),
                 Column("illustratief", _("Illustrative"))],
        rows=table_rows,
    )


def overview(lines: list[ProgrammeLine], activity_table: Table, milestone_table: Table, kpi_table: Table) -> Table:
    """`Overzicht`: per line, the counts of the other three sheets (so the two always agree)."""
    def count(table, number, test=lambda row: True):
        return sum(1 for row in table.rows if row[0].code == number and test(row))

    missed = {Stand.MISSED}
    reached = {Stand.REACHED, Stand.LATE}
    rows = [(_line_cell(line), localized(line.name), count(activity_table, line.number),
             count(milestone_table, line.number, lambda row: row[5].code in reached),
             count(milestone_table, line.number, lambda row: row[5].code in missed),
             count(kpi_table, line.number), count(kpi_table, line.number, lambda row: row[9].code == 1))
            for line in lines]
    return Table(
        sheet="Overzicht", title=_("Overview per line"),
        columns=[Column("programmalijn", _("Line")), Column("naam", _("Name")),
                 Column("activiteiten", _("Activities"), Kind.INTEGER),
                 Column("mijlpalen_behaald", _("Milestones reached"), Kind.INTEGER),
                 Column("mijlpalen_gemist", _("Milestones missed"), Kind.INTEGER),
                 Column("kpis", _("KPIs"), Kind.INTEGER), Column("kpis_achter", _("KPIs behind"), Kind.INTEGER)],
        rows=rows,
    )


@dataclass
class ProgressReport:
    """The report's four tables for a centre and period (lists, so both renderers and the tests can read them)."""

    centre: Centre
    period: Period
    grant: Grant | None
    lines: list[ProgrammeLine]
    overview: Table
    activities: Table
    milestones: Table
    kpis: Table

    @property
    def tables(self) -> list[Table]:
        return [self.overview, self.activities, self.milestones, self.kpis]


def build_report(centre: Centre, period: Period) -> ProgressReport:
    """Build the report's tables (a fixed number of queries, whatever the number of rows)."""
    lines = _lines(centre)
    activity_table, milestone_table, kpi_table = activities(centre, period), milestones(centre, period), kpis(
        centre, period)
    for table in (activity_table, milestone_table, kpi_table):
        table.rows = list(table.rows)
    return ProgressReport(centre, period, current_grant(centre, today=timezone.localdate()), lines,
                          overview(lines, activity_table, milestone_table, kpi_table),
                          activity_table, milestone_table, kpi_table)
