"""The form a person fills in to make a personal API token."""

import datetime
from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civhub.api.models import PersonalToken
from civhub.core.fields import DateField

DEFAULT_LIFETIME = timedelta(days=90)


def expiry_moment(day: datetime.date) -> datetime.datetime:
    """A token chosen to expire on `day` works until the end of that day, in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


class TokenForm(forms.Form):
    """A name for the token, read or read-write access, and the day it stops working (within a year)."""

    name = forms.CharField(
        label=_("Name"), max_length=100,
        help_text=_("Which system uses it, so you recognise it later, for example “Timesheets export”."),
        error_messages={"required": _("Give the token a name, for example the system that will use it.")})
    scope = forms.ChoiceField(
        label=_("Access"), choices=PersonalToken.Scope.choices, initial=PersonalToken.Scope.READ,
        widget=forms.RadioSelect,
        help_text=_("Read only is enough for a system that only fetches data. With read and write access it can "
                    "also record and submit contributions in your name."))
    expires = DateField(
        label=_("Expires on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("At most a year from today. After this day the token stops working."),
        error_messages={"required": _("Fill in the day the token expires."),
                        "invalid": _("Fill in a date, for example 15-03-2026.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["expires"].initial = today + DEFAULT_LIFETIME
        self.fields["expires"].widget.attrs.update(min=(today + timedelta(days=1)).isoformat(),
                                                   max=one_year_from(today).isoformat())

    def clean_expires(self):
        day = self.cleaned_data["expires"]
        today = timezone.localdate()
        if day <= today:
            raise forms.ValidationError(_("Choose a day after today."))
        if day > one_year_from(today):
            raise forms.ValidationError(_("Choose a day at most a year from today."))
        return day

    def expires_at(self) -> datetime.datetime:
        return expiry_moment(self.cleaned_data["expires"])


def one_year_from(today: datetime.date) -> datetime.date:
    """The same date next year (the 28th of February for the 29th)."""
    try:
        return today.replace(year=today.year + 1)
    except ValueError:
        return today.replace(year=today.year + 1, day=28)
