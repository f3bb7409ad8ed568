"""Who may see and do what: the one place civhub decides access.

Rules: a person sees the centres they hold a role in. Another centre's or another
partner's object is a 404 (we do not confirm it exists); the right centre with too low
a role is a 403. Views, exports and the admin all start from these querysets.
"""

from collections.abc import Iterable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import Resolver404, resolve

from civhub.accounts.models import OFFICE_ROLES, PARTNER_ROLES, Membership, Role
from civhub.core import revisions
from civhub.core.models import Centre, RequestedFile
from civhub.core.requested_files import office_kinds

_CACHE_ATTR = "_civhub_roles"
_CENTRE_ATTR = "_civhub_centre"


def _memberships(user) -> list[tuple[int, str, int | None]]:
    """(centre id, role, partnership id) for every role the user holds; cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).values_list("centre_id", "role", "partnership_id"))
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_roles(user) -> None:
    """Drop the cached roles after a membership change in the same request."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def all_roles(user) -> set[str]:
    """Every role the user holds, in any centre."""
    return {role for _, role, _ in _memberships(user)}


def roles_in(user, centre: Centre) -> set[str]:
    return {role for centre_id, role, _ in _memberships(user) if centre_id == centre.pk}


def has_role(user, centre: Centre, *roles: str) -> bool:
    return bool(roles_in(user, centre) & set(roles))


def is_office(user, centre: Centre) -> bool:
    """The programme office: programme manager, finance controller, centre administrator."""
    return has_role(user, centre, *OFFICE_ROLES)


def acts_as_office(user, centre: Centre) -> bool:
    """The programme office, or a superuser, who may do whatever the office does."""
    return bool(getattr(user, "is_superuser", False)) or is_office(user, centre)


def partnership_ids(user, centre: Centre) -> set[int]:
    """The partnerships in `centre` the user acts for as contact or signatory."""
    return {pid for centre_id, role, pid in _memberships(user) if centre_id == centre.pk and role in PARTNER_ROLES}


def partnerships_with_role(user, centre: Centre, role: str) -> set[int]:
    """The partnerships in `centre` for which the user holds `role` (e.g. those they sign for)."""
    return {pid for centre_id, held, pid in _memberships(user) if centre_id == centre.pk and held == role}


def has_partner_role(user, partnership, *roles: str) -> bool:
    """Whether the user holds one of `roles` for this very partnership."""
    return any(
        centre_id == partnership.centre_id and pid == partnership.pk and role in roles
        for centre_id, role, pid in _memberships(user)
    )


def memberships_in(user, centre: Centre) -> tuple[tuple[str, int | None], ...]:
    """(role, partnership id) of every role the user holds in `centre`, sorted: what their access there rests on."""
    return tuple(sorted(((role, pid) for centre_id, role, pid in _memberships(user) if centre_id == centre.pk),
                        key=lambda held: (held[0], held[1] or 0)))


def centres_of(user) -> QuerySet[Centre]:
    """The centres the user holds any role in (all centres for a superuser)."""
    if getattr(user, "is_superuser", False):
        return Centre.objects.all()
    return Centre.objects.filter(pk__in={centre_id for centre_id, _, _ in _memberships(user)})


def centre_role_required(*roles: str):
    """Decorate a view taking `slug`: 404 unless the user is in that centre, 403 without one of `roles`.

    The view receives the Centre instead of the slug. With no roles, any role in the centre will do. The roles
    are kept on the view (`centre_roles`), so `may_open` can tell a page whether to show a link to it.
    """

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, slug, *args, **kwargs):
            centre = centre_with_role(request.user, slug, roles)
            setattr(request, _CENTRE_ATTR, centre)  # for the menu (centre_of_request): no second query
            return view(request, centre, *args, **kwargs)

        wrapper.centre_roles = frozenset(roles)  # on the outer (login_required) function; @wraps carries it further
        return wrapper

    return decorator


