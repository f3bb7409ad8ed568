"""The centre's applications, one application's workspace (its parts) and what is still missing before it can go.

The readiness checklist lists only what civhub can check today: each part done, the
regulation's checks of the budget and of the continuation forecast (selectors/budget.py), and
every counted partner's confirmation of its pledges and the partners' signatures under the
cooperation agreement (selectors/commitments.py).
"""

from dataclasses import dataclass

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from civhub.applications.models import Application, ApplicationPart, BudgetSide, IncomeSource
from civhub.applications.selectors import budget, commitments
from civhub.grants.rules import BudgetCheck

SUBSIDY_ASKED = Coalesce(Sum("budget_lines__amount", filter=Q(budget_lines__side=BudgetSide.INCOME,
                                                              budget_lines__source=IncomeSource.SUBSIDY)),
                         Value(0), output_field=DecimalField(max_digits=14, decimal_places=2))


def applications_of(centre):
    """The centre's applications, newest period first, each with the subsidy its budget asks (one query)."""
    return (Application.objects.filter(centre=centre).select_related("regulation")
            .annotate(subsidy_asked=SUBSIDY_ASKED).order_by("-planned_start", "-pk"))


def application_of(centre, pk: int) -> Application:
    """The centre's application (404 for another centre's)."""
    return get_object_or_404(Application.objects.select_related("centre", "regulation"), centre=centre, pk=pk)


def parts_of(application: Application) -> list[ApplicationPart]:
    """The parts in the funder's order, with owner, who changed them last and how many comments: one query."""
    return list(application.parts.select_related("owner", "updated_by").annotate(comment_count=Count("comments"))
                .order_by("position"))


@dataclass(frozen=True)
class Readiness:
    """What is done and what is missing: the parts (done or not) and the regulation's checks."""

    parts: list[ApplicationPart]
    checks: list[BudgetCheck]

    @property
    def parts_open(self) -> list[ApplicationPart]:
        return [part for part in self.parts if not part.is_done]

    @property
    def checks_failing(self) -> list[BudgetCheck]:
        return [check for check in self.checks if not check.ok]

    @property
    def missing(self) -> int:
        return len(self.parts_open) + len(self.checks_failing)

    @property
    def ready(self) -> bool:
        return self.missing == 0

    @property
    def summary(self) -> str:
        if self.ready:
            return _("Everything civhub can check is done: every part and every rule of the regulation.")
        return ngettext("%(missing)s of %(total)s items still needs work.",
                        "%(missing)s of %(total)s items still need work.", self.missing) % {
            "missing": self.missing, "total": len(self.parts) + len(self.checks)}


@dataclass(frozen=True)
class Workspace:
    """The workspace page: the application, its parts, the budget's figures and the readiness checklist."""

    application: Application
    readiness: Readiness
    figures: budget.Figures

    @property
    def parts(self) -> list[ApplicationPart]:
        return self.readiness.parts


def workspace(application: Application) -> Workspace:
    """Ten queries whatever the number of lines, parts, comments and partners."""
    found = budget.figures(application)
    checks = [*budget.checks(application, found), commitments.commitments_check(commitments.standings(application)),
              commitments.agreement_check(application.centre)]
    return Workspace(application, Readiness(parts_of(application), checks), found)


def part_of(centre, part_pk: int) -> ApplicationPart:
    """The part of one of the centre's applications (404 for another centre's)."""
    return get_object_or_404(ApplicationPart.objects.select_related("application__centre", "application__regulation",
                                                                    "owner", "updated_by"),
                             application__centre=centre, pk=part_pk)


def comments_of(part: ApplicationPart):
    return part.comments.select_related("author").order_by("created_at", "pk")
