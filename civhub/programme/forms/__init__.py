"""Forms of the programme pages: activities, milestones, KPIs, their targets and actuals.

The forms check what a person typed (a date, a number); the programme's rules (an end
before a start, negative figures, years and dates outside the grant) live in the services,
whose ProgrammeError the views show on the field it is about.
"""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from civhub.core.fields import DateField, FlexibleDecimalField, ModelChoiceField, ModelMultipleChoiceField
from civhub.programme.models import Activity, Kpi
from civhub.programme.services.kpis import ActualData, KpiData
from civhub.programme.services.work import ActivityData, MilestoneData

DATE_WIDGET = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}
DATE_ERRORS = {"invalid": _("Fill in a date, for example 15-03-2026.")}


def _date(label, *, required=True, help_text="") -> DateField:
    return DateField(label=label, required=required, help_text=help_text,
                           widget=forms.DateInput(**DATE_WIDGET),
                           error_messages={**DATE_ERRORS, "required": _("Fill in the date.")})


def number_field(label, *, required=True, help_text="") -> FlexibleDecimalField:
    """A figure typed the Dutch or the English way (1.234,5 or 1,234.5), with at most two decimals."""
    return FlexibleDecimalField(
        label=label, required=required, help_text=help_text, max_digits=12, decimal_places=2, localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={"required": _("Fill in a number."), "invalid": _("Fill in a number, for example 120."),
                        "max_digits": _("The number is too large."),
                        "max_whole_digits": _("The number is too large."),
                        "max_decimal_places": _("Give at most two decimals.")},
    )


