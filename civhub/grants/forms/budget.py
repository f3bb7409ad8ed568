"""Forms of the budget pages: a revision (name, reason and every cell of the base version) and the comparison.

The forms check what a person typed; the budget's rules (no negative amounts, years of the
grant, each cell once) live in services.budget, whose messages the view shows on the form.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from civhub.core.fields import FlexibleDecimalField
from civhub.grants.models import CostCategory, FundingSource
from civhub.grants.services.budget import Cell

EXTRA_ROWS = 5  # empty rows under the base version's cells, to add cells


class RevisionForm(forms.Form):
    """What the revision is called and why it was made; the base version it starts from."""

    base = forms.TypedChoiceField(label=_("Based on version"), coerce=int, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name"), max_length=200,
                           help_text=_("For example “Revision after the 2025 steering-group meeting”."),
                           error_messages={"required": _("Give the revision a name.")})
    reason = forms.CharField(label=_("Reason"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Why the budget changes; it is kept with the version."),
                             error_messages={"required": _("Give the reason for the revision.")})
    deviation_reason = forms.CharField(
        label=_("Why the budget may break a rule of the regulation"), max_length=4000, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only needed when civhub warns that the revision breaks a rule (the subsidy's share, the "
                    "award, the groups' bounds); the version is then saved with this explanation."))

    def __init__(self, *args, numbers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base"].choices = [(number, str(number)) for number in numbers]


class CellForm(forms.Form):
    """One budget cell: year × programme line × cost category × source, and its amount. Empty amount: left out."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    line = forms.TypedChoiceField(label=_("Programme line"), coerce=int, required=False, empty_value=None)
    category = forms.ChoiceField(label=_("Cost category"), required=False)
    source = forms.ChoiceField(label=_("Source"), required=False)
    amount = FlexibleDecimalField(
        label=_("Amount (EUR)"), required=False, max_digits=12, decimal_places=2, localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 12}),
        error_messages={"invalid": _("Fill in the amount as a number, for example 1250.00."),
                        "max_decimal_places": _("At most 2 decimals."),
                        "max_digits": _("The amount is too large."),
                        "max_whole_digits": _("The amount is too large.")},
    )

    def __init__(self, *args, years, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "—")] + [(year, str(year)) for year in years]
        self.fields["line"].choices = [("", _("No line"))] + lines
        self.fields["category"].choices = [("", "—"), *CostCategory.choices]
        self.fields["source"].choices = [("", "—"), *FundingSource.choices]

    def clean(self):
        data = super().clean()
        if data.get("amount") is not None and not all(data.get(name) for name in ("year", "category", "source")):
            raise forms.ValidationError(_("Choose the year, the cost category and the source of this amount."))
        return data

    def cell(self) -> Cell | None:
        """The cell typed in this row, or None for a row without an amount."""
        data = self.cleaned_data
        if data.get("amount") is None:
            return None
        return Cell(data["year"], data.get("line"), data["category"], data["source"], data["amount"])


CellFormSet = forms.formset_factory(CellForm, extra=EXTRA_ROWS, max_num=2000, absolute_max=2000)


def cell_formset(data=None, *, base_lines, years, lines) -> forms.BaseFormSet:
    """The cells of the base version, prefilled, then a few empty rows."""
    initial = [{"year": line.year, "line": line.programme_line.number if line.programme_line else None,
                "category": line.category, "source": line.source, "amount": line.amount} for line in base_lines]
    return CellFormSet(data, initial=initial, prefix="cells", form_kwargs={"years": years, "lines": lines})


class CompareForm(forms.Form):
    """Which two versions to compare (A before B)."""

    a = forms.TypedChoiceField(label=_("Version A"), coerce=int)
    b = forms.TypedChoiceField(label=_("Version B"), coerce=int)

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(version.number, f"{version.number}. {version.name}") for version in versions]
        self.fields["a"].choices = self.fields["b"].choices = choices
