"""The reports the funder expects: their due dates with a countdown, and recording one as submitted.

The office and the steering group read the list; the finance controller and the programme
manager record a submission (a confirmation form, then a POST that calls the service).
"""

from datetime import date

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.core.formatting import format_date
from civhub.core.views import attempt, form_page, posted
from civhub.grants.forms.reports import ReportSubmittedForm
from civhub.grants.permissions import may_record_reports, monitor_required, reporting_required
from civhub.grants.selectors.deadlines import deadlines as deadline_rows
from civhub.grants.selectors.deadlines import obligations
from civhub.grants.services.reports import mark_report_submitted
from civhub.grants.views import grant_of, no_grant


@monitor_required
def deadlines(request, centre):
    """Every progress report and the final report, in due order, with countdown and who submitted it when."""
    grant = grant_of(centre)
    if grant is None:
        return no_grant(request, centre, "deadlines")
    return render(request, "grants/deadlines/list.html", {
        "centre": centre, "grant": grant, "tab": "deadlines",
        "deadlines": deadline_rows(grant, today=timezone.localdate()), "obligations": obligations(grant),
        "may_record": may_record_reports(request.user, centre),
    })


def _deadline(grant, kind: str, due: str):
    """The grant's report of `kind` due on `due` (YYYY-MM-DD) with its submission, or 404."""
    try:
        day = date.fromisoformat(due)
    except ValueError:
        raise Http404 from None
    row = next((row for row in deadline_rows(grant, today=timezone.localdate())
                if row.report.due == day and row.report.kind == kind), None)
    if row is None:
        raise Http404
    return row


@reporting_required
def deadline_submit(request, centre, kind, due):
    """GET: the form (date submitted, note); POST: record the report as submitted."""
    grant = grant_of(centre)
    if grant is None:
        raise Http404
    row = _deadline(grant, kind, due)
    today = timezone.localdate()
    form = ReportSubmittedForm(posted(request), today=today)
    if form.is_bound and form.is_valid():  # a report already submitted: the service says so, by whom and when
        done = attempt(request, form, lambda: mark_report_submitted(
            grant=grant, due_date=row.report.due, kind=row.report.kind, actor=request.user,
            submitted_on=form.cleaned_data["submitted_on"], note=form.cleaned_data["note"]),
            _("The report due on %(date)s is recorded as submitted.") % {"date": format_date(row.report.due)},
            reverse("grants:deadlines", args=[centre.slug]))
        if done:
            return done
    return form_page(request, "grants/deadlines/submit.html", {
        "centre": centre, "grant": grant, "tab": "deadlines", "deadline": row, "form": form,
    })
