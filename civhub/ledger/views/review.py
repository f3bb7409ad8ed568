"""The two keys and corrections: the signatory approves, the finance controller accepts, reverses.

Each action is a GET confirmation page and a POST that calls the service; a LedgerError
(a rule of the ledger, or someone else acted first) becomes a message on the entry's page.
The queues act on several entries through `services.approval.bulk`: one refused entry is
reported and the rest go through.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from civhub.accounts import permissions as access
from civhub.accounts.models import Role
from civhub.core.formatting import format_date
from civhub.core.sorting import sort_by
from civhub.core.views import act, form_status
from civhub.ledger.errors import LedgerError
from civhub.ledger.forms.entries import BulkForm, ReasonForm
from civhub.ledger.models import Contribution
from civhub.ledger.permissions import (
    contributions_visible_to,
    is_finance_controller,
    is_signatory,
    may_reject,
    signs_for,
)
from civhub.ledger.selectors import entries as selectors
from civhub.ledger.services import approval
from civhub.ledger.views.entries import ENTRY_COLUMNS, PAGE_SIZE, entry_url, page, to_entry

Status = Contribution.Status


def _entry_for_action(request, centre, pk, allowed) -> Contribution:
    """The entry (404 when the user may not see it), if the user holds the action's role (else 403)."""
    entry = selectors.entry_for(request.user, centre, pk)
    if not allowed(request.user, entry):
        raise PermissionDenied
    return entry


def _not_now(request, centre, entry, action: str):
    """Redirect with the reason when this viewer cannot take `action` on the entry in its current state."""
    actions = selectors.actions_for(request.user, entry)
    if getattr(actions, action):
        return None
    target = {"approve": Status.APPROVED, "reject": Status.REJECTED, "accept": Status.ACCEPTED,
              "reverse": Status.REVERSED}[action]
    try:
        approval.ensure_transition(entry, target)
    except LedgerError as error:
        messages.error(request, str(error))
    else:
        messages.error(request, _why_not(action, entry, actions))
    return to_entry(centre, entry)


def _why_not(action: str, entry: Contribution, actions) -> str:
    """Why a step the entry's status allows is still not this viewer's to take."""
    if action == "approve" and actions.approve_blocked:
        return actions.approve_blocked
    if action == "reverse" and entry.is_reversal:
        return _("A reversal is not reversed itself. Record a new contribution instead.")
    return _("Someone else decides on this contribution now: the partner's signatory on a submitted one, "
             "the finance controller on an approved one.")


def _act(request, centre, entry, service, success: str, **kwargs):
    """POST: run the service; its LedgerError becomes a message on the entry's page."""
    return act(request, lambda: service(entry=entry, actor=request.user, **kwargs), success,
               lambda result: entry_url(centre, result), refused_to=entry_url(centre, entry))


@access.portal_required
def contribution_approve(request, centre, pk):
    """The partner's signatory approves a submitted entry (never one they entered themselves)."""
    entry = _entry_for_action(request, centre, pk, signs_for)
    if request.method == "POST":
        return _act(request, centre, entry, approval.approve_contribution,
                    _("Approved. The finance controller of the centre reviews it next."))
    return _not_now(request, centre, entry, "approve") or page(
        request, centre, "ledger/review/confirm.html", {"entry": entry, "action": "approve"})


@access.portal_required
def contribution_reject(request, centre, pk):
    """Send a submitted entry (signatory) or an approved one (finance controller) back, with a reason."""
    entry = _entry_for_action(request, centre, pk, may_reject)
    form = ReasonForm(request.POST or None, help_text=_("The partner sees this reason and corrects the entry."))
    if request.method == "POST" and form.is_valid():
        return _act(request, centre, entry, approval.reject_contribution,
                    _("Rejected. The partner sees your reason and can correct the entry."),
                    reason=form.cleaned_data["reason"])
    return _not_now(request, centre, entry, "reject") or page(
        request, centre, "ledger/review/confirm.html", {"entry": entry, "action": "reject", "form": form},
        status=form_status(form))


@access.portal_required
def contribution_accept(request, centre, pk):
    """The finance controller accepts an approved entry: it now counts, and never changes again."""
    entry = _entry_for_action(request, centre, pk, lambda user, e: is_finance_controller(user, e.centre))
    if request.method == "POST":
        return _act(request, centre, entry, approval.accept_contribution,
                    _("Accepted. The contribution now counts and can no longer change."))
    return _not_now(request, centre, entry, "accept") or page(
        request, centre, "ledger/review/confirm.html", {"entry": entry, "action": "accept"})


