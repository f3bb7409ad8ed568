"""The whole application as one PDF (WeasyPrint, the reports' print style), as the funder reads it.

A title page (the centre, the round, the period, the subsidy asked and the budget that counts); each
part's text in the regulation's order; for the regional vision, the labour-market figures of the HCA
(the centre's newest published forecast: openings, supply, ITA per occupation), as its page shows them;
the budget tables per year (income by group, costs by kind, on landscape pages) and the regulation's
checks with their outcome; the forecast for the years after the subsidy; and the partners with their
budget totals (`commitments.commitment_rows`, the hook the partners' confirmations fill in).
"""

from datetime import datetime

from django.utils import translation

from civhub.applications.budget_rules import ZERO
from civhub.applications.exports.commitments import commitment_rows
from civhub.applications.models import Application, PartKind
from civhub.applications.selectors import budget as budget_selectors
from civhub.applications.selectors import continuation
from civhub.applications.selectors.applications import parts_of
from civhub.hca.selectors.forecast import MIN_PARTNERS
from civhub.hca.selectors.summary import headline
from civhub.reports.pdf import PDF_LANGUAGE, now, render_pdf
from civhub.reports.selectors import lead_applicant


def pdf_file_name(application: Application) -> str:
    return f"subsidieaanvraag-{application.centre.slug}-{application.pk}.pdf"


def application_context(application: Application, *, generated_at: datetime | None = None) -> dict:
    """Everything the PDF shows (in the active language)."""
    page = budget_selectors.budget_page(application)
    commitments = commitment_rows(application)
    return {
        "application": application, "centre": application.centre, "generated_at": generated_at or now(),
        "lead": lead_applicant(application.centre), "parts": parts_of(application),
        "vision_kind": PartKind.REGIONAL_VISION, "vision": headline(application.centre),
        "min_partners": MIN_PARTNERS, "budget": page, "figures": page.figures,
        "continuation": continuation.years(application), "commitments": commitments,
        "commitments_total": sum((row.total for row in commitments), ZERO),
    }


def render_application_pdf(application: Application, *, generated_at: datetime | None = None,
                           language: str = PDF_LANGUAGE) -> bytes:
    with translation.override(language):
        return render_pdf("applications/pdf/application.html",
                          application_context(application, generated_at=generated_at))
