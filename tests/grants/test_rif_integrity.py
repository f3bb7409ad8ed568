"""The rules that make the books auditable: staff time in hours, four eyes, migration with its evidence,
sealed expenditure, recorded chain heads, kept packs, retention and the budget's rules (issue 11)."""

import hashlib
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from civhub.accounts.models import Role
from civhub.core.models import Grant, Regulation
from civhub.core.retention import RetentionError
from civhub.grants.chain import verify_expenditure_chain
from civhub.grants.models import BudgetVersion, Expenditure
from civhub.grants.rules import check_version
from civhub.grants.services.budget import Cell, RulesBroken, revise_budget
from civhub.grants.services.expenditure import ExpenditureData, record_expenditure
from civhub.grants.services.reports import mark_report_submitted
from civhub.ledger.chain import verify_chain
from civhub.ledger.errors import LedgerError
from civhub.ledger.imports.contributions import import_contributions
from civhub.ledger.models import ChainHead, Contribution
from civhub.ledger.selectors.entries import actions_for
from civhub.ledger.services import approval
from civhub.ledger.services.entries import EntryData, create_contribution
from civhub.ledger.services.periods import close_period
from tests.factories import MembershipFactory
from tests.grants.edge_support import edge_centre
from tests.ledger import builders as b
from tests.ledger.entries_helpers import make_entry, with_grant
from tests.partners.factories import client_for, person

D = Decimal
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


def today():
    return timezone.localdate()


# 5. Staff time is hours under a fixed hourly rate ------------------------------------------------------


@pytest.mark.parametrize("kind", ["organisation", "research", "education", "lifelong_learning"])
def test_staff_time_given_as_an_amount_is_refused_under_a_fixed_rate(centre, partner_a, partner_a_contact, kind):
    with_grant(centre)  # EUR 60 an hour
    data = EntryData(date=date(2025, 3, 3), kind=kind, description="Werk", amount=D("500.00"))
    with pytest.raises(LedgerError, match="staff time is recorded in hours"):
        create_contribution(partnership=partner_a, actor=partner_a_contact, data=data)
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(("kind", "category"), [("lab", ""), ("cash", ""), ("bpv", ""), ("research", "materiaal")])
def test_lab_cash_bpv_and_materials_may_be_amounts(centre, partner_a, partner_a_contact, kind, category):
    with_grant(centre)
    data = EntryData(date=date(2025, 3, 3), kind=kind, description="Kosten", amount=D("500.00"), category=category)
    assert create_contribution(partnership=partner_a, actor=partner_a_contact, data=data).amount == D("500.00")


def test_the_import_names_the_row_with_staff_time_as_an_amount(centre, partner_a, programme_manager):
    b.grant(centre, fixed_rate=D("73.00"))
    report = import_contributions(centre=centre, actor=programme_manager, file_name="x.csv", file=b.csv_file([
        b.row("s-1", soort="research", categorie="", uren="", bedrag="500"),
        b.row("s-2", soort="research", categorie="materiaal", uren="", bedrag="500"),
        b.row("s-3", soort="lab", categorie="", uren="", bedrag="500")]))
    assert [(error.row, error.column) for error in report.errors] == [(2, "bedrag")]
    assert "staff time is recorded in hours" in report.errors[0].message
    assert not Contribution.objects.exists()


def test_the_entry_form_offers_a_material_cost_under_a_fixed_rate(centre, partner_a, partner_a_contact):
    with_grant(centre)
    client = client_for(partner_a_contact)
    url = reverse("ledger:contribution_new", args=[centre.slug])
    form = {"date": "2025-03-03", "kind": "education", "amount": "500", "description": "Lesmateriaal"}
    refused = client.post(url, form)
    assert refused.status_code == 400 and "staff time is recorded in hours" in refused.content.decode()
    assert client.post(url, {**form, "material": "on"}).status_code == 302
    assert Contribution.objects.get().category == "materiaal"


# 7. Four eyes ------------------------------------------------------------------------------------------


def test_nobody_accepts_an_entry_they_entered_or_approved(centre, partner_a, partner_a_signatory):
    with_grant(centre)
    # One person who is both the partner's contact and the centre's finance controller.
    both = person(centre, Role.PARTNER_CONTACT, partnership=partner_a)
    MembershipFactory(user=both, centre=centre, role=Role.FINANCE_CONTROLLER)
    entry = make_entry(partner_a, both, status=Contribution.Status.APPROVED, signatory=partner_a_signatory)
    actions = actions_for(both, entry)
    assert not actions.accept and "another finance controller" in actions.approve_blocked
    with pytest.raises(LedgerError, match="another finance controller accepts it"):
        approval.accept_contribution(entry=entry, actor=both)
    entry.refresh_from_db()
    assert entry.status == Contribution.Status.APPROVED


def test_an_accepted_entry_counts_from_the_day_it_was_accepted_through_the_two_keys(centre, partner_a,
                                                                                    partner_a_contact):
    entry = make_entry(partner_a, partner_a_contact, status=Contribution.Status.ACCEPTED)
    assert (entry.provenance, entry.accepted_on, entry.seal_version) == ("two_keys", today(), 2)
    assert verify_chain(centre).ok


