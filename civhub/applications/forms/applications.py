"""The application itself: the round it applies under, its title and its planned period."""

from django import forms
from django.utils.translation import gettext_lazy as _

from civhub.applications.services.applications import ApplicationData
from civhub.core.fields import DateField, ModelChoiceField
from civhub.core.models import Regulation

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ApplicationForm(forms.Form):
    regulation = ModelChoiceField(
        label=_("Regulation (round)"), queryset=Regulation.objects.order_by("code"), empty_label=None,
        help_text=_("The round's rules set the hourly rate, the shares and the minimum and maximum subsidy the "
                    "budget is checked against."))
    title = forms.CharField(label=_("Title"), max_length=200,
                            help_text=_("For example “RIF application CIV Bio Sciences 2021”."))
    planned_start = DateField(label=_("Planned start"), widget=DATE_WIDGET)
    planned_end = DateField(label=_("Planned end"), widget=DATE_WIDGET,
                                  help_text=_("The budget has a column for each calendar year of the period."))
    due_on = DateField(label=_("Application due"), widget=DATE_WIDGET, required=False)

    def data_object(self) -> ApplicationData:
        return ApplicationData(**self.cleaned_data)


def application_initial(application) -> dict:
    return {"regulation": application.regulation, "title": application.title,
            "planned_start": application.planned_start, "planned_end": application.planned_end,
            "due_on": application.due_on}
