"""The funding application's personal data (see core/personal_data.py): who wrote and commented on the parts,
signed a partner's commitment, submitted the application or recorded the award."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from civhub.applications.models import Commitment
from civhub.core import personal_data
from civhub.core.personal_data import Identity, Source, entered_by


def _commitments_q(identity: Identity) -> Q:
    return Q(signer=identity.user) | (Q(signer__isnull=True) & identity.name_q("signer_name"))


def _applications(identity: Identity) -> list[dict]:
    commitments = personal_data.values(Commitment.objects.filter(_commitments_q(identity)).order_by("pk"), "pk",
                                       "application_id", "partnership__organisation__name", "answer", "signer_id",
                                       "signer_name", "signer_role", "signer_address", "comment", "answered_at")
    return ([{"commitment": row} for row in commitments]
            + entered_by("applications.Application", ("created_by",), "centre__slug", "title", "created_at")(identity)
            + entered_by("applications.ApplicationPart", ("owner", "updated_by"), "application_id", "kind", "status",
                         "draft", "updated_at")(identity)
            + entered_by("applications.PartComment", ("author",), "part_id", "text", "created_at")(identity)
            + entered_by("applications.SubmittedCopy", ("submitted_by",), "application_id", "submitted_at")(identity)
            + entered_by("applications.Award", ("awarded_by",), "application_id", "decision_date",
                         "awarded_at")(identity))


def _erase_commitments(identity: Identity) -> int:
    """The answer stays (its table and hash are the partner's); the signer's name and address go."""
    return Commitment.objects.filter(_commitments_q(identity)).update(
        signer_name=personal_data.erased_name(identity.user), signer_address="")


personal_data.register(Source(
    name="applications.records",
    fields={"applications.Application": ("created_by",), "applications.ApplicationPart": ("owner", "updated_by"),
            "applications.PartComment": ("author",), "applications.Commitment": ("signer", "signer_name"),
            "applications.SubmittedCopy": ("submitted_by",), "applications.Award": ("awarded_by",)},
    export=_applications, erase=_erase_commitments,
    description=_("Parts of the funding application you wrote or own, your comments, the commitments you signed "
                  "for a partner, and the submission or award you recorded.")))
