"""The centre's aim as KPIs of the programme: the ITA of each published occupation at the round's reference date."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from civhub.core.models import AuditEvent
from civhub.hca.errors import HcaError
from civhub.hca.services.kpis import record_ita_kpis
from civhub.programme.models import Kpi, KpiActual
from tests.factories import GrantFactory, ProgrammeLineFactory
from tests.hca import overview_data as data
from tests.partners.factories import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


@pytest.fixture
def answered(centre, programme_manager):
    """A round 30 days ago: laborant answered by three employers (ITA 0.73), analist by two (not published)."""
    today = timezone.localdate()
    GrantFactory(centre=centre, start=today - timedelta(days=800), end=today + timedelta(days=800))
    ProgrammeLineFactory(centre=centre, number=1)
    laborant, analist = data.occupations(centre, "laborant", "analist")
    survey = data.survey_round(centre, programme_manager, today - timedelta(days=30), illustrative=True)
    partners = data.employers(centre, 3)
    data.programme(centre, data.employers(centre, 1)[0], laborant, graduates=2, share="1")
    for partner in partners:
        data.answer(survey, partner, laborant, programme_manager)
    for partner in partners[:2]:
        data.answer(survey, partner, analist, programme_manager)
    return survey


def test_the_published_ita_becomes_a_kpi_of_line_one_with_its_actual(answered, programme_manager):
    assert record_ita_kpis(actor=programme_manager, survey_round=answered) == 1

    kpi = Kpi.objects.get()
    assert (kpi.name, kpi.unit, kpi.measure, kpi.programme_line.number, kpi.illustrative) == (
        "ITA laborant", "ITA", Kpi.Measure.LATEST, 1, True)
    actual = KpiActual.objects.get()
    assert (actual.date, actual.value, actual.partnership) == (answered.reference_date, Decimal("0.73"), None)
    assert actual.source == f"Werkgelegenheidsenquête {answered.reference_date.year}"
    assert AuditEvent.objects.filter(action="ita_kpis_recorded").count() == 1
    assert AuditEvent.objects.filter(action="kpi_created").count() == 1


def test_recording_again_makes_no_second_kpi_and_corrects_the_figure(answered, programme_manager):
    record_ita_kpis(actor=programme_manager, survey_round=answered)
    answered.answers.filter(occupation__name="laborant").update(expected_headcount=14)  # 12 ÷ (12 + 10.5)

    record_ita_kpis(actor=programme_manager, survey_round=answered)

    assert Kpi.objects.count() == 1
    assert list(KpiActual.objects.values_list("value", flat=True)) == [Decimal("0.53")]
    assert AuditEvent.objects.filter(action="kpi_actual_edited").count() == 1


def test_only_the_office_records_and_a_round_without_published_itas_is_refused(centre, answered, steering_member,
                                                                               programme_manager):
    with pytest.raises(HcaError, match="Only the programme office"):
        record_ita_kpis(actor=steering_member, survey_round=answered)
    answered.answers.filter(occupation__name="laborant").first().delete()  # two partners left: not published

    with pytest.raises(HcaError, match="No occupation has a published ITA"):
        record_ita_kpis(actor=programme_manager, survey_round=answered)
    assert not Kpi.objects.exists()


def test_a_date_outside_the_grant_writes_nothing(centre, answered, programme_manager):
    centre.grants.update(start=timezone.localdate() - timedelta(days=10))

    with pytest.raises(Exception, match="outside the grant period"):
        record_ita_kpis(actor=programme_manager, survey_round=answered)
    assert not Kpi.objects.exists() and not AuditEvent.objects.filter(action="ita_kpis_recorded").exists()


def test_the_office_confirms_then_records_from_the_page(centre, answered, programme_manager):
    client = client_for(programme_manager)
    address = reverse("hca:record_kpis", args=[centre.slug, answered.pk])

    confirm = client.get(address)
    assert confirm.status_code == 200 and "Record the ITAs as KPIs" in confirm.content.decode()
    assert not Kpi.objects.exists()
    done = client.post(address, follow=True)

    assert done.redirect_chain[-1][0].endswith(f"?ronde={answered.pk}#kpis")
    assert "The ITA of 1 occupation has been recorded as a KPI of the programme." in done.content.decode()
    assert Kpi.objects.count() == 1
