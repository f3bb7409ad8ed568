"""The confirmation of an erasure: the administrator types the person's e-mail address."""

from django import forms
from django.utils.translation import gettext_lazy as _


class EraseForm(forms.Form):
    email = forms.CharField(label=_("Type the person's e-mail address to confirm"), max_length=254, strip=True)

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_email(self):
        typed = self.cleaned_data["email"]
        if typed.lower() != self.person.email.lower():
            raise forms.ValidationError(_("This is not the person's e-mail address. Type it exactly as shown."))
        return typed
