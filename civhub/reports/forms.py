"""The reports' forms: the period of a progress report."""

from django import forms
from django.utils.translation import gettext_lazy as _

from civhub.core.fields import DateField
from civhub.reports.selectors.progress import Period


class PeriodForm(forms.Form):
    """The period of a progress report, from ?from=&to= (YYYY-MM-DD); both ends included."""

    start = DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                            error_messages={"required": _("Fill in the first day."),
                                            "invalid": _("Fill in a date, for example 01-01-2025.")})
    end = DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                          error_messages={"required": _("Fill in the last day."),
                                          "invalid": _("Fill in a date, for example 31-12-2025.")})

    def __init__(self, query, *, default: Period):
        super().__init__({"from": query.get("from", default.start.isoformat()),
                          "to": query.get("to", default.end.isoformat())})

    def add_prefix(self, field_name):
        # The report's URL reads ?from=&to= (the names); the form's fields are `start` and `end`.
        return {"start": "from", "end": "to"}.get(field_name, field_name)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The last day lies before the first day."))
        return data

    def period(self) -> Period:
        return Period(self.cleaned_data["start"], self.cleaned_data["end"])
