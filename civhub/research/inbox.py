"""The practorate's items in the inbox (core/inbox.py): new research questions for the practor to triage."""

from django.urls import reverse
from django.utils.translation import gettext as _

from civhub.core.inbox import Item
from civhub.research.models import ResearchQuestion
from civhub.research.permissions import is_practor


def questions_to_triage(user, centre) -> list[Item]:
    """The centre's new questions, for its practors (one query)."""
    if not is_practor(user, centre):
        return []
    questions = (ResearchQuestion.objects.filter(centre=centre, status=ResearchQuestion.Status.NEW)
                 .select_related("partnership__organisation").order_by("pk"))
    return [Item(kind="research.triage", group=_("Research questions to triage"), title=question.title,
                 since=question.submitted_at, url=reverse("research:question", args=[centre.slug, question.pk]),
                 action=_("Triage"), note=question.partnership.organisation.name, order=40)
            for question in questions]
