"""The funder pack's row sources (formats.md §6): one per sheet, each built from the monitor's figures only.

Every function takes a `Monitor` (civhub.grants.selectors.monitor) and returns a `Table`:
the header names of formats.md §6, what kind of value each column holds, and the rows.
The XLSX writer (reports/xlsx.py) and the PDF (reports/pdf.py) render the same tables, so
the two cannot disagree, and neither computes a figure of its own: every number is one
the monitor page shows.

A cell that has a code for the file and a readable name for people (a partner's short
code and its organisation's name, a kind code and its label) is a `Coded`: the XLSX
writes the code, the PDF shows the label.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from civhub.core.choices import ContributionKind
from civhub.grants.selectors.monitor import ACCEPTED, Composition, Monitor
from civhub.ledger.exports import HEADER, export_rows
from civhub.ledger.models import Contribution
from civhub.partners.models import Cluster, CofinancingGroup


class Kind:
    """How a column's values are written and shown."""

    TEXT = "text"
    INTEGER = "integer"
    MONEY = "money"  # EUR, two decimals
    RATIO = "ratio"  # two decimals
    PERCENT = "percent"  # one decimal
    HOURS = "hours"  # two decimals
    SHARE = "share"  # a share 0..1, four decimals
    DATE = "date"


@dataclass(frozen=True)
class Coded:
    """A value with a code for the file and a label for people; `code` None is an empty cell."""

    code: str | int | None
    label: str

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class Column:
    name: str  # the header cell of the XLSX (formats.md §6)
    label: str | Promise  # the PDF's column heading
    kind: str = Kind.TEXT


@dataclass
class Table:
    """One sheet of the pack: its columns and rows; `row_kinds` gives a row's value kind where a column mixes kinds."""

    sheet: str
    title: str | Promise
    columns: list[Column]
    rows: Iterable[tuple]
    row_kinds: dict[str, str] = field(default_factory=dict)

    @property
    def header(self) -> list[str]:
        return [column.name for column in self.columns]

    def kinds_of(self, row: tuple) -> list[str]:
        """The kind of each cell of `row` (the Samenvatting's values are money, ratios or dates by row)."""
        key = row[0].code if isinstance(row[0], Coded) else row[0]
        return [column.kind or self.row_kinds.get(key, Kind.TEXT) for column in self.columns]


# Samenvatting --------------------------------------------------------------------------------

# (onderdeel, label, kind, value) — the nine rows formats.md §6 requires come first, in its order.
def _summary_items(figures: Monitor) -> list[tuple[str, Promise, str, object]]:
    employers, others = figures.group(Composition.EMPLOYERS), figures.group(Composition.OTHERS)
    items = [
        ("subsidie_toegekend", _("Subsidy granted"), Kind.MONEY, figures.subsidy_granted),
        ("subsidie_besteed", _("Subsidy spent"), Kind.MONEY, figures.subsidy_spent),
        ("cofinanciering_vereist", _("Co-financing required (subsidy spent × ratio)"), Kind.MONEY,
         figures.cofinancing_required),
        ("cofinanciering_gerealiseerd", _("Co-financing realised (accepted, counted)"), Kind.MONEY,
         figures.cofinancing_realised),
        ("cofinancieringsratio", _("Co-financing ratio (realised ÷ subsidy spent)"), Kind.RATIO, figures.ratio),
        ("prognose_cofinanciering_einde", _("Forecast co-financing at the end"), Kind.MONEY,
         figures.forecast_cofinancing),
        ("werkgevers_gerealiseerd", _("Realised by employers"), Kind.MONEY, employers.realised),
        ("overig_gerealiseerd", _("Realised by government and other partners"), Kind.MONEY, others.realised),
        ("niet_meegeteld", _("Accepted but not counted (lead applicant and others)"), Kind.MONEY,
         figures.not_counted),
        # More context after the required rows.
        ("prognose_ratio", _("Forecast ratio at the end (÷ budgeted subsidy)"), Kind.RATIO, figures.forecast_ratio),
        ("vereiste_ratio", _("Required ratio"), Kind.RATIO, figures.required_ratio),
        ("begroot_subsidie", _("Budgeted subsidy"), Kind.MONEY, figures.subsidy_budget),
        ("begroting_totaal", _("Total budget"), Kind.MONEY, figures.total_budget),
        ("werkgevers_prognose", _("Employers: forecast at the end"), Kind.MONEY, employers.forecast),
        ("werkgevers_minimum", _("Employers: minimum"), Kind.MONEY, employers.minimum),
        ("werkgevers_maximum", _("Employers: maximum"), Kind.MONEY, employers.maximum),
        ("overig_prognose", _("Government and other partners: forecast at the end"), Kind.MONEY, others.forecast),
        ("overig_maximum", _("Government and other partners: maximum"), Kind.MONEY, others.maximum),
        ("verstreken_aandeel", _("Share of the period elapsed"), Kind.SHARE, figures.elapsed.share),
        ("peildatum", _("Reference date"), Kind.DATE, figures.as_of),
        ("periode_start", _("Period from"), Kind.DATE, figures.period.start),
        ("periode_einde", _("Period to"), Kind.DATE, figures.period.end),
    ]
    if figures.period.year is not None:
        items.append(("jaar", _("Year"), Kind.INTEGER, figures.period.year))
    return items


