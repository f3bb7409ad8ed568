"""The public centre page is the brochure as a living site, read from the database."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from civhub.core.models import Centre, Grant, KeyDate, ProgrammeLine, PublicContact
from civhub.grants.models import BudgetLine, BudgetVersion
from civhub.partners.models import Cluster, Organisation, Partnership
from tests.partners.factories import count_queries

pytestmark = pytest.mark.django_db


def make_centre(slug: str, name: str, aim: str) -> Centre:
    centre = Centre.objects.create(slug=slug, name=name, region="Testregio", aim={"nl": aim, "en": f"EN {aim}"},
                                   reasons=[{"nl": f"Reden van {name}"}], subsidy_funds=[{"nl": "Een practor"}])
    ProgrammeLine.objects.create(centre=centre, number=1, name={"nl": f"Lijn van {name}"})
    grant = Grant.objects.create(centre=centre, scheme="RIF", amount=Decimal("1000000.00"), start=date(2022, 1, 1),
                                 end=date(2025, 12, 31), cofinancing_ratio=Decimal("2.00"),
                                 employer_share_min=Decimal("0.3333"), employer_share_max=Decimal("0.6667"),
                                 other_share_max=Decimal("0.3333"), report_due_months=[13, 25, 37])
    version = BudgetVersion.objects.create(grant=grant, number=1, name="Aanvraag", is_current=True)
    BudgetLine.objects.create(version=version, year=2022, category="personnel", source="subsidy",
                              amount=Decimal("1000000.00"))
    BudgetLine.objects.create(version=version, year=2022, category="personnel", source="in_kind",
                              amount=Decimal("2000000.00"))
    KeyDate.objects.create(centre=centre, starts_on=date(2021, 5, 26), title={"nl": f"Werkconferentie {name}"})
    PublicContact.objects.create(centre=centre, name=f"Contact {name}", position={"nl": "Kwartiermaker"},
                                 email="contact@example.org")
    return centre


def add_partner(centre: Centre, name: str, cluster: str, *, lead=False, status="active") -> Partnership:
    organisation = Organisation.objects.create(name=name, kind="company")
    return Partnership.objects.create(centre=centre, organisation=organisation, short_code=name.lower()[:20],
                                      cluster=cluster, is_lead_applicant=lead, status=status,
                                      cofinancing_group="not_counted" if lead else "employer")


def test_centre_page_shows_its_facts_from_the_database(client):
    centre = make_centre("civ-een", "CIV Een", "Geen mismatch tussen onderwijs en arbeidsmarkt.")
    add_partner(centre, "Lab Bedrijf", Cluster.PROFESSIONAL_FIELD)
    add_partner(centre, "Vakschool", Cluster.GOVERNMENT_EDUCATION, lead=True)
    add_partner(centre, "Vertrokken BV", Cluster.PROFESSIONAL_FIELD, status="left")

    html = client.get(reverse("public:centre", args=[centre.slug])).content.decode()

    for fact in ["Geen mismatch tussen onderwijs en arbeidsmarkt.", "Reden van CIV Een", "Lijn van CIV Een",
                 "Lab Bedrijf", "Vakschool", "Werkconferentie CIV Een", "Contact CIV Een", "Een practor",
                 "EUR 3.000.000", "EUR 1.000.000", "EUR 2.000.000"]:
        assert fact in html, fact
    assert "Vertrokken BV" not in html


def test_a_second_centre_shows_its_own_facts(client):
    make_centre("civ-een", "CIV Een", "Doel een.")
    other = make_centre("civ-twee", "CIV Twee", "Doel twee.")

    html = client.get(reverse("public:centre", args=[other.slug])).content.decode()

    assert "Doel twee." in html and "Lijn van CIV Twee" in html
    assert "Doel een." not in html and "CIV Een" not in html


def test_english_shows_the_english_text(client):
    centre = make_centre("civ-een", "CIV Een", "Doel een.")
    client.cookies["django_language"] = "en"

    html = client.get(reverse("public:centre", args=[centre.slug])).content.decode()

    assert "EN Doel een." in html and 'lang="en"' in html


def test_root_opens_the_only_centre(client):
    centre = make_centre("civ-een", "CIV Een", "Doel een.")
    assert client.get("/").url == reverse("public:centre", args=[centre.slug])


def test_root_lists_several_centres(client):
    make_centre("civ-een", "CIV Een", "Doel een.")
    make_centre("civ-twee", "CIV Twee", "Doel twee.")
    html = client.get("/").content.decode()
    assert "CIV Een" in html and "CIV Twee" in html


def test_unknown_centre_is_404(client):
    assert client.get(reverse("public:centre", args=["bestaat-niet"])).status_code == 404


def test_public_page_keeps_its_query_count_as_partners_grow(client):
    centre = make_centre("civ-een", "CIV Een", "Doel een.")
    url = reverse("public:centre", args=[centre.slug])
    for number in range(5):
        add_partner(centre, f"Bedrijf {number}", Cluster.PROFESSIONAL_FIELD)
    small = count_queries(client, url)
    for number in range(5, 15):
        add_partner(centre, f"Bedrijf {number}", Cluster.GOVERNMENT_EDUCATION)
    assert count_queries(client, url) == small


def test_the_site_is_dutch_even_for_an_english_browser(client):
    centre = make_centre("civ-een", "CIV Een", "Doel een.")
    html = client.get(reverse("public:centre", args=[centre.slug]), HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()
    assert 'lang="nl"' in html and "EN Doel een." not in html


def test_the_centre_page_agenda_puts_coming_dates_first_and_past_ones_below_under_earlier(client):
    centre = make_centre("civ-agenda", "CIV Agenda", "Doel.")
    today = timezone.localdate()
    KeyDate.objects.create(centre=centre, starts_on=today + timedelta(days=30), title={"nl": "Open labdag"})
    KeyDate.objects.create(centre=centre, starts_on=today - timedelta(days=10), ends_on=today + timedelta(days=5),
                           title={"nl": "Loopt nog"})
    KeyDate.objects.create(centre=centre, starts_on=date(2020, 9, 1), title={"nl": "Kwartiermaken"})
    client.cookies["django_language"] = "nl"
    page = client.get(reverse("public:centre", args=[centre.slug])).content.decode()
    order = [page.index(text) for text in ("Loopt nog", "Open labdag", "Eerder", "Werkconferentie", "Kwartiermaken")]
    assert order == sorted(order)
    assert reverse("events:agenda", args=[centre.slug]) in page
