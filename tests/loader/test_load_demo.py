"""`manage.py load_demo`: the demo centre plus fictitious activity, identical however often it runs."""

from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import TestCase
from django.utils import translation

from civhub.accounts.models import Role, User
from civhub.core.models import Centre
from civhub.loader.demo_activity import DEMO_PASSWORD
from civhub.partners.models import Contact, Organisation, PartnerApplication, normalise_name
from tests.two_factor import sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.demo]  # the whole load_demo: make test-demo runs it
DEMO_TODAY = date(2026, 12, 6)  # the day the demo's story was written: its fixed dates are before it


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
    assert "demo history: 0 contributions, 0 expenditure entries and 0 submitted reports added" in output


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

class TestTheDemoAsLoaded(TestCase):
    """The demo centre after one `load_demo`, loaded once for the class (each test runs in its own savepoint)."""

    @classmethod
    def setUpTestData(cls):
        with translation.override("en"):  # the class is set up before the folder's English-messages fixture
            cls.output = load_demo()
        cls.centre = Centre.objects.get(slug="civ-bio-sciences")

    def test_it_prints_what_it_did(self):
        lines = self.output.splitlines()
        assert lines[0].startswith("centre civ-bio-sciences: ")
        assert lines[1] == ("demo activity: 9 passwords set, 1 admins made staff, 6 contacts added, "
                            "3 applications added")
        assert lines[2].startswith("demo history: ") and "8 submitted reports added" in lines[2]

    def test_demo_logins_use_the_demo_password_and_the_admin_may_use_the_admin_site(self):
        users = User.objects.filter(email__endswith="@example.org", memberships__centre=self.centre)
        assert users.distinct().count() == 10  # the nine of the definition file, and the practorate's BaseClear contact
        assert all(user.check_password(DEMO_PASSWORD) for user in users)
        assert User.objects.get(email="admin@example.org").is_staff
        assert not User.objects.get(email="pm@example.org").is_staff

    def test_demo_partners_have_contacts_linked_to_their_logins(self):
        contact = Contact.objects.get(email="contact.janssen@example.org")
        assert contact.partnership.short_code == "janssen"
        assert contact.user == User.objects.get(email="contact.janssen@example.org")
        assert contact.is_primary
        # Every partner has a contact who records and a signatory who approves: two different people.
        for partnership in self.centre.partnerships.all():
            contacts = User.objects.filter(memberships__partnership=partnership, memberships__role=Role.PARTNER_CONTACT)
            signatories = User.objects.filter(memberships__partnership=partnership,
                                              memberships__role="partner_signatory")
            assert contacts.exists() and signatories.exists(), partnership
            assert not set(contacts) & set(signatories), partnership

    def test_demo_applications_wait_for_the_office_and_one_duplicates_a_partner(self):
        applications = PartnerApplication.objects.filter(centre=self.centre)
        names = set(Organisation.objects.values_list("normalised_name", flat=True))
        duplicates = [a for a in applications if a.normalised_name in names]

        assert applications.count() == 3
        assert all(a.status == "new" and a.consent_given_at and a.contact_email.endswith("@example.org")
                   for a in applications)
        assert [a.organisation_name for a in duplicates] == ["Mimetas B.V."]
        assert normalise_name("Mimetas B.V.") == normalise_name("Mimetas")

    def test_the_ledger_has_work_in_every_state_and_intact_chains(self):
        from civhub.grants.chain import verify_expenditure_chain
        from civhub.ledger.chain import verify_chain
        from civhub.ledger.models import Contribution

        states = set(Contribution.objects.filter(centre=self.centre).values_list("status", flat=True))
        assert {"draft", "submitted", "approved", "accepted"} <= states
        report = verify_chain(self.centre)
        assert report.ok and report.checked > 1000
        assert verify_expenditure_chain(self.centre.grants.get()).ok

    def test_history_before_civhub_is_migrated_and_2024_2025_went_through_two_different_people(self):
        from django.db.models import F

        from civhub.ledger.models import Contribution

        accepted = Contribution.objects.filter(centre=self.centre, status="accepted")
        migrated = accepted.filter(provenance="migrated")
        assert set(migrated.values_list("date__year", flat=True)) == {2022, 2023}
        assert not migrated.exclude(migration_reference__startswith="Getekende partnerverklaringen").exists()
        two_keys = accepted.filter(provenance="two_keys", reversal_of__isnull=True)
        assert set(two_keys.values_list("date__year", flat=True)) == {2024, 2025}
        assert not two_keys.filter(approved_by=F("entered_by")).exists()
        assert not two_keys.filter(accepted_by=F("entered_by")).exists()
        assert not two_keys.filter(accepted_by=F("approved_by")).exists()
        # Accepted a few weeks after the work, not on the day the demo was loaded.
        assert not two_keys.filter(accepted_on__gt=date(2026, 1, 31)).exists()

    def test_the_grant_ends_covered_with_three_partners_behind_and_unspent_subsidy_to_repay(self):
        from civhub.grants.models import Expenditure, ReportSubmission
        from civhub.grants.selectors.accounts import model_g
        from civhub.grants.selectors.monitor import Composition, monitor

        grant = self.centre.grants.get()
        assert grant.regulation.code == "rif-2019-2022"
        figures = monitor(grant, as_of=DEMO_TODAY)
        assert 900_000 < figures.subsidy_spent < 1_000_000
        assert figures.shortfall == 0 and 2 <= figures.ratio < 2.1
        counted = [partner for partner in figures.partners if partner.counted]
        behind = sorted(partner.partnership.short_code for partner in counted if partner.percent < 75)
        assert behind == ["averydennison", "biopartner", "hollandrijnland"]
        assert all(94 <= partner.percent <= 103 for partner in counted if partner.partnership.short_code not in behind)
        assert [warning.code for warning in figures.warnings].count("partner_behind") == 3
        # mboRijnland's own hours and BPV are real work, shown and never counted.
        assert figures.group(Composition.NOT_COUNTED).realised > 0
        lead = next(partner for partner in figures.partners if partner.partnership.short_code == "mborijnland")
        assert not lead.counted and lead.realised > 0
        assert sum(partner.bpv for partner in figures.partners) > 0
        # No year catches up at the end: each year's co-financing lies within 5% of the others.
        realised = [year.cofinancing_realised for year in figures.years]
        assert max(realised) < min(realised) * 105 / 100
        assert model_g(grant, as_of=DEMO_TODAY).to_repay > 0
        assert Expenditure.objects.filter(grant=grant, amount__lt=0).count() == 2
        practor = Expenditure.objects.filter(grant=grant, description__startswith="Salaris practor")
        assert practor.order_by("date").first().date == date(2022, 9, 25)
        submissions = ReportSubmission.objects.filter(grant=grant).order_by("due_date")
        assert len(submissions) == 8
        assert all(submission.submitted_on < submission.due_date for submission in submissions)
        assert all(submission.chain_head is not None for submission in submissions)
        assert [submission.kind for submission in submissions if submission.pdf] == ["final", "annual"]

    def test_it_tells_one_story(self):
        one_true_story(self.centre)


