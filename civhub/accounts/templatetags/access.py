"""Template tags that ask accounts.permissions, so a shared template can pick the navigation that fits the user."""

from django import template
from django.urls import NoReverseMatch, reverse

from civhub.accounts import permissions
from civhub.accounts.models import Role

register = template.Library()


@register.simple_tag(takes_context=True)
def place_in_centre(context, centre) -> str:
    """"office", "partner", "member" (another role in the centre) or "" — one word for choosing a menu."""
    user = context["request"].user
    if permissions.acts_as_office(user, centre):
        return "office"
    if permissions.partnership_ids(user, centre):
        return "partner"
    return "member" if permissions.roles_in(user, centre) else ""


@register.simple_tag(takes_context=True)
def viewer_access(context, centre) -> str:
    """What the signed-in user's access in the centre rests on (superuser or not, their roles and partners), as text.

    The menus are cached per process under it (`{% cache ... using="menus" %}`): a menu shows links by role alone,
    so everyone holding the same roles sees the same one, and it changes only with the code and the translations.
    """
    user = context["request"].user
    return f"{int(user.is_superuser)}{permissions.memberships_in(user, centre)}"


@register.simple_tag(takes_context=True)
def holds_role(context, centre, *roles) -> bool:
    """Whether the signed-in user holds one of `roles` in the centre (a superuser holds them all).

    The templates name roles by their value ("steering_member"); each must be a `Role`, so a typo fails
    loudly (ValueError) instead of hiding a menu item.
    """
    user = context["request"].user
    return bool(user.is_superuser or permissions.has_role(user, centre, *(Role(role) for role in roles)))


@register.simple_tag(takes_context=True)
def allowed_url(context, url_name, centre, *args) -> str:
    """`{% allowed_url 'ledger:summary' centre code as url %}`: the URL when the signed-in user may open it, else "".

    Like `{% url %}` with the centre's slug first; a page shows a link only when it leads somewhere (no dead ends).
    The answer depends on the view alone (its roles), not on the arguments, so a table that links every row asks
    once per request.
    """
    try:
        path = reverse(url_name, args=[centre.slug, *args])
    except NoReverseMatch:
        return ""
    request = context["request"]
    answers = request.__dict__.setdefault("_civhub_allowed_urls", {})
    key = (url_name, centre.pk, request.user.pk)
    if key not in answers:
        answers[key] = permissions.may_open(request.user, centre, path)
    return path if answers[key] else ""
