"""The pages of the register of the cooperation agreement: the office's register (versions, the matrix of who signed
the current version), adding a version, a signature on paper, an accession, a departure with its confirmation step,
the downloads (a partner gets the agreement's text, never a scan), and the partner's section in the portal with its
signatory's confirmation in civhub."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from civhub.partners.models import AgreementSignature, AgreementVersion, Partnership
from civhub.partners.services.agreement import SignatureData, VersionData, add_version, record_signature
from tests.factories import PartnershipFactory
from tests.partners.factories import client_for, count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    return tmp_path


def pdf(name="overeenkomst.pdf", body=b"%PDF-1.4 tekst"):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def url(name, centre, *args):
    return reverse(name, args=[centre.slug, *args])


@pytest.fixture
def version(centre, programme_manager):
    return add_version(centre=centre, actor=programme_manager,
                       data=VersionData(date(2021, 6, 1), "Eerste versie", pdf()))


def test_the_register_shows_versions_and_who_signed(centre, partner_a, partner_b, programme_manager, version):
    record_signature(version=version, partnership=partner_a, actor=programme_manager,
                     data=SignatureData("J. Jansen", date(2021, 6, 20), pdf("getekend.pdf")))
    page = client_for(programme_manager).get(url("office:agreement", centre))
    assert page.status_code == 200
    text = page.content.decode()
    assert "J. Jansen" in text and "Eerste versie" in text
    assert url("office:agreement_scan", centre, 1, partner_a.short_code) in text
    assert url("portal:agreement_document", centre, 1) in text
    assert url("office:agreement_signature", centre, partner_b.short_code) in text
    assert url("office:agreement_signature", centre, partner_a.short_code) not in text
    assert "1 of 2 partners signed the current version." in text


def test_the_register_without_a_version_asks_for_the_first(centre, programme_manager):
    page = client_for(programme_manager).get(url("office:agreement", centre))
    assert page.status_code == 200 and "No version of the agreement has been recorded yet" in page.content.decode()
    response = client_for(programme_manager).get(url("office:agreement_accession", centre))
    assert response.status_code == 302 and response.url == url("office:agreement", centre)


def test_the_office_adds_a_version(centre, programme_manager):
    client = client_for(programme_manager)
    response = client.post(url("office:agreement_version_new", centre),
                           {"document": pdf(), "dated": "2022-01-15", "changes": "Artikel 4 herzien"})
    assert response.status_code == 302
    version = AgreementVersion.objects.get(centre=centre)
    assert (version.number, version.dated, version.changes, version.created_by) == (
        1, date(2022, 1, 15), "Artikel 4 herzien", programme_manager)


def test_a_version_needs_a_real_document(centre, programme_manager):
    response = client_for(programme_manager).post(url("office:agreement_version_new", centre), {
        "document": SimpleUploadedFile("tekst.pdf", b"geen pdf"), "dated": "2022-01-15"})
    assert response.status_code == 400 and not AgreementVersion.objects.exists()
    assert "is not a PDF file" in response.content.decode()


def test_the_office_records_a_signature_with_its_scan(centre, partner_a, programme_manager, version):
    response = client_for(programme_manager).post(url("office:agreement_signature", centre, partner_a.short_code), {
        "signed_by_name": "J. Jansen", "signed_on": "2021-06-20", "scan": pdf("getekend.pdf")})
    assert response.status_code == 302
    signature = AgreementSignature.objects.get(version=version, partnership=partner_a)
    assert (signature.way, signature.signed_by_name, signature.recorded_by) == (
        AgreementSignature.Way.SCAN, "J. Jansen", programme_manager)


def test_a_signature_needs_its_scan(centre, partner_a, programme_manager, version):
    response = client_for(programme_manager).post(url("office:agreement_signature", centre, partner_a.short_code), {
        "signed_by_name": "J. Jansen", "signed_on": "2021-06-20"})
    assert response.status_code == 400 and not AgreementSignature.objects.exists()


def test_an_accession_sets_the_date_pledges_count_from(centre, partner_b, programme_manager, version):
    response = client_for(programme_manager).post(url("office:agreement_accession", centre), {
        "partnership": partner_b.pk, "counts_from": "2023-03-01", "signed_by_name": "B. de Vries",
        "signed_on": "2023-02-20", "scan": pdf("toetreding.pdf")})
    assert response.status_code == 302
    signature = AgreementSignature.objects.get(partnership=partner_b)
    assert signature.is_accession and signature.counts_from == date(2023, 3, 1)
    assert Partnership.objects.get(pk=partner_b.pk).joined_on == date(2023, 3, 1)


def test_an_accession_offers_only_partners_that_have_not_signed(centre, partner_a, partner_b, programme_manager,
                                                                version):
    record_signature(version=version, partnership=partner_a, actor=programme_manager,
                     data=SignatureData("J. Jansen", date(2021, 6, 20), pdf("getekend.pdf")))
    page = client_for(programme_manager).get(url("office:agreement_accession", centre))
    assert list(page.context["form"].fields["partnership"].queryset) == [partner_b]


def test_a_departure_asks_for_confirmation_first(centre, partner_b, programme_manager):
    client = client_for(programme_manager)
    address = url("office:agreement_departure", centre, partner_b.short_code)
    leaves = (partner_b.joined_on or date(2021, 1, 1)) + timedelta(days=30)
    confirm = client.post(address, {"left_on": leaves.isoformat()})
    assert confirm.status_code == 200 and "Yes, record the departure" in confirm.content.decode()
    assert Partnership.objects.get(pk=partner_b.pk).status == Partnership.Status.ACTIVE
    done = client.post(address, {"left_on": leaves.isoformat(), "confirmed": "yes"})
    assert done.status_code == 302
    left = Partnership.objects.get(pk=partner_b.pk)
    assert (left.status, left.left_on) == (Partnership.Status.LEFT, leaves)
    page = client.get(url("office:agreement", centre))
    assert url("office:agreement_departure", centre, partner_b.short_code) not in page.content.decode()


def test_downloads(centre, partner_a, programme_manager, partner_a_contact, partner_b_contact, version):
    record_signature(version=version, partnership=partner_a, actor=programme_manager,
                     data=SignatureData("J. Jansen", date(2021, 6, 20), pdf("getekend.pdf", b"%PDF-1.4 scan")))
    document = url("portal:agreement_document", centre, 1)
    scan = url("office:agreement_scan", centre, 1, partner_a.short_code)
    office = client_for(programme_manager).get(scan)
    assert office.status_code == 200 and b"".join(office.streaming_content) == b"%PDF-1.4 scan"
    assert client_for(partner_b_contact).get(document).status_code == 200
    assert client_for(partner_a_contact).get(scan).status_code == 403
    assert client_for(partner_b_contact).get(scan).status_code == 403


def test_the_portal_shows_the_status_and_the_signatory_confirms(centre, partner_a, partner_a_signatory, version):
    client = client_for(partner_a_signatory)
    portal = url("portal:partner", centre, partner_a.short_code)
    confirm = url("portal:agreement_confirm", centre, partner_a.short_code)
    page = client.get(portal).content.decode()
    assert 'data-agreement-state="unsigned"' in page and confirm in page
    assert client.get(confirm).status_code == 200
    response = client.post(confirm)
    assert response.status_code == 302 and response.url == portal
    signature = AgreementSignature.objects.get(partnership=partner_a)
    assert (signature.way, signature.confirmed_by) == (AgreementSignature.Way.CIVHUB, partner_a_signatory)
    page = client.get(portal).content.decode()
    assert 'data-agreement-state="signed"' in page and confirm not in page


def test_a_contact_sees_the_status_without_the_button(centre, partner_a, partner_a_contact, version):
    page = client_for(partner_a_contact).get(url("portal:partner", centre, partner_a.short_code)).content.decode()
    assert 'data-agreement-state="unsigned"' in page
    assert url("portal:agreement_confirm", centre, partner_a.short_code) not in page
    assert url("portal:agreement_document", centre, 1) in page


def test_the_office_cannot_confirm_for_a_partner(centre, partner_a, programme_manager, version):
    response = client_for(programme_manager).post(url("portal:agreement_confirm", centre, partner_a.short_code))
    assert response.status_code == 403 and not AgreementSignature.objects.exists()


def test_the_office_menu_links_to_the_register(centre, programme_manager):
    page = client_for(programme_manager).get(url("office:partners", centre)).content.decode()
    assert url("office:agreement", centre) in page


def test_the_register_keeps_its_queries_as_partners_grow(centre, programme_manager, version):
    client = client_for(programme_manager)

    def queries() -> int:
        return count_queries(client, url("office:agreement", centre))  # nothing cached: the menu's count too

    PartnershipFactory.create_batch(2, centre=centre)
    few = queries()
    PartnershipFactory.create_batch(6, centre=centre)
    assert queries() == few
