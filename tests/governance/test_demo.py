"""The demo governance: a steering group and meetings 2022–2027, added once and left alone the second time."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from civhub.core.models import Centre
from civhub.governance.models import Action, Decision, Meeting, MinutesVersion, SteeringMember
from civhub.loader.demo_governance import add_demo_governance

pytestmark = pytest.mark.django_db
MODELS = (SteeringMember, Meeting, Decision, Action, MinutesVersion)


@pytest.mark.demo  # runs the whole load_demo: make test-demo
def test_the_demo_governance_is_added_once():
    call_command("load_demo", verbosity=0)
    centre = Centre.objects.get(slug="civ-bio-sciences")
    add_demo_governance(centre=centre)
    counts = [model.objects.count() for model in MODELS]
    assert add_demo_governance(centre=centre) == "demo governance: already present, left alone"
    assert [model.objects.count() for model in MODELS] == counts

    assert SteeringMember.objects.get(role="chair").partnership.short_code == "mborijnland"
    assert SteeringMember.objects.filter(user__email="steering@example.org", end__isnull=True).exists()
    assert Meeting.objects.filter(status="minutes_published").count() == 10
    assert Decision.objects.filter(number="SG-2024-01").exists()
    upcoming = Meeting.objects.get(starts_at__gt=timezone.now(), kind=Meeting.Kind.STEERING_GROUP)
    assert upcoming.status == Meeting.Status.AGENDA_PUBLISHED and upcoming.items.count() == 5
    assert Action.objects.filter(status="open", due_date__lt=timezone.localdate()).count() == 1
    assert MinutesVersion.objects.filter(published_by__isnull=True).count() == 0
    assert Meeting.objects.get(is_public=True).kind == Meeting.Kind.PARTNER_CONSULTATION
