"""Sections a higher app adds to the grant's monitor page, without grants importing it.

The funding application (`applications`, above grants) shows its continuation forecast on the
monitor of the grant it became. It registers a `Section` here from its AppConfig.ready(); the
monitor view asks `sections_for(grant, user)` and the page includes each section's template with
its context. A section's function returns None to leave itself out (e.g. a grant that did not come
from an application).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    """One section of the monitor: `key` orders and names it, `template` renders `context(grant, user)`."""

    key: str
    template: str
    context: Callable


@dataclass(frozen=True)
class Shown:
    template: str
    context: dict


_SECTIONS: dict[str, Section] = {}


def register(section: Section) -> None:
    """Registering a key again replaces it (ready() may run twice in tests)."""
    _SECTIONS[section.key] = section


def sections_for(grant, user) -> list[Shown]:
    shown = []
    for key in sorted(_SECTIONS):
        section = _SECTIONS[key]
        context = section.context(grant, user)
        if context is not None:
            shown.append(Shown(section.template, context))
    return shown
