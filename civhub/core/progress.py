"""How far a long piece of work is (an import, a file the worker makes), kept in the shared cache.

The work runs in one transaction or in another process, so nothing it writes is visible to the page that polls it;
it records its progress here under its own key instead, and the page reads it (Redis in production: the same for
every process).
"""

import time
from dataclasses import asdict, dataclass

from django.core.cache import cache

CACHE_SECONDS = 24 * 3600


@dataclass
class Progress:
    """Parts done of about `total` (0: not known yet), and when that was recorded (epoch seconds)."""

    done: int
    total: int
    at: float = 0  # a stalled piece of work shows no new progress

    @property
    def percent(self) -> int:
        return min(100, round(self.done * 100 / self.total)) if self.total else 0


def record(key: str, *, done: int, total: int) -> None:
    cache.set(key, asdict(Progress(done, total, time.time())), CACHE_SECONDS)


def read(key: str) -> Progress | None:
    """The progress recorded under `key`; None when none was (an older entry with more fields still reads)."""
    stored = cache.get(key)
    return Progress(stored["done"], stored["total"], stored.get("at", 0)) if stored else None
