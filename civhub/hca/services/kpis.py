"""The centre's aim as KPIs of the programme: the ITA of each occupation, per survey round.

For every occupation whose forecast in the round is published (at least MIN_PARTNERS answering partners) and
has an ITA, a KPI "ITA <occupation>" of programme line 1 (a level: the latest value counts) is made once, and
its value at the round's reference date is recorded, or corrected when it was recorded before. The KPIs and
actuals are written by the programme's own services (audited there); this service adds one audit row for the
round. All or nothing: a refusal of the programme (say, a reference date outside the grant) writes nothing.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from civhub.core.audit import record_event
from civhub.core.models import ProgrammeLine
from civhub.hca.errors import HcaError
from civhub.hca.models import SurveyRound
from civhub.hca.permissions import ensure_may_manage
from civhub.hca.selectors.forecast import round_forecast
from civhub.programme.models import Kpi, KpiActual
from civhub.programme.services.kpis import ActualData, KpiData, create_kpi, record_actual, update_actual

LINE = 1  # the education line: the mismatch it exists to prevent
UNIT = "ITA"


def kpi_name(occupation) -> str:
    return f"ITA {occupation.name}"


def survey_source(survey_round: SurveyRound) -> str:
    """Where the figure comes from, as stored with the actual (the centre's language, like its other records)."""
    return f"Werkgelegenheidsenquête {survey_round.reference_date.year}"


def record_ita_kpis(*, actor, survey_round: SurveyRound) -> int:
    """Record the round's published ITAs as programme KPIs (see the module); returns how many were recorded."""
    centre = survey_round.centre
    ensure_may_manage(actor, centre)
    cells = [cell for cell in round_forecast(survey_round)
             if cell.published and cell.figures is not None and cell.figures.ita is not None]
    if not cells:
        raise HcaError(_("No occupation has a published ITA in this survey round yet: an ITA needs job openings "
                         "and at least three answering partners."))
    line = ProgrammeLine.objects.filter(centre=centre, number=LINE).first()
    if line is None:
        raise HcaError(_("The centre has no programme line 1 to hold the ITA KPIs."))
    with transaction.atomic():
        for cell in cells:
            kpi = _kpi(actor, line, cell.occupation, survey_round)
            _record(actor, kpi, survey_round, cell.figures.ita)
        record_event(survey_round, actor=actor, action="ita_kpis_recorded", centre=centre,
                     summary=f"{survey_round}: {len(cells)}",
                     changes={kpi_name(cell.occupation): str(cell.figures.ita) for cell in cells})
    return len(cells)


def _kpi(actor, line, occupation, survey_round) -> Kpi:
    name = kpi_name(occupation)
    found = Kpi.objects.filter(centre=line.centre, programme_line=line, name=name).first()
    if found is not None:
        return found
    return create_kpi(line=line, actor=actor, data=KpiData(
        name=name, unit=UNIT, measure=Kpi.Measure.LATEST, illustrative=survey_round.illustrative,
        description=("Indicator van toekomstige arbeidsmarktperspectieven (instroom van schoolverlaters ÷ "
                     f"baanopeningen) voor {occupation.name}, uit de werkgelegenheidsenquête van de partners. "
                     "Onder 1: minder schoolverlaters dan baanopeningen.")))


def _record(actor, kpi, survey_round, ita) -> None:
    data = ActualData(date=survey_round.reference_date, value=ita, source=survey_source(survey_round))
    existing = KpiActual.objects.filter(kpi=kpi, date=survey_round.reference_date, partnership=None).first()
    if existing is None:
        record_actual(kpi=kpi, actor=actor, data=data)
    elif existing.value != ita or existing.source != data.source:
        update_actual(actual=existing, actor=actor, data=data)
