"""The one reminder before a survey round closes: sent once, only to partners that have not answered every
occupation, in each person's language; `manage.py send_survey_reminders` says what it did."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from civhub.hca.models import SurveyRound
from civhub.hca.services.reminders import send_survey_reminders
from civhub.hca.services.survey import save_answer
from tests.factories import ContactFactory, OrganisationFactory, PartnershipFactory
from tests.hca.survey_support import figures, make_occupations, make_round, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def occupations(centre):
    return make_occupations(centre, "laborant", "analist")


@pytest.fixture
def partner_c(centre):
    """A second employer, whose one contact has no login and reads Dutch."""
    partnership = PartnershipFactory(centre=centre, short_code="partner-c",
                                     organisation=OrganisationFactory(name="Partner C BV"))
    ContactFactory(partnership=partnership, name="Cor", email="cor@example.org")
    return partnership


def answer_all(survey, partnership, actor, occupations):
    for occupation in occupations:
        save_answer(actor=actor, survey_round=survey, partnership=partnership, occupation=occupation,
                    figures=figures())


def test_only_partners_with_an_occupation_unanswered_get_it_once_in_their_language(
        centre, occupations, partner_a, partner_a_contact, partner_a_signatory, partner_b_contact, partner_c,
        programme_manager, django_capture_on_commit_callbacks):
    partner_a_signatory.preferred_language = "en"
    partner_a_signatory.save()
    survey = make_round(centre, programme_manager, closes_in=5)
    answer_all(survey, partner_a, partner_a_contact, occupations[:1])  # A answered one of two

    with django_capture_on_commit_callbacks(execute=True):
        rounds, sent = send_survey_reminders(today=today())

    assert (rounds, sent) == (1, 3)
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"partner-a.contact@example.org", "partner-a.signatory@example.org", "cor@example.org"}
    assert "closes soon" in by_address["partner-a.signatory@example.org"].subject
    assert "sluit binnenkort" in by_address["partner-a.contact@example.org"].subject
    body = by_address["partner-a.signatory@example.org"].body
    assert "- analist" in body and "- laborant" not in body and "?partner=partner-a" in body
    survey.refresh_from_db()
    assert survey.reminded_on == today()

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_survey_reminders(today=today() + timedelta(days=1)) == (0, 0)
    assert mail.outbox == []


def test_rounds_closing_later_closed_or_fully_answered_send_nothing(
        centre, occupations, partner_a, partner_a_contact, programme_manager, django_capture_on_commit_callbacks):
    later = make_round(centre, programme_manager, closes_in=8)
    closed = make_round(centre, programme_manager, closes_in=-1, reference_date=today() - timedelta(days=60))
    answered = make_round(centre, programme_manager, closes_in=3, reference_date=today() - timedelta(days=30))
    answer_all(answered, partner_a, partner_a_contact, occupations)

    with django_capture_on_commit_callbacks(execute=True):
        assert send_survey_reminders(today=today()) == (1, 0)

    assert mail.outbox == []
    assert SurveyRound.objects.get(pk=answered.pk).reminded_on == today()
    assert not SurveyRound.objects.filter(pk__in=[later.pk, closed.pk], reminded_on__isnull=False).exists()


@pytest.mark.usefixtures("english_messages")
def test_the_command_says_how_many_and_keeps_to_its_centre(centre, other_centre, occupations, partner_a,
                                                           partner_a_contact, programme_manager,
                                                           other_centre_manager, capsys,
                                                           django_capture_on_commit_callbacks):
    make_round(centre, programme_manager, closes_in=2)
    elsewhere = make_round(other_centre, other_centre_manager, closes_in=2)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_survey_reminders", "--centre", centre.slug)

    assert capsys.readouterr().out.strip() == "1 reminder e-mail sent (rounds reminded: 1)."
    assert SurveyRound.objects.get(pk=elsewhere.pk).reminded_on is None
    assert [message.to for message in mail.outbox] == [["partner-a.contact@example.org"]]
