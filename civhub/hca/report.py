"""The HCA report: the labour-market part of a funding application, as XLSX and as PDF.

It leaves the office, so it shows only published cells (at least MIN_PARTNERS answering partners) and never
a partner's name; a suppressed cell says so in its remark and carries no figures. The tables are defined once
(civhub.core.exports) and rendered to both files, so the workbook and the PDF cannot disagree, and every figure
is one the selectors show (hca/selectors/summary.py):

- Methode: method and sources, in short; the round, its response, the published forecast's source.
- Prognose: the forecast per occupation for the round (the newest, unless another is asked for).
- Trend: every occupation in every round up to that one.
- Vaardigheden: per skill its biggest published gap between importance in five years and line-1 coverage.
- Gepubliceerd: the newest published forecast as published, beside the partners' own ITA.

Sheet and column names are Dutch (the file's contract); titles and the PDF's headings are translated, and
the report is built in Dutch (`translation.override(PDF_LANGUAGE)`) like the funder pack.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import BinaryIO

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civhub.core.exports import Column, Kind, Table
from civhub.core.exports.pdf import EMPTY, NUMERIC, Cell, format_value
from civhub.core.exports.xlsx import write_xlsx
from civhub.core.formatting import group_number
from civhub.hca.charts import published_openings_and_supply
from civhub.hca.errors import HcaError
from civhub.hca.selectors.cells import newest, trend_rows
from civhub.hca.selectors.forecast import MIN_PARTNERS
from civhub.hca.selectors.published import PublishedEdition, newest_edition
from civhub.hca.selectors.skills import skills_heatmap
from civhub.hca.selectors.summary import ShownRound, SkillGap, response, shown_rounds, skill_gaps
from civhub.reports.pdf import PDF_LANGUAGE, now, render_pdf, svg_data_uri

TENTH = "tenth"  # a mean on the 1–5 scale or a gap: one decimal
PERSONS = Kind.INTEGER  # whole persons
FORMATS = {TENTH: "0.0"}
WIDE_TEXT = 60


def suppressed_text() -> str:
    return _("fewer than %(minimum)s partners: not published") % {"minimum": MIN_PARTNERS}


@dataclass
class HcaReport:
    """The report of one survey round: the rounds up to it, its skill gaps, the published forecast, the tables."""

    centre: object
    round: ShownRound
    rounds: list[ShownRound]
    answered: int
    employers: int
    skill_gaps: list[SkillGap]
    edition: PublishedEdition | None
    generated_at: datetime

    @property
    def survey_round(self):
        return self.round.survey_round

    @property
    def tables(self) -> list[Table]:
        return [method_table(self), forecast_table(self), trend_table(self), skills_table(self),
                published_table(self)]


def build_report(centre, *, reference_date: date | None = None) -> HcaReport:
    """The report of the round with this reference date (default: the newest); HcaError without such a round.

    Twelve queries whatever the number of rounds, partners, occupations and skills.
    """
    rounds = shown_rounds(centre)
    chosen = newest(rounds, as_of=reference_date)
    if reference_date is not None and (chosen is None or chosen.survey_round.reference_date != reference_date):
        raise HcaError(_("The centre has no survey round with reference date %(date)s.")
                       % {"date": reference_date.isoformat()})
    if chosen is None:
        raise HcaError(_("The centre has no survey round yet: there is nothing to report."))
    rounds = rounds[:rounds.index(chosen) + 1]
    return HcaReport(centre, chosen, rounds, *response(chosen.survey_round),
                     skill_gaps(skills_heatmap(chosen.survey_round, office=False)), newest_edition(centre), now())


# The tables ----------------------------------------------------------------------------------


def _remark(cell) -> str:
    return "" if cell.published else suppressed_text()


def method_table(report: HcaReport) -> Table:
    survey_round = report.survey_round
    items = [
        (_("Survey round"), _("%(year)s, reference date %(date)s, horizon %(horizon)s years") % {
            "year": survey_round.reference_date.year, "date": format_value(survey_round.reference_date, Kind.DATE),
            "horizon": survey_round.horizon_years}),
        (_("Response"), _("%(answered)s of %(employers)s employer partners answered") % {
            "answered": report.answered, "employers": report.employers}),
        (_("Demand"), _("Expansion demand: the change in employment the employer partners expect over the horizon. "
                        "Replacement demand: the leavers they stated, else the 60+ age band leaving within seven "
                        "years plus %(rate)s a year of other leavers. Job openings: the two together, at least 0.")
         % {"rate": format_value(survey_round.outflow_rate, Kind.SHARE)}),
        (_("Supply"), _("School-leavers entering the region's labour market over the horizon: graduates a year "
                        "× the share that starts work in the region, over the programmes that train for the "
                        "occupation.")),
        (_("ITA"), _("Indicator of future labour-market prospects (ROA): school-leavers entering ÷ job openings. "
                     "At most 0.85 very good, 1.00 good, 1.05 fair, 1.15 moderate, above that poor (for "
                     "school-leavers; the lower, the harder for employers to fill the openings).")),
        (_("Privacy"), _("A figure is published only when at least %(count)s partners answered for it, so that no "
                         "partner's plans can be read back. Other cells read “%(text)s”.")
         % {"count": MIN_PARTNERS, "text": suppressed_text()}),
    ]
    if survey_round.illustrative:
        items.insert(1, (_("Illustrative"), _("The figures of this round are illustrative (demo figures).")))
    if report.edition is not None:
        forecast = report.edition.forecast
        source = _("%(publisher)s, %(edition)s, %(region)s, %(first)s–%(last)s") % {
            "publisher": forecast.publisher, "edition": forecast.edition, "region": forecast.region,
            "first": forecast.first_year, "last": forecast.last_year}
        items.append((_("Published forecast"), f"{source} {forecast.source_url}".strip()))
    return Table(sheet="Methode", title=gettext_lazy("Method and sources"),
                 columns=[Column("onderwerp", gettext_lazy("Subject"), width=24),
                          Column("toelichting", gettext_lazy("Explanation"), width=110)],
                 rows=items)


FORECAST_COLUMNS = [
    Column("beroep", gettext_lazy("Occupation"), width=28),
    Column("werkgelegenheid", gettext_lazy("Employment"), PERSONS),
    Column("uitbreidingsvraag", gettext_lazy("Expansion demand"), PERSONS),
    Column("vervangingsvraag", gettext_lazy("Replacement demand"), PERSONS),
    Column("baanopeningen", gettext_lazy("Job openings"), PERSONS),
    Column("instroom", gettext_lazy("School-leavers entering"), PERSONS),
    Column("baanopeningen_per_jaar_pct", gettext_lazy("Openings a year (%)"), Kind.PERCENT),
    Column("belang_vervangingsvraag_pct", gettext_lazy("Share of replacement (%)"), Kind.PERCENT),
    Column("ita", gettext_lazy("ITA"), Kind.RATIO),
    Column("typering", gettext_lazy("Prospects"), width=14),
    Column("opmerking", gettext_lazy("Remark"), width=WIDE_TEXT),
]


def forecast_table(report: HcaReport) -> Table:
    rows = [[cell.occupation, cell.employment, cell.expansion, cell.replacement, cell.openings, cell.supply,
             cell.openings_per_year_pct, cell.replacement_importance_pct, cell.ita, cell.typology_label,
             _remark(cell)] for cell in report.round.cells]
    title = _("Forecast per occupation, round %(year)s") % {"year": report.survey_round.reference_date.year}
    return Table(sheet="Prognose", title=title, columns=FORECAST_COLUMNS, rows=rows)


def trend_table(report: HcaReport) -> Table:
    rows = []
    for row in trend_rows(report.rounds):
        for shown, cell in zip(report.rounds, row.cells, strict=True):
            rows.append([cell.occupation, shown.survey_round.reference_date.year, shown.survey_round.reference_date,
                         cell.employment, cell.openings, cell.supply, cell.ita, cell.typology_label, _remark(cell)])
    return Table(sheet="Trend", title=gettext_lazy("Trend over the survey rounds"), columns=[
        Column("beroep", gettext_lazy("Occupation"), width=28),
        Column("ronde", gettext_lazy("Round"), Kind.INTEGER, width=8),
        Column("peildatum", gettext_lazy("Reference date"), Kind.DATE),
        Column("werkgelegenheid", gettext_lazy("Employment"), PERSONS),
        Column("baanopeningen", gettext_lazy("Job openings"), PERSONS),
        Column("instroom", gettext_lazy("School-leavers entering"), PERSONS),
        Column("ita", gettext_lazy("ITA"), Kind.RATIO),
        Column("typering", gettext_lazy("Prospects"), width=14),
        Column("opmerking", gettext_lazy("Remark"), width=WIDE_TEXT),
    ], rows=rows)


def skills_table(report: HcaReport) -> Table:
    rows = [[gap.skill, gap.occupation, gap.importance_now, gap.importance_later, gap.coverage, gap.gap]
            for gap in report.skill_gaps]
    return Table(sheet="Vaardigheden", title=gettext_lazy("Skills gaps: importance in five years against "
                                                          "coverage in line-1 education"), columns=[
        Column("vaardigheid", gettext_lazy("Skill"), width=36),
        Column("beroep", gettext_lazy("Occupation (largest gap)"), width=28),
        Column("belang_nu", gettext_lazy("Importance now (1–5)"), TENTH),
        Column("belang_over_5_jaar", gettext_lazy("Importance in five years (1–5)"), TENTH),
        Column("dekking", gettext_lazy("Coverage (0–3)"), Kind.INTEGER),
        Column("tekort", gettext_lazy("Gap"), TENTH),
    ], rows=rows)


def published_table(report: HcaReport) -> Table:
    ours = {cell.occupation_id: cell for cell in report.round.cells}
    rows = []
    for row in report.edition.rows if report.edition else []:
        cell = ours.get(row.occupation_id)
        shown = cell is not None and cell.published
        rows.append([row.name, str(row.get_subject_display()), cell.occupation if cell else "", row.employment,
                     row.expansion, row.replacement, row.supply, row.ita, row.typology,
                     cell.ita if shown else None, cell.typology_label if shown else "",
                     suppressed_text() if cell is not None and not cell.published else ""])
    title = (_("Published forecast: %(edition)s (%(region)s), as published, beside the partners' own ITA")
             % {"edition": report.edition.forecast.edition, "region": report.edition.forecast.region}
             if report.edition else _("Published forecast: none imported"))
    return Table(sheet="Gepubliceerd", title=title, columns=[
        Column("naam", gettext_lazy("As published"), width=30),
        Column("soort", gettext_lazy("Occupation or education"), width=12),
        Column("ons_beroep", gettext_lazy("Our occupation"), width=24),
        Column("werkgelegenheid", gettext_lazy("Employment"), PERSONS),
        Column("uitbreidingsvraag", gettext_lazy("Expansion demand"), PERSONS),
        Column("vervangingsvraag", gettext_lazy("Replacement demand"), PERSONS),
        Column("instroom", gettext_lazy("School-leavers entering"), PERSONS),
        Column("ita", gettext_lazy("ITA as published"), Kind.RATIO),
        Column("typering", gettext_lazy("Prospects as published"), width=14),
        Column("ita_partners", gettext_lazy("ITA of the partners"), Kind.RATIO),
        Column("typering_partners", gettext_lazy("Prospects of the partners"), width=14),
        Column("opmerking", gettext_lazy("Remark"), width=WIDE_TEXT),
    ], rows=rows)


# The files -----------------------------------------------------------------------------------


def write_report_xlsx(report: HcaReport, binary_file: BinaryIO, *, language: str = PDF_LANGUAGE) -> None:
    with translation.override(language):
        write_xlsx(report.tables, binary_file, formats=FORMATS)


def _pdf_text(value, kind) -> str:
    if value is None or value == "":
        return EMPTY
    if kind == PERSONS and isinstance(value, Decimal):
        return group_number(value, 0)
    if kind == TENTH:
        return group_number(Decimal(value), 1)
    if kind == Kind.PERCENT:
        return group_number(Decimal(value), 1)  # the heading says (%)
    return format_value(value, kind)


def pdf_table(table: Table, *, skip: tuple[str, ...] = (), note_from: str | None = None) -> dict:
    """A table for hca/_pdf_table.html, cells formatted the Dutch way. From column `note_from` on, a suppressed
    row (its `opmerking` says so) has one cell with that remark instead of empty figures."""
    names = [str(column.name) for column in table.columns]
    columns = [index for index, name in enumerate(names) if name not in skip and name != "opmerking"]
    kinds = [column.kind for column in table.columns]
    numeric = [kind in NUMERIC or kind == TENTH for kind in kinds]
    remark = names.index("opmerking") if "opmerking" in names else None
    first_noted = columns.index(names.index(note_from)) if note_from else len(columns)
    rows = []
    for row in table.rows:
        note = row[remark] if remark is not None and row[remark] == suppressed_text() else ""
        shown = columns[:first_noted] if note else columns
        rows.append({"cells": [Cell(_pdf_text(row[index], kinds[index]), numeric[index]) for index in shown],
                     "note": note, "span": len(columns) - len(shown)})
    return {"headings": [Cell(str(table.columns[index].label), numeric[index]) for index in columns], "rows": rows}


def pdf_context(report: HcaReport) -> dict:
    method, forecast, trend, skills, published = report.tables
    chart_cells = report.round.published
    return {
        "report": report, "centre": report.centre, "survey_round": report.survey_round,
        "generated_at": report.generated_at, "method": method.rows, "min_partners": MIN_PARTNERS,
        "suppressed_text": suppressed_text(), "suppressed": report.round.suppressed,
        "forecast": pdf_table(forecast, note_from="werkgelegenheid"),
        "trend": pdf_table(trend, skip=("peildatum",), note_from="werkgelegenheid"),
        "skills": pdf_table(skills), "published": pdf_table(published, skip=("soort",), note_from="ita_partners"),
        "published_source": published.title,
        "chart": svg_data_uri(published_openings_and_supply(chart_cells)) if chart_cells else None,
    }


def render_report_pdf(report: HcaReport, *, language: str = PDF_LANGUAGE) -> bytes:
    with translation.override(language):
        return render_pdf("hca/report.html", pdf_context(report))
