"""Reads behind the reports: which grant and figures a funder pack covers, and whose statements exist.

The figures themselves are the monitor's (civhub.grants.selectors.monitor); these helpers only
choose the grant, check the year and reference date people ask for, and find the partners and
people a statement names.
"""

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.accounts.models import Membership, Role
from civhub.core.models import Centre, Grant
from civhub.grants.errors import GrantError
from civhub.grants.selectors.monitor import ACCEPTED, current_grant
from civhub.ledger.models import Contribution
from civhub.partners.models import Contact, Partnership


def grant_or_error(centre: Centre) -> Grant:
    """The centre's current grant, as the monitor page picks it (running today, else the latest); else GrantError."""
    grant = current_grant(centre, today=timezone.localdate())
    if grant is None:
        raise GrantError(_("%(centre)s has no grant yet, so there is nothing to report.") % {"centre": centre.name})
    return grant


def check_year(grant: Grant, year: int | None) -> None:
    """GrantError for a year outside the grant."""
    if year is not None and year not in grant.years:
        raise GrantError(_("%(year)s is not a year of the grant (%(first)s–%(last)s).")
                         % {"year": year, "first": grant.start.year, "last": grant.end.year})


def lead_applicant(centre: Centre) -> Partnership | None:
    return (Partnership.objects.filter(centre=centre, is_lead_applicant=True).select_related("organisation")
            .order_by("pk").first())


def signatories(partnership: Partnership | None) -> list[Contact]:
    """The partner's contacts who sign for it (their user is its signatory); else its primary contact."""
    if partnership is None:
        return []
    signing_users = Membership.objects.filter(partnership=partnership, role=Role.PARTNER_SIGNATORY).values("user_id")
    contacts = Contact.objects.filter(partnership=partnership).order_by("-is_primary", "name")
    return list(contacts.filter(user_id__in=signing_users)) or list(contacts.filter(is_primary=True)[:1])


# Partner statements --------------------------------------------------------------------------


def statement_entries(partnership: Partnership, year: int) -> QuerySet[Contribution]:
    """A partner's accepted entries of a year (reversed ones and their reversals too), oldest first."""
    return (Contribution.objects.filter(partnership=partnership, status__in=ACCEPTED, date__year=year)
            .select_related("reversal_of").order_by("date", "pk"))


def statement_totals(partnership: Partnership, year: int) -> tuple[list[dict], dict]:
    """Hours (of entries that still count) and value per kind, and overall, summed by the database."""
    entries = Contribution.objects.filter(partnership=partnership, status__in=ACCEPTED, date__year=year)
    sums = {"hours": Sum("hours", filter=Q(status=Contribution.Status.ACCEPTED)), "amount": Sum("amount"),
            "entries": Count("pk")}
    return list(entries.values("kind").annotate(**sums).order_by("kind")), entries.aggregate(**sums)


def partners_with_entries(centre: Centre, year: int) -> QuerySet[Partnership]:
    """The partners with at least one accepted entry in the year: the ones a statement is made for."""
    with_entries = Contribution.objects.filter(centre=centre, status__in=ACCEPTED, date__year=year)
    return (Partnership.objects.filter(centre=centre, pk__in=with_entries.values("partnership_id"))
            .select_related("organisation").order_by("organisation__name", "pk"))


def statement_years_by_partner(centre: Centre, partnerships: QuerySet[Partnership]) -> dict[int, set[int]]:
    """{partnership id: the years it has accepted entries in}: one query."""
    pairs = (Contribution.objects.filter(centre=centre, partnership__in=partnerships, status__in=ACCEPTED)
             .values_list("partnership_id", "date__year").distinct().order_by())
    years: dict[int, set[int]] = {}
    for partnership_id, year in pairs:
        years.setdefault(partnership_id, set()).add(year)
    return years


def grant_years(centre: Centre) -> list[int]:
    """Every calendar year of the centre's grants, oldest first: the years a statement can be asked for."""
    return sorted({year for grant in centre.grants.all() for year in grant.years})
