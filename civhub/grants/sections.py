"""Sections a higher app adds to the grant's monitor page, without grants importing it.

The funding application (`applications`, above grants) shows its continuation forecast on the
monitor of the grant it became. It registers a `core.dashboard.Panel` here from its
AppConfig.ready(); the monitor view asks `sections_for(request, grant)` and the page includes each
section's template with its context. A panel's `context(request, grant)` returns None to leave
itself out (e.g. a grant that did not come from an application). The mechanism is the dashboard's. The page's
body is kept rendered until the centre's records change (accounts/fragments.py): a section may show the centre's
audited records, the viewer's own things and what depends on the day, nothing that changes without an audit event.
"""

from civhub.core.dashboard import PanelRegistry, RenderedPanel

_MONITOR = PanelRegistry()
register = _MONITOR.register


def sections_for(request, grant) -> list[RenderedPanel]:
    """The sections to show this user on this grant's monitor, in order."""
    return _MONITOR.rendered(request, grant)
