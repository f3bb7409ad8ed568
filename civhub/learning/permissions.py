"""Who may do what in lifelong learning; the one place its access rules live (on top of accounts.permissions).

- The catalogue, the learning paths, the offerings feed and the enrolment forms are public.
- Providers are the partners of the centre: their contacts and signatories manage their own
  partnership's courses, offerings and enrolments. The programme office manages every course
  and the learning paths.
- Personal data of an enrolment or an interest: the provider of the course, the office, the
  employer's partner contacts (for their own employees) and the person through their own link.
"""

from django.db.models import Q, QuerySet

from civhub.accounts import permissions as access
from civhub.accounts.models import OFFICE_ROLES, PARTNER_ROLES
from civhub.learning.models import Course, Enrolment, Interest, LearningPath
from civhub.partners.permissions import partnerships_visible_to

# Decorators for views taking `slug`: 404 outside the centre, 403 without the role.
provider_required = access.centre_role_required(*sorted(OFFICE_ROLES | PARTNER_ROLES))
paths_required = access.office_required


def manages_everything(user, centre) -> bool:
    """The programme office (and a superuser) manage every course of the centre."""
    return access.acts_as_office(user, centre)


def may_provide(user, centre) -> bool:
    """Whether the user may offer courses: the office, or a partner's contact or signatory."""
    return manages_everything(user, centre) or bool(access.partnership_ids(user, centre))


def provider_choices(user, centre) -> QuerySet:
    """The partnerships the user may offer courses for: every partner for the office, else the user's own."""
    return partnerships_visible_to(user, centre).select_related("organisation").order_by("organisation__name")


def courses_managed_by(user, centre) -> QuerySet[Course]:
    """Courses the user may edit (drafts included): all of the centre's for the office, else their partners'."""
    courses = Course.objects.filter(centre=centre)
    if manages_everything(user, centre):
        return courses
    return courses.filter(provider_id__in=access.partnership_ids(user, centre))


def courses_visible_to(user, centre) -> QuerySet[Course]:
    """Courses the user may open: the published ones of the centre, and the drafts they manage."""
    return Course.objects.filter(Q(status=Course.Status.PUBLISHED)
                                 | Q(pk__in=courses_managed_by(user, centre).values("pk")), centre=centre)


def enrolments_visible_to(user, centre) -> QuerySet[Enrolment]:
    """Enrolments whose personal data the user may see: the provider's, the employer's, or all for the office."""
    enrolments = Enrolment.objects.filter(offering__course__centre=centre)
    if manages_everything(user, centre):
        return enrolments
    own = access.partnership_ids(user, centre)
    return enrolments.filter(Q(offering__course__provider_id__in=own) | Q(employer_id__in=own))


def interests_visible_to(user, centre) -> QuerySet[Interest]:
    """Interest registrations the user may see, by the same rule as enrolments."""
    interests = Interest.objects.filter(course__centre=centre)
    if manages_everything(user, centre):
        return interests
    own = access.partnership_ids(user, centre)
    return interests.filter(Q(course__provider_id__in=own) | Q(employer_id__in=own))


def employees_visible_to(user, centre) -> tuple[QuerySet[Enrolment], QuerySet[Interest]]:
    """The enrolments and interest of partners' employees: every employer's for the office, else the user's own."""
    enrolments = Enrolment.objects.filter(offering__course__centre=centre, employer__isnull=False)
    interests = Interest.objects.filter(course__centre=centre, employer__isnull=False)
    if manages_everything(user, centre):
        return enrolments, interests
    own = access.partnership_ids(user, centre)
    return enrolments.filter(employer_id__in=own), interests.filter(employer_id__in=own)


def own_employers(user, centre) -> list[int]:
    """The partnerships a signed-in partner's person registers their employees for (none for anyone else)."""
    return sorted(access.partnership_ids(user, centre))


def paths_managed_by(user, centre) -> QuerySet[LearningPath]:
    """Learning paths the user may edit: the office's, all of the centre's."""
    if not manages_everything(user, centre):
        return LearningPath.objects.none()
    return LearningPath.objects.filter(centre=centre)
