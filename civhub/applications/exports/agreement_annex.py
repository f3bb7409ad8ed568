"""The agreement annex (PDF) the funder asks with the application: the cooperation agreement behind the pledges
and every partner's commitment.

The current version of the agreement (its number, date and what changed); every partner's signature
under it (signed by whom, when, as a scan or in civhub; an accession with the date from which its
pledges count; or not yet signed); then per partner its pledge table as the partner sees it (per year,
cash or in kind, volume × price) with its confirmation (by whom, when, the SHA-256 of the table) or
where it stands. Nine queries, whatever the number of partners and lines.
"""

from datetime import datetime

from django.utils import translation

from civhub.applications.exports.commitments import commitment_rows
from civhub.applications.models import Application
from civhub.applications.selectors.commitments import pledge_tables
from civhub.partners.selectors.agreement import register
from civhub.reports.pdf import PDF_LANGUAGE, now, render_pdf


def agreement_annex_file_name(application: Application) -> str:
    return f"overeenkomstbijlage-{application.centre.slug}-{application.pk}.pdf"


def annex_context(application: Application, *, generated_at: datetime | None = None) -> dict:
    found = register(application.centre)
    tables = pledge_tables(application)
    rows = commitment_rows(application)
    partners = [{"row": row, "table": tables.get(row.standing.partnership.pk) if row.standing else None}
                for row in rows]
    return {"application": application, "centre": application.centre, "generated_at": generated_at or now(),
            "register": found, "partners": partners, "rows": rows}


def render_agreement_annex(application: Application, *, generated_at: datetime | None = None,
                           language: str = PDF_LANGUAGE) -> bytes:
    with translation.override(language):
        return render_pdf("applications/pdf/agreement_annex.html",
                          annex_context(application, generated_at=generated_at))
