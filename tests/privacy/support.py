"""A person with data in every app, a search of the whole database for a text, and the ledger's chain head."""

import io
import json
from datetime import date, timedelta
from decimal import Decimal

from axes.models import AccessAttempt
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from civhub.accounts.models import Role
from civhub.core.audit import record_event
from civhub.core.models import PublicContact
from civhub.events.models import CalendarFeedToken
from civhub.governance.models import SteeringMember
from civhub.ledger import chain
from civhub.ledger.models import Contribution
from civhub.ledger.services.approval import accept_contribution
from civhub.news.models import NewsItem
from civhub.partners.models import Contact
from civhub.programme.models import Kpi, KpiActual
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import ContactFactory, MembershipFactory, PartnerApplicationFactory, UserFactory
from tests.governance.support import action, meeting
from tests.learning.factories import CourseFactory, EnrolmentFactory, InterestFactory, OfferingFactory
from tests.ledger import builders

NAME = "Zoë Quistorp-Vandermolen"
EMAIL = "zoe.quistorp@example.org"
PHONE = "06 98765432"


def person_with_data_everywhere(*, centre, partner, signatory, finance_controller, centre_admin):
    """A partner contact who entered hours, registered, enrolled, sits in the steering group, is named in the audit
    log, the admin log, the sign-in log and the public page, and whose contact record was changed (history)."""
    person = UserFactory(email=EMAIL, full_name=NAME)
    MembershipFactory(user=person, centre=centre, partnership=partner, role=Role.PARTNER_CONTACT)
    contact = ContactFactory(partnership=partner, user=person, name=NAME, email=EMAIL, phone=PHONE)
    contact.function = "Labhoofd"
    contact.save()  # a second history row, a copy of the name and address
    PartnerApplicationFactory(centre=centre, contact_name=NAME, contact_email=EMAIL.upper(), contact_phone=PHONE)
    PublicContact.objects.create(centre=centre, name=NAME, email=EMAIL, phone=PHONE)
    # The ledger: entries the person entered, two accepted into the chain.
    builders.grant(centre)
    for number in (1, 2):
        entry = builders.entry(partner, person, status=Contribution.Status.APPROVED, extern_id=f"z-{number}",
                               day=date(2025, 3, number), approved_by=signatory)
        accept_contribution(entry=entry, actor=finance_controller)
    builders.entry(partner, person, extern_id="z-3")
    record_event(contact, actor=centre_admin, action="contact_changed", centre=centre,
                 summary=f"Contact {NAME} <{EMAIL}> changed",
                 changes={"name": ["Zoe Q.", NAME], "email": ["old@example.org", EMAIL]})
    record_event(person, actor=person, action="signed_in", summary="")
    # Events and learning.
    event = EventFactory(centre=centre, starts_at=timezone.now() + timedelta(days=3),
                         ends_at=timezone.now() + timedelta(days=3, hours=2))
    RegistrationFactory(event=event, user=person, name=NAME, email=EMAIL, answers={"dieet": f"{NAME}: vegetarisch"})
    CalendarFeedToken.objects.create(user=person, token="z" * 40)
    course = CourseFactory(centre=centre, provider=partner)
    EnrolmentFactory(offering=OfferingFactory(course=course), name=NAME, email=EMAIL, employer=partner,
                     invoice_address=f"{NAME}\nLabweg 1, Leiden")
    InterestFactory(course=course, name=NAME, email=EMAIL)
    # Governance, news, programme: keys to the person.
    SteeringMember.objects.create(centre=centre, user=person, name=NAME, partnership=partner, start=date(2024, 1, 1))
    gathering = meeting(centre)
    gathering.participants.add(person)
    action(gathering, person)
    NewsItem.objects.create(centre=centre, title="Nieuws", summary="Kort", body="Tekst", author=person)
    kpi = Kpi.objects.create(centre=centre, programme_line=centre.programme_lines.first(), name="Studenten",
                             unit="personen")
    KpiActual.objects.create(kpi=kpi, date=date(2025, 1, 1), value=Decimal(3), source="telling", recorded_by=person)
    # What Django's admin and django-axes keep.
    LogEntry.objects.create(user=centre_admin, content_type=ContentType.objects.get_for_model(Contact),
                            object_id=str(contact.pk), object_repr=f"{NAME} <{EMAIL}>", action_flag=ADDITION)
    AccessAttempt.objects.create(username=EMAIL, ip_address="192.0.2.7", user_agent="Firefox", failures_since_start=1,
                                 get_data="", post_data="", http_accept="", path_info="/account/inloggen/")
    return person


def tables_mentioning(*texts: str) -> dict[str, list[str]]:
    """{table: [columns]} in which any text column (or JSON column, as text) contains one of `texts`, in any case,
    found by introspection of every table, so that a new table is searched too."""
    variants = {text.lower() for text in texts} | {json.dumps(text)[1:-1].lower() for text in texts}
    found: dict[str, list[str]] = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                kind = connection.introspection.get_field_type(column.type_code, column)
                if kind not in {"CharField", "TextField", "JSONField", "EmailField"}:
                    continue
                name = connection.ops.quote_name(column.name)
                condition = " OR ".join([f"LOWER(CAST({name} AS TEXT)) LIKE %s"] * len(variants))
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)} WHERE {condition}",  # noqa: S608
                               [f"%{variant}%" for variant in variants])
                if cursor.fetchone()[0]:
                    found.setdefault(table, []).append(column.name)
    return found


def verify_ledger(centre) -> tuple[str, tuple[int, str]]:
    """The output of `manage.py verify_ledger` and the contributions chain's head (count, hash)."""
    out = io.StringIO()
    call_command("verify_ledger", "--centre", centre.slug, stdout=out)
    return out.getvalue(), chain.contributions_head(centre)
