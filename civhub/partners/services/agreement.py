"""The register of the cooperation agreement: its versions, each partner's signature under a version, a partner
joining later (accession, with the date from which its pledges count) and a partner leaving.

The office records a version and the signatures it received on paper (a scanned copy); a
partner's signatory may instead confirm its signature in civhub. Keyword-only, the acting user
passed in, one transaction, the audit row in it. Joining and leaving reuse the partnership's
`joined_on` and `left_on`: its pledges count from the one and until the other.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.core.audit import record_event
from civhub.partners.errors import PartnerError
from civhub.partners.models import AgreementSignature, AgreementVersion, Partnership
from civhub.partners.permissions import may_keep_agreement_register, signs_agreement_for


@dataclass
class VersionData:
    dated: date
    changes: str = ""
    document: object = None  # an uploaded file, or None


@dataclass
class SignatureData:
    """A signature on paper, as the office records it; `counts_from` makes it an accession."""

    signed_by_name: str
    signed_on: date
    scan: object = None
    counts_from: date | None = None


def _ensure_office(actor, centre) -> None:
    if not may_keep_agreement_register(actor, centre):
        raise PartnerError(_("Only the programme office keeps the register of the cooperation agreement."))


def add_version(*, centre, actor, data: VersionData) -> AgreementVersion:
    """Record a new version of the agreement; it becomes the current one, and every partner signs it anew."""
    _ensure_office(actor, centre)
    with transaction.atomic():
        latest = AgreementVersion.objects.select_for_update().filter(centre=centre)
        number = (latest.aggregate(top=Max("number"))["top"] or 0) + 1
        version = AgreementVersion(centre=centre, number=number, dated=data.dated, changes=data.changes.strip(),
                                   created_by=actor)
        if data.document is not None:
            version.document = data.document
        version.save()
        record_event(version, actor=actor, action="agreement_version_added", centre=centre,
                     summary=_("Version %(number)s of %(date)s") % {"number": number, "date": data.dated.isoformat()},
                     changes={"number": number, "dated": data.dated.isoformat()})
    return version


def _unsigned(version: AgreementVersion, partnership: Partnership) -> None:
    if partnership.centre_id != version.centre_id:
        raise PartnerError(_("This partner belongs to another centre."))
    if partnership.status == Partnership.Status.LEFT:
        raise PartnerError(_("This partner has left the centre: it no longer signs."))
    if AgreementSignature.objects.filter(version=version, partnership=partnership).exists():
        raise PartnerError(_("This partner has already signed this version."))


def record_signature(*, version: AgreementVersion, partnership: Partnership, actor,
                     data: SignatureData) -> AgreementSignature:
    """The office records a partner's signature on paper (a scanned copy); with `counts_from`, an accession: the
    partner joins from that date, and its pledges count from it."""
    _ensure_office(actor, version.centre)
    if not data.signed_by_name.strip():
        raise PartnerError(_("Say who signed for the partner."), field="signed_by_name")
    if not data.scan:
        raise PartnerError(_("Upload the scanned copy of the signed agreement."), field="scan")
    with transaction.atomic():
        partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
        _unsigned(version, partnership)
        signature = AgreementSignature.objects.create(
            version=version, partnership=partnership, way=AgreementSignature.Way.SCAN,
            signed_by_name=data.signed_by_name.strip(), signed_on=data.signed_on, scan=data.scan,
            is_accession=data.counts_from is not None, counts_from=data.counts_from, recorded_by=actor)
        if data.counts_from is not None:
            _join(partnership, data.counts_from)
        _record(signature, actor)
    return signature


def confirm_signature(*, version: AgreementVersion, partnership: Partnership, actor) -> AgreementSignature:
    """The partner's signatory confirms in civhub that the partner signs this version (today, in their name)."""
    if not signs_agreement_for(actor, partnership):
        raise PartnerError(_("Only the partner's own signatory signs the agreement for it."))
    with transaction.atomic():
        partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
        _unsigned(version, partnership)
        signature = AgreementSignature.objects.create(
            version=version, partnership=partnership, way=AgreementSignature.Way.CIVHUB,
            signed_by_name=actor.full_name or actor.email, signed_on=timezone.localdate(), confirmed_by=actor,
            recorded_by=actor)
        _record(signature, actor)
    return signature


def _join(partnership: Partnership, counts_from: date) -> None:
    partnership.joined_on = counts_from
    partnership.save(update_fields=["joined_on"])


def _record(signature: AgreementSignature, actor) -> None:
    record_event(signature, actor=actor, action="agreement_signed", centre=signature.version.centre,
                 summary=f"{signature.partnership.organisation.name}: {signature.version.number}",
                 changes={"version": signature.version.number, "way": signature.way,
                          "signed_on": signature.signed_on.isoformat(),
                          "counts_from": signature.counts_from.isoformat() if signature.counts_from else None})


def record_departure(*, partnership: Partnership, actor, left_on: date) -> Partnership:
    """A partner leaves the partnership: its pledges count until `left_on`; it no longer signs new versions."""
    _ensure_office(actor, partnership.centre)
    with transaction.atomic():
        partnership = Partnership.objects.select_for_update().select_related("organisation").get(pk=partnership.pk)
        if partnership.status == Partnership.Status.LEFT:
            raise PartnerError(_("This partner has already left."))
        if partnership.joined_on and left_on < partnership.joined_on:
            raise PartnerError(_("A partner cannot leave before it joined."), field="left_on")
        partnership.status, partnership.left_on = Partnership.Status.LEFT, left_on
        partnership.save(update_fields=["status", "left_on"])
        record_event(partnership, actor=actor, action="partner_left", centre=partnership.centre,
                     summary=partnership.organisation.name, changes={"left_on": left_on.isoformat()})
    return partnership
