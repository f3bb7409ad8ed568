"""Report deadlines: the list with its countdown, and recording a report as submitted (page and service)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from civhub.core.models import AuditEvent
from civhub.grants.errors import GrantError
from civhub.grants.models import ReportSubmission
from civhub.grants.selectors.deadlines import deadlines, next_open
from civhub.grants.services.reports import mark_report_submitted
from tests.factories import GrantFactory
from tests.partners.factories import client_for

pytestmark = pytest.mark.usefixtures("english_messages")


def today():
    """Today on the Dutch clock, read when a test runs, not when the module is collected: a run may cross
    midnight."""
    return timezone.localdate()


@pytest.fixture
def grant(centre):
    """Progress reports a year ago and in two months; the final report later."""
    start = today().replace(day=1) - timedelta(days=370)
    return GrantFactory(centre=centre, start=start.replace(day=1), end=date(today().year + 2, 12, 31),
                        report_due_months=[12, 14])


def _reports(grant):
    """The progress reports and the final report (the annual reports are tested on their own below)."""
    return [row.report for row in deadlines(grant, today=today()) if row.report.kind != "annual"]


def _dues(grant):
    return [report.due for report in _reports(grant)]


def _submit_url(centre, report):
    return reverse("grants:deadline_submit", args=[centre.slug, report.kind, report.due.isoformat()])


def test_the_list_counts_down_and_shows_what_is_late(grant, centre, programme_manager):
    late, coming, final = (row for row in deadlines(grant, today=today()) if row.report.kind != "annual")
    html = client_for(programme_manager).get(reverse("grants:deadlines", args=[centre.slug])).content.decode()
    assert f"{late.days_late} days late" in html or f"{late.days_late} day late" in html
    assert f"in {coming.days_left} days" in html
    assert "Progress report 1" in html and "Progress report 2" in html and "Final report" in html
    assert "Mark submitted" in html
    assert _submit_url(centre, late.report) in html
    assert "Annual accounts and annual report" in html
    assert next_open(deadlines(grant, today=today())).report.due <= late.report.due


def test_the_steering_group_reads_without_the_action(grant, centre, steering_member):
    html = client_for(steering_member).get(reverse("grants:deadlines", args=[centre.slug])).content.decode()
    assert "Progress report 1" in html and "/ingediend/" not in html


def test_the_finance_controller_marks_a_report_submitted(grant, centre, finance_controller):
    report = _reports(grant)[0]
    due = report.due
    client = client_for(finance_controller)
    page = client.get(_submit_url(centre, report))
    assert page.status_code == 200 and f'value="{today().isoformat()}"' in page.content.decode()
    response = client.post(_submit_url(centre, report), {"submitted_on": (due - timedelta(days=3)).isoformat(),
                                                         "note": "Kenmerk DUS-I 123"})
    assert response.status_code == 302 and response["Location"] == reverse("grants:deadlines", args=[centre.slug])
    submission = ReportSubmission.objects.get(grant=grant, due_date=due)
    assert (submission.kind, submission.submitted_on, submission.note, submission.submitted_by) == (
        "progress", due - timedelta(days=3), "Kenmerk DUS-I 123", finance_controller)
    assert AuditEvent.objects.filter(action="report_submitted", target_id=str(submission.pk)).exists()
    html = client.get(reverse("grants:deadlines", args=[centre.slug])).content.decode()
    assert "by Finance Controller" in html and "Kenmerk DUS-I 123" in html


def test_the_programme_manager_may_too(grant, centre, programme_manager):
    report = _reports(grant)[-1]
    response = client_for(programme_manager).post(_submit_url(centre, report), {"submitted_on": today().isoformat()})
    assert response.status_code == 302 and ReportSubmission.objects.get(due_date=report.due).kind == "final"


def test_a_date_in_the_future_is_refused(grant, centre, finance_controller):
    response = client_for(finance_controller).post(_submit_url(centre, _reports(grant)[0]),
                                                   {"submitted_on": (today() + timedelta(days=1)).isoformat()})
    assert response.status_code == 400 and "The date of submission lies in the future." in response.content.decode()
    assert not ReportSubmission.objects.exists()


def test_a_report_is_submitted_once(grant, centre, finance_controller, programme_manager):
    report = _reports(grant)[0]
    mark_report_submitted(grant=grant, due_date=report.due, kind=report.kind, actor=programme_manager,
                          submitted_on=today())
    response = client_for(finance_controller).post(_submit_url(centre, report), {"submitted_on": today().isoformat()})
    html = response.content.decode()
    assert response.status_code == 400
    assert "This report was already marked submitted on" in html and "Programme Manager" in html
    assert ReportSubmission.objects.count() == 1


@pytest.mark.parametrize("due", ["2020-01-01", "not-a-date", "2025-02-30"])
def test_a_date_that_is_no_deadline_is_a_404(grant, centre, finance_controller, due):
    url = reverse("grants:deadline_submit", args=[centre.slug, "progress", due])
    assert client_for(finance_controller).get(url).status_code == 404


def test_the_service_refuses_what_the_page_cannot_send(grant, finance_controller, practor):
    due = _dues(grant)[0]
    with pytest.raises(GrantError, match="No report of this grant is due on 2 January 2020"):
        mark_report_submitted(grant=grant, due_date=date(2020, 1, 2), actor=finance_controller, submitted_on=today())
    with pytest.raises(GrantError, match="Only the finance controller or the programme manager"):
        mark_report_submitted(grant=grant, due_date=due, actor=practor, submitted_on=today())
    with pytest.raises(GrantError, match="in the future"):
        mark_report_submitted(grant=grant, due_date=due, actor=finance_controller,
                              submitted_on=today() + timedelta(days=1))
    with pytest.raises(GrantError, match="at most 300"):
        mark_report_submitted(grant=grant, due_date=due, actor=finance_controller, submitted_on=today(), note="x" * 301)
    assert not ReportSubmission.objects.exists() and not AuditEvent.objects.filter(action="report_submitted").exists()


def test_a_centre_without_a_grant(centre, finance_controller):
    client = client_for(finance_controller)
    assert client.get(reverse("grants:deadlines", args=[centre.slug])).status_code == 200
    assert client.get(reverse("grants:deadline_submit", args=[centre.slug, "final", "2025-01-01"])).status_code == 404
