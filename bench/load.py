"""Load benchmark: civhub under gunicorn and wrk, every page as a ratio of a floor measured in the same run.

    python -m bench.load                                                  # a temporary SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/loadbench python -m bench.load
    CACHE_URL=redis://127.0.0.1:6379/7 python -m bench.load               # the shared cache of production

(With PostgreSQL the run uses a temporary database on that server, like bench.imports.) Needs Debian's wrk.

One run: migrate and `load_demo` into a fresh database, `collectstatic`, sessions for the personas; then
gunicorn on loopback (2 workers) with the production settings (DEBUG off, a SECRET_KEY and ALLOWED_HOSTS for
the run, static files by whitenoise) and bench/settings.py, whose URLconf adds two floors: a trivial view and
a view that makes one query. wrk (`--duration` s, 2 threads, 16 connections, `--latency`) measures each page:
req/s, the ratio to the one-query floor, p50 and p99. Goals (issue 17): public pages and the feed at least
50 % of the floor, signed-in pages at least 10 %.

It prints only its figures: what the preparation and the servers print (the demo's task lines, a JSON line per
request) goes to log files in the run's temporary directory, whose end is shown when something fails.

Also: the first request of a fresh worker (one worker started on its own, once it has loaded the application)
against its next ones, with civhub/wsgi.py and with Django's bare WSGI application (which imports the URLs on the
first request), and each worker's RSS after warm-up against after at least 10,000 requests (memory stays flat).
"""

import argparse
import itertools
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.imports import scratch_database

ROOT = Path(__file__).resolve().parent.parent
PUBLIC_RATIO, SIGNED_IN_RATIO = 0.50, 0.10
MEMORY_REQUESTS = 10_000


