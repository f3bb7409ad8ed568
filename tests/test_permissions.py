"""Who gets what: one table of (URL name, arguments, method, persona) → response status.

The rules (docs/style.md §5): another centre's or another partner's object is a 404; the
right centre with too low a role is a 403; anonymous visitors are sent to the login
page. The meta-tests below walk the URLconf so a new URL cannot ship without its rows
here: every persona for every URL, a POST row for every view that takes a POST, and
another centre's object (a 404) for every URL that names an object.

The table has thousands of rows, so it is built for speed without changing what a row
asks: the centres, partners and personas (and their sessions) are made once per module
inside a transaction that is rolled back at the end (each row runs in its own savepoint,
as before), and the pages' templates are not rendered (the status comes from the view's
own code; what the pages show is tested beside each app).
"""

import inspect
import re
import types

import pytest
from django.conf import settings
from django.db import transaction
from django.template.backends.django import Template
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from civhub.core.models import Centre
from tests.accounts.rows_inbox import INBOX_ROWS
from tests.accounts.rows_two_factor import TWO_FACTOR_ROWS
from tests.api.rows import API_ROWS
from tests.api.rows_rest import REST_ROWS
from tests.api.rows_rest_more import REST_MORE_ROWS
from tests.applications.rows import APPLICATION_ROWS
from tests.applications.rows_award import AWARD_ROWS
from tests.applications.rows_commitments import COMMITMENT_ROWS
from tests.applications.rows_continuation import CONTINUATION_ROWS
from tests.conftest import PERSONA_BUILDERS, PERSONAS, build_world
from tests.core.rows_files import FILE_ROWS
from tests.core.rows_health import HEALTH_ROWS
from tests.core.rows_search import SEARCH_ROWS
from tests.events.rows import EVENT_ROWS
from tests.factories import PartnerApplicationFactory
from tests.governance.rows import GOVERNANCE_ROWS
from tests.grants.rows_budget import GRANT_BUDGET_ROWS
from tests.grants.rows_monitor import GRANT_MONITOR_ROWS
from tests.hca.rows import HCA_ROWS
from tests.hca.rows_outputs import HCA_OUTPUT_ROWS
from tests.hca.rows_overview import HCA_OVERVIEW_ROWS
from tests.hca.rows_skills import HCA_SKILLS_ROWS
from tests.hca.rows_survey import HCA_SURVEY_ROWS
from tests.learning.rows import LEARNING_ROWS
from tests.ledger.rows_entries import LEDGER_ENTRY_ROWS
from tests.ledger.rows_office import LEDGER_OFFICE_ROWS
from tests.news.rows import NEWS_ROWS
from tests.partners.rows import PARTNER_ROWS
from tests.partners.rows_agreement import AGREEMENT_ROWS
from tests.privacy.rows import PRIVACY_ROWS
from tests.programme.rows import PROGRAMME_ROWS
from tests.reports.rows import REPORT_ROWS
from tests.research.rows import RESEARCH_ROWS
from tests.two_factor import sign_in
from tests.webhooks.rows import WEBHOOK_ROWS

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
    """The test centre alone: the other centre is deleted for this row (by query, so the shared object stays whole)."""
    Centre.objects.exclude(pk=get("centre").pk).delete()
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
    ("public:apply", unknown_slug, "POST", "anonymous", 404),
    ("public:apply", centre_slug, "POST", "anonymous", 400),  # an empty application: the form with its errors
    ("public:centre", unknown_slug, "GET", "programme_manager", 404),
    # Signing in, out and setting a password.
    ("accounts:home", no_args, "GET", "anonymous", LOGIN),
    *rows("accounts:home", no_args, dict.fromkeys(SIGNED_IN, 302)),  # each persona has one centre
    ("accounts:login", no_args, "GET", "anonymous", 200),
    *rows("accounts:login", no_args, dict.fromkeys(SIGNED_IN, 302)),  # already signed in
    ("accounts:login", no_args, "POST", "anonymous", 200),  # an empty form: shown again
    *rows("accounts:password_reset", no_args, EVERYONE_200),
    ("accounts:password_reset", no_args, "POST", "anonymous", 200),  # an empty form: shown again
    *rows("accounts:password_reset_sent", no_args, EVERYONE_200),
    *rows("accounts:set_password", bad_token, EVERYONE_200),  # "this link is no longer valid"
    ("accounts:set_password", bad_token, "POST", "anonymous", 200),
    ("accounts:password_set", no_args, "GET", "anonymous", LOGIN),
    *rows("accounts:password_set", no_args, dict.fromkeys(SIGNED_IN, 200)),
    *rows("accounts:logout", no_args, dict.fromkeys(PERSONAS, 302), method="POST"),
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
    *REST_ROWS,
    *REST_MORE_ROWS,
    *GOVERNANCE_ROWS,
    *EVENT_ROWS,
    *NEWS_ROWS,
    *PARTNER_ROWS,
    *AGREEMENT_ROWS,
    *PRIVACY_ROWS,
    *HCA_ROWS,
    *HCA_SURVEY_ROWS,
    *HCA_OVERVIEW_ROWS,
    *HCA_SKILLS_ROWS,
    *HCA_OUTPUT_ROWS,
    *INBOX_ROWS,
    *TWO_FACTOR_ROWS,
    *SEARCH_ROWS,
    *FILE_ROWS,
    *HEALTH_ROWS,
    *APPLICATION_ROWS,
    *COMMITMENT_ROWS,
    *AWARD_ROWS,
    *CONTINUATION_ROWS,
    *WEBHOOK_ROWS,
]


