"""Research projects: the list, one project with its outputs and research hours, editing, outputs and the summary,
and the public page of finished projects' results."""

import io
from pathlib import Path

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.core.models import Centre
from civhub.core.views import attempt, confirm_then_act, form_page
from civhub.research.forms.projects import OutputForm, ProjectForm, ReviewForm, SummaryForm
from civhub.research.models import ResearchProject
from civhub.research.permissions import (
    is_team,
    partner_required,
    project_for,
    research_required,
    reviewing_partnership_ids,
    team_required,
)
from civhub.research.selectors import projects as selectors
from civhub.research.services import projects as services
from civhub.research.services import summaries


def _project_url(centre, project) -> str:
    return reverse("research:project", args=[centre.slug, project.pk])


def _status_filter(request) -> str | None:
    status = request.GET.get("status", "")
    return status if status in ResearchProject.Status.values else None


@research_required
def projects(request, centre):
    """The practor's team sees every project; a partner the projects it takes part in."""
    status = _status_filter(request)
    return render(request, "research/projects/list.html", {
        "centre": centre, "status": status, "statuses": ResearchProject.Status.choices,
        "projects": list(selectors.project_list(request.user, centre, status=status)),
        "team": is_team(request.user, centre),
    })


@research_required
def project(request, centre, pk):
    project = project_for(request.user, centre, pk)
    return render(request, "research/projects/detail.html", {
        "centre": centre, "page": selectors.project_page(request.user, centre, project), "project": project,
        "team": is_team(request.user, centre),
    })


@team_required
def project_new(request, centre):
    """A project the practor starts without a partner's question (an accepted question creates its own)."""
    form = ProjectForm(request.POST or None, centre=centre, initial={"start": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        done = attempt(request, form, lambda: services.create_project(centre=centre, actor=request.user,
                                                                      data=form.cleaned_data),
                       _("The research project has been created."), lambda project: _project_url(centre, project))
        if done:
            return done
    return form_page(request, "research/projects/form.html", {"centre": centre, "form": form, "project": None})


@team_required
def project_edit(request, centre, pk):
    project = project_for(request.user, centre, pk)
    form = ProjectForm(request.POST or None, centre=centre, editing=True)
    form.initial_from(project)
    if request.method == "POST" and form.is_valid():
        done = attempt(request, form, lambda: services.update_project(project=project, actor=request.user,
                                                                      data=form.cleaned_data),
                       _("The research project has been saved."), _project_url(centre, project))
        if done:
            return done
    return form_page(request, "research/projects/form.html", {"centre": centre, "form": form, "project": project})


@team_required
def output_new(request, centre, pk):
    project = project_for(request.user, centre, pk)
    form = OutputForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = attempt(request, form, lambda: services.add_output(
            project=project, actor=request.user, kind=data["kind"], title=data["title"], file=data["file"],
            link=data["link"]), _("The output has been added."), _project_url(centre, project))
        if done:
            return done
    return form_page(request, "research/projects/output_form.html",
                     {"centre": centre, "project": project, "form": form})


@research_required
def output_file(request, centre, pk, output_pk):
    """An output's file, as a download, for those who may see the project (404 for anyone else)."""
    project = project_for(request.user, centre, pk)
    output = get_object_or_404(project.outputs.exclude(file=""), pk=output_pk)
    try:
        with output.file.open("rb") as handle:
            # At most 20 MB: read it and close the file now, rather than leave it open until a client reads it.
            content = io.BytesIO(handle.read())
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(content, as_attachment=True, filename=Path(output.file.name).name)


@team_required
def output_delete(request, centre, pk, output_pk):
    """Ask, then remove an output (its file too)."""
    project = project_for(request.user, centre, pk)
    output = get_object_or_404(project.outputs.all(), pk=output_pk)
    return confirm_then_act(request, "research/projects/output_delete.html",
                            {"centre": centre, "project": project, "output": output},
                            lambda: services.remove_output(output=output, actor=request.user),
                            _("The output has been removed."), _project_url(centre, project))


@team_required
def summary_edit(request, centre, pk):
    """The practor writes the public summary of a finished project; saving a new text asks the partners to approve."""
    project = project_for(request.user, centre, pk)
    form = SummaryForm(request.POST or None, initial={"summary": project.summary})
    if request.method == "POST" and form.is_valid():
        done = attempt(request, form, lambda: summaries.write_summary(project=project, actor=request.user,
                                                                      text=form.cleaned_data["summary"]),
                       _("The summary has been saved. Each partner has been asked to approve it."),
                       _project_url(centre, project))
        if done:
            return done
    return form_page(request, "research/projects/summary_form.html", {
        "centre": centre, "project": project, "form": form,
    })


@partner_required
def summary_approve(request, centre, pk):
    """A contact or signatory of one of the project's partners approves the summary, or asks for changes."""
    project = project_for(request.user, centre, pk)
    partnerships = project.partners.filter(pk__in=reviewing_partnership_ids(request.user, centre, project))
    form = ReviewForm(request.POST or None, partnerships=partnerships)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = attempt(request, form, lambda: summaries.review_summary(
            project=project, actor=request.user, partnership=data["partnership"],
            approve=data["decision"] == ReviewForm.APPROVE, comment=data["comment"]),
            _("Thank you. Your decision has been passed on to the practor."), _project_url(centre, project))
        if done:
            return done
    return form_page(request, "research/projects/summary_review.html", {
        "centre": centre, "project": project, "form": form,
    })


def public(request, slug):
    """The public page of research results: finished projects whose summary every partner approved."""
    centre = get_object_or_404(Centre, slug=slug)
    return render(request, "research/public/results.html", {
        "centre": centre, "projects": list(selectors.public_projects(centre)),
    })
