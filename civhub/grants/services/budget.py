"""Budget versions: the finance controller revises the grant's budget and chooses which version is current.

Version 1 is the application's budget (loaded from the centre definition). A revision
starts from a base version, is saved as a new, numbered version with all its cells in one
transaction, and never changes afterwards: a mistake is corrected by another revision.
Exactly one version is current (the database enforces it); switching takes the rows'
locks so that two clicks at the same moment cannot both win.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max, Sum
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from civhub.core import public_cache
from civhub.core.audit import record_event
from civhub.core.formatting import format_eur
from civhub.core.models import Grant
from civhub.grants.errors import GrantError
from civhub.grants.models import BudgetLine, BudgetVersion, CostCategory, FundingSource
from civhub.grants.permissions import may_manage_finances
from civhub.grants.rules import BudgetCheck, check_cells

MAX_CELL = Decimal("9999999999.99")  # what the column holds (12 digits, 2 decimals)


class RevisionRefused(GrantError):
    """A revision with one or more invalid cells; `problems` lists each of them, in the order of the cells."""

    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


class RulesBroken(GrantError):
    """A revision that breaks a rule of the regulation (grants/rules.py) and has no reason for it yet."""

    def __init__(self, checks: list[BudgetCheck]):
        super().__init__(" ".join(check.message for check in checks))
        self.checks = checks


@dataclass(frozen=True)
class Cell:
    """One budget cell as a person typed it: a programme line by its number (None: no line)."""

    year: int
    line: int | None
    category: str
    source: str
    amount: Decimal


def ensure_finance(actor, grant: Grant) -> None:
    if not may_manage_finances(actor, grant.centre):
        raise GrantError(_("Only the finance controller of the centre changes the budget and the expenditure."))


# Revising -----------------------------------------------------------------------------------------


def revise_budget(*, grant: Grant, actor, base: BudgetVersion, name: str, reason: str,
                  cells: list[Cell], deviation_reason: str = "") -> BudgetVersion:
    """Save a new budget version of `grant` holding exactly `cells`; it is not made current.

    Raises GrantError without a name or a reason, and RevisionRefused naming every invalid
    cell: a negative amount, more than two decimals, a year outside the grant, an unknown
    programme line, category or source, or two cells with the same key. A revision that
    breaks a rule of the regulation (grants/rules.py) is saved only with a `deviation_reason`;
    without one, RulesBroken says which rules and by how much.
    """
    ensure_finance(actor, grant)
    name, reason = (name or "").strip(), (reason or "").strip()
    if not name or not reason:
        raise GrantError(_("Give the revision a name and a reason."))
    if base.grant_id != grant.pk:
        raise GrantError(_("The base version belongs to another grant."))
    lines = dict(grant.centre.programme_lines.values_list("number", "pk"))
    problems = cell_problems(grant, cells, lines)
    if problems:
        raise RevisionRefused(problems)
    broken = [check for check in check_cells(grant, cells) if not check.ok]
    deviation_reason = (deviation_reason or "").strip() if broken else ""
    if broken and not deviation_reason:
        raise RulesBroken(broken)
    try:
        with transaction.atomic():
            version = _create_version(grant, actor, base, name, reason, cells, lines, deviation_reason, broken)
    except IntegrityError:  # another revision took the same number between our read and write
        raise GrantError(_("Someone else saved a revision at the same moment. Save yours again.")) from None
    return version


def _create_version(grant, actor, base, name, reason, cells, lines, deviation_reason, broken) -> BudgetVersion:
    Grant.objects.select_for_update().filter(pk=grant.pk).first()  # one revision at a time per grant
    number = (grant.budget_versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = BudgetVersion.objects.create(grant=grant, number=number, name=name[:200], reason=reason,
                                           deviation_reason=deviation_reason, created_by=actor)
    bulk_create_with_history([
        BudgetLine(version=version, year=cell.year, programme_line_id=lines.get(cell.line), category=cell.category,
                   source=cell.source, amount=cell.amount)
        for cell in cells
    ], BudgetLine, default_user=actor)
    public_cache.changed()  # bulk_create sends no post_save: the public page's budget is stale now
    total = (version.lines.aggregate(total=Sum("amount"))["total"] or Decimal("0")).quantize(Decimal("0.01"))
    record_event(version, actor=actor, action="budget_revised", centre=grant.centre,
                 summary=_("Budget version %(number)s “%(name)s” (from version %(base)s): %(cells)s cells, %(total)s")
                 % {"number": number, "name": name, "base": base.number, "cells": len(cells),
                    "total": format_eur(total)},
                 changes={"base": base.number, "reason": reason, "cells": len(cells), "total": str(total),
                          "rules_broken": [check.code for check in broken], "deviation_reason": deviation_reason})
    return version


def cell_problems(grant: Grant, cells: list[Cell], lines: dict[int, int]) -> list[str]:
    """What is wrong with each cell of a revision (an empty list when all is well)."""
    problems, seen = [], {}
    for position, cell in enumerate(cells, start=1):
        key = (cell.year, cell.line, cell.category, cell.source)
        for message in _problems_of(grant, cell, lines):
            problems.append(_("Cell %(position)s (%(cell)s): %(message)s")
                            % {"position": position, "cell": describe(cell), "message": message})
        if key in seen:
            problems.append(_("Cell %(position)s (%(cell)s): cell %(earlier)s has the same year, programme line, "
                              "category and source; give each cell once.")
                            % {"position": position, "cell": describe(cell), "earlier": seen[key]})
        seen.setdefault(key, position)
    return problems


def _problems_of(grant: Grant, cell: Cell, lines: dict[int, int]) -> list[str]:
    problems = []
    if cell.year not in grant.years:
        problems.append(_("the year lies outside the grant (%(first)s–%(last)s).")
                        % {"first": grant.start.year, "last": grant.end.year})
    if cell.line is not None and cell.line not in lines:
        problems.append(_("unknown programme line; this centre has lines %(numbers)s.")
                        % {"numbers": ", ".join(str(number) for number in sorted(lines)) or "-"})
    if cell.category not in CostCategory.values:
        problems.append(_("unknown cost category."))
    if cell.source not in FundingSource.values:
        problems.append(_("unknown source."))
    problems += _amount_problems(cell.amount)
    return problems


def _amount_problems(amount: Decimal) -> list[str]:
    if not amount.is_finite():
        return [_("the amount is not a number.")]
    if amount < 0:
        return [_("the amount is negative; a budget amount is zero or more.")]
    if amount.as_tuple().exponent < -2 and amount != amount.quantize(Decimal("0.01")):
        return [_("the amount has more than 2 decimals.")]
    if amount > MAX_CELL:
        return [_("the amount is too large.")]
    return []


def describe(cell: Cell) -> str:
    """A cell as a person reads it: `2025, line 1, personnel, subsidy`."""
    line = _("line %(number)s") % {"number": cell.line} if cell.line is not None else _("no line")
    category = CostCategory(cell.category).label if cell.category in CostCategory.values else cell.category
    source = FundingSource(cell.source).label if cell.source in FundingSource.values else cell.source
    return f"{cell.year}, {line}, {category}, {source}"


# Making a version current -------------------------------------------------------------------------


def make_current(*, version: BudgetVersion, actor) -> BudgetVersion:
    """Make `version` the grant's one current budget; the versions are locked while the switch is made."""
    ensure_finance(actor, version.grant)
    with transaction.atomic():
        versions = {row.pk: row for row in
                    BudgetVersion.objects.select_for_update().filter(grant_id=version.grant_id).order_by("pk")}
        version = versions[version.pk]
        if version.is_current:
            raise GrantError(_("Version %(number)s is already the current budget.") % {"number": version.number})
        previous = next((row for row in versions.values() if row.is_current), None)
        if previous is not None:
            previous.is_current = False
            previous.save(update_fields=["is_current"])
        version.is_current = True
        version.save(update_fields=["is_current"])
        record_event(version, actor=actor, action="budget_made_current", centre=version.grant.centre,
                     summary=_("Budget version %(number)s is now current (was version %(previous)s).")
                     % {"number": version.number, "previous": previous.number if previous else "-"},
                     changes={"is_current": [previous.number if previous else None, version.number]})
    return version
