"""The application's services: who may write, what is audited in whose name, and that only a draft changes."""

from datetime import date
from decimal import Decimal as D

import pytest

from civhub.applications.errors import ApplicationError
from civhub.applications.models import (
    Application,
    ApplicationPart,
    BudgetCategory,
    BudgetLine,
    BudgetSide,
    ContinuationLine,
    ContributionForm,
    IncomeSource,
    PartKind,
)
from civhub.applications.services.applications import ApplicationData, create_application, update_application
from civhub.applications.services.budget import LineData, add_line, delete_line, line_problems, update_line
from civhub.applications.services.continuation import (
    ContinuationData,
    add_continuation_line,
    delete_continuation_line,
)
from civhub.applications.services.parts import add_comment, update_part
from civhub.core.models import AuditEvent
from tests.applications.support import application, cost, forecast, regulation, subsidy

pytestmark = pytest.mark.django_db


def hours(partnership, *, year=2022, volume="500", price="73.00", **fields) -> LineData:
    return LineData(side=BudgetSide.INCOME, year=year, description="Analist, 500 uur", volume=D(volume),
                    price=D(price), source=IncomeSource.PARTNER, partnership=partnership,
                    form=ContributionForm.IN_KIND, category=BudgetCategory.HOURS, **fields)


def events(action):
    return list(AuditEvent.objects.filter(action=action))


# The application -------------------------------------------------------------------------------------------


def test_the_office_starts_an_application_with_the_five_parts_to_do(centre, programme_manager):
    made = create_application(centre=centre, actor=programme_manager, data=ApplicationData(
        regulation=regulation(), title=" RIF-aanvraag 2021 ", planned_start=date(2022, 1, 1),
        planned_end=date(2025, 12, 31), due_on=date(2021, 6, 30)))
    assert (made.title, made.status, made.created_by) == ("RIF-aanvraag 2021", Application.Status.DRAFT,
                                                          programme_manager)
    assert [part.kind for part in made.parts.order_by("position")] == list(PartKind)
    assert made.parts.first().history.get().history_user == programme_manager
    assert set(made.parts.values_list("status", flat=True)) == {ApplicationPart.Status.TODO}
    [event] = events("application_created")
    assert (event.actor, event.centre, event.target_id) == (programme_manager, centre, str(made.pk))


def test_a_steering_member_cannot_start_an_application(centre, steering_member):
    with pytest.raises(ApplicationError, match="Only the programme office"):
        create_application(centre=centre, actor=steering_member, data=ApplicationData(
            regulation=regulation(), title="X", planned_start=date(2022, 1, 1), planned_end=date(2025, 12, 31)))
    assert not Application.objects.exists()


def test_the_period_cannot_shrink_past_the_budgets_lines(centre, finance_controller):
    made = application(centre)
    subsidy(made, 2025, "250000.00")
    data = ApplicationData(regulation=made.regulation, title=made.title, planned_start=date(2022, 1, 1),
                           planned_end=date(2024, 12, 31))
    with pytest.raises(ApplicationError, match="lines in 2025, outside the new period") as refused:
        update_application(application=made, actor=finance_controller, data=data)
    assert refused.value.field == "planned_start"
    made.refresh_from_db()
    assert made.planned_end == date(2025, 12, 31)


def test_changing_the_application_is_audited_with_what_changed(centre, centre_admin):
    made = application(centre)
    update_application(application=made, actor=centre_admin, data=ApplicationData(
        regulation=made.regulation, title="RIF-aanvraag opschaling", planned_start=made.planned_start,
        planned_end=made.planned_end))
    [event] = events("application_changed")
    assert event.actor == centre_admin
    assert event.changes == {"title": ["RIF-aanvraag 2021", "RIF-aanvraag opschaling"]}


# Parts and comments ------------------------------------------------------------------------------------------


