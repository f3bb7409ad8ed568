"""A programme line's page in Chromium: the programme manager and a partner's contact read line 2 (activities,
the milestone timeline, KPI charts beside their tables, the line's co-financing; the partner does not see another
partner's money alone). The KPI charts load under the site's Content-Security-Policy, the page passes axe-core and
reflows at 320 px; a screenshot is kept."""

from datetime import date

import pytest
from django.urls import reverse

from civhub.programme.models import Activity, Kpi
from tests.browser.support import PHONE, assert_accessible, assert_reflows, images_loaded, screenshot, sign_in
from tests.factories import PASSWORD
from tests.ledger.office_support import contribution
from tests.programme.support import activity, actual, kpi, milestone, programme

pytestmark = pytest.mark.browser


@pytest.fixture
def line_2(centre, partner_a, partner_b):
    """Line 2 with two activities, four milestones, two KPIs with figures and accepted contributions."""
    line = programme(centre)[2]
    research = activity(line, title="Automatisering van monstervoorbereiding", start=date(2024, 2, 1),
                        end=date(2025, 12, 20), owners=[partner_a, partner_b], lead_person="Practor met R&D-engineer",
                        status=Activity.Status.DONE,
                        description="Praktijkonderzoek naar pipetteerrobots in kleine labs.")
    activity(line, title="Practoraatsbijeenkomsten op het park", start=date(2024, 6, 1), owners=[partner_b],
             lead_person="Practor", status=Activity.Status.RUNNING)
    milestone(line, title="Practoraat ingericht", due=date(2024, 12, 31), done=date(2024, 10, 2),
              evidence="Jaarverslag practoraat 2024.", activity=research)
    milestone(line, title="Resultaten in lesmateriaal", due=date(2025, 6, 30), done=date(2025, 8, 20),
              explanation="De lesbrief wachtte op de zomervakantie.")
    milestone(line, title="Tien onderzoeksvragen afgerond", due=date(2025, 12, 31),
              explanation="Twee partners stelden hun vraag uit door een reorganisatie.")
    milestone(line, title="Publieke samenvattingen van vijf projecten", due=date(2027, 3, 31))
    questions = kpi(line, name="Onderzoeksvragen van partners afgehandeld", unit="onderzoeksvragen",
                    targets={2024: 4, 2025: 10, 2026: 14, 2027: 18}, illustrative=True)
    for day, value in ((date(2024, 6, 1), 2), (date(2024, 12, 1), 2), (date(2025, 6, 1), 4), (date(2026, 3, 1), 1)):
        actual(questions, day, value, partnership=partner_a)
    partners = kpi(line, name="Partners actief in lijn 2", measure=Kpi.Measure.LATEST, baseline="2", unit="partners",
                   targets={2024: 4, 2025: 6, 2026: 7, 2027: 8}, position=1)
    for year, value in ((2024, 4), (2025, 5)):
        actual(partners, date(year, 12, 15), value)
    contribution(partner_a, amount="1168.00", hours="16", kind="research", programme_line=line, activity=research)
    contribution(partner_b, amount="3500.00", kind="lab", programme_line=line)
    return line


def check_line_page(page, line) -> None:
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security" in message.text else None)
    page.goto(reverse("programme:line", args=[line.centre.slug, line.number]))
    main = page.locator("main")
    assert "Automatisering van monstervoorbereiding" in main.inner_text()
    assert "Tien onderzoeksvragen afgerond" in main.inner_text()
    charts = main.locator("img[src$='grafiek.svg']")
    assert charts.count() == 2
    images_loaded(page, "main img[src$='grafiek.svg']")  # both charts drawn
    assert not refused
    assert_accessible(page)


def test_the_programme_manager_reads_line_2(transactional_db, page, line_2, programme_manager):
    sign_in(page, programme_manager.email, PASSWORD)
    check_line_page(page, line_2)
    assert page.locator("main a[href$='/activiteit/nieuw/']").count() == 1  # the office plans the line
    screenshot(page, "programme-line-2-1280")
    assert_reflows(page)


def test_a_partner_contact_reads_line_2_on_a_phone(transactional_db, new_page, line_2, partner_a_contact):
    page = new_page(PHONE)
    sign_in(page, partner_a_contact.email, PASSWORD)
    check_line_page(page, line_2)
    main = page.locator("main").inner_text()
    assert "3.500" not in main and "3,500" not in main  # partner B's lab money alone: not for partner A
    assert page.locator("main .withheld").count() == 2  # the lab row and the line's total say why not
    screenshot(page, "programme-line-2-phone")
    assert_reflows(page)
