"""The HCA's charts: server-side SVG drawn by pygal on the site's style (core/charts.py), without scripts.

Each chart sits beside a table of the same numbers and has a text alternative on its page, so it stays plain: no
tooltips, no values printed on the bars. It draws exactly the cells its audience may see (selectors/cells.py): a
suppressed cell has no bar or point.

- The HCA page (the `Overview` of selectors/overview.py): `openings_and_supply` and `ita_trend`, as images
  (`CHARTS`, by name).
- The public page and the report (the published `Cell`s of selectors/summary.py): `published_openings_and_supply`.
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
MIN_HEIGHT = 220  # the HCA page's bar chart at the least
CHROME = 120  # the published bar chart: axes and legend around its rows


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


def _bars(labels: list[str], openings: list, supply: list, *, supply_label: str, height: int, **config) -> bytes:
    """Per occupation two horizontal bars, job openings (brand colour) and school-leavers (light), top-down in the
    order given (pygal draws the first label at the bottom, so the rows go in reversed)."""
    chart = pygal.HorizontalBar(style=_style(OPENINGS_COLOUR, SUPPLY_COLOUR), height=height,
                                value_formatter=lambda value: group_number(value, 0), legend_at_bottom_columns=1,
                                **_common(**config))
    chart.x_labels = labels[::-1]
    openings, supply = [_float(value) for value in openings[::-1]], [_float(value) for value in supply[::-1]]
    if any(value is not None for value in openings + supply):
        chart.add(_("Job openings"), openings)
        chart.add(supply_label, supply)
    return svg_without_scripts(chart)


# The HCA page ------------------------------------------------------------------------------------------------


def openings_chart_height(page: Overview) -> int:
    return max(MIN_HEIGHT, 90 + ROW_HEIGHT * len(page.rows))


def openings_and_supply(page: Overview) -> bytes:
    """The chosen round's job openings and supply of school-leavers over its horizon; a cell the audience may not
    see has no openings bar."""
    rows = page.rows
    return _bars([row.occupation.name for row in rows],
                 [row.forecast.figures.openings if row.shown else None for row in rows],
                 [row.forecast.supply if row.forecast.answering else None for row in rows],
                 supply_label=_("Supply of school-leavers"), height=openings_chart_height(page))


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


# The public page and the report --------------------------------------------------------------------------------


def published_chart_height(rows: int) -> int:
    return CHROME + ROW_HEIGHT * max(rows, 1)


def published_openings_and_supply(cells) -> bytes:
    """The published cells' job openings against the school-leavers entering over the horizon."""
    cells = list(cells)
    return _bars([cell.occupation for cell in cells], [cell.openings for cell in cells],
                 [cell.supply for cell in cells], supply_label=_("School-leavers entering"),
                 height=published_chart_height(len(cells)), include_x_axis=True,
                 no_data_text=_("No published figures yet"))
