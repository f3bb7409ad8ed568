"""Who may see and do what in the Human Capital Agenda; the one place its access rules live.

- The programme office keeps the occupations and programmes, opens survey rounds, sees who
  answered and every single answer.
- An employer partner's contacts and signatories answer for their own partner and see only
  their own answers, ever; another partner's answers are a 404.
- Everyone else (and the office's published pages) sees only sums over at least
  `selectors.MIN_PARTNERS` answering partners: the public page is open to all; the HCA page and
  its report (XLSX, PDF) are for the office, the steering group and the practor (`may_read`).
- The office keeps the skills, the skill coverage of every line-1 module and the published forecasts. A school
  partner's contacts and signatories keep their own school's programmes and the coverage of the modules their
  school provides; another school's programme is a 404.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from civhub.accounts import permissions as access
from civhub.accounts.models import OFFICE_ROLES, Role
from civhub.hca.errors import HcaError
from civhub.partners.models import CofinancingGroup, OrganisationKind, Partnership
from civhub.programme.models import EducationModule

# Decorator for the office's pages taking `slug`: 404 outside the centre, 403 without an office role.
office_pages_required = access.office_required

# Who reads the HCA page (the forecast, the trend, the skills heatmap, the published forecast beside ours): the
# office, the steering group and the practor. Outside the office only published cells (MIN_PARTNERS or more).
READER_ROLES = (*sorted(OFFICE_ROLES), Role.STEERING_MEMBER, Role.PRACTOR)
reader_pages_required = access.centre_role_required(*READER_ROLES)


def may_read(user, centre) -> bool:
    """The office, the steering group's members and the practor (or a superuser) read the HCA page."""
    return bool(getattr(user, "is_superuser", False)) or access.has_role(user, centre, *READER_ROLES)


def sees_every_cell(user, centre) -> bool:
    """Whether the user sees cells with fewer than MIN_PARTNERS answering partners (marked): the office only."""
    return may_manage(user, centre)


def may_manage(user, centre) -> bool:
    """The office (or a superuser): occupations, programmes, survey rounds and every answer."""
    return access.acts_as_office(user, centre)


def answers_for(user, partnership: Partnership) -> bool:
    """Whether the user answers the survey for this partner: its contact or signatory, the partner an employer."""
    return (partnership.cofinancing_group == CofinancingGroup.EMPLOYER
            and partnership.pk in access.partnership_ids(user, partnership.centre))


def ensure_may_answer(user, partnership: Partnership) -> None:
    if not (answers_for(user, partnership) or may_manage(user, partnership.centre)):
        raise HcaError(_("Only the partner itself, or the programme office, may give this partner's answers."))


def ensure_may_manage(user, centre) -> None:
    if not may_manage(user, centre):
        raise HcaError(_("Only the programme office may do this."))


def answering_partnerships(user, centre) -> list[Partnership]:
    """The employer partners of `centre` the user answers the survey for (as contact or signatory), by name."""
    return list(Partnership.objects.filter(centre=centre, pk__in=access.partnership_ids(user, centre),
                                           cofinancing_group=CofinancingGroup.EMPLOYER)
                .select_related("organisation").order_by("organisation__name"))


# Decorator for the partner's survey pages taking `slug`: 404 outside the centre, 403 without a partner role.
partner_pages_required = access.partner_roles_required
# Skills, coverage, published forecasts and the schools' own programmes ------------------------------------------

# Organisations that count as a school without the office having named them one (a programme's school, a module's
# provider): an mbo school, a university or college.
SCHOOL_KINDS = frozenset({OrganisationKind.SCHOOL, OrganisationKind.COLLEGE})


def is_school(partnership: Partnership) -> bool:
    """Whether the partner is a school: by its kind, or because the office made it a programme's school."""
    return (partnership.organisation.kind in SCHOOL_KINDS
            or partnership.education_programmes.exists())


def school_partnerships(user, centre) -> QuerySet[Partnership]:
    """The partnerships whose programmes the user may keep: every one for the office, else the user's own."""
    partnerships = Partnership.objects.filter(centre=centre).select_related("organisation")
    if may_manage(user, centre):
        return partnerships
    return partnerships.filter(pk__in=access.partnership_ids(user, centre))


def school_or_404(user, centre, code: str) -> Partnership:
    """The partnership with this short code whose programmes the user keeps: another partner's is a 404, the
    user's own partnership when it is no school a 403."""
    partnership = get_object_or_404(school_partnerships(user, centre), short_code=code)
    if not (may_manage(user, centre) or is_school(partnership)):
        raise PermissionDenied
    return partnership


def may_keep_programmes_of(user, school: Partnership) -> bool:
    """The office, or the school's own contacts and signatories (the partner a school)."""
    return may_manage(user, school.centre) or (
        school.pk in access.partnership_ids(user, school.centre) and is_school(school))


def ensure_may_keep_programmes_of(user, school: Partnership) -> None:
    if not may_keep_programmes_of(user, school):
        raise HcaError(_("Only the school itself, or the programme office, may keep this school's programmes."))


def coverage_modules(user, centre) -> QuerySet[EducationModule]:
    """The line-1 modules whose skill coverage the user keeps: every one for the office, else the modules the
    user's own partners provide."""
    modules = EducationModule.objects.filter(centre=centre)
    if may_manage(user, centre):
        return modules
    return modules.filter(provider_id__in=access.partnership_ids(user, centre))


def coverage_pages_required(view):
    """Decorator for the coverage page taking `slug`: 404 outside the centre; 403 unless office or a partner that
    provides a module; the view gets the centre and the modules the user keeps."""

    @access.centre_role_required()
    @wraps(view)
    def wrapper(request, centre, *args, **kwargs):
        modules = coverage_modules(request.user, centre)
        if not (may_manage(request.user, centre) or modules.exists()):
            raise PermissionDenied
        return view(request, centre, modules, *args, **kwargs)

    return wrapper


def ensure_may_cover(user, centre, module_ids) -> None:
    """Refuse a change to the coverage of a module the user does not keep."""
    kept = set(coverage_modules(user, centre).filter(pk__in=module_ids).values_list("pk", flat=True))
    if set(module_ids) - kept:
        raise HcaError(_("You may only change the coverage of the modules your own school provides."))
