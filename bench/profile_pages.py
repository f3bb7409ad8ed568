"""Where one request of a signed-in page spends its time: Django's test client in-process, DEBUG off, on a demo.

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 python -m bench.profile_pages --prepare   # migrate, load the demo
    DATABASE_URL=sqlite:////tmp/demo.sqlite3 python -m bench.profile_pages             # each page: ms and queries
    DATABASE_URL=sqlite:////tmp/demo.sqlite3 python -m bench.profile_pages --profile monitor --top 40
    DATABASE_URL=sqlite:////tmp/demo.sqlite3 python -m bench.profile_pages --sql monitor      # one request's SQL
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/demo CACHE_URL=redis://127.0.0.1:6379/7 \
        python -m bench.profile_pages                                                   # production shape

The pages are bench/load.py's signed-in ones, requested as its personas are signed in there (`signed_in_client`:
past the second factor), each warmed up first (the cached template loader, the figures `core/revisions.py` keeps),
then `--repeat` times: the median wall and CPU time (steadier on a shared machine), the CPU time as a multiple
of the one-query floor's (bench/urls.py: in-process, without the server's and the connection's share of the
floor, so far above what bench/load.py sees) and the queries of one request. `--profile NAME` prints cProfile's
functions of that page's warm requests, by cumulative time; `--sql NAME` prints the queries of one warm request.
DATABASE_URL and CACHE_URL choose the production shape (PostgreSQL, Redis). Use a scratch database: signing in
writes sessions.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.load import signed_in_client

ROOT = Path(__file__).resolve().parent.parent
CENTRE = "/c/civ-bio-sciences"
FLOOR = "/__bench__/one-query/"  # bench/urls.py: what the ratios of bench/load.py are taken against
PAGES = {  # name: (path, persona), as in bench/load.py
    "portal": (f"{CENTRE}/portaal/janssen/", "contact.janssen@example.org"),
    "contributions": (f"{CENTRE}/bijdragen/", "contact.janssen@example.org"),
    "monitor": (f"{CENTRE}/subsidie/", "finance@example.org"),
}


def production_env() -> None:
    """DEBUG off and what the production settings then insist on (the load benchmark's values)."""
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to a scratch database (sqlite:////tmp/demo.sqlite3).")
    os.environ.update({"DJANGO_SETTINGS_MODULE": "bench.settings", "DEBUG": "0", "SECRET_KEY": "bench-" + "k" * 50,
                       "ALLOWED_HOSTS": "testserver,127.0.0.1", "SITE_URL": "http://127.0.0.1",
                       "SECURE_SSL_REDIRECT": "0", "REQUEST_LOG_LEVEL": "WARNING"})
    os.environ.setdefault("STATIC_ROOT", str(Path(tempfile.gettempdir()) / "civhub-profile-static"))


def prepare(demo: bool) -> None:
    """Load the demo when asked; collect the static files when they are not there yet (the pages need their
    manifest with DEBUG off)."""
    development = {**os.environ, "DEBUG": "1"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    if demo:
        subprocess.run([*manage, "migrate", "-v0"], env=development, check=True, cwd=ROOT)  # noqa: S603
        subprocess.run([*manage, "load_demo"], env=development, check=True, cwd=ROOT,  # noqa: S603
                       stdout=subprocess.DEVNULL)
    if not (Path(os.environ["STATIC_ROOT"]) / "staticfiles.json").exists():
        subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], check=True, cwd=ROOT)  # noqa: S603


def measure(client, path: str, repeat: int) -> tuple[float, float, int, int]:
    """(median wall ms, median CPU ms, queries of one request, status) of `repeat` warm requests.

    The CPU time of this process (SQLite runs in it) hardly moves when other work shares the machine; the
    wall time does.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        client.get(path)
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        client.get(path)
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    return statistics.median(walls), statistics.median(cpus), len(queries), status


def profile(client, path: str, repeat: int, top: int) -> None:
    for _ in range(3):
        client.get(path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        client.get(path)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)


def print_sql(client, path: str) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        client.get(path)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    for number, query in enumerate(queries.captured_queries, 1):
        print(f"{number:>3} {query['time']:>6}s {query['sql'][:400]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--prepare", action="store_true", help="migrate and load the demo into DATABASE_URL first")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--profile", choices=sorted(PAGES), help="print a cProfile of this page")
    parser.add_argument("--sql", choices=sorted(PAGES), help="print the queries of one request of this page")
    parser.add_argument("--top", type=int, default=30, help="functions to print with --profile")
    args = parser.parse_args()
    production_env()
    prepare(args.prepare)
    import django

    django.setup()
    if args.sql:
        path, email = PAGES[args.sql]
        print_sql(signed_in_client(email), path)
        return 0
    if args.profile:
        path, email = PAGES[args.profile]
        profile(signed_in_client(email), path, args.repeat, args.top)
        return 0
    from django.test import Client

    _wall, floor, _queries, _status = measure(Client(), FLOOR, args.repeat)
    print(f"{'page':<16}{'wall ms':>9}{'CPU ms':>9}{'x floor':>9}{'queries':>9}{'status':>8}")
    print(f"{'one-query floor':<16}{_wall:>9.2f}{floor:>9.2f}{1:>9.1f}{1:>9}{200:>8}")
    for name, (path, email) in PAGES.items():
        wall, cpu, queries, status = measure(signed_in_client(email), path, args.repeat)
        print(f"{name:<16}{wall:>9.2f}{cpu:>9.2f}{cpu / floor:>9.1f}{queries:>9}{status:>8}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
