"""A submitted report's pack and what changed since: the figures it kept, beside the same figures today.

Two comparisons an auditor asks for: the figures as of the report's own date, computed
again now (they must be the same: "as of" counts only what was dated and accepted by then),
and the figures as of today (what happened since).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils import translation

from civhub.core.exports import Kind
from civhub.grants.selectors.monitor import monitor
from civhub.reports.funder import summary_items, summary_values

NUMERIC = {Kind.MONEY, Kind.RATIO, Kind.HOURS, Kind.PERCENT, Kind.SHARE, Kind.INTEGER}
REFERENCE_DATE = "peildatum"  # differs by definition between the report and today: not a change


@dataclass(frozen=True)
class Change:
    """One Samenvatting row: as submitted, recomputed for the same date, and as of today."""

    key: str
    label: str
    kind: str
    submitted: object
    same_date: object
    today: object

    @property
    def reproduced(self) -> bool:
        return self.submitted == self.same_date

    @property
    def difference(self) -> Decimal | None:
        if self.kind not in NUMERIC or self.submitted is None or self.today is None:
            return None
        return self.today - self.submitted

    @property
    def changed(self) -> bool:
        return self.key != REFERENCE_DATE and self.submitted != self.today


def _typed(text, kind: str):
    """A kept value (text) back in its type: a number for figures, a date for dates."""
    if text is None:
        return None
    if kind in NUMERIC:
        try:
            return Decimal(text)
        except InvalidOperation:
            return None
    if kind == Kind.DATE:
        return date.fromisoformat(text)
    return text


def changes_since(submission, *, today: date, language: str) -> list[Change]:
    """Every row the submission kept, with its value recomputed for the same date and as of today."""
    grant = submission.grant
    with translation.override(language):
        then, now = monitor(grant, as_of=submission.as_of), monitor(grant, as_of=today)
        labels = {key: (str(label), kind) for key, label, kind, _value in summary_items(now)}
    again, current = summary_values(then), summary_values(now)
    rows = []
    for key, kept in submission.summary.items():
        label, kind = labels.get(key, (key, Kind.TEXT))
        rows.append(Change(key, label, kind, _typed(kept, kind), _typed(again.get(key), kind),
                           _typed(current.get(key), kind)))
    return rows
