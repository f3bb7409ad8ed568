"""`manage.py apply_retention` (privacy/retention.py): what is past its term is anonymised, what is not stays; a dry
run changes nothing; the ledger is reported, never changed. Dates are relative to the day the tests run."""

import io
from datetime import date, datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from civhub.core.formatting import format_date
from civhub.core.models import AuditEvent
from civhub.events.models import Registration
from civhub.grants.schedule import add_months
from civhub.learning.models import Enrolment, Interest
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import GrantFactory
from tests.learning.factories import CourseFactory, EnrolmentFactory, InterestFactory, OfferingFactory

pytestmark = pytest.mark.usefixtures("english_messages")


def months_ago(months: int, days: int = 0) -> date:
    return add_months(timezone.localdate(), -months) - timedelta(days=days)


def moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def registration(centre, ended: date, **fields) -> Registration:
    event = EventFactory(centre=centre, starts_at=moment(ended) - timedelta(hours=3), ends_at=moment(ended))
    return RegistrationFactory(event=event, **fields)


def run(*args) -> list[str]:
    out = io.StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue().splitlines()


@pytest.fixture
def records(centre, partner_a):
    """Registrations and enrolments on either side of the centre's term of 24 months."""
    old = registration(centre, months_ago(24, days=1), name="Oud Persoon", email="oud@example.org",
                       answers={"dieet": "vegan"})
    recent = registration(centre, months_ago(23), name="Recent Persoon", email="recent@example.org")
    course = CourseFactory(centre=centre, provider=partner_a)
    ended = OfferingFactory(course=course, start_date=months_ago(25), end_date=months_ago(24, days=1))
    old_enrolments = [EnrolmentFactory(offering=ended, invoice_address="Labweg 1") for _ in range(2)]
    new_enrolment = EnrolmentFactory(offering=OfferingFactory(course=course, start_date=months_ago(3),
                                                              end_date=months_ago(2)))
    old_interest, new_interest = InterestFactory(course=course), InterestFactory(course=course)
    Interest.objects.filter(pk=old_interest.pk).update(created_at=moment(months_ago(25)))
    return {"old": old, "recent": recent, "old_enrolments": old_enrolments, "new_enrolment": new_enrolment,
            "old_interest": old_interest, "new_interest": new_interest}


def test_a_dry_run_reports_and_changes_nothing(records, centre):
    lines = run()
    assert f"{centre.slug}: registrations past their term: 1 (to anonymise)" in lines
    assert f"{centre.slug}: enrolments past their term: 2 (to anonymise)" in lines
    assert f"{centre.slug}: interest in courses past its term: 1 (to anonymise)" in lines
    assert lines[-1] == "Dry run: nothing was changed. Run with --apply to anonymise."
    assert Registration.objects.get(pk=records["old"].pk).email == "oud@example.org"


def test_apply_anonymises_what_is_past_its_term_and_keeps_the_rest(records, centre):
    lines = run("--apply")

    assert f"{centre.slug}: registrations past their term: 1 (anonymised)" in lines
    old = Registration.objects.get(pk=records["old"].pk)
    assert (old.name, old.email, old.answers, old.is_anonymised) == ("", "", {}, True)
    assert Registration.objects.get(pk=records["recent"].pk).email == "recent@example.org"
    for enrolment in Enrolment.objects.filter(pk__in=[e.pk for e in records["old_enrolments"]]):
        assert (enrolment.name, enrolment.email, enrolment.invoice_address) == (
            "", f"enrolment-{enrolment.pk}@anonymised.invalid", "")
    assert Enrolment.objects.get(pk=records["new_enrolment"].pk).email == records["new_enrolment"].email
    assert Interest.objects.get(pk=records["old_interest"].pk).name == ""
    assert Interest.objects.get(pk=records["new_interest"].pk).name == records["new_interest"].name
    audit = AuditEvent.objects.get(action="retention_applied")
    assert audit.changes == {"registrations": 1, "enrolments": 2, "interests": 1}
    # A second run finds nothing left to do.
    assert f"{centre.slug}: registrations past their term: 0 (nothing to do)" in run("--apply")


def test_the_centre_chooses_its_term(centre):
    centre.registration_retention_months = 6
    centre.save()
    registration(centre, months_ago(6, days=1))
    registration(centre, months_ago(5))
    run("--apply")
    assert Registration.objects.filter(anonymised_at__isnull=False).count() == 1


def test_the_ledger_is_reported_until_its_grant_retention_date(centre):
    grant = GrantFactory(centre=centre)
    assert run()[3] == f"{centre.slug}: ledger: kept until {format_date(grant.retained_until)}"


def test_a_ledger_past_its_retention_date_is_reported_not_changed(centre):
    today = timezone.localdate()
    GrantFactory(centre=centre, start=date(today.year - 14, 1, 1), end=date(today.year - 11, 12, 31))
    line = run("--apply")[3]
    assert line.startswith(f"{centre.slug}: ledger: 0 contributions past their retention date (")
    assert line.endswith("they are not changed here (the hash chain covers them): deleting the centre's records is "
                         "a decision of their own")
