"""Monitor benchmark: the co-financing monitor on 1,000,000 contributions, in one run.

    python -m bench.monitor --rows 1000000                  # a temporary SQLite database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/civhub python -m bench.monitor --rows 1000000

(With PostgreSQL the run uses a temporary database on that server, like bench.imports.)

One run: migrate, `load_demo`, then

1. the demo centre's PDF funder pack, rendered in this process (target: under 3 s);
2. insert `--rows` contributions (about 80% accepted, the rest waiting in the approval
   steps) and 20,000 expenditure rows with a raw `executemany`, spread over the demo's
   partners, the grant's years, the kinds and the programme lines;
3. the monitor's selector (`civhub.grants.selectors.monitor.monitor`) against hand-written
   SQL that computes the same numbers with the same GROUP BYs, both timed in this process
   (median of 5; target: the selector at most 1.5× the SQL), and a check that both agree;
4. the monitor page as the finance controller sees it (median of 5; target: under 1 s);
5. the ledger's, the monitor's and the dashboard's pages (bench/ledger_pages.py), each cold and
   warm, against the same page on the demo before the rows went in, with query counts;
6. the XLSX funder pack with every accepted row in `Bijdragen`, written by
   `manage.py funder_report` in a child process, with that process's own peak RSS, which the
   child reports from /proc/self/status (VmHWM) as it exits (target: under 300 MB).
   (RUSAGE_CHILDREN cannot tell it: the child is spawned by vfork, and its high-water mark
   carries the parent's over the exec, so it reported the benchmark's own memory.)
"""

import argparse
import io
import logging
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from bench import ledger_pages
from bench.imports import scratch_database, setup_django

RUNS = 5
SELECTOR_RATIO, PAGE_SECONDS, XLSX_MB, PDF_SECONDS = 1.5, 1.0, 300, 3.0
INSERT_CHUNK = 50_000
KINDS = ["organisation", "research", "lab", "education", "lifelong_learning", "cash"]
STATUSES = ["accepted"] * 16 + ["submitted", "approved", "draft", "rejected"]
ROOT = Path(__file__).resolve().parent.parent


def median_seconds(function, runs: int = RUNS) -> tuple[float, object]:
    durations, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        durations.append(time.perf_counter() - start)
    return statistics.median(durations), result


def demo():
    from civhub.accounts.models import User
    from civhub.core.models import Centre

    centre = Centre.objects.get(slug="civ-bio-sciences")
    return centre, centre.grants.get(), User.objects.get(email="finance@example.org")


# 1. The PDF pack of the demo centre ---------------------------------------------------------


def time_pdf(tmp: str) -> float:
    from django.core.management import call_command

    output = Path(tmp) / "pack.pdf"
    seconds, _ = median_seconds(lambda: call_command("funder_report", "--centre", "civ-bio-sciences", "--format", "pdf",
                                                     "--output", str(output), stdout=io.StringIO()), runs=3)
    return seconds


# 2. The rows --------------------------------------------------------------------------------


