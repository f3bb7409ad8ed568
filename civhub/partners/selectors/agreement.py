"""The register of the cooperation agreement as pages read it: the current version and, per partner, whether it
signed it (and how), for the office, the partner's own portal, the public page and the application's readiness."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from civhub.partners.models import AgreementSignature, AgreementVersion, Partnership


def current_version(centre) -> AgreementVersion | None:
    """The newest version of the centre's agreement, or None while there is none (one query)."""
    return AgreementVersion.objects.filter(centre=centre).order_by("-number").first()


def signed_current(centre, version: AgreementVersion | None = None):
    """An expression for a Partnership queryset: whether it signed the current version (False without one)."""
    return Exists(AgreementSignature.objects.filter(partnership=OuterRef("pk"), version__centre=centre,
                                                    version__number=_newest_number(centre, version)))


def _newest_number(centre, version):
    if version is not None:
        return version.number
    return AgreementVersion.objects.filter(centre=centre).order_by("-number").values("number")[:1]


@dataclass(frozen=True)
class SignatureStanding:
    """Who has not yet signed the current version: the active partners without a signature (two queries)."""

    version: AgreementVersion | None
    partners: int
    unsigned: list[Partnership]

    @property
    def complete(self) -> bool:
        return self.version is not None and not self.unsigned


def signature_standing(centre) -> SignatureStanding:
    version = current_version(centre)
    active = (Partnership.objects.filter(centre=centre, status=Partnership.Status.ACTIVE)
              .select_related("organisation").annotate(signed=signed_current(centre, version))
              .order_by("organisation__name"))
    found = list(active)
    return SignatureStanding(version, len(found), [partner for partner in found if not partner.signed])


def signature_of(version: AgreementVersion | None, partnership: Partnership) -> AgreementSignature | None:
    if version is None:
        return None
    return AgreementSignature.objects.filter(version=version, partnership=partnership).first()


@dataclass(frozen=True)
class RegisterRow:
    """One partner in the register's matrix: its signature under the current version, or None (not yet)."""

    partnership: Partnership
    signature: AgreementSignature | None


@dataclass(frozen=True)
class Register:
    """The register page: every version (newest first), the current one, each partner that has not left with its
    signature under the current version, and the partners that left (four queries)."""

    versions: list[AgreementVersion]
    current: AgreementVersion | None
    rows: list[RegisterRow]
    left: list[Partnership]

    @property
    def signed(self) -> int:
        return sum(1 for row in self.rows if row.signature is not None)


def register(centre) -> Register:
    versions = list(AgreementVersion.objects.filter(centre=centre).order_by("-number"))
    current = versions[0] if versions else None
    partners = list(Partnership.objects.filter(centre=centre).select_related("organisation")
                    .order_by("organisation__name", "pk"))
    signatures = {}
    if current is not None:
        signatures = {signature.partnership_id: signature
                      for signature in AgreementSignature.objects.filter(version=current)
                      .select_related("confirmed_by")}
    staying = [partner for partner in partners if partner.status != Partnership.Status.LEFT]
    return Register(versions=versions, current=current,
                    rows=[RegisterRow(partner, signatures.get(partner.pk)) for partner in staying],
                    left=[partner for partner in partners if partner.status == Partnership.Status.LEFT])


def unsigned_staying(centre, version: AgreementVersion | None):
    """The partners that may still sign `version` (those that have not left and have not signed it), by name."""
    partners = (Partnership.objects.filter(centre=centre).exclude(status=Partnership.Status.LEFT)
                .select_related("organisation").order_by("organisation__name"))
    if version is not None:
        partners = partners.exclude(agreement_signatures__version=version)
    return partners
