"""The funder pack's downloads: per role, content types, file names, the reference form, and query counts."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.partners.factories import client_for
from tests.reports.support import SHEETS, money, more_entries, pdf_text, small_centre, summary_of, workbook

pytestmark = pytest.mark.django_db
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def small(centre, partner_a, partner_b):
    return small_centre(centre, partner_a, partner_b)


def pack_url(centre, fmt, query="as_of=2025-03-31"):
    return f"{reverse('reports:funder_pack', args=[centre.slug, fmt])}?{query}"


def content_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_finance_controller_downloads_the_xlsx(small, centre, finance_controller):
    response = client_for(finance_controller).get(pack_url(centre, "xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_TYPE
    assert response["Content-Disposition"] == (
        'attachment; filename="financieringsrapport-civ-bio-sciences-test-2025-03-31.xlsx"')
    content = content_of(response)
    assert int(response["Content-Length"]) == len(content)
    book = workbook(content)
    assert book.sheetnames == SHEETS
    assert money(summary_of(book)["cofinanciering_gerealiseerd"]) == Decimal("19800.00")


def test_the_steering_group_downloads_the_pdf(small, centre, steering_member):
    response = client_for(steering_member).get(pack_url(centre, "pdf", "as_of=2025-03-31&year=2024"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="financieringsrapport-civ-bio-sciences-test-2024-2025-03-31.pdf"')
    text = pdf_text(response.content)
    assert "CIV Bio Sciences (test)" in text
    assert "EUR 9.800,00" in text  # 2024's realised co-financing, the Dutch way


def test_a_year_narrows_the_xlsx(small, centre, programme_manager):
    response = client_for(programme_manager).get(pack_url(centre, "xlsx", "as_of=2025-03-31&year=2024"))
    assert money(summary_of(workbook(content_of(response)))["subsidie_besteed"]) == Decimal("30000.00")


def test_invalid_values_fall_back_to_today_and_the_whole_grant_as_on_the_monitor(small, centre, programme_manager):
    response = client_for(programme_manager).get(pack_url(centre, "xlsx", "as_of=gisteren&year=1999"))
    today = timezone.localdate()
    assert response["Content-Disposition"].endswith(f'civ-bio-sciences-test-{today.isoformat()}.xlsx"')
    values = summary_of(workbook(content_of(response)))
    assert values["peildatum"].date() == today and "jaar" not in values


def test_the_monitors_date_format_is_accepted_too(small, centre, programme_manager):
    response = client_for(programme_manager, "nl").get(pack_url(centre, "xlsx", "as_of=31-03-2025"))
    assert response["Content-Disposition"].endswith('-2025-03-31.xlsx"')


def test_partners_may_not_download_the_pack(small, centre, partner_a_signatory):
    assert client_for(partner_a_signatory).get(pack_url(centre, "xlsx")).status_code == 403


def test_an_unknown_format_is_not_found(small, centre, programme_manager):
    assert client_for(programme_manager).get(pack_url(centre, "csv")).status_code == 404


def test_a_centre_without_grant_has_no_pack(centre, programme_manager):
    assert client_for(programme_manager).get(pack_url(centre, "xlsx")).status_code == 404


def xlsx_queries(client, url) -> int:
    """Queries of a complete XLSX download (the Bijdragen rows stream from one query)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        content_of(response)
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_the_xlsx_takes_the_same_queries_for_n_and_3n_entries(small, centre, partner_a, finance_controller):
    client = client_for(finance_controller)
    more_entries(partner_a, 10)
    fewer = xlsx_queries(client, pack_url(centre, "xlsx"))
    more_entries(partner_a, 20)
    assert xlsx_queries(client, pack_url(centre, "xlsx")) == fewer


def test_the_monitor_links_to_the_pack_with_its_reference(small, centre, finance_controller):
    page = client_for(finance_controller).get(f"{reverse('grants:monitor', args=[centre.slug])}?as_of=2025-03-31")
    assert f'href="{pack_url(centre, "xlsx")}"' in page.content.decode()
