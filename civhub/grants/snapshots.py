"""The funder pack as it stood when a report was submitted: made by `reports`, kept by `grants`.

`grants` records a submitted report; the pack (XLSX and PDF) is rendered by `reports`, which
sits above grants. So reports registers its maker here (AppConfig.ready) and the submission
service asks for a snapshot without importing reports.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Snapshot:
    """The pack's files and the Samenvatting's figures (key → value as text) as of one date."""

    xlsx: bytes
    pdf: bytes
    summary: dict


_MAKERS: dict[str, Callable] = {}


def register(maker: Callable) -> None:
    """maker(grant, as_of, kind) -> Snapshot (`kind`: the report's, which may add parts, as the final report
    does); registering again replaces it (ready() may run twice in tests)."""
    _MAKERS["funder_pack"] = maker


def make_snapshot(grant, as_of: date, kind: str | None = None) -> Snapshot | None:
    maker = _MAKERS.get("funder_pack")
    return maker(grant, as_of, kind) if maker else None
