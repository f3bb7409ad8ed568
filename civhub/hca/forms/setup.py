"""The office's forms for the centre's occupations and the education programmes that supply them."""

from django import forms

from civhub.core.fields import FlexibleDecimalField, formfield
from civhub.hca.models import EducationProgramme, Occupation
from civhub.partners.models import Partnership

_SHARE = EducationProgramme._meta.get_field("share_entering")


class OccupationForm(forms.ModelForm):
    class Meta:
        formfield_callback = formfield
        model = Occupation
        fields = ["name", "isco_code", "order"]


class ProgrammeForm(forms.ModelForm):
    # Typed as people write it: 0,6 or 0.6.
    share_entering = FlexibleDecimalField(
        label=_SHARE.verbose_name, help_text=_SHARE.help_text, max_digits=4, decimal_places=3, min_value=0,
        max_value=1, localize=True, widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))

    class Meta:
        formfield_callback = formfield
        model = EducationProgramme
        fields = ["school", "name", "code", "level", "graduates_per_year", "share_entering", "occupations"]
        widgets = {"occupations": forms.CheckboxSelectMultiple}

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = (Partnership.objects.filter(centre=centre).select_related("organisation")
                                          .order_by("organisation__name"))
        self.fields["school"].label_from_instance = lambda partnership: partnership.organisation.name
        self.fields["occupations"].queryset = Occupation.objects.filter(centre=centre)

    def validate_unique(self):
        """The service checks a programme code once per school (the centre is not on the form)."""
