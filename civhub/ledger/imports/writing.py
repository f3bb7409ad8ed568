"""Writing checked contribution rows while the file is read: in batches, a status event each, chained when accepted.

Speed and memory matter here (a migration can bring 100,000 rows; see bench/imports.py):
the importer hands each checked entry to an `EntryWriter` as soon as it is checked, and
the writer keeps one batch of them. Submitted rows go in as plain rows of values, prepared
once per column the way Django's own insert prepares them: with PostgreSQL's COPY, on
other databases with one executemany per batch. Accepted rows need their ids for their
hashes, so they go through bulk_create (which returns the ids) and are sealed per batch.
Status events are written at the end with a single INSERT … SELECT.
"""

from collections.abc import Callable
from functools import partial

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import timezone

from civhub.ledger import chain
from civhub.ledger.models import Contribution, ImportBatch, StatusEvent

WRITE_BATCH = 5000  # rows per insert; a batch is all the writer keeps in memory
Status = Contribution.Status
# Fields whose Python values the databases take as they are (text, ids): preparing them would change nothing.
_AS_IS = {"CharField", "SlugField", "TextField", "ForeignKey", "OneToOneField", "BooleanField",
          "PositiveIntegerField", "PositiveSmallIntegerField", "IntegerField"}


class EntryWriter:
    """Writes checked entries (imports.contributions.Entry) in file order, in batches, inside the import's transaction.

    Submitted, or migrated: accepted and chained. Use it inside the import's transaction,
    with the centre's row locked (the chain has one tip per centre); a migrated entry keeps
    who migrated it, when, and the evidence (`reference`), and counts from its own
    `accepted_on`. Whatever the writer wrote goes when the transaction is rolled back.
    """

    def __init__(self, *, centre, actor, batch: ImportBatch, as_accepted: bool, reference: str = ""):
        self.actor, self.batch, self.as_accepted = actor, batch, as_accepted
        self.now = timezone.now()
        common = {"centre_id": centre.pk, "status": Status.ACCEPTED if as_accepted else Status.SUBMITTED,
                  "entered_by_id": actor.pk, "import_batch_id": batch.pk}
        if as_accepted:
            common |= {"approved_by_id": actor.pk, "approved_at": self.now, "accepted_by_id": actor.pk,
                       "accepted_at": self.now, "provenance": Contribution.Provenance.MIGRATED,
                       "migration_reference": reference}
        self.common = common
        self.tip = chain.chain_tip(centre) if as_accepted else None
        self.pending: list[tuple] = []
        self.written = 0
        self._to_row: Callable[[tuple], list] | None = None

    def add(self, entry: tuple) -> None:
        self.pending.append(entry)
        if len(self.pending) >= WRITE_BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        if self._to_row is None:
            self._to_row = (_model_builder if self.as_accepted else _row_builder)(
                self.common, type(self.pending[0])._fields, self.now)
        rows = [self._to_row(entry) for entry in self.pending]
        self.written += len(rows)
        self.pending = []
        if self.as_accepted:
            self.tip = _seal(Contribution.objects.bulk_create(rows), self.tip)
        else:
            _insert(rows)

    def finish(self) -> int:
        """Write what is left and a status event per entry; the number of entries written."""
        self.flush()
        _record_status_events(self.batch, actor=self.actor, action="imported", now=self.now)
        return self.written


def _template(common: dict, now) -> list:
    """Every concrete field's value as a new entry gets it: `common`, the timestamps, else the default."""
    return [now if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
            else common.get(field.attname, field.get_default()) for field in Contribution._meta.concrete_fields]


def _taken(fields: tuple[str, ...], columns: list[str]) -> list[tuple[int, int]]:
    """(position in the row, position in the entry) of every entry field that is a column."""
    return [(columns.index(name), index) for index, name in enumerate(fields) if name in columns]


def _model_builder(common: dict, fields: tuple[str, ...], now) -> Callable[[tuple], Contribution]:
    """A function making a Contribution from an entry tuple (named `fields`) plus the `common` values.

    Model(*values) in column order takes Django's fast path; with 100,000 rows keyword
    arguments cost a second. The column order is read from the model, never written out here.
    """
    template = _template(common, now)
    taken = _taken(fields, [field.attname for field in Contribution._meta.concrete_fields])

    def build(entry: tuple) -> Contribution:
        values = template.copy()
        for column, index in taken:
            values[column] = entry[index]
        return Contribution(*values)

    return build


def _insert_fields() -> list:
    return [field for field in Contribution._meta.concrete_fields if not field.primary_key]


def _row_builder(common: dict, fields: tuple[str, ...], now) -> Callable[[tuple], list]:
    """A function making the database row of an entry: the values bulk_create would send, prepared per column.

    The fixed values are prepared once; of an entry's own values only those a database
    needs converted (dates on SQLite, decimals) go through their field's preparation.
    """
    insert_fields, database = _insert_fields(), connections[DEFAULT_DB_ALIAS]  # the connection itself, no proxy
    template = [field.get_db_prep_save(value, connection) for field, value in
                zip(Contribution._meta.concrete_fields, _template(common, now), strict=True) if not field.primary_key]
    columns = [field.attname for field in insert_fields]
    taken = [(column, index, None if insert_fields[column].get_internal_type() in _AS_IS
              else partial(insert_fields[column].get_db_prep_save, connection=database))
             for column, index in _taken(fields, columns)]

    def build(entry: tuple) -> list:
        values = template.copy()
        for column, index, prepare in taken:
            value = entry[index]
            values[column] = value if prepare is None or value is None else prepare(value)
        return values

    return build


def _insert(rows: list[list]) -> None:
    """One batch of prepared rows into the table: COPY on PostgreSQL, one executemany elsewhere."""
    table = connection.ops.quote_name(Contribution._meta.db_table)
    names = ", ".join(connection.ops.quote_name(field.column) for field in _insert_fields())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(rows[0]))})",  # noqa: S608 - our own table and columns
                               rows)


def _record_status_events(batch: ImportBatch, *, actor, action: str, now) -> None:
    """One status event per imported entry (who, when, to which status), in one statement."""
    events, entries = StatusEvent._meta.db_table, Contribution._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {events} (contribution_id, actor_id, action, from_status, to_status, reason, created_at) "  # noqa: S608 - our own tables
            f"SELECT id, %s, %s, '', status, '', %s FROM {entries} WHERE import_batch_id = %s",
            [actor.pk, action, connection.ops.adapt_datetimefield_value(now), batch.pk],
        )


def _seal(objects: list[Contribution], tip: tuple[int, str]) -> tuple[int, str]:
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