def summary(figures: Monitor) -> Table:
    """`Samenvatting`: onderdeel, waarde."""
    items = _summary_items(figures)
    return Table(
        sheet="Samenvatting", title=_("Summary"),
        columns=[Column("onderdeel", _("Item")), Column("waarde", _("Value"), kind=None)],
        rows=[(Coded(key, str(label)), value) for key, label, _kind, value in items],
        row_kinds={key: kind for key, _label, kind, _value in items},
    )


# Per partner ---------------------------------------------------------------------------------


def per_partner(figures: Monitor) -> Table:
    """`Per partner`: partner, cluster, groep, toegezegd, gerealiseerd, percentage, gerealiseerd_YYYY per year."""
    years = figures.year_list
    columns = [
        Column("partner", _("Partner")), Column("cluster", _("Cluster")),
        Column("groep", _("Co-financing group")), Column("toegezegd", _("Pledged"), Kind.MONEY),
        Column("gerealiseerd", _("Realised"), Kind.MONEY),
        Column("percentage", _("Percentage of pledge"), Kind.PERCENT),
        *[Column(f"gerealiseerd_{year}", _("Realised %(year)s") % {"year": year}, Kind.MONEY) for year in years],
    ]
    rows = [(
        Coded(partner.partnership.short_code, partner.partnership.organisation.name),
        Coded(partner.partnership.cluster, str(Cluster(partner.partnership.cluster).label)),
        Coded(partner.partnership.cofinancing_group,
              str(CofinancingGroup(partner.partnership.cofinancing_group).label)),
        partner.pledged, partner.realised, partner.percent, *partner.year_amounts(years),
    ) for partner in figures.partners]
    return Table(sheet="Per partner", title=_("Per partner"), columns=columns, rows=rows)


# Per jaar ------------------------------------------------------------------------------------


def per_year(figures: Monitor) -> Table:
    """`Per jaar`: jaar, begroot_ and besteed_subsidie, begroot_ and gerealiseerd_cofinanciering, ratio."""
    columns = [
        Column("jaar", _("Year"), Kind.INTEGER),
        Column("begroot_subsidie", _("Subsidy budgeted"), Kind.MONEY),
        Column("besteed_subsidie", _("Subsidy spent"), Kind.MONEY),
        Column("begroot_cofinanciering", _("Co-financing budgeted"), Kind.MONEY),
        Column("gerealiseerd_cofinanciering", _("Co-financing realised"), Kind.MONEY),
        Column("ratio", _("Ratio"), Kind.RATIO),
    ]
    rows = [(year.year, year.budget_subsidy, year.subsidy_spent, year.budget_cofinancing, year.cofinancing_realised,
             year.ratio) for year in figures.years]
    return Table(sheet="Per jaar", title=_("Per year"), columns=columns, rows=rows)


