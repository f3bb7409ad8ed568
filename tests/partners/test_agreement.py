"""The register of the cooperation agreement: versions numbered by the service, signatures on paper (a scan) and
in civhub (the partner's own signatory), accession with the date from which pledges count, departure, the audit
rows with the acting user, the public page's joining partners, and the application's readiness check."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from civhub.applications.selectors.commitments import agreement_check
from civhub.core.models import AuditEvent
from civhub.partners.errors import PartnerError
from civhub.partners.models import AgreementSignature, Partnership
from civhub.partners.selectors.agreement import signature_standing
from civhub.partners.services.agreement import (
    SignatureData,
    VersionData,
    add_version,
    confirm_signature,
    record_departure,
    record_signature,
)
from tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(english_messages):
    yield


def _scan():
    return SimpleUploadedFile("getekend.pdf", b"%PDF-1.4 getekend", content_type="application/pdf")


def _paper(name="J. Jansen", counts_from=None):
    return SignatureData(signed_by_name=name, signed_on=date(2021, 6, 20), scan=_scan(), counts_from=counts_from)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    return tmp_path


def test_versions_are_numbered_and_audited_with_the_acting_user(centre, programme_manager):
    first = add_version(centre=centre, actor=programme_manager, data=VersionData(date(2021, 6, 1), "Eerste versie"))
    second = add_version(centre=centre, actor=programme_manager, data=VersionData(date(2022, 1, 1), "Artikel 4"))
    assert (first.number, second.number, second.changes) == (1, 2, "Artikel 4")
    events = AuditEvent.objects.filter(action="agreement_version_added")
    assert events.count() == 2 and {event.actor for event in events} == {programme_manager}


def test_only_the_office_keeps_the_register(centre, partner_a_signatory):
    with pytest.raises(PartnerError, match="programme office keeps"):
        add_version(centre=centre, actor=partner_a_signatory, data=VersionData(date(2021, 6, 1)))


def test_the_office_records_a_scan_and_the_partner_is_signed(media, centre, partner_a, partner_b, programme_manager):
    version = add_version(centre=centre, actor=programme_manager, data=VersionData(date(2021, 6, 1)))
    signature = record_signature(version=version, partnership=partner_a, actor=programme_manager, data=_paper())
    assert (signature.way, signature.signed_by_name, signature.recorded_by) == (
        AgreementSignature.Way.SCAN, "J. Jansen", programme_manager)
    assert signature.scan.name.endswith(".pdf")
    assert AuditEvent.objects.get(action="agreement_signed").actor == programme_manager
    assert [partner.pk for partner in signature_standing(centre).unsigned] == [partner_b.pk]
    with pytest.raises(PartnerError, match="already signed"):
        record_signature(version=version, partnership=partner_a, actor=programme_manager, data=_paper())


def test_a_signature_on_paper_needs_the_scan(centre, partner_a, programme_manager):
    version = add_version(centre=centre, actor=programme_manager, data=VersionData(date(2021, 6, 1)))
    with pytest.raises(PartnerError, match="scanned copy"):
        record_signature(version=version, partnership=partner_a, actor=programme_manager,
                         data=SignatureData("J. Jansen", date(2021, 6, 20)))


def test_the_partners_signatory_confirms_in_civhub_and_nobody_else(centre, partner_a, programme_manager,
                                                                    partner_a_signatory, partner_a_contact):
    version = add_version(centre=centre, actor=programme_manager, data=VersionData(date(2021, 6, 1)))
    for who in (programme_manager, partner_a_contact):
        with pytest.raises(PartnerError, match="own signatory"):
            confirm_signature(version=version, partnership=partner_a, actor=who)
    signature = confirm_signature(version=version, partnership=partner_a, actor=partner_a_signatory)
    assert (signature.way, signature.confirmed_by) == (AgreementSignature.Way.CIVHUB, partner_a_signatory)
    assert AuditEvent.objects.get(action="agreement_signed").actor == partner_a_signatory


def test_an_accession_sets_the_date_from_which_pledges_count(media, centre, programme_manager):
    newcomer = PartnershipFactory(centre=centre, joined_on=None)
    version = add_version(centre=centre, actor=programme_manager, data=VersionData(date(2021, 6, 1)))
    signature = record_signature(version=version, partnership=newcomer, actor=programme_manager,
                                 data=_paper(counts_from=date(2023, 3, 1)))
    newcomer.refresh_from_db()
    assert signature.is_accession and newcomer.joined_on == date(2023, 3, 1)


def test_a_partner_that_leaves_no_longer_signs_and_is_not_waited_for(centre, partner_a, partner_b,
                                                                     programme_manager):
    version = add_version(centre=centre, actor=programme_manager, data=VersionData(date(2021, 6, 1)))
    today = timezone.localdate()
    with pytest.raises(PartnerError, match="before it joined"):
        record_departure(partnership=partner_b, actor=programme_manager, left_on=date(1999, 1, 1))
    record_departure(partnership=partner_b, actor=programme_manager, left_on=today)
    partner_b.refresh_from_db()
    assert (partner_b.status, partner_b.left_on) == (Partnership.Status.LEFT, today)
    assert AuditEvent.objects.get(action="partner_left").actor == programme_manager
    with pytest.raises(PartnerError, match="has left"):
        record_signature(version=version, partnership=partner_b, actor=programme_manager, data=_paper())
    assert [partner.pk for partner in signature_standing(centre).unsigned] == [partner_a.pk]


def test_a_new_version_asks_every_partner_again(centre, partner_a, partner_a_signatory, programme_manager):
    first = add_version(centre=centre, actor=programme_manager, data=VersionData(date(2021, 6, 1)))
    confirm_signature(version=first, partnership=partner_a, actor=partner_a_signatory)
    assert agreement_check(centre).ok
    add_version(centre=centre, actor=programme_manager, data=VersionData(date(2022, 6, 1), "Nieuwe partner"))
    check = agreement_check(centre)
    assert not check.ok and "version 2" in check.message and "Partner A BV" in check.message


def test_the_readiness_check_without_an_agreement_says_so(centre, partner_a):
    assert not agreement_check(centre).ok and "not in the register yet" in agreement_check(centre).message


def test_the_public_page_shows_partners_still_joining(client, centre, partner_a, partner_b, partner_a_signatory,
                                                      programme_manager):
    address = reverse("public:centre", args=[centre.slug])
    assert "data-joining" not in client.get(address).content.decode()  # no agreement kept: nobody is marked
    version = add_version(centre=centre, actor=programme_manager, data=VersionData(date(2021, 6, 1)))
    confirm_signature(version=version, partnership=partner_a, actor=partner_a_signatory)
    html = client.get(address).content.decode()
    assert html.count("data-joining") == 1
    assert html.index("data-joining") > html.index(partner_b.organisation.name)
