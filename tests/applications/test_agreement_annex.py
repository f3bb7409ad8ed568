"""The partners' confirmations in the funder's files: the application PDF lists each partner's confirmation (by
whom, when, the SHA-256; or not confirmed, void, a change asked); the agreement annex shows the current version of
the cooperation agreement, every partner's signature and each pledge table with its confirmation; submitting freezes
the annex with its SHA-256. And the office dashboard's card: readiness and who confirmed, without any figures."""

import hashlib
import io
import re
from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse
from pypdf import PdfReader

from civhub.applications.exports.agreement_annex import render_agreement_annex
from civhub.applications.exports.application_pdf import render_application_pdf
from civhub.applications.models import BudgetLine, Commitment
from civhub.applications.selectors import commitments as selectors
from civhub.applications.services.commitments import Signer, ask_change, confirm_pledges
from civhub.applications.services.submission import submit_application
from civhub.partners.models import AgreementSignature, AgreementVersion
from tests.applications.support import application, partner_cash, ready
from tests.factories import PartnershipFactory
from tests.partners.factories import client_for, count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def text_of(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def squeezed(pdf: bytes) -> str:
    """The text without any white space (a hash may wrap over lines)."""
    return re.sub(r"\s+", "", text_of(pdf))


def _confirm(made, partner, signatory):
    shown = selectors.pledge_table(made, partner).hash
    return confirm_pledges(application=made, partnership=partner, actor=signatory, shown_hash=shown,
                           signer=Signer(name="Anna de Vries", role="directeur", address="Laan 1, Arnhem"))


@pytest.fixture
def made(centre, partner_a, partner_b, lead):
    """A ready application (partner A employer, B government, the lead's own hours), the agreement version 2
    signed by A only; A's signatory confirmed in civhub (ready() confirmed both directly)."""
    made = ready(application(centre), partner_a, partner_b, lead=lead)
    AgreementVersion.objects.all().delete()
    AgreementVersion.objects.create(centre=centre, number=1, dated=date(2020, 5, 1))
    version = AgreementVersion.objects.create(centre=centre, number=2, dated=date(2021, 6, 1),
                                              changes="Gemeente Arnhem treedt toe; nieuwe bijlage 3.")
    AgreementSignature.objects.create(version=version, partnership=partner_a, way=AgreementSignature.Way.SCAN,
                                      signed_by_name="Jan Jansen", signed_on=date(2021, 6, 3))
    return made


def test_the_application_pdf_lists_each_partners_confirmation(made, partner_a, partner_b, partner_a_signatory):
    confirmation = _confirm(made, partner_a, partner_a_signatory)
    BudgetLine.objects.filter(partnership=partner_b).update(price=D("150000.01"), amount=D("150000.01"))
    text = text_of(render_application_pdf(made, language="en"))
    assert "The partners' confirmations" in text
    assert "Anna de Vries, directeur" in text
    assert confirmation.table_hash in squeezed(render_application_pdf(made, language="en"))
    assert "void: the table changed after it was confirmed" in text  # B's table changed after ready() confirmed it
    assert "lead applicant: its own contribution is not counted" in text


def test_the_pdf_says_not_confirmed_and_change_asked(centre, partner_a, partner_b, partner_a_signatory):
    made = application(centre)
    partner_cash(made, partner_a, 2022, "5000.00")
    partner_cash(made, partner_b, 2022, "7000.00")
    ask_change(application=made, partnership=partner_a, actor=partner_a_signatory,
               shown_hash=selectors.pledge_table(made, partner_a).hash, comment="Liever 4.000")
    text = text_of(render_application_pdf(made, language="en"))
    assert "change asked" in text and "not confirmed" in text


def write_pngs(pdf: bytes, name: str) -> None:
    """For looking at (not asserted): the pages as PNG under test-results/ when WRITE_PDF_PNG is set."""
    import os
    import subprocess
    from pathlib import Path

    if not os.environ.get("WRITE_PDF_PNG"):
        return
    folder = Path("test-results/pdf")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(folder / f"{name}.pdf"), str(folder / name)], check=True)  # noqa: S603, S607


