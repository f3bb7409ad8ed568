"""Tamper evidence: accepted entries form a hash chain per centre.

Each accepted entry stores sha256(previous entry's hash + its own content). Changing any
stored field of an accepted entry (or removing one) breaks the chain from that entry on,
and `verify_ledger` names the first entry that no longer matches.
"""

import hashlib
import json
from dataclasses import dataclass

from civhub.core.models import Centre
from civhub.ledger.models import Contribution

GENESIS = "0" * 64


def canonical_content(entry: Contribution) -> str:
    """The fields an auditor relies on, in a fixed order and format."""
    content = {
        "id": entry.pk,
        "centre": entry.centre_id,
        "partnership": entry.partnership_id,
        "extern_id": entry.extern_id,
        "date": entry.date.isoformat(),
        "kind": entry.kind,
        "programme_line": entry.programme_line_id,
        "category": entry.category,
        "hours": str(entry.hours) if entry.hours is not None else None,
        "hourly_rate": str(entry.hourly_rate) if entry.hourly_rate is not None else None,
        "amount": str(entry.amount),
        "description": entry.description,
        "entered_by": entry.entered_by_id,
        "approved_by": entry.approved_by_id,
        "accepted_by": entry.accepted_by_id,
        "accepted_at": entry.accepted_at.isoformat() if entry.accepted_at else None,
        "reversal_of": entry.reversal_of_id,
        "reversal_reason": entry.reversal_reason,
        "chain_index": entry.chain_index,
    }
    return json.dumps(content, sort_keys=True, ensure_ascii=False)


def compute_hash(entry: Contribution, previous_hash: str) -> str:
    return hashlib.sha256((previous_hash + canonical_content(entry)).encode()).hexdigest()


def lock_chain(centre) -> None:
    """Lock the centre's row for this transaction: acceptances, reversals and imports queue up,
    because the chain has one tip."""
    Centre.objects.select_for_update().filter(pk=centre.pk).first()


def chain_tip(centre) -> tuple[int, str]:
    """(next chain index, hash of the last chained entry) for the centre; call with the centre row locked."""
    last = (
        Contribution.objects.filter(centre=centre, chain_index__isnull=False)
        .order_by("-chain_index")
        .values_list("chain_index", "content_hash")
        .first()
    )
    return (last[0] + 1, last[1]) if last else (1, GENESIS)


def seal(entry: Contribution, *, index: int, previous_hash: str) -> None:
    """Give an accepted entry its place in the chain and its hash (the caller saves it)."""
    entry.chain_index = index
    entry.previous_hash = previous_hash
    entry.content_hash = compute_hash(entry, previous_hash)


@dataclass
class ChainReport:
    """The outcome of checking a centre's chain: how many entries, and the first broken one."""

    checked: int
    broken: Contribution | None = None
    problem: str = ""


def verify_chain(centre) -> ChainReport:
    """Recompute every hash in chain order; stop at the first entry that does not match."""
    previous, expected_index, checked = GENESIS, 1, 0
    entries = Contribution.objects.filter(centre=centre, chain_index__isnull=False).order_by("chain_index")
    for entry in entries.iterator(chunk_size=2000):
        if entry.chain_index != expected_index:
            return ChainReport(checked, entry, f"chain position {expected_index} is missing")
        if entry.previous_hash != previous or entry.content_hash != compute_hash(entry, previous):
            return ChainReport(checked, entry, "stored content does not match its hash")
        previous, expected_index, checked = entry.content_hash, expected_index + 1, checked + 1
    return ChainReport(checked)
