"""The partners' forecast of an occupation beside a published one (e.g. ROA's), the difference said in words.

The two cover different periods (our survey round's horizon, the edition's years) and different populations
(the answering partners, a whole region), so the comparison is relative: job openings, expansion and replacement
demand as a geometric yearly percentage of employment (docs/hca-method.md), and the ITA with its typology. A
published ITA is taken as printed, never recomputed.

- Openings differ when the yearly percentages are OPENINGS_MARGIN points or more apart; then the sentence after
  names the part (expansion or replacement demand) that differs most.
- The ITA differs when the two are ITA_MARGIN or more apart. A lower ITA means fewer school-leavers per opening:
  better prospects for school-leavers, a larger shortage for the employers.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from civhub.core.formatting import group_number
from civhub.hca.indicators import Indicators, per_year, percent

OPENINGS_MARGIN = Decimal("0.5")  # percentage points a year
ITA_MARGIN = Decimal("0.05")


@dataclass(frozen=True)
class PublishedShares:
    """A published row's flows as geometric yearly percentages of its employment, and its ITA as printed."""

    expansion_per_year_pct: Decimal
    replacement_per_year_pct: Decimal
    openings_per_year_pct: Decimal
    ita: Decimal | None
    typology: str


def edition_years(first_year: int, last_year: int) -> int:
    """The number of years an edition's forecast covers: 2019–2024 is six years (ROA's tables)."""
    return last_year - first_year + 1


def published_shares(row, years: int) -> PublishedShares:
    """The yearly percentages of a published row (`PublishedForecastRow`) over `years`."""
    openings = max(Decimal(0), row.expansion + row.replacement)
    expansion, replacement, openings = (_yearly(flow / row.employment, years)
                                        for flow in (row.expansion, row.replacement, openings))
    return PublishedShares(expansion, replacement, openings, row.ita, row.typology)


def explain(ours: Indicators, theirs: PublishedShares, *, publisher: str) -> list[str]:
    """Sentences saying how the partners' forecast differs from the publisher's (see the module)."""
    return [*_openings(ours, theirs, publisher), *_ita(ours, theirs, publisher)]


def _openings(ours: Indicators, theirs: PublishedShares, publisher: str) -> list[str]:
    values = {"publisher": publisher, "ours": _pct(ours.openings_per_year_pct),
              "theirs": _pct(theirs.openings_per_year_pct)}
    difference = ours.openings_per_year_pct - theirs.openings_per_year_pct
    if abs(difference) < OPENINGS_MARGIN:
        return [_("The partners expect about as many job openings as %(publisher)s: %(ours)s%% of employment a "
                  "year against %(theirs)s%%.") % values]
    if difference > 0:
        sentence = _("The partners expect more job openings than %(publisher)s: %(ours)s%% of employment a year "
                     "against %(theirs)s%%.") % values
    else:
        sentence = _("The partners expect fewer job openings than %(publisher)s: %(ours)s%% of employment a year "
                     "against %(theirs)s%%.") % values
    return [sentence, _reason(ours, theirs, publisher)]


def _reason(ours: Indicators, theirs: PublishedShares, publisher: str) -> str:
    expansion = ours.expansion_per_year_pct - theirs.expansion_per_year_pct
    replacement = ours.replacement_per_year_pct - theirs.replacement_per_year_pct
    if abs(expansion) >= abs(replacement):
        return _("The difference lies mainly in the expansion demand: the partners expect employment to change by "
                 "%(ours)s%% a year, %(publisher)s by %(theirs)s%%.") % {
            "publisher": publisher, "ours": _pct(ours.expansion_per_year_pct),
            "theirs": _pct(theirs.expansion_per_year_pct)}
    return _("The difference lies mainly in the replacement demand: the partners expect %(ours)s%% of employment "
             "to leave a year, %(publisher)s %(theirs)s%%.") % {
        "publisher": publisher, "ours": _pct(ours.replacement_per_year_pct),
        "theirs": _pct(theirs.replacement_per_year_pct)}


def _ita(ours: Indicators, theirs: PublishedShares, publisher: str) -> list[str]:
    if theirs.ita is None:
        return [_("%(publisher)s publishes no ITA for this occupation.") % {"publisher": publisher}]
    if ours.ita is None:
        return [_("The partners expect no job openings, so there is no ITA to set beside the published %(ita)s.")
                % {"ita": _ita_text(theirs.ita, theirs.typology)}]
    values = {"publisher": publisher, "ours": _ita_text(ours.ita, ours.typology),
              "theirs": _ita_text(theirs.ita, theirs.typology)}
    difference = ours.ita - theirs.ita
    if abs(difference) < ITA_MARGIN:
        return [_("The prospects are about the same by both: ITA %(ours)s by the partners' figures, %(theirs)s by "
                  "%(publisher)s.") % values]
    if difference < 0:
        return [_("By the partners' figures there are fewer school-leavers per job opening than by %(publisher)s "
                  "(ITA %(ours)s against %(theirs)s): the shortage is larger.") % values]
    return [_("By the partners' figures there are more school-leavers per job opening than by %(publisher)s "
              "(ITA %(ours)s against %(theirs)s): the shortage is smaller.") % values]


def _yearly(share: Decimal, years: int) -> Decimal:
    share = max(share, Decimal(-1))  # a fall of more than the whole employment is a bad row; read it as all of it
    return percent(per_year(share, years))


def _pct(value: Decimal) -> str:
    return group_number(value, 1)


def _ita_text(ita: Decimal, typology: str) -> str:
    return f"{group_number(ita, 2)} ({typology})" if typology else group_number(ita, 2)
