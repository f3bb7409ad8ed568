"""Research's personal data (see core/personal_data.py): questions asked, messages written, projects led, outputs
added and summaries reviewed. Only keys to the user."""

from django.utils.translation import gettext_lazy as _

from civhub.core import personal_data
from civhub.core.personal_data import Source, entered_by


def _research(identity) -> list[dict]:
    return (entered_by("research.ResearchQuestion", ("submitted_by",), "centre__slug", "title", "context",
                       "desired_outcome", "status", "submitted_at")(identity)
            + entered_by("research.QuestionMessage", ("author",), "question_id", "text", "created_at")(identity)
            + entered_by("research.ResearchProject", ("practor",), "centre__slug", "title", "start", "end")(identity)
            + entered_by("research.ResearchOutput", ("added_by",), "project_id", "kind", "title", "link",
                         "added_at")(identity)
            + entered_by("research.SummaryReview", ("decided_by",), "project_id", "version", "decision", "comment",
                         "decided_at")(identity))


personal_data.register(Source(
    name="research.records",
    fields={"research.ResearchQuestion": ("submitted_by",), "research.QuestionMessage": ("author",),
            "research.ResearchProject": ("practor",), "research.ResearchOutput": ("added_by",),
            "research.SummaryReview": ("decided_by",)},
    export=_research,
    description=_("Research questions you asked, messages you wrote, projects you lead, outputs you added and "
                  "summaries you reviewed.")))
