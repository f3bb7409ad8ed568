"""A budget line (income or a cost), a line of the continuation forecast.

The line form shows every problem `services.budget.line_problems` finds, each on its field, so
that one save tells the whole story; the service checks again when it writes. Numbers are typed
the Dutch way (1.234,56) or the English way (1,234.56).
"""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from civhub.applications import budget_rules as rules
from civhub.applications.models import (
    COST_CATEGORIES,
    IN_KIND_CATEGORIES,
    BudgetCategory,
    BudgetLine,
    BudgetSide,
    ContinuationLine,
    ContributionForm,
    IncomeSource,
)
from civhub.applications.selectors.budget import SECTION_TITLES, partners_of
from civhub.applications.services.budget import LineData, line_problems
from civhub.applications.services.continuation import HORIZON_YEARS, ContinuationData
from civhub.core.fields import FlexibleDecimalField, ModelChoiceField
from civhub.core.models import ProgrammeLine
from civhub.partners.models import Partnership

SUBSIDY = "subsidy"
NUMBER = {"inputmode": "decimal", "autocomplete": "off"}


def _number(label, help_text="", **attrs):
    return FlexibleDecimalField(
        label=label, help_text=help_text, max_digits=12, decimal_places=2, localize=True,
        widget=forms.TextInput(attrs={**NUMBER, **attrs}),
        error_messages={"invalid": _("Fill in a number, for example 1250,00."),
                        "max_decimal_places": _("At most 2 decimals."),
                        "max_digits": _("This number is too large."),
                        "max_whole_digits": _("This number is too large.")})


def source_choices(partnerships) -> list:
    """The subsidy, then the partners grouped as the regulation counts them."""
    groups = {group: [] for group in rules.GROUPS if group not in (rules.SUBSIDY, rules.BPV)}
    for partnership in partnerships:
        group = rules.income_group(source=IncomeSource.PARTNER, category="",
                                   cofinancing_group=partnership.cofinancing_group,
                                   is_lead_applicant=partnership.is_lead_applicant)
        groups[group].append((str(partnership.pk), partnership.organisation.name))
    return [("", "—"), (SECTION_TITLES[rules.SUBSIDY], [(SUBSIDY, _("The subsidy asked"))]),
            *[(SECTION_TITLES[group], choices) for group, choices in groups.items() if choices]]


def _category_choices(categories) -> list:
    return [("", "—"), *[(category.value, capfirst(category.label)) for category in categories]]


class LineForm(forms.Form):
    """One budget line; `side` says whether it is income (who pays) or a cost (what is paid for)."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    source = forms.ChoiceField(label=_("Paid by"))
    form = forms.ChoiceField(label=_("Cash or in kind"), required=False,
                             choices=[("", "—"), *ContributionForm.choices],
                             help_text=_("The subsidy is always cash."))
    category = forms.ChoiceField(label=_("Category"), required=False)
    programme_line = ModelChoiceField(label=_("Programme line"), queryset=ProgrammeLine.objects.none(),
                                            required=False, empty_label=_("No particular line"))
    description = forms.CharField(label=_("Description"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    volume = _number(_("Volume"), _("For staff hours: the number of hours."), **{"data-volume": ""})
    unit = forms.CharField(label=_("Unit"), max_length=30, required=False,
                           help_text=_("For example hours, days, pieces."))
    price = _number(_("Price (EUR)"), _("Per unit. Staff hours are valued at the round's rate."),
                    **{"data-price": ""})

    def __init__(self, *args, application, side: str, partnerships=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.application, self.side = application, side
        self.fields["year"].choices = [(year, str(year)) for year in application.years]
        self.fields["programme_line"].queryset = application.centre.programme_lines.order_by("number")
        self.fields["category"].widget.attrs["data-category"] = ""
        if side == BudgetSide.INCOME:
            self.partnerships = {str(p.pk): p for p in (partnerships if partnerships is not None
                                                        else partners_of(application.centre))}
            self.fields["source"].choices = source_choices(self.partnerships.values())
            self.fields["category"].choices = _category_choices(IN_KIND_CATEGORIES)
            self.fields["category"].help_text = _("What a partner brings in kind; empty for money.")
        else:
            for name in ("source", "form"):
                del self.fields[name]
            self.fields["category"].required = True
            self.fields["category"].choices = _category_choices(COST_CATEGORIES)

    def clean(self):
        data = super().clean()
        if not self.errors:
            for field, message in line_problems(self.application, self.line_data()):
                self.add_error(field if field in self.fields else None, message)
        return data

    def line_data(self) -> LineData:
        data = self.cleaned_data
        line = LineData(side=self.side, year=data["year"], description=data["description"], volume=data["volume"],
                        price=data["price"], unit=data["unit"], category=data["category"],
                        programme_line=data["programme_line"])
        if self.side == BudgetSide.INCOME:
            if data["source"] == SUBSIDY:
                line.source, line.form = IncomeSource.SUBSIDY, ContributionForm.CASH
            else:
                line.source, line.form = IncomeSource.PARTNER, data["form"]
                line.partnership = self.partnerships.get(data["source"])
        return line

    @property
    def hourly_rate(self):
        return self.application.regulation.fixed_hourly_rate

    @property
    def hours_category(self) -> str:
        return BudgetCategory.HOURS.value


def line_initial(line: BudgetLine) -> dict:
    return {"year": line.year, "source": SUBSIDY if line.source == IncomeSource.SUBSIDY else str(line.partnership_id),
            "form": line.form, "category": line.category, "programme_line": line.programme_line,
            "description": line.description, "volume": line.volume, "unit": line.unit, "price": line.price}


class ContinuationForm(forms.Form):
    """One forecast line for a year after the subsidy."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    side = forms.ChoiceField(label=_("Income or costs"), choices=BudgetSide.choices, widget=forms.RadioSelect)
    partnership = ModelChoiceField(label=_("Partner (income)"), queryset=Partnership.objects.none(),
                                         required=False, empty_label=_("No particular partner"),
                                         help_text=_("Who brings the income, if it is a partner."))
    description = forms.CharField(label=_("Description"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                                  help_text=_("For example “course fees”, “contributions of the partners”, "
                                              "“programme manager”."))
    amount = _number(_("Amount (EUR)"))

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        end = application.planned_end.year
        self.fields["year"].choices = [(year, str(year)) for year in range(end + 1, end + 1 + HORIZON_YEARS)]
        self.fields["partnership"].queryset = partners_of(application.centre)
        self.fields["partnership"].label_from_instance = lambda partnership: partnership.organisation.name

    def data_object(self) -> ContinuationData:
        data = self.cleaned_data
        return ContinuationData(year=data["year"], side=data["side"], description=data["description"],
                                amount=data["amount"], partnership=data["partnership"])


def continuation_initial(line: ContinuationLine) -> dict:
    return {"year": line.year, "side": line.side, "partnership": line.partnership, "description": line.description,
            "amount": line.amount}
