"""The demo's RIF application of 30 June 2021 (loader/demo_application.py): submitted with its frozen copy, the 20
counted partners' confirmations valid, the agreement signed by all 21, awarded against the demo's own grant, its
figures the grant's, and added once however often the demo loads."""

import hashlib
import tempfile
from collections import defaultdict
from datetime import date
from decimal import Decimal as D
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import timezone, translation

from civhub.applications.models import Application, BudgetCategory, BudgetSide, Commitment, IncomeSource
from civhub.applications.selectors.applications import workspace
from civhub.applications.selectors.commitments import pledge_table, standings
from civhub.applications.services.submission import canonical_content
from civhub.core.models import AuditEvent, Centre
from civhub.grants.models import BudgetLine as GrantBudgetLine
from civhub.ledger.models import Pledge
from civhub.loader.demo_application import add_application, pledge_lines
from civhub.partners.models import AgreementSignature, Partnership

pytestmark = [pytest.mark.django_db, pytest.mark.demo]  # the whole load_demo: make test-demo runs it
TITLE = "CIV Bio Sciences: vakmanschap voor het Leiden Bio Science Park (RIF-aanvraag 2021)"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_a_pledge_becomes_whole_hours_at_the_rate_and_the_rest_in_travel_and_materials():
    """EUR 20,000 of research is 273 hours at EUR 73 (19,929.00) and EUR 71.00 besides; lab in half days."""
    research = pledge_lines(Pledge(year=2022, kind="research", amount=D("20000.00")), {2: "line 2"}, D("73.00"))
    assert [(line["category"], line["volume"], line["price"], line["programme_line"]) for line in research] == [
        (BudgetCategory.HOURS, D("273"), D("73.00"), "line 2"), (BudgetCategory.OTHER, D("1"), D("71.00"), "line 2")]
    lab = pledge_lines(Pledge(year=2022, kind="lab", amount=D("35000.00")), {1: "line 1"}, D("73.00"))
    assert [(line["volume"], line["unit"], line["price"]) for line in lab] == [(D("140"), "dagdeel", D("250.00"))]