def row_id(row):
    url_name, args, method, persona, expected = row
    return f"{url_name}-{args.__name__}-{method}-{persona}"


# Shared data: made once per module (per xdist worker), rolled back after the module's last test.


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The centres, partners and personas, with a signed-in session per persona, in a transaction left open."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        made = build_world()
        sessions = {}
        for name in PERSONA_BUILDERS:
            client = Client()
            sign_in(client, made[name])
            sessions[name] = client.cookies[settings.SESSION_COOKIE_NAME].value
    yield made, sessions
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def _shared(name):
    @pytest.fixture(name=name)
    def fixture(world, db):
        return world[0][name]

    return fixture


centre_fixture = _shared("centre")
other_centre_fixture = _shared("other_centre")
partner_a_fixture = _shared("partner_a")
partner_b_fixture = _shared("partner_b")
other_partner_fixture = _shared("other_partner")
programme_manager_fixture = _shared("programme_manager")
finance_controller_fixture = _shared("finance_controller")
centre_admin_fixture = _shared("centre_admin")
practor_fixture = _shared("practor")
communications_fixture = _shared("communications")
steering_member_fixture = _shared("steering_member")
partner_a_contact_fixture = _shared("partner_a_contact")
partner_a_signatory_fixture = _shared("partner_a_signatory")
partner_b_contact_fixture = _shared("partner_b_contact")
other_centre_manager_fixture = _shared("other_centre_manager")


