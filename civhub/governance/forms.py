"""The governance forms: meetings, agenda items, documents, minutes, decisions, actions and seats."""

from django import forms
from django.utils.translation import gettext_lazy as _

from civhub.accounts.models import User
from civhub.core.fields import DateField, DateTimeField, ModelChoiceField, ModelMultipleChoiceField
from civhub.governance.models import AgendaItem, Meeting, SteeringMember
from civhub.governance.services.meetings import ItemData, MeetingData
from civhub.governance.services.steering import SeatData
from civhub.research.forms.projects import validate_output_file

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


def centre_people(centre):
    """Everyone holding a role in the centre, by name (participants and action owners are chosen from them)."""
    return User.objects.filter(memberships__centre=centre, is_active=True).distinct().order_by("full_name", "email")


class MeetingForm(forms.Form):
    """A meeting: what, when, where, who."""

    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=Meeting.Kind.choices)
    programme_line = ModelChoiceField(label=_("Programme line (working groups)"), queryset=None,
                                            required=False)
    starts_at = DateTimeField(label=_("Starts at"), widget=DATETIME_WIDGET, input_formats=DATETIME_FORMATS)
    ends_at = DateTimeField(label=_("Ends at"), widget=DATETIME_WIDGET, input_formats=DATETIME_FORMATS)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    online_link = forms.URLField(label=_("Online link"), required=False, max_length=500, assume_scheme="https")
    is_public = forms.BooleanField(label=_("Show this meeting on the centre's public agenda"), required=False)
    participants = ModelMultipleChoiceField(label=_("Participants"), queryset=None, required=False,
                                                  widget=forms.CheckboxSelectMultiple,
                                                  help_text=_("Steering-group members always receive the agenda of "
                                                              "a steering-group meeting."))

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme_line"].queryset = centre.programme_lines.order_by("number")
        self.fields["participants"].queryset = centre_people(centre)

    def data_object(self) -> MeetingData:
        data = self.cleaned_data
        return MeetingData(title=data["title"], kind=data["kind"], starts_at=data["starts_at"],
                           ends_at=data["ends_at"], place=data["place"], online_link=data["online_link"],
                           is_public=data["is_public"], programme_line=data["programme_line"],
                           participants=list(data["participants"]))


def meeting_initial(meeting: Meeting) -> dict:
    return {"title": meeting.title, "kind": meeting.kind, "programme_line": meeting.programme_line,
            "starts_at": meeting.starts_at, "ends_at": meeting.ends_at, "place": meeting.place,
            "online_link": meeting.online_link, "is_public": meeting.is_public,
            "participants": list(meeting.participants.all())}


class ItemForm(forms.Form):
    """An agenda item."""

    title = forms.CharField(label=_("Title"), max_length=200)
    purpose = forms.ChoiceField(label=_("Purpose"), choices=AgendaItem.Purpose.choices)
    presenter = forms.CharField(label=_("Presenter"), max_length=200, required=False)
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=1, max_value=480, initial=15)
    proposal = forms.CharField(label=_("Proposed decision"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                               help_text=_("For an item for decision: the text the meeting is asked to decide. "
                                           "It is shown on the agenda and becomes the decision's text when "
                                           "you record it after the meeting has started."))

    def data_object(self) -> ItemData:
        return ItemData(**self.cleaned_data)


class DocumentForm(forms.Form):
    """A document for an agenda item: an uploaded file or a link."""

    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"), required=False, validators=[validate_output_file],
                           help_text=_("PDF, Word, Excel, PowerPoint, ZIP, PNG or JPEG, at most 20 MB. Only those "
                                       "who may read the meeting can download it."))
    link = forms.URLField(label=_("Or a link"), required=False, max_length=500, assume_scheme="https")

    def clean(self):
        cleaned = super().clean()
        if not self.errors and bool(cleaned.get("file")) == bool(cleaned.get("link")):
            raise forms.ValidationError(_("Upload a file or give a link, one of the two."))
        return cleaned


class MinutesForm(forms.Form):
    """The minutes: one text per agenda item (and a reason when correcting published minutes)."""

    def __init__(self, *args, items, correcting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"item_{item.pk}"] = forms.CharField(
                label=f"{item.position}. {item.title}", required=False, widget=forms.Textarea(attrs={"rows": 4}))
        if correcting:
            self.fields["reason"] = forms.CharField(
                label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("The earlier version stays readable; this reason is shown with the new version."))

    def texts(self) -> dict:
        return {item.pk: self.cleaned_data.get(f"item_{item.pk}", "") for item in self.items}


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
    item = ModelChoiceField(label=_("From agenda item"), queryset=None, required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.items.order_by("position", "pk")


class ActionForm(forms.Form):
    what = forms.CharField(label=_("What"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = ModelChoiceField(label=_("Owner"), queryset=None)
    due_date = DateField(label=_("Due date"), widget=DATE_WIDGET)
    item = ModelChoiceField(label=_("From agenda item"), queryset=None, required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = centre_people(meeting.centre)
        self.fields["item"].queryset = meeting.items.order_by("position", "pk")


class SeatForm(forms.Form):
    """A seat in the steering group."""

    user = ModelChoiceField(label=_("Person with a login"), queryset=None, required=False)
    name = forms.CharField(label=_("Or a name"), max_length=200, required=False)
    partnership = ModelChoiceField(label=_("Represents"), queryset=None, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=SteeringMember.Role.choices,
                             initial=SteeringMember.Role.MEMBER)
    start = DateField(label=_("Start"), widget=DATE_WIDGET)

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = centre_people(centre)
        self.fields["partnership"].queryset = (centre.partnerships.select_related("organisation")
                                               .order_by("organisation__name"))

    def data_object(self) -> SeatData:
        return SeatData(**self.cleaned_data)


class EndSeatForm(forms.Form):
    end = DateField(label=_("Last day"), widget=DATE_WIDGET)


class DecisionFilter(forms.Form):
    """The decisions register's filters."""

    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    q = forms.CharField(label=_("Text contains"), required=False, max_length=100)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *[(year, year) for year in years]]


class ActionFilter(forms.Form):
    """The actions list's filters."""

    STATES = [("", _("All")), ("open", _("Open")), ("overdue", _("Overdue")), ("done", _("Done"))]
    state = forms.ChoiceField(label=_("Status"), choices=STATES, required=False)
    owner = forms.ChoiceField(label=_("Owner"), required=False)

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", _("Everyone")), ("me", _("Me")),
                                        *[(str(user.pk), str(user)) for user in owners]]

