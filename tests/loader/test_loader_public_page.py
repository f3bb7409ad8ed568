"""What a definition file says is what the centre's public page shows."""

import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def both_centres(demo_file, other_file):
    call_command("load_centre", str(demo_file), stdout=None)
    call_command("load_centre", str(other_file), stdout=None)


def page(client, slug: str) -> str:
    response = client.get(reverse("public:centre", args=[slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_demo_centre_shows_the_brochure(client, both_centres):
    html = page(client, "civ-bio-sciences")
    for fact in ["mismatch", "Excellent en vraaggericht onderwijs", "Practoraal onderzoek", "Leven Lang Ontwikkelen",
                 "Janssen Biologics", "Stichting Consortium Beroepsonderwijs", "mboRijnland", "Penvoerder",
                 "EUR 3.000.000", "EUR 1.000.000", "EUR 2.000.000", "26 mei 2021", "Ria van Oosterhout",
                 "Jan van Laake", "2 keer per jaar", "Bijdrage aan een actuele labomgeving"]:
        assert fact in html, fact
    assert "21 partners" in html and "Beroepenveld <span class=\"badge\">13</span>" in html
    assert "Overheden en onderwijs <span class=\"badge\">8</span>" in html


def test_a_second_centre_from_its_own_file_shows_its_own_facts(client, both_centres):
    html = page(client, "civ-food-tech")
    assert "CIV Voedsel" in html
    assert "Janssen Biologics" not in html and "Ria van Oosterhout" not in html
