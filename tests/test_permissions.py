"""Who gets what: one table of (URL name, arguments, method, persona) → response status.

The rules (docs/style.md §5): another centre's or another partner's object is a 404; the
right centre with too low a role is a 403; anonymous visitors are sent to the login
page. `test_every_url_is_in_the_table` walks the URLconf so a new URL cannot ship
without its rows here.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.api.rows import API_ROWS
from tests.conftest import PERSONAS
from tests.events.rows import EVENT_ROWS
from tests.factories import PartnerApplicationFactory
from tests.governance.rows import GOVERNANCE_ROWS
from tests.grants.rows_budget import GRANT_BUDGET_ROWS
from tests.grants.rows_monitor import GRANT_MONITOR_ROWS
from tests.learning.rows import LEARNING_ROWS
from tests.ledger.rows_entries import LEDGER_ENTRY_ROWS
from tests.ledger.rows_office import LEDGER_OFFICE_ROWS
from tests.news.rows import NEWS_ROWS
from tests.partners.rows import PARTNER_ROWS
from tests.programme.rows import PROGRAMME_ROWS
from tests.reports.rows import REPORT_ROWS
from tests.research.rows import RESEARCH_ROWS

LOGIN = "302 to login"  # expected: a redirect to the login page

OFFICE = ["programme_manager", "finance_controller", "centre_admin"]
CENTRE_NOT_OFFICE = ["practor", "communications", "steering_member"]
PARTNERS = ["partner_a_contact", "partner_a_signatory", "partner_b_contact"]

# Who may use the programme office of `centre`.
OFFICE_ACCESS = {
    "anonymous": LOGIN,
    **dict.fromkeys(OFFICE, 200),
    **dict.fromkeys(CENTRE_NOT_OFFICE + PARTNERS, 403),
    "other_centre_manager": 404,
}
# Partner A's portal page and its edit form: partner A's people and the office. The centre's other
# roles are in scope but may not see or edit a partner (403); partner B does not learn A exists (404).
PARTNER_A_PAGES = {
    "anonymous": LOGIN,
    "partner_a_contact": 200,
    "partner_a_signatory": 200,
    "partner_b_contact": 404,
    **dict.fromkeys(OFFICE, 200),
    **dict.fromkeys(CENTRE_NOT_OFFICE, 403),
    "other_centre_manager": 404,
}
# portal:home sends partners to their partnership and the office to its partner list.
PORTAL_HOME = {
    "anonymous": LOGIN,
    **dict.fromkeys(OFFICE + PARTNERS, 302),
    **dict.fromkeys(CENTRE_NOT_OFFICE, 403),
    "other_centre_manager": 404,
}
# Those the office refuses, for the POST checks.
DENIED = {persona: status for persona, status in OFFICE_ACCESS.items() if status != 200}
EVERYONE_200 = dict.fromkeys(PERSONAS, 200)
SIGNED_IN = [p for p in PERSONAS if p != "anonymous"]


# Argument builders: `get` fetches a fixture by name, so each row builds only what it needs.


def no_args(get):
    return {}


def two_centres(get):
    get("centre")
    get("other_centre")  # with one centre `/` redirects to it
    return {}


def one_centre(get):
    get("centre")
    return {}


def centre_slug(get):
    return {"slug": get("centre").slug}


def unknown_slug(get):
    return {"slug": "no-such-centre"}


def partner_a(get):
    return {"slug": get("centre").slug, "code": get("partner_a").short_code}


def unknown_partner(get):
    return {"slug": get("centre").slug, "code": "no-such-partner"}


def other_centres_partner_here(get):
    """Another centre's partner, asked for under the test centre's URL."""
    return {"slug": get("centre").slug, "code": get("other_partner").short_code}


def application(get):
    return {"slug": get("centre").slug, "pk": PartnerApplicationFactory(centre=get("centre")).pk}


def other_centres_application_here(get):
    """Another centre's application, asked for under the test centre's URL."""
    return {"slug": get("centre").slug, "pk": PartnerApplicationFactory(centre=get("other_centre")).pk}


def other_centres_application_there(get):
    return {"slug": get("other_centre").slug, "pk": PartnerApplicationFactory(centre=get("other_centre")).pk}


def export_csv(get):
    return {"slug": get("centre").slug, "fmt": "csv"}


def export_xlsx(get):
    return {"slug": get("centre").slug, "fmt": "xlsx"}


def export_unknown(get):
    return {"slug": get("centre").slug, "fmt": "pdf"}


def bad_token(get):
    return {"uidb64": "MQ", "token": "bad-token"}


def rows(url_name, args, who, method="GET"):
    return [(url_name, args, method, persona, status) for persona, status in who.items()]


TABLE = [
    # The public site: open to everyone; an unknown centre is a 404.
    *rows("public:home", two_centres, EVERYONE_200),
    ("public:home", one_centre, "GET", "anonymous", 302),  # the only centre: straight to its page
    *rows("public:centre", centre_slug, EVERYONE_200),
    *rows("public:apply", centre_slug, EVERYONE_200),
    *rows("public:apply_done", centre_slug, EVERYONE_200),
    ("public:centre", unknown_slug, "GET", "anonymous", 404),
    ("public:apply", unknown_slug, "GET", "anonymous", 404),
    ("public:apply_done", unknown_slug, "GET", "anonymous", 404),
    ("public:centre", unknown_slug, "GET", "programme_manager", 404),
    # Signing in, out and setting a password.
    ("accounts:home", no_args, "GET", "anonymous", LOGIN),
    *rows("accounts:home", no_args, dict.fromkeys(SIGNED_IN, 302)),  # each persona has one centre
    ("accounts:login", no_args, "GET", "anonymous", 200),
    ("accounts:login", no_args, "GET", "programme_manager", 302),  # already signed in
    ("accounts:password_reset", no_args, "GET", "anonymous", 200),
    ("accounts:password_reset", no_args, "GET", "partner_a_contact", 200),
    ("accounts:password_reset_sent", no_args, "GET", "anonymous", 200),
    ("accounts:password_reset_sent", no_args, "GET", "partner_a_contact", 200),
    ("accounts:set_password", bad_token, "GET", "anonymous", 200),  # "this link is no longer valid"
    ("accounts:password_set", no_args, "GET", "anonymous", LOGIN),
    ("accounts:password_set", no_args, "GET", "partner_a_contact", 200),
    ("accounts:logout", no_args, "POST", "anonymous", 302),
    ("accounts:logout", no_args, "POST", "partner_a_contact", 302),
    ("accounts:logout", no_args, "GET", "partner_a_contact", 405),  # signing out takes a POST
    # The partner portal: partner A's page for partner A's people and the office only.
    *rows("portal:home", centre_slug, PORTAL_HOME),
    *rows("portal:partner", partner_a, PARTNER_A_PAGES),
    *rows("portal:partner_edit", partner_a, PARTNER_A_PAGES),
    ("portal:partner", unknown_partner, "GET", "programme_manager", 404),
    ("portal:partner", other_centres_partner_here, "GET", "programme_manager", 404),
    ("portal:partner_edit", other_centres_partner_here, "GET", "programme_manager", 404),
    # The programme office; POST endpoints show their confirmation page on GET.
    *rows("office:dashboard", centre_slug, OFFICE_ACCESS),
    *rows("office:applications", centre_slug, OFFICE_ACCESS),
    *rows("office:application", application, OFFICE_ACCESS),
    *rows("office:application_approve", application, OFFICE_ACCESS),
    *rows("office:application_decline", application, OFFICE_ACCESS),
    *rows("office:partners", centre_slug, OFFICE_ACCESS),
    *rows("office:partners_export", export_csv, OFFICE_ACCESS),
    *rows("office:partners_export", export_xlsx, OFFICE_ACCESS),
    ("office:partners_export", export_unknown, "GET", "programme_manager", 404),
    ("office:dashboard", unknown_slug, "GET", "programme_manager", 404),
    ("office:application", other_centres_application_here, "GET", "programme_manager", 404),
    ("office:application_approve", other_centres_application_here, "GET", "programme_manager", 404),
    ("office:application_decline", other_centres_application_here, "GET", "programme_manager", 404),
    ("office:application_approve", other_centres_application_here, "POST", "programme_manager", 404),
    ("office:application_decline", other_centres_application_here, "POST", "programme_manager", 404),
    ("office:application", other_centres_application_there, "GET", "programme_manager", 404),
    # Actions are refused before they act: a forbidden POST gets the same answer as the GET.
    *rows("office:application_approve", application, DENIED, method="POST"),
    *rows("office:application_decline", application, DENIED, method="POST"),
    ("portal:partner_edit", partner_a, "POST", "partner_b_contact", 404),
    ("portal:partner_edit", partner_a, "POST", "practor", 403),
    ("portal:partner_edit", partner_a, "POST", "anonymous", LOGIN),
    # The ledger: each part keeps its rows beside its tests.
    *LEDGER_ENTRY_ROWS,
    *LEDGER_OFFICE_ROWS,
    *GRANT_MONITOR_ROWS,
    *GRANT_BUDGET_ROWS,
    *REPORT_ROWS,
    *PROGRAMME_ROWS,
    *RESEARCH_ROWS,
    *LEARNING_ROWS,
    *API_ROWS,
    *GOVERNANCE_ROWS,
    *EVENT_ROWS,
    *NEWS_ROWS,
    *PARTNER_ROWS,
]


def row_id(row):
    url_name, args, method, persona, expected = row
    return f"{url_name}-{args.__name__}-{method}-{persona}"


@pytest.mark.parametrize(("url_name", "args", "method", "persona", "expected"), TABLE, ids=map(row_id, TABLE))
def test_access(request, persona_client, url_name, args, method, persona, expected):
    url = reverse(url_name, kwargs=args(request.getfixturevalue))
    client = persona_client(persona)
    response = client.post(url) if method == "POST" else client.get(url)
    if expected == LOGIN:
        assert response.status_code == 302, f"{method} {url} as {persona}"
        assert response["Location"].startswith(reverse("accounts:login") + "?next="), response["Location"]
    else:
        assert response.status_code == expected, f"{method} {url} as {persona}"


def url_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    """Every named URL under `resolver`, with its namespaces ("office:dashboard")."""
    names = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(namespace + entry.name)
    return names


def test_every_url_is_in_the_table():
    checked = {url_name for url_name, *_ in TABLE}
    names = {name for name in url_names(get_resolver()) if not name.startswith("admin:") and name != "set_language"}
    assert names - checked == set(), "URLs without rows in the permission table"
    assert checked - names == set(), "rows for URLs that no longer exist"


def test_every_persona_is_in_the_office_and_portal_rules():
    for who in (OFFICE_ACCESS, PARTNER_A_PAGES, PORTAL_HOME):
        assert sorted(who) == sorted(PERSONAS)
