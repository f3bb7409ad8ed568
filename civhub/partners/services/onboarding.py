"""Deciding on an application: approval makes (or links) a partner and invites its contact; declining explains why.

Two office people may open the same application at once. Each decision locks the
application row and checks that it is still new, so exactly one of them wins and the
other gets a PartnerError instead of a second partner or a second e-mail.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext as _

from civhub.accounts.models import Membership, Role
from civhub.core.audit import field_changes, record_event
from civhub.core.mail import send_after_commit, site_url
from civhub.partners.errors import PartnerError
from civhub.partners.models import (
    Cluster,
    Contact,
    Organisation,
    OrganisationKind,
    PartnerApplication,
    Partnership,
    default_cofinancing_group,
    normalise_name,
)

User = get_user_model()

# Which of the brochure's two clusters a kind of organisation belongs to.
GOVERNMENT_EDUCATION_KINDS = frozenset({
    OrganisationKind.MUNICIPALITY, OrganisationKind.REGION, OrganisationKind.PROVINCE,
    OrganisationKind.SCHOOL, OrganisationKind.COLLEGE,
})
SHORT_CODE_LENGTH = Partnership._meta.get_field("short_code").max_length


def cluster_for_kind(kind: str) -> str:
    """Schools and governments form one cluster; companies, foundations, hospitals and the rest the other."""
    if kind in GOVERNMENT_EDUCATION_KINDS:
        return Cluster.GOVERNMENT_EDUCATION
    return Cluster.PROFESSIONAL_FIELD


def approve_application(*, application: PartnerApplication, actor, reason: str = "") -> PartnerApplication:
    """Approve a new application: organisation, partnership, login, role and contact, then invite by e-mail."""
    with transaction.atomic():
        application = _lock_new(application)
        language = application.language
        organisation = _organisation_for(application, actor)
        partnership = _partnership_for(application, organisation, actor)
        user = _user_for(application, language)
        _grant_contact_role(user, partnership, actor)
        _contact_for(application, partnership, user, actor)
        _decide(application, actor, PartnerApplication.Status.APPROVED, reason, partnership=partnership)
        record_event(application, actor=actor, action="application_approved", centre=application.centre,
                     summary=application.organisation_name, changes={"partnership": partnership.short_code})
        _send_invitation(partnership, user, language)
    return application


def decline_application(*, application: PartnerApplication, actor, reason: str) -> PartnerApplication:
    """Decline a new application and tell the applicant why; a reason is required."""
    reason = (reason or "").strip()
    if not reason:
        raise PartnerError(_("Give a reason: the applicant receives it by e-mail."))
    with transaction.atomic():
        application = _lock_new(application)
        language = application.language
        _decide(application, actor, PartnerApplication.Status.DECLINED, reason)
        record_event(application, actor=actor, action="application_declined", centre=application.centre,
                     summary=application.organisation_name, changes={"reason": reason})
        send_after_commit(to=[application.contact_email], template="partners/email/declined",
                          context={"application": application, "centre": application.centre, "reason": reason},
                          language=language)
    return application


def _lock_new(application: PartnerApplication) -> PartnerApplication:
    """Reload the application under a row lock; a decided application cannot be decided again."""
    locked = (
        PartnerApplication.objects.select_for_update(of=("self",))
        .select_related("centre")
        .get(pk=application.pk)
    )
    if locked.status != PartnerApplication.Status.NEW:
        raise PartnerError(_("This application has already been decided (%(status)s).")
                           % {"status": locked.get_status_display()})
    return locked


def _decide(application, actor, status, reason, partnership=None) -> None:
    application.status = status
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.decision_reason = reason.strip()
    application.partnership = partnership
    application.save(update_fields=["status", "decided_by", "decided_at", "decision_reason", "partnership"])


def matching_organisation(*, kvk_number: str, name: str) -> Organisation | None:
    """The existing organisation an applicant is: same KvK number, else same normalised name.

    A name match is only taken when the KvK numbers do not contradict each other; two
    organisations with different KvK numbers are different, however alike their names.
    """
    if kvk_number:
        found = Organisation.objects.filter(kvk_number=kvk_number).first()
        if found:
            return found
    normalised = normalise_name(name)
    if not normalised:
        return None
    candidates = Organisation.objects.filter(normalised_name=normalised).order_by("pk")
    if kvk_number:
        candidates = candidates.filter(kvk_number="")
    return candidates.first()


def _organisation_for(application: PartnerApplication, actor) -> Organisation:
    """Link the organisation the office already knows, or create it from the application."""
    organisation = matching_organisation(kvk_number=application.kvk_number, name=application.organisation_name)
    if organisation is None:
        organisation = Organisation(name=application.organisation_name, kind=application.kind,
                                    city=application.city, website=application.website,
                                    kvk_number=application.kvk_number)
        organisation._history_user = actor
        organisation.save()
        record_event(organisation, actor=actor, action="created_from_application", centre=application.centre,
                     summary=organisation.name)
        return organisation
    _complete_kvk(organisation, application, actor)
    record_event(organisation, actor=actor, action="linked_to_application", centre=application.centre,
                 summary=organisation.name, changes={"application": application.pk})
    return organisation


def _complete_kvk(organisation: Organisation, application: PartnerApplication, actor) -> None:
    """A matched organisation without a KvK number takes the one the applicant gave."""
    if organisation.kvk_number or not application.kvk_number:
        return
    changes = field_changes(organisation, {"kvk_number": application.kvk_number})
    organisation.kvk_number = application.kvk_number
    organisation._history_user = actor
    organisation.save(update_fields=["kvk_number"])
    record_event(organisation, actor=actor, action="details_updated", centre=application.centre,
                 summary=organisation.name, changes=changes)


def _partnership_for(application: PartnerApplication, organisation: Organisation, actor) -> Partnership:
    """The organisation's partnership in the centre: reused (and made active) if it exists, else new."""
    centre = application.centre
    partnership = Partnership.objects.select_for_update().filter(centre=centre, organisation=organisation).first()
    if partnership is None:
        partnership = Partnership(
            centre=centre, organisation=organisation, status=Partnership.Status.ACTIVE,
            short_code=unique_short_code(centre, organisation.name), joined_on=timezone.localdate(),
            cluster=cluster_for_kind(organisation.kind),
            cofinancing_group=default_cofinancing_group(organisation.kind, lead_applicant=False),
            intended_kinds=list(application.intended_kinds),
        )
        partnership._history_user = actor
        partnership.save()
        record_event(partnership, actor=actor, action="created_from_application", centre=centre,
                     summary=str(organisation))
        return partnership
    _reactivate(partnership, application, actor)
    return partnership


