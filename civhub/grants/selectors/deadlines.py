"""The reports the funder expects, with their due dates, countdown and whether they were submitted."""

from dataclasses import dataclass
from datetime import date

from civhub.grants.models import ReportSubmission
from civhub.grants.schedule import ReportDue, report_deadlines


@dataclass(frozen=True)
class Deadline:
    """A report the funder expects, its submission (None while open) and the days left until it is due."""

    report: ReportDue
    submission: ReportSubmission | None
    days_left: int

    @property
    def is_open(self) -> bool:
        return self.submission is None

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.days_left < 0

    @property
    def days_late(self) -> int:
        """How many days past the due date (0 when not overdue), for "3 days late"."""
        return max(0, -self.days_left)


def submissions_of(grant) -> list[ReportSubmission]:
    """The grant's submitted reports, with who submitted them: one query."""
    return list(ReportSubmission.objects.filter(grant=grant).select_related("submitted_by"))


def deadlines(grant, *, today: date, submissions: list[ReportSubmission] | None = None) -> list[Deadline]:
    """Every report of the grant in due order; one query for the submissions unless they are given."""
    submitted = {(submission.kind, submission.due_date): submission
                 for submission in (submissions_of(grant) if submissions is None else submissions)}
    return [Deadline(report, submitted.get((report.kind, report.due)), (report.due - today).days)
            for report in report_deadlines(grant)]


@dataclass(frozen=True)
class Obligations:
    """What follows the grant: the funder's settlement, and how long the records are kept."""

    settlement_due: date
    retained_until: date


def last_submission(submissions: list[ReportSubmission]) -> ReportSubmission | None:
    """Of the grant's submissions (`submissions_of`), the one submitted last that kept its pack: what "what changed
    since" compares with."""
    kept = [submission for submission in submissions if submission.summary != {}]
    return max(kept, key=lambda submission: (submission.submitted_on, submission.pk), default=None)


def obligations(grant) -> Obligations:
    return Obligations(grant.settlement_due, grant.retained_until)


def next_open(rows: list[Deadline]) -> Deadline | None:
    """The first report not yet submitted (overdue ones first, as they come first in due order)."""
    return next((row for row in rows if row.is_open), None)
