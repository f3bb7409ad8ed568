"""The public 'become a partner' application form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from civhub.core.choices import ContributionKind
from civhub.core.fields import formfield
from civhub.partners.models import PartnerApplication, kvk_validator


class PartnerApplicationForm(forms.ModelForm):
    """What an organisation tells the centre when it applies; every message is for a non-programmer."""

    kvk_number = forms.CharField(
        label=_("KvK number"), required=False, max_length=8, validators=[kvk_validator],
        help_text=_("Optional: the 8 digits of your Chamber of Commerce registration."),
        error_messages={"max_length": _("A KvK number has exactly 8 digits.")},
    )
    intended_kinds = forms.MultipleChoiceField(
        label=_("How do you intend to contribute?"),
        choices=ContributionKind.form_choices(ContributionKind.in_kind()),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose one or more. Contributions are mostly in kind: hours of your staff, lab use, materials."),
        error_messages={"required": _("Choose at least one way you intend to contribute.")},
    )
    consent = forms.BooleanField(
        label=_("I agree that the centre stores these details to handle this application and to contact me."),
        error_messages={"required": _("We can only handle your application with your consent.")},
    )
    # A field people never see; bots that fill every field give themselves away.
    nickname = forms.CharField(required=False, label=_("Leave this field empty"))

    class Meta:
        formfield_callback = formfield
        model = PartnerApplication
        fields = [
            "organisation_name", "kind", "city", "website", "kvk_number",
            "contact_name", "contact_email", "contact_phone", "motivation", "intended_kinds",
        ]
        labels = {
            "organisation_name": _("Name of your organisation"),
            "kind": _("Kind of organisation"),
            "city": _("City"),
            "website": _("Website"),
            "contact_name": _("Your name"),
            "contact_email": _("Your e-mail address"),
            "contact_phone": _("Your phone number"),
            "motivation": _("Why do you want to join?"),
        }
        help_texts = {
            "website": _("Optional, for example https://www.example.nl"),
            "contact_email": _("We send the confirmation and, once approved, your invitation here."),
            "contact_phone": _("Optional."),
            "motivation": _("What does your organisation hope to bring and to gain? At most 3,000 characters."),
        }
        widgets = {
            "organisation_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "website": forms.URLInput(attrs={"autocomplete": "url"}),
            "motivation": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {
            "organisation_name": {"required": _("Fill in the name of your organisation."),
                                  "max_length": _("Keep the name to at most 200 characters.")},
            "kind": {"required": _("Choose the kind of organisation.")},
            "city": {"required": _("Fill in the city."), "max_length": _("Keep the city to at most 100 characters.")},
            "website": {"invalid": _("Fill in a complete web address, for example https://www.example.nl.")},
            "contact_name": {"required": _("Fill in your name."),
                             "max_length": _("Keep your name to at most 200 characters.")},
            "contact_email": {"required": _("Fill in your e-mail address."),
                              "invalid": _("Fill in a valid e-mail address, for example name@example.nl.")},
            "contact_phone": {"max_length": _("Keep the phone number to at most 40 characters.")},
            "motivation": {"required": _("Tell us briefly why you want to join."),
                           "max_length": _("Keep the motivation to at most 3,000 characters.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Choose…"))] + list(self.fields["kind"].choices)[1:]
        self.fields["nickname"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("nickname"))
