"""Public summaries: each partner approves the current text; only then does it reach the public page."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from civhub.research.errors import ResearchError
from civhub.research.models import ResearchProject
from civhub.research.services.summaries import review_summary, write_summary
from tests.partners.factories import client_for, count_queries
from tests.research.builders import project, question


@pytest.fixture
def shared(centre, practor, partner_a, partner_b):
    """A finished project of partners A and B with a summary awaiting both approvals."""
    made = project(centre, practor, [partner_a, partner_b], title="DNA uit kleine monsters", finished=True)
    return write_summary(project=made, actor=practor, text="We vergeleken drie kits.\n\nDe tweede won.")


def public_page(client, centre) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # assertions read the English source texts
    return client.get(reverse("research:public", args=[centre.slug])).content.decode()


def test_the_summary_is_public_only_when_every_partner_approved(centre, shared, partner_a, partner_b,
                                                                 partner_a_contact, partner_b_contact, client):
    assert "DNA uit kleine monsters" not in public_page(client, centre)
    review_summary(project=shared, actor=partner_a_contact, partnership=partner_a, approve=True)
    assert "DNA uit kleine monsters" not in public_page(client, centre)
    review_summary(project=shared, actor=partner_b_contact, partnership=partner_b, approve=True)
    page = public_page(client, centre)
    assert "DNA uit kleine monsters" in page and "De tweede won." in page and "Partner A BV" in page


def test_a_new_text_needs_every_approval_again(centre, shared, practor, partner_a, partner_b, partner_a_contact,
                                               partner_b_contact, client):
    review_summary(project=shared, actor=partner_a_contact, partnership=partner_a, approve=True)
    review_summary(project=shared, actor=partner_b_contact, partnership=partner_b, approve=True)
    write_summary(project=shared, actor=practor, text="Een nieuwe tekst die niemand goedkeurde.")
    page = public_page(client, centre)
    assert "DNA uit kleine monsters" not in page and "niemand goedkeurde" not in page


def test_a_change_request_keeps_it_off_the_public_page_and_tells_the_practor(
        centre, shared, practor, partner_a, partner_b, partner_a_contact, partner_b_contact, client,
        django_capture_on_commit_callbacks):
    review_summary(project=shared, actor=partner_a_contact, partnership=partner_a, approve=True)
    with django_capture_on_commit_callbacks(execute=True):
        review_summary(project=shared, actor=partner_b_contact, partnership=partner_b, approve=False,
                       comment="Noem onze naam niet.")
    assert "DNA uit kleine monsters" not in public_page(client, centre)
    assert [message.to for message in mail.outbox] == [[practor.email]]
    assert "Noem onze naam niet." in mail.outbox[0].body


def test_asking_for_changes_needs_a_comment(shared, partner_a, partner_a_contact):
    with pytest.raises(ResearchError, match="what should change"):
        review_summary(project=shared, actor=partner_a_contact, partnership=partner_a, approve=False)


def test_drafts_and_running_projects_never_appear(centre, practor, partner_a, partner_a_contact, client):
    running = project(centre, practor, [partner_a], title="Lopend project")
    with pytest.raises(ResearchError, match="finished"):
        write_summary(project=running, actor=practor, text="Te vroeg.")
    ResearchProject.objects.filter(pk=running.pk).update(summary="Geheime concepttekst", summary_version=1)
    finished = project(centre, practor, [partner_a], title="Klaar zonder goedkeuring", summary="Nog niet goedgekeurd")
    page = public_page(client, centre)
    assert "Lopend project" not in page and "Geheime concepttekst" not in page
    assert finished.title not in page and "Nog niet goedgekeurd" not in page
    assert "No research results have been published yet" in page


def test_writing_the_summary_asks_each_partners_people(centre, practor, partner_a, partner_b, partner_a_contact,
                                                       partner_a_signatory, partner_b_contact,
                                                       django_capture_on_commit_callbacks):
    made = project(centre, practor, [partner_a, partner_b], finished=True)
    with django_capture_on_commit_callbacks(execute=True):
        write_summary(project=made, actor=practor, text="Samenvatting")
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [partner_a_contact.email, partner_a_signatory.email, partner_b_contact.email])


def test_another_partner_cannot_approve(shared, partner_a, partner_b_contact):
    with pytest.raises(ResearchError, match="Only a contact or signatory"):
        review_summary(project=shared, actor=partner_b_contact, partnership=partner_a, approve=True)


def test_changing_the_partners_asks_for_approval_again(centre, shared, practor, partner_a, partner_b,
                                                       partner_a_contact, partner_b_contact, client):
    from civhub.research.services.projects import update_project

    review_summary(project=shared, actor=partner_a_contact, partnership=partner_a, approve=True)
    review_summary(project=shared, actor=partner_b_contact, partnership=partner_b, approve=True)
    data = {"title": shared.title, "practor": practor, "teachers": "", "students": "", "plan": shared.plan,
            "start": shared.start, "end": shared.end, "partners": [partner_a], "status": "finished"}
    update_project(project=shared, actor=practor, data=data)
    assert "DNA uit kleine monsters" not in public_page(client, centre)


def test_the_approval_page_approves(centre, shared, partner_a, partner_a_contact):
    url = reverse("research:summary_approve", args=[centre.slug, shared.pk])
    client = client_for(partner_a_contact)
    assert client.post(url, {"partnership": partner_a.pk, "decision": "changes", "comment": ""}).status_code == 400
    assert client.post(url, {"partnership": partner_a.pk, "decision": "approve"}).status_code == 302
    assert shared.reviews.get().decision == "approved"


def test_the_public_page_takes_constant_queries(centre, practor, partner_a, partner_b, partner_a_contact,
                                                partner_b_contact, client):
    def add(n):
        for index in range(n):
            made = project(centre, practor, [partner_a, partner_b], title=f"Af {index}", finished=True)
            write_summary(project=made, actor=practor, text="Tekst")
            review_summary(project=made, actor=partner_a_contact, partnership=partner_a, approve=True)
            review_summary(project=made, actor=partner_b_contact, partnership=partner_b, approve=True)

    url = reverse("research:public", args=[centre.slug])
    add(1)
    first = count_queries(client, url)
    add(2)
    assert count_queries(client, url) == first


def test_the_dashboard_card_counts_new_questions_and_running_projects(centre, practor, partner_a, partner_a_contact,
                                                                      programme_manager):
    question(partner_a, partner_a_contact)
    question(partner_a, partner_a_contact, title="Tweede")
    project(centre, practor, [partner_a])
    client = client_for(programme_manager)
    response = client.get(reverse("office:dashboard", args=[centre.slug]))
    page = response.content.decode()
    assert "new research questions waiting for triage" in page and "1 research project running" in page
    before = count_queries(client, reverse("office:dashboard", args=[centre.slug]))
    question(partner_a, partner_a_contact, title="Derde")
    project(centre, practor, [partner_a], title="Nog een")
    assert count_queries(client, reverse("office:dashboard", args=[centre.slug])) == before
