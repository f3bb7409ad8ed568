"""The demo practorate: questions in every status, projects with outputs and one public summary, added once."""

from django.urls import reverse

from civhub.accounts.models import Role
from civhub.loader.demo_research import add_demo_research
from civhub.programme.models import EducationModule
from civhub.research.models import QuestionMessage, ResearchOutput, ResearchProject, ResearchQuestion
from tests.factories import MembershipFactory, PartnershipFactory, UserFactory
from tests.research.builders import research_line

USERS = [("practor@example.org", Role.PRACTOR, None), ("contact.janssen@example.org", Role.PARTNER_CONTACT, "janssen"),
         ("signatory.janssen@example.org", Role.PARTNER_SIGNATORY, "janssen"),
         ("contact.eurofins@example.org", Role.PARTNER_CONTACT, "eurofins")]


def demo_centre(centre):
    """The parts of the demo centre the research demo builds on: line 2, three partners, their logins."""
    research_line(centre)
    partners = {code: PartnershipFactory(centre=centre, short_code=code) for code in ("janssen", "eurofins",
                                                                                        "baseclear")}
    for email, role, code in USERS:
        MembershipFactory(user=UserFactory(email=email), centre=centre, role=role, partnership=partners.get(code))
    return centre


def test_the_demo_has_every_status_and_a_published_summary(centre, client):
    demo_centre(centre)
    EducationModule.objects.create(centre=centre, code="CK-01", title="Celkweek en steriel werken")
    summary = add_demo_research(centre=centre)
    assert "7 questions" in summary
    assert set(ResearchQuestion.objects.values_list("status", flat=True)) == set(ResearchQuestion.Status.values)
    dna = ResearchProject.objects.get(title__startswith="Kwaliteit van DNA")
    assert [module.code for module in dna.modules.all()] == ["CK-01"]  # linked when the programme demo made it
    page = client.get(reverse("research:public", args=[centre.slug])).content.decode()
    assert "Kwaliteit van DNA-extractie" in page and "pipetteerrobot" not in page  # Janssen has not approved yet


def test_a_second_call_adds_nothing(centre):
    demo_centre(centre)
    add_demo_research(centre=centre)
    counts = [model.objects.count() for model in (ResearchQuestion, QuestionMessage, ResearchProject, ResearchOutput)]
    assert add_demo_research(centre=centre) == "demo research: already present, left alone"
    assert [model.objects.count() for model in (ResearchQuestion, QuestionMessage, ResearchProject,
                                                ResearchOutput)] == counts
