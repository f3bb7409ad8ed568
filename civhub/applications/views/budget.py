"""The budget: income and costs per year in groups, the lines, the regulation's checks; adding, changing and
removing a line (a confirmation first); importing the whole budget from a file, and its blank file.

The office writes a draft's budget; the steering group reads it. Another centre's line is a 404.
"""

from functools import partial

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from civhub.applications import budget_file
from civhub.applications.budget_rules import Terms, share_text
from civhub.applications.errors import ApplicationError
from civhub.applications.forms.budget import LineForm, line_initial
from civhub.applications.forms.imports import BudgetImportForm
from civhub.applications.models import BudgetLine, BudgetSide
from civhub.applications.permissions import may_edit, office_required, reader_required
from civhub.applications.selectors.applications import application_of
from civhub.applications.selectors.budget import budget_page, live_checks, partners_of
from civhub.applications.services import budget as services
from civhub.applications.services import imports
from civhub.applications.views import budget_url, unless_draft
from civhub.core.exports import download
from civhub.core.views import attempt, confirm_then_act, form_page, posted, posted_files, show_error


@reader_required
def budget(request, centre, pk):
    application = application_of(centre, pk)
    return render(request, "applications/budget.html", {
        "centre": centre, "application": application, "page": budget_page(application), "tab": "budget",
        "rate": application.regulation.fixed_hourly_rate,
        "may_edit": may_edit(request.user, centre) and application.is_draft})


def _line_page(request, centre, application, side: str, line: BudgetLine | None = None):
    refused = unless_draft(request, application, budget_url(application))
    if refused:
        return refused
    initial = line_initial(line) if line else {"year": application.years[0]}
    form = LineForm(posted(request), application=application, side=side, initial=initial)
    if form.is_bound and form.is_valid():
        save = (partial(services.add_line, application=application) if line is None
                else partial(services.update_line, line=line))
        done = attempt(request, form, lambda: save(actor=request.user, data=form.line_data()),
                       _("The line has been saved."), budget_url(application, "#lines"))
        if done:
            return done
    terms = Terms.of(application.regulation)
    return form_page(request, "applications/line_form.html", {
        "centre": centre, "application": application, "form": form, "line": line, "side": side,
        "is_income": side == BudgetSide.INCOME, "tab": "budget", "terms": terms,
        "live": live_checks(application, line=line, partnerships=getattr(form, "partnerships", {}).values()),
        "shares": {name: share_text(getattr(terms, name)) for name in (
            "subsidy_share_max", "employer_share_min", "employer_share_max", "other_share_max")}})


@office_required
def income_new(request, centre, pk):
    return _line_page(request, centre, application_of(centre, pk), BudgetSide.INCOME)


@office_required
def cost_new(request, centre, pk):
    return _line_page(request, centre, application_of(centre, pk), BudgetSide.COST)


def _line_of(centre, line_pk) -> BudgetLine:
    return get_object_or_404(BudgetLine.objects.select_related(
        "application__centre", "application__regulation", "partnership__organisation", "programme_line"),
        application__centre=centre, pk=line_pk)


@office_required
def line_edit(request, centre, line_pk):
    line = _line_of(centre, line_pk)
    return _line_page(request, centre, line.application, line.side, line)


@office_required
def line_delete(request, centre, line_pk):
    """GET: what is removed; POST: remove the line."""
    line = _line_of(centre, line_pk)
    application = line.application
    refused = unless_draft(request, application, budget_url(application))
    if refused:
        return refused
    return confirm_then_act(
        request, "applications/line_delete.html",
        {"centre": centre, "application": application, "line": line, "tab": "budget"},
        lambda: services.delete_line(line=line, actor=request.user), _("The line has been removed."),
        budget_url(application, "#lines"))


@office_required
def budget_import(request, centre, pk):
    """GET: the upload form; POST "check": the preview or every error; POST "import": replace the budget."""
    application = application_of(centre, pk)
    refused = unless_draft(request, application, budget_url(application))
    if refused:
        return refused
    form = BudgetImportForm(posted(request), posted_files(request))
    report, status = None, 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            name, content = form.content()
            if request.POST.get("action") == "import":
                try:
                    count = imports.import_budget(application=application, actor=request.user, file_name=name,
                                                  content=content)
                except imports.BudgetImportError as error:
                    report = error.report
                except ApplicationError as error:
                    show_error(form, error)
                else:
                    messages.success(request, ngettext(
                        "The budget has been replaced by the file's %(count)d line.",
                        "The budget has been replaced by the file's %(count)d lines.", count) % {"count": count})
                    return redirect(budget_url(application, "#lines"))
            else:
                report = imports.check_budget_file(application=application, file_name=name, content=content)
                if report.ok:
                    form, status = BudgetImportForm.carrying(request.POST, name, content), 200
    return render(request, "applications/budget_import.html", {
        "centre": centre, "application": application, "form": form, "report": report, "tab": "budget",
        "current_lines": application.budget_lines.count()}, status=status)


@office_required
def budget_template(request, centre, pk):
    """The blank budget file (XLSX): the header, what each column holds, the partners, categories and lines."""
    application = application_of(centre, pk)
    return download(budget_file.template(application, list(partners_of(centre))), "xlsx",
                    filename=f"begroting-{centre.slug}")
