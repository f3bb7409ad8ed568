"""Reading an application's budget from a file (docs/formats.md §11), and the blank file to fill in.

The import rules of every import (CSV or XLSX, numbers with a point or a comma; the reading is the
ledger's and the HCA's, hca/file_rows.py). All or nothing: every bad row is named with its column
and what is wrong, and with any error no row is returned. A row is checked as the budget page
checks a line (`services.budget.line_problems`): its year in the application's period, the source
a partner of the centre, staff hours at the round's rate, and so on. A `bedrag` column, when the
file has one, must equal volume × price to the cent, so a spreadsheet's own sums are checked too.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from civhub.applications.budget_rules import income_group
from civhub.applications.models import BudgetCategory, BudgetSide, ContributionForm, IncomeSource
from civhub.applications.selectors.budget import SECTION_TITLES
from civhub.applications.services.budget import LineData, line_problems
from civhub.core.formatting import format_eur
from civhub.hca.file_rows import CellReader, read_rows
from civhub.ledger.imports.parsing import Column
from civhub.ledger.imports.report import PREVIEW_ROWS, RowError
from civhub.ledger.imports.template_files import template_tables, value_list
from civhub.ledger.imports.values import CellError, cell_text, parse_decimal, parse_int

COLUMNS = (
    Column("side", ("kant", "side")),
    Column("year", ("jaar", "year")),
    Column("source", ("bron", "source"), required=False),
    Column("form", ("vorm", "form"), required=False),
    Column("category", ("categorie", "category"), required=False),
    Column("programme_line", ("programmalijn", "programme_line"), required=False),
    Column("description", ("omschrijving", "description")),
    Column("volume", ("volume",)),
    Column("unit", ("eenheid", "unit"), required=False),
    Column("price", ("prijs", "price")),
    Column("amount", ("bedrag", "amount"), required=False),
)
DUTCH_NAMES = {column.key: column.names[0] for column in COLUMNS}
MAX_ROWS = 5_000
SUBSIDY_WORDS = {"subsidie", "subsidy", "rif"}
SIDE_WORDS = {"inkomsten": BudgetSide.INCOME, "inkomst": BudgetSide.INCOME, "income": BudgetSide.INCOME,
              "kosten": BudgetSide.COST, "kost": BudgetSide.COST, "cost": BudgetSide.COST,
              "costs": BudgetSide.COST}
FORM_WORDS = {"geld": ContributionForm.CASH, "cash": ContributionForm.CASH, "contant": ContributionForm.CASH,
              "in natura": ContributionForm.IN_KIND, "natura": ContributionForm.IN_KIND,
              "in kind": ContributionForm.IN_KIND}
# Short Dutch words a budget sheet may use for a category, besides its code and its labels.
CATEGORY_WORDS = {"uren": BudgetCategory.HOURS, "personeel": BudgetCategory.HOURS,
                  "materiaal": BudgetCategory.MATERIALS, "materialen": BudgetCategory.MATERIALS,
                  "indirecte kosten": BudgetCategory.OVERHEAD,
                  "overig": BudgetCategory.OTHER, "overige": BudgetCategory.OTHER}


def category_words() -> dict[str, str]:
    """Every accepted spelling of a category, lower-cased: its code, its Dutch and English label, short words."""
    words = {category.value: category.value for category in BudgetCategory} | CATEGORY_WORDS
    for language in ("nl", "en"):
        with override(language):
            words.update({str(category.label).lower(): category.value for category in BudgetCategory})
    return words


@dataclass(frozen=True)
class FileLine:
    """One row of the file as it will be stored: its row number, the line, and the partner's name."""

    row: int
    line: LineData

    @property
    def source_label(self) -> str:
        return self.line.partnership.organisation.name if self.line.partnership else _("Subsidy")

    @property
    def category_label(self) -> str:
        return capfirst(BudgetCategory(self.line.category).label) if self.line.category else ""


