"""The partners' commitments: a partner's own pledge table in the portal, its signatory's confirmation or request
for a change, and the office's overview of where every partner stands.

A partner's people and the office read the partner's table; another partner's table is a 404 (the
partnership is looked up among those the user may see). Only the partner's signatory answers: a
contact or the office gets a 403. The overview is the readers' (office and steering group).

After the award the same pages answer for the partner's commitments after the subsidy (its continuation
lines): the office opens that round (`continuation_open`), the signatory confirms or asks a change.
"""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from civhub.accounts.permissions import portal_required
from civhub.applications.forms.commitments import ChangeForm, ConfirmForm, signer_initial
from civhub.applications.models import Commitment
from civhub.applications.permissions import ensure_signs_for, may_edit, office_required, reader_required, signs_for
from civhub.applications.selectors import commitments as selectors
from civhub.applications.selectors.applications import application_of
from civhub.applications.services import commitments as services
from civhub.applications.views import workspace_url
from civhub.core import revisions
from civhub.core.views import attempt, confirm_then_act, form_page, posted
from civhub.partners.permissions import partnerships_visible_to

APPLICATION, CONTINUATION = Commitment.Stage.APPLICATION, Commitment.Stage.CONTINUATION


def pledge_url(centre, application, partnership) -> str:
    return reverse("applications:pledge", args=[centre.slug, application.pk, partnership.short_code])


def continuation_pledge_url(centre, application, partnership) -> str:
    return reverse("applications:continuation_pledge", args=[centre.slug, application.pk, partnership.short_code])


# Per stage: the partner's table, the page of it, the table's template and the names of the answer pages.
STAGES = {
    APPLICATION: {"table": selectors.pledge_table, "url": pledge_url,
                  "table_template": "applications/commitments/_table.html",
                  "confirm": "applications:pledge_confirm", "change": "applications:pledge_change"},
    CONTINUATION: {"table": selectors.continuation_table, "url": continuation_pledge_url,
                   "table_template": "applications/commitments/_continuation_table.html",
                   "confirm": "applications:continuation_confirm", "change": "applications:continuation_change"},
}


def _pledge(request, centre, pk, code):
    """The application and the partner, when the user may see the partner (else 404)."""
    application = application_of(centre, pk)
    partnership = get_object_or_404(partnerships_visible_to(request.user, centre).select_related("organisation"),
                                    short_code=code)
    return application, partnership


@reader_required
def commitments(request, centre, pk):
    application = application_of(centre, pk)
    found = selectors.standings(application)
    return render(request, "applications/commitments/overview.html", {
        "centre": centre, "application": application, "standings": found, "tab": "commitments",
        "check": selectors.commitments_check(found), "may_edit": may_edit(request.user, centre),
        "continuation": (selectors.continuation_standings(application)
                         if application.continuation_round_open else None)})


@portal_required
def pledge(request, centre, pk, code):
    application, partnership = _pledge(request, centre, pk, code)
    table = selectors.pledge_table(application, partnership)
    return render(request, "applications/commitments/pledge.html", {
        "centre": centre, "application": application, "partnership": partnership, "table": table,
        "standing": selectors.standing_of(application, partnership, table),
        "answers": selectors.answers_of(application, partnership),
        "may_answer": signs_for(request.user, partnership) and application.is_draft and bool(table.lines)})


def _answer_page(request, centre, pk, code, *, form_class, template, initial, call, message, stage=APPLICATION):
    application, partnership = _pledge(request, centre, pk, code)
    ensure_signs_for(request.user, partnership)
    found = STAGES[stage]
    table = found["table"](application, partnership)
    back = found["url"](centre, application, partnership)
    form = form_class(posted(request), initial=initial(request.user, partnership, table.hash))
    if form.is_bound and form.is_valid():
        done = attempt(request, form, lambda: call(form, application=application, partnership=partnership,
                                                   actor=request.user, shown_hash=form.cleaned_data["table_hash"],
                                                   stage=stage),
                       message, back)
        if done:
            return done
    return form_page(request, template, {"centre": centre, "application": application, "partnership": partnership,
                                         "table": table, "form": form, "stage": stage, "back_url": back,
                                         "table_template": found["table_template"]})


