"""The governance pages: the office's flow, read-only signatories, uploads, exports, the pack, query counts."""

import io
from datetime import date, timedelta

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from civhub.core.exports import Kind
from civhub.core.exports.pdf import format_value
from civhub.governance.models import Action, Decision, Meeting, MeetingDocument, SteeringMember
from civhub.grants.selectors.monitor import monitor
from tests.governance.support import PDF_BYTES, action, at, decision, document, in_two_weeks, meeting
from tests.partners.factories import client_for, count_queries
from tests.reports.support import small_centre

pytestmark = pytest.mark.django_db


def url(name, centre, *args):
    return reverse(f"governance:{name}", args=[centre.slug, *args])


def test_the_office_builds_and_publishes_an_agenda(centre, programme_manager, steering_member):
    client = client_for(programme_manager)
    response = client.post(url("meeting_new", centre), {
        "title": "Stuurgroep najaar", "kind": "steering_group", "starts_at": "2027-10-07T14:00",
        "ends_at": "2027-10-07T16:00", "place": "Leiden", "participants": [steering_member.pk]})
    made = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == url("meeting", centre, made.pk)
    assert made.starts_at.isoformat() == "2027-10-07T12:00:00+00:00"  # entered in Dutch time (CEST)
    client.post(url("item_new", centre, made.pk), {"title": "Begroting 2028", "purpose": "decision",
                                                  "duration_minutes": "20"})
    assert client.get(url("publish_agenda", centre, made.pk)).status_code == 200  # the confirmation page
    client.post(url("publish_agenda", centre, made.pk))
    made.refresh_from_db()
    assert made.status == Meeting.Status.AGENDA_PUBLISHED


def test_an_ending_before_the_start_is_refused_on_the_form(centre, programme_manager):
    response = client_for(programme_manager).post(url("meeting_new", centre), {
        "title": "Stuurgroep", "kind": "steering_group", "starts_at": "2027-10-07T14:00",
        "ends_at": "2027-10-07T13:00", "place": "Leiden"})
    assert response.status_code == 400
    assert "The meeting ends before it starts." in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_decision_on_an_unpublished_agenda_is_refused(centre, programme_manager):
    draft = meeting(centre, status=Meeting.Status.DRAFT)
    response = client_for(programme_manager).post(url("decision_new", centre, draft.pk), {"text": "Te vroeg"})
    assert response.status_code == 400
    assert "A decision can only be recorded for a published agenda." in response.content.decode()
    assert not Decision.objects.exists()


def test_a_due_date_before_the_meeting_is_refused(centre, programme_manager, steering_member):
    held = meeting(centre, starts=at(2027, 3, 18))
    response = client_for(programme_manager).post(url("action_new", centre, held.pk), {
        "what": "Offerte", "owner": steering_member.pk, "due_date": "2027-03-17"})
    assert response.status_code == 400
    assert "The due date lies before the meeting." in response.content.decode()


