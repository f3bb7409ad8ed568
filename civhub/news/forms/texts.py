"""Forms for the public texts: each text in Dutch and in English, plain text only (the service checks)."""

from django import forms
from django.utils.translation import gettext_lazy as _


def _text_field(label, rows: int, required: bool = False):
    return forms.CharField(label=label, required=required, strip=False,
                           widget=forms.Textarea(attrs={"rows": rows}))


class TranslatedTextForm(forms.Form):
    """One text: Dutch (required) and English (shown to English readers; empty falls back to Dutch)."""

    nl = _text_field(_("Dutch"), 4, required=True)
    en = _text_field(_("English"), 4)

    def __init__(self, *args, rows: int = 4, help_text: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["rows"] = rows
            field.help_text = help_text


class LineTextForm(forms.Form):
    """A programme line's name and description, in Dutch and English."""

    name_nl = forms.CharField(label=_("Name in Dutch"), strip=False)
    name_en = forms.CharField(label=_("Name in English"), required=False, strip=False)
    description_nl = _text_field(_("Description in Dutch"), 4)
    description_en = _text_field(_("Description in English"), 4)

    def names(self) -> dict:
        return {"nl": self.cleaned_data["name_nl"], "en": self.cleaned_data["name_en"]}

    def descriptions(self) -> dict:
        return {"nl": self.cleaned_data["description_nl"], "en": self.cleaned_data["description_en"]}


class ContactForm(forms.Form):
    """A public contact person: name, position in both languages, phone and e-mail address."""

    name = forms.CharField(label=_("Name"), max_length=200, strip=False)
    position_nl = forms.CharField(label=_("Position in Dutch"), required=False, strip=False)
    position_en = forms.CharField(label=_("Position in English"), required=False, strip=False)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    email = forms.EmailField(label=_("E-mail address"), required=False)

    def positions(self) -> dict:
        return {"nl": self.cleaned_data["position_nl"], "en": self.cleaned_data["position_en"]}
