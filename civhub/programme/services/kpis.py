"""KPIs, their yearly targets and their recorded actuals (create, edit, delete; audited, in one transaction).

The office defines KPIs and targets. Actuals are recorded by the office (for any partner or
none) and by a partner's contact or signatory for its own partnership; a partner changes
only the actuals of its own partnership. Refused, with nothing written: a negative
baseline, target or value; a target for a year outside the grant; an actual dated outside
the grant period or in the future.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from civhub.accounts.permissions import partnership_ids
from civhub.core.audit import field_changes, record_event
from civhub.programme.errors import ProgrammeError
from civhub.programme.models import Kpi, KpiActual, KpiTarget
from civhub.programme.permissions import may_edit, owns_actual
from civhub.programme.selectors.kpis import grant_years
from civhub.programme.services.work import ensure_editor, values_of

MAX_VALUE = Decimal("9999999999.99")  # what the database column holds


@dataclass
class KpiData:
    """What the office says about a KPI."""

    name: str
    unit: str
    measure: str = Kpi.Measure.SUM
    baseline: Decimal = Decimal("0")
    target_year2: Decimal | None = None
    target_year4: Decimal | None = None
    description: str = ""
    illustrative: bool = False
    position: int = 0


@dataclass
class ActualData:
    """A value measured on a date, where it comes from, and (optionally) the partner it is for."""

    date: date
    value: Decimal
    source: str
    partnership: object = None


def _check_number(value: Decimal | None, field: str, message: str) -> None:
    if value is not None and (value < 0 or value > MAX_VALUE):
        raise ProgrammeError(message, field=field)


def _check_kpi(data: KpiData) -> None:
    if not data.name.strip():
        raise ProgrammeError(_("Give the KPI a name."), field="name")
    if not data.unit.strip():
        raise ProgrammeError(_("Give the unit the KPI counts in, for example “students”."), field="unit")
    _check_number(data.baseline, "baseline", _("The baseline cannot be negative."))
    _check_number(data.target_year2, "target_year2", _("A target cannot be negative."))
    _check_number(data.target_year4, "target_year4", _("A target cannot be negative."))


def create_kpi(*, line, actor, data: KpiData) -> Kpi:
    """Add a KPI to a programme line."""
    ensure_editor(actor, line.centre)
    _check_kpi(data)
    with transaction.atomic():
        kpi = Kpi.objects.create(centre=line.centre, programme_line=line, **values_of(data))
        record_event(kpi, actor=actor, action="kpi_created", centre=line.centre, summary=f"{line.number}: {kpi.name}")
    return kpi


def update_kpi(*, kpi: Kpi, actor, data: KpiData) -> Kpi:
    ensure_editor(actor, kpi.centre)
    _check_kpi(data)
    with transaction.atomic():
        kpi = Kpi.objects.select_for_update().get(pk=kpi.pk)
        changes = field_changes(kpi, values_of(data))
        for name, value in values_of(data).items():
            setattr(kpi, name, value)
        kpi.save()
        record_event(kpi, actor=actor, action="kpi_edited", centre=kpi.centre, summary=kpi.name, changes=changes)
    return kpi


def set_targets(*, kpi: Kpi, actor, targets: dict[int, Decimal | None]) -> Kpi:
    """Set the KPI's target per calendar year; a year given None loses its target. All years or none are saved."""
    ensure_editor(actor, kpi.centre)
    allowed = set(grant_years(kpi.centre))
    for year, target in sorted(targets.items()):
        if year not in allowed:
            raise ProgrammeError(_("%(year)s is not a year of the grant: targets are set for the grant's years only.")
                                 % {"year": year}, field=f"year_{year}")
        _check_number(target, f"year_{year}", _("A target cannot be negative."))
    with transaction.atomic():
        Kpi.objects.select_for_update().get(pk=kpi.pk)
        before = dict(KpiTarget.objects.filter(kpi=kpi).values_list("year", "target"))
        for year, target in targets.items():
            if target is None:
                KpiTarget.objects.filter(kpi=kpi, year=year).delete()
            else:
                KpiTarget.objects.update_or_create(kpi=kpi, year=year, defaults={"target": target})
        changes = {str(year): [str(before.get(year)), str(target)] for year, target in targets.items()
                   if before.get(year) != target}
        record_event(kpi, actor=actor, action="kpi_targets_set", centre=kpi.centre, summary=kpi.name,
                     changes=changes)
    return kpi


