"""Tamper evidence: accepted entries form a hash chain per centre.

Each accepted entry stores sha256(previous entry's hash + its own content). Changing any
stored field of an accepted entry (or removing one) breaks the chain from that entry on,
and `verify_ledger` names the first entry that no longer matches. Removing the newest
entries leaves a shorter chain that still verifies; that is caught by comparing the chain
with the head recorded at the last report submitted or period closed (`ChainHead`).

The same hashing seals the subsidy's expenditure (grants/chain.py), in a chain per grant.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC

from civhub.core.models import Centre
from civhub.ledger.models import ChainHead, Contribution

GENESIS = "0" * 64


def chained_hash(previous_hash: str, content: dict) -> str:
    """sha256 of the previous hash followed by the content as canonical JSON (sorted keys, UTF-8)."""
    text = json.dumps(content, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256((previous_hash + text).encode()).hexdigest()


def _optional(value) -> str | None:
    return str(value) if value is not None else None


def canonical_content(entry: Contribution) -> dict:
    """The fields an auditor relies on, per seal version: version 2 adds the origin and the day of acceptance."""
    content = {
        "id": entry.pk,
        "centre": entry.centre_id,
        "partnership": entry.partnership_id,
        "extern_id": entry.extern_id,
        "date": entry.date.isoformat(),
        "kind": entry.kind,
        "programme_line": entry.programme_line_id,
        "category": entry.category,
        "hours": _optional(entry.hours),
        "hourly_rate": _optional(entry.hourly_rate),
        "amount": str(entry.amount),
        "description": entry.description,
        "entered_by": entry.entered_by_id,
        "approved_by": entry.approved_by_id,
        "accepted_by": entry.accepted_by_id,
        # In UTC, as the database hands it back, whatever time zone the moment was made in.
        "accepted_at": entry.accepted_at.astimezone(UTC).isoformat() if entry.accepted_at else None,
        "reversal_of": entry.reversal_of_id,
        "reversal_reason": entry.reversal_reason,
        "chain_index": entry.chain_index,
    }
    if entry.seal_version >= 2:
        content |= {"provenance": entry.provenance, "migration_reference": entry.migration_reference,
                    "accepted_on": entry.accepted_on.isoformat() if entry.accepted_on else None}
    return content


def compute_hash(entry: Contribution, previous_hash: str) -> str:
    return chained_hash(previous_hash, canonical_content(entry))


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
    entry.seal_version = 2
    entry.content_hash = compute_hash(entry, previous_hash)


@dataclass
class ChainReport:
    """The outcome of checking one chain: how many records, the first broken one, and what is wrong."""

    checked: int
    broken: object | None = None
    problem: str = ""
    last_hash: str = GENESIS

    @property
    def ok(self) -> bool:
        return not self.problem


def verify_records(records, hash_of: Callable[[object, str], str]) -> ChainReport:
    """Recompute every hash of `records` (in chain order); stop at the first record that does not match."""
    previous, expected_index, checked = GENESIS, 1, 0
    for record in records:
        if record.chain_index != expected_index:
            return ChainReport(checked, record, f"chain position {expected_index} is missing", previous)
        if record.previous_hash != previous or record.content_hash != hash_of(record, previous):
            return ChainReport(checked, record, "stored content does not match its hash", previous)
        previous, expected_index, checked = record.content_hash, expected_index + 1, checked + 1
    return ChainReport(checked, last_hash=previous)


def compare_with_head(report: ChainReport, head_count: int, head_hash: str, hash_at: Callable[[int], str | None],
                      *, occasion: str) -> ChainReport:
    """A chain that verifies but lost records recorded in a head (at `occasion`) is broken all the same.

    `hash_at(n)` gives the stored hash of the record at chain position n (None when there is none).
    """
    if not report.ok or head_count == 0:
        return report
    if report.checked < head_count:
        report.problem = (f"the chain ends after {report.checked} records, but {head_count} were recorded "
                          f"({occasion}): records were removed")
    else:
        found = report.last_hash if report.checked == head_count else hash_at(head_count)
        if found != head_hash:
            report.problem = f"record {head_count} no longer has the hash recorded ({occasion})"
    return report


def verify_chain(centre) -> ChainReport:
    """Check the centre's chain of accepted entries, and that it still holds the last recorded head."""
    entries = Contribution.objects.filter(centre=centre, chain_index__isnull=False).order_by("chain_index")
    report = verify_records(entries.iterator(chunk_size=2000), compute_hash)
    head = ChainHead.objects.filter(centre=centre).order_by("-recorded_at", "-pk").first()
    if head is None:
        return report

    def hash_at(index: int) -> str | None:
        return entries.filter(chain_index=index).values_list("content_hash", flat=True).first()

    return compare_with_head(report, head.contributions, head.contributions_hash, hash_at, occasion=head.occasion)


def contributions_head(centre) -> tuple[int, str]:
    """(number of chained entries, hash of the last one) as the chain stands now."""
    index, last_hash = chain_tip(centre)
    return index - 1, last_hash
