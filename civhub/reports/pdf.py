"""PDF rendering with WeasyPrint: the funder pack and the helpers the partner statements share.

A PDF is an HTML template (templates/reports/) with the reports' own print stylesheet
(templates/reports/pdf.css, read from disk: the site's Content-Security-Policy is for
browsers and plays no part here). Tables come from the same row sources as the XLSX
(reports/funder.py); this module only formats their cells the Dutch way (EUR 1.234,56)
and embeds the monitor's SVG charts as data: URIs.

PDFs are rendered in Dutch unless the caller asks for another language; the monitor's
figures carry texts too (warnings, programme line names), so build them in the same
language (`with translation.override(PDF_LANGUAGE): figures = monitor(...)`).
"""

import base64
import logging
import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from civhub.core.formatting import format_eur, group_number
from civhub.grants import charts
from civhub.grants.selectors.monitor import Monitor
from civhub.reports import funder
from civhub.reports.funder import Coded, Kind, Table
from civhub.reports.selectors import lead_applicant, signatories

PDF_LANGUAGE = "nl"
STYLESHEET = Path(__file__).resolve().parent / "templates" / "reports" / "pdf.css"
EMPTY = "—"
COUNTERS = {"%(page)s": "counter(page)", "%(pages)s": "counter(pages)"}
NUMERIC = {Kind.MONEY, Kind.RATIO, Kind.PERCENT, Kind.HOURS, Kind.SHARE, Kind.INTEGER}


@dataclass(frozen=True)
class Cell:
    text: str
    numeric: bool


def format_value(value, kind: str) -> str:
    """A cell as people read it, in the active language: EUR 1.234,56; 2,05; 87,5%; 24 november 2026."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, Coded):
        return value.label
    if kind == Kind.MONEY:
        return format_eur(value)
    if kind in (Kind.RATIO, Kind.HOURS):
        return group_number(Decimal(value), 2)
    if kind == Kind.PERCENT:
        return f"{group_number(Decimal(value), 1)}%"
    if kind == Kind.SHARE:
        return f"{group_number(Decimal(value) * 100, 1)}%"
    if kind == Kind.DATE and isinstance(value, date):
        return formats.date_format(value, "DATE_FORMAT")
    return str(value)


def formatted_rows(table: Table, columns: list[int]) -> list[list[Cell]]:
    """The table's rows as formatted cells of the given columns (numbers flagged, to be right-aligned)."""
    rows = []
    for row in table.rows:
        kinds = table.kinds_of(row)
        rows.append([Cell(format_value(row[index], kinds[index]),
                          kinds[index] in NUMERIC and not isinstance(row[index], Coded)) for index in columns])
    return rows


def shown(table: Table, columns: list[int] | None = None, title: str | None = None) -> dict:
    """What a template needs of a table (or of some of its columns): title, headings and formatted rows."""
    columns = list(range(len(table.columns))) if columns is None else columns
    headings = [Cell(str(table.columns[index].label), table.columns[index].kind in NUMERIC) for index in columns]
    return {"title": title or table.title, "headings": headings, "rows": formatted_rows(table, columns)}


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


def funder_context(figures: Monitor, *, generated_at: datetime | None = None) -> dict:
    """Everything the funder pack's template shows: the cover, the figures, the charts and the tables."""
    lead = lead_applicant(figures.grant.centre)
    return {
        "figures": figures, "centre": figures.grant.centre, "grant": figures.grant,
        "generated_at": generated_at or now(), "lead": lead, "signatories": signatories(lead),
        "headline": headline(figures), "summary": shown(funder.summary(figures)),
        "tables": [shown(table) for table in (funder.per_year(figures), funder.composition(figures),
                                              funder.per_line(figures), funder.per_kind(figures))],
        "partners": partner_tables(funder.per_partner(figures)),
        "charts": [
            {"uri": svg_data_uri(charts.year_bars(figures)),
             "caption": _("Subsidy spent and co-financing realised per year (EUR); the figures are in the table "
                          "“Per year”.")},
            {"uri": svg_data_uri(charts.cumulative_ratio(figures)),
             "caption": _("The cumulative co-financing ratio at the end of each year, against the required ratio.")},
            {"uri": svg_data_uri(charts.partner_bullets(figures, row_height=charts.PDF_PARTNER_ROW_HEIGHT)),
             "caption": _("Per partner: pledged, due so far (pro rata) and realised (EUR); the figures are in the "
                          "table “Per partner”.")},
        ],
    }


def partner_tables(table: Table) -> list[dict]:
    """The per-partner sheet as two tables that fit a portrait page: the pledge, then the realised value per year."""
    fixed = 6  # partner, cluster, group, pledged, realised, percentage; then one column per year
    table.rows = list(table.rows)
    return [shown(table, list(range(fixed))),
            shown(table, [0, *range(fixed, len(table.columns))], title=_("Realised per partner and year"))]


def headline(figures: Monitor) -> list[dict]:
    """The four figures the cover's next page opens with; `alert` when the ratio falls short of the required one."""
    short = figures.ratio is not None and figures.ratio < figures.required_ratio
    forecast_short = figures.forecast_ratio is not None and figures.forecast_ratio < figures.required_ratio
    return [
        {"label": _("Co-financing ratio"), "value": format_value(figures.ratio, Kind.RATIO), "alert": short,
         "note": _("required: %(ratio)s") % {"ratio": format_value(figures.required_ratio, Kind.RATIO)}},
        {"label": _("Co-financing realised"), "value": format_value(figures.cofinancing_realised, Kind.MONEY)},
        {"label": _("Subsidy spent"), "value": format_value(figures.subsidy_spent, Kind.MONEY),
         "note": _("of %(granted)s granted") % {"granted": format_value(figures.subsidy_granted, Kind.MONEY)}},
        {"label": _("Forecast ratio at the end"), "value": format_value(figures.forecast_ratio, Kind.RATIO),
         "alert": forecast_short},
    ]


def render_funder_pdf(figures: Monitor, *, generated_at: datetime | None = None,
                      language: str = PDF_LANGUAGE) -> bytes:
    """The funder pack as PDF: cover, figures, warnings, charts, tables and the lead applicant's signature block."""
    with translation.override(language):
        return render_pdf("reports/funder_pack.html", funder_context(figures, generated_at=generated_at))
