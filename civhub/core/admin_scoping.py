"""The Django admin for a centre's own administrator, not only for superusers.

A centre administrator (staff, with a `centre_admin` membership) may view, add, change and
delete the records of the centres they administer, and sees nothing of other centres.
This is decided from the memberships (accounts/permissions.py `admin_centre_ids`), not from
Django's Permission table, so that giving someone the role is all it takes. A superuser sees all.
accounts sits above core, so it hands that rule in from its AppConfig.ready() (`decide_admin_centres`);
until it has, nobody but a superuser administers anything.

Every scoped admin names its model's path to the Centre (`centre_path`, "" for the
Centre itself) or overrides `scope_rows` (global models such as organisations and
users). Querysets, object permissions and the choices of foreign keys all go through it.
"""

from collections.abc import Callable

from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path
from django.db.models import Q, QuerySet

# model label -> function(queryset, centre ids) -> the rows of those centres; filled as admins register.
SCOPERS: dict[str, Callable[[QuerySet, set[int]], QuerySet]] = {}

_admin_centre_rules: list[Callable[[object], set[int]]] = []


def decide_admin_centres(rule: Callable[[object], set[int]]) -> None:
    """Set the rule giving the ids of the centres a user administers; setting it again replaces it."""
    _admin_centre_rules[:] = [rule]


def admin_centre_ids(user) -> set[int]:
    """The centres whose records the user may manage in the admin, by the rule accounts handed in."""
    return _admin_centre_rules[0](user) if _admin_centre_rules else set()


def centre_filter(path: str, centre_ids) -> Q:
    """Rows whose centre, reached by `path` ("" for the Centre itself), is one of `centre_ids`."""
    return Q(**{f"{path}__in" if path else "pk__in": centre_ids})


def scope(queryset: QuerySet, user) -> QuerySet:
    """The rows of `queryset` the user may manage in the admin; none for a model without a scope."""
    if user.is_superuser:
        return queryset
    scoper = SCOPERS.get(queryset.model._meta.label_lower)
    if scoper is None:
        return queryset.none()
    return scoper(queryset, admin_centre_ids(user))


class CentreScopedAdminMixin:
    """ModelAdmin mixin: permissions from the centre_admin role, querysets scoped to the user's centres."""

    centre_path: str = "centre"

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        SCOPERS[model._meta.label_lower] = self.scope_rows

    def scope_rows(self, queryset: QuerySet, centre_ids: set[int]) -> QuerySet:
        return queryset.filter(centre_filter(self.centre_path, centre_ids))

    def get_queryset(self, request):
        return scope(super().get_queryset(request), request.user)

    def _is_centre_admin(self, request) -> bool:
        return bool(admin_centre_ids(request.user))

    def _in_scope(self, request, obj) -> bool:
        """An object is in scope while the scoped queryset holds it (so never another centre's, or a deleted one)."""
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def _allowed(self, request, obj, superuser_answer: Callable[[], bool]) -> bool:
        if request.user.is_superuser:
            return superuser_answer()
        return self._is_centre_admin(request) and self._in_scope(request, obj)

    def has_module_permission(self, request):
        return request.user.is_superuser or self._is_centre_admin(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request, obj, lambda: super(CentreScopedAdminMixin, self).has_view_permission(
            request, obj))

    def has_change_permission(self, request, obj=None):
        return self._allowed(request, obj, lambda: super(CentreScopedAdminMixin, self).has_change_permission(
            request, obj))

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request, obj, lambda: super(CentreScopedAdminMixin, self).has_delete_permission(
            request, obj))

    def has_add_permission(self, request, *args):
        if request.user.is_superuser:
            return super().has_add_permission(request, *args)
        return self._is_centre_admin(request)

    def get_list_filter(self, request):
        """Filters on a relation offer only the values of the scoped rows (never another centre's name)."""
        return [self._scoped_filter(entry) for entry in super().get_list_filter(request)]

    def _scoped_filter(self, entry):
        if not isinstance(entry, str):
            return entry
        if get_fields_from_path(self.model, entry)[-1].is_relation:
            return (entry, admin.RelatedOnlyFieldListFilter)
        return entry

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """Offer as choices only the centres, partners, grants, people ... the user administers."""
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = scope(field.queryset, request.user)
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        """The same for many-to-many choices (an activity's owners, a project's partners, a course's skills)."""
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = scope(field.queryset, request.user)
        return field


class ReadOnlyAdminMixin:
    """For records only services write (the audit trail): visible in the admin, never edited there."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CentreScopedAdmin(CentreScopedAdminMixin, admin.ModelAdmin):
    """A plain ModelAdmin scoped to the user's centres."""
