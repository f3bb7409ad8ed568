"""The triggers that keep `ContributionTally`: the ledger's entries added up per month, in the database itself.

An entry is counted by whatever writes it: the ledger's services, an import, a data
migration, a test's factory or a bulk insert. Triggers see every one of those, in the same
statement and transaction, so the tally never lags the ledger and no code path has to
remember it. The rows a statement writes to `ledger_contribution` are added, the rows it
replaced or removed subtracted, and a cell that no entry is left in is removed (adding first,
an update that leaves an entry in its cell keeps the cell's row as it was). SQLite does this
for each row; PostgreSQL once per statement, over the statement's transition tables, so that a
COPY of 100,000 entries is one grouped upsert (bench/imports.py).

Months are the first day of the month; the month an entry was entered is taken in UTC (how
both engines store `created_at`). An entry that is not accepted or reversed has NOT_ACCEPTED
for the month it was accepted. The monitor's "as of" needs the months of acceptance and entry;
it reads the months it cannot decide whole from the ledger (grants/selectors/monitor/queries.py).

Every statement here is built from this module's own table and column names; none holds input.
The migration that made the tally (ledger 0008) creates the triggers from this module: a change
here needs a migration that drops and creates them again (`drop`, `triggers`), or a database
migrated before keeps the old ones (tests/grants/test_monitor_tally.py compares them).
"""

from datetime import date
from decimal import Decimal

TABLE = "ledger_contributiontally"
KEY = ("centre_id", "partnership_id", "line", "kind", "status", "date_month", "accepted_month", "created_month")
SUMS = ("entries", "amount_cents", "migrated_cents", "hours_hundredths")
COUNTED = "('accepted', 'reversed')"
NOT_ACCEPTED = date(1, 1, 1)
CENT = Decimal("0.01")


def decimal(hundredths: int | None) -> Decimal:
    """A sum of the tally (cents, or hundredths of an hour) as the Decimal it stands for, to two places."""
    return (Decimal(hundredths or 0) / 100).quantize(CENT)


# An update that changes none of these does not call SQLite's trigger. (PostgreSQL allows no column list on a trigger
# with transition tables: there such an update cancels out and writes nothing.)
WATCHED = ("status, centre_id, partnership_id, programme_line_id, kind, date, accepted_on, created_at, amount, hours, "
           "provenance")


class _Engine:
    """How one engine writes a month and the first day of the UTC month of a timestamp."""

    def __init__(self, month: str, created_month: str, never: str):
        self.month, self.created_month, self.never = month, created_month, never

    def key(self, row: str) -> list[str]:
        """The cell an entry (`row`: NEW, OLD or a table alias) belongs to, in the order of KEY."""
        accepted = f"{row}.status IN {COUNTED} AND {row}.accepted_on IS NOT NULL"
        return [f"{row}.centre_id", f"{row}.partnership_id", f"COALESCE({row}.programme_line_id, 0)", f"{row}.kind",
                f"{row}.status", self.month.format(f"{row}.date"),
                f"CASE WHEN {accepted} THEN {self.month.format(f'{row}.accepted_on')} ELSE {self.never} END",
                self.created_month.format(f"{row}.created_at")]


SQLITE = _Engine("strftime('%Y-%m-01', {})", "strftime('%Y-%m-01', {})", f"'{NOT_ACCEPTED}'")
POSTGRESQL = _Engine("CAST(date_trunc('month', {}) AS date)",
                     "CAST(date_trunc('month', {} AT TIME ZONE 'UTC') AS date)", f"DATE '{NOT_ACCEPTED}'")


def _sums(row: str) -> list[str]:
    """What one entry adds to its cell, in the order of SUMS: cents and hundredths, so no engine rounds a sum."""
    amount = f"CAST(ROUND({row}.amount * 100) AS BIGINT)"
    return ["1", amount, f"CASE WHEN {row}.provenance = 'migrated' THEN {amount} ELSE 0 END",
            f"CAST(ROUND(COALESCE({row}.hours, 0) * 100) AS BIGINT)"]


