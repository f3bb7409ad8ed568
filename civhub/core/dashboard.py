"""Panels on the programme office's dashboard that apps further up the stack contribute.

The dashboard belongs to `partners`, which may not import the apps built on it (grants,
programme, governance...). Those apps register a panel here from their AppConfig.ready();
the dashboard view renders every registered panel in order:

    dashboard.register(Panel(order=10, template="grants/_dashboard_panel.html", context=deadline_panel))

`context(request, centre)` returns the template's context, or None to leave the panel out
(e.g. a centre without a grant). Each panel must keep a constant number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    template: str
    context: Callable
    order: int = 100


@dataclass(frozen=True)
class RenderedPanel:
    template: str
    context: dict


_PANELS: dict[str, Panel] = {}


def register(panel: Panel) -> None:
    """Add a panel; registering the same template again replaces it (ready() may run twice in tests)."""
    _PANELS[panel.template] = panel


def panels(request, centre) -> list[RenderedPanel]:
    """The panels to show this user for this centre, in order."""
    shown = []
    for panel in sorted(_PANELS.values(), key=lambda panel: (panel.order, panel.template)):
        context = panel.context(request, centre)
        if context is not None:
            shown.append(RenderedPanel(panel.template, context))
    return shown
