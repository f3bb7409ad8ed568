"""The budget annex (XLSX) the funder asks with the application, in the order of the regulation's budget articles.

Sheets (docs/formats.md §11.1):

1. *Overzicht*: income per calendar year as the regulation counts it (RIF 2014 art. 10): the subsidy
   asked; per partner its cash and in kind, grouped: employers, government and other partners, the lead
   applicant's own contribution (shown, not counted) and BPV (excluded); then the budget that counts and
   all income. Then the costs per year and category (art. 11–14): what the subsidy and the partners' cash
   pay for, and what partners bring in kind; the total and income minus costs.
2. *Toetsing*: each rule of the regulation with its outcome (holds / broken) and what the numbers say, in
   euros (the thirds exact).
3. One sheet per calendar year, *Begroting JJJJ*: every line with volume × price = amount, income by
   group with subtotals, then the costs by category with subtotals, then the year's totals.

Amounts are numbers with the house EUR format (a Dutch Excel shows "EUR 1.234,56"); headings are Dutch. The
same figures as the budget page (selectors/budget.py): the annex is a view of the same sums.
"""

from collections import defaultdict
from decimal import Decimal
from io import BytesIO

from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from civhub.applications import budget_rules as rules
from civhub.applications.models import Application, BudgetSide, ContributionForm
from civhub.applications.selectors import budget as budget_selectors
from civhub.core.exports.tables import Kind
from civhub.core.exports.xlsx import NUMBER_FORMATS, quoted_format, write_text
from civhub.core.formatting import format_date

FILE_LANGUAGE = "nl"
MONEY = NUMBER_FORMATS[Kind.MONEY]


def annex_file_name(application: Application) -> str:
    return f"begrotingsbijlage-{application.centre.slug}-{application.pk}.xlsx"


def render_budget_annex(application: Application, *, language: str = FILE_LANGUAGE) -> bytes:
    """The annex as XLSX bytes (in Dutch unless asked otherwise)."""
    import xlsxwriter  # only an export pays for loading it

    with translation.override(language):
        page = budget_selectors.budget_page(application)
        output = BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True, "strings_to_formulas": False,
                                                "strings_to_urls": False})
        styles = _styles(workbook)
        _overview(workbook.add_worksheet(_("Overview")[:31]), application, page, styles)
        _checks(workbook.add_worksheet(_("Checks")[:31]), page, styles)
        by_year = defaultdict(list)
        for line in page.lines:
            by_year[line.year].append(line)
        for year in page.income.years:
            sheet = workbook.add_worksheet((_("Budget %(year)s") % {"year": year})[:31])
            _year_sheet(sheet, application, year, by_year.get(year, []), styles)
        workbook.close()
    return output.getvalue()


def _styles(workbook) -> dict:
    return {
        "title": workbook.add_format({"bold": True, "font_size": 14}),
        "header": workbook.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top",
                                       "bg_color": "#EEF4F3"}),
        "header_num": workbook.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top",
                                           "align": "right", "bg_color": "#EEF4F3"}),
        "section": workbook.add_format({"bold": True, "font_color": "#0B5C4F"}),
        "money": workbook.add_format({"num_format": MONEY}),
        "money_bold": workbook.add_format({"num_format": MONEY, "bold": True, "top": 1}),
        "bold": workbook.add_format({"bold": True, "top": 1}),
        "number": workbook.add_format({"num_format": "#,##0.00"}),
        "muted": workbook.add_format({"font_color": "#5B6B69", "italic": True}),
        "ok": workbook.add_format({"bold": True, "font_color": "#0B5C4F"}),
        "broken": workbook.add_format({"bold": True, "font_color": "#B3541E"}),
        "wrap": workbook.add_format({"text_wrap": True, "valign": "top"}),
        "quoted": quoted_format(workbook),
    }


def _head(sheet, application: Application, title: str, styles) -> int:
    """The title and what the annex is of; returns the next free row."""
    sheet.write(0, 0, title, styles["title"])
    sheet.write(1, 0, _("%(title)s · %(centre)s · %(round)s · %(start)s – %(end)s") % {
        "title": application.title, "centre": application.centre.name, "round": application.regulation.name,
        "start": format_date(application.planned_start), "end": format_date(application.planned_end)},
        styles["muted"])
    return 3