@dataclass
class BudgetFile:
    """What a budget file held: its lines when every row is right, else every error."""

    file_name: str
    lines: list[FileLine] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def preview(self) -> list[FileLine]:
        return self.lines[:PREVIEW_ROWS]

    def total(self, side: str) -> Decimal:
        return sum((item.line.amount for item in self.lines if item.line.side == side), Decimal("0.00"))

    @property
    def income(self) -> Decimal:
        return self.total(BudgetSide.INCOME)

    @property
    def costs(self) -> Decimal:
        return self.total(BudgetSide.COST)

    def summary(self) -> str:
        return ngettext("%(file)s: %(count)d line.", "%(file)s: %(count)d lines.", len(self.lines)) % {
            "file": self.file_name, "count": len(self.lines)}


class _Context:
    """The application as the rows of one file see it: its partners and programme lines by what a cell may say."""

    def __init__(self, application, partnerships):
        self.application = application
        self.partners = {}
        for partnership in partnerships:
            self.partners[partnership.short_code.lower()] = partnership
            self.partners.setdefault(partnership.organisation.name.lower(), partnership)
        self.lines = {line.number: line for line in application.centre.programme_lines.all()}
        self.categories = category_words()


def read_budget(file, file_name: str, *, application, partnerships) -> BudgetFile:
    """The file's lines, or (with no lines) every problem in it. `partnerships`: those a line may name."""
    result, context = BudgetFile(file_name), _Context(application, partnerships)

    def row(number: int, values: dict, headers: dict) -> FileLine | None:
        return _row(CellReader(number, values, headers, result.errors), context)

    result.lines = read_rows(file, file_name, COLUMNS, row, result.errors, max_rows=MAX_ROWS)
    return result


def _problem(read: CellReader, key: str, message: str) -> None:
    """A problem of column `key` of this row, also when the file leaves that column out."""
    if key in read.headers:
        read.error(key, message)
    else:
        read.errors.append(RowError(read.number, DUTCH_NAMES[key], "", message))


def _row(read: CellReader, context: _Context) -> FileLine | None:
    """One row, or None after adding its errors: every bad cell, then what the good cells say together (a cell
    that could not be read is not blamed twice)."""
    bad: set[str] = set()

    def cell(key, parse, check=None, *, optional=False):
        found = len(read.errors)
        value = read(key, parse, check, optional=optional)
        if len(read.errors) > found:
            bad.add(key)
        return value

    side = cell("side", _word(SIDE_WORDS, _("Write inkomsten or kosten.")))
    year = cell("year", parse_int)
    found = len(read.errors)
    source, partnership = _source(read, context, side)
    if len(read.errors) > found:
        bad.add("source")
    form = cell("form", _word(FORM_WORDS, _("Write geld or in natura.")), optional=True) or ""
    category = cell("category", _word(context.categories, _("Not a category: see the sheet Categories.")),
                    optional=True) or ""
    number = cell("programme_line", parse_int, lambda n: None if n in context.lines else _(
        "The centre has no programme line of this number."), optional=True)
    description = cell("description", cell_text)
    volume = cell("volume", parse_decimal)
    unit = cell("unit", cell_text, optional=True) or ""
    price = cell("price", parse_decimal)
    amount = cell("amount", parse_decimal, optional=True)
    if side is None:
        return None
    one = Decimal("1")
    line = LineData(side=side, year=year if year is not None else context.application.years[0],
                    description=description or "", volume=volume or one, price=price or one, unit=unit,
                    source=source, partnership=partnership, category=category,
                    form=form or (ContributionForm.CASH if source == IncomeSource.SUBSIDY else ""),
                    programme_line=context.lines.get(number) if number is not None else None)
    for key, message in line_problems(context.application, line):
        if key not in bad:
            bad.add(key)
            _problem(read, key, message)
    if amount is not None and not bad & {"volume", "price", "amount"} and amount != line.amount:
        read.error("amount", _("Volume × price is %(computed)s, not %(amount)s.") % {
            "computed": format_eur(line.amount), "amount": format_eur(amount)})
    return None if read.failed else FileLine(read.number, line)


