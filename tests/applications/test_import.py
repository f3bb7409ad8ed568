"""The budget import (docs/formats.md §11): a good file replaces every line in one transaction, audited; a bad
file is refused whole, every bad row and column named, and nothing changes; the blank file to fill in."""

import io
from decimal import Decimal as D

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from civhub.applications.errors import ApplicationError
from civhub.applications.models import Application, BudgetLine
from civhub.applications.services.imports import BudgetImportError, check_budget_file, import_budget
from civhub.core.models import AuditEvent
from tests.applications.support import application, subsidy
from tests.partners.factories import client_for

pytestmark = pytest.mark.django_db

HEADER = "kant;jaar;bron;vorm;categorie;programmalijn;omschrijving;volume;eenheid;prijs;bedrag\n"


def good(partner_a, partner_b) -> str:
    return HEADER + "\n".join([
        "inkomsten;2022;subsidie;;;;Subsidie RIF;1;;300.000,00;300000",
        f"inkomsten;2022;{partner_a.short_code};in natura;uren;;Analisten begeleiden studenten;1000;uur;73,00;",
        f"inkomsten;2023;{partner_a.organisation.name};in natura;lab;;Gebruik lab;1;;377.000,00;",
        f"Inkomsten;2023;{partner_b.short_code};geld;;;Bijdrage gemeente;2;jaar;75000;150000,00",
        "kosten;2022;;;uren;;Programmamanager;2000;uur;73;",
        "kosten;2023;;;overhead;;Indirecte kosten;1;;304.000,00;",
        "",
    ])


def import_text(made, actor, text, name="begroting.csv"):
    return import_budget(application=made, actor=actor, file_name=name, content=text.encode())


def test_a_good_file_replaces_the_budget_and_is_audited(centre, finance_controller, partner_a, partner_b):
    made = application(centre)
    subsidy(made, 2024, "1.00", description="Oude regel")
    assert import_text(made, finance_controller, good(partner_a, partner_b)) == 6
    lines = list(BudgetLine.objects.order_by("pk"))
    assert [line.description for line in lines][:2] == ["Subsidie RIF", "Analisten begeleiden studenten"]
    assert not BudgetLine.objects.filter(description="Oude regel").exists()
    hours = lines[1]
    assert (hours.partnership, hours.form, hours.category, hours.volume, hours.amount) == (
        partner_a, "in_kind", "hours", D("1000"), D("73000.00"))
    assert lines[2].partnership == partner_a  # named by the organisation's exact name
    assert sum(line.amount for line in lines if line.side == "income") == D("900000.00")
    assert sum(line.amount for line in lines if line.side == "cost") == D("450000.00")
    [event] = AuditEvent.objects.filter(action="application_budget_imported")
    assert event.actor == finance_controller
    assert event.changes == {"file": "begroting.csv", "lines": 6, "replaced_lines": 1, "income": "900000.00",
                             "costs": "450000.00"}
    assert hours.history.get().history_user == finance_controller


def test_importing_the_same_file_twice_gives_the_same_budget(centre, programme_manager, partner_a, partner_b):
    made = application(centre)
    import_text(made, programme_manager, good(partner_a, partner_b))
    first = list(BudgetLine.objects.values_list("year", "side", "description", "amount").order_by("pk"))
    import_text(made, programme_manager, good(partner_a, partner_b))
    assert list(BudgetLine.objects.values_list("year", "side", "description", "amount").order_by("pk")) == first


def test_a_bad_file_is_refused_whole_with_every_row_and_column_named(centre, programme_manager, partner_a,
                                                                       other_partner):
    made = application(centre)
    kept = subsidy(made, 2022, "300000.00")
    text = HEADER + "\n".join([
        "inkomsten;2022;subsidie;;;;Subsidie RIF;1;;300000;",                         # row 2: right
        f"inkomsten;2030;{partner_a.short_code};in natura;uren;;Analist;100;uur;80;",  # row 3: year, price
        f"inkomsten;2022;{other_partner.short_code};geld;;;Elders;1;;100;",         # row 4: not our partner
        "kosten;2022;subsidie;;overig;;Laptops;2;stuk;500;999",                      # row 5: source, amount
        "uitgaven;2022;;;overig;;Iets;1;;1;",                                        # row 6: side
        "kosten;2022;;;bpv;9;Begeleiding;1;;1;",                                     # row 7: category, line
        "inkomsten;2023;subsidie;in natura;;;Subsidie;1,234;;1;",                    # row 8: form, volume
        "",
    ])
    with pytest.raises(BudgetImportError) as refused:
        import_text(made, programme_manager, text)
    found = {(error.row, error.column) for error in refused.value.report.errors}
    assert found == {(3, "jaar"), (3, "prijs"), (4, "bron"), (5, "bron"), (5, "bedrag"), (6, "kant"),
                     (7, "categorie"), (7, "programmalijn"), (8, "vorm"), (8, "volume")}
    messages = {(error.row, error.column): error.message for error in refused.value.report.errors}
    assert messages[(3, "jaar")] == "2030 lies outside the application's period (2022–2025)."
    assert messages[(3, "prijs")] == ("Staff hours are valued at the round's rate of EUR 73.00 an hour, not at "
                                      "EUR 80.00.")
    assert messages[(4, "bron")] == "The centre has no partner of this code or name (sheet Partners)."
    assert messages[(8, "vorm")] == "The subsidy is paid in cash."
    assert str(refused.value) == "The file has 10 errors; nothing was written."
    assert list(BudgetLine.objects.all()) == [kept]
    assert not AuditEvent.objects.exists()


