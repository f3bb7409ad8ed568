"""Recording KPI actuals: the office for any partner (or none), a partner's contact or signatory for its own.

A partner changes or removes only the actuals of its own partnership: another partner's
actual, or one recorded for no partner, is a 404 (it does not learn which exist). Removing
asks first (GET) and acts on POST.
"""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from civhub.core.views import attempt, confirm_then_act, form_page, posted
from civhub.programme.forms import ActualForm, actual_initial
from civhub.programme.models import Kpi
from civhub.programme.permissions import editable_actuals, may_edit, recordable_partnerships, recorder_required
from civhub.programme.services import kpis as services


def _form(request, centre, initial=None) -> ActualForm:
    return ActualForm(posted(request), initial=initial,
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
        done = attempt(request, form, lambda: services.record_actual(kpi=kpi, actor=request.user,
                                                                     data=form.data_object()),
                       _("The figure has been recorded."), reverse("programme:kpi", args=[centre.slug, kpi.pk]))
        if done:
            return done
    return form_page(request, "programme/actual_form.html",
                     {"centre": centre, "kpi": kpi, "line": kpi.programme_line, "form": form})


@recorder_required
def actual_edit(request, centre, pk):
    """Correct a recorded actual (the office any; a partner its own)."""
    actual = _own_actual(request, centre, pk)
    form = _form(request, centre, initial=actual_initial(actual))
    if form.is_bound and form.is_valid():
        done = attempt(request, form, lambda: services.update_actual(actual=actual, actor=request.user,
                                                                     data=form.data_object()),
                       _("The figure has been corrected."),
                       reverse("programme:kpi", args=[centre.slug, actual.kpi_id]))
        if done:
            return done
    return form_page(request, "programme/actual_form.html", {"centre": centre, "kpi": actual.kpi, "actual": actual,
                                                             "line": actual.kpi.programme_line, "form": form})


@recorder_required
def actual_delete(request, centre, pk):
    """Ask, then remove a recorded actual."""
    actual = _own_actual(request, centre, pk)
    return confirm_then_act(
        request, "programme/actual_delete.html",
        {"centre": centre, "actual": actual, "kpi": actual.kpi, "line": actual.kpi.programme_line},
        lambda: services.delete_actual(actual=actual, actor=request.user), _("The figure has been removed."),
        reverse("programme:kpi", args=[centre.slug, actual.kpi_id]))
