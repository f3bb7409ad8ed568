"""KPI progress: what a KPI has reached on a reference date, against the target due by then.

The rule (shown on the line page and the KPI page, and used by the dashboard and the progress report):

- **Actual to date.** For a KPI whose values add up (measure `sum`), the sum of every actual
  dated on or before the reference date. For a level (measure `latest`), the value of the
  latest actual on or before the reference date (the later recording wins on the same day),
  or the baseline while none has been recorded.
- **Target due now.** A KPI has a target per calendar year: what it should show at the end
  of that year (a count since the grant's start, or a level). In a year with a target, the
  target due grows in a straight line, by days elapsed in that year (1 January counts as one
  day, 31 December completes the year), from the start value to that year's target. The
  start value is the latest target of an earlier year; before the first target year, a level
  starts from its baseline and a count from zero (its actuals are counted from the grant's
  start; the baseline is shown for context). In a year without a target, the latest earlier
  target stays due in full; before any target year, nothing is due yet.
- **Behind target.** When the actual to date is less than 90% of the target due now (and
  that target is more than zero).

Worked example: a count with target 100 for 2024 and 250 for 2025, on 2 July 2025 (day 183 of
365): due = 100 + (250 − 100) × 183 ÷ 365 = 175.21; with 150 counted so far, 150 < 175.21 × 0.9 =
157.69, so the KPI is behind.

Partners' figures (permissions.partner_figures): outside the office, an actual made of partners'
figures shows only when it is the viewer's own partner's, or a total of at least MIN_PARTNERS
partners. A level is one figure: it shows when it was recorded for no partner or for the viewer's.
A count is cumulative, so one year's figures could be worked out from two shown totals: its
actuals show up to the first calendar year whose partners' figures fail the rule, and not from
then on. Actuals recorded for no partner (the office's) are no partner's figures. The progress
badge (behind or on track) stays: it is the programme's, not a figure.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DecimalField, IntegerField, OuterRef, Prefetch, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear

from civhub.programme.models import Kpi, KpiActual, KpiTarget
from civhub.programme.permissions import EVERY_FIGURE, PartnerFigures

ZERO = Decimal("0")
CENT = Decimal("0.01")
BEHIND_SHARE = Decimal("0.9")  # behind: less than 90% of the target due


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def start_value(kpi: Kpi) -> Decimal:
    """Where the line towards the first target starts: the baseline of a level, zero for a count."""
    return kpi.baseline if kpi.measure == Kpi.Measure.LATEST else ZERO


def target_due(targets: dict[int, Decimal], *, as_of: date, start: Decimal) -> Decimal | None:
    """The target due on `as_of`, pro rata by days within the year (see the module's rule); None: nothing due yet."""
    year = as_of.year
    earlier = [target_year for target_year in targets if target_year < year]
    previous = targets[max(earlier)] if earlier else start
    if year not in targets:
        return previous if earlier else None
    elapsed = (as_of - date(year, 1, 1)).days + 1
    days = 366 if calendar.isleap(year) else 365
    return _cents(previous + (targets[year] - previous) * Decimal(elapsed) / Decimal(days))


def actual_to_date(kpi: Kpi, *, total: Decimal | None, latest: Decimal | None) -> Decimal:
    """The sum of the actuals (a count) or the latest one, else the baseline (a level)."""
    if kpi.measure == Kpi.Measure.SUM:
        return _cents(total or ZERO)
    return _cents(latest if latest is not None else kpi.baseline)


def is_behind(actual: Decimal, due: Decimal | None) -> bool:
    return due is not None and due > 0 and actual < due * BEHIND_SHARE


@dataclass(frozen=True)
class KpiProgress:
    """A KPI on a reference date: its actual to date against the target due by then.

    `actual` is None when it is withheld from the viewer (partners' figures, see the module's rule).
    """

    kpi: Kpi
    as_of: date
    actual: Decimal | None
    due: Decimal | None
    year_target: Decimal | None  # the target of the reference date's year, if any
    behind: bool

    @property
    def withheld(self) -> bool:
        return self.actual is None

    @property
    def percent(self) -> Decimal | None:
        """The actual as a percentage of the target due (None while nothing is due, or the actual is withheld)."""
        if not self.due or self.actual is None:
            return None
        return (self.actual / self.due * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def _money(expression):
    return Coalesce(expression, Value(ZERO), output_field=DecimalField(max_digits=18, decimal_places=2))


def _latest_value(on_or_before: date, field_name: str = "value") -> Subquery:
    """A field of the KPI's latest actual on or before a date (ties: the later recording)."""
    return Subquery(KpiActual.objects.filter(kpi=OuterRef("pk"), date__lte=on_or_before)
                    .order_by("-date", "-pk").values(field_name)[:1])


def _first_withheld_year(figures: PartnerFigures, as_of: date):
    """The first calendar year up to `as_of` whose partners' figures the viewer may not see (None: every year shows).

    One subquery grouped by year, counting the distinct partners and those not the viewer's.
    """
    if figures.sees_all:
        return Value(None, output_field=IntegerField())
    others = ~Q(partnership_id__in=figures.own) if figures.own else None
    years = (KpiActual.objects.filter(kpi=OuterRef("pk"), date__lte=as_of, partnership__isnull=False)
             .annotate(year=ExtractYear("date")).values("year")
             .annotate(partners=Count("partnership", distinct=True),
                       others=Count("partnership", distinct=True, filter=others))
             .filter(figures.withheld_when(partners="partners", others="others"))
             .order_by("year").values("year")[:1])
    return Subquery(years, output_field=IntegerField())


def kpis_as_of(kpis, *, as_of: date, figures: PartnerFigures = EVERY_FIGURE):
    """The KPIs annotated with their sum and latest value to date, what the viewer may see of them, and their targets.

    Two queries.
    """
    return (kpis.select_related("programme_line")
            .annotate(total_to_date=_money(Sum("actuals__value", filter=Q(actuals__date__lte=as_of))),
                      latest_to_date=_latest_value(as_of),
                      latest_partner_to_date=_latest_value(as_of, "partnership"),
                      first_withheld_year=_first_withheld_year(figures, as_of))
            .prefetch_related(Prefetch("targets", queryset=KpiTarget.objects.order_by("year"))))


def shows_actual(kpi: Kpi, figures: PartnerFigures, *, year: int, latest_partner: int | None) -> bool:
    """Whether the viewer sees the KPI's actual at the end of `year` (see the module's rule on partners' figures).

    `latest_partner`: the partner of the level's latest actual then; a count uses the annotated first withheld year.
    """
    if kpi.measure == Kpi.Measure.LATEST:
        partners = int(latest_partner is not None)
        return figures.shows(partners=partners, others=int(partners > 0 and latest_partner not in figures.own))
    return kpi.first_withheld_year is None or year < kpi.first_withheld_year


def progress(kpi: Kpi, *, as_of: date, figures: PartnerFigures = EVERY_FIGURE) -> KpiProgress:
    """The progress of a KPI from `kpis_as_of` (annotated, targets prefetched): no further query."""
    targets = {target.year: target.target for target in kpi.targets.all()}
    actual = actual_to_date(kpi, total=kpi.total_to_date, latest=kpi.latest_to_date)
    due = target_due(targets, as_of=as_of, start=start_value(kpi))
    shown = shows_actual(kpi, figures, year=as_of.year, latest_partner=kpi.latest_partner_to_date)
    return KpiProgress(kpi=kpi, as_of=as_of, actual=actual if shown else None, due=due,
                       year_target=targets.get(as_of.year), behind=is_behind(actual, due))


def centre_progress(centre, *, as_of: date, line=None, figures: PartnerFigures = EVERY_FIGURE) -> list[KpiProgress]:
    """Every KPI of the centre (or of one line) with its progress on `as_of`: two queries."""
    kpis = Kpi.objects.filter(centre=centre)
    if line is not None:
        kpis = kpis.filter(programme_line=line)
    return [progress(kpi, as_of=as_of, figures=figures) for kpi in kpis_as_of(kpis, as_of=as_of, figures=figures)]


@dataclass
class YearFigure:
    """A KPI in one calendar year: its target for the end of the year and what it showed then (None: not yet).

    `withheld`: the actual is partners' figures the viewer may not see (the actual is then None too).
    """

    year: int
    target: Decimal | None
    actual: Decimal | None
    withheld: bool = False


@dataclass
class KpiYears:
    """A KPI's targets and actuals year by year: the chart and the table beside it."""

    progress: KpiProgress
    years: list[YearFigure] = field(default_factory=list)

    @property
    def withheld(self) -> bool:
        """Whether any of its actuals is withheld from the viewer."""
        return self.progress.withheld or any(year.withheld for year in self.years)


def _year_annotations(years: list[int]) -> dict:
    annotations = {}
    for year in years:
        end = date(year, 12, 31)
        annotations[f"sum_{year}"] = _money(Sum("actuals__value", filter=Q(actuals__date__lte=end)))
        annotations[f"latest_{year}"] = _latest_value(end)
        annotations[f"latest_partner_{year}"] = _latest_value(end, "partnership")
    return annotations


def _year_figure(kpi: Kpi, year: int, target, figures: PartnerFigures) -> YearFigure:
    """A past year's figure of a KPI annotated by `_year_annotations`, withheld where the viewer may not see it."""
    if not shows_actual(kpi, figures, year=year, latest_partner=getattr(kpi, f"latest_partner_{year}")):
        return YearFigure(year, target, None, withheld=True)
    return YearFigure(year, target, actual_to_date(kpi, total=getattr(kpi, f"sum_{year}"),
                                                   latest=getattr(kpi, f"latest_{year}")))


def kpi_years(kpis, *, years: list[int], as_of: date, figures: PartnerFigures = EVERY_FIGURE) -> list[KpiYears]:
    """Per KPI, per year: the target and the actual at the year's end (the running year: on `as_of`).

    Years after `as_of`'s year have no actual yet; actuals the viewer may not see are withheld.
    One annotated query plus the targets: two queries.
    """
    rows = []
    annotated = kpis_as_of(kpis, as_of=as_of, figures=figures).annotate(**_year_annotations(years))
    for kpi in annotated:
        kpi_progress = progress(kpi, as_of=as_of, figures=figures)
        targets = {target.year: target.target for target in kpi.targets.all()}
        year_figures = []
        for year in years:
            if year > as_of.year:
                year_figures.append(YearFigure(year, targets.get(year), None))
            elif year == as_of.year:
                year_figures.append(YearFigure(year, targets.get(year), kpi_progress.actual, kpi_progress.withheld))
            else:
                year_figures.append(_year_figure(kpi, year, targets.get(year), figures))
        rows.append(KpiYears(kpi_progress, year_figures))
    return rows


def grant_years(centre) -> list[int]:
    """The calendar years of the centre's grants: the years a KPI can have targets in (one query)."""
    years = set()
    for start, end in centre.grants.values_list("start", "end"):
        years.update(range(start.year, end.year + 1))
    return sorted(years)
