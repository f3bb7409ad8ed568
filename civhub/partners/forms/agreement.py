"""The forms of the register of the cooperation agreement: a new version, a signature on paper with its scan, an
accession (a partner joining later, with the date from which its pledges count) and a departure."""

from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from civhub.core.fields import DateField, ModelChoiceField
from civhub.partners.models import Partnership
from civhub.partners.services.agreement import SignatureData, VersionData

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_MB = 20
# What an agreement or a scan may be, by extension, and how its content starts.
SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".docx": (b"PK\x03\x04",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}


def validate_agreement_file(upload) -> None:
    """A PDF, Word document or image of at most 20 MB, whose content is what its name says."""
    extension = Path(upload.name).suffix.lower()
    if extension not in SIGNATURES:
        raise forms.ValidationError(
            _("“%(name)s” is not a file type we accept. Upload a PDF, Word (DOCX), PNG or JPEG file."),
            code="file_type", params={"name": upload.name})
    if upload.size > MAX_MB * 1024 * 1024:
        raise forms.ValidationError(_("The file is larger than %(limit)s MB. Upload a smaller file."),
                                    code="file_size", params={"limit": MAX_MB})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(SIGNATURES[extension]):
        raise forms.ValidationError(
            _("The content of “%(name)s” is not a %(type)s file, although its name says so. Upload the original "
              "file."), code="file_content", params={"name": upload.name, "type": extension.lstrip(".").upper()})


class VersionForm(forms.Form):
    document = forms.FileField(
        label=_("The agreement (document)"), validators=[validate_agreement_file],
        help_text=_("The text of this version as the partners sign it: PDF, Word, PNG or JPEG, at most 20 MB."),
        error_messages={"required": _("Upload the text of this version of the agreement.")})
    dated = DateField(label=_("Date of this version"), widget=DATE_WIDGET,
                            error_messages={"required": _("Give the date of this version."),
                                            "invalid": _("Give a valid date.")})
    changes = forms.CharField(
        label=_("What changed"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What is different from the previous version, in a few sentences. Partners see this when they "
                    "sign."),
        error_messages={"max_length": _("Keep this to at most 4,000 characters.")})

    def data_for_service(self) -> VersionData:
        data = self.cleaned_data
        return VersionData(dated=data["dated"], changes=data["changes"], document=data["document"])


class SignatureForm(forms.Form):
    """A signature on paper: who signed, when, and the scan of the signed agreement."""

    signed_by_name = forms.CharField(
        label=_("Signed by"), max_length=200, help_text=_("The name of the person who signed for the partner."),
        error_messages={"required": _("Say who signed for the partner.")})
    signed_on = DateField(label=_("Signed on"), widget=DATE_WIDGET,
                                error_messages={"required": _("Give the date of the signature."),
                                                "invalid": _("Give a valid date.")})
    scan = forms.FileField(
        label=_("Scan of the signed agreement"), validators=[validate_agreement_file],
        help_text=_("PDF, PNG or JPEG, at most 20 MB. Only the programme office can download it."),
        error_messages={"required": _("Upload the scanned copy of the signed agreement.")})

    def data_for_service(self) -> SignatureData:
        data = self.cleaned_data
        return SignatureData(signed_by_name=data["signed_by_name"], signed_on=data["signed_on"], scan=data["scan"],
                             counts_from=data.get("counts_from"))


class AccessionForm(SignatureForm):
    """A partner joining later signs an accession; its pledges count from the date given."""

    partnership = ModelChoiceField(
        label=_("Partner"), queryset=Partnership.objects.none(),
        error_messages={"required": _("Choose the partner that joins."),
                        "invalid_choice": _("Choose one of the partners in the list.")})
    counts_from = DateField(
        label=_("Pledges count from"), widget=DATE_WIDGET,
        help_text=_("From this date the partner's pledges and contributions count for the centre."),
        error_messages={"required": _("Give the date from which the partner's pledges count."),
                        "invalid": _("Give a valid date.")})

    field_order = ["partnership", "counts_from", "signed_by_name", "signed_on", "scan"]

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = partners
        self.fields["partnership"].label_from_instance = lambda partnership: partnership.organisation.name


class DepartureForm(forms.Form):
    left_on = DateField(
        label=_("Leaves on"), widget=DATE_WIDGET,
        help_text=_("The partner's pledges count until this date; it no longer signs new versions."),
        error_messages={"required": _("Give the date on which the partner leaves."),
                        "invalid": _("Give a valid date.")})
