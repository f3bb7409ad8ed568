"""Partners record contributions: the list, the form, one entry with its history, and its evidence file.

Every view finds the centre through the access module (404 outside the user's centres,
403 for roles without a ledger), then the entry through the user's scoped queryset (404
for another partner's entry), then checks the action's role (403). Services do the writing.
"""

import io

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_POST

from civhub.accounts import fragments
from civhub.accounts.permissions import acts_as_office, partner_roles_required, portal_required
from civhub.core.links import pk_link
from civhub.core.pagination import CountedPaginator
from civhub.core.sorting import sort_by
from civhub.core.views import act, attempt, form_status
from civhub.ledger.forms.entries import ContributionFilterForm, EntryForm, initial_from
from civhub.ledger.permissions import is_finance_controller, is_signatory, may_enter
from civhub.ledger.selectors import entries as selectors
from civhub.ledger.services.entries import create_contribution, delete_draft, submit_contribution, update_contribution
from civhub.partners.permissions import partnerships_visible_to

PAGE_SIZE = 50
# The columns a list of entries sorts by (`?sort=value`, `?sort=-value`), each with its tie-breakers.
ENTRY_COLUMNS = {
    "date": ("date", "pk"),
    "partner": ("partnership__organisation__name", "date", "pk"),
    "value": ("amount", "date", "pk"),
}


def in_office(user, centre) -> bool:
    """Office people get the office's menu on the ledger's pages; partners their portal's."""
    return acts_as_office(user, centre)


def page(request, centre, template, context=None, status=200):
    """Render a ledger page with the centre and the menu that fits the viewer."""
    context = {"centre": centre, "in_office": in_office(request.user, centre), **(context or {})}
    return render(request, template, context, status=status)


def entry_url(centre, entry) -> str:
    return reverse("ledger:contribution", args=[centre.slug, entry.pk])


def to_entry(centre, entry):
    return redirect(entry_url(centre, entry))


@portal_required
def contributions(request, centre):
    """The entries the viewer may see, filtered, with totals per status summed by the database. The body is kept
    rendered until the centre's records change (accounts/fragments.py): the entries are read only to render it."""
    body = fragments.rendered(request, centre, "contributions-page", "ledger/entries/_body.html",
                              lambda: _contributions_context(request, centre))
    return page(request, centre, "ledger/entries/list.html", {"body": body})


def _contributions_context(request, centre) -> dict:
    office = in_office(request.user, centre)
    partners = partnerships_visible_to(request.user, centre).select_related("organisation").order_by(
        "organisation__name") if office else None
    form = ContributionFilterForm(request.GET or None, years=selectors.grant_years(centre), partners=partners)
    sorting = sort_by(request, ENTRY_COLUMNS, "-date")
    entries = selectors.contribution_list(request.user, centre, **form.filters(), ordering=sorting.ordering,
                                          related=selectors.PAGE_RELATED)
    totals = selectors.totals_by_status(request.user, centre, **form.filters())
    # The totals counted the same entries: the pages need no COUNT of their own.
    count = sum(total.count for total in totals)
    return {
        "centre": centre, "in_office": office, "form": form, "sorting": sorting,
        "page_obj": _entries_page(request, centre, entries, count),
        "totals": totals, "realised": selectors.realised(totals),
        "may_record": bool(selectors.enterable_partnerships(request.user, centre)) and not office,
        "approvals": selectors.approval_queue(request.user, centre).count()
        if is_signatory(request.user, centre) else None,
        "reviews": selectors.review_queue(request.user, centre).count()
        if is_finance_controller(request.user, centre) else None,
    }


def _entries_page(request, centre, entries, count: int):
    """The page of entries the list shows, each with its link (one `reverse` for all: core/links.py)."""
    page_obj = CountedPaginator(entries, PAGE_SIZE, count=count).get_page(request.GET.get("page"))
    link = pk_link("ledger:contribution", centre.slug)
    for entry in page_obj:
        entry.link = link(entry.pk)
    return page_obj


def _entry_form(request, centre, *, initial=None, partnerships=None):
    partnerships = partnerships or selectors.enterable_partnerships(request.user, centre)
    return EntryForm(
        request.POST or None, request.FILES or None, initial=initial, centre=centre, partnerships=partnerships,
        categories=selectors.staff_categories(partnerships), rate_is_fixed=selectors.all_grants_fix_the_rate(centre),
    )


def _copy_of(request, centre) -> dict | None:
    """`?from=<pk>`: the fields of a (reversed) entry the user may see, to record its correction."""
    pk = request.GET.get("from", "")
    return initial_from(selectors.entry_for(request.user, centre, int(pk))) if pk.isdecimal() else None


