"""The partner portal's forms: the organisation's details and its contacts."""

from django import forms
from django.forms import modelformset_factory
from django.utils.translation import gettext_lazy as _

from civhub.core.fields import formfield
from civhub.partners.models import Contact, Organisation, kvk_validator


class OrganisationDetailsForm(forms.Form):
    """What a partner may correct about its own organisation (kind and cluster stay with the office)."""

    name = forms.CharField(
        label=_("Name of the organisation"), max_length=200,
        error_messages={"required": _("Fill in the name of the organisation."),
                        "max_length": _("Keep the name to at most 200 characters.")},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    city = forms.CharField(
        label=_("City"), max_length=100, required=False,
        error_messages={"max_length": _("Keep the city to at most 100 characters.")},
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    website = forms.URLField(
        label=_("Website"), required=False, max_length=200, assume_scheme="https",
        help_text=_("Optional, for example https://www.example.nl"),
        error_messages={"invalid": _("Fill in a complete web address, for example https://www.example.nl."),
                        "max_length": _("Keep the web address to at most 200 characters.")},
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    kvk_number = forms.CharField(
        label=_("KvK number"), required=False, max_length=8, validators=[kvk_validator],
        help_text=_("Optional: the 8 digits of your Chamber of Commerce registration."),
        error_messages={"max_length": _("A KvK number has exactly 8 digits.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, organisation: Organisation, wanted: dict | None = None, **kwargs):
        """`wanted`: the values of a change still waiting for other centres' approval, shown instead."""
        current = {name: getattr(organisation, name) for name in self.base_fields}
        kwargs.setdefault("initial", {**current, **(wanted or {})})
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_kvk_number(self) -> str:
        kvk_number = self.cleaned_data["kvk_number"].strip()
        taken = Organisation.objects.filter(kvk_number=kvk_number).exclude(pk=self.organisation.pk)
        if kvk_number and taken.exists():
            raise forms.ValidationError(_("Another organisation is already registered with this KvK number. "
                                          "Ask the programme office if this is your organisation."))
        return kvk_number


class ContactForm(forms.ModelForm):
    """One contact person of the partner."""

    class Meta:
        formfield_callback = formfield
        model = Contact
        fields = ["name", "function", "email", "phone"]
        labels = {"name": _("Name"), "function": _("Function"), "email": _("E-mail address"),
                  "phone": _("Phone number")}
        widgets = {"phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"})}
        error_messages = {
            "name": {"required": _("Fill in the contact's name."),
                     "max_length": _("Keep the name to at most 200 characters.")},
            "function": {"max_length": _("Keep the function to at most 200 characters.")},
            "email": {"required": _("Fill in the contact's e-mail address."),
                      "invalid": _("Fill in a valid e-mail address, for example name@example.nl.")},
            "phone": {"max_length": _("Keep the phone number to at most 40 characters.")},
        }


# Existing contacts plus one empty row to add a new one; removing a contact is left to the office.
ContactFormSet = modelformset_factory(Contact, form=ContactForm, extra=1, can_delete=False, max_num=50,
                                      validate_max=True)
