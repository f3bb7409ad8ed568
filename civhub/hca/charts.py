"""The HCA page's charts: server-side SVG drawn by pygal on the site's style (core/charts.py), without scripts.

Each chart sits beside a table of the same numbers and has a text alternative on the page, so it stays plain:
no tooltips, no values printed on the bars. It draws exactly the cells its audience may see (the `Overview` of
hca/selectors/overview.py): a suppressed cell has no bar or point.
"""

from copy import copy

import pygal
from django.utils.translation import gettext as _

from civhub.core.charts import STYLE, svg_without_scripts
from civhub.core.formatting import group_number
from civhub.hca.selectors.overview import Overview

WIDTH = 640
OPENINGS_COLOUR = "#0b5c4f"
SUPPLY_COLOUR = "#8fb8b0"
TREND_COLOURS = ("#0b5c4f", "#b3541e", "#1a56db", "#6b3d00", "#7a2e8a", "#2f6f2f", "#8a1c12", "#4a5a58",
                 "#00707a", "#a05a00")
ROW_HEIGHT = 56
MIN_HEIGHT = 220


def _style(*colours: str):
    style = copy(STYLE)  # pygal's Style is a plain object: the copy leaves the other charts' alone
    style.colors = colours
    return style


def _common(**config) -> dict:
    return {"js": [], "width": WIDTH, "explicit_size": False, "legend_at_bottom": True, "margin": 16,
            "print_values": False, "no_data_text": _("No figures yet"), "truncate_legend": -1,
            "truncate_label": -1, **config}


def _float(value):
    return None if value is None else float(value)


def openings_chart_height(page: Overview) -> int:
    return max(MIN_HEIGHT, 90 + ROW_HEIGHT * len(page.rows))


def openings_and_supply(page: Overview) -> bytes:
    """Per occupation two horizontal bars over the round's horizon: job openings (brand colour) and the supply of
    school-leavers (light); a cell the audience may not see has no openings bar."""
    chart = pygal.HorizontalBar(style=_style(OPENINGS_COLOUR, SUPPLY_COLOUR), height=openings_chart_height(page),
                                value_formatter=lambda value: group_number(value, 0), legend_at_bottom_columns=2,
                                **_common())
    rows = page.rows[::-1]  # pygal draws the first label at the bottom: reversed, the chart reads like the table
    chart.x_labels = [row.occupation.name for row in rows]
    openings = [_float(row.forecast.figures.openings) if row.shown else None for row in rows]
    supply = [_float(row.forecast.supply) if row.forecast.answering else None for row in rows]
    if any(value is not None for value in openings + supply):
        chart.add(_("Job openings"), openings)
        chart.add(_("Supply of school-leavers"), supply)
    return svg_without_scripts(chart)


def ita_trend(page: Overview) -> bytes:
    """Per occupation a line of its ITA over the survey rounds, oldest first; 1 is where supply meets demand."""
    chart = pygal.Line(style=_style(*TREND_COLOURS), height=360, min_scale=4, max_scale=8, include_x_axis=True,
                       value_formatter=lambda value: group_number(value, 2), legend_at_bottom_columns=2,
                       allow_interruptions=True, dots_size=4, **_common())
    chart.x_labels = [str(survey_round) for survey_round in page.trend_rounds]
    series = [(row.occupation.name, [_float(cell.figures.ita) if cell.figures else None for cell in row.cells])
              for row in page.trend]
    for name, values in series:
        if any(value is not None for value in values):
            chart.add(name, values)
    return svg_without_scripts(chart)


CHARTS = {"openings": openings_and_supply, "trend": ita_trend}
