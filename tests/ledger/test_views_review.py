"""The two keys through the web: the signatory approves (never their own), the finance controller accepts.

Also the queues with their bulk actions (one refused entry is reported, the rest go
through), rejection with a reason, and the reversal that corrects an accepted entry.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from civhub.accounts.models import Role
from civhub.ledger.models import Contribution
from civhub.ledger.services.periods import close_period
from tests.ledger.entries_helpers import PNG, make_entry, pdf_upload
from tests.partners.factories import client_for, count_queries, person

pytestmark = pytest.mark.django_db
Status = Contribution.Status


def url(name, centre, *args):
    return reverse(f"ledger:{name}", args=[centre.slug, *args])


def messages_of(response) -> list[str]:
    return [str(message) for message in response.wsgi_request._messages]


def status_of(entry) -> str:
    entry.refresh_from_db()
    return entry.status


# Approving one entry ------------------------------------------------------------------------


def test_the_signatory_confirms_then_approves(centre, partner_a, partner_a_contact, partner_a_signatory):
    entry = make_entry(partner_a, partner_a_contact, status=Status.SUBMITTED)
    client = client_for(partner_a_signatory)
    assert "Approve this contribution?" in client.get(url("contribution_approve", centre, entry.pk)).content.decode()
    assert status_of(entry) == Status.SUBMITTED  # the GET only asks
    response = client.post(url("contribution_approve", centre, entry.pk))
    assert response["Location"] == url("contribution", centre, entry.pk)
    assert status_of(entry) == Status.APPROVED
    assert entry.approved_by == partner_a_signatory
    page = client.get(url("contribution", centre, entry.pk)).content.decode()
    assert "Approved by the partner" in page and partner_a_signatory.full_name in page


def test_a_signatory_cannot_approve_their_own_entry(centre, partner_a, partner_a_signatory):
    entry = make_entry(partner_a, partner_a_signatory, status=Status.SUBMITTED)
    client = client_for(partner_a_signatory)
    detail = client.get(url("contribution", centre, entry.pk))
    assert not detail.context["actions"].approve
    assert "You entered this contribution yourself" in detail.content.decode()
    response = client.get(url("contribution_approve", centre, entry.pk))
    assert response.status_code == 302 and "yourself" in messages_of(response)[0]
    response = client.post(url("contribution_approve", centre, entry.pk))
    assert response.status_code == 302 and "Only another person" in messages_of(response)[-1]
    assert status_of(entry) == Status.SUBMITTED


def test_a_contact_cannot_approve_and_partner_b_does_not_see_the_entry(centre, partner_a, partner_a_contact,
                                                                       partner_b_contact):
    entry = make_entry(partner_a, partner_a_contact, status=Status.SUBMITTED)
    assert client_for(partner_a_contact).post(url("contribution_approve", centre, entry.pk)).status_code == 403
    assert client_for(partner_b_contact).post(url("contribution_approve", centre, entry.pk)).status_code == 404
    assert status_of(entry) == Status.SUBMITTED


def test_partner_bs_signatory_gets_404_on_partner_as_entry(centre, partner_a, partner_b, partner_a_contact):
    signatory_b = person(centre, Role.PARTNER_SIGNATORY, partnership=partner_b)
    entry = make_entry(partner_a, partner_a_contact, status=Status.SUBMITTED)
    client = client_for(signatory_b)
    assert client.get(url("contribution_approve", centre, entry.pk)).status_code == 404
    assert client.post(url("contribution_approve", centre, entry.pk)).status_code == 404
    assert status_of(entry) == Status.SUBMITTED


def test_approving_twice_says_what_happened(centre, partner_a, partner_a_contact, partner_a_signatory):
    entry = make_entry(partner_a, partner_a_contact, status=Status.APPROVED, signatory=partner_a_signatory)
    response = client_for(partner_a_signatory).post(url("contribution_approve", centre, entry.pk))
    assert "cannot become" in messages_of(response)[0]


# Rejecting ------------------------------------------------------------------------------------


def test_the_signatory_rejects_with_a_reason_the_contact_then_sees(centre, partner_a, partner_a_contact,
                                                                  partner_a_signatory):
    entry = make_entry(partner_a, partner_a_contact, status=Status.SUBMITTED)
    client = client_for(partner_a_signatory)
    response = client.post(url("contribution_reject", centre, entry.pk), {"reason": ""})
    assert response.status_code == 400 and "Give a reason." in response.content.decode()
    assert status_of(entry) == Status.SUBMITTED
    client.post(url("contribution_reject", centre, entry.pk), {"reason": "Het project liep in mei, niet juni."})
    assert status_of(entry) == Status.REJECTED
    page = client_for(partner_a_contact).get(url("contribution", centre, entry.pk)).content.decode()
    assert "Het project liep in mei, niet juni." in page


def test_the_finance_controller_rejects_an_approved_entry(centre, partner_a, partner_a_contact,
                                                          partner_a_signatory, finance_controller):
    entry = make_entry(partner_a, partner_a_contact, status=Status.APPROVED, signatory=partner_a_signatory)
    client_for(finance_controller).post(url("contribution_reject", centre, entry.pk), {"reason": "Geen bewijs."})
    assert status_of(entry) == Status.REJECTED


def test_the_finance_controller_does_not_decide_on_a_submitted_entry(centre, partner_a, partner_a_contact,
                                                                     finance_controller):
    entry = make_entry(partner_a, partner_a_contact, status=Status.SUBMITTED)
    response = client_for(finance_controller).post(url("contribution_reject", centre, entry.pk),
                                                   {"reason": "Nee."})
    assert response.status_code == 302 and "You may not reject" in messages_of(response)[0]
    assert status_of(entry) == Status.SUBMITTED


# Accepting ------------------------------------------------------------------------------------


def test_only_the_finance_controller_accepts(centre, partner_a, partner_a_contact, partner_a_signatory,
                                             finance_controller, programme_manager):
    entry = make_entry(partner_a, partner_a_contact, status=Status.APPROVED, signatory=partner_a_signatory)
    for user in (programme_manager, partner_a_signatory, partner_a_contact):
        assert client_for(user).post(url("contribution_accept", centre, entry.pk)).status_code == 403
    assert status_of(entry) == Status.APPROVED
    client = client_for(finance_controller)
    assert "Accept this contribution?" in client.get(url("contribution_accept", centre, entry.pk)).content.decode()
    client.post(url("contribution_accept", centre, entry.pk))
    assert status_of(entry) == Status.ACCEPTED
    assert entry.content_hash and entry.accepted_by == finance_controller


def test_accepting_a_submitted_entry_is_refused_with_the_reason(centre, partner_a, partner_a_contact,
                                                               finance_controller):
    entry = make_entry(partner_a, partner_a_contact, status=Status.SUBMITTED)
    response = client_for(finance_controller).get(url("contribution_accept", centre, entry.pk))
    assert response.status_code == 302
    assert "cannot become accepted" in messages_of(response)[0]


def test_accepting_in_a_closed_period_is_refused(centre, partner_a, partner_a_contact, partner_a_signatory,
                                                 finance_controller):
    entry = make_entry(partner_a, partner_a_contact, status=Status.APPROVED, signatory=partner_a_signatory)
    close_period(centre=centre, actor=finance_controller, span="year", year=2025)
    response = client_for(finance_controller).post(url("contribution_accept", centre, entry.pk))
    assert "is closed" in messages_of(response)[0]
    assert status_of(entry) == Status.APPROVED


# Reversing ------------------------------------------------------------------------------------


def test_a_reversal_links_both_entries_and_the_partner_records_the_correction(
        centre, partner_a, partner_a_contact, partner_a_signatory, finance_controller):
    entry = make_entry(partner_a, partner_a_contact, status=Status.ACCEPTED, signatory=partner_a_signatory,
                       controller=finance_controller)
    client = client_for(finance_controller)
    assert client.get(url("contribution_reverse", centre, entry.pk)).status_code == 200
    response = client.post(url("contribution_reverse", centre, entry.pk), {"reason": "Dubbel geboekt."})
    reversal = Contribution.objects.get(reversal_of=entry)
    assert response["Location"] == url("contribution", centre, reversal.pk)
    assert "can now record the corrected entry" in messages_of(response)[0]
    assert reversal.amount == Decimal("-450.00") and status_of(entry) == Status.REVERSED
    page = client.get(url("contribution", centre, reversal.pk)).content.decode()
    assert url("contribution", centre, entry.pk) in page and "Dubbel geboekt." in page
    assert not client.get(url("contribution", centre, reversal.pk)).context["actions"].reverse

    partner = client_for(partner_a_contact)
    detail = partner.get(url("contribution", centre, entry.pk))
    assert url("contribution", centre, reversal.pk) in detail.content.decode()
    correct = url("contribution_new", centre) + f"?from={entry.pk}"
    assert correct in detail.content.decode()
    initial = partner.get(correct).context["form"].initial
    assert initial["hours"] == Decimal("7.50") and initial["description"] == entry.description


def test_a_reversal_needs_a_reason_and_is_not_reversed_itself(centre, partner_a, partner_a_contact,
                                                             partner_a_signatory, finance_controller):
    entry = make_entry(partner_a, partner_a_contact, status=Status.REVERSED, signatory=partner_a_signatory,
                       controller=finance_controller)
    reversal = Contribution.objects.get(reversal_of=entry)
    client = client_for(finance_controller)
    response = client.post(url("contribution_reverse", centre, reversal.pk), {"reason": "Nog eens"})
    assert response.status_code == 302 and "not reversed itself" in messages_of(response)[0]
    other = make_entry(partner_a, partner_a_contact, status=Status.ACCEPTED, signatory=partner_a_signatory,
                       controller=finance_controller)
    response = client.post(url("contribution_reverse", centre, other.pk), {"reason": "  "})
    assert response.status_code == 400
    assert status_of(other) == Status.ACCEPTED


# The signatory's queue ------------------------------------------------------------------------


def test_the_queue_shows_why_an_own_entry_has_no_checkbox(centre, partner_a, partner_a_contact,
                                                          partner_a_signatory):
    theirs = make_entry(partner_a, partner_a_contact, status=Status.SUBMITTED)
    own = make_entry(partner_a, partner_a_signatory, status=Status.SUBMITTED)
    page = client_for(partner_a_signatory).get(url("approvals", centre)).content.decode()
    assert f'value="{theirs.pk}" id="select-{theirs.pk}"' in page
    assert f'id="select-{own.pk}"' not in page
    assert "your own entry" in page and "another signatory of your organisation approves it" in page


def test_bulk_approve_reports_the_refused_entry_and_approves_the_rest(centre, partner_a, partner_a_contact,
                                                                     partner_a_signatory):
    first = make_entry(partner_a, partner_a_contact, status=Status.SUBMITTED)
    second = make_entry(partner_a, partner_a_contact, status=Status.SUBMITTED)
    own = make_entry(partner_a, partner_a_signatory, status=Status.SUBMITTED, description="Eigen uren")
    response = client_for(partner_a_signatory).post(
        url("approvals", centre), {"entries": [first.pk, own.pk, second.pk], "action": "approve"})
    assert response["Location"] == url("approvals", centre)
    assert [status_of(e) for e in (first, second, own)] == [Status.APPROVED, Status.APPROVED, Status.SUBMITTED]
    messages = messages_of(response)
    assert messages[0] == "2 entries approved."
    assert "Eigen uren" in messages[1] and "Only another person" in messages[1]


def test_bulk_reject_needs_one_reason_and_gives_it_to_every_entry(centre, partner_a, partner_a_contact,
                                                                 partner_a_signatory):
    entries = [make_entry(partner_a, partner_a_contact, status=Status.SUBMITTED) for _ in range(2)]
    client = client_for(partner_a_signatory)
    response = client.post(url("approvals", centre), {"entries": [e.pk for e in entries], "action": "reject"})
    assert "Give a reason" in messages_of(response)[0]
    assert [status_of(e) for e in entries] == [Status.SUBMITTED] * 2
    client.post(url("approvals", centre),
                {"entries": [e.pk for e in entries], "action": "reject", "reason": "Uren per week opgeven."})
    assert [status_of(e) for e in entries] == [Status.REJECTED] * 2
    assert {e.rejection_reason for e in entries} == {"Uren per week opgeven."}


def test_nothing_selected_is_a_message_not_an_error(centre, partner_a, partner_a_signatory):
    response = client_for(partner_a_signatory).post(url("approvals", centre), {"action": "approve"})
    assert response.status_code == 302 and messages_of(response) == ["Select at least one entry."]


def test_the_queue_cannot_reach_another_partners_entries(centre, partner_a, partner_b, partner_a_signatory,
                                                         partner_b_contact):
    entry_b = make_entry(partner_b, partner_b_contact, status=Status.SUBMITTED)
    response = client_for(partner_a_signatory).post(url("approvals", centre),
                                                    {"entries": [entry_b.pk], "action": "approve"})
    assert "not in your queue" in messages_of(response)[0]
    assert status_of(entry_b) == Status.SUBMITTED


@pytest.mark.parametrize("order", ["", "?sort=-entered_by"])
def test_the_approval_queue_takes_the_same_number_of_queries_for_n_and_3n(centre, partner_a, partner_a_contact,
                                                                          partner_a_signatory, order):
    client = client_for(partner_a_signatory)
    for _ in range(3):
        make_entry(partner_a, partner_a_contact, status=Status.SUBMITTED)
        make_entry(partner_a, partner_a_signatory, status=Status.SUBMITTED)
    few = count_queries(client, url("approvals", centre) + order)
    for _ in range(6):
        make_entry(partner_a, partner_a_contact, status=Status.SUBMITTED)
        make_entry(partner_a, partner_a_signatory, status=Status.SUBMITTED)
    assert count_queries(client, url("approvals", centre) + order) == few


def shown(response) -> list[str]:
    return [entry.description for entry in response.context["entries"]]


def test_the_approval_queue_sorts_by_value_and_keeps_its_order_after_a_bulk_action(
        centre, partner_a, partner_a_contact, partner_a_signatory):
    first = make_entry(partner_a, partner_a_contact, status=Status.SUBMITTED, description="Vroeg, veel",
                       date=datetime.date(2025, 3, 1), hours=Decimal("9"))
    make_entry(partner_a, partner_a_contact, status=Status.SUBMITTED, description="Laat, weinig",
               date=datetime.date(2025, 5, 1), hours=Decimal("1"))
    client = client_for(partner_a_signatory)
    default = client.get(url("approvals", centre))
    assert shown(default) == ["Vroeg, veel", "Laat, weinig"]  # oldest first, as before
    assert 'aria-sort="ascending"><a class="sort-link" href="?sort=-date">Date' in default.content.decode()
    by_value = client.get(url("approvals", centre), {"sort": "value"})
    assert shown(by_value) == ["Laat, weinig", "Vroeg, veel"]
    assert 'aria-sort="ascending"><a class="sort-link" href="?sort=-value">Value' in by_value.content.decode()
    assert shown(client.get(url("approvals", centre), {"sort": "-date"})) == ["Laat, weinig", "Vroeg, veel"]
    response = client.post(url("approvals", centre) + "?sort=value", {"entries": [first.pk], "action": "approve"})
    assert response["Location"] == url("approvals", centre) + "?sort=value"


@pytest.mark.parametrize("queue", ["approvals", "reviews"])
def test_the_queues_offer_select_all_only_to_scripts_and_a_live_count(centre, partner_a, partner_a_contact,
                                                                       partner_a_signatory, finance_controller,
                                                                       queue):
    status, viewer = {"approvals": (Status.SUBMITTED, partner_a_signatory),
                      "reviews": (Status.APPROVED, finance_controller)}[queue]
    make_entry(partner_a, partner_a_contact, status=status, signatory=partner_a_signatory)
    page = client_for(viewer, "nl").get(url(queue, centre)).content.decode()
    assert ('<input type="checkbox" class="select-all" data-select-all="entries" aria-label="Selecteer alle" hidden>'
            in page)  # shown by the script; without it each row's own checkbox works
    assert 'data-select-count="entries" aria-live="polite"' in page and 'data-many="{count} geselecteerd"' in page
    assert "/static/civhub/select-all.js" in page


# The finance controller's queue ---------------------------------------------------------------


def test_bulk_accept_of_approved_entries(centre, partner_a, partner_b, partner_a_contact, partner_b_contact,
                                         partner_a_signatory, finance_controller):
    entry_a = make_entry(partner_a, partner_a_contact, status=Status.APPROVED, signatory=partner_a_signatory)
    entry_b = make_entry(partner_b, partner_b_contact, status=Status.APPROVED)
    submitted = make_entry(partner_a, partner_a_contact, status=Status.SUBMITTED)
    client = client_for(finance_controller)
    page = client.get(url("reviews", centre)).content.decode()
    assert f'id="select-{entry_a.pk}"' in page and f'id="select-{submitted.pk}"' not in page
    response = client.post(url("reviews", centre),
                           {"entries": [entry_a.pk, entry_b.pk, submitted.pk], "action": "accept"})
    assert [status_of(e) for e in (entry_a, entry_b, submitted)] == [Status.ACCEPTED, Status.ACCEPTED,
                                                                      Status.SUBMITTED]
    assert messages_of(response)[0] == "2 entries accepted."
    assert "cannot become accepted" in messages_of(response)[1]


def test_bulk_reject_from_the_review_queue(centre, partner_a, partner_a_contact, partner_a_signatory,
                                          finance_controller):
    entry = make_entry(partner_a, partner_a_contact, status=Status.APPROVED, signatory=partner_a_signatory)
    client_for(finance_controller).post(url("reviews", centre),
                                        {"entries": [entry.pk], "action": "reject", "reason": "Geen urenstaat."})
    assert status_of(entry) == Status.REJECTED


def test_the_programme_manager_does_not_accept_in_bulk(centre, partner_a, partner_a_contact, partner_a_signatory,
                                                      programme_manager):
    entry = make_entry(partner_a, partner_a_contact, status=Status.APPROVED, signatory=partner_a_signatory)
    response = client_for(programme_manager).post(url("reviews", centre), {"entries": [entry.pk],
                                                                            "action": "accept"})
    assert response.status_code == 403 and status_of(entry) == Status.APPROVED


@pytest.mark.parametrize("order", ["", "?sort=-partner"])
def test_the_review_queue_takes_the_same_number_of_queries_for_n_and_3n(centre, partner_a, partner_b,
                                                                        partner_a_contact, partner_b_contact,
                                                                        partner_a_signatory, finance_controller,
                                                                        order):
    client = client_for(finance_controller)
    signatory_b = person(centre, Role.PARTNER_SIGNATORY, partnership=partner_b)

    def add(n):
        for _ in range(n):
            make_entry(partner_a, partner_a_contact, status=Status.APPROVED, signatory=partner_a_signatory)
            make_entry(partner_b, partner_b_contact, status=Status.APPROVED, signatory=signatory_b)

    add(3)
    few = count_queries(client, url("reviews", centre) + order)
    add(6)
    assert count_queries(client, url("reviews", centre) + order) == few


def test_the_review_queue_previews_pdf_and_image_evidence_and_says_when_there_is_none(
        settings, tmp_path, centre, partner_a, partner_a_contact, partner_a_signatory, finance_controller):
    settings.MEDIA_ROOT = tmp_path / "media"
    approved = {"status": Status.APPROVED, "signatory": partner_a_signatory}
    pdf = make_entry(partner_a, partner_a_contact, evidence=pdf_upload("urenstaat.pdf"), **approved)
    png = make_entry(partner_a, partner_a_contact, evidence=pdf_upload("foto.png", PNG), **approved)
    bare = make_entry(partner_a, partner_a_contact, **approved)
    response = client_for(finance_controller).get(url("reviews", centre))
    previews = {entry.pk: entry.evidence_preview for entry in response.context["entries"]}
    assert previews == {pdf.pk: "pdf", png.pk: "image", bare.pk: ""}
    page = response.content.decode()
    pdf_url, png_url = url("evidence", centre, pdf.pk), url("evidence", centre, png.pk)
    assert f'<iframe src="{pdf_url}?inline=1" loading="lazy" title="Evidence of the contribution of' in page
    assert f'<img src="{png_url}?inline=1" loading="lazy" alt="Evidence of the contribution of' in page
    assert page.count('<details class="evidence-preview">') == 2 and page.count("View evidence") == 2
    assert f'<a href="{pdf_url}">Download the evidence' in page
    assert url("evidence", centre, bare.pk) not in page and page.count("No evidence") == 1


def test_the_review_queue_sorts_by_partner_and_by_approver(centre, partner_a, partner_b, partner_a_contact,
                                                           partner_b_contact, partner_a_signatory,
                                                           finance_controller):
    signatory_b = person(centre, Role.PARTNER_SIGNATORY, partnership=partner_b, full_name="Aaltje Bakker")
    make_entry(partner_a, partner_a_contact, status=Status.APPROVED, signatory=partner_a_signatory,
               description="Van A", date=datetime.date(2025, 3, 1))
    make_entry(partner_b, partner_b_contact, status=Status.APPROVED, signatory=signatory_b,
               description="Van B", date=datetime.date(2025, 4, 1))
    client = client_for(finance_controller)
    assert shown(client.get(url("reviews", centre))) == ["Van A", "Van B"]  # oldest first, as before
    by_partner = client.get(url("reviews", centre), {"sort": "partner"})
    assert shown(by_partner) == ["Van B", "Van A"]  # Gemeente Partner B before Partner A BV
    assert 'aria-sort="ascending"><a class="sort-link" href="?sort=-partner">Partner' in (
        by_partner.content.decode())
    assert shown(client.get(url("reviews", centre), {"sort": "-partner"})) == ["Van A", "Van B"]
    assert shown(client.get(url("reviews", centre), {"sort": "approved_by"}))[0] == "Van B"
    assert shown(client.get(url("reviews", centre), {"sort": "hours"})) == ["Van A", "Van B"]  # not a column
