"""The award decision as the office types it: its date, its reference and the amount granted; on the confirmation
page, how a partial award scales the budget (in proportion by default)."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from civhub.applications.forms.applications import DATE_WIDGET
from civhub.applications.models import AwardScaling
from civhub.core.fields import DateField


class AwardForm(forms.Form):
    decision_date = DateField(label=_("Date of the award decision"), widget=DATE_WIDGET)
    decision_reference = forms.CharField(label=_("Reference of the award decision"), max_length=100,
                                         help_text=_("As the decision letter gives it, for example “RIF21-0042”."))
    amount_granted = forms.DecimalField(
        label=_("Subsidy granted (EUR)"), max_digits=14, decimal_places=2, min_value=Decimal("0.01"),
        help_text=_("Less than the subsidy asked scales the budget down; on the next page you choose how, and see "
                    "the figures before you confirm."))
    scaling = forms.ChoiceField(label=_("How the budget is scaled"), choices=AwardScaling.choices,
                                required=False, widget=forms.RadioSelect)

    def clean_scaling(self):
        return self.cleaned_data.get("scaling") or AwardScaling.PROPORTIONAL
