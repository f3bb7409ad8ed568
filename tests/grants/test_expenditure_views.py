"""The expenditure pages: the list with filters and totals, the form, the correction link, the web import."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from civhub.grants.models import Expenditure
from civhub.ledger.models import ImportBatch
from tests.grants.support import expenditure_csv, expenditure_row, grant_with_lines, spend
from tests.partners.factories import client_for, count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def grant(centre):
    return grant_with_lines(centre)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded files go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"


def url(name, centre, *args):
    return reverse(f"grants:{name}", args=[centre.slug, *args])


# The list ----------------------------------------------------------------------------------------------


def test_list_shows_the_entries_and_the_totals_per_category(grant, steering_member):
    spend(grant, amount="1000.00", category="personnel")
    spend(grant, amount="-250.00", category="personnel", description="Correctie")
    spend(grant, amount="400.00", category="material", day=date(2026, 2, 1))
    page = client_for(steering_member).get(url("expenditure", grant.centre)).content.decode()
    assert 'data-total="spent">EUR 1,150.00' in page
    assert 'data-total="personnel">EUR 750.00' in page
    assert 'data-total="material">EUR 400.00' in page
    assert "a mistake is corrected by a new entry with a negative amount" in page
    assert ">correction</span>" in page
    assert url("expenditure_new", grant.centre) not in page  # the steering group reads only


def test_list_filters_by_year_category_and_line(grant, programme_manager):
    spend(grant, amount="1000.00", category="personnel", line=1)
    spend(grant, amount="300.00", category="personnel", line=2)
    spend(grant, amount="400.00", category="personnel", line=1, day=date(2026, 2, 1))
    spend(grant, amount="50.00", category="lab", line=1)
    response = client_for(programme_manager).get(url("expenditure", grant.centre),
                                                 {"year": 2025, "category": "personnel", "line": 1})
    assert response.context["totals"].amount == Decimal("1000.00")
    assert [entry.amount for entry in response.context["page_obj"]] == [Decimal("1000.00")]
    assert "Totals for these filters" in response.content.decode()


def test_list_ignores_an_unknown_filter_value(grant, programme_manager):
    spend(grant)
    response = client_for(programme_manager).get(url("expenditure", grant.centre), {"year": "1999"})
    assert response.status_code == 200
    assert response.context["totals"].count == 1


def test_list_pages_by_fifty(grant, programme_manager):
    for number in range(51):
        spend(grant, amount="1.00", description=f"Post {number}")
    response = client_for(programme_manager).get(url("expenditure", grant.centre), {"page": 2})
    assert len(response.context["page_obj"]) == 1
    assert response.context["totals"].amount == Decimal("51.00")


def test_the_finance_controller_gets_a_correct_link_for_positive_entries(grant, finance_controller):
    entry = spend(grant, amount="1000.00")
    spend(grant, amount="-10.00")
    page = client_for(finance_controller).get(url("expenditure", grant.centre)).content.decode()
    assert page.count("?correct=") == 1
    assert f"?correct={entry.pk}" in page


def test_list_takes_the_same_queries_for_three_times_the_entries(grant, finance_controller):
    def add(count):
        for number in range(count):
            spend(grant, amount="10.00", category=("personnel", "lab")[number % 2], line=1 + number % 2)

    add(10)
    client = client_for(finance_controller)
    few = count_queries(client, url("expenditure", grant.centre))
    add(20)
    assert count_queries(client, url("expenditure", grant.centre)) == few


# The form ---------------------------------------------------------------------------------------------


def form_data(**fields):
    data = {"date": "2025-03-15", "category": "personnel", "programme_line": "", "amount": "4.250,00",
            "description": "Salaris programmamanager maart", "extern_id": ""}
    data.update(fields)
    return data


def test_recording_spending_saves_it_and_returns_to_the_list(grant, finance_controller):
    client = client_for(finance_controller)
    response = client.post(url("expenditure_new", grant.centre), form_data(), follow=True)
    assert response.redirect_chain[-1][0] == url("expenditure", grant.centre)
    assert "The expenditure of 15 March 2025 has been recorded." in response.content.decode()
    assert Expenditure.objects.get().amount == Decimal("4250.00")


@pytest.mark.parametrize(("fields", "message"), [
    ({"amount": "0"}, "The amount may not be zero"),
    ({"amount": "1,234"}, "At most 2 decimals."),
    ({"date": "2024-12-01"}, "The date lies outside the grant period"),
    ({"date": "2027-01-04"}, "The date lies in the future."),
    ({"description": ""}, "Describe the expenditure."),
    ({"category": "travel"}, "Select a valid choice"),
])
def test_refused_spending_says_why(grant, finance_controller, fields, message):
    response = client_for(finance_controller).post(url("expenditure_new", grant.centre), form_data(**fields))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Expenditure.objects.exists()


def test_correct_opens_the_form_with_the_amount_negated(grant, finance_controller):
    entry = spend(grant, amount="1234.56", category="lab", line=2, description="Labhuur maart")
    response = client_for(finance_controller).get(url("expenditure_new", grant.centre), {"correct": entry.pk})
    form = response.context["form"]
    assert form.initial["amount"] == Decimal("-1234.56")
    assert (form.initial["category"], form.initial["date"]) == ("lab", entry.date)
    assert form.initial["description"] == "Correction of “Labhuur maart” (15 March 2025)"
    assert "Correct an entry" in response.content.decode()


def test_correct_of_another_centres_entry_opens_an_empty_form(grant, finance_controller, other_centre):
    entry = spend(grant_with_lines(other_centre), amount="99.00")
    response = client_for(finance_controller).get(url("expenditure_new", grant.centre), {"correct": entry.pk})
    assert response.context["form"].initial == {}


# The web import ---------------------------------------------------------------------------------------------


def upload(client, centre, rows, name="bestedingen.csv"):
    file = SimpleUploadedFile(name, expenditure_csv(rows).getvalue(), content_type="text/csv")
    return client.post(url("expenditure_import", centre), {"file": file})


def test_upload_shows_a_preview_and_confirm_imports_everything(grant, finance_controller):
    client = client_for(finance_controller)
    response = upload(client, grant.centre, [expenditure_row("b-1"), expenditure_row("b-2", bedrag="-34,56")])
    batch = ImportBatch.objects.get()
    assert response["Location"] == url("expenditure_import_batch", grant.centre, batch.pk)
    page = client.get(response["Location"]).content.decode()
    assert "The file has 2 rows and no errors." in page
    assert "New rows: EUR 1,200.00 in total." in page
    assert "Confirm import" in page and "b-2" in page
    assert not Expenditure.objects.exists()
    response = client.post(url("expenditure_import_confirm", grant.centre, batch.pk), follow=True)
    assert "The file has been imported." in response.content.decode()
    assert "2 rows added (0 already present), EUR 1,200.00 in total." in response.content.decode()
    assert Expenditure.objects.filter(import_batch=batch).count() == 2
    batch.refresh_from_db()
    assert (batch.state, batch.created_rows) == (ImportBatch.State.DONE, 2)


def test_a_file_with_errors_shows_every_error_and_writes_nothing(grant, finance_controller):
    client = client_for(finance_controller)
    rows = [expenditure_row("b-1", bedrag="0"), expenditure_row("b-2"),
            expenditure_row("b-3", categorie="reizen", datum="31-02-2025")]
    response = upload(client, grant.centre, rows)
    page = client.get(response["Location"]).content.decode()
    assert "Nothing was written." in page and "The file has 3 errors." in page
    for text in ("The amount may not be zero", "Unknown cost category", "This date does not exist.",
                 "<code>reizen</code>", "<code>31-02-2025</code>"):
        assert text in page
    assert ImportBatch.objects.get().state == ImportBatch.State.REFUSED
    assert "Confirm import" not in page


def test_upload_without_file_says_so(grant, finance_controller):
    response = client_for(finance_controller).post(url("expenditure_import", grant.centre), {})
    assert response.status_code == 400
    assert "Choose the file to import." in response.content.decode()


def test_confirming_twice_imports_once(grant, finance_controller):
    client = client_for(finance_controller)
    upload(client, grant.centre, [expenditure_row("b-1")])
    batch = ImportBatch.objects.get()
    client.post(url("expenditure_import_confirm", grant.centre, batch.pk))
    response = client.post(url("expenditure_import_confirm", grant.centre, batch.pk), follow=True)
    assert "This file has already been imported" in response.content.decode()
    assert Expenditure.objects.count() == 1


def test_a_file_that_changed_meanwhile_is_refused_at_confirmation(grant, finance_controller):
    """Between the preview and the confirmation someone recorded the same extern_id with other content."""
    client = client_for(finance_controller)
    upload(client, grant.centre, [expenditure_row("b-1")])
    spend(grant, extern_id="b-1", amount="5.00")
    batch = ImportBatch.objects.get()
    response = client.post(url("expenditure_import_confirm", grant.centre, batch.pk), follow=True)
    assert "The file was refused when it was imported" in response.content.decode()
    assert "This extern_id is already recorded with other content." in response.content.decode()
    assert Expenditure.objects.count() == 1


def test_batch_page_takes_the_same_queries_for_more_rows(grant, finance_controller):
    client = client_for(finance_controller)
    upload(client, grant.centre, [expenditure_row(f"a-{n}") for n in range(5)])
    upload(client, grant.centre, [expenditure_row(f"b-{n}") for n in range(15)])
    few, many = ImportBatch.objects.order_by("pk")
    assert count_queries(client, url("expenditure_import_batch", grant.centre, few.pk)) == count_queries(
        client, url("expenditure_import_batch", grant.centre, many.pk))


def test_an_expenditure_import_is_not_offered_by_the_ledgers_import_pages(grant, finance_controller):
    """The ledger's confirmation would run the contributions importer on it; the grant's pages handle it."""
    client = client_for(finance_controller)
    upload(client, grant.centre, [expenditure_row("b-1")])
    batch = ImportBatch.objects.get()
    assert client.get(reverse("ledger:import_batch", args=[grant.centre.slug, batch.pk])).status_code == 404
    assert client.post(reverse("ledger:import_confirm", args=[grant.centre.slug, batch.pk])).status_code == 404
    assert "bestedingen.csv" not in client.get(reverse("ledger:import", args=[grant.centre.slug])).content.decode()


def test_the_finance_controller_downloads_the_spending_template_and_imports_it_filled(centre, finance_controller):
    grant_with_lines(centre)
    client = client_for(finance_controller)
    template_url = reverse("grants:expenditure_template", args=[centre.slug])
    assert template_url in client.get(reverse("grants:expenditure_import", args=[centre.slug])).content.decode()
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(template_url).content))
    assert [cell.value for cell in workbook.worksheets[0][1]] == ["extern_id", "datum", "categorie",
                                                                  "programmalijn", "bedrag", "omschrijving"]
    assert [sheet.max_row > 1 for sheet in workbook.worksheets[1:]] == [True, True, True]
    workbook.worksheets[0].append(["s-1", "2025-03-15", workbook.worksheets[2]["A2"].value, 1, 1234.56, "Salaris"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    posted = client.post(reverse("grants:expenditure_import", args=[centre.slug]),
                         {"file": SimpleUploadedFile("bestedingen.xlsx", buffer.getvalue())})
    batch = ImportBatch.objects.get(pk=int(posted["Location"].rstrip("/").split("/")[-1]))
    assert batch.state == ImportBatch.State.PREVIEW and not batch.errors
