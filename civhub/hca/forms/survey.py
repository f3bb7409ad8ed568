"""The workforce survey's forms: a partner's answer for one occupation, the office's new round, and a file upload.

The answer form checks what people type (whole numbers, a skill rated both now and in five years, or neither);
the survey's rules (the age bands add up, hard-to-fill within the vacancies, the round still open) are the
service's, which puts its refusal on the field it concerns.
"""

from dataclasses import fields as dataclass_fields
from decimal import Decimal

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from civhub.core.fields import DateField, FlexibleDecimalField
from civhub.hca.models import AGE_BANDS, SurveyRound, WorkforceAnswer
from civhub.hca.services.survey import AnswerFigures
from civhub.ledger.forms.imports import UploadField

NUMBER = {"inputmode": "numeric", "autocomplete": "off"}
IMPORTANCE_CHOICES = [("", "—"), ("1", _("1 · hardly")), ("2", _("2 · somewhat")), ("3", _("3 · important")),
                      ("4", _("4 · very important")), ("5", _("5 · essential"))]
HELP = {
    "persons": _("Everyone who works in this occupation at your organisation on the reference date, "
                 "including temporary staff on your payroll."),
    "fte": _("The same people in full-time equivalents, e.g. 12,5."),
    "expected_headcount": _("How many people you expect to employ in this occupation at the end of the horizon."),
    "open_vacancies": _("Vacancies open on the reference date."),
    "hard_to_fill": _("Vacancies you expect to have trouble filling (open three months or longer)."),
    "retirements": _("People you expect to retire within the horizon. Leave empty if you do not know: we then "
                     "estimate it from the 60+ band."),
    "other_leavers": _("People you expect to leave for other reasons within the horizon. Leave empty if you "
                       "do not know: we then use the round's outflow rate."),
}
OPTIONAL = {"open_vacancies", "hard_to_fill", "retirements", "other_leavers"}


def _label(name: str):
    return capfirst(WorkforceAnswer._meta.get_field(name).verbose_name)


# More people than any employer has in one occupation; a larger number is a typing error (and no database integer).
MAX_PERSONS = 1_000_000


class AnswerForm(forms.Form):
    """One occupation's figures (the fields of AnswerFigures) and, per skill, its importance now and in 5 years."""

    def __init__(self, *args, skills, horizon_years: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.skills = list(skills)
        for item in dataclass_fields(AnswerFigures):
            name = item.name
            if name == "fte":
                field = FlexibleDecimalField(max_digits=8, decimal_places=1, min_value=0, localize=True,
                                             widget=forms.TextInput(attrs={"inputmode": "decimal",
                                                                           "autocomplete": "off"}))
            else:
                field = forms.IntegerField(min_value=0, max_value=MAX_PERSONS, required=name not in OPTIONAL,
                                           widget=forms.TextInput(attrs=NUMBER))
            field.label = _label(name)
            field.help_text = HELP.get(name, "")
            if name in AGE_BANDS:
                field.widget.attrs["data-age-band"] = ""
            self.fields[name] = field
        self.fields["persons"].widget.attrs["data-persons"] = ""
        self.fields["expected_headcount"].label = _("Expected headcount in %(years)s years") % {
            "years": horizon_years}
        for skill in self.skills:
            for when, label in (("now", _("%(skill)s: importance now")),
                                ("later", _("%(skill)s: importance in five years"))):
                self.fields[f"skill_{skill.pk}_{when}"] = forms.TypedChoiceField(
                    choices=IMPORTANCE_CHOICES, coerce=int, empty_value=None, required=False,
                    label=label % {"skill": skill.name})

    @property
    def figure_fields(self):
        return [self[item.name] for item in dataclass_fields(AnswerFigures) if item.name not in AGE_BANDS]

    @property
    def age_fields(self):
        return [self[name] for name in AGE_BANDS]

    @property
    def skill_rows(self):
        return [(skill, self[f"skill_{skill.pk}_now"], self[f"skill_{skill.pk}_later"]) for skill in self.skills]

    def clean(self):
        data = super().clean()
        for name in ("open_vacancies", "hard_to_fill"):
            if data.get(name) is None and name not in self.errors:
                data[name] = 0
        for skill in self.skills:
            now, later = data.get(f"skill_{skill.pk}_now"), data.get(f"skill_{skill.pk}_later")
            if (now is None) != (later is None):
                missing = f"skill_{skill.pk}_now" if now is None else f"skill_{skill.pk}_later"
                self.add_error(missing, _("Rate %(skill)s both now and in five years, or leave both empty.")
                               % {"skill": skill.name})
        return data

    def figures(self) -> AnswerFigures:
        return AnswerFigures(**{item.name: self.cleaned_data[item.name] for item in dataclass_fields(AnswerFigures)})

    def ratings(self) -> dict[int, tuple[int, int]]:
        data = self.cleaned_data
        return {skill.pk: (data[f"skill_{skill.pk}_now"], data[f"skill_{skill.pk}_later"]) for skill in self.skills
                if data.get(f"skill_{skill.pk}_now") is not None}


def answer_initial(answer: WorkforceAnswer | None, ratings: dict[int, tuple[int, int]]) -> dict:
    """The form's initial values from a stored answer and its ratings."""
    initial = {}
    if answer is not None:
        initial = {item.name: getattr(answer, item.name) for item in dataclass_fields(AnswerFigures)}
    for skill_id, (now, later) in ratings.items():
        initial[f"skill_{skill_id}_now"], initial[f"skill_{skill_id}_later"] = str(now), str(later)
    return initial


class PercentField(FlexibleDecimalField):
    """A percentage typed as people write it (3, 3,5 or 3 %), stored as a share (0.03)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("%", "")
        number = super().to_python(value)
        return None if number is None else (number / 100).quantize(Decimal("0.001"))

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format((value * 100).normalize(), "f").replace(".", ",")
        return value


class RoundForm(forms.Form):
    """The office opens a survey round."""

    reference_date = DateField(
        label=capfirst(SurveyRound._meta.get_field("reference_date").verbose_name),
        help_text=_("The day the figures are about, e.g. 1 January; it names the round."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    closes_on = DateField(
        label=capfirst(SurveyRound._meta.get_field("closes_on").verbose_name),
        help_text=_("The last day the partners can answer. They get one reminder e-mail a week before."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    horizon_years = forms.IntegerField(
        label=capfirst(SurveyRound._meta.get_field("horizon_years").verbose_name), initial=6, min_value=1, max_value=10,
        help_text=_("How many years ahead the forecast looks; 6 like ROA's forecasts."),
        widget=forms.TextInput(attrs=NUMBER))
    outflow_rate = PercentField(
        label=_("Annual outflow rate (%)"), initial=Decimal("0.030"), max_digits=6, decimal_places=3, localize=True,
        help_text=_("The share of employees that leaves each year for other reasons than retirement, as a "
                    "percentage: 3 means 3 %."), widget=forms.TextInput(attrs={"inputmode": "decimal"}))

    def clean_outflow_rate(self):
        rate = self.cleaned_data["outflow_rate"]
        if not Decimal("0") <= rate <= Decimal("1"):
            raise forms.ValidationError(_("Give a percentage from 0 to 100."))
        return rate


class SurveyFileForm(forms.Form):
    """A survey file (docs/formats.md §8)."""

    file = UploadField(help_text=_("CSV or XLSX with one row per occupation, as in the template."))
