"""The partners' personal data (see core/personal_data.py): contacts, applications to join, organisation changes
asked for, and signatures under the cooperation agreement."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from civhub.core import personal_data
from civhub.core.personal_data import Identity, Source
from civhub.partners.models import AgreementSignature, Contact, PartnerApplication


def _own_contacts(identity: Identity):
    return Contact.objects.filter(Q(user=identity.user) | identity.email_q("email"))


def _contact_aliases(user) -> tuple[set[str], set[str]]:
    """The names and addresses under which the person is a contact of a partner (typed by the office)."""
    rows = Contact.objects.filter(user=user).values_list("name", "email")
    return {name for name, _email in rows}, {email for _name, email in rows}


def _contacts(identity: Identity) -> list[dict]:
    return personal_data.values(_own_contacts(identity).order_by("pk"), "pk", "partnership__organisation__name",
                                "partnership__centre__slug", "name", "function", "email", "phone", "user_id",
                                "is_primary")


def _erase_contacts(identity: Identity) -> int:
    pks = list(_own_contacts(identity).values_list("pk", flat=True))
    erased = {"name": personal_data.erased_name(identity.user), "email": personal_data.erased_email(identity.user),
              "phone": "", "function": ""}
    personal_data.erase_history(Contact, pks, **erased)
    return Contact.objects.filter(pk__in=pks).update(**erased)


def _applications_q(identity: Identity) -> Q:
    return identity.email_q("contact_email")


def _applications(identity: Identity) -> list[dict]:
    rows = PartnerApplication.objects.filter(_applications_q(identity) | Q(decided_by=identity.user))
    return personal_data.values(rows.order_by("pk"), "pk", "centre__slug", "organisation_name", "contact_name",
                                "contact_email", "contact_phone", "motivation", "consent_given_at", "status",
                                "decided_by_id", "decided_at", "created_at")


def _erase_applications(identity: Identity) -> int:
    return PartnerApplication.objects.filter(_applications_q(identity)).update(
        contact_name=personal_data.erased_name(identity.user), contact_email=personal_data.erased_email(identity.user),
        contact_phone="", submitted_from="")


def _signatures_q(identity: Identity) -> Q:
    return Q(confirmed_by=identity.user) | (Q(confirmed_by__isnull=True) & identity.name_q("signed_by_name"))


def _agreement(identity: Identity) -> list[dict]:
    rows = AgreementSignature.objects.filter(_signatures_q(identity) | Q(recorded_by=identity.user))
    return personal_data.values(rows.order_by("pk"), "pk", "version__centre__slug", "version__number",
                                "partnership__organisation__name", "way", "signed_by_name", "signed_on",
                                "confirmed_by_id", "recorded_by_id", "recorded_at")


def _erase_agreement(identity: Identity) -> int:
    """The signature stays a fact (the scanned copy proves it); the name under it becomes the erased name."""
    return AgreementSignature.objects.filter(_signatures_q(identity)).update(
        signed_by_name=personal_data.erased_name(identity.user))


personal_data.register(Source(
    name="partners.contacts", fields={"partners.Contact": ("name", "email", "phone", "user")},
    export=_contacts, erase=_erase_contacts, aliases=_contact_aliases,
    description=_("Where you are a contact person of a partner organisation.")))
personal_data.register(Source(
    name="partners.applications",
    fields={"partners.PartnerApplication": ("contact_name", "contact_email", "contact_phone", "decided_by")},
    export=_applications, erase=_erase_applications,
    description=_("Applications to become a partner in which you are the contact, or which you decided on.")))
personal_data.register(Source(
    name="partners.organisation_changes",
    fields={"partners.OrganisationChange": ("requested_by",), "partners.OrganisationChangeDecision": ("decided_by",)},
    export=lambda identity: (
        personal_data.entered_by("partners.OrganisationChange", ("requested_by",), "organisation__name",
                                 "requested_at", "wanted", "previous", "status")(identity)
        + personal_data.entered_by("partners.OrganisationChangeDecision", ("decided_by",), "change_id",
                                   "centre__slug", "decision", "decided_at", "reason")(identity)),
    description=_("Changes to an organisation's details you asked for or decided on.")))
personal_data.register(Source(
    name="partners.agreement",
    fields={"partners.AgreementVersion": ("created_by",),
            "partners.AgreementSignature": ("signed_by_name", "confirmed_by", "recorded_by")},
    export=lambda identity: _agreement(identity) + personal_data.entered_by(
        "partners.AgreementVersion", ("created_by",), "centre__slug", "number", "created_at")(identity),
    erase=_erase_agreement,
    description=_("Signatures under the cooperation agreement you gave or recorded, and versions you added.")))
personal_data.impersonal("partners.Organisation", "name", "normalised_name", reason="the name of an organisation")
personal_data.impersonal("partners.PartnerApplication", "organisation_name", "normalised_name",
                         reason="the name of the applying organisation")
