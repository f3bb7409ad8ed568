"""The office's upload form for a published forecast: the file and the edition it is (docs/formats.md §9).

After a check the page carries the checked file in a hidden field, so that "Import" does not ask for it again;
the service reads it once more either way.
"""

import base64
import binascii

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from civhub.hca.models import PublishedForecast
from civhub.hca.published_file import parse_typology

# A published forecast has tens of rows; 1 MB is generous, and carried back as base64 after the check it stays
# within Django's 2.5 MB limit on a form's data (DATA_UPLOAD_MAX_MEMORY_SIZE).
MAX_BYTES = 1024 * 1024
_MODEL = PublishedForecast._meta


def _label(name: str):
    return capfirst(_MODEL.get_field(name).verbose_name)


class PublishedForecastForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"), required=False,
        help_text=_("Columns: soort, naam, ons_beroep (optional), werkgelegenheid, uitbreidingsvraag, "
                    "vervangingsvraag, instroom, ita and typering (both optional)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}))
    publisher = forms.CharField(label=_label("publisher"), max_length=120, help_text=_("For example ROA."))
    edition = forms.CharField(label=_label("edition"), max_length=200,
                              help_text=_("The title as published. Importing an edition and region again replaces "
                                          "their rows."))
    region = forms.CharField(label=_label("region"), max_length=120)
    first_year = forms.IntegerField(label=_label("first_year"), min_value=1900, max_value=2200)
    last_year = forms.IntegerField(label=_label("last_year"), min_value=1900, max_value=2200)
    source_url = forms.URLField(label=_("Source (web address)"), required=False, assume_scheme="https")
    typology = forms.CharField(
        label=_("ITA typology of this edition"), required=False, max_length=300,
        help_text=_("Optional: the highest ITA of each label, best first, then the label above the last bound, "
                    "e.g. 0.85:zeer goed,1.00:goed,1.05:redelijk,1.15:matig,slecht. Empty: the 2021 edition's "
                    "typology."))
    illustrative = forms.BooleanField(label=_("Illustrative figures (not a real publication)"), required=False)
    checked = forms.CharField(widget=forms.HiddenInput, required=False)
    checked_name = forms.CharField(widget=forms.HiddenInput, required=False, max_length=255)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is %(size)s; a published forecast of at most %(limit)s can be "
                                          "imported.") % {"size": filesizeformat(upload.size),
                                                          "limit": filesizeformat(MAX_BYTES)})
        return upload

    def clean_typology(self):
        text = self.cleaned_data["typology"].strip()
        try:
            return parse_typology(text) if text else None
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self):
        data = super().clean()
        if data.get("first_year") and data.get("last_year") and data["first_year"] > data["last_year"]:
            self.add_error("last_year", _("The last year cannot be before the first year."))
        if not data.get("file") and not data.get("checked"):
            self.add_error("file", _("Choose the file to import."))
        return data

    def content(self) -> tuple[str, bytes]:
        """(file name, bytes): the file chosen now, else the file checked before."""
        upload = self.cleaned_data.get("file")
        if upload:
            return upload.name, upload.read()
        try:
            return self.cleaned_data["checked_name"] or "forecast.csv", base64.b64decode(
                self.cleaned_data["checked"], validate=True)
        except (binascii.Error, ValueError):
            return self.cleaned_data["checked_name"] or "forecast.csv", b""

    def edition_fields(self) -> dict:
        keys = ("publisher", "edition", "region", "first_year", "last_year", "source_url", "typology", "illustrative")
        return {key: self.cleaned_data[key] for key in keys}
