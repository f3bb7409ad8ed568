"""Migrate the SQLite test database once, not once per worker and run.

`migrate` takes about twenty seconds of CPU, and each xdist worker used to run it for its own
in-memory database. The first worker to get here migrates as before and keeps a copy of the
result in `var/` (named by a hash of every migration and the locked requirements); the others,
and later runs, copy that file into their in-memory database instead. PostgreSQL migrates as
before. A new or changed migration, or another dependency, gives another name, so a copy is
never stale; `make clean` removes it.
"""

import fcntl
import hashlib
import sqlite3
from contextlib import closing, contextmanager
from pathlib import Path

import django
from django.conf import settings
from django.core.management.commands.migrate import Command as Migrate
from django.db import connections

ROOT = Path(__file__).resolve().parent.parent


def _fingerprint() -> str:
    digest = hashlib.sha256(django.__version__.encode())
    # The ledger's tally triggers are written by ledger/tally.py, which its migration imports.
    migrations = [*ROOT.glob("civhub/*/migrations/*.py"), ROOT / "civhub" / "ledger" / "tally.py"]
    for path in sorted([*migrations, ROOT / "requirements.lock"]):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@contextmanager
def _locked(path: Path):
    with path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one worker migrates while the other waits for its copy
        yield


def _copy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    source.backup(target)


@contextmanager
def migrated_once():
    """While active, `migrate` on a SQLite database copies the kept result (or migrates and keeps it)."""
    folder = Path(settings.BASE_DIR) / "var"
    template = folder / f"test-db-{_fingerprint()}.sqlite3"
    original = Migrate.handle

    def handle(self, *args, **options):
        connection = connections[options["database"]]
        if connection.vendor != "sqlite":
            return original(self, *args, **options)
        folder.mkdir(exist_ok=True)
        with _locked(folder / "test-db.lock"):
            connection.ensure_connection()
            if template.exists():
                with closing(sqlite3.connect(template)) as kept:
                    _copy(kept, connection.connection)
                return None
            result = original(self, *args, **options)
            for old in folder.glob("test-db-*.sqlite3"):
                old.unlink()
            partial = template.with_suffix(".partial")
            with closing(sqlite3.connect(partial)) as kept:
                _copy(connection.connection, kept)
            partial.rename(template)
            return result

    Migrate.handle = handle
    try:
        yield
    finally:
        Migrate.handle = original
