"""Backing up and restoring civhub: the database and the media folder in one archive (docs/backup.md).

The archive is a gzipped tar file holding `manifest.json` (the format, the database engine, when it was made),
the database (`database.sqlite3`, a copy made with SQLite's online backup API while civhub keeps running; or
`database.pgdump`, `pg_dump --format=custom`) and the media folder under `media/` (uploaded evidence, scans,
agreements, frozen reports). Restoring goes into an empty database (and an empty media folder) unless forced.
PostgreSQL's password goes to pg_dump and pg_restore in the PGPASSWORD environment variable, never on the command
line, where other users of the machine could read it.
"""

import json
import os
import shutil
import sqlite3
import subprocess  # noqa: S404 - pg_dump and pg_restore, with an argument list and no shell
import tarfile
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.core.errors import CivhubError

FORMAT = 1
SQLITE, POSTGRESQL = "sqlite", "postgresql"
DATABASE_FILE = {SQLITE: "database.sqlite3", POSTGRESQL: "database.pgdump"}
MEDIA = "media"


class BackupError(CivhubError):
    """A backup or restore refused or failed, with the reason for the operator."""


@dataclass(frozen=True)
class Made:
    """What a backup wrote: the archive, the database engine and the number of media files."""

    path: Path
    engine: str
    media_files: int


def engine_of(connection) -> str:
    vendor = connection.vendor
    if vendor not in DATABASE_FILE:
        raise BackupError(_("Backups of a %(vendor)s database are not supported: use SQLite or PostgreSQL.")
                          % {"vendor": vendor})
    return vendor


def default_path() -> Path:
    """var/backups/civhub-YYYYMMDD-HHMMSS.tar.gz, in the server's time."""
    return Path(settings.BASE_DIR) / "var" / "backups" / f"civhub-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"


def _pg_environment(params: dict) -> tuple[list[str], dict]:
    """The connection options for pg_dump/pg_restore and an environment with the password (not on argv)."""
    args = []
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if params.get(key):
            args += [option, str(params[key])]
    environment = dict(os.environ)
    if params.get("PASSWORD"):
        environment["PGPASSWORD"] = str(params["PASSWORD"])
    return args, environment


def _run(command: list[str], environment: dict) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(_("%(program)s is not installed; install the PostgreSQL client programs.")
                          % {"program": command[0]})
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(_("%(program)s failed: %(error)s") % {"program": command[0],
                                                                "error": result.stderr.strip()})


def _dump_database(connection, target: Path) -> None:
    if engine_of(connection) == SQLITE:
        connection.ensure_connection()
        # The online backup API: a consistent copy while other connections keep reading and writing.
        with closing(sqlite3.connect(target)) as copy:
            connection.connection.backup(copy)
        return
    params = connection.settings_dict
    args, environment = _pg_environment(params)
    _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}", *args, params["NAME"]], environment)


def make_backup(path: Path, *, connection=None) -> Made:
    """Write the archive of the database and the media folder to `path` (through a temporary file beside it)."""
    connection = connection or connections[DEFAULT_DB_ALIAS]
    engine = engine_of(connection)
    media_root = Path(settings.MEDIA_ROOT)
    media_files = [file for file in media_root.rglob("*") if file.is_file()] if media_root.is_dir() else []
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=path.parent) as work:
        database = Path(work) / DATABASE_FILE[engine]
        _dump_database(connection, database)
        manifest = Path(work) / "manifest.json"
        manifest.write_text(json.dumps({"format": FORMAT, "engine": engine, "made_at": timezone.now().isoformat(),
                                        "database": database.name, "media_files": len(media_files)}, indent=2))
        partial = Path(work) / "archive.part"
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(manifest, arcname="manifest.json")
            archive.add(database, arcname=database.name)
            for file in media_files:
                archive.add(file, arcname=f"{MEDIA}/{file.relative_to(media_root).as_posix()}")
        os.chmod(partial, 0o600)  # the archive holds personal data: only its owner reads it
        os.replace(partial, path)
    return Made(path, engine, len(media_files))


