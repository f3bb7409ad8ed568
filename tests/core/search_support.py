"""The search tests' world (tests/core/test_search.py, tests/browser/test_search.py): one word in things of every
kind, of partner A and of partner B, public and not."""

from civhub.governance.models import Meeting
from civhub.learning.models import Course
from tests.factories import ContactFactory, UserFactory
from tests.governance.support import at, decision, meeting
from tests.learning.factories import CourseFactory
from tests.ledger.builders import entry

WORD = "fermentatie"


def fermentation_world(centre, partner_a, partner_b) -> None:
    """Contributions and contacts of partners A and B, a published course of A and a draft of B, a steering-group
    meeting with a decision, a working group's meeting and a draft meeting, each with WORD in it; and one more
    contribution and course without."""
    someone = UserFactory()
    entry(partner_a, someone, description="Fermentatie practicum A")
    entry(partner_b, someone, description="Fermentatie practicum B")
    entry(partner_a, someone, description="Labgebruik")
    ContactFactory(partnership=partner_a, name="Anna de Vries", function="Teamleider fermentatie")
    ContactFactory(partnership=partner_b, name="Bas Bakker", function="Adviseur fermentatie")
    CourseFactory(provider=partner_a, title="Fermentatie voor analisten")
    CourseFactory(provider=partner_b, title="Fermentatie gevorderd", status=Course.Status.DRAFT)
    CourseFactory(provider=partner_a, title="Pipetteren")
    steering = meeting(centre, title="Stuurgroep over fermentatie", starts=at(2026, 3, 18))
    decision(steering, text="De stuurgroep kiest een nieuw fermentatielab: fermentatie in Leiden.")
    meeting(centre, title="Werkgroep fermentatie", kind=Meeting.Kind.WORKING_GROUP, starts=at(2026, 4, 2))
    meeting(centre, title="Concept: fermentatie", status=Meeting.Status.DRAFT, starts=at(2026, 5, 2))