def test_a_part_is_written_by_its_owner_and_every_draft_is_kept(centre, programme_manager, finance_controller):
    part = application(centre).parts.get(kind=PartKind.PLAN_OF_APPROACH)
    update_part(part=part, actor=programme_manager, draft="Eerste versie.", status="draft", owner=finance_controller)
    update_part(part=part, actor=finance_controller, draft="Tweede versie.", status="review",
                owner=finance_controller)
    part.refresh_from_db()
    assert (part.draft, part.status, part.owner, part.updated_by) == ("Tweede versie.", "review", finance_controller,
                                                                      finance_controller)
    assert [version.draft for version in part.history.order_by("history_date")] == ["", "Eerste versie.",
                                                                                     "Tweede versie."]
    first, second = sorted(events("application_part_changed"), key=lambda event: event.pk)
    assert first.changes == {"draft_characters": [0, 14], "status": ["todo", "draft"],
                             "owner": ["", str(finance_controller)]}
    assert second.actor == finance_controller and second.changes == {"draft_characters": [14, 14],
                                                                     "status": ["draft", "review"]}


def test_the_owner_is_someone_of_the_programme_office(centre, programme_manager, steering_member):
    part = application(centre).parts.first()
    with pytest.raises(ApplicationError, match="programme office as the owner"):
        update_part(part=part, actor=programme_manager, draft="", status="todo", owner=steering_member)


def test_a_comment_is_kept_in_its_authors_name(centre, programme_manager):
    part = application(centre).parts.first()
    comment = add_comment(part=part, actor=programme_manager, text="  Graag de cijfers van 2024 erbij.  ")
    assert (comment.author, comment.text) == (programme_manager, "Graag de cijfers van 2024 erbij.")
    assert events("application_part_commented")[0].actor == programme_manager
    with pytest.raises(ApplicationError, match="Write a comment"):
        add_comment(part=part, actor=programme_manager, text="   ")


# Budget lines ------------------------------------------------------------------------------------------------


def test_a_line_is_volume_times_price_and_audited_in_the_actors_name(centre, partner_a, finance_controller):
    made = application(centre)
    line = add_line(application=made, actor=finance_controller, data=hours(partner_a))
    assert line.amount == D("36500.00")
    [event] = events("application_budget_line_added")
    assert (event.actor, event.target_id, event.changes["amount"]) == (finance_controller, str(line.pk), "36500.00")


def test_staff_hours_at_another_price_than_the_rounds_rate_are_refused(centre, partner_a, programme_manager):
    made = application(centre)
    with pytest.raises(ApplicationError, match=r"valued at the round's rate of EUR 73.00 an hour, not at EUR 80.00")\
            as refused:
        add_line(application=made, actor=programme_manager, data=hours(partner_a, price="80.00"))
    assert refused.value.field == "price"
    assert not BudgetLine.objects.exists()


def test_under_a_round_without_a_fixed_rate_hours_take_the_partners_price(centre, partner_a, programme_manager):
    made = application(centre, regulation=regulation(code="rate-cards", fixed_hourly_rate=None))
    assert add_line(application=made, actor=programme_manager, data=hours(partner_a, price="85.00")).amount == \
        D("42500.00")


def test_line_problems_name_every_field_that_is_wrong(centre, other_partner):
    made = application(centre)
    data = LineData(side=BudgetSide.INCOME, year=2030, description="", volume=D("0"), price=D("-1"),
                    source=IncomeSource.PARTNER, partnership=other_partner, form=ContributionForm.CASH,
                    category=BudgetCategory.HOURS)
    assert [field for field, _message in line_problems(made, data)] == [
        "year", "description", "volume", "price", "source", "category"]


