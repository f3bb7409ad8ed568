"""A part's draft, owner and status; a comment on it."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from civhub.applications.models import ApplicationPart
from civhub.applications.permissions import writers
from civhub.core.fields import ModelChoiceField


class PartForm(forms.Form):
    draft = forms.CharField(label=_("Draft text"), required=False, widget=forms.Textarea(attrs={"rows": 18}),
                            help_text=_("Every saved version is kept."))
    owner = ModelChoiceField(label=pgettext_lazy("application part", "Owner"), queryset=None, required=False,
                                   empty_label=_("Nobody yet"),
                                   help_text=_("Who writes this part: someone of the programme office."))
    status = forms.ChoiceField(label=_("Status"), choices=ApplicationPart.Status.choices)

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = writers(centre)


def part_initial(part: ApplicationPart) -> dict:
    return {"draft": part.draft, "owner": part.owner, "status": part.status}


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
