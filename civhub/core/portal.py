"""Sections on a partner's portal page that apps further up the stack contribute (like core/dashboard.py).

The portal page belongs to `partners`, which may not import the apps built on it. An app registers a section
from its AppConfig.ready():

    portal.register(Panel(order=20, template="hca/_portal_section.html", context=school_section))

`context(request, partnership)` returns the template's context, or None to leave the section out (e.g. a
partner that is no school). Each section must keep a constant number of queries.
"""

from civhub.core.dashboard import Panel, RenderedPanel

_SECTIONS: dict[str, Panel] = {}


def register(section: Panel) -> None:
    """Add a section; registering the same template again replaces it (ready() may run twice in tests)."""
    _SECTIONS[section.template] = section


def sections(request, partnership) -> list[RenderedPanel]:
    """The sections to show this user on this partner's page, in order."""
    shown = []
    for section in sorted(_SECTIONS.values(), key=lambda section: (section.order, section.template)):
        context = section.context(request, partnership)
        if context is not None:
            shown.append(RenderedPanel(section.template, context))
    return shown
