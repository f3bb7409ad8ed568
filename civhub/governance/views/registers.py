"""The decisions register and the actions list across all meetings, with filters and XLSX exports.

Readers see the decisions and actions of the meetings they may open (the steering group's readers:
members, office, signatories). The exports take the same filters as the pages.
"""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone, translation

from civhub.accounts.models import User
from civhub.core.exports import download
from civhub.core.sorting import sort_by
from civhub.governance.forms import ActionFilter, DecisionFilter
from civhub.governance.models import Action
from civhub.governance.permissions import may_edit, reader_required
from civhub.governance.selectors import registers
from civhub.reports.pdf import PDF_LANGUAGE

PAGE_SIZE = 50  # the exports hold every filtered row


def _xlsx(table, name: str):
    """The table as `<name>.xlsx`, with Dutch headings and texts whatever the language of the request."""
    with translation.override(PDF_LANGUAGE):
        return download([table()], "xlsx", filename=name)


DECISION_COLUMNS = {
    "number": ("year", "sequence"),
    "date": ("decided_on", "sequence"),
    "meeting": ("meeting__title", "meeting__starts_at", "sequence"),
}


def _decisions(request, centre):
    """The filter form, the order asked for and the rows: the page and its export show the same, in that order."""
    form = DecisionFilter(request.GET or None, years=registers.decision_years(centre))
    data = form.cleaned_data if form.is_valid() else {}
    sorting = sort_by(request, DECISION_COLUMNS, "-date")
    rows = registers.decisions(request.user, centre, year=data.get("year"), text=data.get("q", ""),
                               ordering=sorting.ordering)
    return form, sorting, rows


@reader_required
def decisions(request, centre):
    form, sorting, rows = _decisions(request, centre)
    return render(request, "governance/decisions.html",
                  {"centre": centre, "form": form, "tab": "decisions", "sorting": sorting,
                   "page_obj": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
                   "query": request.GET.urlencode()})


@reader_required
def decisions_export(request, centre):
    _form, _sorting, rows = _decisions(request, centre)
    return _xlsx(lambda: registers.decisions_table(rows), f"besluiten-{centre.slug}")


def _owners(centre):
    return User.objects.filter(governance_actions__centre=centre).distinct().order_by("full_name", "email")


def _actions(request, centre, today):
    owners = list(_owners(centre))
    form = ActionFilter(request.GET or None, owners=owners)
    data = form.cleaned_data if form.is_valid() else {}
    owner = None
    if data.get("owner") == "me":
        owner = request.user
    elif data.get("owner"):
        owner = next((user for user in owners if str(user.pk) == data["owner"]), None)
    return form, registers.actions(request.user, centre, state=data.get("state", ""), owner=owner, today=today)


@reader_required
def actions(request, centre):
    today = timezone.localdate()
    form, rows = _actions(request, centre, today)
    return render(request, "governance/actions.html",
                  {"centre": centre, "form": form, "today": today, "tab": "actions",
                   "page_obj": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
                   "may_edit": may_edit(request.user, centre), "open": Action.Status.OPEN,
                   "query": request.GET.urlencode()})


@reader_required
def actions_export(request, centre):
    today = timezone.localdate()
    _form, rows = _actions(request, centre, today)
    return _xlsx(lambda: registers.actions_table(rows, today=today), f"acties-{centre.slug}")


def dashboard_panel(request, centre) -> dict | None:
    """The office dashboard's governance card: overdue actions and the next meeting (three queries)."""
    if not may_edit(request.user, centre):
        return None
    return registers.overdue_panel(centre, today=timezone.localdate(), now=timezone.now())
