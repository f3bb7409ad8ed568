"""The office removes what it planned by mistake: audited, and refused where the ledger or a project needs it.
(Messages in English: this folder's conftest.)"""

from datetime import date

import pytest
from django.urls import reverse

from civhub.core.models import AuditEvent
from civhub.programme.errors import ProgrammeError
from civhub.programme.models import Activity, Kpi, KpiTarget, Milestone
from civhub.programme.services.kpis import delete_kpi
from civhub.programme.services.work import delete_activity, delete_milestone
from tests.ledger.builders import entry
from tests.partners.factories import client_for
from tests.programme.support import activity, actual, kpi, milestone, programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def line(centre):
    return programme(centre)[1]


def test_an_activity_goes_and_its_milestones_stay_without_it(line, programme_manager):
    planned = activity(line)
    kept = milestone(line, activity=planned)
    delete_activity(activity=planned, actor=programme_manager)
    assert not Activity.objects.exists()
    kept.refresh_from_db()
    assert kept.activity is None
    event = AuditEvent.objects.get(action="activity_deleted")
    assert (event.actor, event.summary) == (programme_manager, "1: Module analytische chemie")


def test_an_activity_with_contributions_booked_to_it_stays(line, programme_manager, partner_a, partner_a_contact):
    booked = activity(line)
    entry(partner_a, partner_a_contact, activity=booked, programme_line=line)
    with pytest.raises(ProgrammeError, match="1 contribution is booked to this activity"):
        delete_activity(activity=booked, actor=programme_manager)
    assert Activity.objects.filter(pk=booked.pk).exists()


def test_a_kpi_goes_with_its_targets_but_not_once_figures_are_recorded(line, programme_manager):
    empty, measured = kpi(line, targets={2025: 10}), kpi(line, name="Gemeten", targets={2025: 5})
    actual(measured, date(2025, 3, 1), 3)
    delete_kpi(kpi=empty, actor=programme_manager)
    assert list(Kpi.objects.all()) == [measured] and KpiTarget.objects.filter(kpi_id=empty.pk).count() == 0
    with pytest.raises(ProgrammeError, match="1 figure has been recorded"):
        delete_kpi(kpi=measured, actor=programme_manager)


def test_a_partner_cannot_remove(line, partner_a_contact):
    with pytest.raises(ProgrammeError):
        delete_milestone(milestone=milestone(line), actor=partner_a_contact)
    assert Milestone.objects.count() == 1


def test_the_page_asks_first_then_removes(centre, line, programme_manager):
    planned = milestone(line, title="Pilot met twee bedrijven")
    client = client_for(programme_manager)
    url = reverse("programme:milestone_delete", args=[centre.slug, planned.pk])
    page = client.get(url).content.decode()
    assert "Pilot met twee bedrijven" in page and Milestone.objects.exists()
    response = client.post(url)
    assert response.status_code == 302 and response["Location"].endswith("#milestones")
    assert not Milestone.objects.exists()


def test_a_refusal_comes_back_as_a_message_on_the_kpi(centre, line, programme_manager):
    measured = kpi(line)
    actual(measured, date(2025, 3, 1), 3)
    client = client_for(programme_manager)
    response = client.post(reverse("programme:kpi_delete", args=[centre.slug, measured.pk]), follow=True)
    assert "1 figure has been recorded for this KPI" in response.content.decode()
    assert Kpi.objects.filter(pk=measured.pk).exists()
