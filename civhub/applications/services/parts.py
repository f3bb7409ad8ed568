"""Writing a part of an application: its draft text, owner and status; and comments on it.

Every saved draft is kept in the part's history (django-simple-history); the audit row names what
changed without copying the text.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from civhub.applications.errors import ApplicationError
from civhub.applications.models import ApplicationPart, PartComment
from civhub.applications.permissions import writers
from civhub.applications.services.applications import ensure_editor, locked_draft
from civhub.core.audit import record_event

MAX_COMMENT = 5000


def update_part(*, part: ApplicationPart, actor, draft: str, status: str, owner=None) -> ApplicationPart:
    """Save the part's draft, its owner (one of the programme office, or nobody) and its status."""
    centre = part.application.centre
    ensure_editor(actor, centre)
    if status not in ApplicationPart.Status.values:
        raise ApplicationError(_("Choose a status."), field="status")
    if owner is not None and not writers(centre).filter(pk=owner.pk).exists():
        raise ApplicationError(_("Choose someone of the programme office as the owner."), field="owner")
    with transaction.atomic():
        locked_draft(part.application)
        part = ApplicationPart.objects.select_for_update(of=("self",)).select_related("application__centre").get(
            pk=part.pk)
        changes = {}
        if part.draft != draft:  # the text itself is in the part's history; the audit row says how long it got
            changes["draft_characters"] = [len(part.draft), len(draft)]
        if part.status != status:
            changes["status"] = [part.status, status]
        if part.owner_id != (owner.pk if owner else None):
            changes["owner"] = [str(part.owner or ""), str(owner or "")]
        part.draft, part.status, part.owner, part.updated_by = draft, status, owner, actor
        part.save()
        record_event(part, actor=actor, action="application_part_changed", centre=centre,
                     summary=str(part), changes=changes)
    return part


def add_comment(*, part: ApplicationPart, actor, text: str) -> PartComment:
    """A remark on the part, in the author's name; comments are never changed."""
    centre = part.application.centre
    ensure_editor(actor, centre)
    text = text.strip()
    if not text:
        raise ApplicationError(_("Write a comment."), field="text")
    if len(text) > MAX_COMMENT:
        raise ApplicationError(_("A comment has at most %(count)s characters.") % {"count": MAX_COMMENT},
                               field="text")
    with transaction.atomic():
        locked_draft(part.application)
        comment = PartComment.objects.create(part=part, author=actor, text=text)
        record_event(comment, actor=actor, action="application_part_commented", centre=centre, summary=str(part))
    return comment
