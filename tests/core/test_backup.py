"""`manage.py backup` and `manage.py restore` (core/backup.py, docs/backup.md): a restored database holds the same
ledger, whose chains verify with the same head, in a new process pointed at it; a database that is not empty is
refused. On SQLite the copy is a new file; on PostgreSQL a fresh database made on the same server."""

import io
import os
import shutil
import subprocess
import sys
import tarfile
import uuid
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection

from civhub.core import backup
from civhub.ledger.chain import contributions_head
from civhub.ledger.models import Contribution
from civhub.ledger.services.approval import accept_contribution
from tests.ledger import builders

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(django_settings.BASE_DIR)


@pytest.fixture
def ledger(centre, partner_a, partner_a_contact, partner_a_signatory, finance_controller):
    """Three accepted contributions in the centre's hash chain."""
    builders.grant(centre)
    for number in (1, 2, 3):
        entry = builders.entry(partner_a, partner_a_contact, status=Contribution.Status.APPROVED,
                               extern_id=f"b-{number}", day=date(2025, 3, number), approved_by=partner_a_signatory)
        accept_contribution(entry=entry, actor=finance_controller)
    return centre


def _in_new_process(database_url: str, *args: str) -> str:
    """stdout of `manage.py <args>` in a new process that knows only the restored database."""
    environment = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "1"}
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment,  # noqa: S603
                            capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


HEAD_SCRIPT = ("from civhub.core.models import Centre; from civhub.ledger.chain import contributions_head; "
               "print(*contributions_head(Centre.objects.get(slug='{slug}')))")


@contextmanager
def fresh_database(tmp_path):
    """The URL of an empty database of the suite's kind: a new SQLite file, or a new PostgreSQL database."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.skip("pg_dump and pg_restore are not installed")
    params = connection.settings_dict
    name = f"civhub_restore_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    password = f":{quote(params['PASSWORD'], safe='')}" if params.get("PASSWORD") else ""
    try:
        yield f"postgres://{params['USER']}{password}@{params['HOST'] or 'localhost'}:{params['PORT'] or 5432}/{name}"
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_restored_backup_verifies_with_the_same_chain_head(ledger, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    scan = settings.MEDIA_ROOT / "agreements" / "1" / "signed.pdf"
    scan.parent.mkdir(parents=True)
    scan.write_bytes(b"%PDF-1.7 getekend")
    verified = io.StringIO()
    call_command("verify_ledger", "--centre", ledger.slug, stdout=verified)
    count, head = contributions_head(ledger)
    assert count == 3

    archive = tmp_path / "civhub-backup.tar.gz"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)

    assert out.getvalue() == (f"backup of the {connection.vendor} database and 1 media files written to "
                              f"{archive}\n")
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    with fresh_database(tmp_path) as url:
        call_command("restore", str(archive), "--database-url", url, stdout=io.StringIO())
        assert _in_new_process(url, "verify_ledger", "--centre", ledger.slug) == verified.getvalue()
        restored_head = _in_new_process(url, "shell", "--no-imports", "-c", HEAD_SCRIPT.format(slug=ledger.slug))
        assert restored_head.split() == [str(count), head]
    assert (settings.MEDIA_ROOT / "agreements" / "1" / "signed.pdf").read_bytes() == b"%PDF-1.7 getekend"


def test_restore_refuses_a_database_that_is_not_empty(ledger, tmp_path, settings, english_messages):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = tmp_path / "civhub.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="is not empty. Restore into an empty database, or add --force"):
        call_command("restore", str(archive))
    assert Contribution.objects.count() == 3


def test_restore_refuses_a_file_that_is_no_backup(tmp_path, db, english_messages):
    path = tmp_path / "random.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        archive.addfile(tarfile.TarInfo("hello.txt"))
    with pytest.raises(CommandError, match="This is not a civhub backup"):
        call_command("restore", str(path), "--database-url", f"sqlite:///{tmp_path / 'x.sqlite3'}")


def test_the_postgresql_password_is_passed_in_the_environment_not_on_the_command_line():
    args, environment = backup._pg_environment({"HOST": "db", "PORT": 5432, "USER": "civhub",
                                                "PASSWORD": "s3cret!", "NAME": "civhub"})
    assert args == ["--host", "db", "--port", "5432", "--username", "civhub"]
    assert "s3cret!" not in " ".join(args) and environment["PGPASSWORD"] == "s3cret!"
