"""The ledger's charts: server-side SVG drawn by pygal, shown as an <img> beside a table of the same numbers.

The palette, the script removal and the chart view's relaxed CSP are the site's (core/charts.py).
"""

import pygal
from django.utils.translation import gettext as _

from civhub.core.charts import STYLE, svg_without_scripts
from civhub.core.formatting import format_eur


def pledged_vs_accepted(rows) -> bytes:
    """A bar per year: pledged beside accepted. `rows` are the summary's year totals (year, pledged, accepted)."""
    highest = max([float(row.pledged) for row in rows] + [float(row.accepted) for row in rows] + [0])
    chart = pygal.Bar(
        style=STYLE, js=[], width=640, height=340, explicit_size=False, legend_at_bottom=True,
        legend_at_bottom_columns=2, margin=16, show_y_guides=True, print_values=False,
        range=(0, highest * 1.1) if highest > 0 else None,  # room above the tallest bar
        value_formatter=lambda value: format_eur(value, places=0), include_x_axis=True, min_scale=4, max_scale=8,
        no_data_text=_("No pledges or accepted contributions yet"),
    )
    chart.x_labels = [str(row.year) for row in rows]
    chart.add(_("Pledged"), [float(row.pledged) for row in rows])
    chart.add(_("Accepted"), [float(row.accepted) for row in rows])
    return svg_without_scripts(chart)