def one_true_story(centre):
    """What the demo's texts say agrees with the brochure and with the demo's own data (issue 11)."""

    from civhub.events.models import Event
    from civhub.governance.models import Decision
    from civhub.learning.models import Course
    from civhub.news.models import NewsItem
    from civhub.programme.models import Activity
    from civhub.research.models import ResearchProject, ResearchQuestion

    demo_today, practor_start = DEMO_TODAY, date(2022, 9, 1)

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

    def test_every_admin_changelist_and_change_page_opens_on_the_demo_for_its_admin_and_a_superuser(self):
        """The demo fills every model: each changelist and one change page render their real rows."""
        from django.contrib import admin
        from django.urls import reverse

        root = User.objects.create_superuser(email="root@example.org", password=DEMO_PASSWORD)
        for user in (User.objects.get(email="admin@example.org"), root):
            sign_in(self.client, user)
            for model, model_admin in admin.site._registry.items():
                if not model.__module__.startswith("civhub."):
                    continue
                info = (model._meta.app_label, model._meta.model_name)
                response = self.client.get(reverse("admin:{}_{}_changelist".format(*info)))
                assert response.status_code == 200, (user, model)
                row = model_admin.get_queryset(response.wsgi_request).first()
                if row is not None:
                    page = self.client.get(reverse("admin:{}_{}_change".format(*info), args=[row.pk]))
                    assert page.status_code == 200, (user, model)
