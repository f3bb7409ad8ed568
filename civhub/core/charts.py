"""What every chart of the site shares: the palette, the script removal and the chart view's CSP.

Charts are server-side SVG drawn by pygal, shown as an <img> beside a table of the same
numbers. pygal writes a <style> element and an inline <script> (its tooltip configuration)
into every chart. Shown through <img>, a chart never runs scripts; we still drop the script so
the file opened on its own carries no code, and each chart view relaxes the site's
Content-Security-Policy for its own response only (`CHART_CSP`: inline styles, nothing else).
The ledger, the grant monitor and the programme's KPIs draw their charts on these pieces.
"""

from xml.etree import ElementTree

import pygal
from pygal.style import Style

SVG_NS = "http://www.w3.org/2000/svg"

# The chart is an SVG document with pygal's <style> inside; it may style itself, and do nothing else.
CHART_CSP = {"default-src": ["'none'"], "style-src": ["'unsafe-inline'"], "frame-ancestors": ["'none'"]}

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


def svg_without_scripts(chart: pygal.graph.graph.Graph) -> bytes:
    """The chart as a standalone SVG document, with pygal's <script> elements removed."""
    tree = chart.render_tree()
    for parent in tree.iter():
        for script in [child for child in parent if child.tag in ("script", f"{{{SVG_NS}}}script")]:
            parent.remove(script)
    return b"<?xml version='1.0' encoding='utf-8'?>\n" + ElementTree.tostring(tree, encoding="utf-8",
                                                                              xml_declaration=False)
