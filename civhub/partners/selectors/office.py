"""What the programme office reads: applications with their possible duplicates, and the partner list.

The partner list has one row source (`partner_export_rows`) for the page, the CSV and the
XLSX, so the export always shows what the screen shows (docs/style.md section 10).
"""

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from civhub.core.models import Centre
from civhub.partners.models import (
    Cluster,
    CofinancingGroup,
    Contact,
    Organisation,
    OrganisationKind,
    PartnerApplication,
    Partnership,
)
from civhub.partners.selectors.organisation_changes import waiting_for

NEW = PartnerApplication.Status.NEW


def _same_organisation(prefix: str = "") -> Q:
    """Match an outer application by KvK number (when given) or normalised name (when not empty)."""
    return (
        (Q(**{f"{prefix}kvk_number": OuterRef("kvk_number")}) & ~Q(**{f"{prefix}kvk_number": ""}))
        | (Q(**{f"{prefix}normalised_name": OuterRef("normalised_name")}) & ~Q(**{f"{prefix}normalised_name": ""}))
    )


def application_list(centre: Centre, status: str | None = None) -> QuerySet[PartnerApplication]:
    """The centre's applications, new ones first, each flagged when it looks like a known organisation."""
    applications = PartnerApplication.objects.filter(centre=centre)
    if status:
        applications = applications.filter(status=status)
    known = Organisation.objects.filter(_same_organisation())
    twins = PartnerApplication.objects.filter(_same_organisation(), centre=OuterRef("centre")).exclude(
        pk=OuterRef("pk"))
    return applications.annotate(
        matches_organisation=Exists(known),
        matches_application=Exists(twins),
        is_new=Case(When(status=NEW, then=Value(0)), default=Value(1), output_field=IntegerField()),
    ).order_by("is_new", "-created_at", "-pk")


@dataclass
class Duplicates:
    """Known organisations and other applications that may be the same applicant."""

    organisations: list[Organisation] = field(default_factory=list)
    applications: list[PartnerApplication] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.organisations or self.applications)


def _same_as(application: PartnerApplication) -> Q:
    match = Q(pk__in=[])
    if application.kvk_number:
        match |= Q(kvk_number=application.kvk_number)
    if application.normalised_name:
        match |= Q(normalised_name=application.normalised_name)
    return match


def possible_duplicates(application: PartnerApplication) -> Duplicates:
    """Organisations with the same KvK number or normalised name, and the centre's other such applications.

    Each organisation carries `partnership_here`: its partnership in this centre, if any.
    """
    here = Partnership.objects.filter(centre=application.centre_id, organisation=OuterRef("pk"))
    organisations = (
        Organisation.objects.filter(_same_as(application))
        .annotate(partnership_here=Subquery(here.values("short_code")[:1]))
        .order_by("name")
    )
    applications = (
        PartnerApplication.objects.filter(_same_as(application), centre=application.centre_id)
        .exclude(pk=application.pk)
        .order_by("-created_at")
    )
    return Duplicates(organisations=list(organisations), applications=list(applications))


@dataclass
class OfficeDashboard:
    """The office's start page: what waits for a decision, and how many partners are active."""

    new_applications: int
    active_total: int
    active_by_cluster: list[tuple[str, str, int]]
    organisation_changes: int = 0  # changes to shared organisations waiting for this centre's decision


def dashboard(centre: Centre) -> OfficeDashboard:
    """The counts on the office's start page, each counted by the database."""
    new = PartnerApplication.objects.filter(centre=centre, status=NEW).count()
    active = Partnership.objects.filter(centre=centre, status=Partnership.Status.ACTIVE)
    counts = active.aggregate(total=Count("pk"),
                              **{value: Count("pk", filter=Q(cluster=value)) for value in Cluster.values})
    return OfficeDashboard(
        new_applications=new,
        active_total=counts["total"],
        active_by_cluster=[(value, str(label), counts[value]) for value, label in Cluster.choices],
        organisation_changes=waiting_for(centre),
    )


BY_NAME = ("organisation__name", "pk")


def partner_list(centre: Centre, *, cluster=None, status=None, kind=None, ordering=BY_NAME) -> QuerySet[Partnership]:
    """The centre's partnerships with their organisation, contact count and primary contact, filtered, in
    `ordering` (by name)."""
    primary = Contact.objects.filter(partnership=OuterRef("pk")).order_by("-is_primary", "name", "pk")
    partnerships = (
        Partnership.objects.filter(centre=centre)
        .select_related("organisation")
        .annotate(
            contact_count=Count("contacts", distinct=True),
            primary_contact_name=Subquery(primary.values("name")[:1]),
            primary_contact_email=Subquery(primary.values("email")[:1]),
        )
        .order_by(*ordering)
    )
    if cluster:
        partnerships = partnerships.filter(cluster=cluster)
    if status:
        partnerships = partnerships.filter(status=status)
    if kind:
        partnerships = partnerships.filter(organisation__kind=kind)
    return partnerships


@dataclass(frozen=True)
class Column:
    """A column of the partner list: its heading, whether it holds numbers (right-aligned), and the key the page
    sorts it by (`?sort=<key>`; empty when it does not sort)."""

    label: str
    numeric: bool = False
    sort: str = ""

    def __str__(self) -> str:
        return self.label


def partner_columns() -> list[Column]:
    return [
        Column(_("Code"), sort="code"), Column(_("Organisation"), sort="organisation"), Column(_("Kind")),
        Column(_("Cluster")), Column(_("Status")), Column(_("City"), sort="city"), Column(_("Website")),
        Column(_("KvK number")), Column(_("Joined on"), sort="joined"), Column(_("Lead applicant")),
        Column(_("Co-financing group")), Column(_("Primary contact")), Column(_("E-mail")),
        Column(_("Contacts"), numeric=True, sort="contacts"),
    ]


def _labels(choices) -> dict[str, str]:
    """Choice labels in the active language, capitalised as a cell starts."""
    return {value: capfirst(str(label)) for value, label in choices.choices}


def partner_export_rows(centre: Centre, filters: dict | None = None, ordering=BY_NAME) -> Iterator:
    """Yield the header (a list of Columns), then one tuple per partnership: the page, CSV and XLSX all use it.

    The first cell is the short code, which the page links to the partner's portal page.
    """
    filters = filters or {}
    kinds, clusters = _labels(OrganisationKind), _labels(Cluster)
    groups, statuses = _labels(CofinancingGroup), _labels(Partnership.Status)
    yield partner_columns()
    partnerships = partner_list(centre, **{k: filters.get(k) for k in ("cluster", "status", "kind")},
                                ordering=ordering)
    for p in partnerships.iterator(chunk_size=500):
        org = p.organisation
        yield (
            p.short_code, org.name, kinds.get(org.kind, org.kind),
            clusters.get(p.cluster, p.cluster), statuses.get(p.status, p.status),
            org.city, org.website, org.kvk_number, p.joined_on, _("Yes") if p.is_lead_applicant else "",
            groups.get(p.cofinancing_group, p.cofinancing_group),
            p.primary_contact_name or "", p.primary_contact_email or "",
            p.contact_count,
        )
