"""A steering-group meeting in Chromium: the programme manager builds the agenda with a proposed decision,
publishes it, and (no decision can be recorded before the meeting) records the proposed decision and an action
once the meeting has started and publishes the minutes; a steering-group member then reads the
meeting and downloads the meeting pack. The meeting pages pass axe-core and reflow at 320 px; the meeting page
is screenshotted."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from civhub.governance.models import Action, Decision, Meeting
from tests.browser.support import assert_accessible, assert_reflows, screenshot, sign_in, submit
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def open_form(page, name: str, *args) -> None:
    """Follow the meeting page's link to a form (found by its address, not its Dutch words) and check the form."""
    page.locator(f"main a[href='{reverse(f'governance:{name}', args=args)}']").first.click()
    page.wait_for_load_state()
    assert_accessible(page)


def build_and_hold_the_meeting(page, centre, steering_member) -> Meeting:
    page.goto(reverse("governance:meeting_new", args=[centre.slug]))
    assert_accessible(page)
    page.fill("input[name=title]", "Stuurgroep voorjaar 2027")
    day = (timezone.localdate() + timedelta(days=60)).isoformat()  # a meeting still to come
    page.fill("input[name=starts_at]", f"{day}T14:00")
    page.fill("input[name=ends_at]", f"{day}T16:00")
    page.fill("input[name=place]", "Leiden, Bio Science Park")
    page.check(f"input[name=participants][value='{steering_member.pk}']")
    submit(page)
    page.wait_for_load_state()
    meeting = Meeting.objects.get(title="Stuurgroep voorjaar 2027")

    open_form(page, "item_new", centre.slug, meeting.pk)
    page.fill("input[name=title]", "Begroting 2027")
    page.select_option("select[name=purpose]", "decision")
    page.fill("input[name=presenter]", "Programmamanager")
    page.fill("textarea[name=proposal]", "De stuurgroep stelt de begroting 2027 vast.")
    submit(page)
    page.wait_for_load_state()
    open_form(page, "publish_agenda", centre.slug, meeting.pk)
    submit(page)
    page.wait_for_load_state()
    decide = reverse("governance:decision_new", args=[centre.slug, meeting.pk])
    assert "De stuurgroep stelt de begroting 2027 vast." in page.locator("main").inner_text()
    assert page.locator(f"main a[href^='{decide}']").count() == 0  # no decision before the meeting

    now = timezone.now()  # the meeting starts
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=1))
    page.reload()
    item = meeting.items.get()
    page.locator(f"main a[href='{decide}?item={item.pk}']").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert page.input_value("textarea[name=text]") == "De stuurgroep stelt de begroting 2027 vast."
    submit(page)
    page.wait_for_load_state()
    open_form(page, "action_new", centre.slug, meeting.pk)
    page.fill("textarea[name=what]", "Offerte voor het gedeelde laboratorium opvragen")
    page.select_option("select[name=owner]", str(steering_member.pk))
    page.fill("input[name=due_date]", (timezone.localdate() + timedelta(days=30)).isoformat())
    submit(page)
    page.wait_for_load_state()
    open_form(page, "minutes", centre.slug, meeting.pk)
    page.locator("main textarea").first.fill("De begroting is besproken en vastgesteld.")
    submit(page)
    page.wait_for_load_state()
    open_form(page, "minutes_publish", centre.slug, meeting.pk)
    submit(page)
    page.wait_for_load_state()
    return meeting


def test_the_programme_manager_runs_a_meeting_and_a_member_downloads_the_pack(transactional_db, new_page, centre,
                                                                              programme_manager, steering_member):
    manager = new_page()
    sign_in(manager, programme_manager.email, PASSWORD)
    meeting = build_and_hold_the_meeting(manager, centre, steering_member)

    meeting.refresh_from_db()
    assert meeting.minutes_are_published
    decision = Decision.objects.get(meeting=meeting)
    number = f"SG-{timezone.localdate().year}-01"
    assert decision.number == number and decision.item.title == "Begroting 2027"
    assert Action.objects.get(meeting=meeting).owner == steering_member

    member = new_page()
    sign_in(member, steering_member.email, PASSWORD)
    member.goto(reverse("governance:meeting", args=[centre.slug, meeting.pk]))
    text = member.locator("main").inner_text()
    assert number in text and "De begroting is besproken en vastgesteld." in text
    decide = reverse("governance:decision_new", args=[centre.slug, meeting.pk])
    assert member.locator(f"a[href='{decide}']").count() == 0  # members read, the office writes
    assert_accessible(member)
    assert_reflows(member)
    screenshot(member, "governance-meeting-1280")

    with member.expect_download(timeout=60_000) as download:  # a PDF made on the spot
        member.locator(f"a[href='{reverse('governance:meeting_pack', args=[centre.slug, meeting.pk])}']").click()
    pdf = PdfReader(io.BytesIO(download.value.path().read_bytes()))
    pack = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Begroting 2027" in pack and "Offerte voor het gedeelde laboratorium opvragen" in pack

    for name in ("governance:decisions", "governance:actions"):
        member.goto(reverse(name, args=[centre.slug]))
        assert {"governance:decisions": number, "governance:actions": "Offerte"}[name] in (
            member.locator("main").inner_text())
        assert_accessible(member)
        assert_reflows(member)