def _confirm(request, centre, pk, code, stage):
    return _answer_page(
        request, centre, pk, code, form_class=ConfirmForm, template="applications/commitments/confirm.html",
        initial=signer_initial, stage=stage,
        call=lambda form, **kwargs: services.confirm_pledges(signer=form.signer(), **kwargs),
        message=_("Thank you: your pledges are confirmed. The programme office sees your confirmation."))


def _change(request, centre, pk, code, stage):
    return _answer_page(
        request, centre, pk, code, form_class=ChangeForm, template="applications/commitments/change.html",
        initial=lambda user, partnership, shown_hash: {"table_hash": shown_hash}, stage=stage,
        call=lambda form, **kwargs: services.ask_change(comment=form.cleaned_data["comment"], **kwargs),
        message=_("Your request has been sent to the programme office. You will be asked to confirm again once the "
                  "budget has been adjusted."))


@portal_required
def pledge_confirm(request, centre, pk, code):
    return _confirm(request, centre, pk, code, APPLICATION)


@portal_required
def pledge_change(request, centre, pk, code):
    return _change(request, centre, pk, code, APPLICATION)


# Commitments after the subsidy -------------------------------------------------------------------------------


@portal_required
def continuation_pledge(request, centre, pk, code):
    """The partner's commitments after the subsidy: its continuation lines, where it stands, its answers."""
    application, partnership = _pledge(request, centre, pk, code)
    table = selectors.continuation_table(application, partnership)
    return render(request, "applications/commitments/continuation_pledge.html", {
        "centre": centre, "application": application, "partnership": partnership, "table": table,
        "standing": selectors.standing_of(application, partnership, table, CONTINUATION),
        "answers": selectors.answers_of(application, partnership, CONTINUATION),
        "may_answer": (signs_for(request.user, partnership) and application.continuation_round_open
                       and bool(table.lines))})


@portal_required
def continuation_confirm(request, centre, pk, code):
    return _confirm(request, centre, pk, code, CONTINUATION)


@portal_required
def continuation_change(request, centre, pk, code):
    return _change(request, centre, pk, code, CONTINUATION)


@office_required
def continuation_open(request, centre, pk):
    """GET: what asking the partners means; POST: ask them (an awarded application, once)."""
    application = application_of(centre, pk)
    back = reverse("applications:commitments", args=[centre.slug, application.pk])
    return confirm_then_act(
        request, "applications/commitments/continuation_open.html",
        {"centre": centre, "application": application, "tab": "commitments"},
        lambda: services.open_continuation_round(application=application, actor=request.user),
        _("The partners are asked for their commitments after the subsidy. Add each partner's lines on the "
          "continuation page; their signatories confirm them in the portal."), back,
        refused_to=workspace_url(application))


def portal_section(request, partnership) -> dict | None:
    """The partner portal's section: the applications in which this partner pledges, with where it stands and
    the way to its table; none when it pledges in none. The standings are the partner's, not the viewer's: kept
    until the centre's records change (core/revisions.py), they cost no query on a warm page."""
    centre = partnership.centre
    found, after = revisions.cached(centre.pk, "portal-commitments", (partnership.pk,), lambda: (
        selectors.partner_standings(centre, [partnership.pk]),
        selectors.partner_continuation_standings(centre, [partnership.pk])))
    if not found and not after:
        return None
    return {"partnership": partnership, "rows": [
        {"application": application, "standing": standing, "url": pledge_url(centre, application, partnership)}
        for application, standing in found],
        "after": [{"application": application, "standing": standing,
                   "url": continuation_pledge_url(centre, application, partnership)}
                  for application, standing in after],
        "signs": signs_for(request.user, partnership)}
