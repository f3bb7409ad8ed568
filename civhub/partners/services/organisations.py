"""Changing a partner's own details from the portal: the organisation and its contacts, every change audited.

The contacts belong to the partnership and change at once. The organisation's details are
shared with every centre it is a partner of; services.organisation_changes decides whether
an edit applies at once or waits for the other centres' approval.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from civhub.core.audit import field_changes, record_event
from civhub.partners.errors import PartnerError
from civhub.partners.models import Contact, OrganisationChange, Partnership
from civhub.partners.services.organisation_changes import change_details

CONTACT_FIELDS = ("name", "function", "email", "phone")


def update_contact(*, contact: Contact, actor, data: dict) -> Contact:
    """Change one contact's name, function, e-mail or phone."""
    with transaction.atomic():
        contact = Contact.objects.select_for_update().select_related("partnership__centre").get(pk=contact.pk)
        wanted = {name: data[name] for name in CONTACT_FIELDS if name in data}
        changes = field_changes(contact, wanted)
        if not changes:
            return contact
        if "email" in changes:
            _ensure_email_free(contact.partnership, wanted["email"], contact)
        for name in changes:
            setattr(contact, name, wanted[name])
        contact._history_user = actor
        contact.save(update_fields=list(changes))
        record_event(contact, actor=actor, action="contact_updated", centre=contact.partnership.centre,
                     summary=contact.name, changes=changes)
    return contact


def add_contact(*, partnership: Partnership, actor, data: dict) -> Contact:
    """Add a contact person to the partnership (without a login: the office invites people who need one)."""
    with transaction.atomic():
        _ensure_email_free(partnership, data["email"], None)
        contact = Contact(partnership=partnership, **{name: data.get(name, "") for name in CONTACT_FIELDS})
        contact._history_user = actor
        contact.save()
        record_event(contact, actor=actor, action="contact_added", centre=partnership.centre,
                     summary=contact.name, changes={"email": contact.email})
    return contact


def _ensure_email_free(partnership: Partnership, email: str, contact: Contact | None) -> None:
    others = partnership.contacts.filter(email__iexact=email)
    if contact is not None:
        others = others.exclude(pk=contact.pk)
    if others.exists():
        raise PartnerError(_("Another contact of this partner already has the e-mail address %(email)s.")
                           % {"email": email})


def update_partner(*, partnership: Partnership, actor, details: dict, contacts=(),
                   new_contacts=()) -> OrganisationChange | None:
    """Save one edit of the portal page in one transaction: details, changed contacts, added contacts.

    `contacts` holds (contact, data) pairs; a PartnerError in any part leaves everything unchanged.
    Returns the request for the other centres' approval that the details still wait on, if any.
    """
    with transaction.atomic():
        pending = change_details(partnership=partnership, actor=actor, data=details)
        for contact, data in contacts:
            if contact.partnership_id != partnership.pk:  # a contact of another partner is never edited here
                raise PartnerError(_("This contact does not belong to this partner."))
            update_contact(contact=contact, actor=actor, data=data)
        for data in new_contacts:
            add_contact(partnership=partnership, actor=actor, data=data)
    return pending
