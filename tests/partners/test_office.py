"""The programme office: who may enter, the dashboard, applications with duplicates, and the partner list."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from civhub.accounts.models import Role
from civhub.partners.models import Cluster, OrganisationKind, PartnerApplication, Partnership
from civhub.partners.selectors.office import application_list, possible_duplicates
from tests.factories import (
    CentreFactory,
    ContactFactory,
    OrganisationFactory,
    PartnerApplicationFactory,
    PartnershipFactory,
)
from tests.partners.factories import client_for, count_queries, office_person, partner_person, person

pytestmark = pytest.mark.django_db

OFFICE_PAGES = ["dashboard", "applications", "partners"]


def office_url(name, centre, *args):
    return reverse(f"office:{name}", args=[centre.slug, *args])


@pytest.mark.parametrize("role", [Role.PROGRAMME_MANAGER, Role.FINANCE_CONTROLLER, Role.CENTRE_ADMIN])
@pytest.mark.parametrize("page", OFFICE_PAGES)
def test_the_office_roles_enter(role, page):
    centre = CentreFactory()
    assert client_for(office_person(centre, role)).get(office_url(page, centre)).status_code == 200


@pytest.mark.parametrize("role", [Role.PRACTOR, Role.STEERING_MEMBER, Role.COMMUNICATIONS])
@pytest.mark.parametrize("page", OFFICE_PAGES)
def test_other_roles_get_403(role, page):
    centre = CentreFactory()
    assert client_for(person(centre, role)).get(office_url(page, centre)).status_code == 403


def test_partners_get_403_and_other_centres_404():
    centre = CentreFactory()
    application = PartnerApplicationFactory(centre=centre)
    partner = client_for(partner_person(PartnershipFactory(centre=centre)))
    stranger = client_for(office_person(CentreFactory()))
    for name, args in [("dashboard", []), ("application", [application.pk]),
                       ("application_approve", [application.pk]), ("partners_export", ["csv"])]:
        assert partner.get(office_url(name, centre, *args)).status_code == 403
        assert stranger.get(office_url(name, centre, *args)).status_code == 404


def test_anonymous_is_sent_to_sign_in():
    centre = CentreFactory()
    response = Client().get(office_url("dashboard", centre))
    assert response.status_code == 302 and reverse("accounts:login") in response.url


def test_an_application_of_another_centre_is_404():
    centre, other = CentreFactory(), CentreFactory()
    foreign = PartnerApplicationFactory(centre=other)
    client = client_for(office_person(centre))
    for name in ["application", "application_approve", "application_decline"]:
        assert client.get(office_url(name, centre, foreign.pk)).status_code == 404
    assert client.post(office_url("application_decline", centre, foreign.pk), {"reason": "x"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == PartnerApplication.Status.NEW


def test_dashboard_counts_new_applications_and_active_partners_per_cluster():
    centre = CentreFactory()
    PartnerApplicationFactory.create_batch(2, centre=centre)
    PartnerApplicationFactory(centre=centre, status=PartnerApplication.Status.DECLINED)
    PartnershipFactory.create_batch(3, centre=centre, cluster=Cluster.PROFESSIONAL_FIELD)
    PartnershipFactory(centre=centre, cluster=Cluster.GOVERNMENT_EDUCATION)
    PartnershipFactory(centre=centre, cluster=Cluster.GOVERNMENT_EDUCATION, status=Partnership.Status.LEFT)
    PartnershipFactory(cluster=Cluster.PROFESSIONAL_FIELD)  # another centre's
    response = client_for(office_person(centre)).get(office_url("dashboard", centre))
    dashboard = response.context["dashboard"]
    assert dashboard.new_applications == 2
    assert dashboard.active_total == 4
    assert [count for _, _, count in dashboard.active_by_cluster] == [3, 1]


def test_applications_list_new_first_and_flags_duplicates():
    centre = CentreFactory()
    OrganisationFactory(name="Stichting LBSP", kvk_number="")
    old_new = PartnerApplicationFactory(centre=centre, organisation_name="LBSP")
    decided = PartnerApplicationFactory(centre=centre, organisation_name="Unique Co",
                                        status=PartnerApplication.Status.DECLINED)
    twin_a = PartnerApplicationFactory(centre=centre, organisation_name="Twin BV", kvk_number="55555555")
    twin_b = PartnerApplicationFactory(centre=centre, organisation_name="Other name", kvk_number="55555555")
    PartnerApplicationFactory(centre=CentreFactory(), organisation_name="Unique Co")  # other centres do not count

    rows = list(application_list(centre))
    assert rows[-1] == decided  # decided ones after all new ones
    flags = {a.pk: (a.matches_organisation, a.matches_application) for a in rows}
    assert flags[old_new.pk] == (True, False)
    assert flags[twin_a.pk] == (False, True) and flags[twin_b.pk] == (False, True)
    assert flags[decided.pk] == (False, False)

    response = client_for(office_person(centre)).get(office_url("applications", centre), {"status": "new"})
    content = response.content.decode()
    assert "Unique Co" not in content and content.count("possible duplicate") == 3


def test_application_page_lists_possible_duplicates():
    centre = CentreFactory()
    known = PartnershipFactory(centre=centre, short_code="janssen", organisation__name="Janssen Biologics B.V.",
                               organisation__kvk_number="12121212")
    application = PartnerApplicationFactory(centre=centre, organisation_name="Janssen Biologics", kvk_number="12121212")
    earlier = PartnerApplicationFactory(centre=centre, organisation_name="janssen biologics")
    duplicates = possible_duplicates(application)
    assert [o.pk for o in duplicates.organisations] == [known.organisation_id]
    assert duplicates.organisations[0].partnership_here == "janssen"
    assert duplicates.applications == [earlier]

    response = client_for(office_person(centre)).get(office_url("application", centre, application.pk))
    content = response.content.decode()
    assert "already a partner of this centre" in content
    assert office_url("application", centre, earlier.pk) in content


def make_partners(centre, count):
    for number in range(count):
        partnership = PartnershipFactory(centre=centre, organisation__kind=OrganisationKind.COMPANY)
        ContactFactory.create_batch(2, partnership=partnership, is_primary=False)
        ContactFactory(partnership=partnership, is_primary=True, name=f"Primary {number}")


def test_partner_list_filters_by_cluster_status_and_kind():
    centre = CentreFactory()
    PartnershipFactory(centre=centre, short_code="acme", organisation__name="Acme",
                       organisation__kind=OrganisationKind.COMPANY, cluster=Cluster.PROFESSIONAL_FIELD)
    PartnershipFactory(centre=centre, short_code="leiden", organisation__name="Gemeente Leiden",
                       organisation__kind=OrganisationKind.MUNICIPALITY, cluster=Cluster.GOVERNMENT_EDUCATION)
    PartnershipFactory(centre=centre, short_code="gone", organisation__name="Gone BV",
                       organisation__kind=OrganisationKind.COMPANY, status=Partnership.Status.LEFT)
    client = client_for(office_person(centre))

    def codes(**filters):
        response = client.get(office_url("partners", centre), filters)
        assert response.status_code == 200
        return [row[0][1] for row in response.context["rows"]]

    assert sorted(codes()) == ["acme", "gone", "leiden"]
    assert codes(cluster="government_education") == ["leiden"]
    assert sorted(codes(kind="company")) == ["acme", "gone"]
    assert codes(kind="company", status="active") == ["acme"]
    assert sorted(codes(cluster="nonsense")) == ["acme", "gone", "leiden"]  # an unknown value filters nothing


def test_partner_list_keeps_the_filters_in_the_export_links():
    centre = CentreFactory()
    response = client_for(office_person(centre)).get(office_url("partners", centre), {"cluster": "professional_field"})
    content = response.content.decode()
    assert office_url("partners_export", centre, "xlsx") + "?cluster=professional_field" in content
    assert office_url("partners_export", centre, "csv") + "?cluster=professional_field" in content


def test_partner_list_sorts_by_a_column_and_the_export_follows():
    centre = CentreFactory()
    PartnershipFactory(centre=centre, short_code="zeta", organisation__name="Alfa Labs", organisation__city="Zwolle",
                       joined_on=None)
    PartnershipFactory(centre=centre, short_code="alfa", organisation__name="Zeta Zorg", organisation__city="Arnhem",
                       joined_on=date(2024, 1, 1))
    PartnershipFactory(centre=centre, short_code="mid", organisation__name="Midden BV", organisation__city="Ede",
                       joined_on=date(2025, 1, 1))
    client = client_for(office_person(centre))

    def codes(**query):
        response = client.get(office_url("partners", centre), query)
        return [row[0][1] for row in response.context["rows"]], response.content.decode()

    order, page = codes()
    assert order == ["zeta", "mid", "alfa"]  # by organisation, as before
    assert 'aria-sort="ascending"><a class="sort-link" href="?sort=-organisation">Organisation' in page
    assert codes(sort="code")[0] == ["alfa", "mid", "zeta"]
    assert codes(sort="-city")[0] == ["zeta", "mid", "alfa"]
    assert codes(sort="joined")[0] == ["alfa", "mid", "zeta"]  # no date last, whichever way
    assert codes(sort="-joined")[0] == ["mid", "alfa", "zeta"]
    assert codes(sort="cluster")[0] == ["zeta", "mid", "alfa"]  # not a sortable column: the default
    order, page = codes(sort="-code", cluster="")
    assert 'aria-sort="descending"' in page and page.count("aria-sort=") == 1
    assert office_url("partners_export", centre, "csv") + "?sort=-code&amp;cluster=" in page
    csv = client.get(office_url("partners_export", centre, "csv"), {"sort": "-code"}).content.decode()
    assert [line.split(";")[0] for line in csv.splitlines()[1:]] == ["zeta", "mid", "alfa"]


@pytest.mark.parametrize(("page", "order"), [("partners", ""), ("partners", "?sort=-contacts"), ("applications", ""),
                                             ("dashboard", "")])
def test_office_pages_take_the_same_number_of_queries_for_n_and_3n_rows(page, order):
    centre = CentreFactory()
    client = client_for(office_person(centre))
    url = office_url(page, centre) + order
    make_partners(centre, 4)
    PartnerApplicationFactory.create_batch(4, centre=centre)
    few = count_queries(client, url)
    make_partners(centre, 8)
    PartnerApplicationFactory.create_batch(8, centre=centre)
    assert count_queries(client, url) == few
