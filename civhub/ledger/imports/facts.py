"""What contribution rows are checked against, loaded once per import.

An import of 100,000 rows must not ask the database 100,000 questions: the centre's
partners, grants, closed periods, programme lines, rate cards and the extern_ids already
in the ledger are read here in a handful of queries, and every row is checked in memory.
"""

from bisect import bisect_right
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import override

from civhub.core.choices import KIND_SHORT, ContributionKind
from civhub.ledger.imports.values import CellError, cell_text, parse_int
from civhub.ledger.models import Contribution, PeriodLock, RateCard

# docs/formats.md §1: the brochure's five kinds and BPV by their Dutch label
# (the contract, whatever the catalogue says).
DUTCH_KIND_LABELS = {
    "begeleiding van studenten in de beroepspraktijkvorming (bpv)": ContributionKind.BPV,
    "deelname aan de organisatie (stuurgroep, werkgroepen)": ContributionKind.ORGANISATION,
    "bijdrage aan onderzoeksopdrachten van het practoraat": ContributionKind.RESEARCH,
    "bijdrage aan een actuele labomgeving": ContributionKind.LAB,
    "ontwikkeling van vraaggestuurd onderwijs": ContributionKind.EDUCATION,
    "opbouw van het llo-ecosysteem": ContributionKind.LIFELONG_LEARNING,
}


def fingerprint(day: date, kind: str, line_id, category: str, hours, amount, description: str) -> int:
    """What makes two rows with one extern_id "the same": the content the file gives, not the valuation.

    An hours row's value depends on the rate in force, so only its hours take part. Python's
    hash is enough here: both sides are computed in the same process, Decimal("7.5") and
    Decimal("7.50") hash alike, and a collision of 64-bit hashes is not a practical risk.
    """
    return hash((day, kind, line_id, category.lower(), hours, amount if hours is None else None, description))


def kind_names() -> dict[str, str]:
    """Every accepted spelling of a kind, lower-cased: the code, the Dutch label, the English label, and the
    short names the site shows (Onderzoek, LLO, Financieel; Research, Lifelong learning, Cash)."""
    names = {code: code for code in ContributionKind.values}
    names.update({label: str(kind) for label, kind in DUTCH_KIND_LABELS.items()})
    for language in ("nl", "en"):
        with override(language):
            names.update({str(kind.label).lower(): str(kind) for kind in ContributionKind})
            names.update({str(short).lower(): str(kind) for kind, short in KIND_SHORT.items()})
    return names


class LedgerFacts:
    """The centre as the rows of one import see it, with the lookups each row needs."""

    def __init__(self, centre, partnerships, *, today: date):
        self.centre, self.today = centre, today
        self.partnerships = {partnership.pk: partnership for partnership in partnerships}
        self._by_code = {p.short_code.lower(): p for p in partnerships}
        self._by_name = {p.organisation.name: p for p in partnerships}
        self._grants = list(centre.grants.order_by("start").values_list("start", "end", "fixed_hourly_rate"))
        self._locks = list(PeriodLock.objects.filter(centre=centre, reopened_at__isnull=True)
                           .values_list("starts_on", "ends_on"))
        self.lines = dict(centre.programme_lines.values_list("number", "pk"))
        self.line_numbers = {pk: number for number, pk in self.lines.items()}
        self._kinds = kind_names()
        self._rates = self._load_rates()
        self.existing = self._load_existing()
        self._grant_on, self._lock_on = {}, {}

    def _load_rates(self) -> dict:
        """(partnership id, category lower-cased) → (category as written, [valid_from...], [rate...])."""
        rates = {}
        cards = RateCard.objects.filter(partnership_id__in=self.partnerships).order_by("valid_from")
        for partnership_id, category, valid_from, rate in cards.values_list(
                "partnership_id", "category", "valid_from", "hourly_rate"):
            _spelled, days, amounts = rates.setdefault((partnership_id, category.lower()), (category, [], []))
            days.append(valid_from)
            amounts.append(rate)
        return rates

    def _load_existing(self) -> dict[tuple[int, str], int]:
        """(partnership id, extern_id) → fingerprint of every entry in scope that has an extern_id."""
        entries = Contribution.objects.filter(partnership_id__in=self.partnerships).exclude(extern_id="")
        fields = ("partnership_id", "extern_id", "date", "kind", "programme_line_id", "category", "hours", "amount",
                  "description")
        return {(row[0], row[1]): fingerprint(*row[2:]) for row in entries.values_list(*fields).iterator(5000)}

    # Lookups ---------------------------------------------------------------------------------

    def partner(self, value):
        """A partner of the import's scope by short code or exact name; any other is simply unknown."""
        name = cell_text(value)
        found = self._by_code.get(name.lower()) or self._by_name.get(name)
        if found is None:
            # The same words for a partner that does not exist and for one the user may not import
            # for: a partner's own import must not learn which other partners there are.
            raise CellError(_("Unknown partner: use the short code or the exact name of a partner of this centre.")
                            if name else _("Give the partner (its short code or exact name)."))
        return found

    def kind(self, value) -> str:
        kind = self._kinds.get(cell_text(value).lower())
        if kind is None:
            raise CellError(_("Unknown kind: use one of %(names)s (or the code or full name of the kind).")
                            % {"names": ", ".join(str(short) for short in KIND_SHORT.values())})
        return kind

    def line(self, value) -> int | None:
        """The programme line's id for a line number of the centre (the column is optional)."""
        if cell_text(value) == "":
            return None
        try:
            line = self.lines.get(parse_int(value))
        except CellError:
            line = None
        if line is None:
            raise CellError(_("Unknown programme line: this centre has lines %(numbers)s.")
                            % {"numbers": ", ".join(str(number) for number in sorted(self.lines)) or "-"})
        return line

    def grant_on(self, day: date):
        """(start, end, fixed hourly rate) of the centre's grant that holds `day`, or None."""
        if day not in self._grant_on:
            self._grant_on[day] = next((grant for grant in self._grants if grant[0] <= day <= grant[1]), None)
        return self._grant_on[day]

    def closed_period_on(self, day: date):
        """(start, end) of a closed period that holds `day`, or None."""
        if day not in self._lock_on:
            self._lock_on[day] = next((lock for lock in self._locks if lock[0] <= day <= lock[1]), None)
        return self._lock_on[day]

    def rate(self, partnership_id: int, category: str, day: date) -> tuple[str, Decimal | None] | None:
        """(category as on the card, the rate in force on `day` or None); None when the partner has no such category.

        The rate in force is the card with the latest valid_from on or before the day (valuation.rate_card_on).
        """
        card = self._rates.get((partnership_id, category.lower()))
        if card is None:
            return None
        spelled, days, rates = card
        index = bisect_right(days, day)
        return spelled, rates[index - 1] if index else None

    def categories(self, partnership_id: int) -> list[str]:
        return sorted(card[0] for (pid, _category), card in self._rates.items() if pid == partnership_id)
