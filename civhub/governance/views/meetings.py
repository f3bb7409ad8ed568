"""Meetings: the list, a meeting's page, the office's pages to prepare the agenda and publish it, and the pack.

Steering-group meetings are read by the members, the office and the partners' signatories;
a working group's by the office and its participants. Only the office changes anything
(403 for the others); another centre's meeting is a 404.
"""

import io
from functools import partial
from pathlib import Path

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civhub.core.sorting import sort_by
from civhub.core.views import act, attempt, confirm_then_act, form_page, made_in_background, posted, posted_files
from civhub.governance.forms import DocumentForm, ItemForm, MeetingForm, meeting_initial
from civhub.governance.models import AgendaItem, Meeting, MeetingDocument
from civhub.governance.pack import MEETING_PACK, pack_is_large, render_meeting_pack
from civhub.governance.permissions import ensure_may_see, may_edit, member_required, office_required, reader_required
from civhub.governance.selectors.registers import meeting_page, meetings_split
from civhub.governance.services import meetings as services

PAST_PAGE_SIZE = 50
PAST_COLUMNS = {"meeting": ("title", "starts_at", "pk"), "when": ("starts_at", "pk")}  # the past meetings' table


def meeting_for(request, centre, pk) -> Meeting:
    """The centre's meeting (404 for another centre's, and a draft for anyone but the office), 403 without access."""
    meeting = get_object_or_404(Meeting.objects.select_related("centre", "programme_line"), centre=centre, pk=pk)
    if meeting.status == Meeting.Status.DRAFT and not may_edit(request.user, centre):
        raise Http404
    ensure_may_see(request.user, meeting)
    return meeting


def meeting_url(meeting, anchor: str = "") -> str:
    return reverse("governance:meeting", args=[meeting.centre.slug, meeting.pk]) + anchor


@reader_required
def meetings(request, centre):
    sorting = sort_by(request, PAST_COLUMNS, "-when")
    upcoming, past = meetings_split(request.user, centre, now=timezone.now(), past_ordering=sorting.ordering)
    return render(request, "governance/meetings.html", {
        "centre": centre, "upcoming": upcoming, "may_edit": may_edit(request.user, centre), "tab": "meetings",
        "page_obj": Paginator(past, PAST_PAGE_SIZE).get_page(request.GET.get("page")), "sorting": sorting})


@member_required
def meeting(request, centre, pk):
    meeting = meeting_for(request, centre, pk)
    page = meeting_page(meeting)
    current = page.current_minutes
    return render(request, "governance/meeting.html", {
        "centre": centre, "meeting": meeting, "page": page, "may_edit": may_edit(request.user, centre),
        "minutes": current, "minutes_by_item": page.minutes_by_item(current), "today": timezone.localdate(),
        "tab": "meetings"})


def _meeting_form_page(request, centre, meeting=None):
    form = MeetingForm(posted(request), centre=centre, initial=meeting_initial(meeting) if meeting else None)
    if form.is_bound and form.is_valid():
        save = (partial(services.create_meeting, centre=centre) if meeting is None
                else partial(services.update_meeting, meeting=meeting))
        done = attempt(request, form, lambda: save(actor=request.user, data=form.data_object()),
                       _("The meeting has been saved."), meeting_url)
        if done:
            return done
    return form_page(request, "governance/meeting_form.html", {"centre": centre, "meeting": meeting, "form": form})


@office_required
def meeting_new(request, centre):
    return _meeting_form_page(request, centre)


@office_required
def meeting_edit(request, centre, pk):
    return _meeting_form_page(request, centre, meeting_for(request, centre, pk))


