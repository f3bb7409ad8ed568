"""Links to many objects of one kind from a single `reverse`: a list's rows link to their detail pages.

`reverse` resolves the URL pattern and quotes every argument, once per row in a `{% url %}` loop; a list of 50
rows spent more on its links than on its cells. `pk_link` reverses once, with 0 for the key, and fills in each key.
"""

from collections.abc import Callable

from django.urls import reverse


def pk_link(viewname: str, *args) -> Callable[[int], str]:
    """`pk -> reverse(viewname, args=[*args, pk])`, for a URL whose last segment is the integer key."""
    url = reverse(viewname, args=[*args, 0])
    if not url.endswith("/0/"):
        raise ValueError(f"{viewname}: the key is not the URL's last segment ({url})")
    head = url[:-2]
    return lambda pk: f"{head}{int(pk)}/"