def _sqlite_upsert(row: str, sign: str) -> str:
    """Add `sign` times the entry `row` to its cell (SQLite takes no table alias inside a trigger)."""
    values = SQLITE.key(row) + [f"{sign} * {value}" for value in _sums(row)]
    added = ", ".join(f"{column} = {TABLE}.{column} + excluded.{column}" for column in SUMS)
    return (f"INSERT INTO {TABLE} ({', '.join(KEY + SUMS)}) VALUES ({', '.join(values)}) "  # noqa: S608 - no input
            f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET {added};")


def _sqlite_add(row: str) -> str:
    return _sqlite_upsert(row, "1")


def _sqlite_subtract(row: str) -> str:
    """Subtract the entry from its cell, and remove the cell when no entry is left in it."""
    same = " AND ".join(f"{column} = {value}" for column, value in zip(KEY, SQLITE.key(row), strict=True))
    return f"{_sqlite_upsert(row, '-1')} DELETE FROM {TABLE} WHERE {same} AND entries = 0;"  # noqa: S608 - no input


def sqlite_triggers() -> list[str]:
    on = "ON ledger_contribution"
    return [
        f"CREATE TRIGGER ledger_tally_insert AFTER INSERT {on} BEGIN {_sqlite_add('NEW')} END",
        f"CREATE TRIGGER ledger_tally_delete AFTER DELETE {on} BEGIN {_sqlite_subtract('OLD')} END",
        f"CREATE TRIGGER ledger_tally_update AFTER UPDATE OF {WATCHED} {on} "
        f"BEGIN {_sqlite_add('NEW')} {_sqlite_subtract('OLD')} END",
    ]


def _cells_of(rows: str, sign: str) -> str:
    """The cells of a PostgreSQL transition table, `sign` times what each entry adds: one row per entry."""
    keys = ", ".join(f"{value} AS {name}" for name, value in zip(KEY, POSTGRESQL.key("c"), strict=True))
    sums = ", ".join(f"{sign} * {value} AS {name}" for name, value in zip(SUMS, _sums("c"), strict=True))
    return f"SELECT {keys}, {sums} FROM {rows} c"  # noqa: S608 - our own names, no input


def _postgresql_apply(*parts: str) -> str:
    """Add the entries of `parts` (cells, see `_cells_of`) to the tally in one statement, per cell, skipping a cell
    whose changes cancel out (an update that moved nothing)."""
    sums = ", ".join(f"SUM({name})" for name in SUMS)
    added = ", ".join(f"{name} = t.{name} + excluded.{name}" for name in SUMS)
    return (f"INSERT INTO {TABLE} AS t ({', '.join(KEY + SUMS)}) "  # noqa: S608 - our own names, no input
            f"SELECT {', '.join(KEY)}, {sums} FROM ({' UNION ALL '.join(parts)}) cells GROUP BY {', '.join(KEY)} "
            f"HAVING {' OR '.join(f'SUM({name}) <> 0' for name in SUMS)} "
            f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET {added}")


def _postgresql_empty_cells() -> str:
    """Remove the cells that the old rows left without an entry."""
    keys = ", ".join(f"{value} AS {name}" for name, value in zip(KEY, POSTGRESQL.key("c"), strict=True))
    return (f"DELETE FROM {TABLE} t USING (SELECT DISTINCT {keys} FROM old_rows c) gone "  # noqa: S608 - no input
            f"WHERE ({', '.join(f't.{name}' for name in KEY)}) = ({', '.join(f'gone.{name}' for name in KEY)}) "
            f"AND t.entries = 0")


def postgresql_triggers() -> list[str]:
    """Statement-level triggers over transition tables: a COPY or a bulk insert of 100,000 entries is one
    aggregated upsert, not 100,000 (bench/imports.py). PostgreSQL allows no column list on an UPDATE trigger with
    transition tables; an update that changes nothing of a cell cancels out (`HAVING`) and writes nothing."""
    each = "FOR EACH STATEMENT EXECUTE FUNCTION ledger_tally_trigger()"
    return [
        f"""CREATE FUNCTION ledger_tally_trigger() RETURNS trigger AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                {_postgresql_apply(_cells_of('new_rows', '1'))};
            ELSIF TG_OP = 'DELETE' THEN
                {_postgresql_apply(_cells_of('old_rows', '-1'))};
                {_postgresql_empty_cells()};
            ELSE
                {_postgresql_apply(_cells_of('new_rows', '1'), _cells_of('old_rows', '-1'))};
                {_postgresql_empty_cells()};
            END IF;
            RETURN NULL;
        END $$ LANGUAGE plpgsql""",  # noqa: S608 - our own names, no input
        f"CREATE TRIGGER ledger_tally_insert AFTER INSERT ON ledger_contribution REFERENCING NEW TABLE AS new_rows "
        f"{each}",
        f"CREATE TRIGGER ledger_tally_delete AFTER DELETE ON ledger_contribution REFERENCING OLD TABLE AS old_rows "
        f"{each}",
        f"CREATE TRIGGER ledger_tally_update AFTER UPDATE ON ledger_contribution "
        f"REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows {each}",
    ]


def triggers(vendor: str) -> list[str]:
    return postgresql_triggers() if vendor == "postgresql" else sqlite_triggers()


def backfill(vendor: str) -> str:
    """One INSERT ... SELECT that tallies the entries already in the ledger."""
    key = (POSTGRESQL if vendor == "postgresql" else SQLITE).key("c")
    return (f"INSERT INTO {TABLE} ({', '.join(KEY + SUMS)}) "  # noqa: S608 - our own names, no input
            f"SELECT {', '.join(key)}, {', '.join(f'SUM({value})' for value in _sums('c'))} "
            f"FROM ledger_contribution c GROUP BY {', '.join(key)}")


def drop(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [*(f"DROP TRIGGER IF EXISTS ledger_tally_{event} ON ledger_contribution"
                  for event in ("insert", "delete", "update")),
                "DROP FUNCTION IF EXISTS ledger_tally_trigger()"]
    return [f"DROP TRIGGER IF EXISTS ledger_tally_{event}" for event in ("insert", "delete", "update")]
