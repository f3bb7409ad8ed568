"""The web import and the export: preview with every error before anything is written, confirm writes
all rows, the progress fragment, and an export that shows what the summary shows."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from civhub.ledger.models import Contribution, ImportBatch, RateCard, StatusEvent
from civhub.ledger.selectors.office import partner_summary
from civhub.ledger.services import import_batches
from tests.core.test_uploads import SHARED_STRINGS, rezipped, shared_strings, workbook
from tests.ledger.office_support import contribution, grant_for, rate_card
from tests.partners.factories import client_for

pytestmark = pytest.mark.django_db

Status, State = Contribution.Status, ImportBatch.State
HEADER = "extern_id;partner;datum;soort;programmalijn;categorie;uren;bedrag;omschrijving"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()


@pytest.fixture
def ledger(centre, partner_a, partner_b):
    """A grant valued with rate cards; partner A has an analyst rate of EUR 85."""
    grant_for(centre)
    rate_card(partner_a, category="analyst", rate="85.00", valid_from=datetime.date(2025, 1, 1))
    return centre


def csv_file(*lines: str, name="bijdragen.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("\n".join([HEADER, *lines]) + "\n").encode(), content_type="text/csv")


GOOD = [
    "a-1;partner-a;2025-03-03;lab;;analyst;7,5;;Labdag met studenten",
    "a-2;partner-a;04-03-2025;education;;;;1.250,00;Lesmateriaal",
    "a-3;Partner A BV;2025-03-05;research;;analyst;2;;Onderzoek",
]
BAD = [
    "b-1;partner-a;2025-03-03;lab;;analyst;0;;Nul uren",              # row 2: hours 0
    "b-2;partner-a;2025-03-03;lab;;analyst;25;;Te veel",              # row 3: hours over 24
    "b-3;partner-a;2025-03-03;lab;;;;;Niets",                         # row 4: neither hours nor amount
    "b-4;partner-a;2099-01-01;lab;;;;10;Toekomst",                    # row 5: a date in the future
    "b-5;partner-b;2025-03-03;lab;;;;10;Van een ander",               # row 6: another partner
    "b-6;partner-a;2025-03-03;gifts;;;;10;Onbekende soort",           # row 7: unknown kind
    "b-7;partner-a;2025-03-03;lab;;analyst;abc;;Geen getal",          # row 8: not a number
]


def upload(client, centre, file, **data):
    return client.post(reverse("ledger:import", args=[centre.slug]), {"file": file, **data})


def batch_url(centre, pk, name="import_batch"):
    return reverse(f"ledger:{name}", args=[centre.slug, pk])


# Preview: every error, nothing written ----------------------------------------------------------


def test_the_preview_lists_every_bad_row_and_writes_nothing(ledger, partner_a_contact):
    client = client_for(partner_a_contact)
    response = upload(client, ledger, csv_file(GOOD[0], *BAD))
    batch = ImportBatch.objects.get()
    assert response["Location"] == batch_url(ledger, batch.pk)
    assert batch.state == State.REFUSED and not batch.upload
    assert {error["row"] for error in batch.errors} == {3, 4, 5, 6, 7, 8, 9}  # header = row 1, GOOD[0] = row 2
    page = client.get(response["Location"])
    assert page.status_code == 200
    text = page.content.decode()
    assert "Nothing was written." in text and "The file has 7 errors." in text
    for error in batch.errors:
        assert f'<th scope="row" class="num">{error["row"]}</th>' in text
    assert "Unknown partner" in text and "<code>partner-b</code>" in text
    assert "Confirm import" not in text
    assert not Contribution.objects.exists() and not StatusEvent.objects.exists()


def test_a_clean_file_is_previewed_with_its_values_and_nothing_is_written(ledger, partner_a_contact):
    client = client_for(partner_a_contact)
    response = upload(client, ledger, csv_file(*GOOD))
    batch = ImportBatch.objects.get()
    assert batch.state == State.PREVIEW and batch.partnership.short_code == "partner-a" and batch.upload
    assert (batch.total_rows, batch.total_hours, batch.total_amount) == (3, Decimal("9.50"), Decimal("2057.50"))
    page = client.get(response["Location"])
    text = page.content.decode()
    assert [row["amount"] for row in page.context["preview"]] == [Decimal("637.50"), Decimal("1250.00"),
                                                                   Decimal("170.00")]
    assert "EUR 637.50" in text and "EUR 2,057.50" in text and "Nothing has been written yet." in text
    assert "Confirm import" in text
    assert 'hx-trigger="submit from:#confirm-form delay:500ms"' in text
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>' in text
    assert not Contribution.objects.exists()


def test_the_preview_survives_an_emptied_cache(ledger, partner_a_contact):
    client = client_for(partner_a_contact)
    location = upload(client, ledger, csv_file(*GOOD))["Location"]
    cache.clear()
    assert len(client.get(location).context["preview"]) == 3


def test_a_file_that_is_not_csv_or_xlsx_is_refused(ledger, partner_a_contact):
    pdf = SimpleUploadedFile("uren.pdf", b"%PDF-1.4 not a spreadsheet", content_type="application/pdf")
    upload(client_for(partner_a_contact), ledger, pdf)
    batch = ImportBatch.objects.get()
    assert batch.state == State.REFUSED
    assert batch.errors[0]["row"] == 0 and "not a CSV or XLSX file" in batch.errors[0]["message"]


def test_an_empty_or_too_large_upload_is_refused_by_the_form(ledger, partner_a_contact, monkeypatch):
    client = client_for(partner_a_contact)
    empty = upload(client, ledger, SimpleUploadedFile("leeg.csv", b""))
    assert empty.status_code == 400 and "The file is empty." in empty.content.decode()
    monkeypatch.setattr("civhub.ledger.forms.imports.MAX_UPLOAD_BYTES", 10)
    large = upload(client, ledger, csv_file(*GOOD))
    assert large.status_code == 400 and "Split it into smaller files." in large.content.decode()
    assert not ImportBatch.objects.exists()


def test_partner_b_cannot_see_partner_as_preview(ledger, partner_a_contact, partner_b_contact):
    location = upload(client_for(partner_a_contact), ledger, csv_file(*GOOD))["Location"]
    client = client_for(partner_b_contact)
    assert client.get(location).status_code == 404
    pk = ImportBatch.objects.get().pk
    assert client.get(batch_url(ledger, pk, "import_progress")).status_code == 404
    assert client.post(batch_url(ledger, pk, "import_confirm")).status_code == 404
    assert not Contribution.objects.exists()


# Confirm: every row written, once ---------------------------------------------------------------


def test_confirming_writes_every_row_as_submitted(ledger, partner_a, partner_a_contact):
    client = client_for(partner_a_contact)
    upload(client, ledger, csv_file(*GOOD))
    preview = ImportBatch.objects.get()
    response = client.post(batch_url(ledger, preview.pk, "import_confirm"), follow=True)
    final = ImportBatch.objects.get()  # the import's own record; the preview made way for it
    assert final.pk != preview.pk and final.state == State.DONE and final.upload.name == preview.upload.name
    assert response.redirect_chain[-1][0] == batch_url(ledger, final.pk)
    assert "The file has been imported." in [str(message) for message in response.context["messages"]]
    assert "3 rows added (0 already present)" in response.content.decode()
    entries = Contribution.objects.order_by("extern_id")
    assert [(e.extern_id, e.status, e.amount, e.partnership_id, e.import_batch_id) for e in entries] == [
        ("a-1", Status.SUBMITTED, Decimal("637.50"), partner_a.pk, final.pk),
        ("a-2", Status.SUBMITTED, Decimal("1250.00"), partner_a.pk, final.pk),
        ("a-3", Status.SUBMITTED, Decimal("170.00"), partner_a.pk, final.pk),
    ]
    assert all(entry.entered_by == partner_a_contact for entry in entries)
    # The old preview address still leads to the outcome.
    assert client.get(batch_url(ledger, preview.pk))["Location"] == batch_url(ledger, final.pk)


def test_a_second_confirmation_writes_nothing_more(ledger, partner_a_contact):
    client = client_for(partner_a_contact)
    upload(client, ledger, csv_file(*GOOD))
    preview = ImportBatch.objects.get()
    ImportBatch.objects.filter(pk=preview.pk).update(state=State.RUNNING)  # someone else's click got there first
    response = client.post(batch_url(ledger, preview.pk, "import_confirm"), follow=True)
    assert any("already been imported" in str(message) for message in response.context["messages"])
    assert not Contribution.objects.exists()


def test_only_the_uploader_confirms(ledger, partner_a_contact, partner_a_signatory):
    upload(client_for(partner_a_contact), ledger, csv_file(*GOOD))
    preview = ImportBatch.objects.get()
    signatory = client_for(partner_a_signatory)
    assert "Confirm import" not in signatory.get(batch_url(ledger, preview.pk)).content.decode()
    response = signatory.post(batch_url(ledger, preview.pk, "import_confirm"), follow=True)
    assert any("Only the person who uploaded" in str(message) for message in response.context["messages"])
    assert not Contribution.objects.exists()


def test_a_period_closed_between_preview_and_confirmation_refuses_the_whole_file(ledger, partner_a_contact,
                                                                                  finance_controller):
    from civhub.ledger.services.periods import close_period

    client = client_for(partner_a_contact)
    upload(client, ledger, csv_file(*GOOD))
    preview = ImportBatch.objects.get()
    close_period(centre=ledger, actor=finance_controller, span="quarter", year=2025, quarter=1)
    response = client.post(batch_url(ledger, preview.pk, "import_confirm"), follow=True)
    final = ImportBatch.objects.exclude(pk=preview.pk).get()
    assert final.state == State.REFUSED and len(final.errors) == 3
    assert "is closed" in response.content.decode()
    assert not Contribution.objects.exists()


def test_the_office_imports_for_several_partners(ledger, partner_a, partner_b, programme_manager):
    client = client_for(programme_manager)
    upload(client, ledger, csv_file(GOOD[1], "b-1;partner-b;2025-03-03;lab;;;;99,95;Van B"))
    preview = ImportBatch.objects.get()
    assert preview.partnership is None
    client.post(batch_url(ledger, preview.pk, "import_confirm"))
    assert set(Contribution.objects.values_list("partnership__short_code", flat=True)) == {"partner-a", "partner-b"}


def test_only_the_finance_controller_imports_as_accepted(ledger, finance_controller, programme_manager):
    assert "as_accepted" not in client_for(programme_manager).get(
        reverse("ledger:import", args=[ledger.slug])).context["form"].fields
    client = client_for(finance_controller)
    assert "Import as accepted" in client.get(reverse("ledger:import", args=[ledger.slug])).content.decode()
    refused = upload(client, ledger, csv_file(*GOOD), as_accepted="on")
    assert refused.status_code == 400 and "a migration is only accepted with a reference" in refused.content.decode()
    assert not ImportBatch.objects.exists()
    upload(client, ledger, csv_file(*GOOD), as_accepted="on", reference="Getekende verklaringen 2025")
    preview = ImportBatch.objects.get()
    assert preview.as_accepted and preview.reference == "Getekende verklaringen 2025"
    client.post(batch_url(ledger, preview.pk, "import_confirm"))
    entries = Contribution.objects.order_by("chain_index")
    assert [entry.status for entry in entries] == [Status.ACCEPTED] * 3
    assert [entry.chain_index for entry in entries] == [1, 2, 3]
    assert {(entry.provenance, entry.migration_reference) for entry in entries} == {
        ("migrated", "Getekende verklaringen 2025")}
    assert [entry.accepted_on for entry in entries] == [entry.date for entry in entries]
    assert ImportBatch.objects.get().as_accepted


def test_a_partner_with_two_organisations_chooses_one(ledger, partner_a, partner_b, partner_a_contact):
    from civhub.accounts.models import Membership, Role

    Membership.objects.create(user=partner_a_contact, centre=ledger, partnership=partner_b,
                              role=Role.PARTNER_CONTACT)
    client = client_for(partner_a_contact)
    assert "partnership" in client.get(reverse("ledger:import", args=[ledger.slug])).context["form"].fields
    upload(client, ledger, csv_file("b-1;partner-b;2025-03-03;lab;;;;10;Van B"), partnership="partner-b")
    assert ImportBatch.objects.get().partnership == partner_b


def test_an_xlsx_file_is_imported_too(ledger, partner_a_contact):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(";"))
    sheet.append(["x-1", "partner-a", datetime.date(2025, 4, 1), "lab", None, "analyst", 4, None, "Excel"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client = client_for(partner_a_contact)
    upload(client, ledger, SimpleUploadedFile("uren.xlsx", buffer.getvalue()))
    preview = ImportBatch.objects.get()
    assert preview.state == State.PREVIEW
    client.post(batch_url(ledger, preview.pk, "import_confirm"))
    assert Contribution.objects.get().amount == Decimal("340.00")


def test_rate_cards_are_imported_through_the_web(ledger, partner_a, programme_manager):
    client = client_for(programme_manager)
    file = SimpleUploadedFile("tarieven.csv", b"partner;categorie;uurtarief;geldig_vanaf\n"
                                              b"partner-a;engineer;92,50;2025-01-01\n"
                                              b"partner-a;analyst;90;2026-01-01\n")
    response = client.post(reverse("ledger:rates_import", args=[ledger.slug]), {"file": file})
    preview = ImportBatch.objects.get()
    assert preview.kind == ImportBatch.Kind.RATES and preview.state == State.PREVIEW
    assert "EUR 92.50" in client.get(response["Location"]).content.decode()
    assert RateCard.objects.count() == 1  # nothing written yet
    client.post(batch_url(ledger, preview.pk, "import_confirm"))
    assert set(RateCard.objects.values_list("category", "hourly_rate")) == {
        ("analyst", Decimal("85.00")), ("engineer", Decimal("92.50")), ("analyst", Decimal("90.00"))}


# Progress ---------------------------------------------------------------------------------------


def running_batch(centre, actor, partnership, total=5000):
    return ImportBatch.objects.create(centre=centre, partnership=partnership, kind=ImportBatch.Kind.CONTRIBUTIONS,
                                      state=State.RUNNING, file_name="groot.csv", actor=actor, total_rows=total)


def test_the_progress_fragment_shows_rows_done_and_keeps_polling(ledger, partner_a, partner_a_contact):
    batch = running_batch(ledger, partner_a_contact, partner_a)
    progress = import_batches._Recorder(batch.pk, batch.total_rows)
    progress(2000, 5000)   # each row is checked and written in one pass
    client = client_for(partner_a_contact)
    url = batch_url(ledger, batch.pk, "import_progress")
    response = client.get(url + "?then=reload", headers={"HX-Request": "true"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Rows checked and written: 2,000 of about 5,000." in text
    assert '<progress class="progress" max="5000" value="2000">40%</progress>' in text
    assert 'hx-trigger="load delay:1s"' in text and f'hx-get="{url}?then=reload"' in text
    assert "<html" not in text  # a fragment, not a page


def test_a_page_opened_while_importing_polls_the_progress(ledger, partner_a, partner_a_contact):
    batch = running_batch(ledger, partner_a_contact, partner_a)
    text = client_for(partner_a_contact).get(batch_url(ledger, batch.pk)).content.decode()
    assert "Rows checked and written: 0 of about 5,000." in text
    assert f'hx-get="{batch_url(ledger, batch.pk, "import_progress")}?then=reload"' in text


def test_when_the_import_is_over_the_fragment_reloads_or_links_to_the_outcome(ledger, partner_a, partner_a_contact):
    batch = running_batch(ledger, partner_a_contact, partner_a)
    ImportBatch.objects.filter(pk=batch.pk).update(state=State.DONE, processed_rows=5000)
    client, url = client_for(partner_a_contact), batch_url(ledger, batch.pk, "import_progress")
    reload = client.get(url + "?then=reload", headers={"HX-Request": "true"})
    assert reload.status_code == 204 and reload["HX-Redirect"] == batch_url(ledger, batch.pk)
    link = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "The import is over." in link and f'href="{batch_url(ledger, batch.pk)}"' in link


def test_the_whole_flow_records_progress_on_the_way(ledger, partner_a_contact, monkeypatch):
    """A file larger than the importer's progress step reports while it is checked and written."""
    seen = []
    monkeypatch.setattr(import_batches, "record_progress",
                        lambda pk, **values: seen.append(values["done"]))
    monkeypatch.setattr("civhub.ledger.imports.contributions.PROGRESS_EVERY", 2)
    client = client_for(partner_a_contact)
    upload(client, ledger, csv_file(*[f"p-{n};partner-a;2025-03-03;lab;;;;{n + 1};Rij {n}" for n in range(6)]))
    client.post(batch_url(ledger, ImportBatch.objects.get().pk, "import_confirm"))
    assert Contribution.objects.count() == 6
    assert seen == sorted(seen) and len(seen) >= 3  # ever higher, several times on the way