def insert_rows(count: int, *, seed: int = 7) -> None:
    """`count` contributions and 20,000 expenditure rows, inserted with executemany in chunks."""
    from django.utils import timezone

    from civhub.accounts.models import Membership
    from civhub.ledger.models import Contribution
    from civhub.partners.models import Partnership

    centre, grant, actor = demo()
    partners = list(Partnership.objects.filter(centre=centre).values_list("pk", flat=True))
    # Each partner's entries are entered by one of its own people, as in real life (the finance controller enters
    # none: the inbox's "to accept" excludes what the viewer entered, and an index on who entered must help it).
    people = dict(Membership.objects.filter(centre=centre, partnership__isnull=False)
                  .order_by("-partnership_id", "-pk").values_list("partnership_id", "user_id"))
    lines = [*centre.programme_lines.values_list("pk", flat=True), None]
    rng, now, span = random.Random(seed), timezone.now(), (grant.end - grant.start).days
    columns = ["centre_id", "partnership_id", "extern_id", "date", "kind", "programme_line_id", "category", "hours",
               "hourly_rate", "amount", "description", "evidence", "status", "entered_by_id", "rejection_reason",
               "reversal_reason", "previous_hash", "content_hash", "created_at", "updated_at", "accepted_on",
               "provenance", "migration_reference", "seal_version"]
    assert set(columns) <= {field.column for field in Contribution._meta.concrete_fields}

    def row(number: int) -> tuple:
        partner = rng.choice(partners)
        hours = Decimal(rng.randint(1, 32)) / 4 if rng.random() < 0.75 else None
        amount = hours * 73 if hours is not None else Decimal(rng.randint(2500, 2500000)) / 100
        day, status = grant.start + timedelta(rng.randrange(span)), rng.choice(STATUSES)
        # An accepted entry counts from the day it was accepted: a few weeks after its own date.
        accepted_on = day + timedelta(days=rng.randint(5, 40)) if status == "accepted" else None
        migrated = accepted_on is not None and day.year == grant.start.year
        return (centre.pk, partner, f"bench-{number:07d}", day, rng.choice(KINDS), rng.choice(lines),
                "analyst" if hours else "", hours, Decimal("73.00") if hours else None, amount, "bench", "", status,
                people.get(partner, actor.pk), "", "", "", "", now, now, accepted_on,
                "migrated" if migrated else "two_keys", "", 2)

    _executemany("ledger_contribution", columns, (row(number) for number in range(1, count + 1)))
    spent_columns = ["grant_id", "extern_id", "date", "category", "programme_line_id", "amount", "description",
                     "entered_by_id", "created_at", "previous_hash", "content_hash"]
    _executemany("grants_expenditure", spent_columns, (
        (grant.pk, f"bench-{number:06d}", grant.start + timedelta(rng.randrange(span)), "personnel",
         rng.choice(lines), Decimal(rng.randint(100, 500000)) / 100, "bench", actor.pk, now, "", "")
        for number in range(1, 20_001)))
    settle()


def settle() -> None:
    """What the database does after a bulk insert before anyone reads: statistics, and on PostgreSQL the vacuum
    that marks the new pages all-visible, so an index-only scan reads no table. Autovacuum does that in
    production a minute after the rows arrive; this server runs without it, and a count of one status read
    50,000 table rows (150 ms instead of 10)."""
    from django.db import connection

    with connection.cursor() as cursor:  # outside a transaction: VACUUM may not run inside one
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def _executemany(table: str, columns: list[str], rows) -> None:
    from django.db import connection, transaction

    sql = (f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608 - our own table and column names
           f"VALUES ({', '.join(['%s'] * len(columns))})")
    chunk: list[tuple] = []
    for values in rows:
        chunk.append(values)
        if len(chunk) == INSERT_CHUNK:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(sql, chunk)
            chunk = []
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, chunk)


# 3. The selector against hand-written SQL ----------------------------------------------------


