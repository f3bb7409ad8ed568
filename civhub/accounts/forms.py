"""Sign-in and password forms with Dutch labels and messages."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from civhub.accounts.models import NotificationPreference


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
