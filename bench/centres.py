"""Many centres: one centre's pages in a database of 200 centres and 1,000,000 contributions, in one run.

    python -m bench.centres                                   # a temporary SQLite database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/loadbench python -m bench.centres
    python -m bench.centres --rows 100000                     # a quicker look

(With PostgreSQL the run uses a temporary database on that server, like bench.imports.)

One run: migrate and `load_demo` (the demo centre, alone in its database); time the demo centre's main pages
(as the persona who sees each) and count their queries; then add 199 centres of 20 to 60 partners each
(bench/data.py), each with a person who enters its contributions, and `--rows` contributions spread over
their partners with a raw `executemany` (bench/monitor.py's), and time the same pages again. Goal (issue 17):
the same query count, and at most 1.5× the one-centre time. A page is timed `RUNS` times; the ratio is taken
of the fastest of them (the least disturbed by other processes on the machine: at 20 ms a page, a neighbour's
burst doubled a median), and the medians are printed beside it. The home page, which lists every centre,
is timed too: it shows a page of them.
"""

import argparse
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal

from bench.imports import scratch_database, setup_django
from bench.monitor import KINDS, STATUSES, _executemany, settle

CENTRES, RUNS, RATIO = 200, 9, 1.5


def clients() -> dict[str, object]:
    from django.test import Client

    from bench.data import sign_in
    from civhub.accounts.models import User

    made = {}
    for email in ("finance@example.org", "contact.janssen@example.org", "pm@example.org"):
        made[email] = Client()
        sign_in(made[email], User.objects.get(email=email))  # the office must use two factors
    return made


def pages() -> list[tuple[str, str, str]]:
    """(page, persona, URL) for the demo centre's main pages."""
    from django.urls import reverse

    slug = "civ-bio-sciences"
    finance, contact, manager = "finance@example.org", "contact.janssen@example.org", "pm@example.org"
    return [
        ("public centre page", manager, reverse("public:centre", args=[slug])),
        ("course catalogue", manager, reverse("learning:catalogue", args=[slug])),
        ("agenda", manager, reverse("events:agenda", args=[slug])),
        ("agenda feed (ics)", manager, reverse("events:agenda_ics", args=[slug])),
        ("news", manager, reverse("news:list", args=[slug])),
        ("office dashboard", manager, reverse("office:dashboard", args=[slug])),
        ("office partner list", manager, reverse("office:partners", args=[slug])),
        ("inbox", finance, reverse("core:inbox", args=[slug])),
        ("contributions (finance)", finance, reverse("ledger:contributions", args=[slug])),
        ("monitor (finance)", finance, reverse("grants:monitor", args=[slug])),
        ("programme", manager, reverse("programme:overview", args=[slug])),
        ("meetings", manager, reverse("governance:meetings", args=[slug])),
        ("partner portal (Janssen)", contact, reverse("portal:partner", args=[slug, "janssen"])),
        ("contributions (Janssen)", contact, reverse("ledger:contributions", args=[slug])),
    ]


def measure(made: dict, targets) -> dict[str, tuple[float, float, int]]:
    """{page: (fastest, median, queries)}."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    results = {}
    for name, persona, url in targets:
        client, durations = made[persona], []
        client.get(url)  # warm-up: templates compiled, caches filled as in a running server
        for _ in range(RUNS):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                durations.append(time.perf_counter() - start)
            assert response.status_code == 200, (name, url, response.status_code)
        results[name] = (min(durations), statistics.median(durations), len(queries.captured_queries))
    return results


def add_centres(count: int, rows: int, seed: int = 17) -> None:
    """`count` - 1 more centres of 20-60 partners and `rows` contributions over their partners."""
    from django.utils import timezone

    from bench.data import make_centre
    from civhub.accounts.models import User
    from civhub.partners.models import Partnership

    rng = random.Random(seed)
    partners: list[tuple[int, int, int]] = []
    for number in range(1, count):
        centre = make_centre(f"centre-{number:03d}", rng.randint(20, 60))
        # Each centre's entries are entered by its own person, never by the demo centre's people.
        person = User.objects.create(email=f"entries@{centre.slug}.example.org", full_name=f"Invoer {centre.slug}")
        partners += [(centre_id, pk, person.pk) for centre_id, pk in
                     Partnership.objects.filter(centre=centre).values_list("centre_id", "pk")]
    now = timezone.now()
    start, span = date(2022, 1, 1), 4 * 365
    columns = ["centre_id", "partnership_id", "extern_id", "date", "kind", "programme_line_id", "category", "hours",
               "hourly_rate", "amount", "description", "evidence", "status", "entered_by_id", "rejection_reason",
               "reversal_reason", "previous_hash", "content_hash", "created_at", "updated_at", "accepted_on",
               "provenance", "migration_reference", "seal_version"]

    def row(number: int) -> tuple:
        centre_id, partnership_id, person = rng.choice(partners)
        hours = Decimal(rng.randint(1, 32)) / 4
        day, status = start + timedelta(rng.randrange(span)), rng.choice(STATUSES)
        accepted_on = day + timedelta(days=rng.randint(5, 40)) if status == "accepted" else None
        return (centre_id, partnership_id, f"many-{number:07d}", day, rng.choice(KINDS), None, "analyst", hours,
                Decimal("73.00"), hours * 73, "bench", "", status, person, "", "", "", "", now, now, accepted_on,
                "two_keys", "", 2)

    _executemany("ledger_contribution", columns, (row(number) for number in range(1, rows + 1)))
    settle()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--centres", type=int, default=CENTRES)
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    with tempfile.TemporaryDirectory() as tmp, scratch_database(tmp) as database_url:
        setup_django(database_url)
        from django.urls import reverse

        logging.getLogger("civhub.requests").setLevel(logging.WARNING)  # the figures, not a line per request

        made, targets = clients(), pages()
        alone = measure(made, targets)
        started = time.perf_counter()
        add_centres(args.centres, args.rows)
        print(f"added {args.centres - 1} centres and {args.rows:,} contributions in "
              f"{time.perf_counter() - started:.0f} s")
        crowded = measure(made, [*targets, ("home page (all centres)", targets[0][1], reverse("public:home"))])
        engine = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
        print(f"{engine}: one centre alone, then among {args.centres} ({args.rows:,} contributions); "
              f"goal: same queries, at most {RATIO}× the time")
        print(f"{'page':<28}{'alone ms':>10}{'many ms':>10}{'ratio':>8}{'median ms':>16}{'ratio':>8}{'queries':>13}")
        print(f"{'':<28}{'(fastest)':>10}{'(fastest)':>10}{'':>8}{'alone → many':>16}{'':>8}")
        for name, (seconds, median, queries) in crowded.items():
            before, before_median, before_queries = alone.get(name, (None, None, None))
            ratio = f"{seconds / before:.2f}" if before else "-"
            medians = f"{before_median * 1000:.1f} → {median * 1000:.1f}" if before else f"{median * 1000:.1f}"
            median_ratio = f"{median / before_median:.2f}" if before else "-"
            counts = f"{before_queries} → {queries}" if before_queries is not None else str(queries)
            flag = "" if before is None or (queries == before_queries and seconds <= RATIO * before) else "  !"
            print(f"{name:<28}{before * 1000 if before else 0:>10.1f}{seconds * 1000:>10.1f}{ratio:>8}"
                  f"{medians:>16}{median_ratio:>8}{counts:>13}{flag}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    sys.exit(main())
