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
