"""Who may see and do what in the practorate; the one place its access rules live (on top of accounts.permissions).

- The practor's team (the practor and the programme office) sees every question and project and triages.
- A partner's contacts and signatories see their own partner's questions, and the projects their partner
  takes part in; they submit questions and approve a finished project's public summary.
- Communications and the steering group have no place here (403); other centres' people get a 404.
- Another partner's question, project or file is a 404: a partner does not learn it exists.
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from civhub.accounts import permissions as access
from civhub.accounts.models import OFFICE_ROLES, PARTNER_ROLES, Role
from civhub.partners.models import Partnership
from civhub.partners.permissions import partnerships_visible_to
from civhub.research.models import ResearchProject, ResearchQuestion

TEAM_ROLES = frozenset(OFFICE_ROLES | {Role.PRACTOR})

# Decorators for views taking `slug`: 404 outside the centre, 403 without the role.
research_required = access.centre_role_required(*sorted(TEAM_ROLES | PARTNER_ROLES))
team_required = access.centre_role_required(*sorted(TEAM_ROLES))
partner_required = access.centre_role_required(*sorted(PARTNER_ROLES))


def is_team(user, centre) -> bool:
    """The practor and the programme office: they see everything of the practorate and triage."""
    return bool(user.is_superuser or access.has_role(user, centre, *TEAM_ROLES))


def is_practor(user, centre) -> bool:
    return access.has_role(user, centre, Role.PRACTOR)


def may_submit_question(user, centre) -> bool:
    """A partner's contact or signatory asks questions for their own partner."""
    return bool(access.partnership_ids(user, centre))


def submitting_partnerships(user, centre) -> QuerySet[Partnership]:
    """The partnerships the user may submit a question for: their own."""
    return partnerships_visible_to(user, centre).filter(pk__in=access.partnership_ids(user, centre))


def questions_visible_to(user, centre) -> QuerySet[ResearchQuestion]:
    """All of the centre's questions for the team; a partner's people their own partner's."""
    questions = ResearchQuestion.objects.filter(centre=centre)
    if is_team(user, centre):
        return questions
    return questions.filter(partnership__in=access.partnership_ids(user, centre))


def question_for(user, centre, pk) -> ResearchQuestion:
    """The question, or a 404 when the user may not see it."""
    queryset = questions_visible_to(user, centre).select_related("partnership__organisation", "submitted_by")
    return get_object_or_404(queryset, pk=pk)


def projects_visible_to(user, centre) -> QuerySet[ResearchProject]:
    """All of the centre's projects for the team; a partner's people the projects their partner takes part in."""
    projects = ResearchProject.objects.filter(centre=centre)
    if is_team(user, centre):
        return projects
    own = ResearchProject.partners.through.objects.filter(partnership__in=access.partnership_ids(user, centre))
    return projects.filter(pk__in=own.values("researchproject_id"))


def project_for(user, centre, pk) -> ResearchProject:
    """The project, or a 404 when the user may not see it."""
    return get_object_or_404(projects_visible_to(user, centre).select_related("practor", "question"), pk=pk)


def reviewing_partnership_ids(user, centre, project: ResearchProject) -> set[int]:
    """The project's partners for which the user may approve the public summary (as their contact or signatory)."""
    own = access.partnership_ids(user, centre)
    return {pk for pk in project.partners.values_list("pk", flat=True) if pk in own}
