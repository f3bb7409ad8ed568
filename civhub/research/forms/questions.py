"""Forms for research questions: submitting one, filtering the list, the triage decisions and messages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from civhub.core.fields import ModelChoiceField
from civhub.research.models import ResearchQuestion

STATUS_CHOICES = [("", _("all statuses")), *ResearchQuestion.Status.choices]


def _text(label, help_text="", *, required=True, rows=5):
    return forms.CharField(label=label, help_text=help_text, required=required, strip=True,
                           widget=forms.Textarea(attrs={"rows": rows}))


class QuestionForm(forms.Form):
    """A partner's research question; the partner is asked only when the person acts for more than one."""

    partnership = ModelChoiceField(label=_("On behalf of"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("Title"), max_length=200, strip=True,
                            help_text=_("One line that says what you want to know, e.g. “Faster validation of HPLC "
                                        "methods”."))
    context = _text(_("The situation at work"),
                    _("What happens now in your lab or workplace, and why it is a problem or an opportunity."))
    desired_outcome = _text(_("Desired outcome"),
                            _("What you hope to have at the end: a method, a protocol, a prototype, advice…"))
    student_hosting = _text(_("Who can host students"),
                            _("Who at your organisation can supervise students working on this question, and how "
                                "many students."), required=False, rows=3)
    lab_time = _text(_("Available lab time"),
                     _("Lab time and equipment you can make available, e.g. “two afternoons a week on the HPLC”."),
                     required=False, rows=3)

    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = partnerships.select_related("organisation")
        if len(partnerships) == 1:
            self.fields["partnership"].initial = partnerships[0].pk
            self.fields["partnership"].widget = forms.HiddenInput()
        self.fields["partnership"].label_from_instance = lambda partnership: partnership.organisation.name


class QuestionFilterForm(forms.Form):
    """The list's status filter; an unknown value is ignored rather than an error page."""

    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)

    def status_value(self) -> str | None:
        return self.cleaned_data["status"] or None if self.is_valid() else None


class IntakeForm(forms.Form):
    message = _text(_("Your question to the partner"),
                    _("The partner receives it by e-mail and answers on the question's page."))


class DeclineForm(forms.Form):
    reason = _text(_("Reason"), _("The partner receives this reason by e-mail."))


class ParkForm(forms.Form):
    note = _text(_("Note"), _("Why the question is parked and when it will be looked at again. The partner receives "
                              "this note by e-mail."))


class MessageForm(forms.Form):
    text = _text(_("Message"), rows=4)
