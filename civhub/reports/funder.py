"""The funder pack's row sources (docs/formats.md §6): one per sheet, each built from the monitor's figures only.

Every function takes a `Monitor` (civhub.grants.selectors.monitor) and returns a `Table`:
the sheet's column headings (Dutch words, the contract), the heading each column has in
the PDF, what kind of value each column holds, and the rows. The XLSX (`write_funder_xlsx`,
with civhub.core.exports) and the PDF (reports/pdf.py) render the same tables, so the two cannot
disagree, and neither computes a figure of its own: every number is one the monitor shows.

The pack is read by people at the funder: labels are Dutch words (build the tables under
`translation.override("nl")`), partners by name; the machine keys (a partner's short code,
a kind's code, a Samenvatting row's key) stay in their own columns (`Code`, `Sleutel`),
which the PDF leaves out.
"""

from collections.abc import Iterator
from datetime import date
from typing import BinaryIO

from django.db.models import QuerySet
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy

from civhub.core.choices import ContributionKind
from civhub.core.exports import Column, Kind, Table
from civhub.core.exports.xlsx import write_xlsx
from civhub.core.shares import share_label
from civhub.grants.selectors.monitor import Composition, Monitor
from civhub.ledger.counting import accepted_as_of
from civhub.ledger.exports import FIELDS, HEADER
from civhub.ledger.models import Contribution
from civhub.partners.models import Cluster, CofinancingGroup

LONG_TEXT = 58  # the XLSX width of a column of names and labels


def _label(choice_class, value) -> str:
    return capfirst(str(choice_class(value).label))


# Samenvatting --------------------------------------------------------------------------------


def _required_items(figures: Monitor) -> list[tuple[str, Promise, str, object]]:
    """(key, label, kind, value): the rows docs/formats.md §6 requires, in its order."""
    employers, others = figures.group(Composition.EMPLOYERS), figures.group(Composition.OTHERS)
    return [
        ("subsidie_toegekend", gettext_lazy("Subsidy granted"), Kind.MONEY, figures.subsidy_granted),
        ("subsidie_besteed", gettext_lazy("Subsidy spent"), Kind.MONEY, figures.subsidy_spent),
        ("cofinanciering_vereist", gettext_lazy("Co-financing required (subsidy spent × ratio)"), Kind.MONEY,
         figures.cofinancing_required),
        ("cofinanciering_gerealiseerd", gettext_lazy("Co-financing realised (accepted, groups that count)"),
         Kind.MONEY, figures.cofinancing_realised),
        ("werkgevers_gerealiseerd", gettext_lazy("Realised by employers"), Kind.MONEY, employers.realised),
        ("overig_gerealiseerd", gettext_lazy("Realised by government and other partners"), Kind.MONEY,
         others.realised),
        ("niet_meegeteld", gettext_lazy("Accepted but not counted (lead applicant's own and BPV)"), Kind.MONEY,
         figures.not_counted),
        ("werkgevers_minimum", gettext_lazy("Employers: minimum"), Kind.MONEY, employers.minimum),
        ("werkgevers_maximum", gettext_lazy("Employers: maximum"), Kind.MONEY, employers.maximum),
        ("overig_maximum", gettext_lazy("Government and other partners: maximum"), Kind.MONEY, others.maximum),
        ("cofinanciering_meegeteld", gettext_lazy("Co-financing counted (each group up to its maximum)"), Kind.MONEY,
         figures.cofinancing_counted),
        ("tekort_cofinanciering", gettext_lazy("Shortfall of co-financing (required − counted)"), Kind.MONEY,
         figures.shortfall),
        ("cofinancieringsratio", gettext_lazy("Co-financing ratio (counted ÷ subsidy spent)"), Kind.RATIO,
         figures.ratio),
        ("prognose_cofinanciering_einde", gettext_lazy("Forecast co-financing at the end (at this pace, counted)"),
         Kind.MONEY, figures.forecast_cofinancing),
        ("waarvan_gemigreerd", gettext_lazy("Of the realised co-financing: arrived by migration"), Kind.MONEY,
         figures.migrated),
    ]


