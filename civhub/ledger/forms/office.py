"""The office's forms: pledges and rate cards. The services check the rules again when they write."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from civhub.core.choices import NEVER_COUNTED_KINDS, ContributionKind
from civhub.core.fields import DateField, ModelChoiceField
from civhub.ledger.services.reference import MAX_PLEDGE, MAX_RATE, PledgeData, RateData

_NUMBER = re.compile(r"^-?[0-9.,]+$")


def parse_amount(text: str) -> Decimal:
    """`1234,56`, `1234.56`, `1.234,56` and `1,234.56` all mean 1234.56 (docs/formats.md): the last separator
    is the decimal one when both occur; a lone one is the decimal separator."""
    text = text.strip().replace(" ", "").replace("\u00a0", "")
    if not _NUMBER.match(text):
        raise InvalidOperation(text)
    if "," in text and "." in text:
        decimal, thousands = (",", ".") if text.rfind(",") > text.rfind(".") else (".", ",")
        text = text.replace(thousands, "").replace(decimal, ".")
    else:
        text = text.replace(",", ".")
    if text.count(".") > 1:
        raise InvalidOperation(text)
    return Decimal(text)


class AmountField(forms.DecimalField):
    """A money field that reads a Dutch or an English decimal, with at most two decimals."""

    def __init__(self, **kwargs):
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return parse_amount(str(value))
        except InvalidOperation:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class PartnerChoiceField(ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.organisation.name


def _partner_field(partnerships):
    return PartnerChoiceField(label=_("Partner"), queryset=partnerships, empty_label=_("Choose a partner"),
                              to_field_name="short_code",
                              error_messages={"required": _("Choose the partner."),
                                              "invalid_choice": _("Choose one of the centre's partners.")})


class PledgeForm(forms.Form):
    """A pledge: partner (when adding), subsidy year, kind and amount."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int,
                                  error_messages={"required": _("Choose the year."),
                                                  "invalid_choice": _("Choose a year of the grant.")})
    # BPV is never co-financing (RIF art. 10(5)): a partner does not pledge it.
    kind = forms.ChoiceField(label=_("Kind of contribution"), choices=ContributionKind.form_choices(
        [kind for kind in ContributionKind if kind not in NEVER_COUNTED_KINDS]),
                             error_messages={"required": _("Choose the kind of contribution.")})
    amount = AmountField(
        label=_("Amount pledged (EUR)"), min_value=Decimal("0"), max_value=MAX_PLEDGE, max_digits=12,
        help_text=_("For example 25000 or 25.000,00."),
        error_messages={"required": _("Give the amount pledged."), "invalid": _("Give an amount such as 25000,00."),
                        "min_value": _("A pledge is EUR 0 or more."),
                        "max_decimal_places": _("A pledge has at most two decimals (whole cents).")},
    )

    def __init__(self, *args, years, partnerships=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Choose a year"))] + [(year, str(year)) for year in years]
        if partnerships is not None:
            self.fields = {"partnership": _partner_field(partnerships), **self.fields}

    def pledge_data(self) -> PledgeData:
        data = self.cleaned_data
        return PledgeData(year=data["year"], kind=data["kind"], amount=data["amount"])


class RateCardForm(forms.Form):
    """A rate card: partner (when adding), staff category, hourly rate and the date it applies from."""

    category = forms.SlugField(
        label=_("Staff category"), max_length=40,
        help_text=_("A short code such as analyst or senior-engineer: letters, digits, hyphens and underscores."),
        error_messages={"required": _("Give the staff category."),
                        "invalid": _("Use letters, digits, hyphens and underscores only, such as senior-engineer.")},
    )
    hourly_rate = AmountField(
        label=_("Hourly rate (EUR)"), min_value=Decimal("0.01"), max_value=MAX_RATE, max_digits=7,
        error_messages={"required": _("Give the hourly rate."), "invalid": _("Give an amount such as 85,00."),
                        "min_value": _("An hourly rate is more than EUR 0 and at most EUR 500."),
                        "max_value": _("An hourly rate is more than EUR 0 and at most EUR 500."),
                        "max_decimal_places": _("An hourly rate has at most two decimals (whole cents).")},
    )
    valid_from = DateField(
        label=_("Valid from"), widget=DateInput(),
        help_text=_("The rate applies from this day until the next rate of the same category."),
        error_messages={"required": _("Give the date from which the rate applies."),
                        "invalid": _("Give a date such as 2025-01-01.")},
    )

    def __init__(self, *args, partnerships=None, **kwargs):
        super().__init__(*args, **kwargs)
        if partnerships is not None:
            self.fields = {"partnership": _partner_field(partnerships), **self.fields}

    def rate_data(self) -> RateData:
        data = self.cleaned_data
        return RateData(category=data["category"], hourly_rate=data["hourly_rate"], valid_from=data["valid_from"])
