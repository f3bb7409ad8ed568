"""Files made by the worker (core/requested_files.py): the funder pack and the meeting pack above their size, the
statements' ZIP; the status page with its live region, the download for the requester (and the office for office
files) only, the same request reused, a ready file never made twice, a failure that says why in Dutch and keeps no
file, and the removal after a week."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone, translation

from civhub.core import requested_files
from civhub.core.errors import CivhubError
from civhub.core.models import RequestedFile
from tests.governance.support import at, document, meeting
from tests.partners.factories import client_for
from tests.privacy.test_retention import run as apply_retention
from tests.reports.support import small_centre, workbook

pytestmark = pytest.mark.django_db
Status = RequestedFile.Status
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with translation.override("en"):
        yield


@pytest.fixture
def queue(settings):
    """A queue nobody works: the test runs the task itself, as the worker would."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def small(centre, partner_a, partner_b):
    return small_centre(centre, partner_a, partner_b)


def status_url(requested):
    return reverse("core:requested_file", args=[requested.centre.slug, requested.pk])


def download_url(requested):
    return reverse("core:requested_file_download", args=[requested.centre.slug, requested.pk])


def content_of(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_large_funder_pack_is_asked_for_then_offered_when_ready(small, centre, steering_member, settings,
                                                                   django_capture_on_commit_callbacks):
    settings.FUNDER_PACK_DIRECT_ENTRIES = 3
    client = client_for(steering_member)
    pack = reverse("reports:funder_pack", args=[centre.slug, "xlsx"]) + "?as_of=2025-03-31"
    offer = client.get(pack).content.decode()
    assert "This file is large, so it is made in the background." in offer and "Make the file" in offer
    assert not RequestedFile.objects.exists()  # a GET starts nothing

    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(pack)
    requested = RequestedFile.objects.get()
    assert asked["Location"] == status_url(requested)
    assert (requested.kind, requested.parameters["as_of"], requested.name) == (
        "funder_pack", "2025-03-31", "financieringsrapport-civ-bio-sciences-test-2025-03-31.xlsx")
    page = client.get(status_url(requested)).content.decode()
    assert 'role="status" aria-live="polite"' in page and "The file is ready." in page
    assert "hx-get" not in page  # nothing left to poll
    response = client.get(download_url(requested))
    requested.refresh_from_db()
    assert response["Content-Disposition"] == f'attachment; filename="{requested.name}"'
    assert response["X-Content-SHA256"] == requested.sha256 and len(requested.sha256) == 64
    assert "Bijdragen" in workbook(content_of(response)).sheetnames


def test_the_office_opens_a_funder_pack_the_steering_group_asked_for_a_partner_does_not(
        small, centre, steering_member, finance_controller, partner_a_signatory):
    requested = requested_files.request_file(kind="funder_pack", centre=centre, actor=steering_member,
                                             parameters={}, name="pack.xlsx")
    assert client_for(finance_controller).get(status_url(requested)).status_code == 200
    assert client_for(partner_a_signatory).get(status_url(requested)).status_code == 404


def test_a_large_meeting_pack_is_made_by_the_worker_for_its_requester_only(
        centre, steering_member, partner_a_signatory, settings, django_capture_on_commit_callbacks):
    settings.MEETING_PACK_DIRECT_ROWS = 1
    held = meeting(centre, starts=at(2025, 3, 31))
    document(held, title="Jaarplan 2025")
    with django_capture_on_commit_callbacks(execute=True):
        client_for(steering_member).post(reverse("governance:meeting_pack", args=[centre.slug, held.pk]))
    requested = RequestedFile.objects.get()
    assert (requested.status, requested.name) == (Status.DONE, "vergaderstukken-2025-03-31.pdf")
    assert content_of(client_for(steering_member).get(download_url(requested))).startswith(b"%PDF")
    assert client_for(partner_a_signatory).get(download_url(requested)).status_code == 404  # a reader, not its owner


def test_a_queued_file_shows_its_progress_is_reused_and_is_made_once(small, centre, finance_controller, queue,
                                                                       django_capture_on_commit_callbacks):
    client = client_for(finance_controller)
    zip_url = reverse("reports:partner_statements_zip", args=[centre.slug, 2024])
    with django_capture_on_commit_callbacks(execute=True):
        first, again = client.post(zip_url), client.post(zip_url)
    assert first["Location"] == again["Location"]  # still waiting: the same request
    requested = RequestedFile.objects.get()
    page = client.get(status_url(requested)).content.decode()
    assert "The file waits its turn." in page and 'role="status" aria-live="polite"' in page
    assert f'hx-get="{status_url(requested)}"' in client.get(status_url(requested), **HTMX).content.decode()

    requested_files.record_progress(requested.pk, done=1, total=3)
    RequestedFile.objects.filter(pk=requested.pk).update(status=Status.RUNNING, started_at=timezone.now())
    assert "Part 1 of 3 is done." in client.get(status_url(requested), **HTMX).content.decode()
    assert requested_files.make_file.call(requested.pk) == "skipped"  # being made by another run

    RequestedFile.objects.filter(pk=requested.pk).update(status=Status.QUEUED)
    assert requested_files.make_file.call(requested.pk) == "done"
    assert requested_files.make_file.call(requested.pk) == "skipped"  # ready: never made again
    fragment = client.get(status_url(requested), **HTMX).content.decode()
    assert "hx-get" not in fragment and download_url(requested) in fragment
    archive = zipfile.ZipFile(io.BytesIO(content_of(client.get(download_url(requested)))))
    assert len(archive.namelist()) == 3
    assert len(default_storage.listdir("files")[1]) == 1


def test_a_file_whose_worker_died_is_made_by_the_next_run(small, centre, finance_controller, queue):
    requested = requested_files.request_file(kind="partner_statements", centre=centre, actor=finance_controller,
                                             parameters={"year": 2024}, name="z.zip")
    RequestedFile.objects.filter(pk=requested.pk).update(
        status=Status.RUNNING, started_at=timezone.now() - requested_files.LEASE - timedelta(minutes=1))
    assert requested_files.make_file.call(requested.pk) == "done"


@pytest.mark.parametrize(("error", "message"), [
    (CivhubError("De subsidie bestaat niet meer."), "De subsidie bestaat niet meer."),
    (OSError("disk full"), "Het bestand kon door een fout niet worden gemaakt. Vraag het later opnieuw aan."),
])
def test_a_failure_says_why_in_dutch_and_keeps_no_file(small, centre, finance_controller, queue, monkeypatch,
                                                       error, message):
    def broken(requested, out, progress):
        out.write(b"PK half a zip")
        raise error

    monkeypatch.setitem(requested_files._KINDS, "partner_statements",
                        requested_files.FileKind("partner_statements", "ZIP", broken, office=True))
    with translation.override("nl"):
        requested = requested_files.request_file(kind="partner_statements", centre=centre, actor=finance_controller,
                                                 parameters={"year": 2024}, name="z.zip")
    if isinstance(error, CivhubError):
        assert requested_files.make_file.call(requested.pk) == "failed"
    else:
        with pytest.raises(OSError):
            requested_files.make_file.call(requested.pk)
    requested.refresh_from_db()
    assert (requested.status, requested.error, requested.file.name) == (Status.FAILED, message, "")
    assert not default_storage.exists("files")  # nothing half-written was kept
    page = client_for(finance_controller).get(status_url(requested)).content.decode()
    assert "The file could not be made; nothing was kept." in page and message in page
    assert client_for(finance_controller).get(download_url(requested)).status_code == 404


def test_files_older_than_a_week_are_removed_by_the_retention(small, centre, finance_controller,
                                                              django_capture_on_commit_callbacks):
    old, new = (requested_files.request_file(kind="partner_statements", centre=centre, actor=finance_controller,
                                             parameters={"year": year}, name=f"{year}.zip") for year in (2024, 2025))
    requested_files.make_file.call(old.pk)
    old.refresh_from_db()
    RequestedFile.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    assert f"{centre.slug}: files made in the background, older than a week: 1 (to remove)" in apply_retention()
    with django_capture_on_commit_callbacks(execute=True):
        apply_retention("--apply")
    assert list(RequestedFile.objects.values_list("pk", flat=True)) == [new.pk]
    assert not default_storage.exists(old.file.name)