# 7. Migration needs its evidence -------------------------------------------------------------------------


def test_a_migration_needs_a_reference_and_carries_it(centre, partner_a, finance_controller):
    b.grant(centre, fixed_rate=D("73.00"))
    rows = [b.row("m-1", categorie="", datum="15-03-2024"),
            b.row("m-2", categorie="", datum="16-03-2024") + ["20-04-2024"]]
    header = [*b.HEADER, "geaccepteerd_op"]
    with pytest.raises(LedgerError, match="Name the evidence of the migration"):
        import_contributions(centre=centre, actor=finance_controller, file=b.csv_file(rows, header=header),
                             file_name="oud.csv", as_accepted=True)
    report = import_contributions(centre=centre, actor=finance_controller, file=b.csv_file(rows, header=header),
                                  file_name="oud.csv", as_accepted=True, reference="Getekende verklaringen 2024")
    assert report.ok, report.errors
    entries = {entry.extern_id: entry for entry in Contribution.objects.all()}
    assert {entry.provenance for entry in entries.values()} == {"migrated"}
    assert {entry.migration_reference for entry in entries.values()} == {"Getekende verklaringen 2024"}
    assert (entries["m-1"].accepted_on, entries["m-2"].accepted_on) == (date(2024, 3, 15), date(2024, 4, 20))
    assert verify_chain(centre).ok


def test_an_acceptance_day_is_only_for_a_migration_and_never_before_the_entry(centre, partner_a, programme_manager,
                                                                             finance_controller):
    b.grant(centre, fixed_rate=D("73.00"))
    header = [*b.HEADER, "geaccepteerd_op"]
    plain = import_contributions(centre=centre, actor=programme_manager, file_name="x.csv", file=b.csv_file(
        [b.row("p-1", categorie="") + ["20-04-2024"]], header=header))
    assert "Only a migration" in plain.errors[0].message
    early = import_contributions(centre=centre, actor=finance_controller, file_name="x.csv", file=b.csv_file(
        [b.row("p-2", categorie="", datum="15-03-2024") + ["01-03-2024"]], header=header), as_accepted=True,
        reference="Verklaring")
    assert "before its own date" in early.errors[0].message
    assert not Contribution.objects.exists()


def test_the_command_refuses_accepted_without_a_reference(centre, finance_controller, tmp_path):
    b.grant(centre, fixed_rate=D("73.00"))
    path = tmp_path / "oud.csv"
    path.write_bytes(b.csv_file([b.row(categorie="")]).getvalue())
    with pytest.raises(CommandError, match="--accepted is a migration"):
        call_command("import_contributions", str(path), "--centre", centre.slug, "--as", finance_controller.email,
                     "--accepted")


# 9. Expenditure is sealed; a truncated chain is noticed ---------------------------------------------------


def _spend(grant, actor, amount="1000.00", extern_id=""):
    return record_expenditure(grant=grant, actor=actor, data=ExpenditureData(
        date=grant.start, category="personnel", amount=D(amount), description="Salaris", extern_id=extern_id))


def test_expenditure_joins_a_hash_chain_and_verify_names_a_changed_entry(centre, finance_controller):
    grant = with_grant(centre)
    first, second = _spend(grant, finance_controller), _spend(grant, finance_controller, "2000.00")
    assert (first.chain_index, second.chain_index, second.previous_hash) == (1, 2, first.content_hash)
    assert verify_expenditure_chain(grant).ok
    with connection.cursor() as cursor:
        cursor.execute("UPDATE grants_expenditure SET amount = %s WHERE id = %s", ["9.00", first.pk])
    report = verify_expenditure_chain(grant)
    assert report.broken.pk == first.pk and "does not match" in report.problem
    with pytest.raises(CommandError, match="broken in its expenditure of"):
        call_command("verify_ledger", "--centre", centre.slug, stdout=None, stderr=None)


def test_removing_the_newest_entry_after_a_recorded_head_is_noticed(centre, partner_a, partner_a_contact,
                                                                  finance_controller):
    grant = with_grant(centre)
    make_entry(partner_a, partner_a_contact, status=Contribution.Status.ACCEPTED, controller=finance_controller)
    newest = make_entry(partner_a, partner_a_contact, status=Contribution.Status.ACCEPTED,
                        controller=finance_controller)
    _spend(grant, finance_controller)
    lock = close_period(centre=centre, actor=finance_controller, span="year", year=2024)
    assert (lock.chain_head.contributions, lock.chain_head.expenditure) == (2, 1)
    assert verify_chain(centre).ok
    with connection.cursor() as cursor:  # past civhub: the retention rule is not asked
        cursor.execute("DELETE FROM ledger_statusevent WHERE contribution_id = %s", [newest.pk])
        cursor.execute("DELETE FROM ledger_contribution WHERE id = %s", [newest.pk])
    report = verify_chain(centre)
    assert not report.ok and "records were removed" in report.problem


