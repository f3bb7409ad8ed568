"""The skill list, a skill's form and the coverage matrix of skills × line-1 education modules.

The skills are the office's (403 for the centre's other roles). The coverage matrix is the office's for every
module, and a school partner's for the modules it provides (403 for anyone else in the centre).
"""

from functools import partial

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from civhub.core.errors import CivhubError
from civhub.core.views import attempt, form_page, posted
from civhub.hca.forms.skills import CoverageForm, SkillForm
from civhub.hca.models import SkillCoverage
from civhub.hca.permissions import coverage_pages_required, may_manage, office_pages_required
from civhub.hca.selectors.coverage import coverage_matrix, skill_list
from civhub.hca.services import skills as services
from civhub.learning.models import Skill


@office_pages_required
def skills(request, centre):
    return render(request, "hca/skills.html", {"centre": centre, "skills": skill_list(centre)})


def _skill_page(request, centre, skill=None):
    form = SkillForm(posted(request), instance=skill)
    if form.is_bound and form.is_valid():
        data = {key: form.cleaned_data[key] for key in form.Meta.fields}
        save = partial(services.save_skill, actor=request.user, centre=centre, skill=skill, data=data)
        done = attempt(request, form, save, _("The skill has been saved."),
                       reverse("hca:skills", args=[centre.slug]))
        if done:
            return done
    return form_page(request, "hca/skill_form.html", {"centre": centre, "form": form, "skill": skill})


@office_pages_required
def skill_new(request, centre):
    return _skill_page(request, centre)


@office_pages_required
def skill_edit(request, centre, pk):
    return _skill_page(request, centre, get_object_or_404(Skill, centre=centre, pk=pk))


@coverage_pages_required
def coverage(request, centre, modules):
    """GET: the matrix; POST: save every cell in one go (only the cells that changed are written and audited)."""
    form = CoverageForm(posted(request), matrix=coverage_matrix(centre, modules))
    if form.is_bound and form.is_valid():
        cells = [services.CoverageCell(*cell) for cell in form.cells()]
        try:
            changed = services.save_coverage(actor=request.user, centre=centre, cells=cells)
        except CivhubError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, ngettext("%(count)d cell of the coverage was changed.",
                                               "%(count)d cells of the coverage were changed.", changed)
                             % {"count": changed})
            return redirect("hca:coverage", centre.slug)
    return form_page(request, "hca/coverage.html", {
        "centre": centre, "form": form, "office": may_manage(request.user, centre), "levels": SkillCoverage.Level})
