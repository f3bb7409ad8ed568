"""Keeping the records a grant must keep: nothing that holds ledger facts is deleted before its retention date.

Regeling OCW-subsidies art. 8: the subsidy's administration is kept for seven years (after
the settlement, `Grant.retained_until`). Models that hold ledger facts (accepted
contributions, expenditure, budgets, submitted reports, closed periods, recorded chain
heads, the grant itself) use `RetainedQuerySet` and `RetainedModel`: deleting one of them,
one by one or in bulk, raises `RetentionError` while a grant of its centre is within its
retention period. A deletion that cascades from a grant or centre is refused there.
"""

from datetime import date

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.core.formatting import format_date


class RetentionError(Exception):
    """A deletion refused because the record must be kept until the date it names."""


def retained_until(centre_ids) -> date | None:
    """The last retention date of the grants of these centres (None: no grant)."""
    from civhub.core.models import Grant

    grants = Grant.objects.filter(centre_id__in=centre_ids)
    dates = [grant.retained_until for grant in grants.only("end", "annual_report_month", "annual_report_day",
                                                             "settlement_weeks", "retention_years")]
    return max(dates, default=None)


def ensure_deletable(centre_ids) -> None:
    """Raise RetentionError while a grant of these centres keeps its records."""
    until = retained_until(set(centre_ids))
    if until is not None and timezone.localdate() <= until:
        raise RetentionError(_("This record holds ledger facts of a grant and must be kept until %(date)s "
                               "(Regeling OCW-subsidies art. 8); it cannot be deleted before then.")
                             % {"date": format_date(until)})


class RetainedQuerySet(models.QuerySet):
    """A queryset whose delete() keeps the rows that hold ledger facts (see the model's `retention`)."""

    def delete(self):
        path, facts = self.model.retention
        held = self.filter(facts) if facts is not None else self
        ensure_deletable(held.values_list(path, flat=True).distinct().order_by())
        return super().delete()


class RetainedModel(models.Model):
    """A model holding ledger facts: `retention` = (path to the centre's id, the rows that are facts or None: all)."""

    retention: tuple[str, models.Q | None] = ("centre_id", None)

    objects = RetainedQuerySet.as_manager()

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        path, facts = self.retention
        rows = type(self).objects.filter(pk=self.pk)
        if rows.filter(facts if facts is not None else models.Q()).exists():
            ensure_deletable(rows.values_list(path, flat=True))
        return super().delete(*args, **kwargs)