def _context_items(figures: Monitor) -> list[tuple[str, Promise, str, object]]:
    """More context, after the required rows."""
    employers, others = figures.group(Composition.EMPLOYERS), figures.group(Composition.OTHERS)
    grant = figures.grant
    items = [
        ("werkgevers_meegeteld", gettext_lazy("Employers: counted"), Kind.MONEY, employers.counted),
        ("overig_meegeteld", gettext_lazy("Government and other partners: counted"), Kind.MONEY, others.counted),
        ("boven_maximum", gettext_lazy("Above the maximum, not counted"), Kind.MONEY, figures.cofinancing_excess),
        ("vereiste_ratio", gettext_lazy("Required ratio"), Kind.RATIO, figures.required_ratio),
        ("subsidie_gedragen", gettext_lazy("Subsidy the counted co-financing carries (counted ÷ ratio)"),
         Kind.MONEY, figures.subsidy_carried),
        ("subsidie_niet_gedragen", gettext_lazy("Subsidy spent not carried by co-financing"), Kind.MONEY,
         figures.subsidy_at_risk),
        ("begroot_subsidie", gettext_lazy("Budgeted subsidy"), Kind.MONEY, figures.subsidy_budget),
        ("begroting_totaal", gettext_lazy("Total budget"), Kind.MONEY, figures.total_budget),
        ("vereist_einde", gettext_lazy("Co-financing required at the end (budgeted subsidy × ratio)"), Kind.MONEY,
         figures.required_at_end),
        ("prognose_ratio", gettext_lazy("Forecast ratio at the end (÷ budgeted subsidy)"), Kind.RATIO,
         figures.forecast_ratio),
        ("tekort_prognose", gettext_lazy("Forecast shortfall at the end"), Kind.MONEY, figures.forecast_shortfall),
        ("prognose_toezeggingen", gettext_lazy("Commitment forecast at the end (counted + waiting + pledges to come)"),
         Kind.MONEY, figures.commitment_forecast),
        ("prognose_toezeggingen_ratio", gettext_lazy("Commitment forecast ratio"), Kind.RATIO,
         figures.commitment_ratio),
        ("tekort_toezeggingen", gettext_lazy("Commitment forecast shortfall"), Kind.MONEY,
         figures.commitment_shortfall),
        ("werkgevers_prognose", gettext_lazy("Employers: forecast at the end"), Kind.MONEY, employers.forecast),
        ("overig_prognose", gettext_lazy("Government and other partners: forecast at the end"), Kind.MONEY,
         others.forecast),
        ("werkgevers_aandeel_minimum", gettext_lazy("Employers' minimum share"), Kind.TEXT,
         share_label(grant.employer_share_min)),
        ("werkgevers_aandeel_maximum", gettext_lazy("Employers' maximum share"), Kind.TEXT,
         share_label(grant.employer_share_max)),
        ("overig_aandeel_maximum", gettext_lazy("Others' maximum share"), Kind.TEXT,
         share_label(grant.other_share_max)),
        ("verstreken_aandeel", gettext_lazy("Share of the period elapsed"), Kind.SHARE, figures.elapsed.share),
        ("peildatum", gettext_lazy("Reference date"), Kind.DATE, figures.as_of),
        ("periode_start", gettext_lazy("Period from"), Kind.DATE, figures.period.start),
        ("periode_einde", gettext_lazy("Period to"), Kind.DATE, figures.period.end),
        ("regeling", gettext_lazy("Regulation"), Kind.TEXT, str(grant.regulation or grant.scheme)),
        ("beschikking_kenmerk", gettext_lazy("Reference of the award decision"), Kind.TEXT,
         grant.decision_reference or None),
        ("beschikking_datum", gettext_lazy("Date of the award decision"), Kind.DATE, grant.decision_date),
    ]
    if figures.period.year is not None:
        items.append(("jaar", gettext_lazy("Year"), Kind.INTEGER, figures.period.year))
    return items


def summary_items(figures: Monitor) -> list[tuple[str, Promise, str, object]]:
    """(key, label, kind, value) of every Samenvatting row: the required ones first, in the contract's order."""
    return [*_required_items(figures), *_context_items(figures)]


def summary(figures: Monitor) -> Table:
    """`Samenvatting`: Onderdeel (a Dutch label), Waarde, Sleutel (the key)."""
    items = summary_items(figures)
    return Table(
        sheet="Samenvatting", title=gettext_lazy("Summary"),
        columns=[Column("Onderdeel", gettext_lazy("Item"), width=LONG_TEXT),
                 Column("Waarde", gettext_lazy("Value"), kind=None),
                 Column("Sleutel", gettext_lazy("Key"), in_pdf=False)],
        rows=[(str(label), value, key) for key, label, _kind, value in items],
        row_kinds=[kind for _key, _label, kind, _value in items],
    )


def summary_values(figures: Monitor) -> dict[str, str | None]:
    """The Samenvatting as {key: value as text}: what a submitted report keeps to compare with later."""
    return {key: None if value is None else str(value.isoformat() if isinstance(value, date) else value)
            for key, _label, _kind, value in summary_items(figures)}


# Per partner ---------------------------------------------------------------------------------