def test_the_amount_column_checks_volume_times_price(centre, programme_manager):
    made = application(centre)
    text = HEADER + "kosten;2022;;;overig;;Laptops;2;stuk;500;999\n"
    report = check_budget_file(application=made, file_name="b.csv", content=text.encode())
    [error] = report.errors
    assert (error.row, error.column, error.value, error.message) == (
        2, "bedrag", "999", "Volume × price is EUR 1,000.00, not EUR 999.00.")


def test_a_file_without_a_needed_column_is_refused(centre, programme_manager):
    made = application(centre)
    report = check_budget_file(application=made, file_name="b.csv", content=b"kant;jaar;omschrijving\nkosten;2022;x\n")
    [error] = report.errors
    assert error.row == 0 and "volume" in error.message and "prijs / price" in error.message


def test_an_xlsx_with_the_english_names_imports_too(centre, programme_manager, partner_a):
    made = application(centre)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["side", "year", "source", "form", "category", "description", "volume", "price"])
    sheet.append(["income", 2022, "Subsidy", None, None, "RIF", 1, 250000])
    sheet.append(["income", 2025, partner_a.short_code, "in kind", "staff hours", "Hours", 10.5, 73])
    sheet.append(["cost", 2025, None, None, "materials", "Chemicals", 3, 0.1])
    content = io.BytesIO()
    workbook.save(content)
    assert import_budget(application=made, actor=programme_manager, file_name="b.xlsx",
                         content=content.getvalue()) == 3
    assert list(BudgetLine.objects.order_by("pk").values_list("category", "amount")) == [
        ("", D("250000.00")), ("hours", D("766.50")), ("materials", D("0.30"))]


def test_a_submitted_application_takes_no_import(centre, programme_manager, partner_a, partner_b):
    made = application(centre, status=Application.Status.SUBMITTED)
    with pytest.raises(ApplicationError, match="only a draft can be changed"):
        import_text(made, programme_manager, good(partner_a, partner_b))
    assert not BudgetLine.objects.exists()


def test_a_steering_member_cannot_import(centre, steering_member, partner_a, partner_b):
    with pytest.raises(ApplicationError, match="Only the programme office"):
        import_text(application(centre), steering_member, good(partner_a, partner_b))


# The page ---------------------------------------------------------------------------------------------------


def url(name, made):
    return reverse(f"applications:{name}", args=[made.centre.slug, made.pk])


def upload(text):
    return SimpleUploadedFile("begroting.csv", text.encode(), content_type="text/csv")


def test_checking_shows_the_lines_and_importing_needs_no_second_upload(centre, programme_manager, partner_a,
                                                                       partner_b):
    made = application(centre)
    client = client_for(programme_manager)
    checked = client.post(url("budget_import", made), {"action": "check", "file": upload(good(partner_a, partner_b))})
    assert checked.status_code == 200 and not BudgetLine.objects.exists()
    html = checked.content.decode()
    assert "Analisten begeleiden studenten" in html and "Replace the budget by 6 lines" in html
    assert "Income in the file: EUR 900,000.00; costs: EUR 450,000.00." in html
    carried = checked.context["form"]
    imported = client.post(url("budget_import", made), {"action": "import", "checked": carried["checked"].value(),
                                                        "checked_name": "begroting.csv"})
    assert imported.status_code == 302 and imported["Location"] == url("budget", made) + "#lines"
    assert BudgetLine.objects.count() == 6


def test_a_bad_file_on_the_page_shows_every_error_and_changes_nothing(centre, programme_manager):
    made = application(centre)
    kept = subsidy(made, 2022, "300000.00")
    text = HEADER + "kosten;2030;;;overig;;Laptops;2;stuk;500;\nuitgaven;2022;;;overig;;Iets;1;;1;\n"
    for action in ("check", "import"):
        response = client_for(programme_manager).post(url("budget_import", made), {"action": action,
                                                                                    "file": upload(text)})
        html = response.content.decode()
        assert response.status_code == 400
        assert "begroting.csv has 2 errors; nothing was written." in html
        assert "2030 lies outside the application" in html and "uitgaven" in html
    assert list(BudgetLine.objects.all()) == [kept]


def test_the_blank_file_has_the_header_and_the_partners(centre, programme_manager, partner_a):
    made = application(centre)
    response = client_for(programme_manager).get(reverse("applications:budget_template",
                                                         args=[centre.slug, made.pk]))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)
                                                if response.streaming else response.content))
    assert workbook.sheetnames[0] == "begroting"
    assert [cell.value for cell in workbook["begroting"][1]] == [
        "kant", "jaar", "bron", "vorm", "categorie", "programmalijn", "omschrijving", "volume", "eenheid", "prijs",
        "bedrag"]
    partners = [row for row in workbook[workbook.sheetnames[2]].iter_rows(values_only=True)]
    assert any(partner_a.short_code in row for row in partners)