def test_a_renamed_file_is_refused_and_a_pdf_is_served_to_members_only(centre, programme_manager, steering_member,
                                                                       partner_a_contact):
    held = meeting(centre)
    item = held.items.first()
    client = client_for(programme_manager)
    fake = SimpleUploadedFile("begroting.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(url("document_new", centre, item.pk), {"title": "Begroting", "file": fake})
    assert response.status_code == 400 and not MeetingDocument.objects.exists()
    real = SimpleUploadedFile("begroting.pdf", PDF_BYTES, content_type="application/pdf")
    client.post(url("document_new", centre, item.pk), {"title": "Begroting", "file": real})
    made = MeetingDocument.objects.get()
    served = client_for(steering_member).get(url("document_file", centre, made.pk))
    assert served.status_code == 200 and b"".join(served.streaming_content) == PDF_BYTES
    assert client_for(partner_a_contact).get(url("document_file", centre, made.pk)).status_code == 403


def test_the_agenda_gives_each_item_its_clock_time(centre, programme_manager):
    held = meeting(centre, starts=at(2027, 3, 18, 14))
    held.items.filter(position=1).update(duration_minutes=25)
    page = client_for(programme_manager).get(url("meeting", centre, held.pk)).content.decode()
    assert '>14:00</time> · ' in page and '>14:25</time> · ' in page  # item 2 starts after item 1's 25 minutes


def test_a_signatory_reads_but_sees_no_buttons_to_change(centre, partner_a_signatory):
    held = meeting(centre)
    page = client_for(partner_a_signatory).get(url("meeting", centre, held.pk)).content.decode()
    assert "Punt 1" in page
    assert url("decision_new", centre, held.pk) not in page and url("item_new", centre, held.pk) not in page
    response = client_for(partner_a_signatory).post(url("decision_new", centre, held.pk), {"text": "Mag niet"})
    assert response.status_code == 403


def test_a_working_group_is_for_the_office_and_its_participants(centre, programme_manager, steering_member,
                                                                practor):
    from tests.factories import ProgrammeLineFactory

    group = meeting(centre, kind=Meeting.Kind.WORKING_GROUP, programme_line=ProgrammeLineFactory(centre=centre))
    group.participants.set([practor])
    assert client_for(practor).get(url("meeting", centre, group.pk)).status_code == 200
    assert client_for(steering_member).get(url("meeting", centre, group.pk)).status_code == 403
    assert client_for(programme_manager).get(url("meeting", centre, group.pk)).status_code == 200


def test_minutes_are_recorded_published_and_corrected(centre, programme_manager):
    held = meeting(centre)
    first = held.items.order_by("position").first()
    client = client_for(programme_manager)
    client.post(url("minutes", centre, held.pk), {f"item_{first.pk}": "Begroting besproken."})
    client.post(url("minutes_publish", centre, held.pk))
    held.refresh_from_db()
    assert held.minutes_are_published
    assert client.get(url("minutes", centre, held.pk)).status_code == 302  # to the correction form
    response = client.post(url("minutes_correct", centre, held.pk), {f"item_{first.pk}": "Vastgesteld.",
                                                                     "reason": "Typefout"})
    assert response.status_code == 302
    page = client.get(url("meeting", centre, held.pk)).content.decode()
    assert "Vastgesteld." in page and "Typefout" in page


def test_the_owner_marks_an_action_done(centre, steering_member):
    open_action = action(meeting(centre), steering_member)
    client_for(steering_member).post(url("action_done", centre, open_action.pk))
    open_action.refresh_from_db()
    assert open_action.status == Action.Status.DONE


def test_the_actions_list_filters_overdue_and_mine(centre, programme_manager, steering_member):
    held = meeting(centre, starts=at(2025, 3, 12))
    action(held, steering_member, due=date(2025, 4, 1), what="Te laat")
    action(held, programme_manager, due=date(2099, 4, 1), what="Later")
    client = client_for(steering_member)
    overdue = client.get(url("actions", centre) + "?state=overdue").content.decode()
    assert "Te laat" in overdue and "Later" not in overdue
    mine = client.get(url("actions", centre) + "?owner=me").content.decode()
    assert "Te laat" in mine and "Later" not in mine


def test_the_exports_hold_the_filtered_rows(centre, programme_manager, steering_member):
    held = meeting(centre, starts=at(2026, 3, 12))
    decision(held, text="Begroting 2026 vastgesteld")
    decision(meeting(centre, starts=at(2025, 3, 12)), text="Oud besluit")
    action(held, steering_member, what="Offerte laboratorium")
    client = client_for(programme_manager)
    response = client.get(url("decisions_export", centre) + "?year=2026")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows[0]) == 5  # number, date, decision, meeting, agenda item
    assert [row[0] for row in rows[1:]] == ["SG-2026-01"]
    actions_sheet = openpyxl.load_workbook(io.BytesIO(client.get(url("actions_export", centre)).content)).active
    assert [row[0] for row in actions_sheet.iter_rows(min_row=2, values_only=True)] == ["Offerte laboratorium"]