# Per programmalijn ---------------------------------------------------------------------------


def per_line(figures: Monitor) -> Table:
    """`Per programmalijn`: programmalijn (the number; empty for entries on no line), begroot, realised, spent."""
    columns = [
        Column("programmalijn", _("Programme line")),
        Column("begroot", _("Budget (subsidy and co-financing)"), Kind.MONEY),
        Column("gerealiseerd_cofinanciering", _("Co-financing realised"), Kind.MONEY),
        Column("besteed_subsidie", _("Subsidy spent"), Kind.MONEY),
    ]
    rows = [(Coded(line.number, f"{line.number}. {line.name}" if line.number is not None else line.name),
             line.budget, line.cofinancing_realised, line.subsidy_spent) for line in figures.lines]
    return Table(sheet="Per programmalijn", title=_("Per programme line"), columns=columns, rows=rows)


# Per soort -----------------------------------------------------------------------------------


def per_kind(figures: Monitor) -> Table:
    """`Per soort`: soort (the kind code), uren, bedrag — counted co-financing only."""
    columns = [Column("soort", _("Kind")), Column("uren", _("Hours"), Kind.HOURS),
               Column("bedrag", _("Amount"), Kind.MONEY)]
    rows = [(Coded(kind.kind, str(ContributionKind(kind.kind).label)), kind.hours, kind.amount)
            for kind in figures.kinds]
    return Table(sheet="Per soort", title=_("Per kind of contribution"), columns=columns, rows=rows)


# Composition (the PDF's table; the XLSX has these figures in the Samenvatting) -----------------


def composition(figures: Monitor) -> Table:
    """The composition groups: realised and forecast against their bounds (empty: no bound)."""
    columns = [Column("groep", _("Group")), Column("gerealiseerd", _("Realised"), Kind.MONEY),
               Column("prognose", _("Forecast at the end"), Kind.MONEY),
               Column("minimum", _("Minimum"), Kind.MONEY), Column("maximum", _("Maximum"), Kind.MONEY)]
    rows = [(Coded(group.group, group.label), group.realised, group.forecast if group.counted else None,
             group.minimum, group.maximum) for group in figures.groups]
    return Table(sheet="Samenstelling", title=_("Composition of the co-financing"), columns=columns, rows=rows)


# Bijdragen -----------------------------------------------------------------------------------


def accepted_contributions(figures: Monitor) -> QuerySet[Contribution]:
    """The entries behind the monitor's figures: accepted and reversed, in the period and on or before the date."""
    period = figures.period
    return Contribution.objects.filter(centre_id=figures.grant.centre_id, status__in=ACCEPTED,
                                       date__gte=period.start, date__lte=min(figures.as_of, period.end))


BIJDRAGEN_KINDS = {"datum": Kind.DATE, "uren": Kind.HOURS, "uurtarief": Kind.MONEY, "bedrag": Kind.MONEY,
                   "programmalijn": Kind.INTEGER}


def contributions(figures: Monitor) -> Table:
    """`Bijdragen`: every accepted entry, with the ledger export's columns (formats.md §5), streamed."""
    rows: Iterator[tuple] = export_rows(accepted_contributions(figures))
    columns = [Column(name, name, BIJDRAGEN_KINDS.get(name, Kind.TEXT)) for name in HEADER]
    return Table(sheet="Bijdragen", title=_("Contributions"), columns=columns, rows=rows)


def sheets(figures: Monitor) -> list[Table]:
    """The XLSX's sheets in the order of formats.md §6 (Bijdragen last: it streams)."""
    return [summary(figures), per_partner(figures), per_year(figures), per_line(figures), per_kind(figures),
            contributions(figures)]


def cell_value(value) -> str | int | Decimal | date | None:
    """What a file stores for a cell: a Coded's code, anything else as it is."""
    return value.code if isinstance(value, Coded) else value
