"""The labour-market indicators of one forecast (docs/formats.md §7, docs/hca-method.md): ROA's concepts.

A forecast per occupation (or education) over a horizon of H years gives employment in the
base year, expansion demand (may be negative), replacement demand and the supply of
school-leavers. From these: job openings (expansion + replacement, never below 0), each as a
share of employment and as a geometric yearly percentage, the importance of replacement
demand, and the ITA (supply ÷ openings) with its typology. Everything is Decimal; rounding is
half up, percentages to 1 decimal, the ITA to 2, and the typology is read from the ITA as printed.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

HUNDRED = Decimal(100)
ONE_DECIMAL, TWO_DECIMALS = Decimal("0.1"), Decimal("0.01")

# ROA's typology of the 2021 edition: the highest ITA (as printed) of each label, best first.
TYPOLOGY = ((Decimal("0.85"), "zeer goed"), (Decimal("1.00"), "goed"), (Decimal("1.05"), "redelijk"),
            (Decimal("1.15"), "matig"))
WORST, NO_OPENINGS = "slecht", "geen baanopeningen"


@dataclass(frozen=True)
class Forecast:
    """One occupation's forecast: persons employed in the base year and the flows over `horizon` years."""

    occupation: str
    employment: Decimal
    expansion: Decimal
    replacement: Decimal
    supply: Decimal
    horizon: int


@dataclass(frozen=True)
class Indicators:
    """The indicators of one forecast; the importance of replacement and the ITA are None without openings."""

    occupation: str
    openings: Decimal
    expansion_pct: Decimal
    replacement_pct: Decimal
    openings_pct: Decimal
    expansion_per_year_pct: Decimal
    replacement_per_year_pct: Decimal
    openings_per_year_pct: Decimal
    replacement_importance_pct: Decimal | None
    ita: Decimal | None
    typology: str


def indicators(forecast: Forecast) -> Indicators:
    """The §7 indicators of `forecast` (employment > 0, replacement and supply ≥ 0, horizon ≥ 1)."""
    openings = max(Decimal(0), forecast.expansion + forecast.replacement)
    shares = [flow / forecast.employment for flow in (forecast.expansion, forecast.replacement, openings)]
    ita = _rounded(forecast.supply / openings, TWO_DECIMALS) if openings else None
    return Indicators(
        forecast.occupation, openings,
        *(percent(share) for share in shares),
        *(percent(per_year(share, forecast.horizon)) for share in shares),
        replacement_importance_pct=percent(min(forecast.replacement / openings, Decimal(1))) if openings else None,
        ita=ita, typology=typology(ita),
    )


def per_year(share: Decimal, horizon: int) -> Decimal:
    """The geometric yearly rate of a change of `share` over `horizon` years: (1 + share)^(1/horizon) − 1.

    ROA's tables use this: 14 % over six years is 2.2 % a year, not 14 ÷ 6 = 2.3 %.
    """
    with localcontext() as context:
        context.prec = 28
        return (1 + share) ** (Decimal(1) / horizon) - 1


def typology(ita: Decimal | None) -> str:
    """ROA's label for an ITA as printed (2 decimals); "geen baanopeningen" without openings."""
    if ita is None:
        return NO_OPENINGS
    return next((label for ceiling, label in TYPOLOGY if ita <= ceiling), WORST)


def percent(share: Decimal) -> Decimal:
    """A share as a percentage with one decimal, rounded half up (0.1405 → 14.1)."""
    return _rounded(share * HUNDRED, ONE_DECIMAL)


def _rounded(value: Decimal, places: Decimal) -> Decimal:
    return value.quantize(places, rounding=ROUND_HALF_UP) + 0  # + 0: a rounded -0.04 prints 0.0, not -0.0
