"""What a partner's signatory types to confirm its pledge table, or to ask for a change.

Both forms carry the hash of the table the page showed, so the service answers for exactly that table.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from civhub.applications.services.commitments import Signer


class _Answer(forms.Form):
    table_hash = forms.CharField(widget=forms.HiddenInput, max_length=64)


class ConfirmForm(_Answer):
    name = forms.CharField(label=_("Your name"), max_length=200)
    role = forms.CharField(label=_("Your role in the organisation"), max_length=200, required=False,
                           help_text=_("For example: director, managing director, head of operations."))
    address = forms.CharField(label=_("Postal address of your organisation"), max_length=500,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("Street and number, postcode and town, as on your letters."))

    def signer(self) -> Signer:
        data = self.cleaned_data
        return Signer(name=data["name"], role=data["role"], address=data["address"])


class ChangeForm(_Answer):
    comment = forms.CharField(label=_("What should change, and why?"), max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 5}),
                              help_text=_("The programme office reads this and adjusts the budget; then you are "
                                          "asked to confirm again."))


def signer_initial(user, partnership, shown_hash: str) -> dict:
    """The signatory's name and role from their contact record, the address from the organisation (its town is
    all civhub knows of it: the signatory completes it)."""
    contact = partnership.contacts.filter(user=user).order_by("-is_primary", "pk").first()
    organisation = partnership.organisation
    address = "\n".join(part for part in (organisation.name, organisation.city) if part)
    return {"table_hash": shown_hash, "name": user.full_name, "role": contact.function if contact else "",
            "address": address}
