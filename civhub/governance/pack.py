"""The meeting pack: one PDF with what a steering-group member reads the night before the meeting.

The agenda, the documents' list, the open actions, the decisions taken at the previous meeting of the
same kind and since, the monitor's summary and the KPIs behind target, and the labour market (the Human
Capital Agenda's newest forecast, published cells only) — all as of the meeting's date.
Rendered in Dutch with the reports' print stylesheet (civhub/reports/pdf.py). A pack that lists more agenda items and
documents than `settings.MEETING_PACK_DIRECT_ROWS` is made by the worker (core/requested_files.py, `MEETING_PACK`).
"""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civhub.core.exports import Kind
from civhub.core.exports.pdf import format_value
from civhub.core.requested_files import FileKind
from civhub.governance.errors import GovernanceError
from civhub.governance.models import Action, Decision, Meeting, MeetingDocument
from civhub.governance.selectors.registers import meeting_page, previous_meeting
from civhub.grants.selectors.monitor import current_grant, monitor
from civhub.hca.selectors.forecast import MIN_PARTNERS
from civhub.hca.selectors.summary import headline
from civhub.programme.selectors.kpis import centre_progress
from civhub.reports.pdf import PDF_LANGUAGE, now, render_pdf


def pack_context(meeting: Meeting) -> dict:
    """Everything the pack shows, for the meeting's date."""
    as_of = timezone.localtime(meeting.starts_at).date()
    page = meeting_page(meeting)
    previous = previous_meeting(meeting)
    decisions = Decision.objects.filter(centre=meeting.centre, decided_on__lte=as_of).select_related("meeting")
    if previous is not None:
        # From the previous meeting on: what was decided last time is what members check before this one.
        decisions = decisions.filter(decided_on__gte=timezone.localtime(previous.starts_at).date())
    grant = current_grant(meeting.centre, today=as_of)
    figures = monitor(grant, as_of=as_of) if grant is not None else None
    return {
        "meeting": meeting, "centre": meeting.centre, "as_of": as_of, "items": page.items,
        "documents": [(item, document) for item in page.items for document in item.documents.all()],
        "open_actions": list(Action.objects.filter(centre=meeting.centre, status=Action.Status.OPEN,
                                                   created_at__date__lte=as_of)
                             .select_related("owner", "meeting").order_by("due_date", "pk")),
        "decisions": list(decisions.order_by("decided_on", "sequence")), "previous": previous,
        "figures": figures,
        "ratio": format_value(figures.ratio, Kind.RATIO) if figures else None,
        "forecast_ratio": format_value(figures.forecast_ratio, Kind.RATIO) if figures else None,
        "required_ratio": format_value(figures.required_ratio, Kind.RATIO) if figures else None,
        "kpis_behind": [kpi for kpi in centre_progress(meeting.centre, as_of=as_of) if kpi.behind],
        "labour_market": headline(meeting.centre, as_of=as_of), "min_partners": MIN_PARTNERS,
        "generated_at": now(),
    }


def render_meeting_pack(meeting: Meeting, *, language: str = PDF_LANGUAGE) -> bytes:
    """The meeting pack as PDF bytes."""
    with translation.override(language):
        return render_pdf("governance/pack.html", pack_context(meeting))


def pack_is_large(meeting: Meeting) -> bool:
    """Whether the pack lists more agenda items and documents than a page should wait for."""
    rows = meeting.items.count() + MeetingDocument.objects.filter(item__meeting=meeting).count()
    return rows > settings.MEETING_PACK_DIRECT_ROWS


def make_meeting_pack(requested, out, progress) -> None:
    """The worker's pack of the meeting it was asked for (registered in governance/apps.py)."""
    meeting = Meeting.objects.select_related("centre", "programme_line").filter(
        centre=requested.centre, pk=requested.parameters["meeting"]).first()
    if meeting is None:
        raise GovernanceError(_("This meeting no longer exists."))
    out.write(render_meeting_pack(meeting))


MEETING_PACK = FileKind("meeting_pack", gettext_lazy("Meeting pack"), make_meeting_pack)