def _check_actual(kpi: Kpi, actor, data: ActualData) -> None:
    if data.date > timezone.localdate():
        raise ProgrammeError(_("The date lies in the future."), field="date")
    if not kpi.centre.grants.filter(start__lte=data.date, end__gte=data.date).exists():
        raise ProgrammeError(_("The date lies outside the grant period."), field="date")
    _check_number(data.value, "value", _("A value cannot be negative."))
    if not data.source.strip():
        raise ProgrammeError(_("Say where the figure comes from, for example “enrolment records mboRijnland”."),
                             field="source")
    partner = data.partnership
    if partner is not None and partner.centre_id != kpi.centre_id:
        raise ProgrammeError(_("Choose one of the centre's partners."), field="partnership")
    if not may_edit(actor, kpi.centre) and (partner is None or partner.pk not in partnership_ids(actor, kpi.centre)):
        raise ProgrammeError(_("You can only record figures for your own organisation."), field="partnership")


def record_actual(*, kpi: Kpi, actor, data: ActualData) -> KpiActual:
    """Record what a KPI showed on a date."""
    _check_actual(kpi, actor, data)
    with transaction.atomic():
        actual = KpiActual.objects.create(kpi=kpi, recorded_by=actor, **values_of(data))
        record_event(actual, actor=actor, action="kpi_actual_recorded", centre=kpi.centre,
                     summary=f"{kpi.name} {actual.date}: {actual.value}")
    return actual


def _locked_own(actual: KpiActual, actor) -> KpiActual:
    actual = KpiActual.objects.select_for_update().select_related("kpi__centre").get(pk=actual.pk)
    if not owns_actual(actor, actual):
        raise ProgrammeError(_("You can only change figures of your own organisation."))
    return actual


def update_actual(*, actual: KpiActual, actor, data: ActualData) -> KpiActual:
    """Correct a recorded actual (the office any; a partner its own)."""
    with transaction.atomic():
        actual = _locked_own(actual, actor)
        _check_actual(actual.kpi, actor, data)
        changes = field_changes(actual, values_of(data))
        for name, value in values_of(data).items():
            setattr(actual, name, value)
        actual.save()
        record_event(actual, actor=actor, action="kpi_actual_edited", centre=actual.kpi.centre,
                     summary=f"{actual.kpi.name} {actual.date}: {actual.value}", changes=changes)
    return actual


def delete_actual(*, actual: KpiActual, actor) -> None:
    """Remove a recorded actual (the office any; a partner its own); the history keeps it."""
    with transaction.atomic():
        actual = _locked_own(actual, actor)
        record_event(actual, actor=actor, action="kpi_actual_deleted", centre=actual.kpi.centre,
                     summary=f"{actual.kpi.name} {actual.date}: {actual.value}")
        actual.delete()


def delete_kpi(*, kpi: Kpi, actor) -> None:
    """Remove a KPI set up by mistake, with its targets; one with recorded figures stays (remove those first)."""
    ensure_editor(actor, kpi.centre)
    with transaction.atomic():
        kpi = Kpi.objects.select_for_update().get(pk=kpi.pk)
        recorded = kpi.actuals.count()
        if recorded:
            raise ProgrammeError(ngettext(
                "%(count)d figure has been recorded for this KPI, so it stays. Remove the figure first.",
                "%(count)d figures have been recorded for this KPI, so it stays. Remove the figures first.",
                recorded) % {"count": recorded})
        record_event(kpi, actor=actor, action="kpi_deleted", centre=kpi.centre,
                     summary=f"{kpi.programme_line.number}: {kpi.name}")
        kpi.delete()
