"""The progress report: its period, its four sheets (numbers as numbers), the PDF with its cover, and the page."""

import io
from datetime import date

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from civhub.programme.models import Activity, Milestone
from civhub.reports.selectors.progress import Period, build_report, default_period, grant_year_periods, milestone_stand
from tests.factories import GrantFactory
from tests.partners.factories import client_for, count_queries
from tests.programme.support import activity, actual, fill, kpi, milestone, programme
from tests.reports.support import pdf_pages, pdf_text

pytestmark = pytest.mark.django_db
YEAR_2025 = {"from": "2025-01-01", "to": "2025-12-31"}


def url(centre, fmt=None):
    return reverse("reports:progress_report", args=[centre.slug, fmt]) if fmt else reverse(
        "reports:progress", args=[centre.slug])


@pytest.fixture
def lines(centre, partner_a):
    lines = programme(centre)
    activity(lines[1], title="Module GMP", start=date(2024, 9, 1), end=date(2025, 6, 30), owners=[partner_a],
             status=Activity.Status.DONE)
    activity(lines[1], title="Afgerond in 2024", start=date(2024, 1, 1), end=date(2024, 12, 31))  # not in 2025
    milestone(lines[2], title="Tien vragen afgerond", due=date(2025, 12, 31),
              explanation="Twee partners stelden hun vraag uit.")
    milestone(lines[2], title="Vijf vragen", due=date(2025, 6, 30), done=date(2025, 6, 1))
    milestone(lines[2], title="Later gehaald", due=date(2025, 3, 31), done=date(2025, 5, 1), explanation="Ziekte.")
    row = kpi(lines[3], name="Medewerkers bijgeschoold", targets={2024: 100, 2025: 250})
    actual(row, date(2024, 6, 1), 90)
    actual(row, date(2025, 6, 1), 110)
    return lines


def test_the_default_period_is_the_latest_grant_year_that_has_ended():
    grant = GrantFactory.build(start=date(2024, 4, 1), end=date(2027, 12, 31))
    assert grant_year_periods(grant)[0] == Period(date(2024, 4, 1), date(2025, 3, 31))
    assert grant_year_periods(grant)[-1] == Period(date(2027, 4, 1), date(2027, 12, 31))  # cut at the end
    assert default_period(grant, today=date(2026, 5, 1)) == Period(date(2025, 4, 1), date(2026, 3, 31))
    assert default_period(grant, today=date(2024, 6, 1)) == Period(date(2024, 4, 1), date(2025, 3, 31))


def test_a_milestone_stands_at_the_period_end():
    period = Period(date(2025, 1, 1), date(2025, 12, 31))
    due = date(2025, 12, 31)
    assert milestone_stand(milestone_row(due, None), period) == "gemist"  # due on the last day, period over
    assert milestone_stand(milestone_row(due, date(2026, 1, 5)), period) == "gemist"  # reached only afterwards
    assert milestone_stand(milestone_row(due, date(2025, 12, 1)), period) == "behaald"
    assert milestone_stand(milestone_row(date(2025, 3, 1), date(2025, 4, 1)), period) == "te_laat_behaald"
    later = Period(timezone.localdate(), timezone.localdate().replace(year=timezone.localdate().year + 1))
    assert milestone_stand(milestone_row(timezone.localdate(), None), later) == "open"  # due today, still running


def milestone_row(due, done):
    return Milestone(due_date=due, done_date=done)


