"""A partner names the programme activity a contribution served, on the ledger's entry form."""

import pytest
from django.urls import reverse

from civhub.ledger.models import Contribution
from tests.factories import ProgrammeLineFactory
from tests.ledger.entries_helpers import with_grant
from tests.partners.factories import client_for
from tests.programme.support import activity

pytestmark = pytest.mark.django_db


def form_data(**fields):
    return {"date": "2025-06-02", "kind": "research", "hours": "4", "amount": "",
            "description": "Begeleiding onderzoek monstervoorbereiding", "action": "draft", **fields}


@pytest.fixture
def lines(centre):
    with_grant(centre)
    return [ProgrammeLineFactory(centre=centre, number=number) for number in (1, 2)]


def test_the_activity_gives_the_entry_its_line(centre, lines, partner_a, partner_a_contact):
    work = activity(lines[1])
    client_for(partner_a_contact).post(reverse("ledger:contribution_new", args=[centre.slug]),
                                       form_data(activity=work.pk))
    entry = Contribution.objects.get()
    assert (entry.activity, entry.programme_line) == (work, lines[1])
    detail = client_for(partner_a_contact).get(reverse("ledger:contribution", args=[centre.slug, entry.pk]))
    assert work.title in detail.content.decode()  # the entry's page names the activity it served


def test_an_activity_of_another_line_is_refused(centre, lines, partner_a, partner_a_contact):
    work = activity(lines[1])
    response = client_for(partner_a_contact).post(reverse("ledger:contribution_new", args=[centre.slug]),
                                                  form_data(activity=work.pk, programme_line=lines[0].pk))
    assert response.status_code == 400
    assert "belongs to programme line 2" in response.content.decode()
    assert not Contribution.objects.exists()


def test_only_the_centres_activities_are_offered(centre, other_centre, lines, partner_a_contact):
    own = activity(lines[0])
    activity(ProgrammeLineFactory(centre=other_centre, number=1), title="Elders")
    form = client_for(partner_a_contact).get(reverse("ledger:contribution_new", args=[centre.slug])).context["form"]
    assert list(form.fields["activity"].queryset) == [own]
