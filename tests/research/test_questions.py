"""Research questions: submitting, the triage's allowed and refused transitions, e-mails after commit, visibility."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from civhub.core.models import AuditEvent
from civhub.research.errors import ResearchError
from civhub.research.models import QuestionMessage, ResearchProject, ResearchQuestion
from civhub.research.services import questions as services
from tests.partners.factories import client_for, count_queries
from tests.research.builders import question, research_line

Status = ResearchQuestion.Status
DATA = {"title": "Automatische monstervoorbereiding", "context": "Pipetteren kost veel tijd.",
        "desired_outcome": "Een werkende opstelling.", "student_hosting": "Twee studenten", "lab_time": ""}


@pytest.fixture
def new_question(partner_a, partner_a_contact):
    return question(partner_a, partner_a_contact)


def project_data(practor, partner):
    return {"title": "HPLC", "practor": practor, "teachers": "", "students": "", "plan": "Meten.",
            "start": datetime.date(2025, 3, 1), "end": datetime.date(2025, 9, 1), "partners": [partner]}


def test_a_partner_contact_submits_a_question_and_the_practor_hears_of_it(
        partner_a, partner_a_contact, practor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = services.submit_question(partnership=partner_a, actor=partner_a_contact, data=DATA)
    assert made.status == Status.NEW and made.submitted_by == partner_a_contact
    assert [message.to for message in mail.outbox] == [[practor.email]]
    assert AuditEvent.objects.filter(action="research_question_submitted", target_id=str(made.pk)).exists()


def test_an_empty_title_is_refused_and_nothing_is_written(partner_a, partner_a_contact):
    with pytest.raises(ResearchError, match="title"):
        services.submit_question(partnership=partner_a, actor=partner_a_contact, data={**DATA, "title": "   "})
    assert not ResearchQuestion.objects.exists()


def test_a_partner_cannot_submit_for_another_partner(partner_b, partner_a_contact):
    with pytest.raises(ResearchError):
        services.submit_question(partnership=partner_b, actor=partner_a_contact, data=DATA)


def test_the_form_shows_the_error_for_an_empty_title(centre, partner_a_contact):
    response = client_for(partner_a_contact).post(reverse("research:question_new", args=[centre.slug]),
                                                  {**DATA, "title": ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not ResearchQuestion.objects.exists()


def test_the_form_submits_for_the_partners_own_partnership(centre, partner_a, partner_a_contact):
    response = client_for(partner_a_contact).post(reverse("research:question_new", args=[centre.slug]),
                                                  {**DATA, "partnership": partner_a.pk})
    made = ResearchQuestion.objects.get()
    assert response.status_code == 302 and made.partnership == partner_a


@pytest.mark.parametrize(("start", "to"), [
    (Status.NEW, Status.INTAKE), (Status.NEW, Status.DECLINED), (Status.NEW, Status.PARKED),
    (Status.INTAKE, Status.DECLINED), (Status.INTAKE, Status.PARKED), (Status.PARKED, Status.INTAKE),
    (Status.PARKED, Status.DECLINED),
])
def test_allowed_transitions_move_the_question_and_tell_the_submitter(
        partner_a, partner_a_contact, practor, django_capture_on_commit_callbacks, start, to):
    asked = question(partner_a, partner_a_contact, status=start)
    act = {Status.INTAKE: lambda: services.start_intake(question=asked, actor=practor, message="Welke kolom?"),
           Status.DECLINED: lambda: services.decline_question(question=asked, actor=practor, reason="Te groot."),
           Status.PARKED: lambda: services.park_question(question=asked, actor=practor, note="Na de zomer.")}[to]
    with django_capture_on_commit_callbacks(execute=True):
        act()
    asked.refresh_from_db()
    assert asked.status == to
    assert [message.to for message in mail.outbox] == [[partner_a_contact.email]]
    assert AuditEvent.objects.filter(action=f"research_question_{to}", target_id=str(asked.pk)).exists()


@pytest.mark.parametrize(("start", "to"), [
    (Status.ACCEPTED, Status.DECLINED), (Status.DECLINED, Status.INTAKE), (Status.INTAKE, Status.INTAKE),
    (Status.ACCEPTED, Status.PARKED), (Status.DECLINED, Status.PARKED),
])
def test_refused_transitions_change_nothing(partner_a, partner_a_contact, practor, start, to):
    asked = question(partner_a, partner_a_contact, status=start)
    act = {Status.INTAKE: lambda: services.start_intake(question=asked, actor=practor, message="Vraag"),
           Status.DECLINED: lambda: services.decline_question(question=asked, actor=practor, reason="Nee"),
           Status.PARKED: lambda: services.park_question(question=asked, actor=practor, note="Later")}[to]
    with pytest.raises(ResearchError, match="cannot become"):
        act()
    asked.refresh_from_db()
    assert asked.status == start
    assert not QuestionMessage.objects.exists() and not mail.outbox


def test_an_unknown_status_is_refused(new_question, practor):
    with pytest.raises(ResearchError, match="not a status"):
        services._move(new_question, actor=practor, to="archived")


def test_declining_needs_a_reason(new_question, practor):
    with pytest.raises(ResearchError, match="reason"):
        services.decline_question(question=new_question, actor=practor, reason="  ")
    new_question.refresh_from_db()
    assert new_question.status == Status.NEW


def test_a_partner_cannot_triage(new_question, partner_a_contact):
    with pytest.raises(ResearchError, match="Only the practor"):
        services.park_question(question=new_question, actor=partner_a_contact, note="Later")


def test_the_intake_question_becomes_the_first_message_and_the_e_mail_says_it(
        new_question, practor, partner_a_contact, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.start_intake(question=new_question, actor=practor, message="Welke kolommen gebruiken jullie?")
    assert new_question.messages.get().text == "Welke kolommen gebruiken jullie?"
    body = mail.outbox[0].body
    assert "Welke kolommen gebruiken jullie?" in body and f"/vragen/{new_question.pk}/" in body


def test_the_e_mail_is_in_the_submitters_language(
        partner_a, partner_a_contact, practor, django_capture_on_commit_callbacks):
    partner_a_contact.preferred_language = "en"
    partner_a_contact.save()
    asked = question(partner_a, partner_a_contact)
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_question(question=asked, actor=practor, reason="Buiten ons vakgebied.")
    assert "is now declined" in mail.outbox[0].subject
    assert "Buiten ons vakgebied." in mail.outbox[0].body


def test_no_e_mail_when_the_transaction_rolls_back(new_question, practor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.park_question(question=new_question, actor=practor, note="Later")
    assert len(callbacks) == 1 and not mail.outbox  # queued for the commit, not sent before it


def test_accepting_creates_the_project_with_its_activity_in_line_2(
        centre, new_question, practor, partner_a, partner_b, django_capture_on_commit_callbacks):
    line = research_line(centre)
    with django_capture_on_commit_callbacks(execute=True):
        made = services.accept_question(question=new_question, actor=practor,
                                        project_data=project_data(practor, partner_b))
    new_question.refresh_from_db()
    assert new_question.status == Status.ACCEPTED and made.question == new_question
    assert set(made.partners.all()) == {partner_a, partner_b}  # the question's partner is always in
    assert made.activity.programme_line == line and set(made.activity.owners.all()) == {partner_a, partner_b}
    assert [message.to for message in mail.outbox] == [[new_question.submitted_by.email]]
    assert new_question.title in mail.outbox[0].subject


def test_accepting_without_line_2_is_refused_and_the_question_stays_new(new_question, practor, partner_a):
    with pytest.raises(ResearchError, match="line 2"):
        services.accept_question(question=new_question, actor=practor, project_data=project_data(practor, partner_a))
    new_question.refresh_from_db()
    assert new_question.status == Status.NEW and not ResearchProject.objects.exists()


def test_the_accept_page_creates_the_project(centre, new_question, practor, partner_a):
    research_line(centre)
    url = reverse("research:question_accept", args=[centre.slug, new_question.pk])
    client = client_for(practor)
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "HPLC", "practor": practor.pk, "partners": [partner_a.pk], "plan": "Meten",
                                 "start": "2025-03-01", "end": "2025-02-01"})
    assert response.status_code == 400 and "before the start date" in response.content.decode()
    response = client.post(url, {"title": "HPLC", "practor": practor.pk, "partners": [partner_a.pk], "plan": "Meten",
                                 "start": "2025-03-01", "end": "2025-09-01"})
    made = ResearchProject.objects.get()
    assert response.url == reverse("research:project", args=[centre.slug, made.pk])


def test_a_decided_question_sends_the_decision_pages_back(centre, partner_a, partner_a_contact, practor):
    asked = question(partner_a, partner_a_contact, status=Status.DECLINED)
    response = client_for(practor).get(reverse("research:question_park", args=[centre.slug, asked.pk]))
    assert response.status_code == 302


def test_the_partner_answers_and_the_practor_is_told(
        centre, partner_a, partner_a_contact, practor, django_capture_on_commit_callbacks):
    asked = question(partner_a, partner_a_contact, status=Status.INTAKE)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(partner_a_contact).post(
            reverse("research:question_message", args=[centre.slug, asked.pk]), {"text": "Een C18-kolom."})
    assert response.status_code == 302
    assert asked.messages.get().author == partner_a_contact
    assert [message.to for message in mail.outbox] == [[practor.email]]


def test_no_messages_on_a_decided_question(partner_a, partner_a_contact):
    asked = question(partner_a, partner_a_contact, status=Status.DECLINED)
    with pytest.raises(ResearchError, match="closed"):
        services.post_message(question=asked, actor=partner_a_contact, text="Nog een vraag")


def test_partner_b_gets_404_on_a_question_of_partner_a(centre, new_question, partner_b_contact):
    client = client_for(partner_b_contact)
    assert client.get(reverse("research:question", args=[centre.slug, new_question.pk])).status_code == 404
    response = client.post(reverse("research:question_message", args=[centre.slug, new_question.pk]),
                           {"text": "Hallo"})
    assert response.status_code == 404 and not QuestionMessage.objects.exists()


def test_a_partners_list_shows_only_its_own_questions(centre, partner_a, partner_b, partner_a_contact,
                                                      partner_b_contact):
    question(partner_a, partner_a_contact, title="Vraag van A")
    question(partner_b, partner_b_contact, title="Vraag van B")
    page = client_for(partner_a_contact).get(reverse("research:questions", args=[centre.slug])).content.decode()
    assert "Vraag van A" in page and "Vraag van B" not in page


def test_the_practors_list_filters_by_status_and_counts_per_status(centre, partner_a, partner_b, partner_a_contact,
                                                                   partner_b_contact, practor):
    question(partner_a, partner_a_contact, title="Nieuwe vraag")
    question(partner_b, partner_b_contact, title="Geparkeerde vraag", status=Status.PARKED)
    question(partner_b, partner_b_contact, title="Tweede nieuwe", status=Status.NEW)
    client = client_for(practor)
    response = client.get(reverse("research:questions", args=[centre.slug]), {"status": "parked"})
    page = response.content.decode()
    assert "Geparkeerde vraag" in page and "Nieuwe vraag" not in page
    counts = {item.value: item.count for item in response.context["counts"]}
    assert counts == {"new": 2, "intake": 0, "accepted": 0, "declined": 0, "parked": 1}


def test_the_practors_list_puts_the_new_questions_on_top_newest_first(centre, partner_a, partner_a_contact, practor):
    now = timezone.now()
    question(partner_a, partner_a_contact, title="Oude nieuwe", submitted_at=now - datetime.timedelta(days=30))
    question(partner_a, partner_a_contact, title="In intake, net binnen", status=Status.INTAKE, submitted_at=now)
    question(partner_a, partner_a_contact, title="Verse nieuwe", submitted_at=now - datetime.timedelta(days=1))
    response = client_for(practor).get(reverse("research:questions", args=[centre.slug]))
    assert [item.title for item in response.context["questions"]] == [
        "Verse nieuwe", "Oude nieuwe", "In intake, net binnen"]


def test_an_unknown_status_filter_shows_everything(centre, new_question, practor):
    response = client_for(practor).get(reverse("research:questions", args=[centre.slug]), {"status": "nonsense"})
    assert response.status_code == 200 and new_question.title in response.content.decode()


def test_the_list_and_the_question_take_constant_queries(centre, partner_a, partner_b, partner_a_contact,
                                                         partner_b_contact, practor):
    def add(n):
        for index in range(n):
            asked = question(partner_a if index % 2 else partner_b,
                             partner_a_contact if index % 2 else partner_b_contact, title=f"Vraag {index}")
            QuestionMessage.objects.create(question=asked, author=practor, text="Vraag terug")

    client = client_for(practor)
    add(2)
    first = count_queries(client, reverse("research:questions", args=[centre.slug]))
    asked = ResearchQuestion.objects.first()
    detail_first = count_queries(client, reverse("research:question", args=[centre.slug, asked.pk]))
    add(4)
    for _ in range(4):
        QuestionMessage.objects.create(question=asked, author=partner_a_contact, text="Antwoord")
    assert count_queries(client, reverse("research:questions", args=[centre.slug])) == first
    assert count_queries(client, reverse("research:question", args=[centre.slug, asked.pk])) == detail_first
