"""Reads for research projects: the list, one project's page with its research hours, and the public results."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from civhub.accounts import permissions as access
from civhub.core.choices import ContributionKind
from civhub.ledger.models import Contribution
from civhub.partners.models import Partnership
from civhub.research.models import ResearchProject, ResearchQuestion, SummaryReview
from civhub.research.permissions import is_team, projects_visible_to, reviewing_partnership_ids

# Accepted entries count, and so do their reversals (accepted entries of the opposite amount).
COUNTED_STATUSES = (Contribution.Status.ACCEPTED, Contribution.Status.REVERSED)


def _partners():
    return Prefetch("partners", queryset=Partnership.objects.select_related("organisation"))


def project_list(user, centre, *, status: str | None = None) -> QuerySet[ResearchProject]:
    """The projects the user may see, newest first, with practor, partners and the number of outputs."""
    projects = projects_visible_to(user, centre).select_related("practor", "question")
    if status:
        projects = projects.filter(status=status)
    return projects.prefetch_related(_partners()).annotate(output_count=Count("outputs"))


@dataclass(frozen=True)
class HoursRow:
    partner: str
    hours: Decimal
    value: Decimal


@dataclass(frozen=True)
class PartnerReview:
    """A partner's place in the approval of the current summary: its review of this version, if any."""

    partnership: Partnership
    review: SummaryReview | None

    @property
    def approved(self) -> bool:
        return self.review is not None and self.review.decision == SummaryReview.Decision.APPROVED


@dataclass(frozen=True)
class ProjectPage:
    project: ResearchProject
    partners: list
    modules: list
    outputs: list
    hours: list[HoursRow]
    hours_total: HoursRow | None
    reviews: list[PartnerReview]
    may_manage: bool
    reviewing_ids: set[int]


def research_hours(project: ResearchProject, partnership_ids: set[int] | None) -> list[HoursRow]:
    """Accepted in-kind research hours and their value booked on the project's activity, per partner, in SQL.

    `partnership_ids` limits the rows to those partners (a partner sees only its own); None shows all.
    """
    entries = Contribution.objects.filter(activity_id=project.activity_id, kind=ContributionKind.RESEARCH,
                                          status__in=COUNTED_STATUSES)
    if partnership_ids is not None:
        entries = entries.filter(partnership__in=partnership_ids)
    rows = (entries.values("partnership__organisation__name")
            .annotate(hours=Sum("hours", default=Decimal("0")), value=Sum("amount", default=Decimal("0")))
            .order_by("partnership__organisation__name"))
    return [HoursRow(row["partnership__organisation__name"], row["hours"], row["value"]) for row in rows]


def _hours_total(project: ResearchProject) -> HoursRow:
    totals = Contribution.objects.filter(
        activity_id=project.activity_id, kind=ContributionKind.RESEARCH, status__in=COUNTED_STATUSES,
    ).aggregate(hours=Sum("hours", default=Decimal("0")), value=Sum("amount", default=Decimal("0")))
    return HoursRow("", totals["hours"], totals["value"])


def project_page(user, centre, project: ResearchProject) -> ProjectPage:
    """Everything the project page shows, in a fixed number of queries."""
    team = is_team(user, centre)
    partners = list(project.partners.select_related("organisation"))
    current = project.reviews.filter(version=project.summary_version).select_related("decided_by")
    reviews = {review.partnership_id: review for review in current}
    return ProjectPage(
        project=project,
        partners=partners,
        modules=list(project.modules.all()),
        outputs=list(project.outputs.all()),
        hours=research_hours(project, None if team else access.partnership_ids(user, centre)),
        hours_total=_hours_total(project) if team else None,
        reviews=[PartnerReview(partner, reviews.get(partner.pk)) for partner in partners],
        may_manage=team,
        reviewing_ids=set() if team else reviewing_partnership_ids(user, centre, project),
    )


def public_projects(centre) -> QuerySet[ResearchProject]:
    """Finished projects whose current summary every partner approved: the only ones the public sees."""
    return (ResearchProject.objects
            .filter(centre=centre, status=ResearchProject.Status.FINISHED, summary_published_at__isnull=False)
            .exclude(summary="")
            .prefetch_related(_partners(), "modules")
            .order_by("-end", "-pk"))


@dataclass(frozen=True)
class DashboardFigures:
    new_questions: int
    intake_questions: int
    running_projects: int
    summaries_waiting: int


def dashboard_figures(centre) -> DashboardFigures:
    """The office dashboard's research card: questions waiting for triage and projects running, in two queries."""
    questions = ResearchQuestion.objects.filter(centre=centre).aggregate(
        new=Count("pk", filter=Q(status=ResearchQuestion.Status.NEW)),
        intake=Count("pk", filter=Q(status=ResearchQuestion.Status.INTAKE)))
    projects = ResearchProject.objects.filter(centre=centre).aggregate(
        running=Count("pk", filter=Q(status=ResearchProject.Status.RUNNING)),
        waiting=Count("pk", filter=Q(status=ResearchProject.Status.FINISHED, summary_published_at__isnull=True)
                      & ~Q(summary="")))
    return DashboardFigures(questions["new"], questions["intake"], projects["running"], projects["waiting"])
