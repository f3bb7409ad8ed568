"""A part of an application: its draft, status, owner and comments; for the regional vision, the labour-market
figures of the Human Capital Agenda beside it. The office writes and comments; the steering group reads."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from civhub.applications.forms.parts import CommentForm, PartForm, part_initial
from civhub.applications.models import PartKind
from civhub.applications.permissions import ensure_may_edit, may_edit, office_required, reader_required
from civhub.applications.selectors.applications import comments_of, part_of
from civhub.applications.services import parts as services
from civhub.applications.views import part_url, unless_draft
from civhub.core.views import attempt, form_page, form_status, posted
from civhub.hca.selectors.forecast import MIN_PARTNERS
from civhub.hca.selectors.summary import headline


@reader_required
def part(request, centre, part_pk):
    """GET: the part; POST (the office, on a draft): add a comment."""
    found = part_of(centre, part_pk)
    application = found.application
    editable = may_edit(request.user, centre) and application.is_draft
    form = CommentForm(posted(request))
    if form.is_bound:
        ensure_may_edit(request.user, centre)
        refused = unless_draft(request, application, part_url(found))
        if refused:
            return refused
        if form.is_valid():
            done = attempt(request, form, lambda: services.add_comment(part=found, actor=request.user,
                                                                      text=form.cleaned_data["text"]),
                           _("Your comment has been added."), part_url(found, "#comments"))
            if done:
                return done
    vision = headline(centre) if found.kind == PartKind.REGIONAL_VISION else None
    return render(request, "applications/part.html", {
        "centre": centre, "application": application, "part": found, "comments": comments_of(found),
        "form": form, "may_edit": editable, "vision": vision, "min_partners": MIN_PARTNERS, "tab": "workspace",
        "is_vision": found.kind == PartKind.REGIONAL_VISION, "is_budget": found.kind == PartKind.BUDGET,
    }, status=form_status(form))


@office_required
def part_edit(request, centre, part_pk):
    found = part_of(centre, part_pk)
    refused = unless_draft(request, found.application, part_url(found))
    if refused:
        return refused
    form = PartForm(posted(request), centre=centre, initial=part_initial(found))
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        done = attempt(request, form, lambda: services.update_part(
            part=found, actor=request.user, draft=data["draft"], status=data["status"], owner=data["owner"]),
            _("The part has been saved."), part_url(found))
        if done:
            return done
    return form_page(request, "applications/part_form.html", {
        "centre": centre, "application": found.application, "part": found, "form": form, "tab": "workspace"})
