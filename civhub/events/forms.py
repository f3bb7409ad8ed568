"""The events app's forms: registering (with the event's own questions), the office's event and question forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from civhub.core.fields import formfield
from civhub.events.models import Event, EventQuestion


class RegistrationForm(forms.Form):
    """Name, e-mail, the event's questions, and the explicit choice for the waiting list when the event is full."""

    name = forms.CharField(label=_("Name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"}),
                           error_messages={"required": _("Fill in your name.")})
    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}),
                             help_text=_("The confirmation goes here."),
                             error_messages={"required": _("Fill in an e-mail address."),
                                             "invalid": _("Fill in a valid e-mail address, for example "
                                                          "name@example.nl.")})
    # A field people never see; bots that fill every field give themselves away (as on the partner application).
    nickname = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args, questions=(), full=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"q{question.pk}"] = _question_field(question)
        if full:
            self.fields["waiting_list"] = forms.BooleanField(
                label=_("Put me on the waiting list"), required=False,
                help_text=_("The event is full. When someone cancels, the first person waiting moves up "
                            "and gets an e-mail."))
        self.fields["nickname"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("nickname"))

    def question_fields(self):
        return [self[f"q{question.pk}"] for question in self.questions]

    def registration(self) -> dict:
        """Name, e-mail and the answers keyed by question label (so an export still reads after edits)."""
        answers = {q.label: self.cleaned_data[f"q{q.pk}"] for q in self.questions if self.cleaned_data[f"q{q.pk}"]}
        return {"name": self.cleaned_data["name"], "email": self.cleaned_data["email"], "answers": answers}


def _question_field(question: EventQuestion) -> forms.Field:
    if question.kind == EventQuestion.Kind.CHOICE:
        choices = [("", "—")] + [(option, option) for option in question.options()]
        return forms.ChoiceField(label=question.label, required=question.required, choices=choices)
    return forms.CharField(label=question.label, required=question.required, max_length=500)


class DateTimeInput(forms.DateTimeInput):
    """The browser's date-and-time picker (the value in the format it expects)."""

    input_type = "datetime-local"

    def __init__(self):
        super().__init__(format="%Y-%m-%dT%H:%M")


class EventForm(forms.ModelForm):
    """An event as the office edits it; an end before the start is refused in the people's language."""

    class Meta:
        formfield_callback = formfield
        model = Event
        fields = ["kind", "title", "description", "audience", "starts_at", "ends_at", "location", "capacity",
                  "registration_deadline"]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput(),
                   "registration_deadline": DateTimeInput(),
                   "capacity": forms.NumberInput(attrs={"min": "1"}),
                   "description": forms.Textarea(attrs={"rows": 5})}

    def clean(self):
        data = super().clean()
        deadline, starts_at = data.get("registration_deadline"), data.get("starts_at")
        if deadline and starts_at and deadline > starts_at:
            self.add_error("registration_deadline", _("The registration deadline is after the start of the event."))
        return data


class QuestionForm(forms.ModelForm):
    """One extra question on the registration form."""

    class Meta:
        formfield_callback = formfield
        model = EventQuestion
        fields = ["label", "kind", "choices", "required"]
        widgets = {"choices": forms.Textarea(attrs={"rows": 3})}
