"""What the portal and the office read about changes to an organisation's shared details."""

from django.db.models import Case, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value, When

from civhub.core.models import Centre
from civhub.partners.models import OrganisationChange, OrganisationChangeDecision, Partnership

PENDING = OrganisationChange.Status.PENDING
WAITING = OrganisationChangeDecision.Decision.PENDING


def other_centres_sharing(organisation, centre: Centre) -> QuerySet[Centre]:
    """The other centres that have the organisation as a partner, in any status (their pages still show it)."""
    return (
        Centre.objects.filter(partnerships__organisation=organisation)
        .exclude(pk=centre.pk)
        .distinct()
        .order_by("name")
    )


def pending_change_of(partnership: Partnership) -> OrganisationChange | None:
    """The partnership's own request that still waits for approval, if there is one."""
    return OrganisationChange.objects.filter(partnership=partnership, status=PENDING).first()


def latest_change_of(partnership: Partnership) -> OrganisationChange | None:
    """The partnership's latest request that was not withdrawn, with each centre's decision, for its portal page."""
    decisions = OrganisationChangeDecision.objects.select_related("centre").order_by("centre__name")
    return (
        OrganisationChange.objects.filter(partnership=partnership)
        .exclude(status=OrganisationChange.Status.WITHDRAWN)
        .prefetch_related(Prefetch("decisions", queryset=decisions))
        .order_by("-requested_at", "-pk")
        .first()
    )


def change_list(changes: QuerySet[OrganisationChange], centre: Centre) -> QuerySet[OrganisationChange]:
    """The requests put to a centre's office, those waiting for its decision first.

    `changes` is already scoped to the centre (permissions.organisation_changes_for); each row
    carries `decision_here`, the centre's own answer.
    """
    here = OrganisationChangeDecision.objects.filter(change=OuterRef("pk"), centre=centre)
    return (
        changes.select_related("organisation", "partnership__centre", "requested_by")
        .annotate(decision_here=Subquery(here.values("decision")[:1]))
        .annotate(waits_here=Case(When(status=PENDING, decision_here=WAITING, then=Value(0)), default=Value(1),
                                  output_field=IntegerField()))
        .order_by("waits_here", "-requested_at", "-pk")
    )


def waiting_for(centre: Centre) -> int:
    """How many open requests wait for this centre's decision (the office's dashboard)."""
    return OrganisationChangeDecision.objects.filter(centre=centre, decision=WAITING,
                                                     change__status=PENDING).count()


def change_detail(change: OrganisationChange) -> OrganisationChange:
    """One request with its organisation, requester and every centre's decision, for the decision page."""
    decisions = OrganisationChangeDecision.objects.select_related("centre", "decided_by").order_by("centre__name")
    return (
        OrganisationChange.objects.select_related("organisation", "partnership__centre", "requested_by")
        .prefetch_related(Prefetch("decisions", queryset=decisions))
        .get(pk=change.pk)
    )
