"""The meeting pack download: one PDF for those who may read the meeting (not for drafts)."""

from django.http import HttpResponse

from civhub.governance.pack import render_meeting_pack
from civhub.governance.permissions import member_required
from civhub.governance.views._common import meeting_for


@member_required
def meeting_pack(request, centre, pk):
    meeting = meeting_for(request, centre, pk)
    response = HttpResponse(render_meeting_pack(meeting), content_type="application/pdf")
    day = meeting.starts_at.date().isoformat()
    response["Content-Disposition"] = f'attachment; filename="vergaderstukken-{day}.pdf"'
    return response