def _reactivate(partnership: Partnership, application: PartnerApplication, actor) -> None:
    """A prospect or former partner that is approved again becomes active; its history stays."""
    data = {"status": Partnership.Status.ACTIVE, "left_on": None,
            "joined_on": partnership.joined_on or timezone.localdate(),
            "intended_kinds": partnership.intended_kinds or list(application.intended_kinds)}
    changes = field_changes(partnership, data)
    for name, value in data.items():
        setattr(partnership, name, value)
    if changes:
        partnership._history_user = actor
        partnership.save(update_fields=list(changes))
    record_event(partnership, actor=actor, action="linked_to_application", centre=partnership.centre,
                 summary=str(partnership.organisation), changes=changes)


def unique_short_code(centre, name: str) -> str:
    """A slug of the name that no other partnership in the centre uses (janssen, janssen-2, ...)."""
    base = slugify(name)[: SHORT_CODE_LENGTH - 4].strip("-") or "partner"
    taken = set(Partnership.objects.filter(centre=centre, short_code__startswith=base)
                .values_list("short_code", flat=True))
    code, number = base, 1
    while code in taken:
        number += 1
        code = f"{base}-{number}"
    return code


def _user_for(application: PartnerApplication, language: str):
    """The contact's login, found by e-mail address; a new one has no password until they set it."""
    user = User.objects.filter(email__iexact=application.contact_email).first()
    if user is None:
        user = User.objects.create_user(application.contact_email, password=None,
                                        full_name=application.contact_name, preferred_language=language)
    return user


def _grant_contact_role(user, partnership: Partnership, actor) -> None:
    """Make the user a partner contact for the partnership (once; approving never duplicates a role)."""
    exists = Membership.objects.filter(user=user, centre=partnership.centre, role=Role.PARTNER_CONTACT,
                                       partnership=partnership).exists()
    if exists:
        return
    membership = Membership(user=user, centre=partnership.centre, role=Role.PARTNER_CONTACT, partnership=partnership)
    membership._history_user = actor
    membership.save()


def _contact_for(application: PartnerApplication, partnership: Partnership, user, actor) -> Contact:
    """The applicant becomes a contact of the partnership, primary unless it already has one."""
    contact = partnership.contacts.filter(email__iexact=application.contact_email).first()
    if contact is None:
        contact = Contact(partnership=partnership, name=application.contact_name, email=application.contact_email,
                          phone=application.contact_phone)
    contact.user = user
    contact.is_primary = contact.is_primary or not partnership.contacts.filter(is_primary=True).exists()
    contact._history_user = actor
    contact.save()
    return contact


def set_password_url(user) -> str:
    """The absolute link with which a person chooses their password (valid for PASSWORD_RESET_TIMEOUT)."""
    path = reverse("accounts:set_password", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    })
    return f"{site_url()}{path}"


def resend_invitation(*, contact: Contact, actor) -> Contact:
    """Send a contact who never chose a password their invitation again, with a new link (the old one may have
    expired, or the mail may never have arrived)."""
    user = contact.user
    if user is None or not user.is_active:
        raise PartnerError(_("%(name)s has no civhub account to invite.") % {"name": contact.name})
    if user.has_usable_password():
        raise PartnerError(_("%(name)s has already chosen a password and can sign in; a forgotten password can be "
                             "reset on the sign-in page.") % {"name": contact.name})
    with transaction.atomic():
        record_event(contact, actor=actor, action="invitation_resent", centre=contact.partnership.centre,
                     summary=user.email)
        _send_invitation(contact.partnership, user, user.preferred_language)
    return contact


def _send_invitation(partnership, user, language) -> None:
    """Invite the contact; someone who already has a password is told to sign in instead."""
    context = {
        "centre": partnership.centre, "partnership": partnership, "user": user,
        "set_password_url": "" if user.has_usable_password() else set_password_url(user),
        "login_url": f"{site_url()}{reverse('accounts:login')}",
    }
    send_after_commit(to=[user.email], template="partners/email/invitation", context=context,
                      language=user.preferred_language if user.has_usable_password() else language)
