"""Submitting an application (the office, after a confirmation page that lists what is missing) and its two files
for the funder: the whole application as PDF, the budget annex as XLSX and the agreement annex with every
partner's commitment as PDF. For a submitted application the
downloads serve the copy frozen then, byte for byte; for a draft they are made on the spot."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from civhub.applications.exports.agreement_annex import agreement_annex_file_name, render_agreement_annex
from civhub.applications.exports.application_pdf import pdf_file_name, render_application_pdf
from civhub.applications.exports.budget_annex import annex_file_name, render_budget_annex
from civhub.applications.models import SubmittedCopy
from civhub.applications.permissions import office_required, reader_required
from civhub.applications.selectors.applications import application_of, workspace
from civhub.applications.services import submission as services
from civhub.applications.views import unless_draft, workspace_url
from civhub.core.exports import CONTENT_TYPES, attachment
from civhub.core.views import confirm_then_act


@office_required
def submit(request, centre, pk):
    """GET: what will be frozen, or what is still missing; POST: submit (refused, with the list, while not ready)."""
    application = application_of(centre, pk)
    refused = unless_draft(request, application)
    if refused:
        return refused
    readiness = workspace(application).readiness
    return confirm_then_act(
        request, "applications/submit.html",
        {"centre": centre, "application": application, "readiness": readiness, "tab": "workspace",
         "missing": services.missing_items(readiness)},
        lambda: services.submit_application(application=application, actor=request.user),
        _("The application has been submitted. Its copy is frozen: the PDF and the budget annex stay as they are "
          "now."), workspace_url(application), refused_to=workspace_url(application, "#readiness-heading"))


def frozen_copy(application) -> SubmittedCopy | None:
    return SubmittedCopy.objects.filter(application=application).first()


def _file(copy: SubmittedCopy | None, field: str, make, name: str, fmt: str) -> HttpResponse:
    if copy is not None and getattr(copy, field):
        with getattr(copy, field).open("rb") as stored:
            content = stored.read()
    else:
        content = make()
    return attachment(HttpResponse(content, content_type=CONTENT_TYPES[fmt]), name)


@reader_required
def application_pdf(request, centre, pk):
    application = application_of(centre, pk)
    return _file(frozen_copy(application), "pdf", lambda: render_application_pdf(application),
                 pdf_file_name(application), "pdf")


@reader_required
def budget_annex(request, centre, pk):
    application = application_of(centre, pk)
    return _file(frozen_copy(application), "xlsx", lambda: render_budget_annex(application),
                 annex_file_name(application), "xlsx")


@reader_required
def agreement_annex(request, centre, pk):
    """The agreement annex with every partner's commitment: frozen with a copy submitted since the annex exists,
    made on the spot for a draft (and for a copy frozen before it existed)."""
    application = application_of(centre, pk)
    return _file(frozen_copy(application), "agreement_annex", lambda: render_agreement_annex(application),
                 agreement_annex_file_name(application), "pdf")