# The export -------------------------------------------------------------------------------------


def export(client, centre, fmt="csv", **params):
    response = client.get(reverse("ledger:export", args=[centre.slug, fmt]), params)
    assert response.status_code == 200
    return response


def csv_rows(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


@pytest.fixture
def entries(ledger, partner_a, partner_b):
    contribution(partner_a, amount="1000.00", extern_id="a-acc")
    contribution(partner_a, amount="250.25", status=Status.SUBMITTED, extern_id="a-sub")
    contribution(partner_a, amount="80.00", status=Status.APPROVED, extern_id="a-app", hours="1",
                 category="analyst")
    original = contribution(partner_a, amount="40.00", status=Status.REVERSED, extern_id="a-rev")
    contribution(partner_a, amount="-40.00", reversal_of=original)
    contribution(partner_b, amount="5000.00", extern_id="b-acc")
    return ledger


def test_the_export_has_the_formats_columns_and_the_partners_own_rows(entries, partner_a_contact):
    rows = csv_rows(export(client_for(partner_a_contact), entries))
    assert list(rows[0]) == ["extern_id", "partner", "datum", "soort", "programmalijn", "categorie", "uren",
                             "uurtarief", "bedrag", "status"]
    assert {row["partner"] for row in rows} == {"partner-a"} and len(rows) == 5
    approved = next(row for row in rows if row["extern_id"] == "a-app")
    assert (approved["datum"], approved["uren"], approved["uurtarief"], approved["bedrag"]) == (
        "2025-03-01", "1.00", "80.00", "80.00")


def test_the_export_matches_the_summary(entries, partner_a, partner_a_contact):
    """Summing the export's rows per status gives the summary page's totals."""
    rows = csv_rows(export(client_for(partner_a_contact), entries))
    by_status = {}
    for row in rows:
        by_status[row["status"]] = by_status.get(row["status"], Decimal("0")) + Decimal(row["bedrag"])
    total = partner_summary(partner_a).total
    assert by_status.get("submitted") == total.submitted == Decimal("250.25")
    assert by_status.get("approved") == total.approved == Decimal("80.00")
    assert by_status["accepted"] + by_status["reversed"] == total.accepted == Decimal("1000.00")


def test_the_office_exports_everything_or_one_partner(entries, programme_manager):
    client = client_for(programme_manager)
    assert len(csv_rows(export(client, entries))) == 6
    assert {row["extern_id"] for row in csv_rows(export(client, entries, partner="partner-b"))} == {"b-acc"}


def test_a_partner_cannot_export_another_partner(entries, partner_a_contact):
    url = reverse("ledger:export", args=[entries.slug, "csv"])
    assert client_for(partner_a_contact).get(url, {"partner": "partner-b"}).status_code == 404


def test_the_xlsx_export_holds_the_same_rows(entries, partner_a_contact):
    response = export(client_for(partner_a_contact), entries, "xlsx")
    assert response["Content-Disposition"].startswith('attachment; filename="bijdragen-')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "extern_id" and len(values) == 6
    assert sum(Decimal(str(row[8])) for row in values[1:] if row[9] in ("accepted", "reversed")) == Decimal("1000")


def test_the_confirmation_sent_by_htmx_answers_with_the_outcomes_address(ledger, partner_a_contact):
    client = client_for(partner_a_contact)
    upload(client, ledger, csv_file(*GOOD))
    preview = ImportBatch.objects.get()
    response = client.post(batch_url(ledger, preview.pk, "import_confirm"), headers={"HX-Request": "true"})
    final = ImportBatch.objects.get()
    assert response.status_code == 204 and response["HX-Redirect"] == batch_url(ledger, final.pk)
    assert Contribution.objects.count() == 3


# Templates (docs/formats.md §2, §3) ------------------------------------------------------------------------------


def filled_template(content: bytes, *rows) -> SimpleUploadedFile:
    """The downloaded blank with rows added under its header, saved as a user would."""
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    for cells in rows:
        workbook.worksheets[0].append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("bijdragen.xlsx", buffer.getvalue())


def test_a_partner_downloads_the_contributions_template_fills_it_with_a_short_kind_name_and_imports_it(
        ledger, partner_a_contact):
    client = client_for(partner_a_contact)
    client.cookies["django_language"] = "nl"
    page = client.get(reverse("ledger:import", args=[ledger.slug])).content.decode()
    template_url = reverse("ledger:import_template", args=[ledger.slug])
    assert template_url in page
    response = client.get(template_url)
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.xlsx"')
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    blank, explained, kinds, partners = workbook.worksheets
    assert [cell.value for cell in blank[1]] == ["extern_id", "partner", "datum", "soort", "programmalijn",
                                                 "categorie", "uren", "bedrag", "omschrijving", "geaccepteerd_op"]
    assert blank.max_row == 1 and explained.max_row == 11
    assert ["Onderzoek", "research"] == [cell.value for cell in kinds[3]][:2]
    assert [[cell.value for cell in row] for row in partners.iter_rows(min_row=2)] == [["partner-a", "Partner A BV"]]
    filled = filled_template(response.content,
                             ["t-1", "partner-a", "2025-03-03", "Onderzoek", None, "analyst", 2, None, "Analyse"])
    batch = ImportBatch.objects.get(pk=int(upload(client, ledger, filled)["Location"].rstrip("/").split("/")[-1]))
    assert batch.state == ImportBatch.State.PREVIEW and not batch.errors


def test_the_office_downloads_the_rate_card_template_and_imports_it_filled(ledger, finance_controller):
    client = client_for(finance_controller)
    assert reverse("ledger:rates_template", args=[ledger.slug]) in client.get(
        reverse("ledger:rates_import", args=[ledger.slug])).content.decode()
    response = client.get(reverse("ledger:rates_template", args=[ledger.slug]))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [cell.value for cell in workbook.worksheets[0][1]] == ["partner", "categorie", "uurtarief", "geldig_vanaf"]
    assert {row[0].value for row in workbook.worksheets[2].iter_rows(min_row=2)} == {"partner-a", "partner-b"}
    filled = filled_template(response.content, ["partner-b", "advisor", 70, "2025-01-01"])
    posted = client.post(reverse("ledger:rates_import", args=[ledger.slug]), {"file": filled})
    batch = ImportBatch.objects.get(pk=int(posted["Location"].rstrip("/").split("/")[-1]))
    assert batch.state == ImportBatch.State.PREVIEW and not batch.errors


def test_a_zip_bomb_workbook_is_refused_with_a_clear_error_and_nothing_is_kept(ledger, partner_a_contact):
    bomb = rezipped(workbook(HEADER.split(";"), GOOD[0].split(";")), {SHARED_STRINGS: shared_strings(20_000_000)})
    client = client_for(partner_a_contact)
    response = upload(client, ledger, SimpleUploadedFile("bijdragen.xlsx", bomb))
    batch = ImportBatch.objects.get()
    assert batch.state == State.REFUSED and not batch.upload
    assert "unpacks to far more data than an import can hold" in batch.errors[0]["message"]
    assert "unpacks to far more data" in client.get(response["Location"]).content.decode()
    assert not Contribution.objects.exists()
