"""Synthetic contributions files for the import benchmark (docs/formats.md §2).

    python -m bench.generate --rows 100000 --output /tmp/contributions.csv [--format csv|xlsx] [--seed 1]

Rows are spread over the demo centre's 21 partners (companies more than the rest), the
grant's last year 2025 (the demo closed 2022–2024), the brochure's five in-kind kinds and
the three programme lines: about three in four are staff hours (a quarter hour to a working
day), the rest amounts for lab use and, under the other kinds, materials (category
`materiaal`: under the grant's fixed hourly rate staff time itself is hours). Numbers and
dates are written the ways Dutch spreadsheets write them (`7,5`, `1.234,56`, `15-03-2024`, now and then `2024-03-15`).
Every extern_id is unique; the same seed gives the same file.
"""

import argparse
import csv
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import yaml

DEMO = Path(__file__).resolve().parent.parent / "civhub" / "loader" / "demo" / "civ-bio-sciences.yaml"
HEADER = ["extern_id", "partner", "datum", "soort", "programmalijn", "categorie", "uren", "bedrag", "omschrijving"]
KINDS = ["organisation", "research", "lab", "education", "lifelong_learning"]
CATEGORIES = ["analyst", "senior_analyst", "lab_technician", "lecturer", "researcher", "coordinator"]
FIRST_DAY, LAST_DAY = date(2025, 1, 1), date(2025, 12, 31)
MATERIAL = "materiaal"
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]
WORK = {
    "organisation": ["Stuurgroepoverleg", "Werkgroep curriculum", "Overleg programmalijn", "Voorbereiding stuurgroep"],
    "research": ["Begeleiding onderzoeksopdracht", "Meetplan practoraat", "Analyse monsters", "Data-analyse"],
    "lab": ["Gebruik HPLC-lab", "Labruimte practicum", "Verbruiksmaterialen", "Onderhoud apparatuur"],
    "education": ["Gastles analytische chemie", "Praktijkopdracht ontwikkeld", "Beoordeling examens", "Lesmateriaal"],
    "lifelong_learning": ["Bijscholing analisten", "Masterclass GMP", "Workshop data", "Leerlijn LLO"],
}


def demo_partners() -> list[tuple[str, int]]:
    """(short code, weight) of the demo centre's partners: companies contribute most entries."""
    organisations = yaml.safe_load(DEMO.read_text(encoding="utf-8"))["organisations"]
    weights = {"company": 6, "staffing": 3, "hospital": 4, "college": 3, "school": 3}
    return [(org["short_code"], weights.get(org["kind"], 1)) for org in organisations]


def contribution_rows(count: int, *, seed: int = 1) -> Iterator[list[str]]:
    """`count` rows in HEADER's order."""
    rng = random.Random(seed)
    partners = demo_partners()
    codes, weights = [code for code, _ in partners], [weight for _, weight in partners]
    span = (LAST_DAY - FIRST_DAY).days
    for number in range(1, count + 1):
        kind = rng.choice(KINDS)
        day = FIRST_DAY + timedelta(days=rng.randrange(span + 1))
        hours_row = rng.random() < (0.4 if kind == "lab" else 0.85)
        yield [
            f"bench-{number:07d}",
            rng.choices(codes, weights)[0],
            day.isoformat() if rng.random() < 0.1 else day.strftime("%d-%m-%Y"),
            kind,
            "" if rng.random() < 0.1 else str(rng.randint(1, 3)),
            rng.choice(CATEGORIES) if hours_row else "" if kind == "lab" else MATERIAL,
            _dutch(Decimal(rng.randint(1, 32)) / 4) if hours_row else "",
            "" if hours_row else _dutch(_amount(rng)),
            f"{rng.choice(WORK[kind])} ({MONTHS[day.month - 1]} {day.year})",
        ]


def _amount(rng: random.Random) -> Decimal:
    """EUR 25 to 25,000, most of them small (log-uniform)."""
    return Decimal(str(round(25 * 1000 ** rng.random(), 2))).quantize(Decimal("0.01"))


def _dutch(number: Decimal) -> str:
    """`7,5` and `1.234,56`, as a Dutch spreadsheet writes them."""
    text = f"{number:,.2f}" if number >= 1000 else f"{number.normalize():f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def write_csv(rows, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADER)
        writer.writerows(rows)


def write_xlsx(rows, path: Path) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("Bijdragen")
    sheet.write_row(0, 0, HEADER)
    for number, cells in enumerate(rows, start=1):
        sheet.write_row(number, 0, cells)
    workbook.close()


def generate(rows: int, output: Path, *, file_format: str = "csv", seed: int = 1) -> Path:
    (write_xlsx if file_format == "xlsx" else write_csv)(contribution_rows(rows, seed=seed), output)
    return output


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic contributions file (docs/formats.md §2).")
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--format", dest="file_format", choices=["csv", "xlsx"], default="csv")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    generate(args.rows, args.output, file_format=args.file_format, seed=args.seed)
    print(f"wrote {args.rows} rows to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
