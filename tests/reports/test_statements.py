"""Partner statements: the PDF of one partner's year, the office's ZIP, and the list of statements."""

import io
import zipfile

import pytest
from django.urls import reverse

from civhub.core.models import RequestedFile
from civhub.reports.statements import render_statement_pdf
from tests.partners.factories import client_for, count_queries
from tests.reports.support import more_entries, pdf_text, small_centre

pytestmark = pytest.mark.django_db


@pytest.fixture
def small(centre, partner_a, partner_b):
    return small_centre(centre, partner_a, partner_b)


def statement_url(centre, code, year):
    return reverse("reports:partner_statement", args=[centre.slug, code, year])


def test_partner_a_downloads_its_statement_with_totals_reversals_and_a_signature_block(small, centre,
                                                                                        partner_a_signatory):
    response = client_for(partner_a_signatory).get(statement_url(centre, "partner-a", 2024))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="verklaring-partner-a-2024.pdf"'
    text = pdf_text(response.content)
    assert "Partner A BV" in text and "CIV Bio Sciences (test)" in text
    assert "EUR 7.300,00" in text  # 1,460 + 5,840 + 5,000 − 5,000
    assert "EUR −5.000,00" in text and "01-06-2024" in text  # the reversal, shown as such
    assert "EUR 1.460,00" in text and "20,00" in text and "EUR 73,00" in text  # hours × rate
    assert "Partner-A Signatory" in text and "HR-adviseur" in text  # the signatory's name and function


def test_the_statement_lists_only_that_years_accepted_entries(small):
    small.partner_a.refresh_from_db()
    text = pdf_text(render_statement_pdf(small.partner_a, 2025))
    assert "EUR 10.000,00" in text  # the cash of February
    assert "EUR 2.000,00" not in text  # submitted, not accepted
    assert "EUR 3.000,00" in text  # accepted in May: a statement of the year holds the whole year


def test_partner_b_gets_404_on_partner_as_statement(small, centre, partner_b_contact):
    assert client_for(partner_b_contact).get(statement_url(centre, "partner-a", 2024)).status_code == 404


def test_a_year_outside_the_grant_is_not_found(small, centre, partner_a_contact):
    assert client_for(partner_a_contact).get(statement_url(centre, "partner-a", 2023)).status_code == 404


def test_the_office_downloads_every_statement_of_a_year_as_a_zip(small, centre, finance_controller, settings,
                                                                 tmp_path, django_capture_on_commit_callbacks):
    """Made by the worker (here at once, by the immediate backend), then downloaded from its status page."""
    settings.MEDIA_ROOT = tmp_path
    client = client_for(finance_controller)
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(reverse("reports:partner_statements_zip", args=[centre.slug, 2024]))
    requested = RequestedFile.objects.get()
    assert asked["Location"] == reverse("core:requested_file", args=[centre.slug, requested.pk])
    response = client.get(reverse("core:requested_file_download", args=[centre.slug, requested.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="verklaringen-civ-bio-sciences-test-2024.zip"'
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == ["verklaring-partner-b-2024.pdf", "verklaring-partner-a-2024.pdf",
                                  "verklaring-delta-2024.pdf"]
    assert "EUR 2.500,00" in pdf_text(archive.read("verklaring-partner-b-2024.pdf"))


def test_the_office_sees_every_partner_and_a_zip_per_year(small, centre, programme_manager):
    page = client_for(programme_manager).get(reverse("reports:statements", args=[centre.slug])).content.decode()
    for code, year in (("partner-a", 2024), ("partner-a", 2025), ("partner-b", 2024), ("delta", 2024)):
        assert f'href="{statement_url(centre, code, year)}"' in page
    assert f'href="{statement_url(centre, "partner-b", 2025)}"' not in page  # nothing accepted in 2025
    assert reverse("reports:partner_statements_zip", args=[centre.slug, 2024]) in page


def test_a_partner_sees_only_its_own_statements(small, centre, partner_a_contact):
    page = client_for(partner_a_contact).get(reverse("reports:statements", args=[centre.slug])).content.decode()
    assert statement_url(centre, "partner-a", 2024) in page
    assert "partner-b" not in page and "Gemeente Partner B" not in page
    assert "ZIP" not in page


def test_a_centre_without_grant_says_so(centre, programme_manager):
    page = client_for(programme_manager).get(reverse("reports:statements", args=[centre.slug])).content.decode()
    assert "There is no grant yet" in page


def test_the_list_takes_the_same_queries_for_n_and_3n_entries(small, centre, partner_a, programme_manager):
    client, url = client_for(programme_manager), reverse("reports:statements", args=[centre.slug])
    more_entries(partner_a, 5)
    fewer = count_queries(client, url)
    more_entries(partner_a, 10)
    assert count_queries(client, url) == fewer


def test_a_statement_takes_the_same_queries_for_n_and_3n_entries(small, centre, partner_a, programme_manager):
    client, url = client_for(programme_manager), statement_url(centre, "partner-a", 2024)
    more_entries(partner_a, 5)
    fewer = count_queries(client, url)
    more_entries(partner_a, 10)
    assert count_queries(client, url) == fewer