# 8. A submitted report keeps its pack, with its SHA-256 -----------------------------------------------------


def test_marking_a_report_submitted_keeps_the_pack_and_the_chain_head(centre, partner_a, partner_b,
                                                                      finance_controller):
    edge = edge_centre(centre)
    submission = mark_report_submitted(grant=edge.grant, due_date=date(2025, 2, 1), kind="progress",
                                       actor=finance_controller, submitted_on=date(2025, 1, 30))
    assert submission.as_of == date(2025, 1, 30) and submission.chain_head == ChainHead.objects.get()
    for stored, digest in ((submission.xlsx, submission.xlsx_sha256), (submission.pdf, submission.pdf_sha256)):
        with stored.open("rb") as handle:
            assert hashlib.sha256(handle.read()).hexdigest() == digest
    assert submission.summary["cofinanciering_gerealiseerd"] == "490520.00"  # only what counted on 30 January
    client = client_for(finance_controller)
    pack = client.get(reverse("reports:submitted_pack", args=[centre.slug, submission.pk, "pdf"]))
    assert hashlib.sha256(b"".join(pack.streaming_content)).hexdigest() == submission.pdf_sha256
    page = client.get(reverse("reports:changes_since", args=[centre.slug, submission.pk])).content.decode()
    assert "every figure equals the one submitted: the report reproduces" in page
    assert "figures differ from the report" in page  # 2025's entries came after the report


# 10. Nothing that holds ledger facts is deleted before the retention date -------------------------------------


def test_ledger_facts_are_kept_until_the_grants_retention_date(centre, partner_a, finance_controller):
    edge = edge_centre(centre)
    grant = Grant.objects.get(pk=edge.grant.pk)
    assert grant.retained_until == date(2034, 6, 30)  # settlement by 30 June 2027, then seven years
    entry = Contribution.objects.filter(status="accepted").first()
    with pytest.raises(RetentionError, match="must be kept until 30 June 2034"):
        entry.delete()
    with pytest.raises(RetentionError):
        Expenditure.objects.filter(grant=grant).delete()
    with pytest.raises(RetentionError):
        grant.delete()
    with pytest.raises(RetentionError):
        BudgetVersion.objects.filter(grant=grant).delete()
    assert Contribution.objects.filter(pk=entry.pk).exists() and Grant.objects.filter(pk=grant.pk).exists()


def test_after_the_retention_date_records_may_go(centre, finance_controller):
    old = Grant.objects.create(centre=centre, scheme="RIF", amount=D("1000.00"), start=date(2000, 1, 1),
                               end=date(2001, 12, 31), cofinancing_ratio=D("2.00"))
    assert old.retained_until < today()
    old.delete()
    assert not Grant.objects.filter(pk=old.pk).exists()


# 12. The budget obeys the regulation --------------------------------------------------------------------------


def test_the_budget_checks_the_subsidy_share_the_award_and_the_groups(centre):
    edge = edge_centre(centre)
    checks = {check.code: check for check in check_version(edge.grant.budget_versions.get())}
    assert checks["subsidy_share"].ok and checks["subsidy_award"].ok  # 300,000 of 900,000; the award
    assert not checks["employers"].ok  # no pledges: employers pledged nothing of their 300,000 minimum
    assert "EUR 300,000.00 less than their minimum of 1/3 of the budget" in checks["employers"].message


def test_a_revision_that_breaks_a_rule_is_saved_only_with_a_reason(centre, finance_controller):
    edge = edge_centre(centre)
    cells = [Cell(2024, None, "personnel", "subsidy", D("400000.00")), Cell(2024, None, "lab", "in_kind",
                                                                            D("500000.00"))]
    base = edge.grant.budget_versions.get()
    with pytest.raises(RulesBroken) as broken:
        revise_budget(grant=edge.grant, actor=finance_controller, base=base, name="Meer subsidie", reason="Test",
                      cells=cells)
    assert {check.code for check in broken.value.checks} == {"subsidy_share", "subsidy_award", "employers"}
    assert "EUR 100,000.00 more than 1/3 of the budget of EUR 900,000.00" in str(broken.value)
    assert BudgetVersion.objects.count() == 1
    version = revise_budget(grant=edge.grant, actor=finance_controller, base=base, name="Meer subsidie",
                            reason="Test", cells=cells, deviation_reason="Beschikking wijkt af; overleg met DUS-I")
    assert version.deviation_reason == "Beschikking wijkt af; overleg met DUS-I"


# 14. Regulations are data ----------------------------------------------------------------------------------------


def test_the_regulations_are_data_with_their_parameters():
    codes = dict(Regulation.objects.values_list("code", "name"))
    assert codes == {"rif-2014": "RIF 2014", "rif-2019-2022": "RIF 2019–2022", "rif-2024-2027": "RIF 2024–2027"}
    rif = Regulation.objects.get(code="rif-2014")
    assert (rif.fixed_hourly_rate, str(rif.employer_share_min), rif.report_due_months, rif.retention_years) == (
        D("73.00"), "1/3", [13, 25, 37], 7)
