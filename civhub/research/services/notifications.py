"""E-mails of the practorate, each queued for after the transaction commits, in the recipient's language."""

from civhub.accounts.models import PARTNER_ROLES, Membership, Role
from civhub.accounts.notifications import notify
from civhub.core.mail import send_after_commit
from civhub.research.models import QuestionMessage, ResearchProject, ResearchQuestion, SummaryReview


def _send(user, template: str, context: dict) -> None:
    send_after_commit(to=[user.email], template=f"research/email/{template}", context=context,
                      language=user.preferred_language or "nl")


def _practors(centre):
    memberships = Membership.objects.filter(centre=centre, role=Role.PRACTOR, user__is_active=True)
    return [membership.user for membership in memberships.select_related("user")]


def _partner_people(partnership_ids):
    memberships = Membership.objects.filter(partnership__in=partnership_ids, role__in=sorted(PARTNER_ROLES),
                                            user__is_active=True).select_related("user")
    return list({membership.user.pk: membership.user for membership in memberships}.values())


def question_received(question: ResearchQuestion) -> None:
    """Tell the centre's practors that a partner asked a new question (as each chose: at once, digest, or not)."""
    notify(_practors(question.centre), template="research/email/question_received",
           context={"question": question, "centre": question.centre})


def status_changed(question: ResearchQuestion, text: str) -> None:
    """Tell the submitter the question's new status, with the reason, note or question that came with it."""
    _send(question.submitted_by, "question_status", {"question": question, "centre": question.centre, "text": text})


def message_posted(question: ResearchQuestion, message: QuestionMessage, *, by_team: bool) -> None:
    """A message from the practor's side goes to the submitter; a partner's answer goes to the practors."""
    recipients = [question.submitted_by] if by_team else _practors(question.centre)
    for user in recipients:
        if user.pk != message.author_id:
            _send(user, "question_message", {"question": question, "centre": question.centre, "message": message})


def summary_to_review(project: ResearchProject) -> None:
    """Ask the people of each of the project's partners to approve the new text of the public summary."""
    partner_ids = list(project.partners.values_list("pk", flat=True))
    for user in _partner_people(partner_ids):
        _send(user, "summary_to_review", {"project": project, "centre": project.centre})


def summary_reviewed(project: ResearchProject, review: SummaryReview) -> None:
    """Tell the project's practor a partner's decision on the summary (and whether it is now public)."""
    _send(project.practor, "summary_reviewed", {"project": project, "centre": project.centre, "review": review})
