"""civhub benchmarks: `make bench` (or `python -m bench`).

Each figure is a ratio against a baseline measured in the same process, because the
machines are noisy: the pages of a centre with 10× and 100× the demo's 21 partners are
timed against the same page with 21 partners. Query counts are printed beside them: they
must not grow with the data.

The ledger's import benchmark runs on its own (it loads the demo and imports 100,000 rows):
`python -m bench.imports --rows 100000`, and `python -m bench.generate` writes its files;
see bench/imports.py. The co-financing monitor and the funder pack on 1,000,000 contributions:
`python -m bench.monitor --rows 1000000` (bench/monitor.py). The catalogue feed with 10,000 courses and
50,000 offerings: `python -m bench.feed` (bench/feed.py). The agenda, the registers and a meeting page with
1,000 meetings: `python -m bench.governance`. The HCA page with 200 partners × 10 occupations × 5 survey rounds:
`python -m bench.hca`. Under load: gunicorn and wrk against the public pages, the feed and the signed-in pages, each
as a share of a one-query floor measured in the same run: `python -m bench.load` (bench/load.py). One centre among
200 with 1,000,000 contributions: `python -m bench.centres`. The funder pack's PDF with HarfBuzz's font subsetting
against fontTools': `python -m bench.pdf`. `make bench` runs them all.
"""

import os
import statistics
import sys
import tempfile
import time

PARTNER_COUNTS = (21, 210, 2100)
RUNS = 7


def setup_django(database_file: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database_file}"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civhub.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def timed_get(client, url: str) -> tuple[float, int]:
    """Median seconds of RUNS requests, and the number of queries one request makes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    durations = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            durations.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(durations), len(queries.captured_queries)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(os.path.join(tmp, "bench.sqlite3"))
        from bench.data import make_centre, office_client

        print(f"{'page':<28}{'partners':>9}{'median ms':>11}{'ratio':>8}{'queries':>9}")
        rows, baselines = [], {}
        for count in PARTNER_COUNTS:
            client, urls = office_client(make_centre(f"bench-{count}", count))
            for page, url in urls.items():
                seconds, queries = timed_get(client, url)
                baselines.setdefault(page, seconds)
                rows.append((page, count, seconds, seconds / baselines[page], queries))
        for page, count, seconds, ratio, queries in sorted(rows, key=lambda row: (row[0], row[1])):
            print(f"{page:<28}{count:>9}{seconds * 1000:>11.1f}{ratio:>8.2f}{queries:>9}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    sys.exit(main())
