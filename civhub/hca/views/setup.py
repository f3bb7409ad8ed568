"""The office's pages of the Human Capital Agenda: the centre's occupations and the programmes that supply them.

Only the programme office (403 for the centre's other roles); another centre's occupation or
programme is a 404. A refused save comes back on the form with a 400 and nothing written.
"""

from functools import partial

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from civhub.core.views import attempt, form_page, posted
from civhub.hca.forms.setup import OccupationForm, ProgrammeForm
from civhub.hca.models import EducationProgramme, Occupation
from civhub.hca.permissions import office_pages_required
from civhub.hca.selectors.setup import occupations_and_programmes
from civhub.hca.services import setup as services


@office_pages_required
def setup(request, centre):
    return render(request, "hca/setup.html", {"centre": centre, **occupations_and_programmes(centre)})


def _setup_url(centre, anchor: str) -> str:
    return reverse("hca:setup", args=[centre.slug]) + anchor


def _edit_page(request, centre, form, save, *, template: str, context: dict, saved: str, anchor: str):
    """The office's form for one occupation or programme: save through the service, or show the form again."""
    if form.is_bound and form.is_valid():
        data = {key: form.cleaned_data[key] for key in form.Meta.fields}
        done = attempt(request, form, lambda: save(actor=request.user, centre=centre, data=data), saved,
                       _setup_url(centre, anchor))
        if done:
            return done
    return form_page(request, template, {"centre": centre, "form": form, **context})


def _occupation_page(request, centre, occupation=None):
    return _edit_page(request, centre, OccupationForm(posted(request), instance=occupation),
                      partial(services.save_occupation, occupation=occupation), template="hca/occupation_form.html",
                      context={"occupation": occupation}, saved=_("The occupation has been saved."),
                      anchor="#occupations")


@office_pages_required
def occupation_new(request, centre):
    return _occupation_page(request, centre)


@office_pages_required
def occupation_edit(request, centre, pk):
    return _occupation_page(request, centre, get_object_or_404(Occupation, centre=centre, pk=pk))


def _programme_page(request, centre, programme=None):
    return _edit_page(request, centre, ProgrammeForm(posted(request), instance=programme, centre=centre),
                      partial(services.save_programme, programme=programme), template="hca/programme_form.html",
                      context={"programme": programme}, saved=_("The programme has been saved."),
                      anchor="#programmes")


@office_pages_required
def programme_new(request, centre):
    return _programme_page(request, centre)


@office_pages_required
def programme_edit(request, centre, pk):
    return _programme_page(request, centre, get_object_or_404(EducationProgramme, centre=centre, pk=pk))
