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


class PanelRegistry:
    """Panels keyed by template, rendered in order for one page's subject (the centre, or a partnership on the
    portal): the mechanism behind the office dashboard and the partner portal's sections."""

    def __init__(self):
        self._panels: dict[str, Panel] = {}

    def register(self, panel: Panel) -> None:
        """Add a panel; registering the same template again replaces it (ready() may run twice in tests)."""
        self._panels[panel.template] = panel

    def rendered(self, request, subject) -> list[RenderedPanel]:
        """The panels to show this user for `subject`, in order; a panel whose context is None is left out."""
        shown = []
        for panel in sorted(self._panels.values(), key=lambda panel: (panel.order, panel.template)):
            context = panel.context(request, subject)
            if context is not None:
                shown.append(RenderedPanel(panel.template, context))
        return shown


_DASHBOARD = PanelRegistry()
register = _DASHBOARD.register


def panels(request, centre) -> list[RenderedPanel]:
    """The panels to show this user for this centre, in order."""
    return _DASHBOARD.rendered(request, centre)
