"""Reads for the research questions: the list (scoped to the user) with a count per status, and one conversation."""

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, QuerySet, Value, When

from civhub.research.models import QuestionMessage, ResearchQuestion
from civhub.research.permissions import questions_visible_to


@dataclass(frozen=True)
class StatusCount:
    value: str
    label: str
    count: int


def question_list(user, centre, *, status: str | None = None) -> QuerySet[ResearchQuestion]:
    """The questions the user may see: the new ones (waiting for the practor's triage) on top, then the rest;
    newest first within each, with their partner, submitter and number of messages."""
    questions = questions_visible_to(user, centre).select_related("partnership__organisation", "submitted_by")
    if status:
        questions = questions.filter(status=status)
    waiting = Case(When(status=ResearchQuestion.Status.NEW, then=Value(0)), default=Value(1),
                   output_field=IntegerField())
    return questions.annotate(message_count=Count("messages"), waiting=waiting).order_by(
        "waiting", "-submitted_at", "-pk")


def status_counts(user, centre) -> list[StatusCount]:
    """How many of the user's visible questions are in each status (every status, zeros included), in one query."""
    counted = dict(questions_visible_to(user, centre).order_by().values_list("status").annotate(n=Count("pk")))
    return [StatusCount(value, label, counted.get(value, 0)) for value, label in ResearchQuestion.Status.choices]


def conversation(question: ResearchQuestion) -> QuerySet[QuestionMessage]:
    return question.messages.select_related("author")
