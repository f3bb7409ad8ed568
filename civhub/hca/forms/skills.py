"""The office's skill form and the coverage matrix (one choice 0–3 per skill and module)."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from civhub.core.fields import formfield
from civhub.hca.models import SkillCoverage
from civhub.learning.models import Skill


class SkillForm(forms.ModelForm):
    class Meta:
        formfield_callback = formfield
        model = Skill
        fields = ["name", "description", "esco_uri", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "esco_uri": _("Optional: the web address of the nearest ESCO skill, starting with "
                          "https://data.europa.eu/esco/ (look it up on esco.ec.europa.eu)."),
            "position": _("Skills are listed by this number, then by name."),
        }

    def validate_unique(self):
        """The service checks the name once per centre, whatever the case (the centre is not on the form)."""


def cell_name(module_id: int, skill_id: int) -> str:
    return f"cover-{module_id}-{skill_id}"


class CoverageForm(forms.Form):
    """One select per cell of the matrix, named `cover-<module>-<skill>`, starting from the stored levels."""

    def __init__(self, data=None, *, matrix):
        super().__init__(data)
        self.matrix = matrix
        # "2 – practised": the number first, so that typing it on the keyboard picks the level.
        choices = [(value, f"{value} – {label}") for value, label in SkillCoverage.Level.choices]
        for row in matrix.rows:
            for skill, level in row.levels:
                self.fields[cell_name(row.module.pk, skill.pk)] = forms.TypedChoiceField(
                    label=gettext("%(skill)s in module %(module)s") % {"skill": skill.name, "module": row.module.code},
                    choices=choices, coerce=int, initial=level)

    def cells(self) -> list[tuple[int, int, int]]:
        """(module id, skill id, level) of every cell, after validation."""
        return [(row.module.pk, skill.pk, self.cleaned_data[cell_name(row.module.pk, skill.pk)])
                for row in self.matrix.rows for skill, _level in row.levels]

    def grid(self) -> list[tuple]:
        """(skill, [bound field per module]) in the skills' order: the matrix as the page shows it."""
        return [(skill, [self[cell_name(row.module.pk, skill.pk)] for row in self.matrix.rows])
                for skill in self.matrix.skills]
