"""The real task worker on SQLite: `manage.py db_worker` in its own process, with the production settings, on a
database file made from the test's database. It runs a queued web import and a queued e-mail; the mail server
refuses, so the mail is recorded with its error and queued again for later. (On PostgreSQL,
test_production_shape.py runs the worker beside two web processes.)"""

import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from civhub.core.mail import queue_mail
from civhub.ledger.services import import_batches
from tests.ledger.test_views_imports import csv_file
from tests.multiprocess.stack import ROOT, free_port
from tests.multiprocess.test_production_shape import contributions_file

pytestmark = [pytest.mark.multiprocess, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def queue(settings, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("on PostgreSQL test_production_shape.py runs the worker")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path


def test_the_worker_imports_a_confirmed_file_and_retries_a_refused_mail(queue, ledger, partner_a, partner_a_contact,
                                                                       django_capture_on_commit_callbacks):
    upload = csv_file(*contributions_file(500).decode().splitlines()[1:])
    batch = import_batches.preview_contributions(centre=ledger, actor=partner_a_contact, upload=upload,
                                                 partnership=partner_a)
    assert import_batches.confirm_import(batch=batch, actor=partner_a_contact) == batch.pk  # queued, not run
    with django_capture_on_commit_callbacks(execute=True):
        queue_mail(to=["eva@example.org"], subject="Hallo", body="Tekst")

    database = queue / "civhub.sqlite3"
    with closing(sqlite3.connect(database)) as copy:
        connection.connection.backup(copy)
    environment = {"PATH": "/usr/bin:/bin", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "civhub.example.org",
                   "DATABASE_URL": f"sqlite:///{database}", "TASKS_BACKEND": "database",
                   "MEDIA_ROOT": str(queue / "media"), "SITE_URL": "https://civhub.example.org",
                   "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(free_port()), "EMAIL_USE_TLS": "0"}
    subprocess.run([sys.executable, "manage.py", "db_worker", "--batch", "--interval", "0"],  # noqa: S603 - ours
                   cwd=ROOT, env=environment, check=True, timeout=120, capture_output=True)

    with closing(sqlite3.connect(database)) as result:
        assert result.execute("select count(*) from ledger_contribution").fetchone() == (500,)
        assert result.execute("select state from ledger_importbatch").fetchall() == [("done",)]
        state, attempts, error, retry = result.execute(
            "select state, attempts, last_error, next_attempt_at from core_outgoingmail").fetchone()
        tasks = result.execute("select task_path, status, run_after from django_tasks_database_dbtaskresult "
                               "order by enqueued_at").fetchall()
    assert (state, attempts) == ("pending", 1) and "ConnectionRefused" in error
    assert datetime.fromisoformat(retry).replace(tzinfo=UTC) > timezone.now() + timedelta(seconds=30)
    assert [(path.rsplit(".", 1)[1], status) for path, status, _after in tasks] == [
        ("run_import", "SUCCESSFUL"), ("deliver", "SUCCESSFUL"), ("deliver", "READY")]
