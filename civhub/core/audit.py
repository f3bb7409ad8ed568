"""Writing audit events: called by services inside their transaction."""

from django.db import models

from civhub.core import revisions
from civhub.core.models import AuditEvent, Centre


def record_event(
    target: models.Model, *, actor, action: str, centre: Centre | None = None, summary: str = "", changes=None
) -> AuditEvent:
    """Record that `actor` did `action` to `target` (in the caller's transaction); the centre's cached figures
    expire with it (core/revisions.py)."""
    if centre is not None:
        revisions.touch(centre.pk)
    return AuditEvent.objects.create(
        centre=centre,
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        summary=summary[:300],
        changes=changes or {},
    )


def field_changes(instance: models.Model, data: dict) -> dict:
    """The {field: [old, new]} pairs that applying `data` to `instance` would change."""
    return {
        name: [str(getattr(instance, name)), str(value)]
        for name, value in data.items()
        if getattr(instance, name) != value
    }
