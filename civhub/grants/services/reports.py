"""Reports to the funder: recording that a progress report or the final report was submitted, by whom and when.

The due dates follow from the grant's rules (civhub.grants.schedule); a submission is
recorded once per due date (a unique constraint backs the check, and the grant row is
locked so two people marking the same report at once get a clear message, not an error).
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.core.audit import record_event
from civhub.core.models import Grant
from civhub.grants.errors import GrantError
from civhub.grants.models import ReportSubmission
from civhub.grants.permissions import may_record_reports
from civhub.grants.schedule import ReportDue, report_deadlines

MAX_NOTE = 300


def report_due_on(grant: Grant, due_date: date) -> ReportDue:
    """The report of `grant` due on `due_date`; GrantError when the grant expects none that day."""
    report = next((report for report in report_deadlines(grant) if report.due == due_date), None)
    if report is None:
        raise GrantError(_("No report of this grant is due on %(date)s.") % {"date": due_date.strftime("%d-%m-%Y")})
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
        "date": submission.submitted_on.strftime("%d-%m-%Y"), "name": submission.submitted_by.get_full_name()})


def mark_report_submitted(*, grant: Grant, due_date: date, actor, submitted_on: date,
                          note: str = "") -> ReportSubmission:
    """Record that the report due on `due_date` was submitted on `submitted_on`; GrantError when refused."""
    note = (note or "").strip()
    report = report_due_on(grant, due_date)
    _check(grant, actor, submitted_on, note)
    try:
        with transaction.atomic():
            Grant.objects.select_for_update().filter(pk=grant.pk).first()  # one recorder at a time per grant
            existing = ReportSubmission.objects.select_related("submitted_by").filter(
                grant=grant, due_date=due_date).first()
            if existing is not None:
                raise _already_submitted(existing)
            submission = ReportSubmission.objects.create(grant=grant, kind=report.kind, due_date=due_date,
                                                         submitted_on=submitted_on, note=note, submitted_by=actor)
            record_event(submission, actor=actor, action="report_submitted", centre=grant.centre,
                         summary=f"{submission.get_kind_display()} {due_date.isoformat()}",
                         changes={"due_date": due_date.isoformat(), "submitted_on": submitted_on.isoformat(),
                                  "note": note})
    except IntegrityError as error:  # someone else recorded it between our check and our insert
        existing = ReportSubmission.objects.select_related("submitted_by").get(grant=grant, due_date=due_date)
        raise _already_submitted(existing) from error
    return submission
