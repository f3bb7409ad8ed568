"""The programme office's forms: deciding on applications and shared-organisation changes, filtering partners,
and moving a partner to another co-financing group.
"""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from civhub.partners.models import Cluster, CofinancingGroup, OrganisationKind, PartnerApplication, Partnership


class ApproveForm(forms.Form):
    """Approving needs no reason; a note is kept with the decision."""

    reason = forms.CharField(
        label=_("Note (optional)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For the office's records; the applicant does not see it."),
        error_messages={"max_length": _("Keep the note to at most 2,000 characters.")},
    )


class DeclineForm(forms.Form):
    """Declining needs a reason: the applicant receives it by e-mail."""

    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The applicant receives this text by e-mail. Write it for them."),
        error_messages={"required": _("Give a reason: the applicant receives it by e-mail."),
                        "max_length": _("Keep the reason to at most 2,000 characters.")},
    )


def _any(choices) -> list[tuple[str, str]]:
    return [("", _("All"))] + list(choices)


class ApplicationFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_any(PartnerApplication.Status.choices))


class PartnerFilterForm(forms.Form):
    """The partner list's filters; an unknown value is ignored rather than an error page."""

    cluster = forms.ChoiceField(label=_("Cluster"), required=False, choices=_any(Cluster.choices))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_any(Partnership.Status.choices))
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=_any(OrganisationKind.choices))

    def filters(self) -> dict:
        """The valid filters chosen, as selector keywords."""
        self.is_valid()
        return {name: value for name, value in getattr(self, "cleaned_data", {}).items() if value}


class OrganisationChangeDecisionForm(forms.Form):
    """The office's answer to a change of a shared organisation; the page's two buttons send `decision`."""

    APPROVE, DECLINE = "approve", "decline"

    decision = forms.ChoiceField(
        choices=[(APPROVE, _("Approve")), (DECLINE, _("Decline"))], widget=forms.HiddenInput,
        error_messages={"required": _("Choose whether to approve or decline the change."),
                        "invalid_choice": _("Choose whether to approve or decline the change.")},
    )
    reason = forms.CharField(
        label=_("Reason or note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you decline: the partner who asked for the change sees it."),
        error_messages={"max_length": _("Keep the reason to at most 2,000 characters.")},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.DECLINE and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Give a reason: the partner who asked for the change sees it."))
        return cleaned


class CofinancingGroupForm(forms.Form):
    """Move a partner to another co-financing group; the reason is kept with the change."""

    group = forms.ChoiceField(label=_("Co-financing group"),
                              choices=[(value, capfirst(label)) for value, label in CofinancingGroup.choices])
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why this partner's co-financing counts in this group. It is kept with the change for the "
                    "auditors."),
        error_messages={"required": _("Give a reason: it is kept with the change for the auditors."),
                        "max_length": _("Keep the reason to at most 2,000 characters.")},
    )

    def __init__(self, *args, partnership, **kwargs):
        kwargs.setdefault("initial", {"group": partnership.cofinancing_group})
        super().__init__(*args, **kwargs)
        self.partnership = partnership

    def clean_group(self) -> str:
        group = self.cleaned_data["group"]
        if group == self.partnership.cofinancing_group:
            raise forms.ValidationError(_("This partner is already in this group. Choose another group."))
        return group
