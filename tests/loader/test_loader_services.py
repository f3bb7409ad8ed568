"""Loading a centre definition: the demo centre's brochure facts, a second centre, and idempotence."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from django.db.models import Sum

from civhub.accounts.models import Membership, Role, User
from civhub.core.models import AuditEvent, Centre, Grant, ProgrammeLine
from civhub.grants.models import BudgetLine, BudgetVersion
from civhub.ledger.models import Pledge, RateCard
from civhub.loader.definition import parse_definition, read_definition
from civhub.loader.services import LoadError, load_centre_definition
from civhub.partners.models import Organisation, Partnership

pytestmark = pytest.mark.django_db


@pytest.fixture
def load(as_yaml):
    """Load a definition (a dict, or a file's path) as the service does for the command."""

    def load(path_or_data, actor=None):
        if isinstance(path_or_data, dict):
            definition = parse_definition(as_yaml(path_or_data))
        else:
            definition = read_definition(path_or_data)
        return load_centre_definition(definition=definition, actor=actor)

    return load


@pytest.fixture
def demo(load, demo_file) -> Centre:
    return load(demo_file).centre


def test_demo_centre_has_the_brochure_facts(demo):
    assert demo.name == "CIV Bio Sciences"
    assert demo.region == "Leiden Bio Science Park"
    assert "kwalitatieve en kwantitatieve mismatch" in demo.aim["nl"]
    assert "qualitative and quantitative mismatch" in demo.aim["en"]
    assert len(demo.reasons) == 5
    assert demo.steering_meetings_per_year == 2
    assert [fund["nl"] for fund in demo.subsidy_funds] == [
        "Een programmamanager (organiserend vermogen, de motor)", "Een practor", "Een communicatiemedewerker"]
    assert [line.name["nl"] for line in demo.programme_lines.order_by("number")] == [
        "Excellent en vraaggericht onderwijs", "Practoraal onderzoek", "Ecosysteem Leven Lang Ontwikkelen"]


def test_demo_has_13_professional_field_and_8_government_education_partners(demo):
    clusters = {row["cluster"]: row["n"] for row in
                demo.partnerships.values("cluster").annotate(n=Sum(1)).order_by()}

    assert clusters == {"professional_field": 13, "government_education": 8}
    assert set(demo.partnerships.values_list("organisation__name", flat=True)) >= {
        "Stichting LBSP", "Janssen Biologics", "Hal Allergy/Halix", "Randstad", "mboRijnland",
        "Leidse Instrumentmakers School", "Stichting Consortium Beroepsonderwijs"}


def test_demo_has_exactly_one_lead_applicant_whose_hours_do_not_count(demo):
    lead = demo.partnerships.get(is_lead_applicant=True)

    assert lead.organisation.name == "mboRijnland"
    assert lead.cofinancing_group == "not_counted"
    assert demo.partnerships.filter(is_lead_applicant=True).count() == 1


def test_demo_grant_is_the_rif_application(demo):
    grant = demo.grants.get()

    assert (grant.scheme, grant.amount, grant.start, grant.end) == (
        "RIF", Decimal("1000000.00"), date(2022, 1, 1), date(2025, 12, 31))
    assert grant.cofinancing_ratio == Decimal("2.00")
    assert grant.fixed_hourly_rate == Decimal("73.00")
    # The regulation's thirds, exactly (RIF art. 10): 1/3 of the EUR 3,000,000 budget is EUR 1,000,000.00.
    assert (grant.employer_share_min, grant.employer_share_max, grant.other_share_max) == (
        Fraction(1, 3), Fraction(2, 3), Fraction(1, 3))
    assert (grant.regulation.code, grant.decision_reference, grant.decision_date) == (
        "rif-2019-2022", "RIF21-0412", date(2021, 11, 25))
    assert grant.report_due_months == [13, 25, 37]
    assert grant.application_due == date(2021, 6, 30)


def test_demo_budget_is_one_million_subsidy_and_two_million_in_kind(demo):
    version = BudgetVersion.objects.get(grant__centre=demo)
    totals = dict(version.lines.values("source").annotate(total=Sum("amount")).values_list("source", "total"))

    assert (version.number, version.name, version.is_current) == (1, "Begroting aanvraag", True)
    assert totals == {"subsidy": Decimal("1000000.00"), "in_kind": Decimal("2000000.00")}
    assert set(version.lines.values_list("year", flat=True)) == {2022, 2023, 2024, 2025}


def test_demo_pledges_meet_the_rif_composition(demo):
    pledges = Pledge.objects.filter(partnership__centre=demo)
    by_group = dict(pledges.values("partnership__cofinancing_group").annotate(total=Sum("amount"))
                    .values_list("partnership__cofinancing_group", "total"))

    assert pledges.aggregate(total=Sum("amount"))["total"] == Decimal("2000000.00")
    assert Decimal("1000000") <= by_group["employer"] <= Decimal("2000000")
    assert by_group["government"] + by_group["other"] <= Decimal("1000000")
    assert "not_counted" not in by_group


def test_demo_agenda_and_public_contacts_follow_the_brochure(demo):
    agenda = [(item.starts_on, item.ends_on) for item in demo.key_dates.order_by("starts_on")]
    contacts = list(demo.public_contacts.order_by("order"))

    assert agenda == [
        (date(2020, 11, 5), None), (date(2021, 2, 1), date(2021, 3, 31)), (date(2021, 4, 1), date(2021, 4, 30)),
        (date(2021, 5, 26), None), (date(2021, 6, 1), date(2021, 6, 30)),
    ]
    assert [(c.name, c.phone, c.email) for c in contacts] == [
        ("Ria van Oosterhout", "06 2243 4313", "ria@civ-biosciences.nl"),
        ("Jan van Laake", "06 1272 2070", "jlaake@mboRijnland.nl"),
    ]
    assert contacts[0].position["nl"] == "Kwartiermaker CIV Bio Sciences"


def test_demo_users_hold_one_role_each_and_have_no_usable_password(demo):
    memberships = Membership.objects.filter(centre=demo).select_related("user", "partnership")
    roles = {(m.user.email, m.role, m.partnership.short_code if m.partnership else None) for m in memberships}

    assert roles == {
        ("pm@example.org", Role.PROGRAMME_MANAGER, None), ("finance@example.org", Role.FINANCE_CONTROLLER, None),
        ("practor@example.org", Role.PRACTOR, None), ("comms@example.org", Role.COMMUNICATIONS, None),
        ("admin@example.org", Role.CENTRE_ADMIN, None), ("steering@example.org", Role.STEERING_MEMBER, None),
        ("contact.janssen@example.org", Role.PARTNER_CONTACT, "janssen"),
        ("signatory.janssen@example.org", Role.PARTNER_SIGNATORY, "janssen"),
        ("contact.eurofins@example.org", Role.PARTNER_CONTACT, "eurofins"),
    }
    assert not User.objects.get(email="pm@example.org").has_usable_password()


def test_a_second_centre_loads_its_own_facts(load, demo, other_file):
    result = load(other_file)
    other = result.centre

    assert (other.slug, other.name, other.steering_meetings_per_year) == ("civ-food-tech", "CIV Voedsel & Techniek", 4)
    assert other.aim == {"nl": "Genoeg vakmensen voor de voedingsmiddelenindustrie in de regio, die de techniek "
                               "van morgen beheersen."}
    assert other.grants.get().fixed_hourly_rate is None
    assert other.partnerships.get(is_lead_applicant=True).short_code == "roc"
    assert RateCard.objects.filter(partnership__centre=other).count() == 3
    assert BudgetLine.objects.get(version__grant__centre=other, programme_line=None).amount == Decimal("12345.67")
    assert Membership.objects.get(user__email="other-pm@example.org").centre == other
    assert User.objects.filter(email="other-contact@example.org").exists()
    # The demo centre is untouched.
    assert demo.partnerships.count() == 21
    assert demo.grants.get().amount == Decimal("1000000.00")


def test_an_organisation_in_two_centres_is_one_row_with_two_partnerships(load, demo, other_file):
    load(other_file)

    randstad = Organisation.objects.get(name="Randstad")
    partnerships = {p.centre.slug: p for p in randstad.partnerships.select_related("centre")}

    assert set(partnerships) == {"civ-bio-sciences", "civ-food-tech"}
    assert partnerships["civ-food-tech"].status == "prospect"
    assert partnerships["civ-food-tech"].joined_on == date(2023, 3, 1)
    assert partnerships["civ-bio-sciences"].status == "active"


def test_loading_the_same_file_again_changes_nothing(load, demo_file):
    load(demo_file)
    history = {model: model.history.count() for model in (Centre, Organisation, Partnership, Pledge, BudgetLine)}
    events = AuditEvent.objects.count()

    result = load(demo_file)

    assert not result.changed
    assert result.created.total() == result.updated.total() == result.removed.total() == 0
    assert {model: model.history.count() for model in history} == history
    assert AuditEvent.objects.count() == events


def test_a_load_records_one_audit_event_with_counts(demo):
    event = AuditEvent.objects.get(centre=demo)

    assert event.action == "centre_loaded"
    assert event.target_type == "core.centre"
    assert event.changes["created"]["pledge"] == 168
    assert event.summary.startswith("centre civ-bio-sciences: ")
    assert event.changes["created"]["partnership"] == 21


def test_a_changed_value_updates_only_that_row(load, minimal, django_user_model):
    load(minimal)
    actor = django_user_model.objects.create_user(email="office@example.org", full_name="Office")
    minimal["pledges"][0]["amount"] = "25000.00"

    result = load(minimal, actor=actor)

    pledge = Pledge.objects.get(partnership__short_code="bedrijf")
    assert dict(result.updated) == {"pledge": 1}
    assert pledge.amount == Decimal("25000.00")
    assert pledge.history.count() == 2
    assert pledge.history.first().history_user == actor
    assert AuditEvent.objects.filter(action="centre_loaded").count() == 2
    assert AuditEvent.objects.first().actor == actor


def test_key_dates_and_contacts_left_out_of_the_file_are_removed(load, minimal):
    minimal["agenda"] = [{"starts_on": date(2022, 3, 1), "title": "Kick-off"},
                         {"starts_on": date(2022, 9, 1), "title": "Werkconferentie"}]
    minimal["contact_persons"] = [{"name": "A"}, {"name": "B"}]
    centre = load(minimal).centre
    minimal["agenda"].pop(0)
    minimal["contact_persons"] = [{"name": "B"}]

    result = load(minimal)

    assert list(centre.key_dates.values_list("title", flat=True)) == [{"nl": "Werkconferentie"}]
    assert list(centre.public_contacts.values_list("name", "order")) == [("B", 0)]
    assert dict(result.removed) == {"keydate": 1, "publiccontact": 1}
    assert dict(result.updated) == {"publiccontact": 1}


def test_budget_lines_left_out_are_removed_from_the_application_budget(load, minimal):
    minimal["budget"].append({"year": 2023, "line": 2, "category": "lab", "source": "in_kind", "amount": "1.00"})
    load(minimal)
    minimal["budget"].pop()

    load(minimal)

    assert BudgetLine.objects.count() == 1


def test_the_lead_applicant_can_move_to_another_partner(load, minimal):
    centre = load(minimal).centre
    minimal["organisations"][0]["lead_applicant"] = False
    minimal["organisations"][2]["lead_applicant"] = True

    load(minimal)

    assert centre.partnerships.get(is_lead_applicant=True).short_code == "gemeente"


def test_a_renamed_organisation_stays_the_same_row(load, minimal):
    load(minimal)
    organisation = Organisation.objects.get(name="Bedrijf")
    minimal["organisations"][1]["name"] = "Bedrijf Nieuw"

    load(minimal)

    organisation.refresh_from_db()
    assert organisation.name == "Bedrijf Nieuw"
    assert Organisation.objects.count() == 3


def test_an_existing_organisation_is_found_by_kvk_number_or_name(load, minimal):
    by_number = Organisation.objects.create(name="Heel Andere Naam", kind="company", kvk_number="12345678")
    by_name = Organisation.objects.create(name="Gemeente Mini", kind="municipality")
    minimal["organisations"][1]["kvk_number"] = "12345678"

    centre = load(minimal).centre

    assert centre.partnerships.get(short_code="bedrijf").organisation == by_number
    assert centre.partnerships.get(short_code="gemeente").organisation == by_name
    assert Organisation.objects.count() == 3


def test_a_kvk_number_held_by_another_organisation_is_a_conflict(load, minimal):
    load(minimal)
    Organisation.objects.create(name="Iemand Anders", kind="company", kvk_number="87654321")
    minimal["organisations"][1]["kvk_number"] = "87654321"

    with pytest.raises(LoadError, match="87654321"):
        load(minimal)


def test_a_newer_current_budget_version_stays_current(load, minimal):
    load(minimal)
    grant = Grant.objects.get()
    BudgetVersion.objects.filter(grant=grant).update(is_current=False)
    BudgetVersion.objects.create(grant=grant, number=2, name="Herziening", is_current=True)

    result = load(minimal)

    assert not result.changed
    assert grant.budget_versions.get(is_current=True).number == 2


def test_an_existing_user_keeps_their_name_and_gets_the_role(load, minimal, django_user_model):
    user = django_user_model.objects.create_user(email="mini-pm@example.org", full_name="Eigen Naam",
                                                 password="secret-password")
    minimal["users"][0]["email"] = "Mini-PM@Example.org"

    centre = load(minimal).centre

    user.refresh_from_db()
    assert user.full_name == "Eigen Naam"
    assert user.check_password("secret-password")
    assert Membership.objects.get(user=user).centre == centre


def test_programme_lines_are_matched_by_number(load, minimal):
    load(minimal)
    minimal["programme_lines"][0]["name"] = {"nl": "Onderwijs", "en": "Education"}

    result = load(minimal)

    assert dict(result.updated) == {"programmeline": 1}
    assert ProgrammeLine.objects.get(number=1).name == {"nl": "Onderwijs", "en": "Education"}


def test_two_entries_that_are_one_existing_organisation_are_a_conflict(load, minimal):
    Organisation.objects.create(name="Bedrijf", kind="company", kvk_number="11111111")
    minimal["organisations"][2].update(name="Ander Bedrijf", kvk_number="11111111")

    with pytest.raises(LoadError, match="bedrijf and gemeente"):
        load(minimal)

    assert not Centre.objects.exists()
