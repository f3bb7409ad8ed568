"""A school's own programmes, kept by the school's contacts and signatories (and the office): the list, add and
edit. Another partner's page, or another school's programme, is a 404; a partner that is no school gets a 403.
"""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from civhub.accounts.permissions import portal_required
from civhub.core.views import attempt, form_page, posted
from civhub.hca.forms.schools import SchoolProgrammeForm
from civhub.hca.permissions import coverage_modules, is_school, may_keep_programmes_of, may_manage, school_or_404
from civhub.hca.selectors.setup import school_programmes
from civhub.hca.services.setup import save_programme


@portal_required
def programmes(request, centre, code):
    school = school_or_404(request.user, centre, code)
    return render(request, "hca/school_programmes.html", {
        "centre": centre, "school": school, "programmes": school_programmes(school),
        "office": may_manage(request.user, centre),
        "provides_modules": coverage_modules(request.user, centre).filter(provider=school).exists()})


def _programme_page(request, centre, school, programme=None):
    form = SchoolProgrammeForm(posted(request), instance=programme, centre=centre)
    list_url = reverse("hca:school_programmes", args=[centre.slug, school.short_code])
    if form.is_bound and form.is_valid():
        data = {"school": school, **{key: form.cleaned_data[key] for key in form.Meta.fields}}
        done = attempt(request, form, lambda: save_programme(actor=request.user, centre=centre, programme=programme,
                                                             data=data),
                       _("The programme has been saved."), list_url)
        if done:
            return done
    return form_page(request, "hca/school_programme_form.html", {
        "centre": centre, "school": school, "form": form, "programme": programme, "list_url": list_url,
        "office": may_manage(request.user, centre)})


@portal_required
def programme_new(request, centre, code):
    return _programme_page(request, centre, school_or_404(request.user, centre, code))


@portal_required
def programme_edit(request, centre, code, pk):
    school = school_or_404(request.user, centre, code)
    return _programme_page(request, centre, school, get_object_or_404(school.education_programmes, pk=pk))


def portal_section(request, partnership) -> dict | None:
    """The partner portal's section for a school: a way to its programmes and its modules' skill coverage."""
    if not (is_school(partnership) and may_keep_programmes_of(request.user, partnership)):
        return None
    return {"school": partnership, "programme_count": partnership.education_programmes.count(),
            "provides_modules": partnership.education_modules.exists()}