@partner_roles_required
def contribution_new(request, centre):
    """Record a contribution for the user's organisation: save it as a draft, or submit it at once."""
    form = _entry_form(request, centre, initial=_copy_of(request, centre))
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit"
        # A refusal is shown on the form, so nothing typed or chosen is lost.
        done = attempt(request, form, lambda: create_contribution(
            partnership=form.partnership_for(), actor=request.user, data=form.entry_data(),
            evidence=form.cleaned_data["evidence"], submit=submit),
            _("The contribution has been submitted to your signatory for approval.") if submit
            else _("The contribution has been saved as a draft."), lambda entry: entry_url(centre, entry))
        if done:
            return done
    return page(request, centre, "ledger/entries/form.html", {"form": form}, status=form_status(form))


@portal_required
def contribution(request, centre, pk):
    entry = selectors.entry_for(request.user, centre, pk)
    return page(request, centre, "ledger/entries/detail.html", {
        "entry": entry, "events": selectors.history(entry), "actions": selectors.actions_for(request.user, entry),
        "evidence_name": selectors.evidence_name(entry),
    })


def _own_entry(request, centre, pk):
    """An entry the user records for (their own organisation's); the office and others get 403."""
    entry = selectors.entry_for(request.user, centre, pk)
    if not may_enter(request.user, entry.partnership):
        raise PermissionDenied
    return entry


@portal_required
def contribution_edit(request, centre, pk):
    """Change a draft or a rejected entry (it becomes a draft again); submit it from the same form."""
    entry = _own_entry(request, centre, pk)
    if not selectors.actions_for(request.user, entry).edit:
        messages.error(request, _("A contribution that is %(status)s can no longer be changed.")
                       % {"status": entry.get_status_display()})
        return to_entry(centre, entry)
    form = _entry_form(request, centre, initial=initial_from(entry), partnerships=[entry.partnership])
    if request.method == "POST" and form.is_valid():
        def save():
            # `entry` follows the saved row, so a refused submit shows the form beside what was saved.
            nonlocal entry
            entry = update_contribution(entry=entry, actor=request.user, data=form.entry_data(),
                                        evidence=form.cleaned_data["evidence"] or None)
            if request.POST.get("action") == "submit":
                entry = submit_contribution(entry=entry, actor=request.user)
            return entry

        done = attempt(request, form, save, _("Your changes have been saved."), lambda saved: entry_url(centre, saved))
        if done:
            return done
    return page(request, centre, "ledger/entries/form.html",
                {"form": form, "entry": entry, "evidence_name": selectors.evidence_name(entry)},
                status=form_status(form))


@require_POST
@portal_required
def contribution_submit(request, centre, pk):
    """Send a draft to the partner's signatory (a button on the entry's page)."""
    entry = _own_entry(request, centre, pk)
    return act(request, lambda: submit_contribution(entry=entry, actor=request.user),
               _("The contribution has been submitted to your signatory for approval."), entry_url(centre, entry))


@portal_required
def contribution_delete(request, centre, pk):
    """GET: are you sure? POST: remove the draft."""
    entry = _own_entry(request, centre, pk)
    if not selectors.actions_for(request.user, entry).delete:
        messages.error(request, _("Only a draft can be deleted; this contribution is %(status)s.")
                       % {"status": entry.get_status_display()})
        return to_entry(centre, entry)
    if request.method == "POST":
        return act(request, lambda: delete_draft(entry=entry, actor=request.user), _("The draft has been deleted."),
                   reverse("ledger:contributions", args=[centre.slug]), refused_to=entry_url(centre, entry))
    return page(request, centre, "ledger/entries/delete.html", {"entry": entry})


# The site's policy, except that a page of the site itself may show the file in a frame (the review queue's preview).
EVIDENCE_CSP = {**settings.SECURE_CSP, "frame-ancestors": ["'self'"]}


@xframe_options_sameorigin
@csp_override(EVIDENCE_CSP)
@portal_required
def evidence(request, centre, pk):
    """The entry's evidence file for those who may see the entry (404 for anyone else): a download, or with
    `?inline=1` a PDF or image the browser shows in place (the review queue's preview); other files always download."""
    entry = selectors.entry_for(request.user, centre, pk)
    if not entry.evidence:
        raise Http404
    try:
        with entry.evidence.open("rb") as handle:
            # At most 5 MB: read it and close the file now, rather than leave it open until a client reads it.
            content = io.BytesIO(handle.read())
    except FileNotFoundError:
        raise Http404 from None
    inline = request.GET.get("inline") == "1" and selectors.evidence_preview(entry) in ("pdf", "image")
    return FileResponse(content, as_attachment=not inline, filename=selectors.evidence_name(entry))
