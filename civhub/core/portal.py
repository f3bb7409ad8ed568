"""Sections on a partner's portal page that apps further up the stack contribute (like core/dashboard.py).

The portal page belongs to `partners`, which may not import the apps built on it. An app registers a section
from its AppConfig.ready():

    portal.register(Panel(order=20, template="hca/_portal_section.html", context=school_section))

`context(request, partnership)` returns the template's context, or None to leave the section out (e.g. a
partner that is no school). Each section must keep a constant number of queries. The page's body is kept
rendered until the centre's records change (accounts/fragments.py): a section may show the centre's audited
records, the viewer's own things and what depends on the day, nothing that changes without an audit event.
"""

from civhub.core.dashboard import PanelRegistry, RenderedPanel

_PORTAL = PanelRegistry()
register = _PORTAL.register


def sections(request, partnership) -> list[RenderedPanel]:
    """The sections to show this user on this partner's page, in order."""
    return _PORTAL.rendered(request, partnership)
