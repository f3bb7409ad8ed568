"""The form that records a report to the funder as submitted: the day it went out and an optional note."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from civhub.core.fields import DateField


class ReportSubmittedForm(forms.Form):
    """When the report was submitted (not in the future) and a note, e.g. the funder's reference."""

    submitted_on = DateField(
        label=_("Submitted on"), help_text=_("The day the report was sent to the funder."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Fill in the date of submission."),
                        "invalid": _("Fill in a date, for example 15-03-2026.")},
    )
    note = forms.CharField(
        label=_("Note (optional)"), max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example the funder's reference number. At most 300 characters."),
        error_messages={"max_length": _("Keep the note to at most 300 characters (it has %(show_value)d).")},
    )

    def __init__(self, data=None, *, today: date):
        super().__init__(data, initial={"submitted_on": today})
        self.today = today
        self.fields["submitted_on"].widget.attrs["max"] = today.isoformat()

    def clean_submitted_on(self) -> date:
        day = self.cleaned_data["submitted_on"]
        if day > self.today:
            raise ValidationError(_("The date of submission lies in the future."))
        return day
