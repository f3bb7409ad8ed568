"""Hostile values in every form (docs/security.md, "Hostile input"): never a server error, never stored.

Two guards. The first reads the forms' classes: every choice of a database object and every date in a civhub
form is one of `civhub.core.fields`' fields, which refuse an id beyond the database's integers (SQLite cannot
even compare one) and a date outside 1900–2200, each with a field error.

The second uses the site as a person does. For every page of the permission table (tests/test_permissions.py)
it signs in as a persona that may open it, reads each form on the page (a search's or a filter's GET form
too), fills it with ordinary values and sends it again and again with one field hostile: an id of 2^63 or more
in a choice, a year-1 date or moment, a number of twenty digits, a NUL character in every text, a CSV file with
a NUL byte. Every answer is below 500, and a form sent back with errors (400) wrote no audit record: nothing was
stored. It runs on SQLite and on PostgreSQL alike.
"""

import importlib
import inspect
import pkgutil
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import civhub
from civhub.core import fields
from civhub.core.models import AuditEvent
from civhub.hca.forms.survey import AnswerForm
from tests import test_permissions as table

pytestmark = pytest.mark.django_db

# The permission table's pages, and its shared world (both centres, the partners, a session per persona) with the
# fixtures that hand it out, so that each page costs a savepoint rather than a new world.
TABLE = table.TABLE
globals().update({name: fixture for name, fixture in vars(table).items()
                  if name.endswith("_fixture") or name in ("world", "signed_in")})

# The fields of django.forms that a civhub form must not use directly, and the project's field for each.
GUARDED = {forms.ModelMultipleChoiceField: fields.ModelMultipleChoiceField,
           forms.ModelChoiceField: fields.ModelChoiceField,
           forms.DateTimeField: fields.DateTimeField, forms.DateField: fields.DateField}


def civhub_modules():
    for info in pkgutil.walk_packages(civhub.__path__, "civhub."):
        if ".migrations" not in info.name and not info.name.endswith(".settings"):
            yield importlib.import_module(info.name)


def civhub_forms() -> list[type[forms.BaseForm]]:
    """Every form class of civhub's pages (the Django admin's forms aside: the admin is its own tool)."""
    found = set()
    for module in civhub_modules():
        if module.__name__.endswith(".admin"):
            continue
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, forms.BaseForm) and value.__module__.startswith("civhub."):
                found.add(value)
    return sorted(found, key=lambda form: f"{form.__module__}.{form.__qualname__}")


def test_every_choice_of_an_object_and_every_date_in_a_civhub_form_refuses_hostile_values():
    wrong = []
    for form in civhub_forms():
        for name, field in form.base_fields.items():
            for django_field, project_field in GUARDED.items():
                if isinstance(field, django_field):
                    if not isinstance(field, project_field):
                        wrong.append(f"{form.__module__}.{form.__qualname__}.{name}: use {project_field.__qualname__}")
                    break
    assert len(civhub_forms()) > 60
    assert wrong == []


def test_no_form_module_builds_django_choice_or_date_fields_itself():
    """Fields made in a form's __init__ are not in base_fields: the source must name the project's fields."""
    pattern = re.compile(r"\bforms\.(ModelChoiceField|ModelMultipleChoiceField|DateField|DateTimeField)\(")
    found = []
    for module in civhub_modules():
        if module.__name__ in ("civhub.core.fields",) or module.__name__.endswith(".admin"):
            continue
        source = inspect.getsource(module) if module.__file__ and module.__file__.endswith(".py") else ""
        found += [f"{module.__name__}: forms.{name}" for name in pattern.findall(source)]
    assert found == []


# The site as a person uses it ----------------------------------------------------------------------------------------

TOO_BIG_ID = "99999999999999999999"  # above 2^63 (and 2^64)
YEAR_ONE = {"date": "0001-01-01", "datetime-local": "0001-01-01T00:00"}
HUGE_NUMBER = "99999999999999999999"
NUL = "a\x00b"
TEXT_TYPES = {"text", "email", "url", "search", "tel", "password", "textarea"}
# Whom to ask for a page: the office first, then the other roles, a partner, a visitor.
PREFERENCE = ["programme_manager", "finance_controller", "centre_admin", "practor", "communications",
              "steering_member", "partner_a_signatory", "partner_a_contact", "anonymous"]
