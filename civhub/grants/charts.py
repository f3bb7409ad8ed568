"""The monitor's charts: server-side SVG drawn by pygal, for the monitor page and the funder pack's PDF.

Each function takes a `Monitor` (civhub.grants.selectors.monitor) and returns a standalone
SVG document without scripts (the site's style and script removal of core/charts.py). Every
chart sits beside a table of the same numbers, so the chart may stay simple: no
tooltips, no values printed on the bars. A partner's own monitor (`monitor.partnership_ids`
set) never shows the centre's subsidy: its year chart shows only the partner's realised value.
"""

import math
from copy import copy
from xml.etree import ElementTree

import pygal
from django.utils.translation import gettext as _

from civhub.core.charts import STYLE, SVG_NS, svg_without_scripts
from civhub.core.formatting import format_eur, group_number

WIDTH = 640
SUBSIDY_COLOUR = "#8fb8b0"
BRAND_COLOUR = "#0b5c4f"
PLEDGED_COLOUR = "#d5e3e0"
DUE_COLOUR = "#8fb8b0"
REQUIRED_COLOUR = "#b3541e"
# A bar group per partner: this much height per partner, plus room for the legend and the axis.
PARTNER_ROW_HEIGHT = 44
PARTNER_CHART_MIN_HEIGHT = 240
# On the page the partner chart spans the content column: drawn wider, its labels keep the size of the other
# charts' labels instead of being scaled up; the PDF's narrower column takes the default WIDTH.
PAGE_PARTNER_CHART_WIDTH = 1000
PDF_PARTNER_ROW_HEIGHT = 28
PDF_PARTNER_CHART_WIDTH = WIDTH


GUIDE_COLOUR = "#cfd9d7"


def _style(*colours: str):
    """The site style with its own series colours and quiet, solid guides (so only the required line is dashed).

    pygal's Style is a plain object: a copy is independent of the ledger's.
    """
    style = copy(STYLE)
    style.colors = colours
    style.guide_stroke_color = style.major_guide_stroke_color = GUIDE_COLOUR
    style.guide_stroke_dasharray = style.major_guide_stroke_dasharray = "none"
    return style


def _with_line_styles(svg: bytes, styles: dict[int, str]) -> bytes:
    """Give series N's line an inline style (width, dashes).

    pygal puts per-series strokes in its <style> element, where its own `.line` rule wins in some renderers
    (WeasyPrint among them); an inline style on the path itself holds everywhere.
    """
    ElementTree.register_namespace("", SVG_NS)
    root = ElementTree.fromstring(svg)  # noqa: S314 - our own chart, not untrusted input
    for group in root.iter(f"{{{SVG_NS}}}g"):
        classes = group.get("class", "").split()
        for number, style in styles.items():
            if f"serie-{number}" in classes:
                for path in group.findall(f"{{{SVG_NS}}}path"):
                    path.set("style", style)
    return b"<?xml version='1.0' encoding='utf-8'?>\n" + ElementTree.tostring(root, encoding="utf-8",
                                                                              xml_declaration=False)


def _eur(value) -> str:
    return format_eur(value, places=0)


def _common(**config) -> dict:
    """What every monitor chart shares: width, no scripts, legend under the plot, a readable empty state."""
    return {
        "js": [], "width": WIDTH, "explicit_size": False, "legend_at_bottom": True, "margin": 16,
        "print_values": False, "no_data_text": _("No figures yet"), "truncate_legend": -1, **config,
    }


def value_ticks(highest: float, *, most: int = 6) -> list[float]:
    """Round values for a value axis from 0 past `highest`: a step of 1, 2, 2.5 or 5 times a power of ten, so
    that the axis gets 3 to `most` labelled ticks (pygal's own choice left the partner chart two)."""
    if highest <= 0:
        return [0.0]
    magnitude = 10 ** math.floor(math.log10(highest))
    for factor in (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10):
        step = factor * magnitude
        count = math.ceil(highest / step)
        if count + 1 <= most:
            return [step * number for number in range(count + 1)]
    return [0.0, float(highest)]


def _has_values(*series) -> bool:
    return any(value for values in series for value in values if value)


