"""The funding application's items in the inbox (core/inbox.py): pledge tables a partner's signatory still has to
confirm, in draft applications (never answered, or changed after a confirmation), and after the award the
partner's commitments after the subsidy, while the office's round for them is open (same two cases)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from civhub.applications.permissions import signatory_partnership_ids
from civhub.applications.selectors.commitments import VOID, partner_continuation_standings, partner_standings
from civhub.core.inbox import Item


def pledges_to_confirm(user, centre) -> list[Item]:
    """The pledge tables of the partners the user signs for that wait for their answer (three queries)."""
    partnership_ids = signatory_partnership_ids(user, centre)
    if not partnership_ids:
        return []
    return [Item(kind="applications.pledges", group=_("Pledges to confirm"),
                 title=_("%(partner)s: pledges in “%(application)s”") % {
                     "partner": standing.partnership.organisation.name, "application": application.title},
                 since=standing.latest.answered_at if standing.latest else application.created_at,
                 url=reverse("applications:pledge", args=[centre.slug, application.pk,
                                                          standing.partnership.short_code]),
                 action=_("Read and confirm"), order=25,
                 note=(_("Your table changed after you confirmed it: please confirm it again.")
                       if standing.state == VOID else ""))
            for application, standing in partner_standings(centre, partnership_ids, drafts_only=True)
            if standing.waits_for_partner]


def commitments_after_subsidy_to_confirm(user, centre) -> list[Item]:
    """The continuation tables of the partners the user signs for that wait for their answer, in awarded
    applications whose round after the subsidy is open (three queries)."""
    partnership_ids = signatory_partnership_ids(user, centre)
    if not partnership_ids:
        return []
    return [Item(kind="applications.continuation", group=_("Commitments after the subsidy to confirm"),
                 title=_("%(partner)s: what you bring after the subsidy of “%(application)s”") % {
                     "partner": standing.partnership.organisation.name, "application": application.title},
                 since=standing.latest.answered_at if standing.latest else application.continuation_asked_on,
                 url=reverse("applications:continuation_pledge", args=[centre.slug, application.pk,
                                                                       standing.partnership.short_code]),
                 action=_("Read and confirm"), order=26,
                 note=(_("Your table changed after you confirmed it: please confirm it again.")
                       if standing.state == VOID else ""))
            for application, standing in partner_continuation_standings(centre, partnership_ids)
            if standing.waits_for_partner]
