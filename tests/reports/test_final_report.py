"""The final report shows how the centre lives on: the part "Na de subsidie" (applications/report.py, registered in
reports/sections.py) in the PDF and the XLSX frozen when the final report is marked submitted; a progress report and
a grant that did not come from an application have none."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.utils import timezone

from civhub.applications.models import Application, Award
from civhub.applications.selectors import commitments
from civhub.applications.services.commitments import Signer, confirm_continuation, open_continuation_round
from civhub.grants.schedule import report_deadlines
from civhub.grants.services.reports import mark_report_submitted
from tests.applications.support import application, forecast, partner_cash
from tests.factories import GrantFactory
from tests.reports.support import money, pdf_text, records, workbook

pytestmark = pytest.mark.django_db
SIGNER = Signer(name="Anna de Vries", role="directeur", address="Laan 1\n6811 AA Arnhem")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """The frozen packs go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"


def read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


@pytest.fixture
def grant(centre):
    """A grant that ended (2021–2024): its final report is due; submitted today."""
    return GrantFactory(centre=centre, start=date(2021, 1, 1), end=date(2024, 12, 31), report_due_months=[12])


def award(made, grant, programme_manager):
    return Award.objects.create(application=made, grant=grant, decision_date=date(2020, 12, 1),
                                decision_reference="RIF-2020-17", amount_granted=D("300000.00"),
                                subsidy_asked=D("300000.00"), awarded_by=programme_manager,
                                awarded_at=made.updated_at)


@pytest.fixture
def awarded(centre, grant, partner_a, partner_b, programme_manager):
    """Awarded and asked: A brings 4,000 (2025) and 5,000 (2026) after the subsidy, B 2,500 (2025); the centre's
    own 9,000 (2025); costs 12,000 (2025) and 6,000 (2026). Totals: income 20,500, costs 18,000, left 2,500."""
    made = application(centre, status=Application.Status.AWARDED, start=date(2021, 1, 1), end=date(2024, 12, 31),
                       title="RIF-aanvraag 2020")
    partner_cash(made, partner_a, 2021, "5000.00")
    award(made, grant, programme_manager)
    open_continuation_round(application=made, actor=programme_manager)
    forecast(made, 2025, "4000.00", partnership=partner_a, description="Cursusgelden analisten")
    forecast(made, 2026, "5000.00", partnership=partner_a, description="Cursusgelden analisten")
    forecast(made, 2025, "2500.00", partnership=partner_b, description="Bijdrage gemeente")
    forecast(made, 2025, "9000.00", description="Deelnemersbijdragen")
    forecast(made, 2025, "12000.00", side="cost", description="Personeel")
    forecast(made, 2026, "6000.00", side="cost", description="Personeel")
    made.refresh_from_db()
    return made


def submit(grant, kind, actor):
    report = next(report for report in report_deadlines(grant) if report.kind == kind)
    return mark_report_submitted(grant=grant, due_date=report.due, kind=kind, actor=actor,
                                 submitted_on=timezone.localdate())


def confirm(made, partner, signatory):
    return confirm_continuation(application=made, partnership=partner, actor=signatory, signer=SIGNER,
                                shown_hash=commitments.continuation_table(made, partner).hash)