def test_the_registers_show_fifty_a_page_open_actions_first_and_export_everything(centre, programme_manager,
                                                                                steering_member):
    held = meeting(centre, starts=at(2026, 3, 12))
    for sequence in range(1, 56):
        decision(held, sequence=sequence, text=f"Besluit {sequence}")
    action(held, steering_member, what="Al gedaan", due=date(2026, 4, 1), status=Action.Status.DONE)
    action(held, steering_member, what="Nog te doen", due=date(2026, 5, 1))
    client = client_for(programme_manager)
    first, second = (client.get(url("decisions", centre) + f"?page={number}").content.decode() for number in (1, 2))
    assert "SG-2026-55" in first and "SG-2026-05" not in first and "SG-2026-05" in second
    assert "?page=2" in first  # the pager's next link
    export = openpyxl.load_workbook(io.BytesIO(client.get(url("decisions_export", centre) + "?page=2").content))
    assert export.active.max_row == 56  # the header and all 55
    actions_page = client.get(url("actions", centre)).content.decode()
    assert actions_page.index("Nog te doen") < actions_page.index("Al gedaan")


def test_the_public_page_shows_the_current_composition(client, centre, partner_a):
    SteeringMember.objects.create(centre=centre, name="Anna Bakker", partnership=partner_a, role="chair",
                                  start=date(2024, 1, 1))
    SteeringMember.objects.create(centre=centre, name="Oud Lid", role="member", start=date(2022, 1, 1),
                                  end=date(2023, 12, 31))
    page = client.get(url("public_steering_group", centre)).content.decode()
    assert "Anna Bakker" in page and "Oud Lid" not in page


def test_the_meeting_pack_holds_the_agenda_decisions_and_ratio(centre, partner_a, partner_b, steering_member):
    small = small_centre(centre, partner_a, partner_b)
    older = meeting(centre, title="Stuurgroep voorjaar 2024", starts=at(2024, 3, 14))
    decision(older, text="Oud besluit uit het voorjaar")
    previous = meeting(centre, title="Stuurgroep najaar 2024", starts=at(2024, 10, 10))
    decision(previous, sequence=2, text="Besluit van de vorige vergadering")
    held = meeting(centre, title="Stuurgroep voorjaar 2025", starts=at(2025, 3, 31))
    decision(held, text="De stuurgroep stelt het jaarplan vast.")
    document(held, title="Jaarplan 2025")
    response = client_for(steering_member).get(url("meeting_pack", centre, held.pk))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "SG-2025-01" in text and "De stuurgroep stelt het jaarplan vast." in text
    assert "Besluit van de vorige vergadering" in text  # what was decided last time is checked now
    assert "Oud besluit uit het voorjaar" not in text  # decided before the previous meeting
    assert "Jaarplan 2025" in text
    with translation.override("nl"):  # the pack is Dutch: 0,52
        ratio = format_value(monitor(small.grant, as_of=date(2025, 3, 31)).ratio, Kind.RATIO)
    assert ratio in text


def _registers(centre, owner, count):
    for number in range(count):
        held = meeting(centre, title=f"Vergadering {number}", starts=at(2024, 1 + number % 12, 10))
        decision(held, sequence=Decision.objects.count() + 1)
        action(held, owner, due=date(2025, 1, 1))


@pytest.mark.parametrize(("name", "order"), [("decisions", ""), ("decisions", "?sort=meeting"), ("actions", ""),
                                             ("meetings", ""), ("meetings", "?sort=meeting")])
def test_queries_do_not_grow_with_rows(centre, programme_manager, name, order):
    client = client_for(programme_manager)
    _registers(centre, programme_manager, 2)
    few = count_queries(client, url(name, centre) + order)
    _registers(centre, programme_manager, 6)
    assert count_queries(client, url(name, centre) + order) == few


