"""The providers' forms (courses, offerings) and the office's (learning paths and their steps)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from civhub.core.fields import ModelChoiceField, ModelMultipleChoiceField, formfield
from civhub.learning.errors import LearningError
from civhub.learning.forms.public import EmployerChoiceField
from civhub.learning.models import TEACHING_LANGUAGES, Course, LearningPath, Offering, Skill
from civhub.learning.services.courses import check_dates


class CourseForm(forms.ModelForm):
    """A course as its provider describes it; existing skills are ticked, new ones typed."""

    provider = EmployerChoiceField(label=_("Provider"), queryset=None, empty_label=None)
    skills = ModelMultipleChoiceField(label=_("Skills"), required=False, queryset=Skill.objects.none(),
                                            widget=forms.CheckboxSelectMultiple)
    language = forms.ChoiceField(label=_("Teaching language"), choices=TEACHING_LANGUAGES)
    new_skills = forms.CharField(label=_("New skills"), required=False, max_length=500,
                                 help_text=_("Skills not in the list above, separated by commas."))

    class Meta:
        formfield_callback = formfield
        model = Course
        fields = ["provider", "title", "description", "level", "nlqf_level", "eqf_level", "study_load",
                  "study_load_unit", "language", "price", "stap_eligible", "terms", "mode", "status"]
        help_texts = {
            "nlqf_level": _("1 to 8; leave empty when the course has no NLQF level."),
            "eqf_level": _("1 to 8; leave empty when the course has no EQF level."),
            "price": _("In euros, 0 for free."),
            "stap_eligible": _("The course is in the STAP register, so participants could use a STAP budget."),
            "status": _("Only published courses appear in the catalogue."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 5}), "terms": forms.Textarea(attrs={"rows": 4}),
                   "price": forms.NumberInput(attrs={"min": "0", "step": "0.01"}),
                   "nlqf_level": forms.NumberInput(attrs={"min": "1", "max": "8"}),
                   "eqf_level": forms.NumberInput(attrs={"min": "1", "max": "8"})}
        error_messages = {
            "price": {"min_value": _("The price cannot be negative.")},
            "nlqf_level": {"min_value": _("The NLQF level is a number from 1 to 8."),
                           "max_value": _("The NLQF level is a number from 1 to 8.")},
            "eqf_level": {"min_value": _("The EQF level is a number from 1 to 8."),
                          "max_value": _("The EQF level is a number from 1 to 8.")},
        }

    def __init__(self, *args, centre, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers
        self.fields["skills"].queryset = Skill.objects.filter(centre=centre).order_by("name")

    def new_skill_names(self) -> list[str]:
        return [name.strip() for name in self.cleaned_data.get("new_skills", "").split(",") if name.strip()]

    def course_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class OfferingForm(forms.ModelForm):
    """One run of a course: dates, location and the number of places."""

    class Meta:
        formfield_callback = formfield
        model = Offering
        fields = ["start_date", "end_date", "location", "capacity"]
        widgets = {"start_date": DateInput(), "end_date": DateInput(),
                   "capacity": forms.NumberInput(attrs={"min": "1"})}
        help_texts = {"capacity": _("When the places are taken, new people go on the waiting list.")}

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date"):
            try:
                check_dates(data["start_date"], data["end_date"])
            except LearningError as error:
                self.add_error("end_date", str(error))
        return data

    def offering_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class PathForm(forms.ModelForm):
    """A learning path's title, description and whether the catalogue shows it."""

    class Meta:
        formfield_callback = formfield
        model = LearningPath
        fields = ["title", "description", "published"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"published": _("Published paths are shown in the catalogue, with their published courses.")}

    def path_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class CourseChoiceField(ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.provider.organisation.name})"


class StepForm(forms.Form):
    """The course to add as the path's next step."""

    course = CourseChoiceField(label=_("Course"), queryset=Course.objects.none(), empty_label=_("Choose…"))

    def __init__(self, *args, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses.select_related("provider__organisation").order_by("title", "pk")