class TestTheDemoApplication(TestCase):
    """After one `load_demo` (loaded once for the class, its files under a temporary MEDIA_ROOT)."""

    @classmethod
    def setUpClass(cls):
        cls._media = tempfile.TemporaryDirectory(prefix="civhub-demo-media-")
        cls._settings = override_settings(MEDIA_ROOT=cls._media.name)
        cls._settings.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls._settings.disable()
        cls._media.cleanup()

    @classmethod
    def setUpTestData(cls):
        with translation.override("en"):
            call_command("load_demo", stdout=StringIO(), stderr=StringIO())
        cls.centre = Centre.objects.get(slug="civ-bio-sciences")
        cls.application = Application.objects.get(centre=cls.centre, title=TITLE)
        cls.grant = cls.centre.grants.get(scheme="RIF", start=date(2022, 1, 1))

    def test_it_was_submitted_on_30_june_2021_with_a_frozen_copy_whose_hashes_match(self):
        copy = self.application.submitted_copy
        assert timezone.localdate(copy.submitted_at) == date(2021, 6, 30)
        assert copy.submitted_by.email == "pm@example.org"
        assert (copy.subsidy_asked, copy.budget_total) == (D("1000000.00"), D("3000000.00"))
        with copy.pdf.open("rb") as pdf, copy.xlsx.open("rb") as xlsx:
            assert sha256(pdf.read()) == copy.pdf_sha256
            assert sha256(xlsx.read()) == copy.xlsx_sha256
        assert sha256(copy.content.encode()) == copy.content_sha256
        assert canonical_content(self.application) == copy.content  # nothing changed since

    def test_every_part_is_done_and_every_check_of_the_readiness_list_held(self):
        found = workspace(self.application)
        assert found.readiness.ready, [check.message for check in found.readiness.checks_failing]
        assert {part.kind: part.history.count() > 1 for part in self.application.parts.all()}["regional_vision"]

    def test_the_twenty_counted_partners_confirmed_their_table_as_it_stands(self):
        found = standings(self.application)
        counted = [standing for standing in found if standing.counted]
        assert len(counted) == 20 and all(standing.confirmed for standing in counted)
        for standing in counted:
            latest = standing.latest
            assert latest.table_hash == pledge_table(self.application, standing.partnership).hash
            assert latest.signer.memberships.filter(partnership=standing.partnership,
                                                    role="partner_signatory").exists()
            assert timezone.localdate(latest.answered_at).strftime("%Y-%m") == "2021-06"
        janssen = next(standing.latest for standing in counted if standing.partnership.short_code == "janssen")
        assert janssen.signer.email == "signatory.janssen@example.org"

    def test_randstad_asked_a_change_first_and_confirmed_the_changed_table(self):
        randstad = Partnership.objects.get(centre=self.centre, short_code="randstad")
        answers = list(Commitment.objects.filter(application=self.application, partnership=randstad)
                       .order_by("answered_at"))
        assert [answer.answer for answer in answers] == ["change_asked", "confirmed"]
        assert answers[0].table_hash != answers[1].table_hash

    def test_all_21_partners_signed_version_1_dated_before_the_application(self):
        version = self.centre.agreement_versions.get()
        assert version.number == 1 and version.dated < date(2021, 6, 30) and version.document
        signatures = AgreementSignature.objects.filter(version=version)
        assert signatures.count() == 21 == Partnership.objects.filter(centre=self.centre).count()
        assert all(date(2021, 6, 1) <= signature.signed_on < date(2021, 6, 30) for signature in signatures)
        on_paper = signatures.filter(way=AgreementSignature.Way.SCAN)
        assert sorted(on_paper.values_list("partnership__short_code", flat=True)) == [
            "hollandrijnland", "leiden", "zuidholland"]
        assert all(signature.scan for signature in on_paper)

    def test_the_award_links_the_application_to_the_demo_grant(self):
        award = self.application.award
        assert self.application.status == Application.Status.AWARDED
        assert award.grant == self.grant and self.centre.grants.count() == 1
        assert (award.decision_date, award.decision_reference, award.amount_granted, award.scaled) == (
            date(2021, 11, 25), "RIF21-0412", D("1000000.00"), False)
        assert AuditEvent.objects.filter(action="grant_linked_to_application", target_id=str(self.grant.pk)).exists()

    def test_the_subsidy_per_year_is_the_grant_budget_version_1(self):
        asked = defaultdict(lambda: D("0.00"))
        for line in self.application.budget_lines.filter(side=BudgetSide.INCOME, source=IncomeSource.SUBSIDY):
            asked[line.year] += line.amount
        held = defaultdict(lambda: D("0.00"))
        for line in GrantBudgetLine.objects.filter(version__grant=self.grant, version__number=1, source="subsidy"):
            held[line.year] += line.amount
        assert dict(asked) == dict(held) == {year: D("250000.00") for year in range(2022, 2026)}

    def test_each_partner_brings_what_it_pledged_in_the_grant(self):
        brought, pledged = defaultdict(lambda: D("0.00")), defaultdict(lambda: D("0.00"))
        for line in self.application.budget_lines.filter(source=IncomeSource.PARTNER).select_related("partnership"):
            brought[line.partnership.short_code] += line.amount
        for pledge in Pledge.objects.filter(partnership__centre=self.centre).select_related("partnership"):
            pledged[pledge.partnership.short_code] += pledge.amount
        assert dict(brought) == dict(pledged) and len(brought) == 20
        # By hand: Janssen pledges lab 35,000, research 20,000, education 15,000 and organisation 5,000 a year.
        janssen = self.application.budget_lines.filter(partnership__short_code="janssen", year=2022)
        assert sorted((line.category, line.volume, line.amount) for line in janssen) == sorted([
            ("lab", D("140.00"), D("35000.00")),                                          # 140 half days at 250
            ("hours", D("273.00"), D("19929.00")), ("other", D("1.00"), D("71.00")),      # research 20,000
            ("hours", D("205.00"), D("14965.00")), ("other", D("1.00"), D("35.00")),      # education 15,000
            ("hours", D("68.00"), D("4964.00")), ("other", D("1.00"), D("36.00")),        # organisation 5,000
        ])
        assert brought["janssen"] == D("300000.00")

    def test_its_history_happened_in_june_2021(self):
        events = AuditEvent.objects.filter(action__in=["application_created", "application_submitted",
                                                       "commitment_confirmed", "agreement_signed"])
        days = {timezone.localdate(event.created_at) for event in events}
        assert min(days) == date(2021, 6, 1) and max(days) == date(2021, 6, 30)

    def test_a_second_load_adds_nothing(self):
        models = [model for model in apps.get_models()
                  if model._meta.app_label in ("applications", "partners", "ledger", "core", "grants")]
        before = {model._meta.label: model._default_manager.count() for model in models}

        again = add_application(centre=self.centre)

        assert again.application is None
        assert {model._meta.label: model._default_manager.count() for model in models} == before