def _item_page(request, centre, meeting, item=None):
    initial = ({"title": item.title, "purpose": item.purpose, "presenter": item.presenter,
                "duration_minutes": item.duration_minutes, "proposal": item.proposal} if item else None)
    form = ItemForm(posted(request), initial=initial)
    if form.is_bound and form.is_valid():
        def save():
            if item is None:
                services.add_item(meeting=meeting, actor=request.user, data=form.data_object())
            else:
                services.update_item(item=item, actor=request.user, data=form.data_object())

        done = attempt(request, form, save, _("The agenda item has been saved."), meeting_url(meeting, "#agenda"))
        if done:
            return done
    return form_page(request, "governance/item_form.html",
                     {"centre": centre, "meeting": meeting, "item": item, "form": form})


@office_required
def item_new(request, centre, pk):
    return _item_page(request, centre, meeting_for(request, centre, pk))


def _item_of(request, centre, item_pk) -> AgendaItem:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__centre"), meeting__centre=centre,
                             pk=item_pk)
    meeting_for(request, centre, item.meeting_id)
    return item


@office_required
def item_edit(request, centre, item_pk):
    item = _item_of(request, centre, item_pk)
    return _item_page(request, centre, item.meeting, item)


@office_required
@require_POST
def item_move(request, centre, item_pk, direction):
    """Move an item up or down the agenda (buttons on the meeting page: a POST each)."""
    item = _item_of(request, centre, item_pk)
    return act(request, lambda: services.move_item(item=item, actor=request.user, up=direction == "op"), None,
               meeting_url(item.meeting, f"#item-{item.pk}"))


@office_required
def document_new(request, centre, item_pk):
    item = _item_of(request, centre, item_pk)
    form = DocumentForm(posted(request), posted_files(request))
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        done = attempt(request, form, lambda: services.add_document(
            item=item, actor=request.user, title=data["title"], file=data["file"], link=data["link"]),
            _("The document has been added."), meeting_url(item.meeting, f"#item-{item.pk}"))
        if done:
            return done
    return form_page(request, "governance/document_form.html",
                     {"centre": centre, "meeting": item.meeting, "item": item, "form": form})


@office_required
def document_delete(request, centre, document_pk):
    document = get_object_or_404(MeetingDocument.objects.select_related("item__meeting__centre"),
                                 item__meeting__centre=centre, pk=document_pk)
    meeting = meeting_for(request, centre, document.item.meeting_id)
    return confirm_then_act(request, "governance/document_delete.html",
                          {"centre": centre, "meeting": meeting, "document": document},
                          lambda: services.delete_document(document=document, actor=request.user),
                          _("The document has been removed."), meeting_url(meeting, "#agenda"))


@member_required
def document_file(request, centre, document_pk):
    """A document's file, as a download, for those who may read the meeting."""
    document = get_object_or_404(MeetingDocument.objects.exclude(file="").select_related("item"),
                                 item__meeting__centre=centre, pk=document_pk)
    meeting_for(request, centre, document.item.meeting_id)
    try:
        with document.file.open("rb") as handle:
            # At most 20 MB: read it and close the file now, rather than leave it open until a client reads it.
            content = io.BytesIO(handle.read())
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(content, as_attachment=True, filename=Path(document.file.name).name)


@office_required
def publish_agenda(request, centre, pk):
    meeting = meeting_for(request, centre, pk)
    return confirm_then_act(request, "governance/publish_agenda.html",
                          {"centre": centre, "meeting": meeting,
                           "recipients": services.agenda_recipients(meeting)},
                          lambda: services.publish_agenda(meeting=meeting, actor=request.user),
                          _("The agenda has been published; the members receive an e-mail."), meeting_url(meeting))


@member_required
def meeting_pack(request, centre, pk):
    """The meeting pack: one PDF for those who may read the meeting (not for drafts); the worker makes a large one."""
    meeting = meeting_for(request, centre, pk)
    name = f"vergaderstukken-{meeting.starts_at.date().isoformat()}.pdf"
    if pack_is_large(meeting):
        return made_in_background(request, centre, kind=MEETING_PACK.name, parameters={"meeting": meeting.pk},
                                  name=name)
    response = HttpResponse(render_meeting_pack(meeting), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
