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


def format_value(value, kind: str, *, currency: bool = True) -> str:
    """A cell as people read it, in the active language: EUR 1.234,56; 2,05; 87,5%; 24 november 2026.

    `currency=False` leaves "EUR" out of money (a compact table says "(EUR)" in its title instead).
    """
    if value is None or value == "":
        return EMPTY
    if isinstance(value, Coded):
        return value.label
    if kind == Kind.MONEY:
        return format_eur(value) if currency else format_eur(value).replace("EUR ", "")
    if kind in (Kind.RATIO, Kind.HOURS):
        return group_number(Decimal(value), 2)
    if kind == Kind.PERCENT:
        return f"{group_number(Decimal(value), 1)}%"
    if kind == Kind.SHARE:
        return f"{group_number(Decimal(value) * 100, 1)}%"
    if kind == Kind.DATE and isinstance(value, date):
        return formats.date_format(value, "DATE_FORMAT")
    return str(value)


def formatted_rows(table: Table, columns: list[int], *, currency: bool = True) -> list[list[Cell]]:
    """The table's rows as formatted cells of the given columns (numbers flagged, to be right-aligned)."""
    rows = []
    for index, row in enumerate(table.rows):
        kinds = table.kinds_of(index)
        rows.append([Cell(format_value(row[column], kinds[column], currency=currency), kinds[column] in NUMERIC)
                     for column in columns])
    return rows


def shown(table: Table, columns: list[int] | None = None, title: str | None = None, *,
          compact: bool = False) -> dict:
    """What a template needs of a table (by default its columns meant for people): title, headings, formatted rows.

    A `compact` table (many columns of money) writes amounts without "EUR" and says "(EUR)" in its title.
    """
    if columns is None:
        columns = [index for index, column in enumerate(table.columns) if column.in_pdf]
    headings = [Cell(str(table.columns[index].label), table.columns[index].kind in NUMERIC) for index in columns]
    title = str(title or table.title)
    if compact:
        title = _("%(title)s (EUR)") % {"title": title}
    return {"title": title, "headings": headings, "rows": formatted_rows(table, columns, currency=not compact),
            "compact": compact}


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
        "years": shown(funder.per_year(figures), compact=True),
        "composition": shown(funder.composition(figures), compact=True),
        "tables": [shown(table, compact=True) for table in (funder.per_line(figures), funder.per_kind(figures))],
        "partners": partner_tables(funder.per_partner(figures)),
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
                      language: str = PDF_LANGUAGE) -> bytes:
    """The funder pack as PDF: cover, figures, warnings, charts, tables and the lead applicant's signature block."""
    with translation.override(language):
        return render_pdf("reports/funder_pack.html", funder_context(figures, generated_at=generated_at))
