"""The centre a v1 request is about, and the base views every v1 endpoint builds on.

Every v1 URL starts `/api/v1/centres/<centre_slug>/`. `CentreScoped` resolves the centre for the calling person with
the pages' own rule (`accounts.permissions.centre_with_role`): a centre they hold no role in is a 404, a role
outside `centre_roles` a 403. The endpoint's rows then come from its app's scoped queryset (`scoped_queryset`:
`contributions_visible_to`, `partnerships_visible_to`, ...), so a partner's object is a 404 to every other partner,
exactly as on the pages. Writes go through the app's services with the calling person as actor
(`create_object`, `act`), never through the ORM here; a service's refusal becomes a 422 problem (errors.py).
"""

from django.db.models import QuerySet
from rest_framework import generics, status
from rest_framework.response import Response

from civhub.accounts import permissions as access
from civhub.accounts.models import OFFICE_ROLES, PARTNER_ROLES
from civhub.api.rest.idempotency import idempotent

# The role groups of the pages' decorators (accounts/permissions.py), for `centre_roles` and `create_roles`.
OFFICE = tuple(sorted(OFFICE_ROLES))  # office_required
PARTNERS = tuple(sorted(PARTNER_ROLES))  # partner_roles_required
PORTAL = tuple(sorted(OFFICE_ROLES | PARTNER_ROLES))  # portal_required: the office, and partners for their own


class CentreScoped:
    """Mixin for a DRF generic view under `centres/<centre_slug>/`: sets `self.centre`, scopes `get_queryset`.

    Subclasses set `model` (for the schema), `centre_roles` (none: any role in the centre) and define
    `scoped_queryset(centre)`, reading through the app's selectors and permissions with `self.request.user`.
    """

    model = None
    centre_roles: tuple[str, ...] = ()
    centre = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # authentication and the token's scope first: a 401 before a 404
        self.centre = access.centre_with_role(request.user, kwargs["centre_slug"], self.centre_roles)

    def scoped_queryset(self, centre) -> QuerySet:
        raise NotImplementedError

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular reading the view to write the schema
            return self.model.objects.none()
        return self.scoped_queryset(self.centre)


class CentreListView(CentreScoped, generics.ListAPIView):
    """A paged, filterable list of the centre's rows the person may see (GET)."""


class CentreDetailView(CentreScoped, generics.RetrieveAPIView):
    """One row by `pk`, from the same scoped queryset as its list: another partner's or centre's row is a 404."""


class CentreCreateMixin:
    """POST to a list: `create_serializer_class` checks the body, `create_object(incoming)` calls the app's service.

    `create_roles` narrows who may create below who may list (a 403 before the body is read, as the pages refuse
    a forbidden POST before anything happens); none: whoever may list. The answer is 201 with the new object in
    the list's `serializer_class`. Idempotent: see idempotency.py.
    """

    create_serializer_class = None
    create_roles: tuple[str, ...] = ()

    def create_object(self, incoming):
        """Make the object with the app's service from the validated `incoming` serializer; return it."""
        raise NotImplementedError

    def created_queryset(self):
        """Where the answer to a create is read back from: the list's scoped queryset. A subclass widens it when a
        person may make a row they would not see in the list (a registration for a colleague)."""
        return self.get_queryset()

    @idempotent
    def post(self, request, *args, **kwargs):
        if self.create_roles:
            access.centre_with_role(request.user, self.centre.slug, self.create_roles)
        incoming = self.create_serializer_class(data=request.data, context=self.get_serializer_context())
        incoming.is_valid(raise_exception=True)
        made = self.create_object(incoming)
        made = self.created_queryset().get(pk=made.pk)  # read back as a GET shows it
        return Response(self.get_serializer(made).data, status=status.HTTP_201_CREATED)


class CentreListCreateView(CentreCreateMixin, CentreListView):
    """A list (GET) that also creates (POST) through a service."""


class CentreActionView(CentreScoped, generics.GenericAPIView):
    """POST to `<resource>/<pk>/<action>/`: one service step on one of the person's rows; 200 with the row after it.

    Subclasses define `act(instance)`, calling the service with `self.request.user` as actor.
    """

    http_method_names = ["post", "options"]

    def act(self, instance):
        raise NotImplementedError

    @idempotent
    def post(self, request, *args, **kwargs):
        instance = self.get_object()
        self.act(instance)
        return Response(self.get_serializer(self.get_queryset().get(pk=instance.pk)).data)
