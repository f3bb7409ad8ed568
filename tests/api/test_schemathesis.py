"""The API fuzzed against its own OpenAPI schema (/api/schema/) with schemathesis, in-process through the WSGI app.

Every operation of the partners' API (v1) is sent generated requests with a personal token of each role (the
office, a partner's contact, a partner's signatory, a steering-group member), on a centre with rows in every
list, so the answers carry real objects: no answer may be a server error, and each must have a status, a
content type and a body its operation documents. Requests the schema allows (positive) are checked on all four;
requests it forbids (negative: wrong types, missing fields, values out of range) must still never be a 500.
The public OOAPI feed is fuzzed the same way, anonymously.

Bounded for `make test`: a few examples per operation and role (EXAMPLES), derandomised so a run is repeatable.
"""


from datetime import date

import hypothesis
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from civhub.events.models import Event
from civhub.governance.models import Meeting
from tests.api.builders import course, offering
from tests.api.support import make_token
from tests.events.factories import EventFactory, QuestionFactory, RegistrationFactory
from tests.governance.support import decision, meeting
from tests.grants.monitor_support import small_centre
from tests.learning.factories import EnrolmentFactory, OfferingFactory
from tests.ledger.builders import rate

pytestmark = pytest.mark.django_db

EXAMPLES = 10
ROLES = ["programme_manager", "partner_a_contact", "partner_a_signatory", "steering_member"]
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
SETTINGS = hypothesis.settings(
    max_examples=EXAMPLES, deadline=None, derandomize=True, database=None, print_blob=True,
    suppress_health_check=list(HealthCheck), phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
)


@pytest.fixture
def wsgi_app():
    """The WSGI application, serving in the test's transaction.

    Django closes a request's database connection when the request ends; inside a test that connection holds
    the test's transaction, so (as Django's own test client does) the close is left out while the test runs.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def rows(centre, partner_a, partner_b, partner_a_contact):
    """A centre with something in every list: events and registrations, courses and enrolments, meetings and
    decisions, and a grant with figures. Returns an id per detail endpoint's resource."""
    small_centre(centre, partner_a, partner_b)
    event = EventFactory(centre=centre, audience=Event.Audience.PARTNERS)
    QuestionFactory(event=event)
    RegistrationFactory(event=event, user=partner_a_contact, email=partner_a_contact.email,
                        answers={"Dieetwensen": "geen"})
    RegistrationFactory(event=event, name="", email="", anonymised_at=timezone.now())  # erased on request
    held = meeting(centre, status=Meeting.Status.HELD)
    meeting(centre, kind=Meeting.Kind.WORKING_GROUP, title="Werkgroep").participants.add(partner_a_contact)
    made = course(partner_a)
    upcoming = OfferingFactory(course=made)
    EnrolmentFactory(offering=upcoming, employer=partner_a)
    card = rate(partner_a, "analist", "75.00", date(2024, 1, 1))
    return {"events": event.pk, "meetings": held.pk, "decisions": decision(held).pk, "courses": made.pk,
            "partners": partner_a.pk, "contacts": partner_a_contact.contacts.get().pk, "rate-cards": card.pk,
            "pledges": partner_a.pledges.first().pk, "contributions": partner_a.contributions.first().pk,
            # A body each create accepts (for the office; another role may get a documented 400 or 422).
            "registrations": {"event": event.pk, "waiting_list": True},
            "enrolments": {"offering": upcoming.pk, "terms_accepted": True},
            "contributions-create": {"date": "2025-02-03", "kind": "lab", "amount": "120.00",
                                     "description": "Labdag"}}


def fuzz(schema, operation_filter, *, path_parameters, headers=None, bodies=None):
    """Send every selected operation EXAMPLES positive and EXAMPLES negative cases, and each POST the valid body
    `bodies(operation)` gives (so an answer with a new object is checked too); fail on the first problem."""
    operations = [result.ok() for result in schema.get_all_operations() if operation_filter(result.ok().path)]
    assert operations
    for operation in operations:
        fixed = {name: value for name, value in path_parameters(operation).items()
                 if value is not None and name in {parameter.name for parameter in operation.path_parameters}}
        positive = operation.as_strategy(GenerationMode.POSITIVE, path_parameters=fixed, headers=headers)
        negative = operation.as_strategy(GenerationMode.NEGATIVE, path_parameters=fixed, headers=headers)

        @SETTINGS
        @given(case=st.one_of(positive.map(lambda case: (case, CHECKS)),
                              negative.map(lambda case: (case, [not_a_server_error]))))
        def run(case):
            case, checks = case
            case.call_and_validate(headers=headers, checks=checks)

        run()
        body = bodies(operation) if bodies and operation.method.upper() == "POST" else None
        if body is not None:
            operation.Case(path_parameters=fixed, headers=headers, body=body, media_type="application/json") \
                .call_and_validate(headers=headers, checks=CHECKS)


def test_the_partners_api_answers_every_role_within_its_schema(wsgi_app, centre, rows, request):
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)
    for role in ROLES:
        user = request.getfixturevalue(role)
        _token, secret = make_token(user)

        fuzz(schema, lambda path: path.startswith("/api/v1/"), headers={"Authorization": f"Bearer {secret}"},
             path_parameters=lambda operation: {"centre_slug": centre.slug, "id": rows.get(resource_of(operation))},
             bodies=lambda operation: rows.get(f"{resource_of(operation)}-create", rows.get(resource_of(operation))))


def resource_of(operation) -> str:
    """`events` for /api/v1/centres/{centre_slug}/events/{id}/."""
    return operation.path.split("/")[5]


def test_the_ooapi_feed_answers_within_its_schema(wsgi_app, partner_a):
    made = course(partner_a)
    offering(made)
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)
    fuzz(schema, lambda path: path.startswith("/api/ooapi/"), path_parameters=lambda operation: {
        "course_id": str(made.pk)})
