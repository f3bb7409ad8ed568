"""The production shape on one machine, for the multi-process tests: gunicorn processes and a task worker on the
test's own PostgreSQL database, sharing a Redis cache (db 5), each a real subprocess with its own environment."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/5"


def redis_answers() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except Exception:
        return False


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(media: Path) -> dict[str, str]:
    """The settings the README gives production, pointed at this test's database, Redis db and media folder."""
    db = connection.settings_dict
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST", "DJANGO_"))}
    env.update({
        "DEBUG": "1",  # static files from the apps' folders: no collectstatic for a test
        "SECRET_KEY": settings.SECRET_KEY,  # the test's sessions must hold in the servers
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CACHE_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": f"mp-{db['NAME']}",  # the other xdist worker's stack shares Redis db 5
        "TASKS_BACKEND": "database",
        "MEDIA_ROOT": str(media),
        "SITE_URL": "http://127.0.0.1",
        "PYTHONUNBUFFERED": "1",
    })
    return env


class Stack:
    """Starts and stops the processes; every process logs to a file under `logs`."""

    def __init__(self, tmp: Path):
        self.tmp, self.env = tmp, environment(tmp / "media")
        self.processes: list[subprocess.Popen] = []
        self.worker: subprocess.Popen | None = None

    def _start(self, name: str, *command: str) -> subprocess.Popen:
        log = open(self.tmp / f"{name}.log", "ab")  # noqa: SIM115 - closed in stop(), with the process
        process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,  # noqa: S603 - our commands
                                   start_new_session=True)
        process.log = log
        self.processes.append(process)
        return process

    def web(self) -> str:
        """One gunicorn process (one worker, as in the README) on a free port; its address once it answers."""
        port = free_port()
        self._start(f"web-{port}", sys.executable, "-m", "gunicorn", "civhub.wsgi:application",
                    "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "4", "--timeout", "120")
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                requests.get(f"{url}/", timeout=60)
                return url
            except requests.ConnectionError:
                time.sleep(0.2)
        raise AssertionError(f"gunicorn on {port} did not answer: {self.log(f'web-{port}')}")

    def forget_cache(self) -> None:
        """Empty this stack's part of Redis (its key prefix): no limit or progress of an earlier test or run."""
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(f"{self.env['CACHE_KEY_PREFIX']}:*"):
            client.delete(key)

    def start_worker(self) -> None:
        self.worker = self._start("worker", sys.executable, "manage.py", "db_worker", "--interval", "0.1")

    def stop_worker(self) -> None:
        if self.worker is not None and self.worker.poll() is None:
            os.killpg(self.worker.pid, signal.SIGTERM)
            self.worker.wait(30)
        self.worker = None

    def kill_worker(self) -> None:
        """SIGKILL: no clean shutdown, as when the machine loses the process."""
        os.killpg(self.worker.pid, signal.SIGKILL)
        self.worker.wait(10)

    def manage(self, *arguments: str) -> str:
        done = subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=self.env,  # noqa: S603 - ours
                              capture_output=True,
                              text=True, timeout=120, check=True)
        return done.stdout

    def log(self, name: str) -> str:
        path = self.tmp / f"{name}.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)
            process.log.close()


class Browser(requests.Session):
    """A person's browser against one server: the session cookie of a signed-in person, and the CSRF token."""

    def __init__(self, base: str, session_key: str | None = None):
        super().__init__()
        self.base = base
        if session_key:
            self.cookies.set(settings.SESSION_COOKIE_NAME, session_key, domain="127.0.0.1")

    def at(self, base: str) -> "Browser":
        """The same person (the same cookies) talking to another server process."""
        other = Browser(base)
        other.cookies.update(self.cookies)
        return other

    def csrf(self, path: str) -> str:
        page = self.get(self.base + path, timeout=30)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)

    def post_form(self, path: str, data: dict, *, form_path: str | None = None, **kwargs):
        token = self.csrf(form_path or path)
        return self.post(self.base + path, data={"csrfmiddlewaretoken": token, **data}, allow_redirects=False,
                         timeout=120, **kwargs)
