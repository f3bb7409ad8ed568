"""Forms of the entry pages: a contribution, a reason, the queues' bulk actions, the list filters, periods.

The forms check what a person typed (a number, a date, a file); the ledger's rules (hours
between 0 and 24, hours or an amount, the rate, closed periods) live in the services,
whose LedgerError the views show on the form.
"""

from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from civhub.core.choices import MATERIAL_CATEGORY, STAFF_TIME_KINDS, ContributionKind
from civhub.core.fields import DateField, FlexibleDecimalField, ModelChoiceField, ModelMultipleChoiceField
from civhub.core.models import ProgrammeLine
from civhub.core.widgets import QuickSelect
from civhub.ledger.models import Contribution, PeriodLock
from civhub.ledger.services.entries import STAFF_TIME_MESSAGE, EntryData

# programme sits above the ledger (it reads contributions); a contribution names its activity by the string
# "programme.Activity", and the form reaches the model through that field instead of importing programme.
Activity = Contribution._meta.get_field("activity").related_model

MAX_EVIDENCE_MB = 5
MAX_EVIDENCE_BYTES = MAX_EVIDENCE_MB * 1024 * 1024
# The first bytes each allowed file type starts with, by extension: a renamed file is refused.
EVIDENCE_SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}


def validate_evidence(upload) -> None:
    """A PDF, PNG or JPEG of at most 5 MB, whose content is what its name says."""
    extension = Path(upload.name).suffix.lower()
    if extension not in EVIDENCE_SIGNATURES:
        raise forms.ValidationError(
            _("“%(name)s” is not a PDF, PNG or JPEG file. Upload evidence as PDF, PNG or JPEG."),
            code="file_type", params={"name": upload.name},
        )
    if upload.size > MAX_EVIDENCE_BYTES:
        raise forms.ValidationError(
            _("The file is larger than %(limit)s MB. Upload a smaller file, for example a scan at a lower "
              "resolution."), code="file_size", params={"limit": MAX_EVIDENCE_MB},
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(EVIDENCE_SIGNATURES[extension]):
        raise forms.ValidationError(
            _("The content of “%(name)s” is not a %(type)s file, although its name says so. Upload the original "
              "PDF, PNG or JPEG file."), code="file_content",
            params={"name": upload.name, "type": extension.lstrip(".").upper()},
        )


def _decimal(label, help_text, digits, **messages) -> forms.DecimalField:
    """An optional decimal with two places, shown in the reader's language."""
    return FlexibleDecimalField(
        label=label, help_text=help_text, required=False, max_digits=digits, decimal_places=2, localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}), error_messages=messages,
    )