def year_bars(monitor) -> bytes:
    """Per year, subsidy spent and co-financing counted stacked; a partner's own view: its realised value only."""
    years = monitor.year_list
    if monitor.partnership_ids is not None:
        realised = [float(sum((partner.by_year.get(year, 0) for partner in monitor.partners), 0)) for year in years]
        chart = pygal.Bar(**_common(style=_style(BRAND_COLOUR), height=340, value_formatter=_eur,
                                    legend_at_bottom_columns=1, include_x_axis=True))
        chart.x_labels = [str(year) for year in years]
        if _has_values(realised):
            chart.add(_("Realised"), realised)
        return svg_without_scripts(chart)
    spent = [float(row.subsidy_spent) for row in monitor.years]
    counted = [float(row.cofinancing_counted) for row in monitor.years]
    chart = pygal.StackedBar(**_common(style=_style(SUBSIDY_COLOUR, BRAND_COLOUR), height=360, value_formatter=_eur,
                                       legend_at_bottom_columns=2, include_x_axis=True))
    chart.x_labels = [str(year) for year in years]
    if _has_values(spent, counted):
        chart.add(_("Subsidy spent"), spent)
        chart.add(_("Co-financing counted"), counted)
    return svg_without_scripts(chart)


def _charted_partners(monitor) -> list:
    return [partner for partner in monitor.partners if partner.pledged or partner.realised]


def partner_chart_height(monitor, row_height: int = PARTNER_ROW_HEIGHT) -> int:
    """The partner chart's height in pixels: it grows with the number of partners, so bars stay readable."""
    return max(PARTNER_CHART_MIN_HEIGHT, 150 + row_height * len(_charted_partners(monitor)))


def partner_bullets(monitor, *, width: int = WIDTH, row_height: int = PARTNER_ROW_HEIGHT) -> bytes:
    """Per partner three bars: pledged (light), the pledge due so far (pro rata) and realised (brand colour).

    A PDF page is less tall than a screen is long: the PDF asks for lower rows, so the chart keeps its width.
    """
    partners = _charted_partners(monitor)
    chart = pygal.HorizontalBar(**_common(
        style=_style(PLEDGED_COLOUR, DUE_COLOUR, BRAND_COLOUR), height=partner_chart_height(monitor, row_height),
        value_formatter=_eur, width=width, margin_right=48,  # room for the last axis label
        # One legend entry per line and few value labels: "EUR 250.000" is wide beside the partner names.
        legend_at_bottom_columns=1, include_x_axis=True, truncate_label=22, show_y_guides=True,
    ))
    # pygal draws a horizontal chart's first label at the bottom: reverse, so the table's order reads downwards.
    partners = partners[::-1]
    chart.x_labels = [partner.partnership.organisation.name for partner in partners]
    if partners:
        highest = max(max(float(partner.pledged), float(partner.pro_rata_pledge), float(partner.realised))
                      for partner in partners)
        ticks = value_ticks(highest, most=5)  # "EUR 250.000" is wide: five labels fit beside the names
        chart.y_labels = ticks
        chart.range = (0, ticks[-1])
        chart.add(_("Pledged"), [float(partner.pledged) for partner in partners])
        chart.add(_("Due so far (pro rata)"), [float(partner.pro_rata_pledge) for partner in partners])
        chart.add(_("Realised"), [float(partner.realised) for partner in partners])
    return svg_without_scripts(chart)


def cumulative_ratio(monitor) -> bytes:
    """The cumulative co-financing ratio at the end of each year, against the required ratio (dashed)."""
    years = [row for row in monitor.years if row.cumulative_ratio is not None]
    highest = max([float(row.cumulative_ratio) for row in years] + [float(monitor.required_ratio)])
    top = float(int(highest * 2) + 1) / 2  # the next half above the highest value
    chart = pygal.Line(**_common(
        style=_style(BRAND_COLOUR, REQUIRED_COLOUR), height=320, legend_at_bottom_columns=2,
        value_formatter=lambda value: group_number(value, 2), range=(0, top), include_x_axis=True, dots_size=4,
        show_x_guides=False,
    ))
    chart.x_labels = [str(row.year) for row in monitor.years]
    if years and monitor.partnership_ids is None:
        chart.y_labels = [step / 2 for step in range(int(top * 2) + 1)]  # every half (pygal fails on these unplotted)
        chart.add(_("Cumulative ratio"), [float(row.cumulative_ratio) if row.cumulative_ratio is not None else None
                                          for row in monitor.years])
        chart.add(_("Required ratio"), [float(monitor.required_ratio)] * len(monitor.years), show_dots=False)
    return _with_line_styles(svg_without_scripts(chart), {
        0: "stroke-width:3", 1: "stroke-width:2.5;stroke-dasharray:9,6",
    })