@pytest.mark.parametrize(("data", "field", "message"), [
    (dict(side=BudgetSide.INCOME, source=IncomeSource.SUBSIDY, form=ContributionForm.IN_KIND), "form",
     "The subsidy is paid in cash."),
    (dict(side=BudgetSide.INCOME, source=IncomeSource.SUBSIDY, form=ContributionForm.CASH,
          category=BudgetCategory.LAB), "category", "Leave the category empty for the subsidy"),
    (dict(side=BudgetSide.COST, category=BudgetCategory.BPV), "category", "Choose what the cost is"),
    (dict(side=BudgetSide.COST, category=BudgetCategory.OTHER, source=IncomeSource.SUBSIDY), "source",
     "A cost names no source"),
    (dict(side=BudgetSide.INCOME, source=IncomeSource.PARTNER), "source", "Say who pays"),
])
def test_what_a_line_may_be(centre, data, field, message):
    line = LineData(year=2022, description="Regel", volume=D("1"), price=D("1000.00"), **data)
    [(found, text)] = line_problems(application(centre), line)
    assert found == field and text.startswith(message)


def test_changing_and_removing_a_line_are_audited(centre, partner_a, programme_manager):
    made = application(centre)
    line = add_line(application=made, actor=programme_manager, data=hours(partner_a))
    update_line(line=line, actor=programme_manager, data=hours(partner_a, volume="400"))
    [changed] = events("application_budget_line_changed")
    assert changed.changes == {"volume": ["500.00", "400"], "amount": ["36500.00", "29200.00"]}
    delete_line(line=line, actor=programme_manager)
    assert not BudgetLine.objects.exists()
    [removed] = events("application_budget_line_removed")
    assert (removed.actor, removed.changes["amount"], removed.changes["partner"]) == (programme_manager, "29200.00",
                                                                                      partner_a.pk)


def test_only_a_draft_changes(centre, partner_a, programme_manager):
    made = application(centre, status=Application.Status.SUBMITTED)
    line = subsidy(made, 2022, "300000.00")
    kept = forecast(made, 2026, "1000.00")
    refusals = [
        lambda: add_line(application=made, actor=programme_manager, data=hours(partner_a)),
        lambda: update_line(line=line, actor=programme_manager, data=hours(partner_a)),
        lambda: delete_line(line=line, actor=programme_manager),
        lambda: update_part(part=made.parts.first(), actor=programme_manager, draft="x", status="done"),
        lambda: add_comment(part=made.parts.first(), actor=programme_manager, text="x"),
        lambda: add_continuation_line(application=made, actor=programme_manager, data=ContinuationData(
            2027, BudgetSide.INCOME, "Cursusgelden", D("1000.00"))),
        lambda: delete_continuation_line(line=kept, actor=programme_manager),
        lambda: update_application(application=made, actor=programme_manager, data=ApplicationData(
            regulation=made.regulation, title="Nieuw", planned_start=made.planned_start,
            planned_end=made.planned_end)),
    ]
    for refuse in refusals:
        with pytest.raises(ApplicationError, match="This application is submitted: only a draft can be changed."):
            refuse()
    assert list(BudgetLine.objects.values_list("amount", flat=True)) == [D("300000.00")]
    assert ContinuationLine.objects.count() == 1 and not made.parts.exclude(draft="").exists()
    assert not AuditEvent.objects.exists()


# The years after the subsidy ------------------------------------------------------------------------------


def test_a_continuation_line_lies_after_the_subsidy(centre, partner_a, programme_manager):
    made = application(centre)
    with pytest.raises(ApplicationError, match="Choose a year after the subsidy: 2026 to 2035"):
        add_continuation_line(application=made, actor=programme_manager,
                              data=ContinuationData(2025, BudgetSide.INCOME, "Cursusgelden", D("1000.00")))
    with pytest.raises(ApplicationError, match="A cost names no partner"):
        add_continuation_line(application=made, actor=programme_manager,
                              data=ContinuationData(2026, BudgetSide.COST, "Personeel", D("1000.00"), partner_a))
    line = add_continuation_line(application=made, actor=programme_manager,
                                 data=ContinuationData(2026, BudgetSide.INCOME, "Bijdrage", D("25000.00"), partner_a))
    assert line.partnership == partner_a
    assert events("continuation_line_added")[0].actor == programme_manager


def test_a_cost_line_keeps_its_category(centre, programme_manager):
    made = application(centre)
    line = cost(made, 2023, "1400", "73.00", category=BudgetCategory.HOURS)
    assert line.amount == D("102200.00")
