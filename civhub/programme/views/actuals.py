"""Recording KPI actuals: the office for any partner (or none), a partner's contact or signatory for its own.

A partner changes or removes only the actuals of its own partnership: another partner's
actual, or one recorded for no partner, is a 404 (it does not learn which exist). Removing
asks first (GET) and acts on POST.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from civhub.programme.errors import ProgrammeError
from civhub.programme.forms import ActualForm, actual_initial, show_error
from civhub.programme.models import Kpi
from civhub.programme.permissions import editable_actuals, may_edit, recordable_partnerships, recorder_required
from civhub.programme.services import kpis as services
from civhub.programme.views.edit import form_page


def _form(request, centre, initial=None) -> ActualForm:
    return ActualForm(request.POST if request.method == "POST" else None, initial=initial,
                      partnerships=recordable_partnerships(request.user, centre),
                      office=may_edit(request.user, centre))


def _own_actual(request, centre, pk):
    actuals = editable_actuals(request.user, centre).select_related("kpi__programme_line", "kpi__centre",
                                                                    "partnership__organisation")
    return get_object_or_404(actuals, pk=pk)


@recorder_required
def actual_new(request, centre, pk):
    """Record what a KPI showed on a date."""
    kpi = get_object_or_404(Kpi.objects.select_related("programme_line", "centre"), centre=centre, pk=pk)
    form = _form(request, centre)
    if form.is_bound and form.is_valid():
        try:
            services.record_actual(kpi=kpi, actor=request.user, data=form.data_object())
        except ProgrammeError as error:
            show_error(form, error)
        else:
            messages.success(request, _("The figure has been recorded."))
            return redirect("programme:kpi", centre.slug, kpi.pk)
    return form_page(request, "programme/actual_form.html",
                     {"centre": centre, "kpi": kpi, "line": kpi.programme_line, "form": form})


@recorder_required
def actual_edit(request, centre, pk):
    """Correct a recorded actual (the office any; a partner its own)."""
    actual = _own_actual(request, centre, pk)
    form = _form(request, centre, initial=actual_initial(actual))
    if form.is_bound and form.is_valid():
        try:
            services.update_actual(actual=actual, actor=request.user, data=form.data_object())
        except ProgrammeError as error:
            show_error(form, error)
        else:
            messages.success(request, _("The figure has been corrected."))
            return redirect("programme:kpi", centre.slug, actual.kpi_id)
    return form_page(request, "programme/actual_form.html", {"centre": centre, "kpi": actual.kpi, "actual": actual,
                                                             "line": actual.kpi.programme_line, "form": form})


@recorder_required
def actual_delete(request, centre, pk):
    """Ask, then remove a recorded actual."""
    actual = _own_actual(request, centre, pk)
    if request.method == "POST":
        try:
            services.delete_actual(actual=actual, actor=request.user)
        except ProgrammeError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The figure has been removed."))
        return redirect("programme:kpi", centre.slug, actual.kpi_id)
    return render(request, "programme/actual_delete.html",
                  {"centre": centre, "actual": actual, "kpi": actual.kpi, "line": actual.kpi.programme_line})