@pytest.fixture
def signed_in(world, db):
    """`signed_in(persona)`: a client with the persona's session (anonymous: none)."""

    def make(persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.cookies[settings.SESSION_COOKIE_NAME] = world[1][persona]
        return client

    return make


@pytest.fixture
def without_templates(monkeypatch):
    """Pages render to an empty body: the rows check who gets which status, which the view decides."""
    monkeypatch.setattr(Template, "render", lambda self, context=None, request=None: "")


@pytest.mark.parametrize(("url_name", "args", "method", "persona", "expected"), TABLE, ids=map(row_id, TABLE))
def test_access(request, signed_in, without_templates, url_name, args, method, persona, expected):
    url = reverse(url_name, kwargs=args(request.getfixturevalue))
    client = signed_in(persona)
    response = client.post(url) if method == "POST" else client.get(url)
    if expected == LOGIN:
        assert response.status_code == 302, f"{method} {url} as {persona}"
        assert response["Location"].startswith(reverse("accounts:login") + "?next="), response["Location"]
    else:
        assert response.status_code == expected, f"{method} {url} as {persona}"


def url_patterns(resolver: URLResolver, namespace: str = "", route: str = "") -> dict[str, tuple[str, object]]:
    """Every named URL under `resolver` ("office:dashboard"), with its whole route and its view."""
    found = {}
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found |= url_patterns(entry, inner, route + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            found[namespace + entry.name] = (route + str(entry.pattern), entry.callback)
    return found


def matrix_urls() -> dict[str, tuple[str, object]]:
    return {name: found for name, found in url_patterns(get_resolver()).items()
            if not name.startswith("admin:") and name != "set_language"}


# A URL names an object when one of its arguments is an id, a code, a number or a token (not a format or a field).
OBJECT_ARGUMENT = re.compile(r"^(pk|\w+_pk|code|number|token|course_id|kind)$")


def url_arguments(route: str) -> set[str]:
    return set(re.findall(r"<(?:\w+:)?(\w+)>", route)) | set(re.findall(r"\(\?P<(\w+)>", route))


def _code_of(function):
    """The strings and names a function's code uses, nested functions included."""
    stack, found = [function.__code__], set()
    while stack:
        code = stack.pop()
        found |= set(code.co_names)
        for const in code.co_consts:
            if isinstance(const, types.CodeType):
                stack.append(const)
            elif isinstance(const, str):
                found.add(const)
    return found


def _reads_a_post(function, seen: set, depth: int = 0) -> bool:
    """Whether the view, or a civhub helper it calls (three calls deep), reads `request.POST` or asks for "POST"."""
    function = inspect.unwrap(function)
    if not isinstance(function, types.FunctionType) or function in seen or depth > 3:
        return False
    seen.add(function)
    used = _code_of(function)
    if "POST" in used:
        return True
    return any(isinstance(callee, types.FunctionType) and callee.__module__.startswith("civhub.")
               and _reads_a_post(callee, seen, depth + 1)
               for callee in (function.__globals__.get(name) for name in used))


def accepts_post(view) -> bool:
    """A view takes a POST when it is `require_POST`, a class view with `post`, or its code reads the POST."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return "post" in view_class.http_method_names and hasattr(view_class, "post")
    wrapper = view
    while wrapper is not None:  # require_http_methods keeps its list of methods in the wrapper's closure
        for cell in getattr(wrapper, "__closure__", None) or ():
            methods = cell.cell_contents
            if isinstance(methods, list) and methods and all(isinstance(m, str) and m.isupper() for m in methods):
                return "POST" in methods
        wrapper = getattr(wrapper, "__wrapped__", None)
    return isinstance(view, types.FunctionType) and _reads_a_post(view, set())


def is_cross_centre(args) -> bool:
    """A row asks for another centre's object: its builder says so by its name (`other_centres_...`)."""
    return args.__name__.startswith("other_centres_")


def gaps(table) -> dict[str, list]:
    """What the table misses: personas per URL, a POST row per view taking POSTs, another centre's object → 404."""
    personas, posted, crossed = {}, set(), set()
    for url_name, args, method, persona, expected in table:
        personas.setdefault(url_name, set()).add(persona)
        if method == "POST":
            posted.add(url_name)
        if is_cross_centre(args) and expected == 404:
            crossed.add(url_name)
    found = {"personas": [], "post": [], "cross_centre": []}
    for name, (route, view) in sorted(matrix_urls().items()):
        missing = [p for p in PERSONAS if p not in personas.get(name, ())]
        if missing:
            found["personas"].append((name, missing))
        if accepts_post(view) and name not in posted:
            found["post"].append(name)
        arguments = url_arguments(route)
        if "slug" in arguments and any(OBJECT_ARGUMENT.match(a) for a in arguments) and name not in crossed:
            found["cross_centre"].append(name)
    return found


def test_every_url_is_in_the_table():
    checked = {url_name for url_name, *_ in TABLE}
    names = set(matrix_urls())
    assert names - checked == set(), "URLs without rows in the permission table"
    assert checked - names == set(), "rows for URLs that no longer exist"


def test_every_url_has_a_row_for_every_persona():
    assert gaps(TABLE)["personas"] == []


def test_every_view_that_takes_a_post_has_a_post_row():
    assert gaps(TABLE)["post"] == []


def test_every_url_with_an_object_has_another_centres_object_row():
    """Another centre's object under this centre's address is a 404 (a builder named `other_centres_...`)."""
    assert gaps(TABLE)["cross_centre"] == []


def test_the_rules_see_what_they_look_for():
    """The meta-tests' own reading of the URLconf: a few views whose shape is known."""
    urls = matrix_urls()
    assert accepts_post(urls["ledger:contribution_submit"][1])  # require_POST
    assert accepts_post(urls["accounts:logout"][1])  # a class view with post()
    assert accepts_post(urls["news:create"][1])  # a form view
    assert not accepts_post(urls["ledger:contributions"][1])  # a list
    assert not accepts_post(urls["api:courses"][1])  # the read-only API
    assert url_arguments(urls["governance:item_move"][0]) == {"slug", "item_pk", "direction"}


def test_every_persona_is_in_the_office_and_portal_rules():
    for who in (OFFICE_ACCESS, PARTNER_A_PAGES, PORTAL_HOME):
        assert sorted(who) == sorted(PERSONAS)
