"""Import benchmark: the real importer against a raw insert of the same rows, in one run.

    python -m bench.imports --rows 100000                  # a temporary SQLite database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/civhub python -m bench.imports --rows 100000

With a PostgreSQL DATABASE_URL the benchmark creates a temporary database on that server
(`<name>_bench_<pid>`) and drops it afterwards, so it never touches the named database.

One run: migrate, `load_demo`, generate the file (bench.generate), then

1. import it through `civhub.ledger.imports.import_contributions` (as the demo's finance
   controller; rows arrive submitted, each with its status event) and time it, with how far
   this process's peak RSS (VmHWM, reset before the import) rose above its RSS before it;
2. read back the rows it wrote, delete them, and insert exactly those rows again in one
   transaction, the fastest way the database takes them: SQLite one `cursor.executemany`,
   PostgreSQL one `COPY … FROM STDIN` (psycopg 3's `cursor.copy`): timed;
3. delete them once more and import the file again under tracemalloc, for the importer's
   peak Python memory in this process, the one that imports (tracemalloc slows Python
   down, so this pass is not timed).

Targets (issue 17): at least 10% of the raw insert's speed, measured in the same run, and
a peak memory of at most 200 MB (the importer keeps one batch of rows, not the file).
"""

import argparse
import io
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

TARGET_RATIO, TARGET_MB = 0.10, 200


@contextmanager
def scratch_database(tmp: str):
    """DATABASE_URL for a fresh database: a temporary PostgreSQL database, or an SQLite file under `tmp`."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp}/bench.sqlite3"
        return
    import psycopg

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'civhub'}_bench_{os.getpid()}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civhub.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=io.StringIO())
    from django.conf import settings
    from django.db import reset_queries

    # DEBUG=1 only lets the settings start without production secrets; with it on Django would also
    # keep every SQL statement in memory (connection.queries), which production never does.
    settings.DEBUG = False
    reset_queries()  # load_demo filled the log (9,000 at most); a full log would count 0 queries


def run_import(path: Path):
    from civhub.accounts.models import User
    from civhub.core.models import Centre
    from civhub.ledger.imports import import_contributions

    centre = Centre.objects.get(slug="civ-bio-sciences")
    actor = User.objects.get(email="finance@example.org")
    with path.open("rb") as handle:
        report = import_contributions(centre=centre, actor=actor, file=handle, file_name=path.name)
    assert report.ok, report.errors[:5]
    return report


def written_rows(batch_id: int) -> tuple[list[str], list[tuple]]:
    """The columns and the database's own values of the rows the import wrote (id excluded)."""
    from django.db import connection

    from civhub.ledger.models import Contribution

    columns = [field.column for field in Contribution._meta.concrete_fields if not field.primary_key]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM ledger_contribution WHERE import_batch_id = %s "  # noqa: S608
                       "ORDER BY id", [batch_id])
        return columns, cursor.fetchall()


def delete_imported() -> None:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM ledger_statusevent WHERE contribution_id IN "
                       "(SELECT id FROM ledger_contribution WHERE extern_id LIKE 'bench-%%')")
        cursor.execute("DELETE FROM ledger_contribution WHERE extern_id LIKE 'bench-%%'")


def raw_insert(columns: list[str], rows: list[tuple]) -> float:
    """Seconds for inserting `rows` in one transaction, commit included: COPY on PostgreSQL, else one executemany."""
    from django.db import connection, transaction

    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY ledger_contribution ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(f"INSERT INTO ledger_contribution ({', '.join(columns)}) "  # noqa: S608 - our columns
                               f"VALUES ({', '.join(['%s'] * len(columns))})", rows)
    return time.perf_counter() - start


def reset_peak_rss() -> None:
    """Start this process's peak RSS (VmHWM) again from its current RSS (Linux; elsewhere nothing happens),
    so that the peak read after the import is the import's, not load_demo's."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
    except OSError:
        pass


def rss_mb(name: str = "VmRSS") -> float:
    """This process's current (VmRSS) or peak (VmHWM) resident memory; getrusage's peak where /proc is missing."""
    try:
        with open("/proc/self/status") as handle:
            return next(int(line.split()[1]) for line in handle if line.startswith(f"{name}:")) / 1024
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the contributions importer against a raw insert.")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--format", dest="file_format", choices=["csv", "xlsx"], default="csv")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp, scratch_database(tmp) as database_url:
        setup_django(database_url)
        from django.db import connection

        from bench.generate import generate

        path = generate(args.rows, Path(tmp) / f"contributions.{args.file_format}", file_format=args.file_format)
        reset_peak_rss()
        rss_before = rss_mb()
        start = time.perf_counter()
        report = run_import(path)
        importer = time.perf_counter() - start
        rss_growth = rss_mb("VmHWM") - rss_before
        columns, rows = written_rows(report.batch.pk)
        delete_imported()
        raw = raw_insert(columns, rows)
        del rows
        delete_imported()
        tracemalloc.start()
        run_import(path)
        traced_peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        delete_imported()
        print_results(connection.vendor, args, report, importer, raw, rss_growth, traced_peak)
    return 0


def print_results(vendor: str, args, report, importer: float, raw: float, rss_growth: float, traced: float) -> None:
    ratio = raw / importer
    raw_name = "raw COPY" if vendor == "postgresql" else "raw executemany"
    print(f"database            {vendor} ({args.file_format}, {args.rows:,} rows)")
    print(f"importer            {importer:8.2f} s   {args.rows / importer:10,.0f} rows/s   ({report.summary()})")
    print(f"{raw_name:<19} {raw:8.2f} s   {args.rows / raw:10,.0f} rows/s")
    print(f"importer speed      {ratio:8.1%} of raw   (target >= {TARGET_RATIO:.0%})")
    print(f"importer peak mem   {traced:8.1f} MB tracemalloc peak, {rss_growth:.1f} MB growth of peak RSS "
          f"(target <= {TARGET_MB} MB)")
    verdict = ratio >= TARGET_RATIO and max(traced, rss_growth) <= TARGET_MB
    print(f"targets             {'met' if verdict else 'NOT met'}")


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    sys.exit(main())
