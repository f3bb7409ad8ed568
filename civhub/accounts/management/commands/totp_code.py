"""Print the code a person's authenticator app shows now: for the demo's reviewers, who have no app. DEBUG only."""

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civhub.accounts import two_factor
from civhub.accounts.models import User
from civhub.core.commands import CivhubCommand


class Command(CivhubCommand):
    help = gettext_lazy("Print the current two-step verification code of a person (development only: needs DEBUG=1).")

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(_("totp_code works only in development (DEBUG=1): in production a code comes from "
                                 "the person's own app."))
        user = User.objects.filter(email__iexact=options["email"]).first()
        device = two_factor.authenticator(user) if user else None
        if device is None:
            raise CommandError(_("%(email)s has no authenticator app.") % {"email": options["email"]})
        self.stdout.write(two_factor.current_code(device))