def test_the_past_meetings_sort_by_title_or_date(centre, programme_manager):
    meeting(centre, title="Werkgroep lab", starts=at(2024, 3, 1))
    meeting(centre, title="Stuurgroep", starts=at(2024, 6, 1))
    meeting(centre, title="Klankbord", starts=at(2024, 1, 1))
    client = client_for(programme_manager)

    def titles(**query):
        response = client.get(url("meetings", centre), query)
        return [held.title for held in response.context["page_obj"]], response.content.decode()

    order, page = titles()
    assert order == ["Stuurgroep", "Werkgroep lab", "Klankbord"]  # latest first, as before
    assert 'aria-sort="descending"><a class="sort-link" href="?sort=when">When' in page
    assert titles(sort="meeting")[0] == ["Klankbord", "Stuurgroep", "Werkgroep lab"]
    assert titles(sort="when")[0] == ["Klankbord", "Werkgroep lab", "Stuurgroep"]
    assert titles(sort="-title")[0] == order  # not a column: the default


def test_the_decisions_register_sorts_by_number_date_or_meeting_and_the_export_follows(centre, programme_manager):
    spring = meeting(centre, title="Voorjaar", starts=at(2025, 4, 1))
    winter = meeting(centre, title="Winter", starts=at(2025, 1, 15))
    decision(spring, sequence=2, text="Begroting vastgesteld")
    decision(winter, sequence=1, text="Plan vastgesteld")
    decision(spring, sequence=3, text="Werkgroep ingesteld")
    client = client_for(programme_manager)

    def numbers(**query):
        response = client.get(url("decisions", centre), query)
        return [row.number for row in response.context["page_obj"]], response.content.decode()

    order, page = numbers()
    assert order == ["SG-2025-03", "SG-2025-02", "SG-2025-01"]  # newest first, as before
    assert 'aria-sort="descending"><a class="sort-link" href="?sort=date">Decided on' in page
    assert numbers(sort="number")[0] == ["SG-2025-01", "SG-2025-02", "SG-2025-03"]
    order, page = numbers(sort="-meeting", q="vastgesteld")
    assert order == ["SG-2025-01", "SG-2025-02"]  # Winter, then Voorjaar
    assert '<input type="hidden" name="sort" value="-meeting">' in page
    assert url("decisions_export", centre) + "?sort=-meeting&amp;q=vastgesteld" in page
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(url("decisions_export", centre), {"sort": "number"}).content)
                                   ).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)][:3] == [
        "SG-2025-01", "SG-2025-02", "SG-2025-03"]


def test_the_meeting_page_queries_do_not_grow(centre, programme_manager, steering_member):
    client = client_for(programme_manager)
    small = meeting(centre, items=2)
    large = meeting(centre, items=6)
    for each in (small, large):
        for item in each.items.all():
            decision(each, sequence=item.position + 10 * each.pk, text=item.title)
            action(each, steering_member)
    assert count_queries(client, url("meeting", centre, small.pk)) == count_queries(client, url("meeting", centre,
                                                                                                 large.pk))


def test_the_dashboard_card_shows_overdue_actions(centre, programme_manager, steering_member):
    action(meeting(centre, starts=at(2025, 3, 12)), steering_member, due=date(2025, 4, 1), what="Offerte lab")
    page = client_for(programme_manager).get(reverse("office:dashboard", args=[centre.slug])).content.decode()
    assert "1 overdue action" in page and "Offerte lab" in page


def test_a_meeting_still_to_come_offers_its_proposal_not_a_decision_and_a_held_one_prefills_it(
        centre, programme_manager):
    client = client_for(programme_manager)
    coming = meeting(centre, starts=in_two_weeks())
    item = coming.items.first()
    item.proposal = "De stuurgroep stelt het jaarplan vast."
    item.save()
    page = client.get(url("meeting", centre, coming.pk)).content.decode()
    assert "De stuurgroep stelt het jaarplan vast." in page and url("decision_new", centre, coming.pk) not in page
    refused = client.post(url("decision_new", centre, coming.pk), {"text": "Te vroeg"})
    assert "has not taken place yet" in refused.content.decode() and not coming.decisions.exists()

    Meeting.objects.filter(pk=coming.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    page = client.get(url("meeting", centre, coming.pk)).content.decode()
    prepared = f"{url('decision_new', centre, coming.pk)}?item={item.pk}"
    assert prepared in page
    form = client.get(prepared).context["form"]
    assert form.initial == {"item": item, "text": "De stuurgroep stelt het jaarplan vast."}
