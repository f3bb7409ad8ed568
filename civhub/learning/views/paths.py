"""The programme office's learning paths: create, edit, and put courses in order as steps."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civhub.core.views import attempt, confirm_then_act, form_status, posted
from civhub.learning.forms.provider import PathForm, StepForm
from civhub.learning.models import Course, LearningPathStep
from civhub.learning.permissions import paths_managed_by, paths_required
from civhub.learning.services.paths import add_step, move_step, remove_step, save_path


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
    form = PathForm(posted(request))
    if form.is_bound and form.is_valid():
        path = save_path(centre=centre, actor=request.user, data=form.path_data())
        messages.success(request, _("The learning path is created; now add its courses as steps."))
        return redirect("learning:path_edit", centre.slug, path.pk)
    return _render(request, centre, None, form, None, status=form_status(form))


@paths_required
def path_edit(request, centre, pk):
    """`learning:path_edit`: the path's details, its steps in order and the form to add one."""
    path = get_object_or_404(paths_managed_by(request.user, centre), pk=pk)
    form = PathForm(posted(request), instance=path)
    if form.is_bound and form.is_valid():
        save_path(centre=centre, actor=request.user, data=form.path_data(), path=path)
        messages.success(request, _("The learning path is saved."))
        return redirect("learning:path_edit", centre.slug, path.pk)
    return _render(request, centre, path, form, _step_form(centre), status=form_status(form))


@paths_required
def step_add(request, centre, pk):
    """`learning:step_add`: add a course as the path's last step (GET shows the form on its own)."""
    path = get_object_or_404(paths_managed_by(request.user, centre), pk=pk)
    step_form = _step_form(centre, posted(request))
    if step_form.is_bound and step_form.is_valid():
        done = attempt(request, step_form,  # the service names the course field for its refusals
                       lambda: add_step(path=path, course=step_form.cleaned_data["course"], actor=request.user),
                       _("The step is added."), reverse("learning:path_edit", args=[centre.slug, path.pk]))
        if done:
            return done
    return _render(request, centre, path, PathForm(instance=path), step_form, status=form_status(step_form))


def _step(request, centre, pk, step_pk) -> LearningPathStep:
    path = get_object_or_404(paths_managed_by(request.user, centre), pk=pk)
    return get_object_or_404(path.steps.select_related("course", "path"), pk=step_pk)


@paths_required
def step_remove(request, centre, pk, step_pk):
    """`learning:step_remove`: GET asks for confirmation, POST takes the course out of the path."""
    step = _step(request, centre, pk, step_pk)
    return confirm_then_act(request, "learning/manage/step_remove.html",
                            {"centre": centre, "step": step, "tab": "paths"},
                            lambda: remove_step(step=step, actor=request.user),
                            _("“%(course)s” is no longer a step of this path.") % {"course": step.course.title},
                            reverse("learning:path_edit", args=[centre.slug, pk]))


@paths_required
@require_POST
def step_move(request, centre, pk, step_pk):
    """`learning:step_move`: move a step one place up or down (a button on the path's page)."""
    step = _step(request, centre, pk, step_pk)
    move_step(step=step, up=request.POST.get("direction") != "down", actor=request.user)
    return redirect("learning:path_edit", centre.slug, pk)
