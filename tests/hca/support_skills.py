"""What the skills, coverage, published-forecast and school tests share: a school partner with its contact,
modules, skills."""

from civhub.accounts.models import Role
from civhub.learning.models import Skill
from civhub.partners.models import Cluster, CofinancingGroup, OrganisationKind
from civhub.programme.models import EducationModule
from tests.factories import ContactFactory, MembershipFactory, OrganisationFactory, PartnershipFactory, UserFactory


def school(centre, code="school-a", name="mboRijnland"):
    return PartnershipFactory(centre=centre, short_code=code, cluster=Cluster.GOVERNMENT_EDUCATION,
                              cofinancing_group=CofinancingGroup.OTHER,
                              organisation=OrganisationFactory(name=name, kind=OrganisationKind.SCHOOL))


def school_contact(partnership, email="school.contact@example.org", role=Role.PARTNER_CONTACT):
    user = UserFactory(email=email, full_name="School Contact")
    MembershipFactory(user=user, centre=partnership.centre, partnership=partnership, role=role)
    ContactFactory(partnership=partnership, user=user, name=user.full_name, email=email)
    return user


def module(centre, code, provider=None, title=None):
    return EducationModule.objects.create(centre=centre, code=code, title=title or f"Module {code}",
                                          provider=provider)


def skills(centre, *names):
    return [Skill.objects.create(centre=centre, name=name, position=index) for index, name in enumerate(names)]