# Restoring -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """The database to restore into: its engine and connection settings (Django's NAME, USER, HOST, PORT,
    PASSWORD). Reached with the database's own driver and tools, not through Django's connections, so that the
    configured database is untouched while a drill restores into another."""

    engine: str
    params: dict

    @property
    def name(self) -> str:
        return str(self.params["NAME"])


def target_of(database_url: str | None) -> Target:
    """The configured database, or the one `database_url` names (a fresh one to restore into)."""
    if database_url:
        params = dj_database_url.parse(database_url)
        vendor = "sqlite" if "sqlite" in params["ENGINE"] else "postgresql" if "postg" in params["ENGINE"] else ""
    else:
        connection = connections[DEFAULT_DB_ALIAS]
        params, vendor = connection.settings_dict, connection.vendor
    if vendor not in DATABASE_FILE:
        raise BackupError(_("Backups of a %(vendor)s database are not supported: use SQLite or PostgreSQL.")
                          % {"vendor": vendor or params["ENGINE"]})
    return Target(vendor, dict(params))


def is_empty(target: Target) -> bool:
    if target.engine == SQLITE:
        if not target.name.startswith("file:") and not Path(target.name).exists():
            return True
        with closing(_sqlite(target.name)) as database:
            return not database.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    import psycopg  # only where PostgreSQL is used, like core/search.py's full-text search

    options = {"dbname": target.name, "user": target.params.get("USER") or None,
               "password": target.params.get("PASSWORD") or None, "host": target.params.get("HOST") or None,
               "port": target.params.get("PORT") or None}
    with psycopg.connect(**{key: value for key, value in options.items() if value is not None}) as database:
        return not database.execute("SELECT count(*) FROM information_schema.tables "
                                    "WHERE table_schema = 'public'").fetchone()[0]


def _sqlite(name: str) -> sqlite3.Connection:
    """A connection to the SQLite database `name`: a file, or a URI such as the test suite's in-memory database."""
    return sqlite3.connect(name, uri=name.startswith("file:"))


def _read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile("manifest.json"))
    except (KeyError, ValueError, AttributeError):
        raise BackupError(_("This is not a civhub backup: it has no manifest.json.")) from None
    if manifest.get("format") != FORMAT or manifest.get("engine") not in DATABASE_FILE:
        raise BackupError(_("This backup has a format this version of civhub does not know."))
    return manifest


def restore_backup(path: Path, *, target: Target, force: bool = False) -> dict:
    """Restore the archive at `path` into the `target` database and the media folder; refuse a database (or
    media folder) that is not empty unless `force`. Returns the manifest."""
    try:
        archive = tarfile.open(path, "r:gz")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(_("%(path)s cannot be read as a backup: %(error)s")
                          % {"path": path, "error": error}) from None
    with archive, tempfile.TemporaryDirectory() as work:
        manifest = _read_manifest(archive)
        if manifest["engine"] != target.engine:
            raise BackupError(_("This is a backup of a %(made)s database; it cannot be restored into %(target)s.")
                              % {"made": manifest["engine"], "target": target.engine})
        if not force and not is_empty(target):
            raise BackupError(_("The database %(name)s is not empty. Restore into an empty database, or add --force "
                                "to overwrite it (everything in it is lost).") % {"name": target.name})
        media_root = Path(settings.MEDIA_ROOT)
        if not force and media_root.is_dir() and any(media_root.iterdir()):
            raise BackupError(_("The media folder %(folder)s is not empty. Restore into an empty folder, or add "
                                "--force to write over it.") % {"folder": media_root})
        # The "data" filter refuses absolute paths, links out of the folder and special files.
        archive.extractall(work, filter="data")
        _restore_database(Path(work) / manifest["database"], target, force=force)
        media = Path(work) / MEDIA
        if media.is_dir():
            shutil.copytree(media, media_root, dirs_exist_ok=True)
    return manifest


def _restore_database(dump: Path, target: Target, *, force: bool) -> None:
    if target.engine == SQLITE:
        if target.name == connections[DEFAULT_DB_ALIAS].settings_dict["NAME"]:
            connections[DEFAULT_DB_ALIAS].close()
        # The backup API again: the copy replaces the target's whole content, page by page.
        with closing(sqlite3.connect(dump)) as source, closing(_sqlite(target.name)) as database:
            source.backup(database)
        return
    args, environment = _pg_environment(target.params)
    cleaning = ["--clean", "--if-exists"] if force else []
    _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", *cleaning,
          *args, f"--dbname={target.name}", str(dump)], environment)
