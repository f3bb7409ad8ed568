"""The web import: upload a file, see every error and the first rows, then confirm; all or nothing.

The checking and writing is the importers' (civhub.ledger.imports); this module holds what the
web adds around them:

1. `preview_*` checks the uploaded file and records an ImportBatch in state *preview* (or
   *refused*, with every error). A clean file is stored privately under MEDIA_ROOT/imports/
   (no URL serves it), so that the confirmation can import exactly the file that was checked.
2. `confirm_import` claims the batch (one confirmation wins), and runs `run_import` as a
   django.tasks task. With the default immediate backend the task runs inside the request;
   with a queue (django-tasks-db) it runs in a worker and the page polls its progress.
3. `run_import` imports the stored file through the importer, which writes its own ImportBatch
   for the run; that batch becomes the record of the import (the stored file moves to it) and
   the preview batch is removed. A pointer in the cache sends a page still polling the preview
   batch to the import's batch. An importer that records the import on the preview batch itself (the
   grant's expenditure) keeps it.

Higher apps hand their importers down (`register_importer`): the grants app's expenditure runs through the same
task, so the ledger does not import grants.

Progress: an import is one transaction, so nothing it writes is visible to another request
until it commits. Its progress therefore goes through the cache (shared between processes
when CACHE_URL names Redis), and the batch row gets the final counts when it is done.
"""

import uuid
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import PurePath

from django.core.cache import cache
from django.core.files import File
from django.db import transaction
from django.tasks import TaskResultStatus, task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from civhub.core import progress as work_progress
from civhub.core.errors import CivhubError
from civhub.core.logs import carries_request_id, enqueue
from civhub.ledger.errors import LedgerError
from civhub.ledger.imports import check_contributions, import_contributions, import_rates
from civhub.ledger.imports.report import STORED_ERRORS, ImportReport
from civhub.ledger.models import ImportBatch

Kind, State = ImportBatch.Kind, ImportBatch.State
CACHE_SECONDS = 24 * 3600
# kind -> importer(batch, file, progress): imports a confirmed batch's stored file, for the kinds of higher apps.
Importer = Callable[[ImportBatch, object, Callable[[int, int], None]], ImportReport]
_IMPORTERS: dict[str, Importer] = {}


def register_importer(kind: str, importer: Importer) -> None:
    """A higher app's importer for its kind of batch (from its AppConfig.ready()), run by `run_import`."""
    _IMPORTERS[kind] = importer


def _key(kind: str, pk: int) -> str:
    return f"civhub:ledger:import:{kind}:{pk}"


# 1. Checking an upload --------------------------------------------------------------------------


def _preview_rows(report: ImportReport, kind: str) -> list[dict]:
    """The report's first rows as plain values (for the cache and the template)."""
    if kind == Kind.RATES:
        return [{"partner": card.partnership.short_code, "category": card.category,
                 "hourly_rate": card.hourly_rate, "valid_from": card.valid_from} for card in report.preview]
    return [asdict(row) for row in report.preview]


def _record_check(*, centre, actor, kind, upload, report: ImportReport, partnership=None,
                  as_accepted=False, reference="") -> ImportBatch:
    """The preview batch: counts and errors of the check; a clean file is kept for the confirmation."""
    batch = ImportBatch(
        centre=centre, partnership=partnership, kind=kind, state=State.PREVIEW if report.ok else State.REFUSED,
        file_name=upload.name[:255], as_accepted=as_accepted, reference=reference.strip(), actor=actor,
        total_rows=report.rows,
        existing_rows=report.existing_rows, total_hours=report.hours, total_amount=report.amount,
        errors=[error.as_dict() for error in report.errors[:STORED_ERRORS]],
        finished_at=None if report.ok else timezone.now(),
    )
    if report.ok:
        upload.seek(0)
        suffix = PurePath(upload.name).suffix.lower()[:10]
        batch.upload.save(f"{uuid.uuid4().hex}{suffix}", File(upload), save=False)
    with transaction.atomic():
        batch.save()
    cache.set(_key("preview", batch.pk), _preview_rows(report, kind), CACHE_SECONDS)
    return batch


