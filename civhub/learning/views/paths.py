"""The programme office's learning paths: create, edit, and put courses in order as steps."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civhub.learning.errors import LearningError
from civhub.learning.forms.provider import PathForm, StepForm
from civhub.learning.models import Course, LearningPathStep
from civhub.learning.permissions import paths_managed_by, paths_required
from civhub.learning.services.paths import add_step, move_step, remove_step, save_path


def _posted(request):
    return request.POST if request.method == "POST" else None


def _step_form(centre, data=None) -> StepForm:
    return StepForm(data, courses=Course.objects.filter(centre=centre))


def _render(request, centre, path, form, step_form, status=200):
    steps = path.steps.select_related("course__provider__organisation").order_by("position") if path else []
    return render(request, "learning/manage/path_form.html", {
        "centre": centre, "path": path, "form": form, "step_form": step_form, "steps": steps, "tab": "paths",
        "is_office": True,
    }, status=status)


@paths_required
def path_new(request, centre):
    form = PathForm(_posted(request))
    if form.is_bound and form.is_valid():
        path = save_path(centre=centre, actor=request.user, data=form.path_data())
        messages.success(request, _("The learning path is created; now add its courses as steps."))
        return redirect("learning:path_edit", centre.slug, path.pk)
    return _render(request, centre, None, form, None, status=400 if form.is_bound else 200)


@paths_required
def path_edit(request, centre, pk):
    """`learning:path_edit`: the path's details, its steps in order and the form to add one."""
    path = get_object_or_404(paths_managed_by(request.user, centre), pk=pk)
    form = PathForm(_posted(request), instance=path)
    if form.is_bound and form.is_valid():
        save_path(centre=centre, actor=request.user, data=form.path_data(), path=path)
        messages.success(request, _("The learning path is saved."))
        return redirect("learning:path_edit", centre.slug, path.pk)
    return _render(request, centre, path, form, _step_form(centre), status=400 if form.is_bound else 200)


@paths_required
def step_add(request, centre, pk):
    """`learning:step_add`: add a course as the path's last step (GET shows the form on its own)."""
    path = get_object_or_404(paths_managed_by(request.user, centre), pk=pk)
    step_form = _step_form(centre, _posted(request))
    if step_form.is_bound and step_form.is_valid():
        try:
            add_step(path=path, course=step_form.cleaned_data["course"], actor=request.user)
        except LearningError as error:
            step_form.add_error("course", str(error))
        else:
            messages.success(request, _("The step is added."))
            return redirect("learning:path_edit", centre.slug, path.pk)
    return _render(request, centre, path, PathForm(instance=path), step_form, status=400 if step_form.is_bound else 200)


def _step(request, centre, pk, step_pk) -> LearningPathStep:
    path = get_object_or_404(paths_managed_by(request.user, centre), pk=pk)
    return get_object_or_404(path.steps.select_related("course", "path"), pk=step_pk)


@paths_required
def step_remove(request, centre, pk, step_pk):
    """`learning:step_remove`: GET asks for confirmation, POST takes the course out of the path."""
    step = _step(request, centre, pk, step_pk)
    if request.method == "POST":
        remove_step(step=step, actor=request.user)
        messages.success(request, _("“%(course)s” is no longer a step of this path.") % {"course": step.course.title})
        return redirect("learning:path_edit", centre.slug, pk)
    return render(request, "learning/manage/step_remove.html", {"centre": centre, "step": step, "tab": "paths"})


@paths_required
@require_POST
def step_move(request, centre, pk, step_pk):
    """`learning:step_move`: move a step one place up or down (a button on the path's page)."""
    step = _step(request, centre, pk, step_pk)
    move_step(step=step, up=request.POST.get("direction") != "down", actor=request.user)
    return redirect("learning:path_edit", centre.slug, pk)
