"""The expenditure import through the ledger's import task: queued, its progress shown while it runs, its outcome
once; a retry imports nothing more; a failure writes nothing and says why in the language of the confirmation."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from civhub.grants import imports
from civhub.grants.models import Expenditure
from civhub.ledger.models import ImportBatch
from civhub.ledger.services import import_batches
from tests.grants.support import expenditure_csv, expenditure_row, grant_with_lines
from tests.partners.factories import client_for

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def queue(settings, tmp_path):
    """A queue nobody works: the test runs the task itself, as the worker would."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    cache.clear()


@pytest.fixture
def confirmed(centre, finance_controller):
    """A clean file of two rows, uploaded and confirmed: its import waits in the queue."""
    grant_with_lines(centre)
    client = client_for(finance_controller)
    file = SimpleUploadedFile("bestedingen.csv", expenditure_csv([expenditure_row("b-1"), expenditure_row("b-2")])
                              .getvalue(), content_type="text/csv")
    client.post(reverse("grants:expenditure_import", args=[centre.slug]), {"file": file})
    batch = ImportBatch.objects.get()
    response = client.post(reverse("grants:expenditure_import_confirm", args=[centre.slug, batch.pk]), follow=True)
    return client, batch, response


def test_a_queued_import_shows_its_progress_then_its_outcome(confirmed):
    client, batch, response = confirmed
    page = response.content.decode()
    assert "The import is running. This page shows its progress." in page
    assert 'role="status" aria-live="polite"' in page and "Rows checked and written: 0 of about 2." in page
    assert not Expenditure.objects.exists()
    url = reverse("grants:expenditure_import_batch", args=[batch.centre.slug, batch.pk])
    assert "Importing…" in client.get(url, **HTMX).content.decode()

    assert import_batches.run_import.call(batch.pk) == batch.pk
    answer = client.get(url, **HTMX)
    assert (answer.status_code, answer["HX-Redirect"]) == (204, url)
    assert "2 rows added (0 already present)" in client.get(url).content.decode()
    assert import_batches.run_import.call(batch.pk) == batch.pk  # a retry of a done import
    assert Expenditure.objects.filter(import_batch=batch).count() == 2


def test_a_failing_import_writes_nothing_and_says_why_in_dutch(confirmed, monkeypatch):
    client, batch, _ = confirmed

    def broken(**kwargs):
        raise OSError("disk gone")

    monkeypatch.setattr(imports, "import_expenditure", broken)
    with pytest.raises(OSError):
        import_batches.run_import.call(batch.pk, "nl")
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.FAILED and not Expenditure.objects.exists()
    assert batch.errors[0]["message"].startswith("De import is gestopt")
    assert "De import is gestopt" in client.get(reverse("grants:expenditure_import_batch",
                                                        args=[batch.centre.slug, batch.pk])).content.decode()
