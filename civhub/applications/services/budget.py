"""Writing an application's budget: adding, changing and removing its lines, each volume × price.

`line_problems` names everything wrong with a line, field by field: the line form shows them, the
import (budget_file.py) reports them per row and column, and the services refuse the first. What a
line may be (models.BudgetLine): income from the subsidy (money) or from a partner (cash, or in kind
with its category), or a cost with its category. Staff hours are priced at the round's fixed hourly
rate when it has one. A line's year lies in the application's planned period.
"""

from dataclasses import dataclass, fields
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from civhub.applications.budget_rules import line_amount
from civhub.applications.errors import ApplicationError
from civhub.applications.models import (
    CASH_CATEGORIES,
    COST_CATEGORIES,
    IN_KIND_CATEGORIES,
    Application,
    BudgetCategory,
    BudgetLine,
    BudgetSide,
    ContributionForm,
    IncomeSource,
)
from civhub.applications.services.applications import ensure_editor, locked_draft
from civhub.core.audit import field_changes, record_event
from civhub.core.formatting import format_eur

MAX_VOLUME = Decimal("1000000")
MAX_PRICE = Decimal("10000000")
MAX_AMOUNT = Decimal("100000000")
DESCRIPTION_LENGTH = BudgetLine._meta.get_field("description").max_length
UNIT_LENGTH = BudgetLine._meta.get_field("unit").max_length


@dataclass
class LineData:
    """What a budget line says; `partnership` for a partner's income, `programme_line` optional."""

    side: str
    year: int
    description: str
    volume: Decimal
    price: Decimal
    unit: str = ""
    source: str = ""
    partnership: object = None
    form: str = ""
    category: str = ""
    programme_line: object = None

    @property
    def amount(self) -> Decimal:
        return line_amount(self.volume, self.price)

    def fields(self) -> dict:
        """The model's fields for this line, the amount computed."""
        values = {field.name: getattr(self, field.name) for field in fields(self)}
        return {**values, "description": self.description.strip(), "unit": self.unit.strip(), "amount": self.amount}


def line_problems(application: Application, data: LineData) -> list[tuple[str, str]]:
    """(field, message) for everything wrong with the line; empty when it may be saved."""
    problems = [*_year(application, data), *_text(data), *_numbers(data), *_kind(application, data)]
    rate = application.regulation.fixed_hourly_rate
    priced = all(field != "price" for field, _message in problems)
    if data.category == BudgetCategory.HOURS and rate is not None and priced and data.price != rate:
        problems.append(("price", _("Staff hours are valued at the round's rate of %(rate)s an hour, not at "
                                    "%(price)s.") % {"rate": format_eur(rate), "price": format_eur(data.price)}))
    if data.programme_line is not None and data.programme_line.centre_id != application.centre_id:
        problems.append(("programme_line", _("Choose one of the centre's programme lines.")))
    return problems


def _year(application, data):
    years = application.years
    if data.year not in years:
        yield "year", _("%(year)s lies outside the application's period (%(first)s–%(last)s).") % {
            "year": data.year, "first": years[0], "last": years[-1]}


def _text(data):
    if not 1 <= len(data.description.strip()) <= DESCRIPTION_LENGTH:
        yield "description", _("Give a description of 1 to %(count)s characters.") % {"count": DESCRIPTION_LENGTH}
    if len(data.unit.strip()) > UNIT_LENGTH:
        yield "unit", _("A unit has at most %(count)s characters.") % {"count": UNIT_LENGTH}


def _numbers(data):
    if not Decimal("0") < data.volume <= MAX_VOLUME:
        yield "volume", _("The volume is more than 0 and at most 1,000,000.")
    if not Decimal("0") < data.price <= MAX_PRICE:
        yield "price", _("The price is more than EUR 0 and at most EUR 10,000,000.")
    elif Decimal("0") < data.volume and data.amount > MAX_AMOUNT:
        yield "volume", _("Volume × price is %(amount)s: a line is at most EUR 100,000,000.") % {
            "amount": format_eur(data.amount)}


def _kind(application, data):
    """What the side, source, form and category say together."""
    if data.side == BudgetSide.COST:
        if data.source or data.partnership is not None or data.form:
            yield "source", _("A cost names no source: income says who pays.")
        if data.category not in COST_CATEGORIES:
            yield "category", _("Choose what the cost is: staff hours, lab and equipment, materials, overhead or "
                                "other.")
    elif data.side == BudgetSide.INCOME:
        yield from _income(application, data)
    else:
        yield "side", _("Say whether the line is income or a cost.")


def _income(application, data):
    if data.source == IncomeSource.SUBSIDY:
        if data.form != ContributionForm.CASH:
            yield "form", _("The subsidy is paid in cash.")
        if data.category:
            yield "category", _("Leave the category empty for the subsidy: the costs say what it pays for.")
        return
    if data.source != IncomeSource.PARTNER or data.partnership is None:
        yield "source", _("Say who pays: the subsidy or one of the centre's partners.")
        return
    if data.partnership.centre_id != application.centre_id:
        yield "source", _("Choose one of the centre's partners.")
    if data.form == ContributionForm.CASH and data.category not in CASH_CATEGORIES:
        yield "category", _("A partner's cash has no category, unless it is a placement allowance (BPV).")
    elif data.form == ContributionForm.IN_KIND and data.category not in IN_KIND_CATEGORIES:
        yield "category", _("Say what the partner brings in kind: staff hours, lab and equipment, materials, "
                            "other, or BPV.")
    elif data.form not in ContributionForm.values:
        yield "form", _("Say whether the partner pays in cash or in kind.")


def _refuse_if_wrong(application, data: LineData) -> None:
    problems = line_problems(application, data)
    if problems:
        field, message = problems[0]
        raise ApplicationError(message, field=field)


def _audited(line: BudgetLine) -> dict:
    return {"year": line.year, "side": line.side, "source": line.source, "partner": line.partnership_id,
            "form": line.form, "category": line.category, "volume": str(line.volume), "price": str(line.price),
            "amount": str(line.amount)}


def add_line(*, application: Application, actor, data: LineData) -> BudgetLine:
    ensure_editor(actor, application.centre)
    with transaction.atomic():
        application = locked_draft(application)
        _refuse_if_wrong(application, data)
        line = BudgetLine.objects.create(application=application, **data.fields())
        record_event(line, actor=actor, action="application_budget_line_added", centre=application.centre,
                     summary=line.description, changes=_audited(line))
    return line


def update_line(*, line: BudgetLine, actor, data: LineData) -> BudgetLine:
    ensure_editor(actor, line.application.centre)
    with transaction.atomic():
        application = locked_draft(line.application)
        _refuse_if_wrong(application, data)
        line = BudgetLine.objects.select_for_update().get(pk=line.pk)
        fields = data.fields()
        changes = field_changes(line, fields)
        for name, value in fields.items():
            setattr(line, name, value)
        line.save()
        record_event(line, actor=actor, action="application_budget_line_changed", centre=application.centre,
                     summary=line.description, changes=changes)
    return line


def delete_line(*, line: BudgetLine, actor) -> None:
    """Remove a line; the audit row keeps what it said."""
    ensure_editor(actor, line.application.centre)
    with transaction.atomic():
        application = locked_draft(line.application)
        line = BudgetLine.objects.select_for_update().get(pk=line.pk)
        record_event(line, actor=actor, action="application_budget_line_removed", centre=application.centre,
                     summary=line.description, changes=_audited(line))
        line.delete()
