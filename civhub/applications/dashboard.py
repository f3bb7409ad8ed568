"""The office dashboard's card on the funding application (registered in core.dashboard from AppConfig.ready()).

For the centre's newest application that is open (a draft) or submitted: its status and due date, how
much of the readiness checklist holds ("N of M checks") and how many counted partners confirmed their
pledge tables ("N of M partners confirmed"), with the way to the overview of the commitments. It names
no partner and shows no partner's figures. Thirteen queries, whatever the number of partners and lines.
"""

from dataclasses import dataclass

from civhub.accounts.permissions import acts_as_office
from civhub.applications.models import Application
from civhub.applications.selectors import commitments
from civhub.applications.selectors.applications import Readiness, workspace

TEMPLATE = "applications/_dashboard_panel.html"


@dataclass(frozen=True)
class Panel:
    application: Application
    readiness: Readiness
    confirmed: int
    counted: int

    @property
    def checks_done(self) -> int:
        return len(self.readiness.parts) + len(self.readiness.checks) - self.readiness.missing

    @property
    def checks_total(self) -> int:
        return len(self.readiness.parts) + len(self.readiness.checks)


def newest_open(centre) -> Application | None:
    """The newest application that is a draft or submitted (one query)."""
    return (Application.objects.filter(centre=centre, status__in=[Application.Status.DRAFT,
                                                                 Application.Status.SUBMITTED])
            .select_related("centre", "regulation").order_by("-planned_start", "-pk").first())


def dashboard_panel(request, centre) -> dict | None:
    """The card's context; None for a viewer outside the office or a centre without an open application."""
    if not acts_as_office(request.user, centre):
        return None
    application = newest_open(centre)
    if application is None:
        return None
    found = workspace(application)
    counted = [standing for standing in commitments.standings(application) if standing.counted]
    return {"funding": Panel(application, found.readiness, sum(1 for standing in counted if standing.confirmed),
                             len(counted))}