def preview_contributions(*, centre, actor, upload, partnership=None, as_accepted=False,
                          reference: str = "") -> ImportBatch:
    """Check an uploaded contributions file and record the outcome; nothing is written to the ledger.

    Raises LedgerError when the actor may not import there (see ledger/permissions.py).
    """
    report = check_contributions(centre=centre, actor=actor, file=upload, file_name=upload.name,
                                 partnership=partnership, as_accepted=as_accepted, reference=reference)
    return _record_check(centre=centre, actor=actor, kind=Kind.CONTRIBUTIONS, upload=upload, report=report,
                         partnership=partnership, as_accepted=as_accepted, reference=reference)


def preview_rates(*, centre, actor, upload) -> ImportBatch:
    """Check an uploaded rate-card file and record the outcome; nothing is written."""
    report = import_rates(centre=centre, actor=actor, file=upload, file_name=upload.name, dry_run=True)
    return _record_check(centre=centre, actor=actor, kind=Kind.RATES, upload=upload, report=report)


def preview_rows(batch: ImportBatch) -> list[dict]:
    """The first rows of a batch waiting for confirmation, from the cache or by checking its file again."""
    if batch.state != State.PREVIEW or not batch.upload:
        return []
    rows = cache.get(_key("preview", batch.pk))
    if rows is None:
        try:
            with batch.upload.open("rb") as file:
                report = _check_stored(batch, file)
        except LedgerError:
            return []
        rows = _preview_rows(report, batch.kind)
        cache.set(_key("preview", batch.pk), rows, CACHE_SECONDS)
    return rows


def _check_stored(batch: ImportBatch, file) -> ImportReport:
    if batch.kind == Kind.RATES:
        return import_rates(centre=batch.centre, actor=batch.actor, file=file, file_name=batch.file_name,
                            dry_run=True)
    return check_contributions(centre=batch.centre, actor=batch.actor, file=file, file_name=batch.file_name,
                               partnership=batch.partnership, as_accepted=batch.as_accepted,
                               reference=batch.reference)


# 2. Confirming -----------------------------------------------------------------------------------


def confirm_import(*, batch: ImportBatch, actor) -> int:
    """Run the import of a checked file: only its uploader, only once. Returns the pk of the batch to show.

    That is the import's own batch when the task ran at once, else the (running) preview batch.
    """
    if batch.actor_id != actor.pk:
        raise LedgerError(_("Only the person who uploaded the file can confirm its import."))
    claimed = ImportBatch.objects.filter(pk=batch.pk, state=State.PREVIEW).update(state=State.RUNNING)
    if not claimed:
        raise LedgerError(_("This file has already been imported, or it was refused. Upload it again to retry."))
    record_progress(batch.pk, done=0, total=batch.total_rows)
    result = enqueue(run_import, batch.pk, translation.get_language())
    if result.status == TaskResultStatus.SUCCESSFUL:
        return result.return_value
    return batch.pk


# 3. Running --------------------------------------------------------------------------------------


def record_progress(pk: int, *, done: int, total: int) -> None:
    work_progress.record(_key("progress", pk), done=done, total=total)


def progress_of(batch: ImportBatch) -> work_progress.Progress:
    """The running import's progress from the cache; the batch's own counts when it is not running."""
    stored = work_progress.read(_key("progress", batch.pk)) if batch.state == State.RUNNING else None
    if stored:
        return stored
    return work_progress.Progress(batch.processed_rows if batch.state == State.DONE else 0, batch.total_rows)


def moved_to(pk: int) -> int | None:
    """Where a preview batch went once its import ran (the import's own batch), if known."""
    return cache.get(_key("moved", pk))


class _Recorder:
    """The importer's progress callback: the importer checks and writes each row in one pass, and reports how many
    rows it has done every few thousand rows."""

    def __init__(self, pk: int, total: int):
        self.pk, self.total = pk, total

    def __call__(self, done: int, total: int) -> None:
        record_progress(self.pk, done=done, total=total or self.total)


