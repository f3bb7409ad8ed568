"""The continuation forecast: income, costs and what is left for each year after the subsidy, its lines, and
adding (on the page), changing and removing one (a confirmation first). The office writes; the steering group
reads."""

from functools import partial

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from civhub.applications import budget_rules
from civhub.applications.forms.budget import ContinuationForm, continuation_initial
from civhub.applications.models import ContinuationLine
from civhub.applications.permissions import ensure_may_edit, may_edit, office_required, reader_required
from civhub.applications.selectors import continuation as selectors
from civhub.applications.selectors.applications import application_of
from civhub.applications.services import continuation as services
from civhub.applications.views import continuation_url, unless_continuation_editable
from civhub.core.views import attempt, confirm_then_act, form_page, form_status, posted


@reader_required
def continuation(request, centre, pk):
    """GET: the forecast; POST (the office, on a draft): add a line."""
    application = application_of(centre, pk)
    form = ContinuationForm(posted(request), application=application,
                            initial={"year": application.planned_end.year + 1})
    if form.is_bound:
        ensure_may_edit(request.user, centre)
        refused = unless_continuation_editable(request, application, continuation_url(application))
        if refused:
            return refused
        if form.is_valid():
            done = attempt(request, form, lambda: services.add_continuation_line(
                application=application, actor=request.user, data=form.data_object()),
                _("The line has been added."), continuation_url(application, "#years"))
            if done:
                return done
    years = selectors.years(application)
    check = budget_rules.check_continuation([year.year for year in years if year.forecast],
                                            application.planned_end.year)
    return render(request, "applications/continuation.html", {
        "centre": centre, "application": application, "years": years, "lines": selectors.lines(application),
        "check": check, "form": form, "tab": "continuation",
        "may_edit": may_edit(request.user, centre) and application.continuation_editable}, status=form_status(form))


def _line_of(centre, line_pk) -> ContinuationLine:
    lines = ContinuationLine.objects.select_related("application__centre", "partnership__organisation")
    return get_object_or_404(lines, application__centre=centre, pk=line_pk)


@office_required
def continuation_edit(request, centre, line_pk):
    line = _line_of(centre, line_pk)
    application = line.application
    refused = unless_continuation_editable(request, application, continuation_url(application))
    if refused:
        return refused
    form = ContinuationForm(posted(request), application=application, initial=continuation_initial(line))
    if form.is_bound and form.is_valid():
        save = partial(services.update_continuation_line, line=line)
        done = attempt(request, form, lambda: save(actor=request.user, data=form.data_object()),
                       _("The line has been saved."), continuation_url(application, "#years"))
        if done:
            return done
    return form_page(request, "applications/continuation_form.html", {
        "centre": centre, "application": application, "form": form, "line": line, "tab": "continuation"})


@office_required
def continuation_delete(request, centre, line_pk):
    line = _line_of(centre, line_pk)
    application = line.application
    refused = unless_continuation_editable(request, application, continuation_url(application))
    if refused:
        return refused
    return confirm_then_act(
        request, "applications/continuation_delete.html",
        {"centre": centre, "application": application, "line": line, "tab": "continuation"},
        lambda: services.delete_continuation_line(line=line, actor=request.user), _("The line has been removed."),
        continuation_url(application, "#years"))
