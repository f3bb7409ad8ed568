"""The bodies of busy signed-in pages, kept rendered until the centre's records change (core/revisions.py).

The monitor, the contributions list and a partner's portal show a viewer the centre's audited records, so their
body stays the same until one of those records changes (every audited change gives the centre a new revision
token), the day turns or the viewer's access changes. They keep it rendered under the token and a key that holds
everything else the HTML may depend on: the viewer (user, superuser, roles and partners in the centre), the page's
address with its query, the day and the language. The page's context is computed only when no copy is kept, so a
kept body also spares its queries. A body may hold a form: its CSRF tokens are kept as a placeholder and filled in
on every request with the browser's own token. The frame around it (menu, messages, the header's forms) is
rendered on every request.
"""

import re
from collections.abc import Callable

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from civhub.accounts.permissions import memberships_in
from civhub.core import revisions

# What {% csrf_token %} writes; a masked token is letters and digits only.
_FORM_TOKEN = re.compile(r'(<input type="hidden" name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+(">)')
_PLACEHOLDER = "\0"  # a NUL byte: never in a page's own HTML (forms refuse it)


def rendered(request, centre, name: str, template: str, context: Callable[[], dict]) -> SafeString:
    """`template` rendered with `context()`, or the copy kept for this centre state, viewer, page and day."""
    user = request.user
    parts = (centre.slug, request.get_full_path(), user.pk, user.is_superuser, memberships_in(user, centre),
             timezone.localdate().isoformat())
    html = revisions.cached(centre.pk, name, parts, lambda: _without_form_tokens(render_to_string(
        template, context(), request)))
    if _PLACEHOLDER in html:
        html = html.replace(_PLACEHOLDER, get_token(request))
    return mark_safe(html)  # noqa: S308 - the template's own output, escaped when it was rendered


def _without_form_tokens(html: str) -> str:
    return _FORM_TOKEN.sub(lambda found: found.group(1) + _PLACEHOLDER + found.group(2), html)
