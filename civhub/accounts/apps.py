from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "civhub.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # The admin's scoping lives in core, below us; we hand it the rule saying who administers which centre.
        from civhub.accounts.permissions import admin_centre_ids
        from civhub.core import admin_scoping

        admin_scoping.decide_admin_centres(admin_centre_ids)

        from django.contrib.auth.signals import user_logged_in

        from civhub.accounts.middleware import stamp_sign_in

        user_logged_in.connect(stamp_sign_in, dispatch_uid="civhub_stamp_sign_in")
