"""The public forms: the catalogue's filters, and registering interest or enrolling (name, e-mail, employer)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from civhub.core.fields import ModelChoiceField
from civhub.learning.models import Course
from civhub.learning.selectors.catalogue import CatalogueFilters
from civhub.partners.models import Partnership


class CatalogueFilterForm(forms.Form):
    """The catalogue's filters; every field may stay empty."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search"}))
    level = forms.ChoiceField(label=_("Level"), required=False)
    mode = forms.ChoiceField(label=_("Mode"), required=False)
    skill = forms.TypedChoiceField(label=_("Skill"), required=False, coerce=int, empty_value=None)
    provider = forms.TypedChoiceField(label=_("Provider"), required=False, coerce=int, empty_value=None)
    stap = forms.BooleanField(label=_("Only STAP-eligible courses"), required=False)

    def __init__(self, *args, skills=(), providers=(), offer_stap=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not offer_stap:
            del self.fields["stap"]
        every = [("", _("All"))]
        self.fields["level"].choices = every + list(Course.Level.choices)
        self.fields["mode"].choices = every + list(Course.Mode.choices)
        self.fields["skill"].choices = every + list(skills)
        self.fields["provider"].choices = every + list(providers)

    def filters(self) -> CatalogueFilters:
        """The chosen filters; an invalid choice (an edited URL) counts as no filter."""
        if not self.is_bound:
            return CatalogueFilters()
        self.is_valid()
        data = self.cleaned_data
        return CatalogueFilters(level=data.get("level") or "", mode=data.get("mode") or "",
                                skill=data.get("skill"), provider=data.get("provider"),
                                stap_only=bool(data.get("stap")), text=(data.get("q") or "").strip())


class EmployerChoiceField(ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.organisation.name


class RegistrationForm(forms.Form):
    """Who registers: the employee's name and e-mail, and their employer if it is a partner of the centre."""

    name = forms.CharField(label=_("Name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"}),
                           error_messages={"required": _("Fill in the name of the participant.")})
    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}),
                             help_text=_("The confirmation goes here."),
                             error_messages={"required": _("Fill in an e-mail address."),
                                             "invalid": _("Fill in a valid e-mail address, for example "
                                                          "name@example.nl.")})
    employer = EmployerChoiceField(label=_("Employer"), required=False, queryset=Partnership.objects.none(),
                                   empty_label=_("None of these / not a partner"),
                                   help_text=_("Choose your employer if it is a partner of the centre."))
    # A field people never see; bots that fill every field give themselves away (as on the partner application).
    nickname = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = (Partnership.objects.filter(centre=centre).select_related("organisation")
                                            .order_by("organisation__name"))
        self.fields["nickname"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("nickname"))

    def registration(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("name", "email", "employer")}


class EnrolmentForm(RegistrationForm):
    """Enrolling in an offering: who, the terms accepted, and for an employer how it is invoiced."""

    invoice_address = forms.CharField(
        label=_("Invoice address"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("When your employer pays: the address the provider sends the invoice to."))
    purchase_order = forms.CharField(
        label=_("Purchase-order number"), required=False, max_length=100,
        help_text=_("Or the purchase-order number your employer gave you for this course."))
    terms_accepted = forms.BooleanField(label=_("I accept the terms and the price shown above"),
                                        error_messages={"required": _("Accept the terms to enrol.")})

    field_order = ["name", "email", "employer", "invoice_address", "purchase_order", "terms_accepted", "nickname"]

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, centre=course.centre, **kwargs)
        self.course = course

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("employer") and self.course.price > 0 and not (
                cleaned.get("invoice_address", "").strip() or cleaned.get("purchase_order", "").strip()):
            self.add_error("invoice_address", _("Your employer pays: give the invoice address or a "
                                                "purchase-order number."))
        return cleaned

    def registration(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("name", "email", "employer", "invoice_address",
                                                           "purchase_order", "terms_accepted")}
