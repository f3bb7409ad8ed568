"""The HCA page: the forecast of the chosen round, the trend, the skills heatmap and the published forecast beside
ours, each as its audience may see it (the office every cell, marked; the steering group and the practor only
cells with at least three answering partners); its charts; the query count as the data grows."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from civhub.hca.permissions import may_read, sees_every_cell
from civhub.hca.selectors.cells import FIGURES, SUPPRESSED
from tests.hca import overview_data as data
from tests.partners.factories import client_for, count_queries

pytestmark = pytest.mark.django_db


def url(centre, **query):
    address = reverse("hca:overview", args=[centre.slug])
    return address + (f"?ronde={query['ronde']}" if "ronde" in query else "")


@pytest.fixture
def world(centre, programme_manager):
    return data.two_rounds(centre, programme_manager)


def test_the_office_sees_every_occupation_and_the_unpublished_one_is_marked(centre, world, programme_manager):
    response = client_for(programme_manager).get(url(centre))

    assert response.status_code == 200
    page = response.context["page"]
    assert page.chosen == world["newest"]
    laborant, analist = page.rows
    assert (laborant.state, laborant.marked, analist.state, analist.marked) == (FIGURES, False, FIGURES, True)
    text = response.content.decode()
    assert "not published: fewer than 3 partners" in text
    assert "4,327" in text  # the analist's expansion (whole persons): (2000 + 2345) − 18
    # laborant: 3 × (12 − 10) = 6 expansion; 3 × (2 × 6/7 + 0.03 × 10 × 6) = 10.5 replacement; supply 2 × 1 × 6
    assert (laborant.forecast.expansion, laborant.forecast.replacement) == (Decimal("6"), Decimal("10.5"))
    assert (laborant.forecast.figures.ita, laborant.forecast.figures.typology) == (Decimal("0.73"), "zeer goed")
    assert "estimated" in text
    assert reverse("hca:record_kpis", args=[centre.slug, world["newest"].pk]) in text


@pytest.mark.parametrize("reader", ["steering_member", "practor"])
def test_the_steering_group_and_the_practor_see_published_cells_only(request, centre, world, reader):
    response = client_for(request.getfixturevalue(reader)).get(url(centre))

    assert response.status_code == 200
    laborant, analist = response.context["page"].rows
    assert (laborant.state, analist.state) == (FIGURES, SUPPRESSED)
    text = response.content.decode()
    assert "Not published: fewer than 3 partners answered." in text
    assert "4,327" not in text and "4,345" not in text
    assert "0.73 very good" in text
    # The heatmap's analist cell is suppressed too; the laborant cell has its numbers for screen readers.
    assert "importance now 3.0, in five years 5.0, coverage 1 of 3" in text
    heat = response.context["page"].heatmap[0]
    assert [cell.shown for cell in heat.cells] == [True, False]
    assert "Record the ITAs as KPIs" not in text
    assert "There is nothing to compare" not in text


def test_a_suppressed_cell_is_not_drawn_for_the_steering_group(centre, world, programme_manager, steering_member):
    chart = reverse("hca:overview_chart", args=[centre.slug, "openings"])

    office = client_for(programme_manager).get(chart).content.decode()
    steering = client_for(steering_member).get(chart).content.decode()

    assert ">4,330<" in office  # the analist's openings: 4,327 expansion + 0.03 × 18 × 6 replacement
    assert "4,330" not in steering and ">16<" in steering  # laborant's 16.5 openings stay


def test_the_trend_chart_is_an_svg_without_scripts(centre, world, steering_member):
    response = client_for(steering_member).get(reverse("hca:overview_chart", args=[centre.slug, "trend"]))

    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert b"<script" not in response.content and b"laborant" in response.content


def test_the_round_is_chosen_by_its_number_and_another_centres_round_is_a_404(centre, other_centre, world,
                                                                                programme_manager):
    client = client_for(programme_manager)
    elsewhere = data.survey_round(other_centre, programme_manager, timezone.localdate())

    earlier = client.get(url(centre, ronde=world["earlier"].pk))
    assert earlier.context["page"].chosen == world["earlier"]
    assert "illustrative" in earlier.content.decode()
    assert client.get(url(centre, ronde=elsewhere.pk)).status_code == 404
    assert client.get(url(centre) + "?ronde=abc").status_code == 404


def test_the_trend_shows_each_rounds_ita_and_the_earlier_round_is_illustrative(centre, world, steering_member):
    page = client_for(steering_member).get(url(centre)).context["page"]

    laborant, analist = page.trend
    assert [cell.figures.ita for cell in laborant.cells] == [Decimal("0.73"), Decimal("0.73")]
    assert [cell.state for cell in analist.cells] == ["no_answers", SUPPRESSED]
    assert [item.illustrative for item in page.trend_rounds] == [True, False]


def test_the_published_forecast_stands_beside_ours_with_the_difference_in_words(centre, world, steering_member):
    response = client_for(steering_member).get(url(centre))

    laborant = response.context["page"].compared[0]
    text = response.content.decode()
    # ours 16.5 of 30 over six years = 7.6% a year; ROA's 1,800 of 10,000 over 2023–2028 = 2.8% a year
    assert "The partners expect more job openings than ROA: 7.6% of employment a year against 2.8%." in text
    assert "mainly in the replacement demand" in laborant.explanation[1]
    assert "fewer school-leavers per job opening than by ROA (ITA 0.73 (zeer goed) against 0.83 (zeer goed))" \
        in laborant.explanation[2]
    assert "nothing to compare" in text  # the analist, suppressed for the steering group


def test_a_centre_without_rounds_says_so(centre, steering_member):
    response = client_for(steering_member).get(url(centre))

    assert response.status_code == 200
    assert "There is no survey round yet" in response.content.decode()


def test_the_navigation_leads_the_office_the_steering_group_and_the_practor_to_the_page(
        centre, programme_manager, steering_member, practor, communications):
    address = url(centre)
    for person, page in ((programme_manager, "office:dashboard"), (steering_member, "grants:monitor"),
                         (practor, "research:questions")):
        assert f'href="{address}"' in client_for(person).get(reverse(page, args=[centre.slug])).content.decode()
    news = client_for(communications).get(reverse("news:manage", args=[centre.slug])).content.decode()
    assert f'href="{address}"' not in news


def _grow(centre, user, *, partners, occupation_names, rounds, skills):
    today = timezone.localdate()
    made = data.occupations(centre, *occupation_names)
    people = data.employers(centre, partners)
    answers = []
    for number in range(rounds):
        survey = data.survey_round(centre, user, today - timedelta(days=365 * (number + 1) + len(occupation_names)))
        answers += [data.answer(survey, partner, occupation, user) for partner in people for occupation in made]
    school = data.employers(centre, 1)[0]
    for number, occupation in enumerate(made):
        data.programme(centre, school, occupation, code=f"{len(occupation_names)}{number:04d}")
    for number in range(skills):
        data.skill_with_ratings(centre, answers, f"Vaardigheid {len(occupation_names)}-{number}", coverage=number % 4)
    data.edition(centre, user, {occupation: (1000, 50, 100, 120, Decimal("1.10"), "matig") for occupation in made},
                 first_year=2020 + len(occupation_names), last_year=2030 + len(occupation_names))


@pytest.mark.parametrize("reader", ["programme_manager", "steering_member"])
def test_the_query_count_stays_the_same_as_partners_occupations_rounds_and_skills_grow(request, centre, reader):
    user = request.getfixturevalue(reader)
    manager = request.getfixturevalue("programme_manager")
    client = client_for(user)
    _grow(centre, manager, partners=3, occupation_names=["a"], rounds=1, skills=1)
    small = count_queries(client, url(centre))

    _grow(centre, manager, partners=6, occupation_names=["b", "c", "d"], rounds=3, skills=4)
    assert count_queries(client, url(centre)) == small


def test_who_reads_the_page_and_who_sees_every_cell(centre, programme_manager, steering_member, practor,
                                                    communications, partner_a_contact, other_centre_manager):
    readers = [person for person in (programme_manager, steering_member, practor, communications, partner_a_contact,
                                     other_centre_manager) if may_read(person, centre)]
    assert readers == [programme_manager, steering_member, practor]
    assert [sees_every_cell(person, centre) for person in readers] == [True, False, False]


OFFICE_PAGES = ("overview", "setup", "rounds", "skills", "coverage", "published")


def test_the_office_moves_between_every_hca_page_and_every_reader_reaches_the_public_page_and_report(
        centre, world, programme_manager, steering_member):
    def links(name, user):
        return client_for(user).get(reverse(f"hca:{name}", args=[centre.slug])).content.decode()

    for page in OFFICE_PAGES:
        text = links(page, programme_manager)
        assert all(reverse(f"hca:{other}", args=[centre.slug]) in text for other in OFFICE_PAGES), page
    reader = links("overview", steering_member)
    assert all(reverse(f"hca:{name}", args=[centre.slug]) in reader for name in ("public", "report_pdf", "report_xlsx"))
    assert reverse("hca:setup", args=[centre.slug]) not in reader
