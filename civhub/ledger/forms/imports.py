"""The upload forms of the web import. The importer itself decides whether a file is CSV or XLSX and reads it."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from civhub.core.fields import ModelChoiceField

MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # 200,000 rows of CSV fit easily; the importer refuses more rows anyway


class UploadField(forms.FileField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("File (CSV or XLSX)"),
            widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv,"
                                                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}),
            error_messages={"required": _("Choose the file to import."),
                            "empty": _("The file is empty. Choose a CSV or XLSX file with a header and rows.")},
            **kwargs,
        )

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; at most %(limit)s can be imported at once. Split it into smaller files.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_UPLOAD_BYTES)})
        return upload


class ContributionImportForm(forms.Form):
    """A contributions file; a partner with several organisations chooses one; the finance controller
    may import entries approved before the centre used civhub as accepted."""

    file = UploadField(help_text=_("The columns of the contributions format: extern_id, partner, datum, soort, "
                                   "programmalijn, categorie, uren or bedrag, omschrijving."))

    def __init__(self, *args, partnerships=None, may_accept=False, **kwargs):
        super().__init__(*args, **kwargs)
        if partnerships is not None:
            self.fields["partnership"] = ModelChoiceField(
                label=_("For which organisation?"), queryset=partnerships, to_field_name="short_code",
                empty_label=None, error_messages={"invalid_choice": _("Choose one of your organisations.")},
            )
        if may_accept:
            self.fields["as_accepted"] = forms.BooleanField(
                label=_("Import as accepted (migration)"), required=False,
                help_text=_("Only for entries that were approved before the centre used civhub. "
                            "The rows arrive accepted, marked as migrated, and the import is recorded with your "
                            "name and the evidence below."),
            )
            self.fields["reference"] = forms.CharField(
                label=_("Evidence of the approval"), required=False, max_length=300,
                help_text=_("Needed for a migration: what the entries were approved on, for example “signed "
                            "partner statements 2022-2023”."),
                error_messages={"max_length": _("Keep the reference to the evidence to at most 300 characters.")},
            )

    def clean(self):
        data = super().clean()
        if data.get("as_accepted") and not (data.get("reference") or "").strip():
            self.add_error("reference", _("Name the evidence the entries were approved on: a migration is only "
                                          "accepted with a reference."))
        return data


class RateImportForm(forms.Form):
    file = UploadField(help_text=_("The columns of the rate-card format: partner, categorie, uurtarief, "
                                   "geldig_vanaf."))
