"""The office's pages of the Human Capital Agenda: the centre's occupations and the programmes that supply them.

Only the programme office (403 for the centre's other roles); another centre's occupation or
programme is a 404. A refused save comes back on the form with a 400 and nothing written.
"""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from civhub.accounts.permissions import office_required
from civhub.core.views import attempt, form_page, posted
from civhub.hca import services
from civhub.hca.forms import OccupationForm, ProgrammeForm
from civhub.hca.models import EducationProgramme, Occupation
from civhub.hca.selectors import occupations_and_programmes


@office_required
def setup(request, centre):
    return render(request, "hca/setup.html", {"centre": centre, **occupations_and_programmes(centre)})


def _setup_url(centre, anchor: str) -> str:
    return reverse("hca:setup", args=[centre.slug]) + anchor


def _occupation_page(request, centre, occupation=None):
    form = OccupationForm(posted(request), instance=occupation)
    if form.is_bound and form.is_valid():
        data = {key: form.cleaned_data[key] for key in OccupationForm.Meta.fields}
        done = attempt(request, form, lambda: services.save_occupation(
            actor=request.user, centre=centre, occupation=occupation, data=data),
            _("The occupation has been saved."), _setup_url(centre, "#occupations"))
        if done:
            return done
    return form_page(request, "hca/occupation_form.html", {"centre": centre, "occupation": occupation, "form": form})


@office_required
def occupation_new(request, centre):
    return _occupation_page(request, centre)


@office_required
def occupation_edit(request, centre, pk):
    return _occupation_page(request, centre, get_object_or_404(Occupation, centre=centre, pk=pk))


def _programme_page(request, centre, programme=None):
    form = ProgrammeForm(posted(request), instance=programme, centre=centre)
    if form.is_bound and form.is_valid():
        data = {key: form.cleaned_data[key] for key in ProgrammeForm.Meta.fields}
        done = attempt(request, form, lambda: services.save_programme(
            actor=request.user, centre=centre, programme=programme, data=data),
            _("The programme has been saved."), _setup_url(centre, "#programmes"))
        if done:
            return done
    return form_page(request, "hca/programme_form.html", {"centre": centre, "programme": programme, "form": form})


@office_required
def programme_new(request, centre):
    return _programme_page(request, centre)


@office_required
def programme_edit(request, centre, pk):
    return _programme_page(request, centre, get_object_or_404(EducationProgramme, centre=centre, pk=pk))
