"""Closed periods: the office sees which quarters and years are closed; the finance controller closes and reopens.

A closed period takes no new entries, edits or imports (the services check). Closing is a
GET page that explains it and a POST that acts; reopening needs a reason and is recorded.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.accounts.models import Role
from civhub.accounts.permissions import centre_role_required, office_required
from civhub.core.formatting import format_date
from civhub.core.views import act, form_status
from civhub.ledger.forms.entries import ClosePeriodForm, ReasonForm
from civhub.ledger.models import PeriodLock
from civhub.ledger.permissions import is_finance_controller
from civhub.ledger.selectors import entries as selectors
from civhub.ledger.services.periods import close_period, reopen_period
from civhub.ledger.views.entries import page

controller_required = centre_role_required(Role.FINANCE_CONTROLLER)


@office_required
def periods(request, centre):
    return page(request, centre, "ledger/periods/list.html", {
        "locks": selectors.period_locks(centre), "may_close": is_finance_controller(request.user, centre),
    })


@controller_required
def period_close(request, centre):
    """GET: choose the quarter or year and read what closing means; POST: close it."""
    form = ClosePeriodForm(request.POST or None, years=selectors.grant_years(centre) or [timezone.localdate().year])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        return act(request, lambda: close_period(centre=centre, actor=request.user, span=data["span"],
                                                 year=data["year"], quarter=data["quarter"]),
                   lambda lock: _("The period %(start)s – %(end)s is closed.") % {
                       "start": format_date(lock.starts_on), "end": format_date(lock.ends_on)},
                   reverse("ledger:periods", args=[centre.slug]))
    return page(request, centre, "ledger/periods/close.html", {"form": form}, status=form_status(form))


@controller_required
def period_reopen(request, centre, pk):
    """GET: the reason form; POST: reopen the period, recorded with the reason."""
    lock = get_object_or_404(PeriodLock.objects.filter(centre=centre), pk=pk)
    lock.label = selectors.period_label(lock)
    if not lock.is_closed:
        messages.error(request, _("This period is already open."))
        return redirect("ledger:periods", centre.slug)
    form = ReasonForm(request.POST or None, help_text=_("Recorded with the period: why it must take changes again."))
    if request.method == "POST" and form.is_valid():
        return act(request, lambda: reopen_period(lock=lock, actor=request.user, reason=form.cleaned_data["reason"]),
                   _("The period %(start)s – %(end)s is open again.") % {
                       "start": format_date(lock.starts_on), "end": format_date(lock.ends_on)},
                   reverse("ledger:periods", args=[centre.slug]))
    return page(request, centre, "ledger/periods/reopen.html", {"form": form, "lock": lock}, status=form_status(form))