def per_partner(figures: Monitor) -> Table:
    """`Per partner`: name, code, cluster, group, pledged, realised (cash, in kind), percentage, per year;
    then what of it arrived by migration, and BPV (recorded, not counted)."""
    years = figures.year_list
    columns = [
        Column("Partner", gettext_lazy("Partner"), width=LONG_TEXT), Column("Code", gettext_lazy("Code"), in_pdf=False),
        Column("Cluster", gettext_lazy("Cluster"), in_pdf=False),  # the group says what counts; the file has both
        Column("Cofinancieringsgroep", gettext_lazy("Co-financing group")),
        Column("Toegezegd", gettext_lazy("Pledged"), Kind.MONEY),
        Column("Gerealiseerd", gettext_lazy("Realised"), Kind.MONEY),
        Column("Waarvan geld", gettext_lazy("Of which cash"), Kind.MONEY),
        Column("Waarvan in natura", gettext_lazy("Of which in kind"), Kind.MONEY),
        Column("% van toezegging", gettext_lazy("Share of pledge"), Kind.PERCENT),
        *[Column(f"Gerealiseerd {year}", gettext_lazy("Realised %(year)s") % {"year": year}, Kind.MONEY)
          for year in years],
        Column("Waarvan gemigreerd", gettext_lazy("Of which migrated"), Kind.MONEY),
        Column("BPV (telt niet mee)", gettext_lazy("BPV (not counted)"), Kind.MONEY),
    ]
    rows = [(
        partner.partnership.organisation.name, partner.partnership.short_code,
        _label(Cluster, partner.partnership.cluster), _label(CofinancingGroup, partner.partnership.cofinancing_group),
        partner.pledged, partner.realised, partner.cash, partner.in_kind, partner.percent,
        *partner.year_amounts(years), partner.migrated, partner.bpv,
    ) for partner in figures.partners]
    return Table(sheet="Per partner", title=gettext_lazy("Per partner"), columns=columns, rows=rows)


# Per jaar ------------------------------------------------------------------------------------


def per_year(figures: Monitor) -> Table:
    """`Per jaar`: budgeted and spent subsidy, budgeted and realised co-financing, the ratio; then counted and the
    cumulative ratio (counted up to the groups' maxima)."""
    columns = [
        Column("Jaar", gettext_lazy("Year"), Kind.INTEGER),
        Column("Begroot subsidie", gettext_lazy("Subsidy budgeted"), Kind.MONEY),
        Column("Besteed subsidie", gettext_lazy("Subsidy spent"), Kind.MONEY),
        Column("Begroot cofinanciering", gettext_lazy("Co-financing budgeted"), Kind.MONEY),
        Column("Gerealiseerde cofinanciering", gettext_lazy("Co-financing realised"), Kind.MONEY),
        Column("Ratio", gettext_lazy("Ratio"), Kind.RATIO),
        Column("Meegetelde cofinanciering", gettext_lazy("Co-financing counted"), Kind.MONEY),
        Column("Cumulatieve ratio", gettext_lazy("Cumulative ratio"), Kind.RATIO),
    ]
    rows = [(year.year, year.budget_subsidy, year.subsidy_spent, year.budget_cofinancing, year.cofinancing_realised,
             year.ratio, year.cofinancing_counted, year.cumulative_ratio) for year in figures.years]
    return Table(sheet="Per jaar", title=gettext_lazy("Per year"), columns=columns, rows=rows)


# Per programmalijn ---------------------------------------------------------------------------


def per_line(figures: Monitor) -> Table:
    """`Per programmalijn`: the line (by name), budget, co-financing realised, subsidy spent; the number as Code."""
    columns = [
        Column("Programmalijn", gettext_lazy("Programme line"), width=LONG_TEXT),
        Column("Begroot", gettext_lazy("Budget (subsidy and co-financing)"), Kind.MONEY),
        Column("Gerealiseerde cofinanciering", gettext_lazy("Co-financing realised"), Kind.MONEY),
        Column("Besteed subsidie", gettext_lazy("Subsidy spent"), Kind.MONEY),
        Column("Code", gettext_lazy("Code"), Kind.INTEGER, in_pdf=False),
    ]
    rows = [(f"{line.number}. {line.name}" if line.number is not None else line.name, line.budget,
             line.cofinancing_realised, line.subsidy_spent, line.number) for line in figures.lines]
    return Table(sheet="Per programmalijn", title=gettext_lazy("Per programme line"), columns=columns, rows=rows)


# Per soort -----------------------------------------------------------------------------------


