"""The form for a new subscription; the service checks the address and the events again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from civhub.webhooks.models import SUBSCRIBABLE


class SubscriptionForm(forms.Form):
    url = forms.URLField(label=_("Address (URL) of the receiving system"), max_length=500, assume_scheme="https",
                         help_text=_("Starts with https://. civhub sends a signed POST to this address."))
    events = forms.MultipleChoiceField(label=_("Events"), widget=forms.CheckboxSelectMultiple,
                                       choices=[(name.value, name.label) for name in SUBSCRIBABLE])
