"""The decisions register and the actions list as XLSX (headings in Dutch, dates as real dates)."""

from datetime import date
from typing import BinaryIO

from django.utils import translation
from django.utils.translation import gettext as _

from civhub.reports.pdf import PDF_LANGUAGE
from civhub.reports.xlsx import NUMBER_FORMATS, Kind


def _write(binary_file: BinaryIO, sheet_name: str, headings: list[str], rows, date_columns: set[int]) -> None:
    import xlsxwriter  # only an XLSX pays for loading it

    workbook = xlsxwriter.Workbook(binary_file, {"constant_memory": True})
    header = workbook.add_format({"bold": True, "bottom": 1})
    dated = workbook.add_format({"num_format": NUMBER_FORMATS[Kind.DATE]})
    sheet = workbook.add_worksheet(sheet_name)
    for column, heading in enumerate(headings):
        sheet.write_string(0, column, heading, header)
        sheet.set_column(column, column, 14 if column in date_columns else 30)
    sheet.freeze_panes(1, 0)
    last = 0
    for last, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if isinstance(value, date):
                sheet.write_datetime(last, column, value, dated)
            elif value not in (None, ""):
                sheet.write_string(last, column, str(value))
    sheet.autofilter(0, 0, last, len(headings) - 1)
    workbook.close()


def write_decisions(decisions, binary_file: BinaryIO) -> None:
    """One row per decision: number, date, decision, meeting, agenda item."""
    with translation.override(PDF_LANGUAGE):
        headings = [_("Number"), _("Decided on"), _("Decision"), _("Meeting"), _("Agenda item")]
        rows = ([decision.number, decision.decided_on, decision.text, decision.meeting.title,
                 decision.item.title if decision.item else ""] for decision in decisions)
        _write(binary_file, _("Decisions"), headings, rows, {1})


def write_actions(actions, binary_file: BinaryIO, *, today: date) -> None:
    """One row per action: what, owner, due date, status (overdue spelled out), done on, meeting."""
    with translation.override(PDF_LANGUAGE):
        headings = [_("Action"), _("Owner"), _("Due date"), _("Status"), _("Done on"), _("Meeting")]
        rows = ([action.what, str(action.owner), action.due_date,
                 _("overdue") if action.is_overdue(today) else action.get_status_display(), action.done_on,
                 action.meeting.title] for action in actions)
        _write(binary_file, _("Actions"), headings, rows, {2, 4})