def test_the_annex_shows_the_version_the_signatures_and_each_pledge_table_with_its_confirmation(
        made, partner_a, partner_b, partner_a_signatory):
    confirmation = _confirm(made, partner_a, partner_a_signatory)
    pdf = render_agreement_annex(made, language="en")
    write_pngs(pdf, "agreement-annex")
    write_pngs(render_agreement_annex(made, language="nl"), "agreement-annex-nl")
    write_pngs(render_application_pdf(made, language="nl"), "application-nl")
    text = text_of(pdf)
    assert "The cooperation agreement and the partners' commitments" in text
    assert "Version of the agreement 2" in text and "1 June 2021" in text
    assert "Gemeente Arnhem treedt toe; nieuwe bijlage 3." in text
    assert "Jan Jansen" in text and "3 Jun 2021" in text
    assert "not signed yet" in text  # partner B and the lead
    assert "Confirmed by Anna de Vries" in text
    assert confirmation.table_hash in squeezed(pdf)
    assert selectors.pledge_table(made, partner_b).hash in squeezed(pdf)
    assert "EUR 450,000.00" in text and "EUR 150,000.00" in text


def test_the_annex_takes_the_same_queries_for_more_partners(made, centre, programme_manager):
    client = client_for(programme_manager)
    address = reverse("applications:agreement_annex", args=[centre.slug, made.pk])
    before = count_queries(client, address)
    for _ in range(3):
        partner = PartnershipFactory(centre=centre)
        partner_cash(made, partner, 2022, "1000.00")
        partner_cash(made, partner, 2023, "1000.00")
    assert count_queries(client, address) == before


def test_submitting_freezes_the_annex_and_the_download_serves_it(made, centre, partner_a, partner_b,
                                                                 programme_manager):
    AgreementSignature.objects.create(version=AgreementVersion.objects.get(number=2), partnership=partner_b,
                                      way=AgreementSignature.Way.SCAN, signed_by_name="Wethouder",
                                      signed_on=date(2021, 6, 4))
    lead = made.budget_lines.filter(partnership__is_lead_applicant=True).first().partnership
    AgreementSignature.objects.create(version=AgreementVersion.objects.get(number=2), partnership=lead,
                                      way=AgreementSignature.Way.SCAN, signed_by_name="Bestuur",
                                      signed_on=date(2021, 6, 4))
    copy = submit_application(application=made, actor=programme_manager)
    with copy.agreement_annex.open("rb") as stored:
        frozen = stored.read()
    assert copy.agreement_annex_sha256 == hashlib.sha256(frozen).hexdigest()
    Commitment.objects.all().delete()  # whatever happens later, the download is the frozen file
    response = client_for(programme_manager).get(reverse("applications:agreement_annex", args=[centre.slug, made.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content if response.streaming else [response.content]) == frozen


# The dashboard's card -------------------------------------------------------------------------------------------


def test_the_dashboard_shows_readiness_and_who_confirmed_without_figures(made, centre, programme_manager,
                                                                        partner_b, partner_a_signatory, partner_a):
    BudgetLine.objects.filter(partnership=partner_b).update(price=D("150000.01"), amount=D("150000.01"))
    client = client_for(programme_manager)
    address = reverse("office:dashboard", args=[centre.slug])
    html = client.get(address).content.decode()
    assert 'aria-labelledby="funding-panel"' in html
    panel = html.split('aria-labelledby="funding-panel"')[1].split("</section>")[0]
    assert "1 of 2 partners confirmed their pledges" in panel
    assert re.search(r"\d+ of \d+ checks done", panel)
    assert reverse("applications:commitments", args=[centre.slug, made.pk]) in panel
    assert "EUR" not in panel and "Partner A" not in panel
    before = count_queries(client, address)
    for _ in range(3):
        partner = PartnershipFactory(centre=centre)
        partner_cash(made, partner, 2022, "1000.00")
    assert count_queries(client, address) == before


def test_the_dashboard_has_no_card_without_an_open_application(centre, programme_manager):
    html = client_for(programme_manager).get(reverse("office:dashboard", args=[centre.slug])).content.decode()
    assert "funding-panel" not in html