def hand_written(grant, as_of: date) -> dict:
    """The monitor's numbers straight from SQL: the same grouped sums the selector asks for."""
    from django.db import connection

    years = list(grant.years)
    counted = "accepted_on <= %s"

    def year_sums(condition: str = "1 = 1") -> str:
        return ", ".join(f"SUM(CASE WHEN {condition} AND date BETWEEN '{y}-01-01' AND '{y}-12-31' THEN amount END)"
                         for y in years)

    end = min(as_of, grant.end).isoformat()
    entered_by = (as_of + timedelta(days=1)).isoformat()  # entered by the end of as_of
    # One GROUP BY per status joined by UNION ALL, as the selector asks (see its queries.py); the accepted rows
    # also give what was entered by as_of but accepted after it (the commitment forecast's "late" part).
    counted_sql = " UNION ALL ".join(
        f"SELECT partnership_id, programme_line_id, kind, SUM(CASE WHEN {counted} THEN hours END), "  # noqa: S608
        f"SUM(CASE WHEN {counted} AND provenance = 'migrated' THEN amount END), "
        f"SUM(CASE WHEN accepted_on > %s AND created_at < %s THEN amount END), {year_sums(counted)} "
        f"FROM ledger_contribution WHERE centre_id = %s AND status = '{status}' AND date >= %s AND date <= %s "
        "GROUP BY partnership_id, programme_line_id, kind" for status in ("accepted", "reversed"))
    counted_parameters = [as_of, as_of, as_of, entered_by, *[as_of] * len(years), grant.centre_id, grant.start, end]
    waiting = " UNION ALL ".join(
        f"SELECT partnership_id, kind, SUM(amount) FROM ledger_contribution "  # noqa: S608 - built here
        f"WHERE centre_id = %s AND status = '{status}' AND date >= %s AND date <= %s AND created_at < %s "
        "GROUP BY partnership_id, programme_line_id, kind" for status in ("submitted", "approved"))
    with connection.cursor() as cursor:
        cursor.execute(counted_sql, [str(value) for value in counted_parameters] * 2)
        contributions = cursor.fetchall()
        cursor.execute(waiting, [grant.centre_id, grant.start.isoformat(), end, entered_by] * 2)
        waiting = cursor.fetchall()
        cursor.execute(
            f"SELECT programme_line_id, {year_sums()} FROM grants_expenditure "  # noqa: S608 - built above
            "WHERE grant_id = %s AND date >= %s AND date <= %s GROUP BY programme_line_id",
            [grant.pk, grant.start.isoformat(), end])
        spent = cursor.fetchall()
        cursor.execute(
            "SELECT l.year, l.programme_line_id, l.source, SUM(l.amount) FROM grants_budgetline l "
            "JOIN grants_budgetversion v ON v.id = l.version_id WHERE v.grant_id = %s AND v.is_current "
            "GROUP BY l.year, l.programme_line_id, l.source", [grant.pk])
        budget = cursor.fetchall()
        cursor.execute(
            "SELECT p.partnership_id, p.year, p.kind, SUM(p.amount) FROM ledger_pledge p "
            "JOIN partners_partnership s ON s.id = p.partnership_id WHERE s.centre_id = %s "
            "GROUP BY p.partnership_id, p.year, p.kind", [grant.centre_id])
        pledges = cursor.fetchall()
        cursor.execute("SELECT s.id, s.cofinancing_group, o.name FROM partners_partnership s "
                       "JOIN partners_organisation o ON o.id = s.organisation_id WHERE s.centre_id = %s",
                       [grant.centre_id])
        partners = {pk: group for pk, group, _ in cursor.fetchall()}
    realised = sum(sum(Decimal(str(value or 0)) for value in row[6:]) for row in contributions
                   if partners[row[0]] != "not_counted" and row[2] != "bpv")
    return {"realised": realised.quantize(Decimal("0.01")),
            "spent": sum(Decimal(str(value or 0)) for row in spent for value in row[1:]).quantize(Decimal("0.01")),
            "groups": (len(contributions), len(waiting), len(spent), len(budget), len(pledges))}


def compare_selector(as_of: date) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from civhub.grants.selectors.monitor import monitor

    _, grant, _ = demo()
    sql_seconds, by_hand = median_seconds(lambda: hand_written(grant, as_of))
    with CaptureQueriesContext(connection) as queries:
        selector_seconds, figures = median_seconds(lambda: monitor(grant, as_of=as_of))
    assert abs(figures.cofinancing_realised - by_hand["realised"]) <= Decimal("0.05"), (figures, by_hand)
    assert abs(figures.subsidy_spent - by_hand["spent"]) <= Decimal("0.05"), (figures, by_hand)
    return selector_seconds, sql_seconds, len(queries.captured_queries) // RUNS


# 4. The page --------------------------------------------------------------------------------


