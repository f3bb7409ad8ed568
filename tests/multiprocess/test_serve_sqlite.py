"""The production profile as `make serve` runs it: gunicorn with gunicorn.conf.py, DEBUG off, hashed static files
from collectstatic, on a copy of the test's SQLite database. The health check answers, the page's log line is JSON
on standard error, and the stylesheet is served under its hashed name for a year."""

import json
import re
import sqlite3
import subprocess
import sys
import time
from contextlib import closing

import pytest
import requests
from django.db import connection

from tests.multiprocess.stack import ROOT, free_port

pytestmark = [pytest.mark.multiprocess, pytest.mark.django_db(transaction=True)]


def test_gunicorn_with_the_production_profile_serves_pages_health_and_hashed_static(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the production shape on PostgreSQL is test_production_shape.py")
    database = tmp_path / "civhub.sqlite3"
    with closing(sqlite3.connect(database)) as copy:
        connection.connection.backup(copy)
    port = free_port()
    environment = {"PATH": "/usr/bin:/bin", "DEBUG": "0", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "127.0.0.1",
                   "SITE_URL": f"http://127.0.0.1:{port}", "SECURE_SSL_REDIRECT": "0",
                   "DATABASE_URL": f"sqlite:///{database}", "STATIC_ROOT": str(tmp_path / "static"),
                   "MEDIA_ROOT": str(tmp_path / "media"), "GUNICORN_BIND": f"127.0.0.1:{port}",
                   "GUNICORN_WORKERS": "1", "GUNICORN_THREADS": "2"}
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],  # noqa: S603 - ours
                   cwd=ROOT, env=environment, check=True, timeout=120, capture_output=True)
    log = tmp_path / "gunicorn.log"
    with log.open("w") as output:
        server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],  # noqa: S603
                                  cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                health = requests.get(f"{url}/healthz", timeout=30)
                break
            except requests.ConnectionError:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
        assert (health.status_code, health.json()) == (200, {"database": "ok", "cache": "ok", "migrations": "ok"})

        page = requests.get(f"{url}/account/inloggen/", headers={"X-Request-ID": "probe-1"}, timeout=30)
        assert page.status_code == 200 and page.headers["X-Request-ID"] == "probe-1"
        stylesheet = re.search(r'href="(/static/civhub/site\.[0-9a-f]{12}\.css)"', page.text)
        assert stylesheet, page.text
        static = requests.get(url + stylesheet[1], timeout=30)
        assert static.status_code == 200 and "max-age=315360000" in static.headers["Cache-Control"]
    finally:
        server.terminate()
        server.wait(timeout=30)
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    [login] = [line for line in lines if line.get("request_id") == "probe-1"]
    assert (login["method"], login["path"], login["status"], login["user_id"]) == (
        "GET", "/account/inloggen/", 200, None)
