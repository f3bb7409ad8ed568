"""A finished project's public summary: the practor writes it, each partner approves it, then it is public.

Approvals belong to one version of the text: any edit asks every partner again, so a text
nobody approved never reaches the public page.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.accounts import permissions as access
from civhub.accounts.models import PARTNER_ROLES
from civhub.core.audit import record_event
from civhub.research.errors import ResearchError
from civhub.research.models import ResearchProject, SummaryReview
from civhub.research.permissions import is_team
from civhub.research.services import notifications


def _locked(project: ResearchProject) -> ResearchProject:
    queryset = ResearchProject.objects.select_for_update(of=("self",)).select_related("centre", "practor")
    return queryset.get(pk=project.pk)


def write_summary(*, project: ResearchProject, actor, text: str) -> ResearchProject:
    """Save the summary of a finished project; a changed text goes to every partner for approval."""
    text = (text or "").strip()
    with transaction.atomic():
        project = _locked(project)
        if not is_team(actor, project.centre):
            raise ResearchError(_("Only the practor or the programme office can write the public summary."))
        if not project.is_finished:
            raise ResearchError(_("Write the public summary when the project is finished."))
        if not text:
            raise ResearchError(_("Write the summary before saving it."))
        if text == project.summary:
            return project
        project.summary = text
        project.summary_version += 1
        project.summary_published_at = None
        project.save(update_fields=["summary", "summary_version", "summary_published_at", "updated_at"])
        record_event(project, actor=actor, action="research_summary_written", centre=project.centre,
                     summary=project.title, changes={"summary_version": [project.summary_version - 1,
                                                                         project.summary_version]})
        notifications.summary_to_review(project)
    return project


def review_summary(*, project: ResearchProject, actor, partnership, approve: bool, comment: str = "") -> SummaryReview:
    """Record a partner's decision on the current summary; the last approval publishes it."""
    comment = (comment or "").strip()
    with transaction.atomic():
        project = _locked(project)
        if not project.partners.filter(pk=partnership.pk).exists() or not access.has_partner_role(
                actor, partnership, *PARTNER_ROLES):
            raise ResearchError(_("Only a contact or signatory of one of the project's partners can approve it."))
        if not project.is_finished or not project.summary:
            raise ResearchError(_("There is no summary to approve yet."))
        if not approve and not comment:
            raise ResearchError(_("Say what should change in the summary."))
        decision = SummaryReview.Decision.APPROVED if approve else SummaryReview.Decision.CHANGES_REQUESTED
        review, _created = SummaryReview.objects.update_or_create(
            project=project, partnership=partnership, version=project.summary_version,
            defaults={"decision": decision, "comment": comment, "decided_by": actor, "decided_at": timezone.now()})
        _publish_when_all_approved(project)
        record_event(project, actor=actor, action=f"research_summary_{decision}", centre=project.centre,
                     summary=comment or project.title)
        notifications.summary_reviewed(project, review)
    return review


def _publish_when_all_approved(project: ResearchProject) -> None:
    approved = set(project.reviews.filter(version=project.summary_version, decision=SummaryReview.Decision.APPROVED)
                   .values_list("partnership_id", flat=True))
    everyone = set(project.partners.values_list("pk", flat=True))
    published = timezone.now() if everyone and everyone <= approved else None
    if (published is None) != (project.summary_published_at is None):
        project.summary_published_at = published
        project.save(update_fields=["summary_published_at", "updated_at"])