class ActivityForm(forms.Form):
    """An activity of a programme line: what, who owns and leads it, when, and how it stands."""

    title = forms.CharField(label=_("Title"), max_length=200,
                            error_messages={"required": _("Give the activity a title.")})
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    owners = ModelMultipleChoiceField(
        label=_("Owner partners"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("The partners who carry the activity."))
    lead_person = forms.CharField(label=_("Lead person"), max_length=200, required=False,
                                  help_text=_("The person who leads it, with their organisation if helpful."))
    start = _date(_("Start"))
    end = _date(_("End"), required=False, help_text=_("Leave empty while the end is open."))
    status = forms.ChoiceField(label=_("Status"), choices=Activity.Status.choices)

    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owners"].queryset = partnerships
        self.fields["owners"].label_from_instance = lambda partnership: partnership.organisation.name

    def data_object(self) -> ActivityData:
        data = self.cleaned_data
        return ActivityData(title=data["title"].strip(), description=data["description"].strip(),
                            owners=list(data["owners"]), lead_person=data["lead_person"].strip(),
                            start=data["start"], end=data["end"], status=data["status"])


def activity_initial(activity: Activity) -> dict:
    return {"title": activity.title, "description": activity.description, "owners": list(activity.owners.all()),
            "lead_person": activity.lead_person, "start": activity.start, "end": activity.end,
            "status": activity.status}


class MilestoneForm(forms.Form):
    """A milestone: what is promised by when; once reached, when and what shows it; if late or missed, why."""

    title = forms.CharField(label=_("Title"), max_length=200,
                            error_messages={"required": _("Give the milestone a title.")})
    activity = ModelChoiceField(label=_("Activity"), queryset=None, required=False,
                                      empty_label=_("No particular activity"))
    due_date = _date(_("Due date"))
    done_date = _date(_("Reached on"), required=False, help_text=_("Leave empty until the milestone is reached."))
    evidence = forms.CharField(label=_("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                               help_text=_("What shows that it was reached: a report, a signed agreement, a list."))
    evidence_link = forms.URLField(label=_("Link to the evidence"), required=False, assume_scheme="https",
                                   error_messages={"invalid": _("Give a web address, for example https://…")})
    explanation = forms.CharField(
        label=_("Explanation (missed or late)"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when the milestone was reached after its due date; the progress report shows it."))

    def __init__(self, *args, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities

    def data_object(self) -> MilestoneData:
        data = self.cleaned_data
        return MilestoneData(title=data["title"].strip(), activity=data["activity"], due_date=data["due_date"],
                             done_date=data["done_date"], evidence=data["evidence"].strip(),
                             evidence_link=data["evidence_link"], explanation=data["explanation"].strip())


def milestone_initial(milestone) -> dict:
    return {name: getattr(milestone, name) for name in
            ("title", "activity", "due_date", "done_date", "evidence", "evidence_link", "explanation")}


class KpiForm(forms.Form):
    """A KPI: name, unit, how its values combine, baseline and the targets after year 2 and year 4."""

    name = forms.CharField(label=_("Name"), max_length=200, error_messages={"required": _("Give the KPI a name.")})
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    unit = forms.CharField(label=_("Unit"), max_length=60, help_text=_("What it counts, for example “students”."),
                           error_messages={"required": _("Give the unit the KPI counts in.")})
    measure = forms.ChoiceField(label=_("How values combine"), choices=Kpi.Measure.choices, widget=forms.RadioSelect)
    baseline = number_field(_("Baseline"), help_text=_("The value before the grant started (0 for most counts)."))
    target_year2 = number_field(_("Target after year 2"), required=False)
    target_year4 = number_field(_("Target after year 4"), required=False)
    illustrative = forms.BooleanField(label=_("Illustrative figures (shown with a label)"), required=False)
    position = forms.IntegerField(label=_("Order on the page"), min_value=0, max_value=999, initial=0,
                                  error_messages={"min_value": _("Give 0 or more."),
                                                  "max_value": _("Give at most 999.")})

    def data_object(self) -> KpiData:
        data = self.cleaned_data
        return KpiData(name=data["name"].strip(), description=data["description"].strip(), unit=data["unit"].strip(),
                       measure=data["measure"], baseline=data["baseline"], target_year2=data["target_year2"],
                       target_year4=data["target_year4"], illustrative=data["illustrative"],
                       position=data["position"])


def kpi_initial(kpi: Kpi) -> dict:
    return {name: getattr(kpi, name) for name in ("name", "description", "unit", "measure", "baseline",
                                                  "target_year2", "target_year4", "illustrative", "position")}


class TargetsForm(forms.Form):
    """A target per year of the grant: what the KPI should show at the end of that year (empty: no target)."""

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.years = years
        for year in years:
            self.fields[f"year_{year}"] = number_field(
                _("Target at the end of %(year)s") % {"year": year}, required=False)

    def targets(self) -> dict[int, Decimal | None]:
        return {year: self.cleaned_data[f"year_{year}"] for year in self.years}


class ActualForm(forms.Form):
    """A value the KPI showed on a date, with its source and (optionally) the partner it is for."""

    date = _date(_("Date"), help_text=_("The day the figure was measured; inside the grant period."))
    value = number_field(_("Value"))
    source = forms.CharField(label=_("Source"), max_length=300,
                             help_text=_("Where the figure comes from, for example “enrolment records”."),
                             error_messages={"required": _("Say where the figure comes from.")})
    partnership = ModelChoiceField(label=_("For partner"), queryset=None, required=False,
                                         empty_label=_("No particular partner"))

    def __init__(self, *args, partnerships, office: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = partnerships
        self.fields["partnership"].label_from_instance = lambda partnership: partnership.organisation.name
        if not office:  # a partner records for its own partnership: required, and only its own to choose from
            self.fields["partnership"].required = True
            self.fields["partnership"].empty_label = None
            self.fields["partnership"].error_messages["required"] = _("Choose your organisation.")

    def data_object(self) -> ActualData:
        data = self.cleaned_data
        return ActualData(date=data["date"], value=data["value"], source=data["source"].strip(),
                          partnership=data["partnership"])


def actual_initial(actual) -> dict:
    return {"date": actual.date, "value": actual.value, "source": actual.source, "partnership": actual.partnership}
