"""Recording contributions through the web: the list and its totals, the form, one entry, evidence files."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from civhub.accounts.models import Role
from civhub.core.fields import FlexibleDecimalField
from civhub.ledger.models import Contribution, RateCard
from civhub.ledger.services.periods import close_period
from civhub.partners.models import CofinancingGroup
from tests.factories import MembershipFactory, PartnershipFactory, ProgrammeLineFactory
from tests.ledger.entries_helpers import ENTRY_DATE, PDF, PNG, make_entry, pdf_upload, with_grant
from tests.partners.factories import client_for, count_queries, partner_person

pytestmark = pytest.mark.django_db
Status = Contribution.Status


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Evidence files go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"


def url(name, centre, *args):
    return reverse(f"ledger:{name}", args=[centre.slug, *args])


def form_data(**fields):
    data = {"date": "2025-06-02", "kind": "education", "hours": "7,5", "amount": "",
            "description": "Gastles lasrobot voor BOL-2", "action": "draft"}
    return {**data, **fields}


def messages_of(response) -> list[str]:
    return [str(message) for message in response.wsgi_request._messages]


# The list -----------------------------------------------------------------------------------


def test_a_partner_lists_only_its_own_entries(centre, partner_a, partner_b, partner_a_contact, partner_b_contact):
    make_entry(partner_a, partner_a_contact, description="Uren van partner A")
    make_entry(partner_b, partner_b_contact, description="Uren van partner B")
    page = client_for(partner_a_contact).get(url("contributions", centre)).content.decode()
    assert "Uren van partner A" in page
    assert "Uren van partner B" not in page
    assert "Record a contribution" in page


def test_the_office_lists_everyone_and_filters_by_partner(centre, partner_a, partner_b, partner_a_contact,
                                                          partner_b_contact, programme_manager):
    make_entry(partner_a, partner_a_contact, description="Uren van partner A")
    make_entry(partner_b, partner_b_contact, description="Uren van partner B")
    client = client_for(programme_manager)
    page = client.get(url("contributions", centre)).content.decode()
    assert "Uren van partner A" in page and "Uren van partner B" in page
    assert "Record a contribution" not in page  # the office does not record for partners
    page = client.get(url("contributions", centre), {"partner": partner_b.short_code}).content.decode()
    assert "Uren van partner A" not in page and "Uren van partner B" in page


def test_filters_by_status_year_and_kind(centre, partner_a, partner_a_contact):
    make_entry(partner_a, partner_a_contact, description="Concept 2025")
    make_entry(partner_a, partner_a_contact, status=Status.SUBMITTED, description="Ingediend 2025")
    make_entry(partner_a, partner_a_contact, description="Lab 2026", kind="lab", date=datetime.date(2026, 2, 3),
               hours=None, amount=Decimal("250"))
    client = client_for(partner_a_contact)

    def shown(**filters):
        page = client.get(url("contributions", centre), filters).content.decode()
        return {text for text in ("Concept 2025", "Ingediend 2025", "Lab 2026") if text in page}

    assert shown(status="submitted") == {"Ingediend 2025"}
    assert shown(year="2026") == {"Lab 2026"}
    assert shown(kind="education") == {"Concept 2025", "Ingediend 2025"}
    assert shown(status="nonsense") == {"Concept 2025", "Ingediend 2025", "Lab 2026"}  # ignored, not an error


def test_totals_per_status_are_summed_and_the_realised_amount_shown(centre, partner_a, partner_a_contact,
                                                                     partner_a_signatory, finance_controller):
    make_entry(partner_a, partner_a_contact, status=Status.ACCEPTED, signatory=partner_a_signatory,
               controller=finance_controller, hours=Decimal("7.5"))  # 7,5 × EUR 60
    make_entry(partner_a, partner_a_contact, status=Status.ACCEPTED, signatory=partner_a_signatory,
               controller=finance_controller, hours=Decimal("2"))  # 2 × EUR 60
    make_entry(partner_a, partner_a_contact, status=Status.SUBMITTED, hours=Decimal("1"))
    response = client_for(partner_a_contact).get(url("contributions", centre))
    totals = {total.status: total for total in response.context["totals"]}
    assert totals["accepted"].count == 2
    assert totals["accepted"].amount == Decimal("570.00")
    assert totals["accepted"].hours == Decimal("9.50")
    assert totals["submitted"].amount == Decimal("60.00")
    assert totals["draft"].count == 0
    assert response.context["realised"].amount == Decimal("570.00")
    assert 'data-total="realised">EUR 570.00<' in response.content.decode()


def test_a_reversal_and_the_entry_it_reverses_cancel_out_in_the_realised_amount(
        centre, partner_a, partner_a_contact, partner_a_signatory, finance_controller):
    people = {"signatory": partner_a_signatory, "controller": finance_controller}
    make_entry(partner_a, partner_a_contact, status=Status.ACCEPTED, hours=None, kind="lab",
               amount=Decimal("1250.00"), **people)
    make_entry(partner_a, partner_a_contact, status=Status.REVERSED, **people)  # EUR 450 and its reversal
    response = client_for(partner_a_contact).get(url("contributions", centre))
    totals = {total.status: total for total in response.context["totals"]}
    assert (totals["accepted"].amount, totals["reversed"].amount) == (Decimal("800.00"), Decimal("450.00"))
    realised = response.context["realised"]
    assert (realised.amount, realised.hours) == (Decimal("1250.00"), Decimal("0"))


def test_a_not_counted_partner_is_marked_and_left_out_of_the_counted_total(centre, programme_manager):
    lead = PartnershipFactory(centre=centre, short_code="lead", is_lead_applicant=True,
                              cofinancing_group=CofinancingGroup.NOT_COUNTED)
    make_entry(lead, partner_person(lead), status=Status.SUBMITTED, description="Uren van de penvoerder")
    response = client_for(programme_manager).get(url("contributions", centre))
    assert "not counted towards co-financing" in response.content.decode()
    submitted = next(total for total in response.context["totals"] if total.status == "submitted")
    assert submitted.amount == Decimal("450.00") and submitted.counted == Decimal("0")


@pytest.mark.parametrize(("persona", "order"), [("partner_a_contact", ""), ("programme_manager", ""),
                                                ("programme_manager", "?sort=partner")])
def test_the_list_takes_the_same_number_of_queries_for_n_and_3n_entries(request, centre, partner_a, partner_b,
                                                                        partner_a_contact, partner_b_contact,
                                                                        persona, order):
    client = client_for(request.getfixturevalue(persona))

    def add(n):
        for _ in range(n):
            make_entry(partner_a, partner_a_contact, status=Status.SUBMITTED)
            make_entry(partner_b, partner_b_contact)

    add(3)
    few = count_queries(client, url("contributions", centre) + order)
    assert count_queries(client, url("contributions", centre)) == few  # any order: the same queries
    add(6)
    assert count_queries(client, url("contributions", centre) + order) == few


def descriptions(response) -> list[str]:
    return [entry.description for entry in response.context["page_obj"]]


def test_the_list_sorts_by_a_column_and_marks_it_for_screen_readers(centre, partner_a, partner_b,
                                                                     partner_a_contact, partner_b_contact,
                                                                     programme_manager):
    make_entry(partner_b, partner_b_contact, description="Oud, groot", date=datetime.date(2025, 3, 1),
               hours=Decimal("10"))
    make_entry(partner_a, partner_a_contact, description="Nieuw, klein", date=datetime.date(2025, 9, 1),
               hours=Decimal("1"))
    make_entry(partner_a, partner_a_contact, description="Midden", date=datetime.date(2025, 6, 1),
               hours=Decimal("5"))
    client = client_for(programme_manager)
    default = client.get(url("contributions", centre))
    assert descriptions(default) == ["Nieuw, klein", "Midden", "Oud, groot"]  # newest first, as before
    assert '<th scope="col" aria-sort="descending"><a class="sort-link" href="?sort=date">Date' in (
        default.content.decode())
    by_value = client.get(url("contributions", centre), {"sort": "value", "status": "draft"})
    assert descriptions(by_value) == ["Nieuw, klein", "Midden", "Oud, groot"]
    page = by_value.content.decode()
    assert 'aria-sort="ascending"><a class="sort-link" href="?sort=-value&amp;status=draft">Value' in page
    assert page.count("aria-sort=") == 1
    assert '<input type="hidden" name="sort" value="value">' in page  # filtering keeps the order
    assert descriptions(client.get(url("contributions", centre), {"sort": "-value"})) == [
        "Oud, groot", "Midden", "Nieuw, klein"]
    assert descriptions(client.get(url("contributions", centre), {"sort": "partner"})) == [
        "Oud, groot", "Midden", "Nieuw, klein"]  # Gemeente Partner B, then Partner A BV by date
    assert descriptions(client.get(url("contributions", centre), {"sort": "description"})) == descriptions(default)


def test_the_list_pages_through_many_entries(centre, partner_a, partner_a_contact):
    with_grant(centre)
    for day in range(1, 56):
        Contribution.objects.create(centre=centre, partnership=partner_a, date=ENTRY_DATE, kind="lab",
                                    amount=Decimal(day), description=f"Regel {day}", entered_by=partner_a_contact)
    client = client_for(partner_a_contact)
    first = client.get(url("contributions", centre))
    assert len(first.context["page_obj"].object_list) == 50
    assert "Page 1 of 2" in first.content.decode()
    second = client.get(url("contributions", centre), {"page": 2})
    assert len(second.context["page_obj"].object_list) == 5


# Recording ----------------------------------------------------------------------------------


def test_a_contact_saves_hours_as_a_draft_valued_at_the_grants_fixed_rate(centre, partner_a, partner_a_contact):
    with_grant(centre)
    line = ProgrammeLineFactory(centre=centre, number=1)
    client = client_for(partner_a_contact)
    form = client.get(url("contribution_new", centre))
    assert "category" not in form.context["form"].fields  # the fixed rate values every hour
    response = client.post(url("contribution_new", centre), form_data(programme_line=line.pk))
    entry = Contribution.objects.get()
    assert response.status_code == 302 and response["Location"] == url("contribution", centre, entry.pk)
    assert (entry.status, entry.hours, entry.hourly_rate, entry.amount) == (
        Status.DRAFT, Decimal("7.50"), Decimal("60.00"), Decimal("450.00"))
    assert entry.programme_line == line and entry.entered_by == partner_a_contact
    assert "saved as a draft" in messages_of(response)[0]


def test_submit_sends_the_new_entry_to_the_signatory(centre, partner_a, partner_a_contact):
    with_grant(centre)
    client_for(partner_a_contact).post(url("contribution_new", centre), form_data(action="submit"))
    entry = Contribution.objects.get()
    assert entry.status == Status.SUBMITTED
    assert list(entry.events.values_list("action", flat=True)) == ["submitted"]


def test_without_a_fixed_rate_hours_are_valued_at_the_partners_rate_card(centre, partner_a, partner_a_contact):
    with_grant(centre, fixed_hourly_rate=None)
    RateCard.objects.create(partnership=partner_a, category="docent", hourly_rate=Decimal("80.00"),
                            valid_from=datetime.date(2025, 1, 1))
    RateCard.objects.create(partnership=partner_a, category="docent", hourly_rate=Decimal("90.00"),
                            valid_from=datetime.date(2025, 7, 1))
    client = client_for(partner_a_contact)
    choices = dict(client.get(url("contribution_new", centre)).context["form"].fields["category"].choices)
    assert "docent" in choices
    client.post(url("contribution_new", centre), form_data(category="docent", hours="2"))
    assert Contribution.objects.get().amount == Decimal("160.00")  # the rate in force on 2 June


def test_hours_without_a_category_get_a_clear_message(centre, partner_a, partner_a_contact):
    with_grant(centre, fixed_hourly_rate=None)
    response = client_for(partner_a_contact).post(url("contribution_new", centre), form_data())
    assert response.status_code == 400
    assert "Choose a staff category" in response.content.decode()
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(("fields", "message"), [
    ({"hours": "7,5", "amount": "100"}, "Give either hours or an amount"),
    ({"hours": "", "amount": ""}, "Give either hours or an amount"),
    ({"hours": "0"}, "Hours must be more than 0 and at most 24"),
    ({"hours": "-3"}, "Hours must be more than 0 and at most 24"),
    ({"hours": "25"}, "Hours must be more than 0 and at most 24"),
    ({"hours": "veel"}, "Fill in the hours as a number"),
    ({"hours": "", "amount": "-5"}, "An amount must be more than EUR 0"),
    ({"date": "2099-01-01"}, "The date lies in the future."),
    ({"date": "2019-01-01"}, "The date lies outside the grant period."),
    ({"date": "1-2-3-4"}, "Fill in a date"),
    ({"description": "x" * 501}, "at most 500 characters"),
    ({"description": ""}, "Describe the contribution."),
])
def test_bad_input_gets_a_clear_message_and_records_nothing(centre, partner_a, partner_a_contact, fields, message):
    with_grant(centre)
    response = client_for(partner_a_contact).post(url("contribution_new", centre), form_data(**fields))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Contribution.objects.exists()


def test_a_closed_period_refuses_new_entries_with_a_message(centre, partner_a, partner_a_contact,
                                                             finance_controller):
    with_grant(centre)
    close_period(centre=centre, actor=finance_controller, span="quarter", year=2025, quarter=2)
    response = client_for(partner_a_contact).post(url("contribution_new", centre), form_data(action="submit"))
    assert response.status_code == 400
    assert "The period 1 April 2025 – 30 June 2025 is closed" in response.content.decode()
    assert not Contribution.objects.exists()


def test_the_office_does_not_record_for_a_partner(centre, programme_manager):
    with_grant(centre)
    assert client_for(programme_manager).get(url("contribution_new", centre)).status_code == 403


def test_someone_acting_for_two_partners_chooses_the_organisation(centre, partner_a, partner_b, partner_a_contact):
    with_grant(centre)
    MembershipFactory(user=partner_a_contact, centre=centre, partnership=partner_b, role=Role.PARTNER_CONTACT)
    client = client_for(partner_a_contact)
    assert "partnership" in client.get(url("contribution_new", centre)).context["form"].fields
    client.post(url("contribution_new", centre), form_data(partnership=partner_b.pk))
    assert Contribution.objects.get().partnership == partner_b


# Evidence files -----------------------------------------------------------------------------


def test_a_pdf_is_stored_and_served_only_to_those_who_may_see_the_entry(
        centre, partner_a, partner_a_contact, partner_b_contact, programme_manager):
    with_grant(centre)
    client_for(partner_a_contact).post(url("contribution_new", centre),
                                       form_data(evidence=pdf_upload("urenstaat juni.pdf")))
    entry = Contribution.objects.get()
    assert entry.evidence.name.startswith(f"evidence/{partner_a.pk}/")
    for user in (partner_a_contact, programme_manager):
        response = client_for(user).get(url("evidence", centre, entry.pk))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert b"".join(response.streaming_content) == PDF
    assert client_for(partner_b_contact).get(url("evidence", centre, entry.pk)).status_code == 404


def test_evidence_asked_for_in_place_is_shown_inline_and_may_be_framed_by_the_site_only(
        centre, partner_a, partner_a_contact, partner_b_contact, finance_controller):
    pdf = make_entry(partner_a, partner_a_contact, evidence=pdf_upload("urenstaat juni.pdf"))
    png = make_entry(partner_a, partner_a_contact, evidence=pdf_upload("foto.png", PNG))
    client = client_for(finance_controller)
    for entry, content_type in ((pdf, "application/pdf"), (png, "image/png")):
        response = client.get(url("evidence", centre, entry.pk), {"inline": "1"})
        assert response.status_code == 200 and response["Content-Type"] == content_type
        assert response["Content-Disposition"].startswith("inline;")
        assert response["X-Frame-Options"] == "SAMEORIGIN"
        assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"
    download = client.get(url("evidence", centre, pdf.pk))
    assert download["Content-Disposition"].startswith("attachment;")  # without ?inline=1: as before
    assert client_for(partner_b_contact).get(url("evidence", centre, pdf.pk), {"inline": "1"}).status_code == 404


def test_evidence_of_another_kind_is_never_shown_inline(centre, partner_a, partner_a_contact):
    entry = make_entry(partner_a, partner_a_contact)
    entry.evidence.save("evidence/oud/migratie.txt", ContentFile(b"<script>alert(1)</script>"))
    response = client_for(partner_a_contact).get(url("evidence", centre, entry.pk), {"inline": "1"})
    assert response["Content-Disposition"].startswith("attachment;")


def test_the_media_url_does_not_serve_evidence(client, centre, partner_a, partner_a_contact):
    entry = make_entry(partner_a, partner_a_contact, evidence=pdf_upload())
    assert client.get("/media/" + entry.evidence.name).status_code == 404


@pytest.mark.parametrize(("name", "content", "message"), [
    ("virus.exe", b"MZ\x90\x00", "is not a PDF, PNG or JPEG file"),
    ("urenstaat.docx", b"PK\x03\x04", "is not a PDF, PNG or JPEG file"),
    ("vermomd.pdf", PNG, "is not a PDF file, although its name says so"),
    ("vermomd.png", PDF, "is not a PNG file, although its name says so"),
    ("foto.jpg", b"GIF89a", "is not a JPG file, although its name says so"),
    ("groot.pdf", PDF + b"0" * (5 * 1024 * 1024), "larger than 5 MB"),
])
def test_evidence_of_another_type_or_too_large_is_refused(centre, partner_a, partner_a_contact, name, content,
                                                          message):
    with_grant(centre)
    response = client_for(partner_a_contact).post(url("contribution_new", centre),
                                                  form_data(evidence=pdf_upload(name, content)))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Contribution.objects.exists()


def test_png_and_jpeg_evidence_is_accepted(centre, partner_a, partner_a_contact):
    with_grant(centre)
    client = client_for(partner_a_contact)
    client.post(url("contribution_new", centre), form_data(evidence=pdf_upload("foto.PNG", PNG)))
    client.post(url("contribution_new", centre), form_data(evidence=pdf_upload("scan.jpeg", b"\xff\xd8\xff\xe0JFIF")))
    assert Contribution.objects.exclude(evidence="").count() == 2


def test_an_entry_without_evidence_has_no_file_to_serve(centre, partner_a, partner_a_contact):
    entry = make_entry(partner_a, partner_a_contact)
    assert client_for(partner_a_contact).get(url("evidence", centre, entry.pk)).status_code == 404


# One entry ----------------------------------------------------------------------------------


def test_the_detail_shows_value_rate_history_and_the_viewers_actions(centre, partner_a, partner_a_contact):
    entry = make_entry(partner_a, partner_a_contact)
    response = client_for(partner_a_contact).get(url("contribution", centre, entry.pk))
    page = response.content.decode()
    assert "EUR 450.00" in page and "EUR 60.00" in page
    assert "Saved as draft" in page and partner_a_contact.full_name in page
    actions = response.context["actions"]
    assert actions.edit and actions.submit and actions.delete and not actions.approve


def test_the_detail_marks_a_not_counted_partner(centre, programme_manager):
    lead = PartnershipFactory(centre=centre, is_lead_applicant=True, cofinancing_group=CofinancingGroup.NOT_COUNTED)
    entry = make_entry(lead, partner_person(lead))
    assert "not counted towards co-financing" in client_for(programme_manager).get(
        url("contribution", centre, entry.pk)).content.decode()


def test_partner_b_gets_404_on_every_page_of_partner_as_entry(centre, partner_a, partner_a_contact,
                                                              partner_b_contact):
    entry = make_entry(partner_a, partner_a_contact, evidence=pdf_upload())
    client = client_for(partner_b_contact)
    for name in ("contribution", "contribution_edit", "contribution_delete", "evidence", "contribution_approve",
                 "contribution_reject"):
        assert client.get(url(name, centre, entry.pk)).status_code == 404, name
    assert client.post(url("contribution_submit", centre, entry.pk)).status_code == 404
    assert client.post(url("contribution_edit", centre, entry.pk), form_data()).status_code == 404
    entry.refresh_from_db()
    assert entry.status == Status.DRAFT and entry.description == "Gastles lasrobot"


# Editing, submitting, deleting --------------------------------------------------------------


def test_a_draft_is_edited_and_submitted_from_the_form(centre, partner_a, partner_a_contact):
    entry = make_entry(partner_a, partner_a_contact)
    client = client_for(partner_a_contact)
    assert client.get(url("contribution_edit", centre, entry.pk)).context["form"]["hours"].value() == Decimal("7.50")
    response = client.post(url("contribution_edit", centre, entry.pk), form_data(hours="4", action="submit"))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.status, entry.amount) == (Status.SUBMITTED, Decimal("240.00"))
    assert list(entry.events.values_list("action", flat=True)) == ["created", "edited", "submitted"]


def test_a_rejected_entry_shows_the_reason_and_becomes_a_draft_when_edited(centre, partner_a, partner_a_contact):
    entry = make_entry(partner_a, partner_a_contact, status=Status.REJECTED)
    client = client_for(partner_a_contact)
    assert "Te veel uren" in client.get(url("contribution_edit", centre, entry.pk)).content.decode()
    client.post(url("contribution_edit", centre, entry.pk), form_data(hours="6"))
    entry.refresh_from_db()
    assert entry.status == Status.DRAFT and entry.amount == Decimal("360.00")


def test_a_submitted_entry_can_no_longer_be_edited_or_deleted(centre, partner_a, partner_a_contact):
    entry = make_entry(partner_a, partner_a_contact, status=Status.SUBMITTED)
    client = client_for(partner_a_contact)
    for name in ("contribution_edit", "contribution_delete"):
        response = client.post(url(name, centre, entry.pk), form_data(hours="1"))
        assert response.status_code == 302 and response["Location"] == url("contribution", centre, entry.pk)
        assert "submitted" in messages_of(response)[0]
    entry.refresh_from_db()
    assert entry.status == Status.SUBMITTED and entry.hours == Decimal("7.50")


def test_the_submit_button_sends_a_draft(centre, partner_a, partner_a_contact):
    entry = make_entry(partner_a, partner_a_contact)
    response = client_for(partner_a_contact).post(url("contribution_submit", centre, entry.pk))
    assert response["Location"] == url("contribution", centre, entry.pk)
    entry.refresh_from_db()
    assert entry.status == Status.SUBMITTED


def test_submitting_twice_is_refused_with_a_message(centre, partner_a, partner_a_contact):
    entry = make_entry(partner_a, partner_a_contact, status=Status.SUBMITTED)
    response = client_for(partner_a_contact).post(url("contribution_submit", centre, entry.pk))
    assert response.status_code == 302
    assert "can no longer be changed" in messages_of(response)[0]


def test_the_office_cannot_edit_or_submit_a_partners_draft(centre, partner_a, partner_a_contact, programme_manager):
    entry = make_entry(partner_a, partner_a_contact)
    client = client_for(programme_manager)
    assert client.get(url("contribution_edit", centre, entry.pk)).status_code == 403
    assert client.post(url("contribution_submit", centre, entry.pk)).status_code == 403


def test_a_draft_is_deleted_after_confirmation(centre, partner_a, partner_a_contact):
    entry = make_entry(partner_a, partner_a_contact)
    client = client_for(partner_a_contact)
    assert "Delete this draft?" in client.get(url("contribution_delete", centre, entry.pk)).content.decode()
    assert Contribution.objects.filter(pk=entry.pk).exists()  # the GET only asks
    response = client.post(url("contribution_delete", centre, entry.pk))
    assert response["Location"] == url("contributions", centre)
    assert not Contribution.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize(("typed", "value"), [
    ("7,5", "7.5"), ("7.5", "7.5"), ("1.234,56", "1234.56"), ("1,234.56", "1234.56"), (" 12 ", "12"), ("", None),
])
def test_numbers_are_read_the_dutch_and_the_english_way(typed, value):
    field = FlexibleDecimalField(max_digits=12, decimal_places=2, required=False)
    assert field.clean(typed) == (Decimal(value) if value else None)
