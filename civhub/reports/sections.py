"""Parts a higher app adds to the funder's report, without reports importing it.

The final report (a report of kind "final" marked submitted, whose pack is frozen then) shows how the
centre lives on after the subsidy: the continuation forecast and the partners' commitments after the
subsidy. Those belong to `applications`, which sits above reports. So applications registers a `Section`
here from its AppConfig.ready(); the snapshot maker (reports/snapshot.py) asks `parts_for(grant, as_of,
kind)` and the pack shows each `Part`: in the PDF a section with its title, its introduction and its
tables, in the XLSX one sheet per table (after Bijdragen, so the sheets of every pack keep their places).
A section's function returns None to leave itself out (a grant that did not come from an application).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from civhub.core.exports import Table


@dataclass(frozen=True)
class Part:
    """What one section adds to the report: a title, paragraphs for the PDF, and its tables (PDF and XLSX)."""

    key: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


@dataclass(frozen=True)
class Section:
    """One section: `kinds` are the report kinds it appears in (grants.ReportKind values), `part(grant, as_of)`
    returns its `Part` or None."""

    key: str
    kinds: frozenset[str]
    part: Callable


_SECTIONS: dict[str, Section] = {}


def register(section: Section) -> None:
    """Registering a key again replaces it (ready() may run twice in tests)."""
    _SECTIONS[section.key] = section


def parts_for(grant, as_of: date, kind: str | None) -> list[Part]:
    """The parts of the report of this kind (none for a pack that is no report, `kind` None), by key."""
    if kind is None:
        return []
    parts = []
    for key in sorted(_SECTIONS):
        section = _SECTIONS[key]
        if kind in section.kinds:
            part = section.part(grant, as_of)
            if part is not None:
                parts.append(part)
    return parts
