"""The monitor's reference form: the date the figures are taken at, and one year or the whole grant."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from civhub.core.fields import DateField


class MonitorForm(forms.Form):
    """`?as_of=` and `?year=`; wrong values are reported on the form and the defaults used instead."""

    as_of = DateField(
        label=_("Reference date"), required=False,
        help_text=_("Only contributions dated and accepted on or before this day, and expenditure dated on or "
                    "before it, count."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Fill in a date, for example 31-12-2025. The figures below are as of today.")},
    )
    year = forms.TypedChoiceField(
        label=_("Year"), required=False, coerce=int, empty_value=None,
        error_messages={"invalid_choice": _("Choose one of the grant's years. The figures below are of the whole "
                                            "grant.")},
    )

    def __init__(self, data=None, *, years, today: date):
        # An empty query string is an unbound form: the defaults, no error messages.
        super().__init__(data or None, initial={"as_of": today})
        self.today = today
        self.fields["year"].choices = [("", _("All years")), *((str(year), str(year)) for year in years)]

    def reference(self) -> tuple[date, int | None]:
        """The valid values, each replaced by its default (today; all years) when it was missing or wrong."""
        if not self.is_bound:
            return self.today, None
        self.is_valid()
        cleaned = self.cleaned_data
        return cleaned.get("as_of") or self.today, cleaned.get("year")

    def query(self) -> str:
        """The query string of the values in force (for the charts and the funder pack), '' for the defaults."""
        as_of, year = self.reference()
        pairs = [] if as_of == self.today else [f"as_of={as_of.isoformat()}"]
        pairs += [] if year is None else [f"year={year}"]
        return "&".join(pairs)
