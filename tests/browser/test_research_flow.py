"""The practorate in Chromium: a partner's contact submits a research question; the practor opens it in the list,
accepts it, and lands on the new project. The question form, the practor's list and the project page pass
axe-core (no serious or critical violation), reflow at 320 px and break no Content-Security-Policy rule."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from civhub.research.models import ResearchProject, ResearchQuestion
from tests.browser.support import assert_accessible, assert_reflows, screenshot, sign_in, submit
from tests.factories import PASSWORD
from tests.research.builders import research_line

pytestmark = pytest.mark.browser

TITLE = "Sneller valideren van HPLC-methoden"


def watch_csp(page) -> list[str]:
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security" in message.text else None)
    return refused


def test_a_partner_submits_a_question_and_the_practor_accepts_it(
        transactional_db, new_page, centre, partner_a, partner_a_contact, practor):
    research_line(centre)
    partner = new_page()
    refused = watch_csp(partner)
    sign_in(partner, partner_a_contact.email, PASSWORD)
    partner.goto(reverse("research:question_new", args=[centre.slug]))
    assert_accessible(partner)
    partner.fill("input[name=title]", TITLE)
    partner.fill("textarea[name=context]", "Een validatie duurt nu drie tot vier weken.")
    partner.fill("textarea[name=desired_outcome]", "Een protocol waarmee het in anderhalve week lukt.")
    partner.fill("textarea[name=student_hosting]", "Twee mbo-4-studenten bij een senior analist.")
    screenshot(partner, "research-question-form-1280")
    assert_reflows(partner)
    submit(partner)
    partner.wait_for_load_state()
    question = ResearchQuestion.objects.get(title=TITLE)
    assert partner.url.endswith(reverse("research:question", args=[centre.slug, question.pk]))
    assert TITLE in partner.locator("main h1").inner_text()

    practor_page = new_page()
    refused += watch_csp(practor_page)
    sign_in(practor_page, practor.email, PASSWORD)
    practor_page.goto(reverse("research:questions", args=[centre.slug]))
    assert TITLE in practor_page.locator("main table").inner_text()
    assert_accessible(practor_page)
    screenshot(practor_page, "research-practor-list-1280")
    assert_reflows(practor_page)

    practor_page.get_by_role("link", name=TITLE).click()
    practor_page.locator(f"main a[href$='{reverse('research:question_accept', args=[centre.slug, question.pk])}']")\
        .click()
    assert practor_page.locator("input[name=title]").input_value() == TITLE  # filled in from the question
    practor_page.fill("input[name=end]", (timezone.localdate() + timedelta(days=300)).isoformat())
    submit(practor_page)
    practor_page.wait_for_load_state()

    project = ResearchProject.objects.get(question=question)
    assert practor_page.url.endswith(reverse("research:project", args=[centre.slug, project.pk]))
    question.refresh_from_db()
    assert question.status == ResearchQuestion.Status.ACCEPTED
    assert partner_a.organisation.name in practor_page.locator("main").inner_text()
    assert_accessible(practor_page)
    screenshot(practor_page, "research-project-1280")
    assert_reflows(practor_page)
    assert not refused