def per_kind(figures: Monitor) -> Table:
    """`Per soort`: the kinds that are co-financing, with hours and value (BPV is in `niet_meegeteld`)."""
    columns = [Column("Soort", gettext_lazy("Kind"), width=LONG_TEXT),
               Column("Uren", gettext_lazy("Hours"), Kind.HOURS),
               Column("Bedrag", gettext_lazy("Amount"), Kind.MONEY),
               Column("Code", gettext_lazy("Code"), in_pdf=False)]
    rows = [(capfirst(str(ContributionKind(kind.kind).label)), kind.hours, kind.amount, kind.kind)
            for kind in figures.kinds if kind.counted]
    return Table(sheet="Per soort", title=gettext_lazy("Per kind of contribution"), columns=columns, rows=rows)


# Composition (the PDF's table; the XLSX has these figures in the Samenvatting) -----------------


def composition(figures: Monitor) -> Table:
    """The composition groups: realised, counted, above the maximum and forecast, against their bounds."""
    columns = [Column("Groep", gettext_lazy("Group")), Column("Gerealiseerd", gettext_lazy("Realised"), Kind.MONEY),
               Column("Meegeteld", gettext_lazy("Counted"), Kind.MONEY),
               Column("Boven maximum", gettext_lazy("Above maximum"), Kind.MONEY),
               Column("Prognose", gettext_lazy("Forecast at the end"), Kind.MONEY),
               Column("Minimum", gettext_lazy("Minimum"), Kind.MONEY),
               Column("Maximum", gettext_lazy("Maximum"), Kind.MONEY)]
    rows = [(group.label, group.realised, group.counted, group.excess if group.counts else None,
             group.forecast, group.minimum, group.maximum) for group in figures.groups]
    return Table(sheet="Samenstelling", title=gettext_lazy("Composition of the co-financing"), columns=columns,
                 rows=rows)


# Bijdragen -----------------------------------------------------------------------------------

ORIGIN = {Contribution.Provenance.TWO_KEYS: "twee sleutels", Contribution.Provenance.MIGRATED: "migratie"}
BIJDRAGEN_KINDS = {"datum": Kind.DATE, "uren": Kind.HOURS, "uurtarief": Kind.MONEY, "bedrag": Kind.MONEY,
                   "programmalijn": Kind.INTEGER, "geaccepteerd_op": Kind.DATE}


def accepted_contributions(figures: Monitor) -> QuerySet[Contribution]:
    """The entries behind the monitor's figures: counted as of the date (ledger.counting), in the period."""
    period = figures.period
    return Contribution.objects.filter(accepted_as_of(figures.as_of), centre_id=figures.grant.centre_id,
                                       date__gte=period.start, date__lte=period.end)


def _contribution_rows(entries: QuerySet[Contribution]) -> Iterator[tuple]:
    """The export's columns (docs/formats.md §5), then the origin in words, the partner's name and the day accepted."""
    rows = (entries.order_by("date", "pk").values_list(*FIELDS, "provenance", "partnership__organisation__name",
                                                       "accepted_on").iterator(chunk_size=2000))
    for row in rows:
        yield (*row[:len(FIELDS)], ORIGIN[row[len(FIELDS)]], *row[len(FIELDS) + 1:])


def contributions(figures: Monitor) -> Table:
    """`Bijdragen`: every accepted entry, with the export's columns (docs/formats.md §5) and its origin, streamed."""
    names = [*HEADER, "herkomst", "partnernaam", "geaccepteerd_op"]
    columns = [Column(name, name, BIJDRAGEN_KINDS.get(name, Kind.TEXT),
                      width=LONG_TEXT if name == "partnernaam" else None) for name in names]
    return Table(sheet="Bijdragen", title=gettext_lazy("Contributions"), columns=columns,
                 rows=_contribution_rows(accepted_contributions(figures)))


def sheets(figures: Monitor) -> list[Table]:
    """The XLSX's sheets in the order of docs/formats.md §6 (Bijdragen last: it streams)."""
    return [summary(figures), per_partner(figures), per_year(figures), per_line(figures), per_kind(figures),
            contributions(figures)]



# The file ------------------------------------------------------------------------------------

PACK_LANGUAGE = "nl"


def write_funder_xlsx(figures: Monitor, binary_file: BinaryIO, *, parts=()) -> None:
    """Write the pack's six sheets to an open binary file, in Dutch whatever the language of the request.

    Bijdragen, the only long sheet, streams (civhub.core.exports.xlsx writes in constant memory): a
    million entries are never held at once. A report's added parts (reports/sections.py, the final
    report's "Na de subsidie") follow it, a sheet per table, so the six keep their places.
    """
    with translation.override(PACK_LANGUAGE):
        write_xlsx([*sheets(figures), *(table for part in parts for table in part.tables)], binary_file)
