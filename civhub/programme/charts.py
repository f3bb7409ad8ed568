"""KPI charts: per year, the target against the actual at the year's end, as server-side SVG drawn by pygal.

The chart sits beside a table of the same numbers (the line page, the KPI page), so it stays
plain: no tooltips, no values on the bars. The site's style and the script removal of
core/charts.py are reused, so the file carries no code.
"""

from copy import copy

import pygal
from django.utils.translation import gettext as _

from civhub.core.charts import STYLE, svg_without_scripts
from civhub.programme.selectors.kpis import KpiYears
from civhub.programme.templatetags.programme_tags import figure

WIDTH = 560
HEIGHT = 300
TARGET_COLOUR = "#8fb8b0"
ACTUAL_COLOUR = "#0b5c4f"


def _style():
    style = copy(STYLE)  # pygal's Style is a plain object: the copy leaves the ledger's alone
    style.colors = (TARGET_COLOUR, ACTUAL_COLOUR)
    return style


def _number(value) -> str:
    return figure(value)


def kpi_chart(row: KpiYears) -> bytes:
    """Two bars per year: the target for the end of the year (light) and the actual at its end (brand colour).

    A year still to come has no actual bar; the running year shows the actual to date.
    """
    targets = [float(year.target) if year.target is not None else None for year in row.years]
    actuals = [float(year.actual) if year.actual is not None else None for year in row.years]
    chart = pygal.Bar(
        style=_style(), js=[], width=WIDTH, height=HEIGHT, explicit_size=False, legend_at_bottom=True,
        legend_at_bottom_columns=2, margin=16, print_values=False, include_x_axis=True, min_scale=4, max_scale=6,
        value_formatter=_number, no_data_text=_("No targets or figures yet"), truncate_legend=-1,
    )
    chart.x_labels = [str(year.year) for year in row.years]
    if any(value for value in targets + actuals):
        chart.add(_("Target"), targets)
        chart.add(_("Actual"), actuals)
    return svg_without_scripts(chart)
