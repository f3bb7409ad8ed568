"""Django's password rules with messages that read well in Dutch (settings.AUTH_PASSWORD_VALIDATORS).

Django 6.1 writes the "too short" error with a message its own Dutch catalogue does not have
(`%d` where the catalogue says `%(min_length)d`), so it showed in English on the first page a
new partner sees; and its "too similar to the %(verbose_name)s" gives "de e-mailadres" in Dutch.
Ours are in locale/nl.
"""

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext("This password is too short: use at least %(min_length)d character.",
                        "This password is too short: use at least %(min_length)d characters.",
                        self.min_length) % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return _("This password is too much like your %(verbose_name)s.")
