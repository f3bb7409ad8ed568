"""Forms for research projects: the project itself, an output (file or link), the summary and its review."""

import re
from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from civhub.accounts.models import Role, User
from civhub.core.fields import DateField, ModelChoiceField, ModelMultipleChoiceField
from civhub.partners.models import Partnership
from civhub.programme.models import EducationModule
from civhub.research.models import ResearchOutput, ResearchProject

MAX_OUTPUT_MB = 20
MAX_OUTPUT_BYTES = MAX_OUTPUT_MB * 1024 * 1024
ZIP = (b"PK\x03\x04",)  # docx, xlsx, pptx and zip files are zip archives
# The first bytes each allowed file type starts with, by extension: a renamed file is refused.
OUTPUT_SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".docx": ZIP,
    ".xlsx": ZIP,
    ".pptx": ZIP,
    ".zip": ZIP,
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}
# Six or more digits in a row look like a student number (the schools' numbers are 6 to 8 digits).
STUDENT_NUMBER = re.compile(r"\d{6,}")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def validate_output_file(upload) -> None:
    """A PDF, Office document, ZIP or image of at most 20 MB, whose content is what its name says."""
    extension = Path(upload.name).suffix.lower()
    if extension not in OUTPUT_SIGNATURES:
        raise forms.ValidationError(
            _("“%(name)s” is not a file type we accept. Upload a PDF, Word, Excel, PowerPoint, ZIP, PNG or JPEG "
              "file."), code="file_type", params={"name": upload.name})
    if upload.size > MAX_OUTPUT_BYTES:
        raise forms.ValidationError(_("The file is larger than %(limit)s MB. Upload a smaller file or give a link."),
                                    code="file_size", params={"limit": MAX_OUTPUT_MB})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(OUTPUT_SIGNATURES[extension]):
        raise forms.ValidationError(
            _("The content of “%(name)s” is not a %(type)s file, although its name says so. Upload the original "
              "file."), code="file_content", params={"name": upload.name, "type": extension.lstrip(".").upper()})


def validate_names_only(text: str) -> None:
    if STUDENT_NUMBER.search(text or ""):
        raise forms.ValidationError(_("This looks like it contains a student number. Give names only."),
                                    code="student_number")


class ProjectForm(forms.Form):
    """A research project's fields; the status is asked only when editing (a new project is running)."""

    title = forms.CharField(label=_("Title"), max_length=200, strip=True)
    practor = ModelChoiceField(label=_("Practor"), queryset=User.objects.none(), empty_label=None)
    partners = ModelMultipleChoiceField(label=_("Partners"), queryset=Partnership.objects.none(),
                                              widget=forms.CheckboxSelectMultiple)
    plan = forms.CharField(label=_("Plan"), strip=True, widget=forms.Textarea(attrs={"rows": 6}),
                           help_text=_("What will be researched, how, and what it should deliver."))
    teachers = forms.CharField(label=_("Teachers"), required=False, strip=True,
                               widget=forms.Textarea(attrs={"rows": 3}), help_text=_("Names, one per line."))
    students = forms.CharField(label=_("Students"), required=False, strip=True, validators=[validate_names_only],
                               widget=forms.Textarea(attrs={"rows": 3}),
                               help_text=_("Names only, one per line. Never enter student numbers or other "
                                           "personal details."))
    start = DateField(label=_("Start"), widget=DATE_WIDGET)
    end = DateField(label=_("End"), widget=DATE_WIDGET)
    status = forms.ChoiceField(label=_("Status"), choices=ResearchProject.Status.choices)
    modules = ModelMultipleChoiceField(label=_("Education modules it fed"), required=False,
                                             queryset=EducationModule.objects.none(),
                                             widget=forms.CheckboxSelectMultiple,
                                             help_text=_("Modules of line 1 that use what this project found."))

    def __init__(self, *args, centre, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practor"].queryset = User.objects.filter(
            memberships__centre=centre, memberships__role=Role.PRACTOR).distinct().order_by("full_name")
        partners = self.fields["partners"]
        partners.queryset = Partnership.objects.filter(centre=centre).select_related("organisation").order_by(
            "organisation__name")
        partners.label_from_instance = lambda partnership: partnership.organisation.name
        self.fields["modules"].queryset = EducationModule.objects.filter(centre=centre)
        if not editing:
            del self.fields["status"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date lies before the start date."))
        return cleaned

    def initial_from(self, project: ResearchProject) -> None:
        """Fill the form with a project's current values (for the edit page)."""
        self.initial.update({name: getattr(project, name) for name in (
            "title", "plan", "teachers", "students", "start", "end", "status")})
        self.initial.update(practor=project.practor_id, partners=list(project.partners.values_list("pk", flat=True)),
                            modules=list(project.modules.values_list("pk", flat=True)))


class OutputForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ResearchOutput.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200, strip=True)
    file = forms.FileField(label=_("File"), required=False, validators=[validate_output_file],
                           help_text=_("PDF, Word, Excel, PowerPoint, ZIP, PNG or JPEG, at most 20 MB. Only the "
                                       "project's partners and the practor's team can download it."))
    link = forms.URLField(label=_("Or a link"), required=False, max_length=500, assume_scheme="https",
                          help_text=_("For example a shared folder or a video of the prototype."))

    def clean(self):
        cleaned = super().clean()
        if not self.errors and bool(cleaned.get("file")) == bool(cleaned.get("link")):
            raise forms.ValidationError(_("Upload a file or give a link, one of the two."))
        return cleaned


class SummaryForm(forms.Form):
    summary = forms.CharField(label=_("Public summary"), strip=True, widget=forms.Textarea(attrs={"rows": 12}),
                              help_text=_("Plain text, a few paragraphs separated by an empty line, for visitors of "
                                          "the centre's website. No names of students."))


class ReviewForm(forms.Form):
    """A partner's decision on the summary; when the person acts for several of the project's partners, for which."""

    APPROVE, CHANGES = "approve", "changes"
    partnership = ModelChoiceField(label=_("On behalf of"), queryset=Partnership.objects.none(),
                                         empty_label=None)
    decision = forms.ChoiceField(label=_("Your decision"), widget=forms.RadioSelect, choices=[
        (APPROVE, _("I approve this summary for the public website")),
        (CHANGES, _("I ask for changes (say which below)")),
    ])
    comment = forms.CharField(label=_("Comment"), required=False, strip=True,
                              widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["partnership"]
        field.queryset = partnerships.select_related("organisation")
        field.label_from_instance = lambda partnership: partnership.organisation.name
        if len(partnerships) == 1:
            field.initial = partnerships[0].pk
            field.widget = forms.HiddenInput()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.CHANGES and not cleaned.get("comment"):
            self.add_error("comment", _("Say what should change in the summary."))
        return cleaned
