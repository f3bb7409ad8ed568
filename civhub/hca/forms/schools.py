"""A school's own form for its programmes: the office's programme form without the choice of school."""

from civhub.hca.forms.setup import ProgrammeForm
from civhub.hca.models import Occupation


class SchoolProgrammeForm(ProgrammeForm):
    class Meta(ProgrammeForm.Meta):
        fields = ["name", "code", "level", "graduates_per_year", "share_entering", "occupations"]

    def __init__(self, *args, centre, **kwargs):
        super(ProgrammeForm, self).__init__(*args, **kwargs)
        self.fields["occupations"].queryset = Occupation.objects.filter(centre=centre)
