"""The retention rules per kind of record (docs/privacy.md): what is past its term is anonymised.

- Registrations for an event: the centre's `registration_retention_months` after the event ended; the row stays
  (the event's counts), the person's name, address and answers go, as the office's "anonymise" does.
- Enrolments and interest in a course: the centre's `enrolment_retention_months` after the offering ended (for
  interest without a date: after it was registered); name, address and invoice address go.
- The ledger (contributions and expenditure): until the grant's retention date (core/retention.py,
  Regeling OCW-subsidies art. 8). Nothing of it is changed here: the hash chain covers it. The rule reports the
  centres whose ledger is past that date; removing such a centre's records is a deliberate deletion (of the
  centre, by a superuser), which core/retention.py then allows.
- Files made in the background (a funder pack, a meeting pack, the statements' ZIP; core/requested_files.py): seven
  days after they were asked for, the request and its file are removed. They are copies of what the pages show.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from civhub.core import requested_files
from civhub.core.audit import record_event
from civhub.core.models import Centre
from civhub.core.retention import retained_until
from civhub.events.models import Registration
from civhub.grants.schedule import add_months
from civhub.learning.models import Enrolment, Interest
from civhub.ledger.models import Contribution


@dataclass(frozen=True)
class Outcome:
    """What one rule found in one centre: how many records are past their term, and whether they were handled."""

    centre: Centre
    rule: str  # "registrations", "enrolments", "interests", "ledger", "files"
    count: int
    until: date | None = None  # the ledger: its retention date
    applied: bool = False


def _cutoff(today: date, months: int) -> datetime:
    """The moment before which an event or course counts as past its term."""
    return timezone.make_aware(datetime.combine(add_months(today, -months), time.min))


def registrations_due(centre: Centre, today: date):
    return Registration.objects.filter(event__centre=centre, anonymised_at__isnull=True,
                                       event__ends_at__lt=_cutoff(today, centre.registration_retention_months))


def enrolments_due(centre: Centre, today: date):
    cutoff = add_months(today, -centre.enrolment_retention_months)
    # An erased or anonymised address ends in "invalid" (RFC 2606): done before.
    return Enrolment.objects.filter(offering__course__centre=centre, offering__end_date__lt=cutoff).exclude(
        email__endswith="invalid")


def interests_due(centre: Centre, today: date):
    return Interest.objects.filter(course__centre=centre,
                                   created_at__lt=_cutoff(today, centre.enrolment_retention_months)).exclude(
        email__endswith="invalid")


def apply_retention(*, today: date, apply: bool, actor=None) -> list[Outcome]:
    """Every rule in every centre; with `apply`, the records past their term are anonymised (one transaction per
    centre, with an audit record of the counts)."""
    outcomes = []
    for centre in Centre.objects.order_by("slug"):
        with transaction.atomic():
            found = [
                Outcome(centre, "registrations", registrations_due(centre, today).count()),
                Outcome(centre, "enrolments", enrolments_due(centre, today).count()),
                Outcome(centre, "interests", interests_due(centre, today).count()),
            ]
            if apply and any(outcome.count for outcome in found):
                _anonymise(centre, today)
                record_event(centre, actor=actor, action="retention_applied", centre=centre,
                             changes={outcome.rule: outcome.count for outcome in found})
                found = [Outcome(o.centre, o.rule, o.count, applied=True) for o in found]
        outcomes += found
        outcomes.append(_ledger(centre, today))
        outcomes.append(_files(centre, today, apply=apply))
    return outcomes


def _files(centre: Centre, today: date, *, apply: bool) -> Outcome:
    """The centre's files made in the background past their days; removed (rows and files) with `apply`."""
    with transaction.atomic():
        old = requested_files.old_files(centre, today)
        count = old.count()
        if apply and count:
            requested_files.remove(old)
    return Outcome(centre, "files", count, applied=apply and bool(count))


def _anonymise(centre: Centre, today: date) -> None:
    registrations_due(centre, today).update(name="", email="", answers={}, user=None, submitted_from="",
                                            anonymised_at=timezone.now())
    # An address per row (the live-enrolment constraint is per offering and address) that reaches nobody.
    enrolments_due(centre, today).update(name="", invoice_address="", submitted_from="",
                                         email=_address("enrolment"))
    interests_due(centre, today).update(name="", submitted_from="",
                                        email=_address("interest"))


def _address(kind: str) -> Concat:
    """kind-<id>@anonymised.invalid, made by the database for each row."""
    return Concat(Value(f"{kind}-"), Cast("pk", CharField()), Value("@anonymised.invalid"), output_field=CharField())


def _ledger(centre: Centre, today: date) -> Outcome:
    until = retained_until([centre.pk])
    past = until is not None and until < today
    count = Contribution.objects.filter(centre=centre).count() if past else 0
    return Outcome(centre, "ledger", count, until=until)