def _overview(sheet, application, page, styles) -> None:
    sheet.set_column(0, 0, 48)
    sheet.set_column(1, 1, 16)
    sheet.set_column(2, 2 + len(page.income.years), 16)
    row = _head(sheet, application, _("Budget annex: income and costs per calendar year"), styles)
    row = _table(sheet, row, page.income, _("Income (EUR)"), styles, notes=True)
    row = _table(sheet, row + 1, page.costs, _("Costs (EUR)"), styles, notes=False)
    sheet.write(row + 1, 0, _("BPV is listed and left out of the totals (RIF 2014 art. 10(5)); the lead applicant's "
                              "own contribution is shown and not counted as co-financing."), styles["muted"])
    sheet.freeze_panes(4, 1)


def _table(sheet, row: int, table, title: str, styles, *, notes: bool) -> int:
    """A table of the budget page (sections with subtotals, then totals) from `row`; returns the next free row."""
    years = table.years
    sheet.write(row, 0, title, styles["header"])
    sheet.write(row, 1, _("Cash or in kind") if notes else "", styles["header"])
    for index, year in enumerate(years):
        sheet.write(row, 2 + index, year, styles["header_num"])
    sheet.write(row, 2 + len(years), _("Total"), styles["header_num"])
    row += 1
    for section in table.sections:
        sheet.write(row, 0, section.title, styles["section"])
        row += 1
        for line in section.rows:
            row = _amounts(sheet, row, line.label, line.note, line.cells, line.total, styles["money"],
                           quoted=styles["quoted"])
        row = _amounts(sheet, row, _("Subtotal %(title)s") % {"title": section.title}, "",
                       section.subtotal.cells, section.subtotal.total, styles["money_bold"], styles["bold"])
    for total in table.totals:
        row = _amounts(sheet, row, total.label, "", total.cells, total.total, styles["money_bold"], styles["bold"])
    return row + 1


def _amounts(sheet, row, label, note, cells, total, money, text=None, *, quoted=None) -> int:
    # A line's label may be a partner's name: `quoted` keeps one that looks like a formula text.
    write_text(sheet, row, 0, str(label), text, quoted or text)
    write_text(sheet, row, 1, str(note or ""), text, quoted or text)
    for index, amount in enumerate(cells):
        sheet.write_number(row, 2 + index, float(amount), money)
    sheet.write_number(row, 2 + len(cells), float(total), money)
    return row + 1


def _checks(sheet, page, styles) -> None:
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 1, 14)
    sheet.set_column(2, 2, 110)
    sheet.write(0, 0, _("The regulation's rules and how this budget meets them"), styles["title"])
    for column, heading in enumerate((_("Rule"), _("Outcome"), _("What the numbers say"))):
        sheet.write(2, column, heading, styles["header"])
    for row, check in enumerate(page.checks, start=3):
        sheet.write_string(row, 0, check.code)
        sheet.write_string(row, 1, _("holds") if check.ok else _("broken"), styles["ok" if check.ok else "broken"])
        sheet.write_string(row, 2, check.message, styles["wrap"])
    figures = page.figures
    row = len(page.checks) + 4
    for label, amount in ((_("Subsidy asked"), figures.subsidy), (_("Employers"), figures.employers),
                          (_("Government and other partners"), figures.others),
                          (_("Budget (what counts)"), figures.budget),
                          (_("Lead applicant's own contribution (not counted)"), figures.not_counted),
                          (_("BPV (not counted)"), figures.bpv), (_("Costs"), figures.costs)):
        sheet.write_string(row, 0, str(label))
        sheet.write_number(row, 1, float(amount), styles["money"])
        row += 1


YEAR_COLUMNS = (("group", 34), ("partner", 30), ("form", 14), ("category", 22), ("line", 8), ("description", 40),
                ("volume", 12), ("unit", 8), ("price", 14), ("amount", 16))


