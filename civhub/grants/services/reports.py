"""Reports to the funder: recording that a report was submitted, by whom and when, with the pack as it was then.

The due dates follow from the grant's rules (civhub.grants.schedule); a submission is
recorded once per report (a unique constraint backs the check, and the grant row is
locked so two people marking the same report at once get a clear message, not an error).
Marking a report submitted stores the funder pack (XLSX and PDF) as of the submission date
with the SHA-256 of each file, the Samenvatting's figures, and the ledger's chain head: the
files never change, and the monitor can say what changed since.
"""

import hashlib
from datetime import date

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.core.audit import record_event
from civhub.core.formatting import format_date
from civhub.core.models import Grant
from civhub.grants.errors import GrantError
from civhub.grants.models import ReportSubmission
from civhub.grants.permissions import may_record_reports
from civhub.grants.schedule import ReportDue, report_deadlines
from civhub.grants.snapshots import make_snapshot
from civhub.ledger.heads import record_chain_head

MAX_NOTE = 300


def report_due_on(grant: Grant, due_date: date, kind: str) -> ReportDue:
    """The report of `grant` of this kind due on `due_date`; GrantError when the grant expects none."""
    report = next((report for report in report_deadlines(grant) if report.due == due_date and report.kind == kind),
                  None)
    if report is None:
        raise GrantError(_("No report of this grant is due on %(date)s.") % {"date": format_date(due_date)})
    return report


def _check(grant: Grant, actor, submitted_on: date, note: str) -> None:
    if not may_record_reports(actor, grant.centre):
        raise GrantError(_("Only the finance controller or the programme manager records submitted reports."))
    if submitted_on > timezone.localdate():
        raise GrantError(_("The date of submission lies in the future."))
    if len(note) > MAX_NOTE:
        raise GrantError(_("Keep the note to at most 300 characters."))


def _already_submitted(submission: ReportSubmission) -> GrantError:
    return GrantError(_("This report was already marked submitted on %(date)s by %(name)s.") % {
        "date": format_date(submission.submitted_on), "name": submission.submitted_by.get_full_name()})


def _existing(grant: Grant, report: ReportDue) -> ReportSubmission | None:
    return ReportSubmission.objects.select_related("submitted_by").filter(
        grant=grant, kind=report.kind, due_date=report.due).first()


def mark_report_submitted(*, grant: Grant, due_date: date, actor, submitted_on: date, note: str = "",
                          kind: str | None = None, keep_pack: bool = True) -> ReportSubmission:
    """Record that the report due on `due_date` was submitted on `submitted_on`; GrantError when refused.

    `kind` tells reports due on the same day apart (a progress report and an annual report);
    without it, the first report due that day. `keep_pack=False` records a report submitted
    before the centre used civhub: there is no pack of that day to keep.
    """
    note = (note or "").strip()
    report = report_due_on(grant, due_date, kind) if kind else _first_due_on(grant, due_date)
    _check(grant, actor, submitted_on, note)
    existing = _existing(grant, report)
    if existing is not None:
        raise _already_submitted(existing)
    # Rendered before the transaction: it takes a second.
    snapshot = make_snapshot(grant, submitted_on, report.kind) if keep_pack else None
    stored: list[str] = []
    try:
        with transaction.atomic():
            submission = _record(grant, report, actor, submitted_on, note, snapshot, stored)
    except IntegrityError as error:  # someone else recorded it between our check and our insert
        _remove(grant, stored)
        raise _already_submitted(_existing(grant, report)) from error
    except BaseException:
        _remove(grant, stored)
        raise
    return submission


def _first_due_on(grant: Grant, due_date: date) -> ReportDue:
    report = next((report for report in report_deadlines(grant) if report.due == due_date), None)
    if report is None:
        raise GrantError(_("No report of this grant is due on %(date)s.") % {"date": format_date(due_date)})
    return report


def _record(grant, report, actor, submitted_on, note, snapshot, stored) -> ReportSubmission:
    Grant.objects.select_for_update().filter(pk=grant.pk).first()  # one recorder at a time per grant
    existing = _existing(grant, report)
    if existing is not None:
        raise _already_submitted(existing)
    name = _occasion(report)
    head = record_chain_head(centre=grant.centre, actor=actor, grant=grant, occasion=f"{name} submitted")
    submission = ReportSubmission(grant=grant, kind=report.kind, due_date=report.due, submitted_on=submitted_on,
                                  note=note, submitted_by=actor, as_of=submitted_on, chain_head=head)
    if snapshot is not None:
        base = f"financieringsrapport-{grant.centre.slug}-{report.kind}-{report.due.isoformat()}"
        submission.summary = snapshot.summary
        submission.xlsx_sha256 = hashlib.sha256(snapshot.xlsx).hexdigest()
        submission.pdf_sha256 = hashlib.sha256(snapshot.pdf).hexdigest()
        submission.xlsx.save(f"{base}.xlsx", ContentFile(snapshot.xlsx), save=False)
        stored.append(submission.xlsx.name)
        submission.pdf.save(f"{base}.pdf", ContentFile(snapshot.pdf), save=False)
        stored.append(submission.pdf.name)
    submission.save()
    record_event(submission, actor=actor, action="report_submitted", centre=grant.centre,
                 summary=f"{submission.get_kind_display()} {report.due.isoformat()}",
                 changes={"due_date": report.due.isoformat(), "submitted_on": submitted_on.isoformat(), "note": note,
                          "xlsx_sha256": submission.xlsx_sha256, "pdf_sha256": submission.pdf_sha256,
                          "chain_head": [head.contributions, head.contributions_hash]})
    return submission


def _occasion(report: ReportDue) -> str:
    """How the chain head names the moment (a fixed English text, like verify_ledger's output)."""
    names = {"progress": f"progress report {report.number}", "final": "final report",
             "annual": f"annual report {report.year}"}
    return f"{names.get(report.kind, report.kind)} due {report.due.isoformat()}"


def _remove(grant: Grant, names: list[str]) -> None:
    """Files written for a submission that was not recorded go again: nothing half-done stays behind."""
    storage = ReportSubmission._meta.get_field("pdf").storage
    for name in names:
        storage.delete(name)
