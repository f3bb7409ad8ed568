"""The demo programme: the three lines filled once, marked illustrative, and left alone the second time.

One test, as loading the demo centre takes a few seconds.
"""

from datetime import date

import pytest
from django.core.management import call_command
from django.utils import translation

from civhub.core.models import Centre
from civhub.loader.demo_programme import add_demo_programme
from civhub.programme.models import Activity, EducationModule, Kpi, KpiActual, Milestone
from civhub.programme.selectors.kpis import centre_progress

pytestmark = pytest.mark.django_db
MODELS = (Activity, Milestone, Kpi, KpiActual, EducationModule)


@pytest.mark.demo  # runs the whole load_demo: make test-demo
def test_the_demo_programme_tells_its_story_once():
    call_command("load_demo", verbosity=0)  # adds the demo programme, then the practorate's projects
    centre = Centre.objects.get(slug="civ-bio-sciences")
    counts = [model.objects.count() for model in MODELS]

    assert (Milestone.objects.count(), Kpi.objects.count(), EducationModule.objects.count()) == (13, 6, 5)
    assert Activity.objects.filter(research_project__isnull=True).count() == 12
    with translation.override("en"):
        assert add_demo_programme(centre=centre) == "demo programme: already present, left alone"
    assert [model.objects.count() for model in MODELS] == counts
    progress = centre_progress(centre, as_of=date(2025, 12, 31))
    assert all(row.kpi.illustrative for row in progress)
    assert {row.kpi.name for row in progress if row.behind} == {
        "Onderzoeksvragen van partners afgehandeld", "Partners actief in lijn 2", "Partners actief in lijn 3"}
    assert Milestone.objects.filter(done_date__isnull=True, due_date=date(2025, 12, 31)).exclude(explanation="")
    assert EducationModule.objects.filter(title="Analytische chemie in de praktijk").exists()
    assert not Activity.objects.filter(owners__isnull=True).exists()
