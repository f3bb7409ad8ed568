"""The partners' commitments: a partner's own pledge table in the portal, its signatory's confirmation or request
for a change, and the office's overview of where every partner stands.

A partner's people and the office read the partner's table; another partner's table is a 404 (the
partnership is looked up among those the user may see). Only the partner's signatory answers: a
contact or the office gets a 403. The overview is the readers' (office and steering group).
"""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from civhub.accounts.permissions import portal_required
from civhub.applications.forms.commitments import ChangeForm, ConfirmForm, signer_initial
from civhub.applications.permissions import ensure_signs_for, may_edit, reader_required, signs_for
from civhub.applications.selectors import commitments as selectors
from civhub.applications.selectors.applications import application_of
from civhub.applications.services import commitments as services
from civhub.core.views import attempt, form_page, posted
from civhub.partners.permissions import partnerships_visible_to


def pledge_url(centre, application, partnership) -> str:
    return reverse("applications:pledge", args=[centre.slug, application.pk, partnership.short_code])


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
        "check": selectors.commitments_check(found), "may_edit": may_edit(request.user, centre)})


@portal_required
def pledge(request, centre, pk, code):
    application, partnership = _pledge(request, centre, pk, code)
    table = selectors.pledge_table(application, partnership)
    return render(request, "applications/commitments/pledge.html", {
        "centre": centre, "application": application, "partnership": partnership, "table": table,
        "standing": selectors.standing_of(application, partnership, table),
        "answers": selectors.answers_of(application, partnership),
        "may_answer": signs_for(request.user, partnership) and application.is_draft and bool(table.lines)})


def _answer_page(request, centre, pk, code, *, form_class, template, initial, call, message):
    application, partnership = _pledge(request, centre, pk, code)
    ensure_signs_for(request.user, partnership)
    table = selectors.pledge_table(application, partnership)
    form = form_class(posted(request), initial=initial(request.user, partnership, table.hash))
    if form.is_bound and form.is_valid():
        done = attempt(request, form, lambda: call(form, application=application, partnership=partnership,
                                                   actor=request.user, shown_hash=form.cleaned_data["table_hash"]),
                       message, pledge_url(centre, application, partnership))
        if done:
            return done
    return form_page(request, template, {"centre": centre, "application": application, "partnership": partnership,
                                         "table": table, "form": form})


@portal_required
def pledge_confirm(request, centre, pk, code):
    return _answer_page(
        request, centre, pk, code, form_class=ConfirmForm, template="applications/commitments/confirm.html",
        initial=signer_initial,
        call=lambda form, **kwargs: services.confirm_pledges(signer=form.signer(), **kwargs),
        message=_("Thank you: your pledges are confirmed. The programme office sees your confirmation."))


@portal_required
def pledge_change(request, centre, pk, code):
    return _answer_page(
        request, centre, pk, code, form_class=ChangeForm, template="applications/commitments/change.html",
        initial=lambda user, partnership, shown_hash: {"table_hash": shown_hash},
        call=lambda form, **kwargs: services.ask_change(comment=form.cleaned_data["comment"], **kwargs),
        message=_("Your request has been sent to the programme office. You will be asked to confirm again once the "
                  "budget has been adjusted."))


def portal_section(request, partnership) -> dict | None:
    """The partner portal's section: the applications in which this partner pledges, with where it stands and
    the way to its table (four queries at most); none when it pledges in none."""
    centre = partnership.centre
    found = selectors.partner_standings(centre, [partnership.pk])
    if not found:
        return None
    return {"partnership": partnership, "rows": [
        {"application": application, "standing": standing, "url": pledge_url(centre, application, partnership)}
        for application, standing in found],
        "signs": signs_for(request.user, partnership)}
