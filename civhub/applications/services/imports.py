"""Importing an application's budget from a file (docs/formats.md §11): it replaces every line, or nothing.

All or nothing: a file with any bad row writes nothing and raises `BudgetImportError` with every
error. A good file replaces all the application's budget lines in one transaction, the application
locked, audited with the file's name and how many lines it replaced; each line keeps its history.
"""

import io

from django.db import transaction
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history

from civhub.applications.budget_file import BudgetFile, read_budget
from civhub.applications.errors import ApplicationError
from civhub.applications.models import Application, BudgetLine
from civhub.applications.selectors.budget import partners_of
from civhub.applications.services.applications import ensure_editor, locked_draft
from civhub.core.audit import record_event


class BudgetImportError(ApplicationError):
    """The file has bad rows: `report` lists every one; nothing was written."""

    def __init__(self, report: BudgetFile):
        super().__init__(report.errors[0].message if len(report.errors) == 1 else ngettext(
            "The file has %(count)d error; nothing was written.", "The file has %(count)d errors; nothing was "
            "written.", len(report.errors)) % {"count": len(report.errors)})
        self.report = report


def check_budget_file(*, application: Application, file_name: str, content: bytes) -> BudgetFile:
    """Read the file against the application without writing anything (the page's preview)."""
    return read_budget(io.BytesIO(content), file_name, application=application,
                       partnerships=list(partners_of(application.centre)))


def import_budget(*, application: Application, actor, file_name: str, content: bytes) -> int:
    """Replace the application's budget lines by the file's; returns how many lines it has now."""
    ensure_editor(actor, application.centre)
    with transaction.atomic():
        application = locked_draft(application)
        report = check_budget_file(application=application, file_name=file_name, content=content)
        if not report.ok:
            raise BudgetImportError(report)
        replaced = application.budget_lines.count()
        application.budget_lines.all().delete()
        bulk_create_with_history([BudgetLine(application=application, **item.line.fields())
                                  for item in report.lines], BudgetLine, default_user=actor)
        record_event(application, actor=actor, action="application_budget_imported", centre=application.centre,
                     summary=application.title, changes={"file": file_name, "lines": len(report.lines),
                                                         "replaced_lines": replaced,
                                                         "income": str(report.income), "costs": str(report.costs)})
    return len(report.lines)
