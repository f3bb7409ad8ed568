"""Sign-in and password forms with Dutch labels and messages."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template import loader
from django.utils.translation import gettext_lazy as _

from civhub.accounts.models import NotificationPreference
from civhub.core.mail import queue_mail


class EmailAuthenticationForm(AuthenticationForm):
    """Sign in with e-mail address and password."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _("This e-mail address and password do not match. Check both and try again."),
        "inactive": _("This account is not active. Ask the programme office."),
    }


class NotificationForm(forms.Form):
    """How a person wants to hear of work handed to them."""

    frequency = forms.ChoiceField(label=_("E-mail me about new work"), widget=forms.RadioSelect,
                                  choices=NotificationPreference.Frequency.choices)


class OneTimeCodeForm(forms.Form):
    """A six-digit code from the authenticator app, or one of the recovery codes."""

    code = forms.CharField(
        label=_("Code"), max_length=20, strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True,
                                      "spellcheck": "false", "size": 16}),
    )


class PasswordLinkForm(PasswordResetForm):
    """Ask for a link to choose a password: a forgotten one, or an invitation whose link has expired.

    Unlike Django's form it also answers a person who was invited and never chose a password (their password is
    unusable), and the mail goes through the outbox (core/mail.py), so a mail server that fails never breaks the page.
    The page says the same whether or not the address has an account.
    """

    email = forms.EmailField(label=_("E-mail address"), max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))

    def get_users(self, email):
        users = get_user_model()._default_manager.filter(email__iexact=email, is_active=True)
        return (user for user in users if user.email.casefold() == email.casefold())

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        subject = " ".join(loader.render_to_string(subject_template_name, context).split())
        queue_mail(to=[to_email], subject=subject, body=loader.render_to_string(email_template_name, context))
