"""The ledger's charts: server-side SVG drawn by pygal, shown as an <img> beside a table of the same numbers.

pygal writes a <style> element and an inline <script> (its tooltip configuration) into
every chart. Shown through <img>, a chart never runs scripts; we still drop the script so
the file opened on its own carries no code, and the chart view relaxes the site's
Content-Security-Policy for its own response only (inline styles, nothing else).
"""

from xml.etree import ElementTree

import pygal
from django.utils.translation import gettext as _
from pygal.style import Style

from civhub.core.formatting import format_eur

SVG_NS = "http://www.w3.org/2000/svg"

# The site's palette (site.css): pledged in a soft tone, accepted in the brand colour.
STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1c2b2a",
    foreground_strong="#1c2b2a",
    foreground_subtle="#cfd9d7",
    colors=("#8fb8b0", "#0b5c4f"),
    font_family='system-ui, "Segoe UI", Roboto, "DejaVu Sans", sans-serif',
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=14,
    value_font_size=12,
    tooltip_font_size=12,
)


def _without_scripts(chart: pygal.graph.graph.Graph) -> bytes:
    tree = chart.render_tree()
    for parent in tree.iter():
        for script in [child for child in parent if child.tag in ("script", f"{{{SVG_NS}}}script")]:
            parent.remove(script)
    return b"<?xml version='1.0' encoding='utf-8'?>\n" + ElementTree.tostring(tree, encoding="utf-8",
                                                                              xml_declaration=False)


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
    return _without_scripts(chart)
