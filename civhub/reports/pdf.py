"""The reports' files: the funder pack's and the progress report's PDFs (WeasyPrint), the progress workbook.

A PDF is an HTML template (templates/reports/) with the reports' own print stylesheet
(templates/reports/pdf.css, read from disk: the site's Content-Security-Policy is for
browsers and plays no part here). Tables come from the same row sources as the XLSX
(reports/funder.py); civhub.core.exports.pdf formats their cells the Dutch way (EUR 1.234,56)
for the include core/_export_table.html, and this module embeds the monitor's SVG charts as data: URIs.

PDFs are rendered in Dutch unless the caller asks for another language; the monitor's
figures carry texts too (warnings, programme line names), so build them in the same
language (`with translation.override(PDF_LANGUAGE): figures = monitor(...)`).
"""

import base64
import logging
import re
import warnings
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from civhub.core.exports import Coded, Kind, Table
from civhub.core.exports.pdf import EMPTY, NUMERIC, Cell, format_value, shown
from civhub.core.exports.xlsx import write_xlsx
from civhub.core.translated import localized
from civhub.grants import charts
from civhub.grants.selectors.monitor import Monitor
from civhub.programme.templatetags.programme_tags import figure
from civhub.reports import funder
from civhub.reports.selectors import lead_applicant, signatories
from civhub.reports.selectors.progress import FIGURE, ProgressReport

PDF_LANGUAGE = "nl"
STYLESHEET = Path(__file__).resolve().parent / "templates" / "reports" / "pdf.css"
COUNTERS = {"%(page)s": "counter(page)", "%(pages)s": "counter(pages)"}


def svg_data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def page_footer_css() -> SafeString:
    """The CSS `content` value for "page 3 of 7" in the active language, with counters where the numbers go."""
    parts = []
    for piece in re.split(r"(%\(pages?\)s)", _("page %(page)s of %(pages)s")):
        if piece in COUNTERS:
            parts.append(COUNTERS[piece])
        elif piece:
            parts.append(_css_string(piece))
    return mark_safe(" ".join(parts))  # noqa: S308 -- CSS-escaped strings and fixed counters only


def _css_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace("\n", " ")
    return f'"{escaped}"'


def _weasyprint():
    """WeasyPrint, loaded on first use (only a PDF pays for it).

    Without the system's HarfBuzz-Subset library WeasyPrint subsets fonts with fontTools, which
    works, and says so twice: a DeprecationWarning on import and a log line per font. Neither
    tells a user anything they can act on, so both are kept out of the output.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="HarfBuzz-Subset", category=DeprecationWarning)
        import weasyprint
    logging.getLogger("weasyprint").addFilter(_without_fonttools_notice)
    return weasyprint


def _without_fonttools_notice(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith("Using fontTools instead of HarfBuzz-Subset")


def render_pdf(template: str, context: dict) -> bytes:
    """Render a reports template to PDF bytes with the print stylesheet (in the active language)."""
    weasyprint = _weasyprint()
    html = render_to_string(template, {**context, "page_footer": page_footer_css()})
    document = weasyprint.HTML(string=html, base_url=str(STYLESHEET.parent))
    return document.write_pdf(stylesheets=[weasyprint.CSS(filename=str(STYLESHEET))])


def now() -> datetime:
    return timezone.localtime()


# The funder pack ------------------------------------------------------------------------------


def funder_context(figures: Monitor, *, generated_at: datetime | None = None, parts=()) -> dict:
    """Everything the funder pack's template shows: the cover, the figures, the charts and the tables."""
    lead = lead_applicant(figures.grant.centre)
    return {
        "figures": figures, "centre": figures.grant.centre, "grant": figures.grant,
        "generated_at": generated_at or now(), "lead": lead, "signatories": signatories(lead),
        "headline": headline(figures), "summary": shown(funder.summary(figures)),
        "years": shown(funder.per_year(figures), compact=True),
        "composition": shown(funder.composition(figures), compact=True),
        "tables": [shown(table, compact=True) for table in (funder.per_line(figures), funder.per_kind(figures))],
        "partners": partner_tables(funder.per_partner(figures)),
        "parts": [{"key": part.key, "title": part.title, "paragraphs": part.paragraphs,
                   "tables": [shown(table) for table in part.tables]} for part in parts],
        "charts": [
            {"uri": svg_data_uri(charts.year_bars(figures)),
             "caption": _("Subsidy spent and co-financing counted per year (EUR); the figures are in the table "
                          "“Per year”.")},
            {"uri": svg_data_uri(charts.cumulative_ratio(figures)),
             "caption": _("The cumulative co-financing ratio at the end of each year, against the required ratio.")},
            {"uri": svg_data_uri(charts.partner_bullets(figures, row_height=charts.PDF_PARTNER_ROW_HEIGHT,
                                                        width=charts.PDF_PARTNER_CHART_WIDTH)),
             "caption": _("Per partner: pledged, due so far (pro rata) and realised (EUR); the figures are in the "
                          "table “Per partner”."), "wide": True},
        ],
    }


