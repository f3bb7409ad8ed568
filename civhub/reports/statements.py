"""Partner statements: per partner and year, its accepted contributions as a PDF ready for its signatory to sign.

The auditor of the lead applicant asks every partner to confirm what it contributed. The
statement lists the partner's accepted entries of one calendar year (reversed entries and
their reversals are shown as such: together they count zero), the hours and value per kind
and overall (summed by the database), and a signature block for the partner's signatory.
The office can download every partner's statement of a year as one ZIP.
"""

import zipfile
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

from django.db.models import QuerySet
from django.utils import translation

from civhub.core.choices import ContributionKind
from civhub.core.models import Centre
from civhub.ledger.models import Contribution
from civhub.partners.models import Contact, Partnership
from civhub.reports.pdf import PDF_LANGUAGE, now, render_pdf
from civhub.reports.selectors import partners_with_entries, signatories, statement_entries, statement_totals


@dataclass
class KindTotal:
    kind: str
    label: str
    entries: int
    hours: object
    amount: object


@dataclass
class Statement:
    """What one partner's statement of one year shows."""

    partnership: Partnership
    year: int
    entries: QuerySet[Contribution]
    kinds: list[KindTotal]
    total: dict
    signers: list[Contact]

    @property
    def counted(self) -> bool:
        return self.partnership.counts_as_cofinancing


def statement(partnership: Partnership, year: int) -> Statement:
    """The partner's statement of `year`: entries, totals per kind and overall, who signs it."""
    per_kind, total = statement_totals(partnership, year)
    order = list(ContributionKind)  # the brochure's order, as everywhere else
    kinds = [KindTotal(row["kind"], str(ContributionKind(row["kind"]).label), row["entries"], row["hours"],
                       row["amount"]) for row in sorted(per_kind, key=lambda row: order.index(row["kind"]))]
    return Statement(partnership, year, statement_entries(partnership, year), kinds, total, signatories(partnership))


def file_name(partnership: Partnership, year: int) -> str:
    return f"verklaring-{partnership.short_code}-{year}.pdf"


def render_statement_pdf(partnership: Partnership, year: int, *, generated_at: datetime | None = None,
                         language: str = PDF_LANGUAGE) -> bytes:
    """The statement as PDF (in Dutch unless asked otherwise)."""
    with translation.override(language):
        return render_pdf("reports/statement.html", {
            "statement": statement(partnership, year), "centre": partnership.centre,
            "generated_at": generated_at or now(),
        })


def write_statements_zip(centre: Centre, year: int, binary_file: BinaryIO, *, progress=None) -> int:
    """Write one statement per partner with accepted entries in `year` into a ZIP; the number of statements.

    `progress(done, total)` hears each statement written (the worker's status page shows it).
    """
    partnerships = list(partners_with_entries(centre, year))
    generated_at = now()
    with zipfile.ZipFile(binary_file, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for done, partnership in enumerate(partnerships, start=1):
            archive.writestr(file_name(partnership, year),
                             render_statement_pdf(partnership, year, generated_at=generated_at))
            if progress is not None:
                progress(done, len(partnerships))
    return len(partnerships)
