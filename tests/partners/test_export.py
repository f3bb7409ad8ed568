"""The partner export: CSV and XLSX hold exactly the rows of the screen, with the screen's filters."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from civhub.accounts.models import Role
from civhub.partners.models import Cluster, OrganisationKind, Partnership
from tests.factories import CentreFactory, ContactFactory, PartnershipFactory
from tests.partners.factories import client_for, count_queries, office_person, partner_person, person

pytestmark = pytest.mark.django_db


def build(centre, count=3, start=0):
    for number in range(start, start + count):
        partnership = PartnershipFactory(
            centre=centre, organisation__name=f"Zoë's Lab {number}", organisation__kvk_number=f"{40000000 + number}",
            cluster=Cluster.PROFESSIONAL_FIELD if number % 2 else Cluster.GOVERNMENT_EDUCATION,
            is_lead_applicant=number == 0, organisation__kind=OrganisationKind.COLLEGE,
        )
        ContactFactory(partnership=partnership, is_primary=True)
    PartnershipFactory(centre=centre, organisation__name="=HYPERLINK(evil)", status=Partnership.Status.LEFT)
    PartnershipFactory(organisation__name="Another centre's partner")


def as_text(value) -> str:
    """A cell as the screen shows it in the export's terms: dates as YYYY-MM-DD, empty as ''."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%Y-%m-%d")
    return str(value)


def screen_rows(client, centre, **filters):
    response = client.get(reverse("office:partners", args=[centre.slug]), filters)
    header = [column.label for column in response.context["header"]]
    return [header] + [[as_text(cell) for _, cell in row] for row in response.context["rows"]]


def csv_rows(client, centre, **filters):
    response = client.get(reverse("office:partners_export", args=[centre.slug, "csv"]), filters)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    # The export defuses a leading '=' so spreadsheet programs do not run it; the screen shows it as typed.
    return [[cell[1:] if cell.startswith("'=") else cell for cell in row] for row in rows]


def xlsx_rows(client, centre, **filters):
    response = client.get(reverse("office:partners_export", args=[centre.slug, "xlsx"]), filters)
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    return [[as_text(cell) for cell in row] for row in workbook.active.iter_rows(values_only=True)]


@pytest.mark.parametrize("filters", [{}, {"cluster": "professional_field"}, {"status": "left"},
                                     {"kind": "college", "status": "active"}])
def test_csv_and_xlsx_hold_the_rows_of_the_screen(filters):
    centre = CentreFactory(slug="civ-bio-sciences")
    build(centre)
    client = client_for(office_person(centre))
    screen = screen_rows(client, centre, **filters)
    assert csv_rows(client, centre, **filters) == screen
    assert xlsx_rows(client, centre, **filters) == screen


def test_export_has_every_partner_of_the_centre_and_no_other():
    centre = CentreFactory()
    build(centre, count=3)
    rows = csv_rows(client_for(office_person(centre)), centre)
    names = [row[1] for row in rows[1:]]
    assert len(names) == 4 and "Zoë's Lab 0" in names and "Another centre's partner" not in names


def test_formulas_are_not_run_by_spreadsheets():
    centre = CentreFactory()
    build(centre, count=1)
    client = client_for(office_person(centre))
    raw = client.get(reverse("office:partners_export", args=[centre.slug, "csv"])).content.decode("utf-8-sig")
    assert "'=HYPERLINK(evil)" in raw
    response = client.get(reverse("office:partners_export", args=[centre.slug, "xlsx"]))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    cells = [cell for row in workbook.active.iter_rows() for cell in row if cell.value == "=HYPERLINK(evil)"]
    assert cells and all(cell.data_type == "s" for cell in cells)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_file_name_names_the_centre_and_the_day(fmt):
    centre = CentreFactory(slug="civ-bio-sciences")
    response = client_for(office_person(centre)).get(reverse("office:partners_export", args=[centre.slug, fmt]))
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="partners-civ-bio-sciences-{today}.{fmt}"'


def test_an_unknown_format_is_404():
    centre = CentreFactory()
    response = client_for(office_person(centre)).get(reverse("office:partners_export", args=[centre.slug, "pdf"]))
    assert response.status_code == 404


@pytest.mark.parametrize("make_user", [
    lambda centre: person(centre, Role.PRACTOR),
    lambda centre: partner_person(PartnershipFactory(centre=centre)),
])
def test_only_the_office_exports(make_user):
    centre = CentreFactory()
    response = client_for(make_user(centre)).get(reverse("office:partners_export", args=[centre.slug, "csv"]))
    assert response.status_code == 403


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_takes_the_same_number_of_queries_for_n_and_3n_partners(fmt):
    centre = CentreFactory()
    client = client_for(office_person(centre))
    url = reverse("office:partners_export", args=[centre.slug, fmt])

    build(centre, count=5)
    few = count_queries(client, url)
    build(centre, count=10, start=5)
    assert count_queries(client, url) == few
