"""The budget import's upload (docs/formats.md §11). After a check the page carries the checked file in a hidden
field, so that "Import" does not ask for it again; the service reads it once more either way."""

import base64
import binascii

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from civhub.ledger.forms.imports import UploadField

# A budget has hundreds of lines; 1 MB is generous, and carried back as base64 after the check it stays within
# Django's 2.5 MB limit on a form's data (DATA_UPLOAD_MAX_MEMORY_SIZE).
MAX_BYTES = 1024 * 1024


class BudgetImportForm(forms.Form):
    file = UploadField(required=False, help_text=_(
        "The columns of the budget format: kant, jaar, bron, vorm, categorie, programmalijn, omschrijving, "
        "volume, eenheid, prijs and (optional) bedrag."))
    checked = forms.CharField(widget=forms.HiddenInput, required=False)
    checked_name = forms.CharField(widget=forms.HiddenInput, required=False, max_length=255)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is %(size)s; a budget of at most %(limit)s can be imported.")
                                        % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_BYTES)})
        return upload

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("checked") and "file" not in self.errors:
            self.add_error("file", _("Choose the file to import."))
        return data

    def content(self) -> tuple[str, bytes]:
        """(file name, bytes): the file chosen now, else the file checked before."""
        upload = self.cleaned_data.get("file")
        if upload:
            return upload.name, upload.read()
        name = self.cleaned_data["checked_name"] or "begroting.csv"
        try:
            return name, base64.b64decode(self.cleaned_data["checked"], validate=True)
        except (binascii.Error, ValueError):
            return name, b""

    @staticmethod
    def carrying(data, name: str, content: bytes) -> "BudgetImportForm":
        """The form again, carrying the checked file."""
        data = data.copy()
        data["checked"], data["checked_name"] = base64.b64encode(content).decode("ascii"), name
        return BudgetImportForm(data)
