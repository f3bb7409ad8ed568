"""The chart of the HCA's public page and report: per occupation, the job openings against the school-leavers
entering over the horizon, as server-side SVG drawn by pygal (the site's style, no scripts; core/charts.py).

It always sits beside a table of the same numbers, so it stays plain: no tooltips, no values on the bars.
Only published cells are drawn; the caller passes them.
"""

from copy import copy

import pygal
from django.utils.translation import gettext as _

from civhub.core.charts import STYLE, svg_without_scripts
from civhub.core.formatting import group_number

WIDTH, ROW_HEIGHT, CHROME = 640, 56, 120
OPENINGS_COLOUR, SUPPLY_COLOUR = "#0b5c4f", "#8fb8b0"


def _style():
    style = copy(STYLE)  # pygal's Style is a plain object: the copy leaves the others' alone
    style.colors = (OPENINGS_COLOUR, SUPPLY_COLOUR)
    return style


def chart_height(rows: int) -> int:
    return CHROME + ROW_HEIGHT * max(rows, 1)


def openings_and_supply(cells) -> bytes:
    """Horizontal bars per occupation: the job openings (dark) and the school-leavers entering (light)."""
    cells = list(cells)
    chart = pygal.HorizontalBar(
        style=_style(), js=[], width=WIDTH, height=chart_height(len(cells)), explicit_size=False,
        legend_at_bottom=True, legend_at_bottom_columns=2, margin=16, print_values=False, include_x_axis=True,
        value_formatter=lambda value: group_number(value, 0), no_data_text=_("No published figures yet"),
        truncate_label=-1, truncate_legend=-1,
    )
    # pygal draws the first label at the bottom; reversed, the chart reads top-down like the table.
    cells.reverse()
    chart.x_labels = [cell.occupation for cell in cells]
    if cells:
        chart.add(_("Job openings"), [float(cell.openings) for cell in cells])
        chart.add(_("School-leavers entering"), [float(cell.supply) for cell in cells])
    return svg_without_scripts(chart)