def _spelling(text: str) -> str:
    """A word as we compare it: case, underscores and repeated spaces do not matter."""
    return " ".join(str(text).lower().replace("_", " ").split())


def _word(words: dict, message: str):
    """A cell parser that knows these words (any spelling, see `_spelling`) and refuses others with `message`."""
    known = {_spelling(word): value for word, value in words.items()}

    def parse(value):
        found = known.get(_spelling(cell_text(value)))
        if found is None:
            raise CellError(message)
        return found

    return parse


def _source(read: CellReader, context: _Context, side) -> tuple[str, object]:
    """(source, partnership) of an income row: the subsidy or a partner; nothing for a cost."""
    text = read("source", cell_text, optional=True) or ""
    if side == BudgetSide.COST:
        if text:
            _problem(read, "source", _("A cost names no source: leave bron empty."))
        return "", None
    if side != BudgetSide.INCOME:
        return "", None
    if text.lower() in SUBSIDY_WORDS:
        return IncomeSource.SUBSIDY, None
    partnership = context.partners.get(text.lower())
    if partnership is None:
        _problem(read, "source", _("Write subsidie or a partner's code or exact name (sheet Partners).") if not text
                 else _("The centre has no partner of this code or name (sheet Partners)."))
        return "", None
    return IncomeSource.PARTNER, partnership


# The blank file ---------------------------------------------------------------------------------------


def template(application, partnerships) -> list:
    """docs/formats.md §11: the budget's blank file, with the partners, the categories and the programme lines."""
    rate = application.regulation.fixed_hourly_rate
    notes = {
        "side": _("inkomsten (who pays) or kosten (what it is spent on)."),
        "year": _("A calendar year of the application's period (%(first)s–%(last)s).") % {
            "first": application.years[0], "last": application.years[-1]},
        "source": _("Income: subsidie, or a partner's code or exact name (sheet Partners). Costs: empty."),
        "form": _("A partner's income: geld or in natura. The subsidy is always geld."),
        "category": _("Costs and income in kind: a category from sheet Categories. A partner's money: empty, or "
                      "bpv for a placement allowance."),
        "programme_line": _("The number of a programme line (sheet Programme lines)."),
        "description": _("What the line is, 1 to 500 characters."),
        "volume": _("How many: hours for staff hours, or 1 for an amount."),
        "unit": _("For example uur, dag, stuk."),
        "price": (_("Euros per unit. Staff hours at the round's rate of %(rate)s.") % {"rate": format(rate, "f")}
                  if rate is not None else _("Euros per unit.")),
        "amount": _("Optional: volume × price, checked to the cent."),
    }
    partners = value_list(_("Partners"), _("The partners"), [_("Code"), _("Name"), _("Counts as")], (
        [p.short_code, p.organisation.name, str(SECTION_TITLES[income_group(
            source=IncomeSource.PARTNER, category="", cofinancing_group=p.cofinancing_group,
            is_lead_applicant=p.is_lead_applicant)])] for p in partnerships))
    categories = value_list(_("Categories"), _("The categories"), [_("Code"), _("Name"), _("On")], (
        [category.value, capfirst(category.label), _category_use(category)] for category in BudgetCategory))
    lines = value_list(_("Programme lines"), _("The programme lines"), [_("Number"), _("Name")],
                       ([line.number, line.title] for line in application.centre.programme_lines.order_by("number")))
    return template_tables(COLUMNS, sheet="begroting", title=_("Budget"), notes=notes,
                           lists=[partners, categories, lines])


def _category_use(category) -> str:
    if category == BudgetCategory.OVERHEAD:
        return _("costs")
    if category == BudgetCategory.BPV:
        return _("a partner's income (never counted)")
    return _("costs and income in kind")
