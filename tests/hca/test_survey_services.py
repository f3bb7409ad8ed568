"""Saving a partner's answer with its skill ratings: replaced as a whole, checked, audited, nothing for no change."""

from decimal import Decimal

import pytest

from civhub.core.models import AuditEvent
from civhub.hca.errors import HcaError
from civhub.hca.models import SkillRating, WorkforceAnswer
from civhub.hca.services.survey import save_answer
from tests.hca.survey_support import figures, make_occupations, make_round, make_skills

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


@pytest.fixture
def setting(centre, programme_manager):
    return make_round(centre, programme_manager), make_occupations(centre, "laborant")[0], make_skills(
        centre, "Pipetteren", "GMP", "Rapporteren")


def ratings_of(answer):
    return {rating.skill.name: (rating.importance_now, rating.importance_later)
            for rating in SkillRating.objects.filter(answer=answer).select_related("skill")}


def test_ratings_are_stored_and_replaced_as_a_whole_in_one_audited_event(setting, partner_a, partner_a_contact):
    survey, laborant, (pipet, gmp, report) = setting

    answer = save_answer(actor=partner_a_contact, survey_round=survey, partnership=partner_a, occupation=laborant,
                         figures=figures(), ratings={pipet.pk: (3, 4), gmp.pk: (5, 5)})
    assert ratings_of(answer) == {"Pipetteren": (3, 4), "GMP": (5, 5)}
    save_answer(actor=partner_a_contact, survey_round=survey, partnership=partner_a, occupation=laborant,
                figures=figures(), ratings={pipet.pk: (2, 4), report.pk: (1, 3)})

    assert ratings_of(answer) == {"Pipetteren": (2, 4), "Rapporteren": (1, 3)}
    events = AuditEvent.objects.filter(target_type="hca.workforceanswer", target_id=str(answer.pk)).order_by("pk")
    assert [event.action for event in events] == ["workforce_answer_saved", "workforce_answer_changed"]
    assert events.last().changes["ratings"] == {"Pipetteren": "2/4", "Rapporteren": "1/3"}


def test_saving_the_same_answer_again_writes_nothing(setting, partner_a, partner_a_contact, programme_manager):
    survey, laborant, (pipet, *_rest) = setting
    first = save_answer(actor=partner_a_contact, survey_round=survey, partnership=partner_a, occupation=laborant,
                        figures=figures(), ratings={pipet.pk: (3, 4)})

    again = save_answer(actor=programme_manager, survey_round=survey, partnership=partner_a, occupation=laborant,
                        figures=figures(fte=Decimal("8.50")), ratings={pipet.pk: (3, 4)})

    assert again.updated_by == partner_a_contact and again.updated_at == first.updated_at
    assert AuditEvent.objects.filter(target_type="hca.workforceanswer").count() == 1


def test_no_ratings_given_keeps_the_stored_ones_and_an_empty_dict_removes_them(setting, partner_a, partner_a_contact):
    survey, laborant, (pipet, *_rest) = setting
    answer = save_answer(actor=partner_a_contact, survey_round=survey, partnership=partner_a, occupation=laborant,
                         figures=figures(), ratings={pipet.pk: (3, 4)})

    save_answer(actor=partner_a_contact, survey_round=survey, partnership=partner_a, occupation=laborant,
                figures=figures(expected_headcount=14))
    assert ratings_of(answer) == {"Pipetteren": (3, 4)}
    save_answer(actor=partner_a_contact, survey_round=survey, partnership=partner_a, occupation=laborant,
                figures=figures(expected_headcount=14), ratings={})
    assert ratings_of(answer) == {}


@pytest.mark.parametrize("pair", [(0, 3), (3, 6), (3,)])
def test_a_rating_outside_1_to_5_is_refused_and_nothing_is_written(setting, partner_a, partner_a_contact, pair):
    survey, laborant, (pipet, *_rest) = setting
    with pytest.raises(HcaError, match="Rate Pipetteren from 1 to 5") as raised:
        save_answer(actor=partner_a_contact, survey_round=survey, partnership=partner_a, occupation=laborant,
                    figures=figures(), ratings={pipet.pk: pair})
    assert raised.value.field == f"skill_{pipet.pk}"
    assert not WorkforceAnswer.objects.exists()


def test_another_centres_skill_is_refused(setting, partner_a, partner_a_contact, other_centre):
    survey, laborant, _skills = setting
    elsewhere = make_skills(other_centre, "Pipetteren")[0]
    with pytest.raises(HcaError, match="not one of the centre's"):
        save_answer(actor=partner_a_contact, survey_round=survey, partnership=partner_a, occupation=laborant,
                    figures=figures(), ratings={elsewhere.pk: (3, 3)})


def test_fte_takes_at_most_one_decimal(setting, partner_a, partner_a_contact):
    survey, laborant, _skills = setting
    with pytest.raises(HcaError, match="at most 1 decimal") as raised:
        save_answer(actor=partner_a_contact, survey_round=survey, partnership=partner_a, occupation=laborant,
                    figures=figures(fte=Decimal("8.25")))
    assert raised.value.field == "fte"
