"""A partner's research question: submitting it, the intake conversation and the practor's triage.

The triage is a small state machine (TRANSITIONS). Every change locks the question, is
audited in the same transaction and tells the submitter by e-mail after the commit.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.accounts import permissions as access
from civhub.accounts.models import PARTNER_ROLES
from civhub.core.audit import record_event
from civhub.research.errors import ResearchError
from civhub.research.models import QuestionMessage, ResearchProject, ResearchQuestion
from civhub.research.permissions import is_team
from civhub.research.services import notifications

Status = ResearchQuestion.Status

# Where a question may go from each status. Accepted and declined are final: a declined question
# can be asked again as a new one.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.NEW: frozenset({Status.INTAKE, Status.ACCEPTED, Status.DECLINED, Status.PARKED}),
    Status.INTAKE: frozenset({Status.ACCEPTED, Status.DECLINED, Status.PARKED}),
    Status.PARKED: frozenset({Status.INTAKE, Status.ACCEPTED, Status.DECLINED}),
    Status.ACCEPTED: frozenset(),
    Status.DECLINED: frozenset(),
}
# While a question is open, the practor and the partner can write to each other about it.
OPEN_STATUSES = frozenset({Status.NEW, Status.INTAKE, Status.PARKED})

QUESTION_FIELDS = ("title", "context", "desired_outcome", "student_hosting", "lab_time")


def allowed_transitions(question: ResearchQuestion) -> frozenset[str]:
    return TRANSITIONS.get(question.status, frozenset())


def submit_question(*, partnership, actor, data: dict) -> ResearchQuestion:
    """Store a partner's new question and tell the practors; only the partner's own contacts and signatories."""
    if not access.has_partner_role(actor, partnership, *PARTNER_ROLES):
        raise ResearchError(_("Only a contact or signatory of this partner can submit its research questions."))
    fields = {name: (data.get(name) or "").strip() for name in QUESTION_FIELDS}
    if not fields["title"]:
        raise ResearchError(_("Give the question a title."))
    if not fields["context"] or not fields["desired_outcome"]:
        raise ResearchError(_("Describe the situation at work and the outcome you hope for."))
    with transaction.atomic():
        question = ResearchQuestion.objects.create(centre=partnership.centre, partnership=partnership,
                                                   submitted_by=actor, **fields)
        record_event(question, actor=actor, action="research_question_submitted", centre=partnership.centre,
                     summary=question.title)
        notifications.question_received(question)
    return question


def _locked(question: ResearchQuestion) -> ResearchQuestion:
    queryset = ResearchQuestion.objects.select_for_update(of=("self",)).select_related("centre", "submitted_by")
    return queryset.get(pk=question.pk)


def _move(question: ResearchQuestion, *, actor, to: str, text: str = "") -> ResearchQuestion:
    """Change the status of a locked question after checking the transition; the caller holds the transaction."""
    if not is_team(actor, question.centre):
        raise ResearchError(_("Only the practor or the programme office can triage research questions."))
    if to not in Status.values:
        raise ResearchError(_("“%(status)s” is not a status of a research question.") % {"status": to})
    if to not in allowed_transitions(question):
        raise ResearchError(_("A question that is %(current)s cannot become %(new)s.") % {
            "current": question.get_status_display(), "new": Status(to).label})
    previous = question.status
    question.status = to
    question.status_changed_at = timezone.now()
    if to in (Status.DECLINED, Status.PARKED):
        question.status_note = text
    question.save(update_fields=["status", "status_changed_at", "status_note"])
    record_event(question, actor=actor, action=f"research_question_{to}", centre=question.centre,
                 summary=question.title, changes={"status": [previous, to]})
    return question


def _required(text: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ResearchError(message)
    return text


def start_intake(*, question: ResearchQuestion, actor, message: str) -> ResearchQuestion:
    """Start the intake: the practor's first question back becomes the first message of the conversation."""
    text = _required(message, _("Write the question you want to ask the partner."))
    with transaction.atomic():
        question = _move(_locked(question), actor=actor, to=Status.INTAKE)
        QuestionMessage.objects.create(question=question, author=actor, text=text)
        notifications.status_changed(question, text)
    return question


def decline_question(*, question: ResearchQuestion, actor, reason: str) -> ResearchQuestion:
    """Decline the question with a reason the submitter reads."""
    text = _required(reason, _("Give the reason for declining, so that the partner understands the decision."))
    with transaction.atomic():
        question = _move(_locked(question), actor=actor, to=Status.DECLINED, text=text)
        notifications.status_changed(question, text)
    return question


def park_question(*, question: ResearchQuestion, actor, note: str) -> ResearchQuestion:
    """Park the question for later, with a note saying why and until when."""
    text = _required(note, _("Add a note saying why the question is parked and when it will be looked at again."))
    with transaction.atomic():
        question = _move(_locked(question), actor=actor, to=Status.PARKED, text=text)
        notifications.status_changed(question, text)
    return question


def accept_question(*, question: ResearchQuestion, actor, project_data: dict) -> ResearchProject:
    """Accept the question and create its research project (with the question's partner among its partners)."""
    from civhub.research.services.projects import create_project  # projects import nothing from here

    with transaction.atomic():
        question = _move(_locked(question), actor=actor, to=Status.ACCEPTED)
        partners = {*project_data.get("partners", []), question.partnership}
        project = create_project(centre=question.centre, actor=actor, question=question,
                                 data={**project_data, "partners": partners})
        notifications.status_changed(question, "")
    return project


def post_message(*, question: ResearchQuestion, actor, text: str) -> QuestionMessage:
    """Add a message to an open question's conversation and tell the other side."""
    text = _required(text, _("Write a message before sending it."))
    with transaction.atomic():
        question = _locked(question)
        by_team = is_team(actor, question.centre)
        if not (by_team or question.partnership_id in access.partnership_ids(actor, question.centre)):
            raise ResearchError(_("Only the practor, the programme office and this partner can write here."))
        if question.status not in OPEN_STATUSES:
            raise ResearchError(_("This question has been decided; the conversation is closed."))
        message = QuestionMessage.objects.create(question=question, author=actor, text=text)
        record_event(question, actor=actor, action="research_question_message", centre=question.centre,
                     summary=text)
        notifications.message_posted(question, message, by_team=by_team)
    return message