def time_page(as_of: date) -> tuple[float, int]:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    centre, _, actor = demo()
    from bench.data import sign_in

    client = Client()
    sign_in(client, actor)
    url = reverse("grants:monitor", args=[centre.slug]) + f"?as_of={as_of.isoformat()}"

    def get():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response

    reset_queries()  # the log keeps 9,000 queries at most: a full one would capture none
    with CaptureQueriesContext(connection) as queries:
        seconds, _ = median_seconds(get)
    return seconds, len(queries.captured_queries) // RUNS


# 5. The XLSX pack with every row ------------------------------------------------------------


# Runs manage.py in the child and, as the child ends, writes the child's own peak RSS (VmHWM, in kB) to a file.
CHILD = """
import runpy, sys
peak_file, sys.argv = sys.argv[1], ["manage.py", *sys.argv[2:]]
try:
    runpy.run_path("manage.py", run_name="__main__")
finally:
    status = dict(line.split(":", 1) for line in open("/proc/self/status"))
    open(peak_file, "w").write(status["VmHWM"].split()[0])
"""


def xlsx_in_child(tmp: str, database_url: str, as_of: date) -> tuple[float, float, int]:
    """Seconds, the child's own peak RSS in MB, and the file's size, for `funder_report --format xlsx`."""
    output, peak_file = Path(tmp) / "pack.xlsx", Path(tmp) / "peak.kb"
    environment = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "1"}
    command = [sys.executable, "-c", CHILD, str(peak_file), "funder_report", "--centre", "civ-bio-sciences",
               "--format", "xlsx", "--as-of", as_of.isoformat(), "--output", str(output)]
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=environment, check=True, stdout=subprocess.DEVNULL)  # noqa: S603 - ours
    seconds = time.perf_counter() - start
    return seconds, int(peak_file.read_text()) / 1024, output.stat().st_size


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the co-financing monitor and the funder pack.")
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    as_of = date(2025, 12, 31)
    with tempfile.TemporaryDirectory() as tmp, scratch_database(tmp) as database_url:
        setup_django(database_url)
        from django.db import connection

        # The pages are timed through Django's test client: its request log lines would bury the figures.
        logging.getLogger("civhub.requests").setLevel(logging.WARNING)

        print(f"database            {connection.vendor} ({args.rows:,} contributions + 20,000 expenditure rows)")
        pdf = time_pdf(tmp)
        print(f"PDF pack (demo)     {pdf:8.2f} s        (target < {PDF_SECONDS} s)", flush=True)
        centre, grant, _ = demo()
        demo_pages = ledger_pages.time_pages(centre, grant, as_of)
        start = time.perf_counter()
        insert_rows(args.rows)
        print(f"rows inserted in    {time.perf_counter() - start:8.1f} s", flush=True)
        selector, sql, queries = compare_selector(as_of)
        ratio = selector / sql
        print(f"selector            {selector:8.3f} s   {queries} queries")
        print(f"hand-written SQL    {sql:8.3f} s")
        print(f"selector / SQL      {ratio:8.2f}        (target <= {SELECTOR_RATIO})", flush=True)
        page, page_queries = time_page(as_of)
        print(f"monitor page        {page:8.3f} s   {page_queries} queries (target < {PAGE_SECONDS} s)", flush=True)
        pages_met = ledger_pages.report(demo_pages, ledger_pages.time_pages(centre, grant, as_of), selector=selector,
                                        rows=args.rows)
        xlsx, xlsx_mb, xlsx_size = xlsx_in_child(tmp, database_url, as_of)
        print(f"XLSX pack           {xlsx:8.1f} s   peak RSS {xlsx_mb:.0f} MB, {xlsx_size / 2**20:.0f} MB file "
              f"(target < {XLSX_MB} MB)")
        met = pages_met and pdf < PDF_SECONDS and ratio <= SELECTOR_RATIO and page < PAGE_SECONDS and xlsx_mb < XLSX_MB
        print(f"targets             {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
