"""The import task when it runs more than once: a retry of a done import imports nothing; an import whose worker
died is queued again by `resume_imports` and completes once; a failure says why and writes nothing."""

import datetime
import io
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command

from civhub.ledger.models import Contribution, ImportBatch
from civhub.ledger.services import import_batches
from tests.ledger.office_support import grant_for, rate_card
from tests.ledger.test_views_imports import GOOD, csv_file

pytestmark = pytest.mark.django_db
State = ImportBatch.State


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()


@pytest.fixture
def checked(centre, partner_a, partner_a_contact):
    """A clean file of three rows, checked and claimed for its import as the confirmation claims it."""
    grant_for(centre)
    rate_card(partner_a, category="analyst", rate="85.00", valid_from=datetime.date(2025, 1, 1))
    batch = import_batches.preview_contributions(centre=centre, actor=partner_a_contact, upload=csv_file(*GOOD),
                                                 partnership=partner_a)
    ImportBatch.objects.filter(pk=batch.pk).update(state=State.RUNNING)
    return batch


def test_running_the_task_again_imports_nothing_more(checked):
    final = import_batches.run_import.call(checked.pk)
    assert Contribution.objects.count() == 3
    assert import_batches.run_import.call(checked.pk) == final
    assert Contribution.objects.count() == 3 and ImportBatch.objects.filter(state=State.DONE).count() == 1


def test_a_stalled_import_is_queued_again_and_completes_once(checked):
    assert import_batches.resume_stalled(quiet_for=timedelta(minutes=10)) == []  # recently started: left alone
    call_command("resume_imports", "--quiet-minutes", "0", stdout=io.StringIO())
    assert Contribution.objects.count() == 3 and not ImportBatch.objects.filter(state=State.RUNNING).exists()
    assert import_batches.resume_stalled(quiet_for=timedelta(0)) == []


def test_a_failing_import_writes_nothing_and_says_why_in_the_language_of_the_confirmation(checked, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk gone")

    monkeypatch.setattr(import_batches, "_import_stored", broken)
    with pytest.raises(OSError):
        import_batches.run_import.call(checked.pk, "nl")
    checked.refresh_from_db()
    assert checked.state == State.FAILED and not Contribution.objects.exists()
    assert checked.errors[0]["message"].startswith("De import")
