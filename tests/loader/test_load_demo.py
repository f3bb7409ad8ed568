"""`manage.py load_demo`: the demo centre plus fictitious activity, identical however often it runs."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from civhub.accounts.models import User
from civhub.core.models import Centre
from civhub.loader.demo_activity import DEMO_PASSWORD
from civhub.partners.models import Contact, Organisation, PartnerApplication, normalise_name

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    """Every row of every model (historical tables included), in primary-key order."""
    return {model._meta.label: list(model._default_manager.order_by("pk").values()) for model in apps.get_models()}


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_load_demo_twice_gives_identical_rows_and_content():
    load_demo()
    first = snapshot()

    output = load_demo()

    second = snapshot()
    assert {label: len(rows) for label, rows in second.items()} == {label: len(rows) for label, rows in first.items()}
    assert second == first
    assert "0 created, 0 updated, 0 removed" in output
    assert "0 passwords set, 0 admins made staff, 0 contacts added, 0 applications added" in output


def test_load_demo_prints_what_it_did():
    lines = load_demo().splitlines()

    assert lines[0].startswith("centre civ-bio-sciences: ")
    assert lines[1] == "demo activity: 9 passwords set, 1 admins made staff, 6 contacts added, 3 applications added"


def test_demo_logins_use_the_demo_password_and_the_admin_may_use_the_admin_site():
    load_demo()

    users = User.objects.filter(email__endswith="@example.org", memberships__centre__slug="civ-bio-sciences")
    assert users.distinct().count() == 10  # the nine of the definition file, and the practorate's BaseClear contact
    assert all(user.check_password(DEMO_PASSWORD) for user in users)
    assert User.objects.get(email="admin@example.org").is_staff
    assert not User.objects.get(email="pm@example.org").is_staff


def test_demo_partners_have_contacts_linked_to_their_logins():
    load_demo()

    contact = Contact.objects.get(email="contact.janssen@example.org")
    assert contact.partnership.short_code == "janssen"
    assert contact.user == User.objects.get(email="contact.janssen@example.org")
    assert contact.is_primary
    assert Contact.objects.filter(partnership__centre__slug="civ-bio-sciences").count() == 7  # + BaseClear's


def test_demo_applications_wait_for_the_office_and_one_duplicates_a_partner():
    load_demo()

    applications = PartnerApplication.objects.filter(centre__slug="civ-bio-sciences")
    names = set(Organisation.objects.values_list("normalised_name", flat=True))
    duplicates = [a for a in applications if a.normalised_name in names]

    assert applications.count() == 3
    assert all(a.status == "new" and a.consent_given_at and a.contact_email.endswith("@example.org")
               for a in applications)
    assert [a.organisation_name for a in duplicates] == ["Mimetas B.V."]
    assert normalise_name("Mimetas B.V.") == normalise_name("Mimetas")


def test_load_demo_leaves_what_a_demo_user_changed():
    load_demo()
    application = PartnerApplication.objects.get(organisation_name="Celkweek Leiden B.V.")
    application.status = PartnerApplication.Status.DECLINED
    application.save()

    load_demo()

    application.refresh_from_db()
    assert application.status == "declined"
    assert PartnerApplication.objects.count() == 3


def test_load_demo_does_not_touch_another_centre(other_file):
    call_command("load_centre", str(other_file), stdout=StringIO())

    load_demo()

    assert not User.objects.get(email="other-pm@example.org").has_usable_password()
    assert Centre.objects.count() == 2


def test_the_demo_ledger_has_work_in_every_state_and_an_intact_chain():
    from civhub.ledger.chain import verify_chain
    from civhub.ledger.models import Contribution

    load_demo()

    centre = Centre.objects.get(slug="civ-bio-sciences")
    states = set(Contribution.objects.filter(centre=centre).values_list("status", flat=True))
    assert {"draft", "submitted", "approved", "accepted"} <= states
    report = verify_chain(centre)
    assert report.broken is None and report.checked > 500
    assert "demo ledger: 0 contributions added" in load_demo()


def test_the_demo_grant_ends_a_little_short_with_three_partners_behind():
    from datetime import date

    from civhub.core.models import AuditEvent
    from civhub.grants.models import Expenditure, ReportSubmission
    from civhub.grants.selectors.monitor import monitor

    load_demo()

    centre = Centre.objects.get(slug="civ-bio-sciences")
    grant = centre.grants.get()
    figures = monitor(grant, as_of=date(2026, 11, 24))
    assert 950_000 < figures.subsidy_spent < 1_000_000
    assert 1.8 <= figures.ratio < 2 and figures.forecast_ratio < 2
    counted = [partner for partner in figures.partners if partner.counted]
    behind = sorted(partner.partnership.short_code for partner in counted if partner.percent < 75)
    assert behind == ["averydennison", "biopartner", "hollandrijnland"]
    assert all(85 <= partner.percent <= 105 for partner in counted if partner.partnership.short_code not in behind)
    assert [warning.code for warning in figures.warnings].count("partner_behind") == 3
    assert Expenditure.objects.filter(grant=grant, amount__lt=0).count() == 2
    assert set(Expenditure.objects.filter(grant=grant).values_list("entered_by__email", flat=True)) == {
        "finance@example.org"}
    assert AuditEvent.objects.filter(action="demo_expenditure_loaded").count() == 1
    submissions = ReportSubmission.objects.filter(grant=grant).order_by("due_date")
    assert [submission.due_date for submission in submissions] == [
        date(2023, 2, 1), date(2024, 2, 1), date(2025, 2, 1), date(2026, 2, 28)]
    assert all(submission.submitted_on < submission.due_date for submission in submissions)
    assert "demo grant: 0 contributions, 0 expenditure entries and 0 submitted reports added" in load_demo()


def test_the_demo_tells_one_story():
    """What the demo's texts say agrees with the brochure and with the demo's own data (issue 11)."""
    from datetime import date

    from civhub.events.models import Event
    from civhub.governance.models import Decision
    from civhub.learning.models import Course
    from civhub.news.models import NewsItem
    from civhub.programme.models import Activity
    from civhub.research.models import ResearchProject, ResearchQuestion

    load_demo()
    centre = Centre.objects.get(slug="civ-bio-sciences")
    demo_today, practor_start = date(2026, 12, 6), date(2022, 9, 1)

    call = NewsItem.objects.get(centre=centre, title__contains="word partner")
    for who in ("general manager van Janssen Biologics", "wethouder onderwijs van Leiden",
                "directeur van de stichting Leiden Bio Science Park", "College van Bestuur van mboRijnland"):
        assert who in call.body
    conference = Event.objects.get(centre=centre, title="Werkconferentie van en voor alle partners")
    present = conference.registrations.filter(checked_in_at__isnull=False)
    assert (present.count(), present.values("partnership").distinct().count()) == (33, 21)
    assert "33 deelnemers van alle 21 partners" in NewsItem.objects.get(title__startswith="Werkconferentie 26 mei").body
    assert centre.partnerships.count() == 21

    assert not Course.objects.filter(centre=centre, stap_eligible=True).exists()
    assert not Event.objects.filter(centre=centre, description__icontains="STAP-budget aanvragen").exists()

    assert not Activity.objects.filter(centre=centre, lead_person__iexact="practor", start__lt=practor_start).exists()
    assert not ResearchProject.objects.filter(centre=centre, start__lt=practor_start).exists()
    assert not Activity.objects.filter(centre=centre, status="running", end__lt=demo_today).exists()
    assert not ResearchProject.objects.filter(centre=centre, status="running", end__lt=demo_today).exists()
    assert all(question.status_changed_at.date() >= max([question.submitted_at.date(),
                                                          *(m.created_at.date() for m in question.messages.all())])
               for question in ResearchQuestion.objects.filter(centre=centre).exclude(status="new"))

    for decision in Decision.objects.filter(centre=centre).select_related("meeting"):
        assert decision.year == decision.decided_on.year == decision.meeting.starts_at.year
        assert decision.number.startswith(f"SG-{decision.year}-")
    steering_news = NewsItem.objects.get(centre=centre, title__startswith="Stuurgroep stelt jaarplan 2026")
    assert "twee besluiten" in steering_news.body
    assert Decision.objects.filter(centre=centre, decided_on=date(2026, 3, 12)).count() == 2
    assert steering_news.publish_at.date() > date(2026, 3, 12)