def partner_tables(table: Table) -> list[dict]:
    """The per-partner sheet as two tables on landscape pages: the pledge and its realisation, then per year."""
    columns = [column.name for column in table.columns]
    years = [index for index, name in enumerate(columns) if name.startswith("Gerealiseerd ")]
    first = [index for index, column in enumerate(table.columns) if column.in_pdf and index not in years]
    table.rows = list(table.rows)
    return [shown(table, first, compact=True),
            shown(table, [0, *years], title=_("Realised per partner and year"), compact=True)]


def headline(figures: Monitor) -> list[dict]:
    """The figures the report opens with; `alert` when an amount falls short of what is required."""
    return [
        {"label": _("Co-financing ratio"), "value": format_value(figures.ratio, Kind.RATIO),
         "alert": figures.shortfall > 0,
         "note": _("required: %(ratio)s") % {"ratio": format_value(figures.required_ratio, Kind.RATIO)}},
        {"label": _("Co-financing counted"), "value": format_value(figures.cofinancing_counted, Kind.MONEY),
         "alert": figures.shortfall > 0,
         "note": _("required: %(amount)s") % {"amount": format_value(figures.cofinancing_required, Kind.MONEY)}},
        {"label": _("Subsidy spent"), "value": format_value(figures.subsidy_spent, Kind.MONEY),
         "note": _("of %(granted)s granted") % {"granted": format_value(figures.subsidy_granted, Kind.MONEY)}},
        _last_figure(figures),
    ]


def _last_figure(figures: Monitor) -> dict:
    """While the period runs, the forecast at the end; once it has ended, what the counted co-financing carries."""
    if figures.ended:
        return {"label": _("Subsidy the co-financing carries"),
                "value": format_value(figures.subsidy_carried, Kind.MONEY), "alert": figures.subsidy_at_risk > 0,
                "note": _("of %(spent)s spent") % {"spent": format_value(figures.subsidy_spent, Kind.MONEY)}}
    return {"label": _("Forecast at the end"), "value": format_value(figures.forecast_cofinancing, Kind.MONEY),
            "alert": figures.forecast_shortfall > 0,
            "note": _("ratio %(ratio)s") % {"ratio": format_value(figures.forecast_ratio, Kind.RATIO)}}


def render_funder_pdf(figures: Monitor, *, generated_at: datetime | None = None,
                      language: str = PDF_LANGUAGE, parts=()) -> bytes:
    """The funder pack as PDF: cover, figures, warnings, charts, tables, a report's added parts
    (reports/sections.py) and the lead applicant's signature block."""
    with translation.override(language):
        return render_pdf("reports/funder_pack.html", funder_context(figures, generated_at=generated_at, parts=parts))


# The progress report --------------------------------------------------------------------------


def write_progress_xlsx(report: ProgressReport, binary_file: BinaryIO) -> None:
    """The report's four sheets, in order, to an open binary file (dates and numbers as the funder pack's)."""
    write_xlsx(report.tables, binary_file)


def _pdf_cell(value, kind: str) -> Cell:
    if kind == FIGURE:
        return Cell(figure(value) if value is not None else EMPTY, True)
    return Cell(format_value(value, kind), kind in NUMERIC and not isinstance(value, Coded))


# The KPI sheet is too wide for a portrait page: the PDF leaves out how values combine and the baseline.
PDF_KPI_COLUMNS = ("kpi", "eenheid", "doel_jaar", "doel_nu", "realisatie", "percentage", "achter", "illustratief")


def _pdf_table(table: Table, number: int | None = None, title=None, names=None) -> dict:
    """A table for the PDF: the line column left out when the table is cut to one line; `names` picks columns."""
    columns = [index for index, column in enumerate(table.columns)
               if (number is None or index > 0) and (names is None or column.name in names)]
    kinds = [column.kind or Kind.TEXT for column in table.columns]
    rows = [[_pdf_cell(row[index], kinds[index]) for index in columns] for row in table.rows
            if number is None or row[0].code == number]
    headings = [Cell(str(table.columns[index].label), kinds[index] in NUMERIC or kinds[index] == FIGURE)
                for index in columns]
    return {"title": title or table.title, "headings": headings, "rows": rows}


def progress_context(report: ProgressReport) -> dict:
    """Everything the progress report's template shows: the cover, the overview, a section per line."""
    sections = [{"line": line, "name": localized(line.name),
                 "tables": [_pdf_table(report.activities, line.number), _pdf_table(report.milestones, line.number),
                            _pdf_table(report.kpis, line.number, names=PDF_KPI_COLUMNS)]}
                for line in report.lines]
    return {"report": report, "centre": report.centre, "grant": report.grant, "period": report.period,
            "generated_at": now(), "overview": _pdf_table(report.overview), "sections": sections}


def render_progress_pdf(report: ProgressReport, *, language: str = PDF_LANGUAGE) -> bytes:
    """The report as PDF: a cover with the centre and the period, the overview, then a section per line."""
    with translation.override(language):
        return render_pdf("reports/progress_report.html", progress_context(report))