@task
@carries_request_id
def run_import(batch_pk: int, language: str = "nl") -> int:
    """Import a confirmed batch's stored file; returns the pk of the batch that records the import.

    Idempotent: the import and the hand-over to its own batch are one transaction that holds the preview batch's
    row, so a task run twice (a retry, `manage.py resume_imports` after a worker died) imports the file once. A
    worker killed half-way leaves nothing: its transaction never commits, and the batch waits, still running.
    """
    batch = ImportBatch.objects.select_related("centre", "partnership", "actor").filter(pk=batch_pk).first()
    if batch is None:  # imported already: the preview batch made way for the import's own
        return moved_to(batch_pk) or batch_pk
    with translation.override(language):  # the confirming request's: a worker has no request to take it from
        return _run(batch)


def _run(batch: ImportBatch) -> int:
    try:
        with transaction.atomic():
            if not ImportBatch.objects.select_for_update().filter(pk=batch.pk, state=State.RUNNING).exists():
                return batch.pk  # imported (or failed) while this run waited for the row
            with batch.upload.open("rb") as file:
                report = _import_stored(batch, file)
            if report.batch is None or report.batch.pk == batch.pk:
                return _kept(batch)
            return _hand_over(batch, report.batch)
    except CivhubError as error:  # the ledger's or a registered importer's (the grant's) rule, in words
        _fail(batch, str(error))
        return batch.pk
    except Exception:
        _fail(batch, _("The import stopped because of an error; nothing was written. Try again later."))
        raise


def resume_stalled(*, quiet_for: timedelta) -> list[int]:
    """Queue again the confirmed imports that have shown no progress for `quiet_for` (their worker died).

    A run that is in fact still going holds its batch's row: the new run waits for it, then finds it done.
    """
    since = timezone.now() - quiet_for
    running = ImportBatch.objects.filter(state=State.RUNNING).exclude(upload="").values_list("pk", "created_at")
    stalled = [pk for pk, started in running if _last_sign_of_life(pk, started) < since]
    for pk in stalled:
        run_import.enqueue(pk, translation.get_language())
    return stalled


def _last_sign_of_life(pk: int, started):
    stored = work_progress.read(_key("progress", pk))
    return datetime.fromtimestamp(stored.at, tz=UTC) if stored and stored.at else started


def _import_stored(batch: ImportBatch, file) -> ImportReport:
    if batch.kind in _IMPORTERS:
        return _IMPORTERS[batch.kind](batch, file, _Recorder(batch.pk, batch.total_rows))
    if batch.kind == Kind.RATES:
        return import_rates(centre=batch.centre, actor=batch.actor, file=file, file_name=batch.file_name)
    return import_contributions(centre=batch.centre, actor=batch.actor, file=file, file_name=batch.file_name,
                                partnership=batch.partnership, as_accepted=batch.as_accepted,
                                reference=batch.reference, progress=_Recorder(batch.pk, batch.total_rows))


def _fail(batch: ImportBatch, message: str) -> None:
    batch.state, batch.finished_at = State.FAILED, timezone.now()
    batch.errors = [{"row": 0, "column": "", "value": "", "message": message}]
    batch.save(update_fields=["state", "finished_at", "errors"])
    cache.delete(_key("progress", batch.pk))


def _kept(batch: ImportBatch) -> int:
    """The importer recorded the import on the confirmed batch itself: only the progress goes."""
    pk = batch.pk
    transaction.on_commit(lambda: cache.delete(_key("progress", pk)))
    return pk


def _hand_over(preview: ImportBatch, final: ImportBatch) -> int:
    """The importer's batch records the import from now on; it keeps the stored file, the preview goes."""
    pk, final_pk = preview.pk, final.pk  # delete() forgets it
    final.upload = preview.upload.name
    final.save(update_fields=["upload"])
    preview.delete()
    cache.set(_key("moved", pk), final_pk, CACHE_SECONDS)  # before the commit: a poll must never find nothing
    transaction.on_commit(lambda: cache.delete_many([_key("progress", pk), _key("preview", pk)]))
    return final_pk
