"""Submitting an application: only when the readiness checklist passes, and it freezes a copy that never changes.

Marking the application submitted (the programme office, after a confirmation page) stores the
whole application as the funder receives it: the PDF, the budget annex (XLSX) and the agreement
annex with every partner's commitment (PDF), each with its SHA-256, and a canonical JSON of the
application, its parts, its budget lines and its forecast after the subsidy with the SHA-256 of
that text (`canonical_content`: keys sorted, no spaces, amounts as strings with two decimals,
UTF-8), so anyone can check later that nothing changed. A copy refuses to be changed or deleted
(models.FrozenModel). After it, the application is no draft, and every service refuses to change
it (services/applications.locked_draft).

While something is missing (a part not done, a rule of the regulation broken) submitting is
refused with the list of what is missing; there is no override.
"""

import hashlib
import json

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from civhub.applications.errors import ApplicationError
from civhub.applications.exports.agreement_annex import agreement_annex_file_name, render_agreement_annex
from civhub.applications.exports.application_pdf import pdf_file_name, render_application_pdf
from civhub.applications.exports.budget_annex import annex_file_name, render_budget_annex
from civhub.applications.models import Application, SubmittedCopy
from civhub.applications.selectors.applications import Readiness, workspace
from civhub.applications.services.applications import ensure_editor, locked_draft
from civhub.core.audit import record_event


def canonical_content(application: Application) -> str:
    """The application, its parts, budget lines and continuation lines as one canonical JSON text."""
    content = {
        "application": {"id": application.pk, "centre": application.centre.slug,
                        "regulation": application.regulation.code, "title": application.title,
                        "planned_start": application.planned_start.isoformat(),
                        "planned_end": application.planned_end.isoformat(),
                        "due_on": application.due_on.isoformat() if application.due_on else None},
        "parts": [{"kind": part.kind, "status": part.status, "draft": part.draft}
                  for part in application.parts.order_by("position", "pk")],
        "budget_lines": [
            {"id": line.pk, "year": line.year, "side": line.side, "source": line.source,
             "partner": line.partnership.short_code if line.partnership else None, "form": line.form,
             "category": line.category, "programme_line": line.programme_line.number if line.programme_line else None,
             "description": line.description, "volume": str(line.volume), "unit": line.unit,
             "price": str(line.price), "amount": str(line.amount)}
            for line in application.budget_lines.select_related("partnership", "programme_line").order_by("pk")],
        "continuation_lines": [
            {"id": line.pk, "year": line.year, "side": line.side,
             "partner": line.partnership.short_code if line.partnership else None,
             "description": line.description, "amount": str(line.amount)}
            for line in application.continuation_lines.select_related("partnership").order_by("pk")],
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


def missing_items(readiness: Readiness) -> list[str]:
    """What still needs work, in the checklist's words: each part not done, then each broken rule."""
    parts = [_("%(part)s is not done yet (status: %(status)s).") % {
        "part": capfirst(part.get_kind_display()), "status": part.get_status_display()}
        for part in readiness.parts_open]
    return [*parts, *(check.message for check in readiness.checks_failing)]


def ensure_ready(application: Application) -> None:
    readiness = workspace(application).readiness
    if not readiness.ready:
        raise ApplicationError(_("The application cannot be submitted yet. Still missing: %(items)s")
                               % {"items": " ".join(missing_items(readiness))})


def submit_application(*, application: Application, actor) -> SubmittedCopy:
    """Mark a ready draft submitted and freeze its copy; ApplicationError naming what is missing otherwise."""
    ensure_editor(actor, application.centre)
    if not application.is_draft:
        raise ApplicationError(_("This application is %(status)s: only a draft can be submitted.")
                               % {"status": application.get_status_display()})
    ensure_ready(application)
    content = canonical_content(application)
    # Rendered before the transaction (it takes a second); the content is compared again under the lock.
    pdf, xlsx = render_application_pdf(application), render_budget_annex(application)
    annex = render_agreement_annex(application)
    stored: list[str] = []
    try:
        with transaction.atomic():
            copy = _freeze(application, actor, content, pdf, xlsx, stored, annex)
    except BaseException:
        _remove(stored)
        raise
    return copy


def _freeze(application, actor, content, pdf, xlsx, stored, annex) -> SubmittedCopy:
    application = locked_draft(application)
    ensure_ready(application)
    if canonical_content(application) != content:
        raise ApplicationError(_("The application changed while it was being submitted. Submit it again."))
    found = workspace(application).figures
    copy = SubmittedCopy(application=application, submitted_by=actor, submitted_at=timezone.now(),
                         subsidy_asked=found.subsidy, budget_total=found.budget, content=content,
                         content_sha256=sha256(content), pdf_sha256=sha256(pdf), xlsx_sha256=sha256(xlsx),
                         agreement_annex_sha256=sha256(annex))
    copy.pdf.save(pdf_file_name(application), ContentFile(pdf), save=False)
    stored.append(copy.pdf.name)
    copy.xlsx.save(annex_file_name(application), ContentFile(xlsx), save=False)
    stored.append(copy.xlsx.name)
    copy.agreement_annex.save(agreement_annex_file_name(application), ContentFile(annex), save=False)
    stored.append(copy.agreement_annex.name)
    copy.save()
    application.status = Application.Status.SUBMITTED
    application.save(update_fields=["status", "updated_at"])
    record_event(application, actor=actor, action="application_submitted", centre=application.centre,
                 summary=application.title,
                 changes={"pdf_sha256": copy.pdf_sha256, "xlsx_sha256": copy.xlsx_sha256,
                          "content_sha256": copy.content_sha256,
                          "agreement_annex_sha256": copy.agreement_annex_sha256, "subsidy_asked": str(found.subsidy)})
    return copy


def _remove(names: list[str]) -> None:
    """Files written for a copy that was not recorded go again: nothing half-done stays behind."""
    storage = SubmittedCopy._meta.get_field("pdf").storage
    for name in names:
        storage.delete(name)
