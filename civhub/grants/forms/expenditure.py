"""Forms of the expenditure pages: one entry, the list's filters, and the import upload."""

from django import forms
from django.utils.translation import gettext_lazy as _

from civhub.core.fields import DateField, FlexibleDecimalField, ModelChoiceField
from civhub.core.models import ProgrammeLine
from civhub.grants.models import CostCategory
from civhub.grants.services.expenditure import ExpenditureData
from civhub.ledger.forms.imports import UploadField


class ExpenditureForm(forms.Form):
    """One entry of subsidy spent; a negative amount corrects an earlier entry."""

    date = DateField(
        label=_("Date"), help_text=_("The day the costs were made."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Fill in the date."), "invalid": _("Fill in a date, for example 15-03-2026.")},
    )
    category = forms.ChoiceField(label=_("Cost category"), choices=[("", "—"), *CostCategory.choices],
                                 error_messages={"required": _("Choose the cost category.")})
    programme_line = ModelChoiceField(label=_("Programme line"), queryset=ProgrammeLine.objects.none(),
                                            required=False, empty_label=_("No particular line"))
    amount = FlexibleDecimalField(
        label=_("Amount (EUR)"), max_digits=12, decimal_places=2, localize=True,
        help_text=_("What was spent, for example 4250.00. A correction of an earlier entry is a negative amount."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={"required": _("Fill in the amount."),
                        "invalid": _("Fill in the amount as a number, for example 1250.00."),
                        "max_decimal_places": _("At most 2 decimals."),
                        "max_digits": _("An amount is at most EUR 10,000,000 either way."),
                        "max_whole_digits": _("An amount is at most EUR 10,000,000 either way.")},
    )
    description = forms.CharField(
        label=_("Description"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the money was spent on, for example “Salary programme manager, March”. At most 500 "
                    "characters."),
        error_messages={"required": _("Describe the expenditure."),
                        "max_length": _("Keep the description to at most 500 characters (it has %(show_value)d).")},
    )
    extern_id = forms.CharField(label=_("External id (optional)"), max_length=100, required=False,
                                help_text=_("The number in your bookkeeping, so that an import recognises the entry."))

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme_line"].queryset = ProgrammeLine.objects.filter(centre=centre).order_by("number")

    def expenditure_data(self) -> ExpenditureData:
        data = self.cleaned_data
        return ExpenditureData(date=data["date"], category=data["category"], amount=data["amount"],
                               description=data["description"].strip(), programme_line=data["programme_line"],
                               extern_id=data["extern_id"].strip())


def _any(choices) -> list[tuple]:
    return [("", _("All"))] + list(choices)


class ExpenditureFilterForm(forms.Form):
    """The list's filters; an unknown value is ignored rather than an error page."""

    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    category = forms.ChoiceField(label=_("Cost category"), required=False, choices=_any(CostCategory.choices))
    line = forms.TypedChoiceField(label=_("Programme line"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, years, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _any((year, str(year)) for year in years)
        self.fields["line"].choices = _any(lines)

    def filters(self) -> dict:
        """The valid filters chosen, as selector keywords; an invalid one is dropped."""
        self.is_valid()
        return {name: value for name, value in getattr(self, "cleaned_data", {}).items() if value}


class ExpenditureImportForm(forms.Form):
    file = UploadField(help_text=_("The columns of the expenditure format: extern_id, datum, categorie, "
                                   "programmalijn (optional), bedrag, omschrijving."))
