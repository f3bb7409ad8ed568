"""How the centre lives on, in the final report (registered in reports.sections from AppConfig.ready()).

The funder's final report (a report of kind "final" marked submitted: its pack is frozen then) shows,
when the grant came from an awarded application with a continuation forecast, the part "Na de
subsidie": the forecast per year after the subsidy (income, costs, what is left, and the totals) and,
once the office has asked for them, the partners' commitments after the subsidy: per partner where it
stands (confirmed by whom and when, not yet, void, change asked), the amount of its table and the
SHA-256 of the table it answered. The report is the office's document for the funder, so every
partner's amount is in it (partners never see it).

Sheet names and column names are the contract of the XLSX (Dutch words, docs/formats.md §6);
labels are translated, the snapshot builds the part in Dutch.
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civhub.applications.budget_rules import ZERO
from civhub.applications.models import Award, BudgetSide, ContinuationLine
from civhub.applications.selectors import commitments, continuation
from civhub.core.exports import Column, Kind, Table
from civhub.core.formatting import format_date
from civhub.reports.sections import Part, Section

FINAL = "final"  # grants.ReportKind.FINAL
FORECAST_SHEET = "Na de subsidie"
COMMITMENTS_SHEET = "Toezeggingen na de subsidie"


def forecast_table(years: list[continuation.Year]) -> Table:
    """`Na de subsidie`: income, costs and what is left per year after the subsidy, then the totals."""
    columns = [Column("Jaar", gettext_lazy("Year"), None),
               Column("Inkomsten", gettext_lazy("Income forecast"), Kind.MONEY),
               Column("Kosten", gettext_lazy("Costs forecast"), Kind.MONEY),
               Column("Over", gettext_lazy("Left, forecast"), Kind.MONEY)]
    rows = [(year.year, year.income, year.costs, year.left) for year in years]
    income, costs = sum((year.income for year in years), ZERO), sum((year.costs for year in years), ZERO)
    rows.append((_("Total"), income, costs, income - costs))
    return Table(sheet=FORECAST_SHEET, title=gettext_lazy("The forecast after the subsidy"), columns=columns,
                 rows=rows)


def _amounts(application) -> dict[int, Decimal]:
    """Each partner's income after the subsidy in the forecast (one query)."""
    totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for partnership_id, amount in (ContinuationLine.objects.filter(application=application, side=BudgetSide.INCOME,
                                                                   partnership__isnull=False)
                                   .values_list("partnership_id", "amount")):
        totals[partnership_id] += amount
    return totals


def commitments_table(application, standings: list[commitments.Standing]) -> Table:
    """`Toezeggingen na de subsidie`: per partner its amount after the subsidy and where its answer stands."""
    amounts = _amounts(application)
    columns = [Column("Partner", gettext_lazy("Partner"), width=40),
               Column("Bedrag na de subsidie", gettext_lazy("Amount after the subsidy"), Kind.MONEY),
               Column("Stand", gettext_lazy("Status"), width=30),
               Column("Beantwoord door", gettext_lazy("Answered by"), width=30),
               Column("Functie", gettext_lazy("Role"), width=30),
               Column("Beantwoord op", gettext_lazy("When"), Kind.DATETIME),
               Column("SHA-256", gettext_lazy("SHA-256 of the table answered"), width=66, in_pdf=False),
               Column("Code", gettext_lazy("Code"), in_pdf=False)]
    rows = []
    for standing in standings:
        latest = standing.latest
        rows.append((standing.partnership.organisation.name, amounts.get(standing.partnership.pk, ZERO),
                     standing.state_label, latest.signer_name if latest else "", latest.signer_role if latest else "",
                     latest.answered_at if latest else None, latest.table_hash if latest else "",
                     standing.partnership.short_code))
    return Table(sheet=COMMITMENTS_SHEET, title=gettext_lazy("The partners' commitments after the subsidy"),
                 columns=columns, rows=rows)


def final_report_part(grant, as_of: date) -> Part | None:
    """The part "Na de subsidie", or None for a grant that did not come from an application with a forecast after
    the subsidy (five queries; seven once the partners are asked)."""
    award = Award.objects.filter(grant=grant).select_related("application").first()
    if award is None:
        return None
    application = award.application
    years = continuation.years(application)
    if not any(year.forecast for year in years):
        return None
    paragraphs = [_("The forecast from the application “%(title)s” (decision %(reference)s) for the years after the "
                    "subsidy: the centre's income and costs, and what is left each year.") % {
                        "title": application.title, "reference": award.decision_reference or "—"}]
    tables = [forecast_table(years)]
    if application.continuation_round_open:
        standings = commitments.continuation_standings(application)
        paragraphs.append(_(
            "On %(asked)s the programme office asked the partners for their commitments after the subsidy; "
            "%(confirmed)s of %(total)s partners confirmed their table as it stands. A confirmation is void when the "
            "table changed after it was confirmed (its SHA-256, in the Excel file, no longer matches).") % {
                "asked": format_date(application.continuation_asked_on),
                "confirmed": sum(1 for standing in standings if standing.confirmed), "total": len(standings)})
        tables.append(commitments_table(application, standings))
    else:
        paragraphs.append(_("The partners have not been asked for their commitments after the subsidy yet."))
    return Part(key="continuation", title=_("After the subsidy"), paragraphs=paragraphs, tables=tables)


SECTION = Section("continuation", frozenset({FINAL}), final_report_part)
