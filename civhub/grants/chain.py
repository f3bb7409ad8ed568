"""Tamper evidence for the subsidy's expenditure: a hash chain per grant, like the ledger's (ledger/chain.py).

Every expenditure entry is sealed when it is recorded (entries never change; a correction
is a new, negative entry), in the order they were recorded. `verify_ledger` checks this
chain beside the contributions' and names the first broken entry of either.
"""

from django.db.models import F

from civhub.core.models import Grant
from civhub.grants.models import Expenditure
from civhub.ledger.chain import GENESIS, ChainReport, chained_hash, compare_with_head, verify_records
from civhub.ledger.models import ChainHead


def canonical_content(entry: Expenditure) -> dict:
    """The fields an auditor relies on, in a fixed format."""
    return {
        "id": entry.pk,
        "grant": entry.grant_id,
        "extern_id": entry.extern_id,
        "date": entry.date.isoformat(),
        "category": entry.category,
        "programme_line": entry.programme_line_id,
        "amount": str(entry.amount),
        "description": entry.description,
        "entered_by": entry.entered_by_id,
        "chain_index": entry.chain_index,
    }


def compute_hash(entry: Expenditure, previous_hash: str) -> str:
    return chained_hash(previous_hash, canonical_content(entry))


def lock_grant(grant: Grant) -> None:
    """Lock the grant's row: expenditure entries of one grant are sealed one after the other."""
    Grant.objects.select_for_update().filter(pk=grant.pk).first()


def chain_tip(grant: Grant) -> tuple[int, str]:
    """(next chain index, hash of the last sealed entry); call with the grant row locked."""
    last = (Expenditure.objects.filter(grant=grant, chain_index__isnull=False).order_by("-chain_index")
            .values_list("chain_index", "content_hash").first())
    return (last[0] + 1, last[1]) if last else (1, GENESIS)


def seal_all(entries: list[Expenditure], grant: Grant) -> None:
    """Seal freshly created entries in the given order and store their hashes (grant row locked)."""
    index, previous = chain_tip(grant)
    for entry in entries:
        entry.chain_index, entry.previous_hash = index, previous
        entry.content_hash = compute_hash(entry, previous)
        index, previous = index + 1, entry.content_hash
    Expenditure.objects.bulk_update(entries, ["chain_index", "previous_hash", "content_hash"], batch_size=1000)


def verify_expenditure_chain(grant: Grant) -> ChainReport:
    """Check the grant's expenditure chain, and that it still holds the last recorded head."""
    # An unsealed entry (one written past civhub) comes first and is reported as the break.
    entries = Expenditure.objects.filter(grant=grant).order_by(F("chain_index").asc(nulls_first=True), "pk")
    report = verify_records(entries.iterator(chunk_size=2000), compute_hash)
    head = ChainHead.objects.filter(grant=grant).order_by("-recorded_at", "-pk").first()
    if head is None:
        return report

    def hash_at(index: int) -> str | None:
        return entries.filter(chain_index=index).values_list("content_hash", flat=True).first()

    return compare_with_head(report, head.expenditure, head.expenditure_hash, hash_at, occasion=head.occasion)


def expenditure_head(centre, *, grant=None, day=None) -> dict | None:
    """The head fields of a ChainHead for the grant (given, or the centre's grant running on `day`, else the last)."""
    if grant is None:
        grants = list(centre.grants.order_by("start"))
        running = [g for g in grants if day is not None and g.start <= day <= g.end]
        grant = (running or grants or [None])[-1]
    if grant is None:
        return None
    index, last_hash = chain_tip(grant)
    return {"grant": grant, "expenditure": index - 1, "expenditure_hash": last_hash}
