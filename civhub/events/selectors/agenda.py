"""What the agenda pages, the feeds and the office's lists read: events with their counts, computed in SQL."""

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from civhub.events.models import Event, Registration

Status = Registration.Status
PAST_SHOWN = 30  # the agenda's past events: the most recent ones, enough for a year or two


def with_counts(events: QuerySet[Event]) -> QuerySet[Event]:
    """Events annotated with `confirmed`, `waiting`, `pending` and `checked_in` counts (one query)."""
    return events.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status=Status.CONFIRMED)),
        waiting=Count("registrations", filter=Q(registrations__status=Status.WAITING)),
        pending=Count("registrations", filter=Q(registrations__status=Status.PENDING)),
        checked_in=Count("registrations", filter=Q(registrations__checked_in_at__isnull=False,
                                                   registrations__status=Status.CONFIRMED)),
    )


def places_left(event: Event) -> int | None:
    """Free places of an annotated event; None for no limit."""
    if event.capacity is None:
        return None
    return max(event.capacity - event.confirmed, 0)


def visible_events(centre, *, partner: bool) -> QuerySet[Event]:
    """The centre's events someone may see: public ones, and partner events for the partners and the office."""
    events = Event.objects.filter(centre=centre)
    return events if partner else events.filter(audience=Event.Audience.PUBLIC)


def upcoming_and_past(centre, *, partner: bool) -> tuple[list[Event], list[Event]]:
    """(upcoming soonest first with their counts and `places_left`, the most recent past ones) for the agenda."""
    now = timezone.now()
    events = visible_events(centre, partner=partner)
    upcoming = list(with_counts(events.filter(ends_at__gte=now)).order_by("starts_at", "pk"))
    for event in upcoming:
        event.places_left = places_left(event)
    # The past list shows no places, so it skips the counts: they would group every past registration.
    past = list(events.filter(ends_at__lt=now).order_by("-starts_at", "-pk")[:PAST_SHOWN])
    return upcoming, past


def office_events(centre) -> QuerySet[Event]:
    """Every event of the centre for the office's list, newest first, with counts."""
    return with_counts(Event.objects.filter(centre=centre)).order_by("-starts_at", "-pk")


def registrations_of(event: Event) -> QuerySet[Registration]:
    """An event's registrations for the office: places, then the waiting list in order, pending, cancelled."""
    order = {Status.CONFIRMED: 0, Status.WAITING: 1, Status.PENDING: 2, Status.CANCELLED: 3}
    rank = Case(*(When(status=status, then=Value(position)) for status, position in order.items()),
                output_field=IntegerField())
    return (event.registrations.select_related("partnership__organisation")
            .annotate(rank=rank).order_by("rank", "confirmed_at", "created_at", "pk"))


def check_in_list(event: Event, search: str = "") -> QuerySet[Registration]:
    """The confirmed people of an event by name for the door, optionally filtered by a part of name or e-mail."""
    people = event.registrations.filter(status=Status.CONFIRMED).select_related("partnership__organisation")
    if search:
        people = people.filter(Q(name__icontains=search) | Q(email__icontains=search)
                               | Q(partnership__organisation__name__icontains=search))
    return people.order_by("name", "pk")


def export_rows(event: Event) -> list[list]:
    """The attendee export's rows (header first): the same source for CSV and XLSX."""
    questions = list(event.questions.values_list("label", flat=True))
    header = [str(label) for label in (
        Registration._meta.get_field("name").verbose_name, Registration._meta.get_field("email").verbose_name,
        Registration._meta.get_field("partnership").verbose_name, Registration._meta.get_field("status").verbose_name,
        Registration._meta.get_field("created_at").verbose_name,
        Registration._meta.get_field("checked_in_at").verbose_name)] + questions
    rows = [header]
    for registration in registrations_of(event).exclude(status=Status.CANCELLED):
        rows.append([
            registration.name, registration.email,
            registration.partnership.organisation.name if registration.partnership else "",
            registration.get_status_display(), registration.created_at,  # shown on the Dutch clock by the export
            registration.checked_in_at or "",
            *(str(registration.answers.get(label, "")) for label in questions),
        ])
    return rows


def personal_events(centre, user) -> QuerySet[Event]:
    """A person's own feed: the partner events (and public events) they hold a place at, plus all partner events."""
    return Event.objects.filter(centre=centre).filter(
        Q(audience=Event.Audience.PARTNERS)
        | Q(registrations__user=user, registrations__status=Status.CONFIRMED)).distinct().order_by("starts_at", "pk")
