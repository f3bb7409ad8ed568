"""The funding application's items in the inbox (core/inbox.py): pledge tables a partner's signatory still has to
confirm, in draft applications (never answered, or changed after a confirmation), and after the award the
partner's commitments after the subsidy, while the office's round for them is open (same two cases); and for the
office, in the grant's final year, the round still to open."""

from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.applications.models import Application
from civhub.applications.permissions import may_edit, signatory_partnership_ids
from civhub.applications.selectors.commitments import VOID, partner_continuation_standings, partner_standings
from civhub.core.formatting import format_date
from civhub.core.inbox import Item


def pledges_to_confirm(user, centre) -> list[Item]:
    """The pledge tables of the partners the user signs for that wait for their answer (three queries)."""
    partnership_ids = signatory_partnership_ids(user, centre)
    if not partnership_ids:
        return []
    return _tables_waiting(centre, partner_standings(centre, partnership_ids, drafts_only=True),
                           kind="applications.pledges", group=_("Pledges to confirm"),
                           title=_("%(partner)s: pledges in “%(application)s”"), url_name="applications:pledge",
                           order=25, asked=lambda application: application.created_at)


def commitments_after_subsidy_to_confirm(user, centre) -> list[Item]:
    """The continuation tables of the partners the user signs for that wait for their answer, in awarded
    applications whose round after the subsidy is open (three queries)."""
    partnership_ids = signatory_partnership_ids(user, centre)
    if not partnership_ids:
        return []
    return _tables_waiting(centre, partner_continuation_standings(centre, partnership_ids),
                           kind="applications.continuation", group=_("Commitments after the subsidy to confirm"),
                           title=_("%(partner)s: what you bring after the subsidy of “%(application)s”"),
                           url_name="applications:continuation_pledge", order=26,
                           asked=lambda application: application.continuation_asked_on)


def _tables_waiting(centre, found, *, kind: str, group: str, title: str, url_name: str, order: int,
                    asked) -> list[Item]:
    """An item for each (application, standing) in `found` whose table waits for the partner's answer: since its
    last answer, else since `asked(application)`; `title` names %(partner)s and %(application)s."""
    return [Item(kind=kind, group=group,
                 title=title % {"partner": standing.partnership.organisation.name, "application": application.title},
                 since=standing.latest.answered_at if standing.latest else asked(application),
                 url=reverse(url_name, args=[centre.slug, application.pk, standing.partnership.short_code]),
                 action=_("Read and confirm"), order=order,
                 note=(_("Your table changed after you confirmed it: please confirm it again.")
                       if standing.state == VOID else ""))
            for application, standing in found if standing.waits_for_partner]


def commitments_after_subsidy_to_ask(user, centre) -> list[Item]:
    """For the programme office: an awarded application whose grant is in its final year (or over) and whose partners
    have not yet been asked for their commitments after the subsidy (one query)."""
    if not may_edit(user, centre):
        return []
    today = timezone.localdate()
    applications = (Application.objects.filter(centre=centre, status=Application.Status.AWARDED,
                                               continuation_asked_on__isnull=True,
                                               award__grant__end__year__lte=today.year)
                    .select_related("award__grant").order_by("award__grant__end", "pk"))
    return [Item(kind="applications.continuation_ask", group=_("Commitments after the subsidy to ask for"),
                 title=_("“%(application)s”: the subsidy ends on %(end)s") % {
                     "application": application.title, "end": format_date(application.award.grant.end)},
                 since=date(application.award.grant.end.year, 1, 1),
                 url=reverse("applications:continuation_open", args=[centre.slug, application.pk]),
                 action=_("Ask the partners"), order=27,
                 note=_("In the grant's final year the partners say what they bring after the subsidy, for the "
                        "final report."))
            for application in applications]
