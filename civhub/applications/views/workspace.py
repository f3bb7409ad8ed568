"""The centre's applications, starting one, changing what it is, and its workspace: the parts with their owner,
status and last change, and the readiness checklist. The office writes; the steering group reads."""

from functools import partial

from django.shortcuts import render
from django.utils.translation import gettext as _

from civhub.applications.forms.applications import ApplicationForm, application_initial
from civhub.applications.permissions import may_edit, office_required, reader_required
from civhub.applications.selectors.applications import application_of, applications_of, workspace
from civhub.applications.services import applications as services
from civhub.applications.views import unless_draft, workspace_url
from civhub.core.views import attempt, form_page, posted


@reader_required
def applications(request, centre):
    return render(request, "applications/applications.html", {
        "centre": centre, "applications": applications_of(centre), "may_edit": may_edit(request.user, centre)})


@reader_required
def workspace_page(request, centre, pk):
    application = application_of(centre, pk)
    return render(request, "applications/workspace.html", {
        "centre": centre, "application": application, "page": workspace(application), "tab": "workspace",
        "may_edit": may_edit(request.user, centre) and application.is_draft,
        "may_decide": may_edit(request.user, centre)})


def _form_page(request, centre, application=None):
    form = ApplicationForm(posted(request), initial=application_initial(application) if application else None)
    if form.is_bound and form.is_valid():
        save = (partial(services.create_application, centre=centre) if application is None
                else partial(services.update_application, application=application))
        done = attempt(request, form, lambda: save(actor=request.user, data=form.data_object()),
                       _("The application has been saved."), workspace_url)
        if done:
            return done
    return form_page(request, "applications/application_form.html",
                     {"centre": centre, "form": form, "application": application, "tab": "workspace"})


@office_required
def application_new(request, centre):
    return _form_page(request, centre)


@office_required
def application_edit(request, centre, pk):
    application = application_of(centre, pk)
    return unless_draft(request, application) or _form_page(request, centre, application)
