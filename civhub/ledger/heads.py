"""Recording the chains' heads at the moments an auditor relies on: a report submitted, a period closed.

The ledger knows its own chain of accepted entries. The subsidy's expenditure chain belongs
to `grants`, above the ledger, so grants registers a provider here (AppConfig.ready) that
adds its chain's head to every record; the ledger never imports grants.
"""

from collections.abc import Callable
from datetime import date

from civhub.ledger.chain import contributions_head, lock_chain
from civhub.ledger.models import ChainHead

# provider(centre, grant=..., day=...) -> {"grant": ..., "expenditure": n, "expenditure_hash": h} or None
_PROVIDERS: dict[str, Callable] = {}


def register(name: str, provider: Callable) -> None:
    """Add a provider of more head fields; registering a name again replaces it (ready() may run twice)."""
    _PROVIDERS[name] = provider


def record_chain_head(*, centre, actor, occasion: str, grant=None, day: date | None = None) -> ChainHead:
    """Record the chains as they stand now; call inside the transaction of the occasion (the centre row is locked)."""
    lock_chain(centre)
    count, last_hash = contributions_head(centre)
    fields = {}
    for provider in _PROVIDERS.values():
        fields |= provider(centre, grant=grant, day=day) or {}
    return ChainHead.objects.create(centre=centre, contributions=count, contributions_hash=last_hash,
                                    occasion=occasion[:200], recorded_by=actor, **fields)