@access.portal_required
def contribution_reverse(request, centre, pk):
    """The finance controller corrects an accepted entry: an opposite entry, linked, with a reason."""
    entry = _entry_for_action(request, centre, pk, lambda user, e: is_finance_controller(user, e.centre))
    blocked = _not_now(request, centre, entry, "reverse")
    if blocked:
        return blocked
    form = ReasonForm(request.POST or None, help_text=_("Recorded with the reversal; the partner sees it."))
    if request.method == "POST" and form.is_valid():
        return _act(request, centre, entry, approval.reverse_contribution,
                    _("Reversed. The partner can now record the corrected entry."),
                    reason=form.cleaned_data["reason"])
    return page(request, centre, "ledger/review/confirm.html", {"entry": entry, "action": "reverse", "form": form},
                status=form_status(form))


# The queues ---------------------------------------------------------------------------------

APPROVAL_ACTIONS = [("approve", gettext_lazy("Approve")), ("reject", gettext_lazy("Reject"))]
REVIEW_ACTIONS = [("accept", gettext_lazy("Accept")), ("reject", gettext_lazy("Reject"))]
SERVICES = {"approve": approval.approve_contribution, "accept": approval.accept_contribution,
            "reject": approval.reject_contribution}
APPROVAL_COLUMNS = {"date": ENTRY_COLUMNS["date"], "value": ENTRY_COLUMNS["value"],
                    "entered_by": ("entered_by__full_name", "date", "pk")}
REVIEW_COLUMNS = {**ENTRY_COLUMNS, "approved_by": ("approved_by__full_name", "date", "pk")}


def _bulk(request, form, queue_url):
    """Apply the chosen action to every selected entry and report what went through and what did not."""
    if not form.is_valid():
        messages.error(request, form.first_error())
        return redirect(queue_url)
    action = form.cleaned_data["action"]
    extra = {"reason": form.cleaned_data["reason"]} if action == "reject" else {}
    done, failed = approval.bulk(SERVICES[action], form.cleaned_data["entries"].order_by("date", "pk"),
                                 actor=request.user, **extra)
    if done:
        messages.success(request, _bulk_message(action, len(done)))
    for entry, reason in failed:
        messages.error(request, _("Not done for the entry of %(date)s (%(description)s): %(reason)s") % {
            "date": format_date(entry.date), "description": entry.description[:60], "reason": reason})
    return redirect(queue_url)


def _bulk_message(action: str, count: int) -> str:
    if action == "approve":
        return ngettext("%(count)d entry approved.", "%(count)d entries approved.", count) % {"count": count}
    if action == "accept":
        return ngettext("%(count)d entry accepted.", "%(count)d entries accepted.", count) % {"count": count}
    return ngettext("%(count)d entry rejected.", "%(count)d entries rejected.", count) % {"count": count}


@access.portal_required
def approvals(request, centre):
    """The signatory's queue: submitted entries of their organisation, to approve or reject in bulk."""
    if not is_signatory(request.user, centre):
        raise PermissionDenied
    form = BulkForm(request.POST or None, entries=selectors.signatory_entries(request.user, centre),
                    actions=APPROVAL_ACTIONS)
    if request.method == "POST":
        return _bulk(request, form, request.get_full_path())  # back to the queue in the order it was shown
    sorting = sort_by(request, APPROVAL_COLUMNS, "date")
    entries = _page_of(request, selectors.approval_queue(request.user, centre, ordering=sorting.ordering))
    return page(request, centre, "ledger/review/approvals.html",
                {"form": form, "sorting": sorting, "own_entry": selectors.OWN_ENTRY, "entries": entries})


@access.centre_role_required(Role.FINANCE_CONTROLLER)
def reviews(request, centre):
    """The finance controller's queue: approved entries of all partners, to accept or reject in bulk."""
    visible = contributions_visible_to(request.user, centre)
    form = BulkForm(request.POST or None, entries=visible, actions=REVIEW_ACTIONS)
    if request.method == "POST":
        return _bulk(request, form, request.get_full_path())  # back to the queue in the order it was shown
    sorting = sort_by(request, REVIEW_COLUMNS, "date")
    entries = _page_of(request, selectors.review_queue(request.user, centre, ordering=sorting.ordering))
    return page(request, centre, "ledger/review/reviews.html", {"form": form, "sorting": sorting, "entries": entries})


def _page_of(request, queue):
    """One page of a queue (`?page=`): "select all" and the bulk buttons act on the entries shown, never on more."""
    return Paginator(queue, PAGE_SIZE).get_page(request.GET.get("page"))
