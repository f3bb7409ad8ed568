"""The governance services: numbering, refusals, frozen minutes and corrections, reminders sent once."""

import dataclasses
import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from civhub.governance.errors import GovernanceError
from civhub.governance.models import Action, Decision, Meeting
from civhub.governance.services import meetings as meeting_services
from civhub.governance.services import outcomes
from civhub.governance.services.reminders import send_overdue_reminders
from civhub.governance.services.steering import SeatData, add_seat, end_seat
from tests.concurrency import POSTGRES_ONLY, at_once
from tests.governance.support import action, at, in_two_weeks, meeting

pytestmark = pytest.mark.django_db


def test_decisions_are_numbered_per_centre_and_year(centre, other_centre, programme_manager, other_centre_manager):
    first = meeting(centre, starts=at(2025, 3, 12))
    numbers = [outcomes.record_decision(meeting=first, actor=programme_manager, text=f"Besluit {n}").number
               for n in range(3)]
    assert numbers == ["SG-2025-01", "SG-2025-02", "SG-2025-03"]
    next_year = meeting(centre, starts=at(2026, 3, 11))
    assert outcomes.record_decision(meeting=next_year, actor=programme_manager, text="Nieuw jaar").number == \
        "SG-2026-01"
    elsewhere = meeting(other_centre, starts=at(2025, 3, 12))
    assert outcomes.record_decision(meeting=elsewhere, actor=other_centre_manager, text="Elders").number == \
        "SG-2025-01"


def test_a_decision_needs_a_published_agenda(centre, programme_manager):
    draft = meeting(centre, status=Meeting.Status.DRAFT)
    with pytest.raises(GovernanceError, match="A decision can only be recorded for a published agenda"):
        outcomes.record_decision(meeting=draft, actor=programme_manager, text="Te vroeg")
    assert not Decision.objects.exists()


def test_a_decision_on_a_meeting_still_to_come_is_refused_and_the_meeting_stays_unheld(centre, programme_manager):
    coming = meeting(centre, starts=in_two_weeks())
    with pytest.raises(GovernanceError, match="has not taken place yet"):
        outcomes.record_decision(meeting=coming, actor=programme_manager, text="Te vroeg")
    outcomes.record_action(meeting=coming, actor=programme_manager, what="Zaal boeken", owner=programme_manager,
                           due_date=timezone.localdate() + timedelta(days=20))
    coming.refresh_from_db()
    assert coming.status == Meeting.Status.AGENDA_PUBLISHED and not Decision.objects.exists()


def test_a_proposed_decision_is_prepared_before_the_meeting(centre, programme_manager):
    coming = meeting(centre, starts=in_two_weeks(), items=0)
    item = meeting_services.add_item(meeting=coming, actor=programme_manager, data=meeting_services.ItemData(
        title="Begroting", purpose="decision", proposal=" De stuurgroep stelt de begroting vast. "))
    assert item.proposal == "De stuurgroep stelt de begroting vast."


def test_only_the_office_records(centre, steering_member):
    with pytest.raises(GovernanceError, match="Only the programme office"):
        outcomes.record_decision(meeting=meeting(centre), actor=steering_member, text="Niet van mij")


def test_an_action_due_before_the_meeting_is_refused(centre, programme_manager, steering_member):
    held = meeting(centre, starts=at(2026, 3, 12))
    with pytest.raises(GovernanceError, match="The due date lies before the meeting") as refused:
        outcomes.record_action(meeting=held, actor=programme_manager, what="Offerte", owner=steering_member,
                               due_date=date(2026, 3, 11))
    assert refused.value.field == "due_date"
    made = outcomes.record_action(meeting=held, actor=programme_manager, what="Offerte", owner=steering_member,
                                  due_date=date(2026, 3, 12))
    assert made.status == Action.Status.OPEN
    held.refresh_from_db()
    assert held.status == Meeting.Status.HELD


def test_published_minutes_are_frozen_and_a_correction_is_a_new_version(centre, programme_manager):
    held = meeting(centre)
    first, second = held.items.order_by("position")
    outcomes.record_minutes(meeting=held, actor=programme_manager, texts={first.pk: "Begroting besproken."})
    version = outcomes.publish_minutes(meeting=held, actor=programme_manager)
    assert version.number == 1 and version.published_at
    with pytest.raises(GovernanceError, match="can no longer change"):
        outcomes.record_minutes(meeting=held, actor=programme_manager, texts={first.pk: "Anders."})
    with pytest.raises(GovernanceError, match="Say why"):
        outcomes.correct_minutes(meeting=held, actor=programme_manager, texts={first.pk: "Anders."}, reason=" ")
    corrected = outcomes.correct_minutes(meeting=held, actor=programme_manager,
                                         texts={first.pk: "Begroting vastgesteld."}, reason="Verkeerd genotuleerd")
    assert corrected.number == 2 and corrected.correction_reason == "Verkeerd genotuleerd"
    assert version.entries.get(item=first).text == "Begroting besproken."  # the first version is unchanged
    assert corrected.entries.get(item=first).text == "Begroting vastgesteld."
    assert corrected.entries.get(item=second).text == ""


def test_publishing_empty_minutes_is_refused(centre, programme_manager):
    held = meeting(centre)
    with pytest.raises(GovernanceError, match="Record the minutes"):
        outcomes.publish_minutes(meeting=held, actor=programme_manager)


