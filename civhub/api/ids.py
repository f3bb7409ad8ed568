"""Stable UUIDs for the feed's objects, derived from the model and the primary key, and read back.

OOAPI identifies every object by a UUID; civhub's models use integer keys. Each object gets
a UUID that never changes and can be turned back into its key without a lookup table:

- the upper 64 bits are those of uuid5(NAMESPACE, kind), so a course and an offering with
  the same key get different UUIDs, and an offering's UUID is not a course's;
- the lower 62 bits are the primary key;
- the version (8, "custom", RFC 9562) and variant bits are set as the RFC asks.

A plain uuid5 of the key could not be read back without hashing every key in the table,
which the feed would have to do on every request for one course.
"""

import uuid
from functools import cache

NAMESPACE = uuid.UUID("30c74ae5-220b-4539-95ae-b33b369533ae")  # fixed for good: changing it changes every id
COURSE, OFFERING, ORGANIZATION = "course", "offering", "organization"

_KEY_BITS = 62
_KEY_MASK = (1 << _KEY_BITS) - 1
_VERSION_MASK, _VERSION_8 = 0xF000 << 64, 0x8000 << 64
_VARIANT_MASK, _VARIANT_RFC = 0xC000 << 48, 0x8000 << 48


@cache
def _prefix(kind: str) -> int:
    high = uuid.uuid5(NAMESPACE, kind).int >> 64 << 64
    return (high & ~_VERSION_MASK) | _VERSION_8


def ooapi_uuid(kind: str, pk: int) -> uuid.UUID:
    """The feed's UUID of the `kind` object ("course", "offering", "organization") with key `pk`."""
    return uuid.UUID(int=_prefix(kind) | _VARIANT_RFC | pk)


def pk_from_id(kind: str, text: str) -> int | None:
    """The primary key named by `text` (the feed's UUID or the plain key), or None if it names no `kind`."""
    if text.isascii() and text.isdigit():
        key = int(text)
        return key if 0 < key <= _KEY_MASK else None
    try:
        value = uuid.UUID(text)
    except ValueError:
        return None
    key = value.int & _KEY_MASK
    return key if key and value == ooapi_uuid(kind, key) else None