# A formset's own counters: Django caps them (absolute_max), and a form's fields are what is tested here.
MANAGEMENT_FIELDS = ("-TOTAL_FORMS", "-INITIAL_FORMS", "-MIN_NUM_FORMS", "-MAX_NUM_FORMS")
# Downloads (PDF, spreadsheets, calendars, feeds) hold no form; asking for them only costs time.
DOWNLOADS = re.compile(r"pdf|xlsx|csv|export|pack|annex|ics|rss|atom|template|download|statement")
# Forms that end the session or send e-mail to strangers, which would stop the walk rather than test a value.
SKIPPED_ACTIONS = ("/uitloggen/", "/logout/")


class FormReader(HTMLParser):
    """The forms of a page: their method and action, and their fields as the browser would send them."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"method": (attrs.get("method") or "get").lower(), "action": attrs.get("action") or "",
                          "fields": []}
            self.forms.append(self._form)
        elif self._form is None or "name" not in attrs and tag in ("input", "select", "textarea"):
            return
        elif tag == "input":
            self._form["fields"].append({"name": attrs["name"], "type": (attrs.get("type") or "text").lower(),
                                         "value": attrs.get("value") or "", "checked": "checked" in attrs})
        elif tag == "select":
            self._select = {"name": attrs["name"], "type": "select", "options": [], "selected": [],
                            "multiple": "multiple" in attrs}
            self._form["fields"].append(self._select)
        elif tag == "option" and self._select is not None:
            self._select["options"].append(attrs.get("value") or "")
            if "selected" in attrs:
                self._select["selected"].append(attrs.get("value") or "")
        elif tag == "textarea":
            self._textarea = {"name": attrs["name"], "type": "textarea", "value": ""}
            self._form["fields"].append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def ordinary(field) -> str | list[str] | None:
    """What a person would send in the field (None: nothing)."""
    kind, value = field["type"], field.get("value", "")
    if kind == "select":
        chosen = field["selected"] or [option for option in field["options"] if option][:1]
        return chosen if field["multiple"] else (chosen[0] if chosen else "")
    if kind in ("checkbox", "radio"):
        return value or "on" if field["checked"] else None
    if kind in ("submit", "button", "reset", "image", "file"):
        return None
    if value:
        return value
    today = timezone.localdate()
    return {"date": today.isoformat(), "datetime-local": f"{today.isoformat()}T10:00", "time": "10:00",
            "number": "1", "email": "iemand@example.org", "url": "https://example.org"}.get(kind, "Test")


def baseline(form) -> dict:
    data = {}
    for field in form["fields"]:
        value = ordinary(field)
        if value is None or value == []:
            continue
        if field["type"] in ("checkbox", "select") and field["name"] in data:
            data[field["name"]] = [*_as_list(data[field["name"]]), *_as_list(value)]
        else:
            data.setdefault(field["name"], value)
    return data


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def _is_choice(field) -> bool:
    """A choice (perhaps of ids: a list with no options yet may be one), or a hidden id."""
    return field["type"] in ("select", "checkbox", "radio") or field["type"] == "hidden" and field["value"].isdigit()


def variants(form):
    """(what is hostile, the data, the files) to send: one field hostile at a time, NUL in every text at once.

    A formset's rows repeat their fields (`form-0-amount`, `form-1-amount`): the first row's stand for all."""
    data, seen = baseline(form), {"csrfmiddlewaretoken"}
    for field in form["fields"]:
        name = field["name"]
        if re.sub(r"\d+", "#", name) in seen or name.endswith(MANAGEMENT_FIELDS):
            continue
        seen.add(re.sub(r"\d+", "#", name))
        if _is_choice(field):
            many = field["type"] == "checkbox" or field.get("multiple")
            yield f"{name}={TOO_BIG_ID}", {**data, name: [TOO_BIG_ID] if many else TOO_BIG_ID}, {}
        if field["type"] in YEAR_ONE:
            yield f"{name}=year 1", {**data, name: YEAR_ONE[field["type"]]}, {}
        if field["type"] == "number" or field["type"] == "text" and re.fullmatch(r"-?[0-9.,]+", str(data.get(name))):
            yield f"{name}={HUGE_NUMBER}", {**data, name: HUGE_NUMBER}, {}
        if field["type"] == "file":
            upload = SimpleUploadedFile("hostile.csv", b"extern_id;omschrijving\na-1;met\x00nul\n", "text/csv")
            yield f"{name}=NUL file", data, {name: upload}
    texts = {field["name"]: NUL for field in form["fields"] if field["type"] in TEXT_TYPES}
    if texts:
        yield "NUL in every text", {**data, **texts}, {}


def pages() -> list[tuple[str, object, str]]:
    """(url name, argument builder, persona) of each page someone may open, once per url name and builder."""
    found, seen = [], set()
    opened = {(url_name, args, persona) for url_name, args, method, persona, expected in TABLE
              if method == "GET" and expected == 200}
    for url_name, args, method, _, expected in TABLE:
        if method != "GET" or expected != 200 or (url_name, args) in seen or url_name.startswith("api:") \
                or DOWNLOADS.search(f"{url_name} {args.__name__}"):
            continue
        persona = next((who for who in PREFERENCE if (url_name, args, who) in opened), None)
        if persona:
            seen.add((url_name, args))
            found.append((url_name, args, persona))
    return found


PAGES = pages()


@pytest.mark.parametrize(("url_name", "args", "persona"), PAGES,
                         ids=[f"{url_name}-{args.__name__}-{persona}" for url_name, args, persona in PAGES])
def test_hostile_values_in_every_form_get_no_server_error_and_store_nothing(request, signed_in, url_name, args,
                                                                             persona):
    url = reverse(url_name, kwargs=args(request.getfixturevalue))
    client = signed_in(persona)
    page = client.get(url)
    if page.status_code != 200 or "html" not in page.get("Content-Type", "") or page.streaming:
        return
    reader = FormReader()
    reader.feed(page.content.decode())
    for form in reader.forms:
        action = urlsplit(urljoin(url, form["action"])).path or url
        if action.endswith(SKIPPED_ACTIONS):
            continue
        for what, data, files in variants(form):
            audit = AuditEvent.objects.count()
            if form["method"] == "get":  # a filter or a search: read, never stored
                response = client.get(action, data)
            else:
                response = client.post(action, {**data, **files})
            sent = f"{form['method'].upper()} {action} with {what} as {persona}"
            assert response.status_code < 500, f"{sent}: {response.status_code}"
            if response.status_code == 400:
                assert AuditEvent.objects.count() == audit, f"{sent} was refused yet stored"


def test_a_survey_answer_of_twenty_digits_is_a_field_error_not_a_database_error():
    # The answer page needs a survey round and a partner's employer; the walk above does not reach it.
    form = AnswerForm({"persons": HUGE_NUMBER, "expected_headcount": "1"}, skills=[], horizon_years=6)
    assert not form.is_valid() and "persons" in form.errors


@pytest.mark.parametrize(("url_name", "persona", "action"), [("ledger:approvals", "partner_a_signatory", "approve"),
                                                             ("ledger:reviews", "finance_controller", "accept")])
def test_a_bulk_approval_of_an_id_above_two_to_the_63_is_a_field_error(signed_in, centre, url_name, persona,
                                                                       action):
    # The queues show their checkboxes only with entries waiting; the walk above sees them empty.
    response = signed_in(persona).post(reverse(url_name, args=[centre.slug]),
                                       {"entries": [TOO_BIG_ID], "action": action})
    assert response.status_code < 500
    assert AuditEvent.objects.count() == 0


RAW_PARAMETERS = [("grants:expenditure_new", "GET", "correct"), ("ledger:contribution_new", "GET", "from"),
                  ("governance:decision_new", "GET", "item"), ("events:check_in", "POST", "registration")]


@pytest.mark.parametrize(("url_name", "method", "parameter"), RAW_PARAMETERS)
@pytest.mark.parametrize("value", ["²", "abc", "1\x00", TOO_BIG_ID])
def test_an_id_a_view_reads_from_the_address_or_a_button_is_never_a_server_error(request, signed_in, url_name,
                                                                                  method, parameter, value):
    # Read by the view itself, not by a form: "²" is a digit to str.isdigit() and no number to int().
    url_name, args, persona = next(page for page in PAGES if page[0] == url_name)
    client = signed_in(persona)
    url = reverse(url_name, kwargs=args(request.getfixturevalue))
    response = client.get(url, {parameter: value}) if method == "GET" else client.post(url, {parameter: value})
    assert response.status_code < 500