class EntryForm(forms.Form):
    """One contribution: hours of a staff category (valued at the rate of that day) or an amount."""

    partnership = ModelChoiceField(label=_("Organisation"), queryset=None, required=False)
    date = DateField(
        label=_("Date"), help_text=_("The day the work was done or the costs were made."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Fill in the date."), "invalid": _("Fill in a date, for example 15-03-2026.")},
    )
    kind = forms.ChoiceField(label=_("Kind of contribution"), choices=ContributionKind.form_choices(),
                             error_messages={"required": _("Choose the kind of contribution.")})
    programme_line = ModelChoiceField(label=_("Programme line"), queryset=ProgrammeLine.objects.none(),
                                            required=False, empty_label=_("No particular line"))
    activity = ModelChoiceField(
        label=_("Activity"), queryset=Activity.objects.none(), required=False, empty_label=_("No particular activity"),
        help_text=_("The programme activity this contribution served, if any; its programme line is then taken too."))
    category = forms.ChoiceField(label=_("Staff category"), required=False)
    hours = _decimal(
        _("Hours"), _("For staff time: the number of hours, for example 7.5. Leave empty when you give an amount."),
        4, invalid=_("Fill in the hours as a number, for example 7.5."),
        max_digits=_("Hours must be more than 0 and at most 24 per entry."),
        max_whole_digits=_("Hours must be more than 0 and at most 24 per entry."),
        max_decimal_places=_("Give the hours with at most two decimals, for example 7.25."),
    )
    amount = _decimal(
        _("Amount (EUR)"), _("For lab use, materials or money: the value in euros. Leave empty when you give hours."),
        12, invalid=_("Fill in the amount as a number, for example 1250.00."),
        max_digits=_("An amount must be more than EUR 0 and at most EUR 1,000,000."),
        max_whole_digits=_("An amount must be more than EUR 0 and at most EUR 1,000,000."),
        max_decimal_places=_("Give the amount in whole cents, with at most two decimals."),
    )
    description = forms.CharField(
        label=_("Description"), max_length=500, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was done, by whom (a role, not a name), for which activity. At most 500 characters."),
        error_messages={"required": _("Describe the contribution."),
                        "max_length": _("Keep the description to at most 500 characters (it has %(show_value)d).")},
    )
    evidence = forms.FileField(
        label=_("Evidence (optional)"), required=False, validators=[validate_evidence],
        widget=forms.FileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"}),
        help_text=_("A timesheet, invoice or photo as PDF, PNG or JPEG, at most 5 MB. Only your organisation and "
                    "the programme office can open it."),
    )

    def __init__(self, *args, centre, partnerships, categories, rate_is_fixed, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme_line"].queryset = ProgrammeLine.objects.filter(centre=centre)
        self.fields["activity"].queryset = Activity.objects.filter(centre=centre).select_related("programme_line")
        self.fields["activity"].label_from_instance = lambda activity: (
            f"{activity.programme_line.number}. {activity.title}")
        self._partnerships = partnerships
        if len(partnerships) > 1:
            self.fields["partnership"].queryset = partnerships[0].__class__.objects.filter(
                pk__in=[p.pk for p in partnerships]).select_related("organisation")
            self.fields["partnership"].required = True
            self.fields["partnership"].label_from_instance = lambda partnership: partnership.organisation.name
        else:
            del self.fields["partnership"]
        self.rate_is_fixed = rate_is_fixed
        if rate_is_fixed:
            del self.fields["category"]  # the grant's fixed hourly rate values every hour
            self.fields["material"] = forms.BooleanField(
                label=_("This amount is a material cost, not staff time"), required=False,
                help_text=_("Under the grant's fixed hourly rate, work is recorded in hours. Tick this only when "
                            "the amount pays for materials used for this kind of contribution."))
        else:
            self.fields["category"].choices = [("", _("— choose for hours —"))] + [(c, c) for c in categories]
            self.fields["category"].help_text = _("Needed for hours: they are valued at your organisation's rate "
                                                  "for this category on that date.")

    def clean(self):
        data = super().clean()
        activity, line = data.get("activity"), data.get("programme_line")
        if activity is not None and line is None:
            data["programme_line"] = activity.programme_line  # the activity says which line it served
        elif activity is not None and activity.programme_line_id != line.pk:
            self.add_error("activity", _("This activity belongs to programme line %(number)s: choose that line or "
                                         "another activity.") % {"number": activity.programme_line.number})
        amount = data.get("amount")
        if (self.rate_is_fixed and data.get("kind") in STAFF_TIME_KINDS and amount is not None and amount > 0
                and data.get("hours") is None and not data.get("material")):
            self.add_error("amount", STAFF_TIME_MESSAGE)
        return data

    def partnership_for(self, default=None):
        """The organisation the entry is for: the chosen one, or the user's only one."""
        return self.cleaned_data.get("partnership") or default or self._partnerships[0]

    def entry_data(self) -> EntryData:
        data = self.cleaned_data
        return EntryData(
            date=data["date"], kind=data["kind"], description=data["description"].strip(), hours=data["hours"],
            amount=data["amount"],
            category=MATERIAL_CATEGORY if data.get("material") else data.get("category") or "",
            programme_line=data["programme_line"],
            activity=data.get("activity"),
        )


def initial_from(entry: Contribution) -> dict:
    """The fields of an entry as initial values: to record the corrected entry after a reversal."""
    return {
        "date": entry.date, "kind": entry.kind, "programme_line": entry.programme_line_id,
        "activity": entry.activity_id,
        "category": entry.category, "hours": entry.hours, "description": entry.description,
        "amount": abs(entry.amount) if entry.hours is None else None, "partnership": entry.partnership_id,
        "material": entry.category == MATERIAL_CATEGORY,
    }


class ReasonForm(forms.Form):
    """Rejecting, reversing and reopening need a reason: it is recorded and shown to the partner."""

    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Give a reason."),
                        "max_length": _("Keep the reason to at most 2,000 characters.")},
    )

    def __init__(self, *args, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = help_text


class BulkForm(forms.Form):
    """The queues' checkboxes: several entries, one action, one reason for rejecting."""

    entries = ModelMultipleChoiceField(
        queryset=Contribution.objects.none(),
        error_messages={"required": _("Select at least one entry."),
                        "invalid_choice": _("One of the selected entries is not in your queue any more."),
                        "invalid_pk_value": _("One of the selected entries is not in your queue any more.")},
    )
    action = forms.ChoiceField(choices=[])
    reason = forms.CharField(label=_("Reason for rejecting"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Needed to reject: the partner sees it and corrects the entries."),
                             error_messages={"max_length": _("Keep the reason to at most 2,000 characters.")})

    def __init__(self, *args, entries, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].queryset = entries
        self.fields["action"].choices = actions

    def clean(self):
        data = super().clean()
        if data.get("action") == "reject" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give a reason: the partner needs it to correct the entries."))
        return data

    def first_error(self) -> str:
        return next(iter(error for errors in self.errors.values() for error in errors))


def _any(choices) -> list[tuple]:
    return [("", _("All"))] + list(choices)


class ContributionFilterForm(forms.Form):
    """The list's filters; an unknown value is ignored rather than an error page."""

    # Drawn without a template per option: the list shows these on every view (core/widgets.py).
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_any(Contribution.Status.choices),
                               widget=QuickSelect)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None, widget=QuickSelect)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=_any(ContributionKind.form_choices()),
                             widget=QuickSelect)
    partner = forms.ChoiceField(label=_("Partner"), required=False, widget=QuickSelect)

    def __init__(self, *args, years, partners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _any((year, str(year)) for year in years)
        if partners is None:
            del self.fields["partner"]
        else:
            self.fields["partner"].choices = _any((p.short_code, p.organisation.name) for p in partners)

    def filters(self) -> dict:
        """The valid filters chosen, as selector keywords; an invalid one is dropped."""
        self.is_valid()
        return {name: value for name, value in getattr(self, "cleaned_data", {}).items() if value}


class ClosePeriodForm(forms.Form):
    """A quarter or a whole year of the centre to close."""

    span = forms.ChoiceField(label=_("Close"), choices=PeriodLock.Span.choices, initial=PeriodLock.Span.QUARTER)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), required=False, coerce=int, empty_value=None,
        choices=[("", "—"), (1, _("Q1 (January – March)")), (2, _("Q2 (April – June)")),
                 (3, _("Q3 (July – September)")), (4, _("Q4 (October – December)"))],
        help_text=_("Only when closing a quarter."),
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]

    def clean(self):
        data = super().clean()
        if data.get("span") == PeriodLock.Span.QUARTER and not data.get("quarter"):
            self.add_error("quarter", _("Choose the quarter to close."))
        if data.get("span") == PeriodLock.Span.YEAR:
            data["quarter"] = None
        return data