def production_env(tmp: str, database_url: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SITE_URL"}}
    env.update({
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "bench-load-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback; behind the proxy production redirects
        "STATIC_ROOT": f"{tmp}/static",
        "MEDIA_ROOT": f"{tmp}/media",
        "PYTHONPATH": str(ROOT),
    })
    return env


def prepare(env: dict[str, str], log: Path) -> None:
    """Migrate, load the demo (with DEBUG on: its mail goes to files) and collect the static files; what they
    print (the demo's task lines) goes to `log`, shown when one of them fails."""
    manage = [sys.executable, str(ROOT / "manage.py")]
    development = {**env, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "civhub.settings"}
    for command, command_env in (([*manage, "migrate", "-v0"], development), ([*manage, "load_demo"], development),
                                 ([*manage, "collectstatic", "--noinput", "-v0"], env)):
        with log.open("ab") as output:
            done = subprocess.run(command, env=command_env, cwd=ROOT, stdout=output, stderr=output)  # noqa: S603
        if done.returncode:
            raise RuntimeError(f"{' '.join(command[1:])} failed:\n{tail(log)}")


def tail(log: Path, lines: int = 40) -> str:
    """The end of a log file, for an error message."""
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def targets(env: dict[str, str]) -> list[tuple[str, str, str, str | None]]:
    """(name, kind, path, session cookie): the floors, the public pages and the signed-in pages."""
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings

    def session(email: str) -> str:
        return signed_in_client(email).cookies[settings.SESSION_COOKIE_NAME].value

    centre = "/c/civ-bio-sciences"
    finance, janssen = session("finance@example.org"), session("contact.janssen@example.org")
    return [
        ("trivial view (floor)", "floor", "/__bench__/trivial/", None),
        ("one-query view (floor)", "floor", "/__bench__/one-query/", None),
        ("public centre page", "public", f"{centre}/", None),
        ("course catalogue", "public", f"{centre}/leren/", None),
        ("OOAPI feed (courses)", "public", "/api/ooapi/v5/courses", None),
        ("partner portal (Janssen)", "signed in", f"{centre}/portaal/janssen/", janssen),
        ("contributions (Janssen)", "signed in", f"{centre}/bijdragen/", janssen),
        ("monitor (finance)", "signed in", f"{centre}/subsidie/", finance),
    ]


def signed_in_client(email: str):
    """A test client signed in as the person, past the second factor where they have an authenticator (the office's
    pages would otherwise answer with a redirect to the code page), as django_otp.login leaves the session."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    from civhub.accounts import two_factor
    from civhub.accounts.models import User

    user = User.objects.get(email=email)
    client = Client()
    client.force_login(user)
    device = two_factor.authenticator(user)
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(env: dict[str, str], port: int, workers: int, log: Path,
                   app: str = "civhub.wsgi:application") -> subprocess.Popen:
    """gunicorn, its own log and what the application prints (a JSON line per request) in `log`."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with log.open("ab") as output:
        process = subprocess.Popen(  # noqa: S603 - our own gunicorn, on loopback
            [str(gunicorn), app, "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
             "--access-logfile", "/dev/null", "--error-logfile", str(log), "--log-level", "info",
             "--config", "python:bench.gunicorn_ready"],
            env=env, cwd=ROOT, stdout=output, stderr=output)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and process.poll() is None:
        if log.read_text(errors="replace").count("bench: worker") >= workers:
            return process
        time.sleep(0.1)
    process.terminate()
    raise RuntimeError(f"gunicorn did not start:\n{tail(log)}")


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def get(port: int, path: str, cookie: str | None) -> float:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    if cookie:
        request.add_header("Cookie", f"sessionid={cookie}")
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - our own server on loopback
        response.read()
        # urllib follows redirects: a page that sends the session elsewhere (sign-in, second factor) is no result.
        assert response.status == 200 and response.url.endswith(path), (path, response.status, response.url)
    return time.perf_counter() - start


def first_request(env: dict[str, str], tmp: str, path: str, app: str) -> tuple[float, float]:
    """A fresh worker's first request and the median of its next five, once it has loaded the application `app`."""
    port, log = free_port(), Path(tmp) / "first.log"
    log.write_text("")
    process = start_gunicorn(env, port, 1, log, app)
    try:
        first = get(port, path, None)
        return first, statistics.median(get(port, path, None) for _ in range(5))
    finally:
        process.terminate()
        process.wait()


def wrk(port: int, path: str, cookie: str | None, args) -> dict:
    # A slow page must count as slow, not vanish: wrk's default timeout (2 s) would drop its requests.
    command = ["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{args.duration}s", "--latency",
               "--timeout", "60s"]
    if cookie:
        command += ["-H", f"Cookie: sessionid={cookie}"]
    url = f"http://127.0.0.1:{port}{path}"
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout  # noqa: S603
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if bad:
        raise RuntimeError(f"{path}: {bad.group(1)} responses were not 2xx/3xx\n{output}")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", output).group(1)),
        "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1)),
    }


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page (default 10)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    with tempfile.TemporaryDirectory() as tmp, scratch_database(tmp) as database_url:
        env = production_env(tmp, database_url)
        engine = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
        cache = "Redis" if env.get("CACHE_URL") else "local memory"
        prepare(env, Path(tmp) / "prepare.log")
        pages = targets(env)
        print(f"{engine}, cache {cache}")
        # The trivial floor: its first request pays for nothing but what the worker has not loaded yet. Django's
        # own WSGI application (no URLconf imported at start) is the baseline civhub/wsgi.py improves on.
        for label, app in (("civhub.wsgi", "civhub.wsgi:application"),
                           ("Django's bare WSGI application", "django.core.wsgi:get_wsgi_application()")):
            first, warm = first_request(env, tmp, pages[0][2], app)
            print(f"fresh worker ({label}): first request {first * 1000:.0f} ms, then {warm * 1000:.1f} ms")
        port, log = free_port(), Path(tmp) / "gunicorn.log"
        log.write_text("")
        server = start_gunicorn(env, port, args.workers, log)
        try:
            report(port, server.pid, pages, args)
        except Exception:
            print(f"gunicorn's log ends:\n{tail(log)}", file=sys.stderr)
            raise
        finally:
            server.terminate()
            server.wait()
    return 0


def report(port: int, master: int, pages, args) -> None:
    for _name, _kind, path, cookie in pages:  # warm-up: every page, every worker, every cache
        for _ in range(4 * args.workers):
            get(port, path, cookie)
    warm_rss = {pid: rss_mb(pid) for pid in worker_pids(master)}
    results, served = {}, 0
    for name, _kind, path, cookie in pages:
        results[name] = wrk(port, path, cookie, args)
        served += results[name]["requests"]
    floor = results[pages[1][0]]["rps"]
    print(f"{'page':<28}{'req/s':>9}{'of floor':>10}{'goal':>7}{'p50 ms':>9}{'p99 ms':>9}")
    for name, kind, _path, _cookie in pages:
        result = results[name]
        goal = {"public": PUBLIC_RATIO, "signed in": SIGNED_IN_RATIO}.get(kind)
        print(f"{name:<28}{result['rps']:>9.0f}{result['rps'] / floor:>9.0%} "
              f"{f'{goal:.0%}' if goal else '':>6}{result['p50']:>9.1f}{result['p99']:>9.1f}")
    for _name, _kind, path, cookie in itertools.cycle(pages[2:]):  # the pages, not the floors, until 10,000 each
        if served >= MEMORY_REQUESTS * args.workers:
            break
        served += wrk(port, path, cookie, args)["requests"]
    for pid, before in warm_rss.items():
        print(f"worker {pid}: RSS {before:.1f} MB after warm-up, {rss_mb(pid):.1f} MB after the run "
              f"({served // len(warm_rss):,} requests each on average)")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