def _year_headings() -> list[str]:
    return [_("Group"), _("Partner"), _("Cash or in kind"), _("Category"), _("Programme line"), _("Description"),
            _("Volume"), _("Unit"), _("Price (EUR)"), _("Amount (EUR)")]


def _year_sheet(sheet, application, year: int, lines: list, styles) -> None:
    for column, (_key, width) in enumerate(YEAR_COLUMNS):
        sheet.set_column(column, column, width)
    row = _head(sheet, application, _("Budget %(year)s: volume × price per line") % {"year": year}, styles)
    for column, heading in enumerate(_year_headings()):
        sheet.write(row, column, heading, styles["header_num" if column in (6, 8, 9) else "header"])
    sheet.freeze_panes(row + 1, 0)
    row += 1
    income = [line for line in lines if line.side == BudgetSide.INCOME]
    groups = defaultdict(list)
    for line in income:
        groups[_group_of(line)].append(line)
    sheet.write(row, 0, _("Income"), styles["section"])
    row += 1
    totals = {}
    for group in rules.GROUPS:
        found = groups.get(group, [])
        for line in found:
            row = _line_row(sheet, row, budget_selectors.SECTION_TITLES[group], line, styles)
        totals[group] = sum((line.amount for line in found), rules.ZERO)
        row = _total_row(sheet, row, _("Subtotal %(title)s") % {"title": budget_selectors.SECTION_TITLES[group]},
                         totals[group], styles)
    counted = sum((totals[group] for group in rules.COUNTED_GROUPS), rules.ZERO)
    row = _total_row(sheet, row, _("Budget (what counts)"), counted, styles)
    row = _total_row(sheet, row, _("Income (with the lead applicant's own contribution)"),
                     counted + totals[rules.NOT_COUNTED], styles)
    row += 1
    sheet.write(row, 0, _("Costs"), styles["section"])
    row += 1
    spending = [line for line in lines if line.side == BudgetSide.COST]
    for line in spending:
        row = _line_row(sheet, row, budget_selectors.COST_TITLES[budget_selectors.SPENDING], line, styles)
    paid = sum((line.amount for line in spending), rules.ZERO)
    row = _total_row(sheet, row, _("Subtotal %(title)s") % {"title": budget_selectors.COST_TITLES[
        budget_selectors.SPENDING]}, paid, styles)
    in_kind = sum((line.amount for line in income
                   if line.form == ContributionForm.IN_KIND and _group_of(line) != rules.BPV), rules.ZERO)
    row = _total_row(sheet, row, _("Subtotal %(title)s") % {"title": budget_selectors.COST_TITLES[
        budget_selectors.IN_KIND]}, in_kind, styles)
    _total_row(sheet, row, _("Costs"), paid + in_kind, styles)


def _group_of(line) -> str:
    partnership = line.partnership
    return rules.income_group(source=line.source, category=line.category,
                              cofinancing_group=partnership.cofinancing_group if partnership else None,
                              is_lead_applicant=bool(partnership and partnership.is_lead_applicant))


def _line_row(sheet, row: int, group, line, styles) -> int:
    partner = line.partnership.organisation.name if line.partnership else ""
    values = [str(group), partner, line.get_form_display() if line.form else "",
              capfirst(line.get_category_display()) if line.category else "",
              str(line.programme_line.number) if line.programme_line else "", line.description]
    for column, value in enumerate(values):  # names and descriptions people typed: never a formula
        write_text(sheet, row, column, value, None, styles["quoted"])
    sheet.write_number(row, 6, float(line.volume), styles["number"])
    write_text(sheet, row, 7, line.unit, None, styles["quoted"])
    sheet.write_number(row, 8, float(line.price), styles["money"])
    sheet.write_number(row, 9, float(line.amount), styles["money"])
    return row + 1


def _total_row(sheet, row: int, label, amount: Decimal, styles) -> int:
    sheet.write_string(row, 0, str(label), styles["bold"])
    for column in range(1, 9):
        sheet.write_blank(row, column, None, styles["bold"])
    sheet.write_number(row, 9, float(amount), styles["money_bold"])
    return row + 1

