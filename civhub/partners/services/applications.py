"""Receiving an application to become a partner, from the public site."""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.accounts.models import Membership, Role
from civhub.accounts.notifications import notify
from civhub.core.audit import record_event
from civhub.core.mail import send_after_commit
from civhub.core.models import Centre
from civhub.partners.errors import PartnerError
from civhub.partners.models import PartnerApplication

RATE_WINDOW = timedelta(hours=1)


def client_fingerprint(ip_address: str) -> str:
    """A keyed hash of the sender's address: enough for a rate limit, without storing the address."""
    return hmac.new(settings.SECRET_KEY.encode(), (ip_address or "").encode(), hashlib.sha256).hexdigest()


def too_many_from(fingerprint: str) -> bool:
    since = timezone.now() - RATE_WINDOW
    recent = PartnerApplication.objects.filter(submitted_from=fingerprint, created_at__gte=since).count()
    return recent >= settings.APPLICATION_RATE_LIMIT


def submit_application(*, centre: Centre, data: dict, ip_address: str, language: str) -> PartnerApplication:
    """Store an application (not a partner yet), confirm it to the applicant and tell the programme managers."""
    fingerprint = client_fingerprint(ip_address)
    with transaction.atomic():
        if too_many_from(fingerprint):
            raise PartnerError(_("We received several applications from your address in the last hour. "
                                 "Please try again later, or e-mail the programme office."))
        application = PartnerApplication.objects.create(
            centre=centre, submitted_from=fingerprint, consent_given_at=timezone.now(), language=language, **data
        )
        record_event(application, actor=None, action="application_received", centre=centre,
                     summary=application.organisation_name)
        _notify(application, language)
    return application


def _notify(application: PartnerApplication, language: str) -> None:
    context = {"application": application, "centre": application.centre}
    send_after_commit(to=[application.contact_email], template="partners/email/application_received",
                      context=context, language=language)
    managers = Membership.objects.filter(centre=application.centre, role=Role.PROGRAMME_MANAGER).select_related("user")
    notify([membership.user for membership in managers], template="partners/email/application_for_office",
           context=context)