def centre_of_request(request) -> Centre | None:
    """The centre in the URL (`slug`) when the signed-in user holds a role in it, else None: the one the view's
    `centre_role_required` found, or read here for a view without it."""
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("slug") if match else None
    if not slug:
        return None
    found = getattr(request, _CENTRE_ATTR, None)
    if found is not None and found.slug == slug:
        return found
    return centres_of(request.user).filter(slug=slug).first()


def centre_with_role(user, slug: str, roles) -> Centre:
    """The centre `slug` names: Http404 unless the user is in it, PermissionDenied without one of `roles`.

    The rule of `centre_role_required`, for the API's views (civhub/api/rest/centres.py) as for the pages.
    """
    centre = get_object_or_404(centres_of(user).select_related("revision"), slug=slug)
    revisions.remember(centre)  # the token came with the centre: the page's cached parts ask no more
    if not _holds_one_of(user, centre, roles):
        raise PermissionDenied
    return centre


def _holds_one_of(user, centre: Centre, roles) -> bool:
    return not roles or bool(getattr(user, "is_superuser", False)) or has_role(user, centre, *roles)


def may_open(user, centre: Centre, path: str) -> bool:
    """Whether `path` of this centre opens for the user by its role rule, so a page can leave out a dead link.

    It reads the roles `centre_role_required` put on the view; a view without them (a public page, or one that
    checks access itself) counts as open. An object of another partner stays a 404 for its own view to say.
    """
    try:
        match = resolve(path)
    except Resolver404:
        return False
    roles = getattr(match.func, "centre_roles", None)
    if roles is None:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return (getattr(user, "is_superuser", False) or bool(roles_in(user, centre))) and _holds_one_of(user, centre,
                                                                                                  roles)


def requested_files_visible_to(user, centre: Centre) -> QuerySet[RequestedFile]:
    """The files made in the background (core/requested_files.py) the user may open: those they asked for, and for
    the office the centre's office files whoever asked for them. Anyone else's is a 404."""
    mine = Q(requested_by=user)
    if acts_as_office(user, centre):
        mine |= Q(kind__in=office_kinds())
    return RequestedFile.objects.filter(mine, centre=centre)


office_required = centre_role_required(*sorted(OFFICE_ROLES))
partner_roles_required = centre_role_required(*sorted(PARTNER_ROLES))
# The partner portal: partners for their own partnership, the office for every partnership of the centre.
portal_required = centre_role_required(*sorted(OFFICE_ROLES | PARTNER_ROLES))


def admin_centre_ids(user) -> set[int]:
    """The centres whose records the user may manage in the Django admin: staff who are centre administrator.

    The admin starts every queryset from these ids (see core/admin_scoping.py); a superuser is not limited.
    """
    if not (getattr(user, "is_active", False) and getattr(user, "is_staff", False)):
        return set()
    return {centre_id for centre_id, role, _ in _memberships(user) if role == Role.CENTRE_ADMIN}


def landing_url_name(user, centre: Centre) -> str:
    """Where a signed-in person starts in a centre: the inbox for the office and signatories, else their work."""
    if acts_as_office(user, centre) or has_role(user, centre, Role.PARTNER_SIGNATORY):
        return "core:inbox"  # what waits for them to approve, accept, handle (core/inbox.py)
    if partnership_ids(user, centre):
        return "portal:home"
    if has_role(user, centre, Role.STEERING_MEMBER):
        return "grants:monitor"  # the steering group's question: are we on track?
    if has_role(user, centre, Role.PRACTOR):
        return "research:questions"  # the partners' questions waiting for triage
    if has_role(user, centre, Role.COMMUNICATIONS):
        return "news:manage"  # the news they write and schedule
    if roles_in(user, centre):
        return "programme:overview"
    return "public:centre"


def role_labels(roles: Iterable[str]) -> list[str]:
    return sorted(str(Role(role).label) for role in roles)
