"""Builders for the applications tests: an application under a round, its budget lines and forecast, written
directly (the services are tested on their own)."""

from datetime import date
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from civhub.applications.budget_rules import line_amount
from civhub.applications.models import (
    Application,
    ApplicationPart,
    BudgetCategory,
    BudgetLine,
    BudgetSide,
    Commitment,
    ContinuationLine,
    ContributionForm,
    IncomeSource,
    PartKind,
)
from civhub.applications.selectors.commitments import canonical_table, pledge_table
from civhub.applications.services.submission import submit_application
from civhub.core.models import Regulation
from civhub.partners.models import AgreementSignature, AgreementVersion, Partnership

RATE = Decimal("73.00")


def regulation(**fields) -> Regulation:
    """A round with the 2014 rules: EUR 73 an hour, thirds, a subsidy of EUR 200,000 to EUR 2,000,000."""
    defaults = {"name": "RIF test", "fixed_hourly_rate": RATE, "subsidy_share_max": "1/3",
                "employer_share_min": "1/3", "employer_share_max": "2/3", "other_share_max": "1/3",
                "subsidy_minimum": Decimal("200000.00"), "subsidy_maximum": Decimal("2000000.00")}
    found, _created = Regulation.objects.update_or_create(code=fields.pop("code", "rif-test"),
                                                          defaults={**defaults, **fields})
    return found


def application(centre, *, status=Application.Status.DRAFT, start=date(2022, 1, 1), end=date(2025, 12, 31),
                **fields) -> Application:
    """A draft application for 2022–2025 with its five parts to do."""
    made = Application.objects.create(centre=centre, regulation=fields.pop("regulation", None) or regulation(),
                                      title=fields.pop("title", "RIF-aanvraag 2021"), planned_start=start,
                                      planned_end=end, status=status, **fields)
    bulk_create_with_history([ApplicationPart(application=made, kind=kind, position=position)
                              for position, kind in enumerate(PartKind, start=1)], ApplicationPart)
    return made


def _line(application, side, year, volume, price, **fields) -> BudgetLine:
    volume, price = Decimal(str(volume)), Decimal(str(price))
    return BudgetLine.objects.create(application=application, side=side, year=year, volume=volume, price=price,
                                     amount=line_amount(volume, price),
                                     description=fields.pop("description", "Regel"), **fields)


def subsidy(application, year, amount, **fields) -> BudgetLine:
    return _line(application, BudgetSide.INCOME, year, 1, amount, source=IncomeSource.SUBSIDY,
                 form=ContributionForm.CASH, **fields)


def partner_cash(application, partnership, year, amount, **fields) -> BudgetLine:
    return _line(application, BudgetSide.INCOME, year, 1, amount, source=IncomeSource.PARTNER,
                 partnership=partnership, form=ContributionForm.CASH, **fields)


def partner_hours(application, partnership, year, hours, price=RATE, **fields) -> BudgetLine:
    return _line(application, BudgetSide.INCOME, year, hours, price, source=IncomeSource.PARTNER,
                 partnership=partnership, form=ContributionForm.IN_KIND, category=BudgetCategory.HOURS, **fields)


def partner_in_kind(application, partnership, year, amount, category=BudgetCategory.LAB, **fields) -> BudgetLine:
    return _line(application, BudgetSide.INCOME, year, 1, amount, source=IncomeSource.PARTNER,
                 partnership=partnership, form=ContributionForm.IN_KIND, category=category, **fields)


def cost(application, year, volume, price, category=BudgetCategory.OTHER, **fields) -> BudgetLine:
    return _line(application, BudgetSide.COST, year, volume, price, category=category, **fields)


def forecast(application, year, amount, side=BudgetSide.INCOME, **fields) -> ContinuationLine:
    return ContinuationLine.objects.create(application=application, year=year, side=side, amount=Decimal(str(amount)),
                                           description=fields.pop("description", "Cursusgelden"), **fields)


def balanced_budget(application, employer, government, lead=None):
    """A budget that keeps every rule (EUR 900,000.00: 300,000 subsidy, 450,000 employers, 150,000 government),
    spent on costs, with a continuation forecast for 2026–2029."""
    subsidy(application, 2022, "300000.00")
    partner_in_kind(application, employer, 2022, "450000.00")
    partner_cash(application, government, 2023, "150000.00")
    cost(application, 2022, 1, "450000.00")
    if lead is not None:
        partner_hours(application, lead, 2022, 100)
    for year in range(2026, 2030):
        forecast(application, year, "10000.00")
        forecast(application, year, "8000.00", side=BudgetSide.COST)


def confirmed(application, partnership) -> Commitment:
    """The partner's confirmation of its pledge table as it stands now (written directly)."""
    table = pledge_table(application, partnership)
    return Commitment.objects.create(application=application, partnership=partnership,
                                     answer=Commitment.Answer.CONFIRMED, table_hash=table.hash,
                                     table_text=canonical_table(table.lines), signer_name="Anna de Vries")


def signed_by_all(centre, dated=date(2021, 6, 1)) -> AgreementVersion:
    """A version of the cooperation agreement signed by every active partner (written directly)."""
    version = AgreementVersion.objects.create(centre=centre, number=1, dated=dated)
    AgreementSignature.objects.bulk_create([
        AgreementSignature(version=version, partnership=partner, way=AgreementSignature.Way.SCAN,
                           signed_by_name="Directeur", signed_on=dated)
        for partner in Partnership.objects.filter(centre=centre, status=Partnership.Status.ACTIVE)])
    return version
def ready(made, employer, government, lead=None):
    """A balanced budget (see balanced_budget), every part done, both counted partners' confirmations and the agreement
    signed by all: ready to submit."""
    balanced_budget(made, employer, government, lead=lead)
    made.parts.update(status=ApplicationPart.Status.DONE, draft="Onze regionale visie en aanpak.")
    confirmed(made, employer)
    confirmed(made, government)
    signed_by_all(made.centre)
    return made


def submitted_with(centre, employer, government, actor, build):
    """A submitted application with the budget `build` writes, every part done, both partners confirmed."""
    made = application(centre, regulation=regulation(report_due_months=[13, 25, 37]))
    build(made)
    for year in range(2026, 2030):
        forecast(made, year, "10000.00")
        forecast(made, year, "8000.00", side=BudgetSide.COST)
    made.parts.update(status=ApplicationPart.Status.DONE, draft="Onze regionale visie en aanpak.")
    confirmed(made, employer)
    confirmed(made, government)
    signed_by_all(centre)
    submit_application(application=made, actor=actor)
    made.refresh_from_db()
    return made
