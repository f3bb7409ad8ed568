"""Files the worker makes for a person: a large funder pack or meeting pack, the partner statements of a year as ZIP.

A download that takes too long for a page is asked for instead (`request_file`): a `RequestedFile` row, and the
`make_file` task queued after the commit. With the immediate backend (development, the tests) the task runs at once
and the file is ready when the page opens; with a queue the worker makes it while the status page
(`core:requested_file`, in accounts: it needs the access rules) shows how far it is and then offers the download.

- The apps that make the files hand their makers down (`register(FileKind(...))` from their AppConfig.ready()), so
  that core imports none of them. A maker writes the file into an open temporary file and may report its progress.
- Idempotent: the task claims its row (waiting, or running past the lease: its worker died) with one UPDATE, so a
  ready file is never made again and two runs never make one at once. The file reaches storage only when it is
  whole; a failure stores why, in the requester's language, and no file.
- The same file asked for again by the same person while it waits or is being made is that request, not a new one.
- Progress goes through the cache (shared between processes when CACHE_URL names Redis); the row has the outcome.
- Kept `KEPT_DAYS` days: `manage.py apply_retention --apply` removes older requests and their files.
"""

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import PurePath
from tempfile import TemporaryFile

from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q, QuerySet
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from civhub.core import progress as work_progress
from civhub.core.errors import CivhubError
from civhub.core.logs import carries_request_id, enqueue
from civhub.core.models import RequestedFile

Status = RequestedFile.Status
# A file being made for longer than this has lost its worker: a new run of the task takes it over.
LEASE = timedelta(minutes=30)
KEPT_DAYS = 7
Progress = Callable[[int, int], None]  # progress(done, total): parts written of about how many


@dataclass(frozen=True)
class FileKind:
    """A kind of file the worker makes.

    `make(requested, out, progress)` writes the file into `out` (an open binary file) and may call `progress(done,
    total)` now and then; a CivhubError it raises is the reason the person reads. With `office`, the centre's office
    may open a file another person asked for (the office's own reports); otherwise only the requester may.
    """

    name: str
    label: str  # what the status page calls the file (a lazy text)
    make: Callable[[RequestedFile, object, Progress], None]
    office: bool = False


_KINDS: dict[str, FileKind] = {}


def register(kind: FileKind) -> None:
    _KINDS[kind.name] = kind


def kind_of(name: str) -> FileKind:
    return _KINDS[name]


def office_kinds() -> list[str]:
    """The kinds the centre's office may open whoever asked for them."""
    return [name for name, kind in _KINDS.items() if kind.office]


# Asking ------------------------------------------------------------------------------------------------------


def request_file(*, kind: str, centre, actor, parameters: dict, name: str) -> RequestedFile:
    """Ask the worker for a file (`name` is what the download will be called); the same file this person asked for,
    still waiting or being made, is returned instead of a second one.

    A waiting one is queued again: should the queue have refused it the first time, asking again is the retry (a
    second run of the task finds it claimed and skips it). A queue that refuses never breaks the page.
    """
    kind_of(kind)  # an unknown kind is a mistake in the code, not the person's
    with transaction.atomic():
        waiting = RequestedFile.objects.filter(centre=centre, kind=kind, requested_by=actor,
                                               status__in=(Status.QUEUED, Status.RUNNING))
        requested = next((found for found in waiting if found.parameters == parameters), None)
        if requested is None:
            requested = RequestedFile.objects.create(centre=centre, kind=kind, parameters=parameters,
                                                     name=name[:255], requested_by=actor,
                                                     language=translation.get_language() or "nl")
        if requested.status == Status.QUEUED:
            pk = requested.pk
            transaction.on_commit(lambda: enqueue(make_file, pk), robust=True)
    return requested


# Making ------------------------------------------------------------------------------------------------------


@task
@carries_request_id
def make_file(pk: int) -> str:
    """Make one requested file: "done", "failed" (the reason is on the row) or "skipped" (ready, failed, or being
    made by another run already)."""
    if not _claim(pk):
        return "skipped"
    requested = RequestedFile.objects.select_related("centre", "requested_by").get(pk=pk)
    with translation.override(requested.language):  # the request's: a worker has no request to take it from
        try:
            _make(requested)
        except CivhubError as error:
            _fail(pk, str(error))
            return "failed"
        except Exception:
            _fail(pk, _("The file could not be made because of an error. Please ask for it again later."))
            raise
    return "done"


def _claim(pk: int) -> int:
    now = timezone.now()
    free = Q(status=Status.QUEUED) | Q(status=Status.RUNNING, started_at__lt=now - LEASE)
    return RequestedFile.objects.filter(free, pk=pk).update(status=Status.RUNNING, started_at=now)


def _make(requested: RequestedFile) -> None:
    """Write the file to a temporary file, then store it whole and mark the request done in one step."""
    record_progress(requested.pk, done=0, total=0)
    with TemporaryFile() as spool:
        kind_of(requested.kind).make(requested, spool, _Recorder(requested.pk))
        size, digest = _measure(spool)
        stored = _store(spool, requested.name)
    finished = RequestedFile.objects.filter(pk=requested.pk, status=Status.RUNNING).update(
        status=Status.DONE, file=stored, size=size, sha256=digest, error="", finished_at=timezone.now())
    if not finished:  # a run that took over from this one (past the lease) was faster
        default_storage.delete(stored)
    cache.delete(_key(requested.pk))


def _measure(spool) -> tuple[int, str]:
    spool.seek(0)
    digest = hashlib.file_digest(spool, "sha256").hexdigest()
    return spool.tell(), digest


def _store(spool, name: str) -> str:
    """Save the finished file under a name nobody can guess; a save that breaks off leaves no part behind."""
    path = f"files/{uuid.uuid4().hex}{PurePath(name).suffix.lower()[:10]}"
    spool.seek(0)
    try:
        return default_storage.save(path, File(spool))
    except BaseException:
        default_storage.delete(path)
        raise


def _fail(pk: int, message: str) -> None:
    RequestedFile.objects.filter(pk=pk).update(status=Status.FAILED, error=message, finished_at=timezone.now())
    cache.delete(_key(pk))


# Progress ----------------------------------------------------------------------------------------------------


def _key(pk: int) -> str:
    return f"civhub:core:file:{pk}"


def record_progress(pk: int, *, done: int, total: int) -> None:
    work_progress.record(_key(pk), done=done, total=total)


def progress_of(requested: RequestedFile) -> work_progress.Progress | None:
    """A file being made: its progress from the cache (None when the maker has not said yet)."""
    return work_progress.read(_key(requested.pk)) if requested.status == Status.RUNNING else None


class _Recorder:
    """The maker's progress callback."""

    def __init__(self, pk: int):
        self.pk = pk

    def __call__(self, done: int, total: int) -> None:
        record_progress(self.pk, done=done, total=total)


# Retention ---------------------------------------------------------------------------------------------------


def old_files(centre, today: date) -> QuerySet:
    """The centre's requests older than KEPT_DAYS days, ready or not (one still waiting then has lost its task)."""
    cutoff = timezone.make_aware(datetime.combine(today - timedelta(days=KEPT_DAYS), datetime.min.time()))
    return RequestedFile.objects.filter(centre=centre, created_at__lt=cutoff)


def remove(files: QuerySet) -> int:
    """Delete these requests; their files go from storage once the deletion is committed (a rollback keeps both)."""
    names = [name for name in files.values_list("file", flat=True) if name]
    count = files.delete()[0]
    transaction.on_commit(lambda: [default_storage.delete(name) for name in names])
    return count
