"""No dead ends: every link a persona is shown opens for that persona (issue 14).

A breadth-first crawl from each persona's landing page over a small centre with a grant, a budget, pledges,
contributions and spending (tests/grants/monitor_support.py): every internal `<a href>` inside the centre is
fetched with GET, and a link that answers 403 or 404 fails the test, with the page that showed it. Downloads
(PDF, XLSX, CSV, charts) are checked by their status only, never parsed.
"""

from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.urls import Resolver404, resolve

from tests.conftest import PERSONAS
from tests.grants.monitor_support import small_centre

pytestmark = pytest.mark.django_db

MAX_PAGES = 250
# The same page for other objects or filters adds little: each URL name is opened at most this often.
PER_URL_NAME = 3
# Links never followed: leaving (sign out), the admin, and downloads made by slow PDF or spreadsheet writers.
SKIPPED_PREFIXES = ("/admin/", "/account/uitloggen/", "/i18n/", "/api/", "/static/", "/media/")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


def _internal(href: str, slug: str) -> tuple[str, str] | None:
    """The path (and query) of an internal link of this centre or the account pages and its URL name, else None."""
    href, _fragment = urldefrag(href)
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith(SKIPPED_PREFIXES):
        return None
    if not (parts.path.startswith(f"/c/{slug}/") or parts.path.startswith("/account/") or parts.path == "/"):
        return None
    try:
        name = resolve(parts.path).view_name
    except Resolver404:
        return href, href  # a link to no page at all is a dead end too: the crawl reports its 404
    return parts.path + (f"?{parts.query}" if parts.query else ""), name


def crawl(client, start: str, slug: str) -> tuple[list[str], int]:
    """Breadth-first from `start`; returns the dead links ("link (on page): status") and the pages seen."""
    seen, dead, per_name = {start}, [], Counter()
    queue = deque([(start, "(start)")])
    pages = 0
    while queue and pages < MAX_PAGES:
        path, shown_on = queue.popleft()
        response = client.get(path, follow=True)
        pages += 1
        if response.status_code in (403, 404):
            dead.append(f"{path} (on {shown_on}): {response.status_code}")
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        here = response.request["PATH_INFO"]
        for href in _links(response.content.decode()):
            found = _internal(href, slug)
            if not found or found[0] in seen or per_name[found[1]] >= PER_URL_NAME:
                continue
            seen.add(found[0])
            per_name[found[1]] += 1
            queue.append((found[0], here))
    return dead, pages


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "other_centre_manager"])
def test_no_link_a_persona_is_shown_answers_403_or_404(persona, persona_client, request):
    centre, partner_a, partner_b = (request.getfixturevalue(name) for name in ("centre", "partner_a", "partner_b"))
    small_centre(centre, partner_a, partner_b)
    client = persona_client(persona)
    start = "/account/" if persona != "anonymous" else f"/c/{centre.slug}/"
    dead, pages = crawl(client, start, centre.slug)
    assert pages > 3
    assert not dead, f"{persona} is shown {len(dead)} links that do not open:\n" + "\n".join(dead)