def test_publishing_the_agenda_mails_the_members_after_commit(centre, programme_manager, steering_member,
                                                               django_capture_on_commit_callbacks):
    draft = meeting(centre, status=Meeting.Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_services.publish_agenda(meeting=draft, actor=programme_manager)
    assert [message.to for message in mail.outbox] == [[steering_member.email]]
    with pytest.raises(GovernanceError, match="already been published"):
        meeting_services.publish_agenda(meeting=draft, actor=programme_manager)


def test_moving_a_published_meeting_tells_whoever_received_the_agenda(centre, programme_manager, steering_member,
                                                                     django_capture_on_commit_callbacks):
    held = meeting(centre, starts=at(2027, 3, 18, 14))

    def update(**changes):
        data = meeting_services.MeetingData(title=held.title, kind=held.kind, starts_at=held.starts_at,
                                            ends_at=held.ends_at, place=held.place)
        with django_capture_on_commit_callbacks(execute=True):
            meeting_services.update_meeting(meeting=held, actor=programme_manager,
                                            data=dataclasses.replace(data, **changes))

    update(title="Stuurgroep voorjaar 2027 (met begroting)")
    assert not mail.outbox  # a new title is no reason to write
    update(starts_at=at(2027, 3, 25, 14), ends_at=at(2027, 3, 25, 16))
    assert [message.to for message in mail.outbox] == [[steering_member.email]]
    assert "25 maart 2027, 14:00" in mail.outbox[0].body


def test_an_empty_agenda_is_not_published(centre, programme_manager):
    with pytest.raises(GovernanceError, match="at least one agenda item"):
        meeting_services.publish_agenda(meeting=meeting(centre, status=Meeting.Status.DRAFT, items=0),
                                        actor=programme_manager)


def test_items_are_reordered(centre, programme_manager):
    held = meeting(centre, items=3)
    first, second, third = held.items.order_by("position")
    meeting_services.move_item(item=third, actor=programme_manager, up=True)
    assert list(held.items.order_by("position").values_list("pk", flat=True)) == [first.pk, third.pk, second.pk]
    meeting_services.move_item(item=first, actor=programme_manager, up=True)  # already on top: nothing moves
    assert held.items.get(pk=first.pk).position == 1


def test_the_overdue_reminder_is_sent_once(centre, steering_member, django_capture_on_commit_callbacks):
    held = meeting(centre, starts=at(2026, 3, 12))
    overdue = action(held, steering_member, due=date(2026, 4, 1))
    action(held, steering_member, due=date(2026, 6, 1))  # not yet overdue
    action(held, steering_member, due=date(2026, 4, 1), status=Action.Status.DONE)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_overdue_reminders(today=date(2026, 5, 1)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert send_overdue_reminders(today=date(2026, 5, 2)) == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [steering_member.email]
    assert "Offerte laboratorium" in mail.outbox[0].body
    overdue.refresh_from_db()
    assert overdue.reminded_at is not None


def test_the_command_sends_reminders(centre, steering_member, django_capture_on_commit_callbacks):
    action(meeting(centre, starts=at(2025, 3, 12)), steering_member, due=date(2025, 4, 1))
    output = io.StringIO()
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_reminders", stdout=output)
    assert len(mail.outbox) == 1
    assert output.getvalue().splitlines() == ["1 reminder sent.", "0 reminders sent."]


def test_the_owner_marks_an_action_done_but_another_member_does_not(centre, steering_member, partner_a_signatory):
    open_action = action(meeting(centre), steering_member)
    with pytest.raises(GovernanceError, match="owner"):
        outcomes.mark_action_done(action=open_action, actor=partner_a_signatory)
    done = outcomes.mark_action_done(action=open_action, actor=steering_member, done_on=date(2027, 3, 20))
    assert done.status == Action.Status.DONE and done.done_on == date(2027, 3, 20)


def test_seats_end_but_stay(centre, programme_manager, partner_a):
    seat = add_seat(centre=centre, actor=programme_manager,
                    data=SeatData(role="chair", start=date(2024, 1, 1), name="A. de Vries", partnership=partner_a))
    end_seat(seat=seat, actor=programme_manager, end=date(2025, 12, 31))
    seat.refresh_from_db()
    assert seat.end == date(2025, 12, 31)
    with pytest.raises(GovernanceError, match="already ended"):
        end_seat(seat=seat, actor=programme_manager, end=date(2026, 1, 1))
    with pytest.raises(GovernanceError, match="person with a login or give a name"):
        add_seat(centre=centre, actor=programme_manager, data=SeatData(role="member", start=date(2024, 1, 1)))


@pytest.mark.django_db(transaction=True)
@POSTGRES_ONLY
def test_decisions_recorded_at_once_get_distinct_numbers(centre, programme_manager):
    held = meeting(centre, starts=at(2026, 3, 18))  # in the past: decisions are recorded on held meetings only

    def record(number):
        outcomes.record_decision(meeting=held, actor=programme_manager, text=f"Besluit {number}")

    assert at_once(record, list(range(5))) == []
    assert sorted(Decision.objects.values_list("number", flat=True)) == [f"SG-2026-0{n}" for n in range(1, 6)]
