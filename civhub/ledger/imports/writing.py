"""Writing checked contribution rows: bulk_create in batches, a status event each, the hash chain when accepted.

Speed matters here (a migration can bring 100,000 rows; see bench/imports.py): the rows
are built with positional arguments, inserted with bulk_create, and their status events
written with a single INSERT … SELECT instead of one more model instance per row.
"""

from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from django.db import connection
from django.utils import timezone

from civhub.ledger import chain
from civhub.ledger.models import Contribution, ImportBatch, StatusEvent

WRITE_BATCH = 2000  # rows per bulk_create; Django splits further where the database needs it
Status = Contribution.Status


def write_entries(entries: list, *, centre, actor, batch: ImportBatch, as_accepted: bool, reference: str = "",
                  progress: Callable[[int, int], None] | None = None) -> None:
    """Insert checked entries (imports.contributions.Entry) in file order, submitted, or migrated: accepted and chained.

    Call inside the import's transaction, with the centre's row locked when `as_accepted`
    (the chain has one tip per centre). A migrated entry keeps who migrated it, when, and the
    evidence (`reference`); each counts from its own `accepted_on`.
    """
    now = timezone.now()
    status = Status.ACCEPTED if as_accepted else Status.SUBMITTED
    common = {"centre_id": centre.pk, "status": status, "entered_by_id": actor.pk, "import_batch_id": batch.pk}
    if as_accepted:
        common |= {"approved_by_id": actor.pk, "approved_at": now, "accepted_by_id": actor.pk, "accepted_at": now,
                   "provenance": Contribution.Provenance.MIGRATED, "migration_reference": reference}
    tip = chain.chain_tip(centre) if as_accepted else None
    if progress:
        progress(0, len(entries))  # writing starts: the count begins again
    build = _builder(common, type(entries[0])._fields) if entries else None
    for done, chunk in _chunks(entries, WRITE_BATCH):
        objects = [build(entry) for entry in chunk]
        Contribution.objects.bulk_create(objects)
        if as_accepted:
            tip = _seal(objects, tip)
        if progress:
            progress(done, len(entries))
    _record_status_events(batch, actor=actor, action="imported", now=now)


def _chunks(entries: list, size: int) -> Iterator[tuple[int, list]]:
    iterator, done = iter(entries), 0
    while chunk := list(islice(iterator, size)):
        done += len(chunk)
        yield done, chunk


def _builder(common: dict, fields: tuple[str, ...]) -> Callable[[tuple], Contribution]:
    """A function making a Contribution from an entry tuple (named `fields`) plus the `common` values.

    Model(*values) in column order takes Django's fast path; with 100,000 rows keyword
    arguments cost a second. The column order is read from the model, never written out here.
    """
    columns = [field.attname for field in Contribution._meta.concrete_fields]
    template = [common.get(name, field.get_default())
                for name, field in zip(columns, Contribution._meta.concrete_fields, strict=True)]
    taken = [(columns.index(name), index) for index, name in enumerate(fields) if name in columns]

    def build(entry: tuple) -> Contribution:
        values = template.copy()
        for column, index in taken:
            values[column] = entry[index]
        return Contribution(*values)

    return build


def _record_status_events(batch: ImportBatch, *, actor, action: str, now) -> None:
    """One status event per imported entry (who, when, to which status), in one statement."""
    events, entries = StatusEvent._meta.db_table, Contribution._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {events} (contribution_id, actor_id, action, from_status, to_status, reason, created_at) "  # noqa: S608 - our own tables
            f"SELECT id, %s, %s, '', status, '', %s FROM {entries} WHERE import_batch_id = %s",
            [actor.pk, action, connection.ops.adapt_datetimefield_value(now), batch.pk],
        )


def _seal(objects: Iterable[Contribution], tip: tuple[int, str]) -> tuple[int, str]:
    """Chain the just-created entries in file order and store their hashes; returns the new tip.

    The hash covers the entry's id, so it can only be computed after the insert. One
    executemany UPDATE is much faster here than bulk_update's CASE expression per row.
    """
    index, previous, rows = tip[0], tip[1], []
    for entry in objects:
        chain.seal(entry, index=index, previous_hash=previous)
        rows.append((entry.chain_index, entry.previous_hash, entry.content_hash, entry.pk))
        index, previous = index + 1, entry.content_hash
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {Contribution._meta.db_table} SET chain_index = %s, previous_hash = %s, "  # noqa: S608 - our table
            "content_hash = %s WHERE id = %s",
            rows,
        )
    return index, previous