def test_the_xlsx_has_four_sheets_with_numbers_as_numbers(centre, lines, programme_manager):
    response = client_for(programme_manager).get(url(centre, "xlsx"), YEAR_2025)
    assert response["Content-Disposition"] == (
        'attachment; filename="voortgangsrapport-civ-bio-sciences-test-2025-01-01-2025-12-31.xlsx"')
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Overzicht", "Activiteiten", "Mijlpalen", "KPIs"]
    sheet = {name: [row for row in book[name].iter_rows(values_only=True) if any(row)] for name in book.sheetnames}
    assert sheet["Overzicht"][0] == ("programmalijn", "naam", "activiteiten", "mijlpalen_behaald",
                                     "mijlpalen_gemist", "kpis", "kpis_achter")
    assert sheet["Overzicht"][1][2:] == (1, 0, 0, 0, 0)
    assert sheet["Overzicht"][2][2:] == (0, 2, 1, 0, 0)
    assert [row[1] for row in sheet["Activiteiten"][1:]] == ["Module GMP"]
    stands = {row[1]: (row[5], row[7]) for row in sheet["Mijlpalen"][1:]}
    assert stands == {"Later gehaald": ("te_laat_behaald", "Ziekte."), "Vijf vragen": ("behaald", None),
                      "Tien vragen afgerond": ("gemist", "Twee partners stelden hun vraag uit.")}
    [kpi_row] = sheet["KPIs"][1:]
    # At 31 December 2025: the whole 2025 target is due; 90 + 110 = 200 < 250 × 0.9.
    assert kpi_row[0] == 3 and kpi_row[5:10] == (250, 250, 200, 80, 1)


def test_the_pdf_has_a_cover_and_a_section_per_line(centre, lines, steering_member):
    response = client_for(steering_member).get(url(centre, "pdf"), YEAR_2025)
    assert response["Content-Type"] == "application/pdf"
    assert pdf_pages(response.content) >= 5  # cover, overview, three lines
    text = pdf_text(response.content)
    assert "CIV Bio Sciences (test)" in text
    assert "1 januari 2025 – 31 december 2025" in text
    assert "Module GMP" in text and "Twee partners stelden hun vraag uit." in text
    assert "Medewerkers bijgeschoold" in text


def test_dates_the_wrong_way_round_come_back_on_the_page(centre, lines, programme_manager):
    response = client_for(programme_manager).get(url(centre, "xlsx"), {"from": "2025-12-31", "to": "2025-01-01"})
    assert response.status_code == 400
    assert "The last day lies before the first day." in response.content.decode()


def test_the_page_offers_the_grant_years_and_defaults_to_the_latest_ended(centre, lines, programme_manager):
    response = client_for(programme_manager).get(url(centre))
    form = response.context["form"]
    assert form.is_valid()
    assert form.period() == default_period(centre.grants.get(), today=timezone.localdate())
    assert "?from=2024-01-01&amp;to=2024-12-31" in response.content.decode()


def test_the_reports_queries_do_not_grow_with_the_data(centre, partner_a, programme_manager):
    lines = programme(centre)
    client = client_for(programme_manager)
    target = url(centre, "xlsx") + "?from=2025-01-01&to=2025-12-31"
    fill(lines, partner_a, 2)
    small = count_queries(client, target)
    fill(lines, partner_a, 4)
    assert count_queries(client, target) == small
    assert len(build_report(centre, Period(date(2025, 1, 1), date(2025, 12, 31))).kpis.rows) == 18


def test_the_command_writes_the_report_and_refuses_bad_dates(centre, lines, tmp_path):
    output = tmp_path / "voortgang.xlsx"
    out = io.StringIO()
    call_command("progress_report", "--centre", centre.slug, "--from", "2025-01-01", "--to", "2025-12-31",
                 "--format", "xlsx", "--output", str(output), stdout=out)
    assert "2025-01-01 to 2025-12-31" in out.getvalue()
    assert openpyxl.load_workbook(output).sheetnames == ["Overzicht", "Activiteiten", "Mijlpalen", "KPIs"]
    with pytest.raises(CommandError, match="before the first day"):
        call_command("progress_report", "--centre", centre.slug, "--from", "2025-12-31", "--to", "2025-01-01",
                     "--format", "pdf", "--output", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="is not a date"):
        call_command("progress_report", "--centre", centre.slug, "--from", "31-12-2025", "--format", "pdf",
                     "--output", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()