def test_the_final_report_shows_the_forecast_and_who_confirmed_after_the_subsidy(
        grant, awarded, partner_a, partner_b, partner_a_signatory, finance_controller):
    answer = confirm(awarded, partner_a, partner_a_signatory)
    submission = submit(grant, "final", finance_controller)
    text = pdf_text(read(submission.pdf))
    after = text[text.index("Na de subsidie"):]
    assert "RIF-aanvraag 2020" in after and "RIF-2020-17" in after
    # The forecast per year and its totals.
    assert "2025 EUR 15.500,00 EUR 12.000,00 EUR 3.500,00" in after
    assert "2026 EUR 5.000,00 EUR 6.000,00 EUR −1.000,00" in after
    assert "Totaal EUR 20.500,00 EUR 18.000,00 EUR 2.500,00" in after
    # Each partner: A confirmed by Anna de Vries, B not yet.
    assert "1 van de 2 partners" in after
    a_row = after[after.index(partner_a.organisation.name):]
    assert a_row.startswith(f"{partner_a.organisation.name} EUR 9.000,00 bevestigd Anna de Vries directeur")
    assert timezone.localtime(answer.answered_at).strftime("%d-%m-%Y") in a_row
    assert f"{partner_b.organisation.name} EUR 2.500,00 nog niet bevestigd" in after

    book = workbook(read(submission.xlsx))
    assert book.sheetnames[-3:] == ["Bijdragen", "Na de subsidie", "Toezeggingen na de subsidie"]
    forecast_rows = records(book, "Na de subsidie")
    assert [(row["Jaar"], money(row["Inkomsten"]), money(row["Kosten"]), money(row["Over"]))
            for row in forecast_rows] == [
        (2025, D("15500.00"), D("12000.00"), D("3500.00")), (2026, D("5000.00"), D("6000.00"), D("-1000.00")),
        (2027, D("0.00"), D("0.00"), D("0.00")), (2028, D("0.00"), D("0.00"), D("0.00")),
        ("Totaal", D("20500.00"), D("18000.00"), D("2500.00"))]
    rows = {row["Code"]: row for row in records(book, "Toezeggingen na de subsidie")}
    assert rows[partner_a.short_code]["Partner"] == partner_a.organisation.name
    assert money(rows[partner_a.short_code]["Bedrag na de subsidie"]) == D("9000.00")
    assert rows[partner_a.short_code]["Stand"] == "bevestigd"
    assert rows[partner_a.short_code]["Beantwoord door"] == "Anna de Vries"
    assert rows[partner_a.short_code]["SHA-256"] == answer.table_hash
    assert rows[partner_a.short_code]["Beantwoord op"] is not None
    assert rows[partner_b.short_code]["Stand"] == "nog niet bevestigd"
    assert rows[partner_b.short_code]["Beantwoord door"] is None


def test_a_void_confirmation_says_so_in_the_final_report(grant, awarded, partner_a, partner_a_signatory,
                                                         finance_controller):
    confirm(awarded, partner_a, partner_a_signatory)
    forecast(awarded, 2027, "100.00", partnership=partner_a)
    submission = submit(grant, "final", finance_controller)
    rows = {row["Code"]: row for row in records(workbook(read(submission.xlsx)), "Toezeggingen na de subsidie")}
    assert rows[partner_a.short_code]["Stand"].startswith("wijziging na bevestiging")
    assert "0 van de 2 partners" in pdf_text(read(submission.pdf))


def test_before_the_partners_are_asked_the_final_report_shows_the_forecast_only(
        centre, grant, partner_a, programme_manager, finance_controller):
    made = application(centre, status=Application.Status.AWARDED, start=date(2021, 1, 1), end=date(2024, 12, 31))
    award(made, grant, programme_manager)
    forecast(made, 2025, "1000.00", partnership=partner_a)
    submission = submit(grant, "final", finance_controller)
    text = pdf_text(read(submission.pdf))
    assert "Na de subsidie" in text and "nog niet gevraagd" in text
    assert workbook(read(submission.xlsx)).sheetnames[-2:] == ["Bijdragen", "Na de subsidie"]


def test_a_progress_report_has_no_part_after_the_subsidy(grant, awarded, finance_controller):
    submission = submit(grant, "progress", finance_controller)
    assert "Na de subsidie" not in pdf_text(read(submission.pdf))
    assert workbook(read(submission.xlsx)).sheetnames[-1] == "Bijdragen"


def test_a_grant_without_an_application_or_without_a_forecast_has_none(centre, grant, programme_manager,
                                                                      finance_controller):
    submission = submit(grant, "final", finance_controller)
    assert "Na de subsidie" not in pdf_text(read(submission.pdf))
    other = GrantFactory(centre=centre, start=date(2021, 2, 1), end=date(2024, 12, 31), report_due_months=[12])
    award(application(centre, status=Application.Status.AWARDED, title="Zonder prognose"), other,
          programme_manager)
    submission = submit(other, "final", finance_controller)
    assert workbook(read(submission.xlsx)).sheetnames[-1] == "Bijdragen"
