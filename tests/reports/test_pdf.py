"""The funder pack's PDF: pages, the cover, the figures in Dutch format, the charts' note and the signature block."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from civhub.core.exports import Kind
from civhub.core.exports.pdf import format_value
from civhub.grants.selectors.monitor import monitor
from civhub.reports.pdf import page_footer_css, render_funder_pdf
from tests.reports.support import AS_OF, lead_signatory, pdf_pages, pdf_text, small_centre

pytestmark = pytest.mark.django_db
GENERATED = datetime(2025, 4, 2, 9, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture
def small(centre, partner_a, partner_b):
    return small_centre(centre, partner_a, partner_b)


def funder_pdf(grant, **kwargs) -> str:
    with translation.override("nl"):
        content = render_funder_pdf(monitor(grant, as_of=AS_OF, **kwargs), generated_at=GENERATED)
    assert pdf_pages(content) > 3
    return pdf_text(content)


def test_the_pack_has_a_cover_the_figures_and_a_signature_block(small):
    lead_signatory(small.lead)
    text = funder_pdf(small.grant)
    assert "CIV Bio Sciences (test)" in text
    assert "RIF, 1 januari 2024 – 31 december 2025" in text  # the grant and its period
    assert "31 maart 2025" in text  # the reference date
    assert "2 april 2025, 09:30" in text  # generated at
    assert "ROC Delta" in text  # the lead applicant
    assert "EUR 19.800,00" in text  # realised co-financing
    assert "EUR 31.740,79" in text  # the forecast
    assert "0,52" in text  # the ratio
    assert "0,32" in text  # the forecast ratio, in the warning: below the required 2,00
    assert "Bijdragen" in text  # the note: the entries are in the XLSX, not here
    assert "Lieke de Vries" in text and "Voorzitter college van bestuur" in text  # who signs
    assert re.search(r"(page|pagina) 2 (of|van) \d+", text)


def test_a_year_is_said_on_the_cover_and_without_a_signatory_the_lines_stay_empty(small):
    text = funder_pdf(small.grant, year=2024)
    assert "1 januari 2024 – 31 december 2024" in text and "EUR 9.800,00" in text
    assert "ROC Delta" in text and "Lieke de Vries" not in text


@pytest.mark.parametrize(("value", "kind", "text"), [
    ("1234.56", Kind.MONEY, "EUR 1.234,56"),
    ("-5000.00", Kind.MONEY, "EUR −5.000,00"),
    ("2.05", Kind.RATIO, "2,05"),
    ("87.5", Kind.PERCENT, "87,5%"),
    ("0.6238", Kind.SHARE, "62,4%"),
    ("1312.50", Kind.HOURS, "1.312,50"),
    (None, Kind.MONEY, "—"),
])
def test_cells_are_shown_the_dutch_way(value, kind, text):
    from decimal import Decimal

    with translation.override("nl"):
        assert format_value(Decimal(value) if value else None, kind) == text


def test_the_page_number_is_one_translated_sentence_with_counters():
    with translation.override("en"):
        assert page_footer_css() == '"page " counter(page) " of " counter(pages)'
