"""What the programme office changes about a partnership: the group its co-financing counts in."""

from django.db import transaction
from django.utils.translation import gettext as _

from civhub.core.audit import record_event
from civhub.partners.errors import PartnerError
from civhub.partners.models import CofinancingGroup, Partnership
from civhub.partners.permissions import may_change_cofinancing_group

# simple-history keeps at most this many characters of a reason; the audit event keeps all of it.
HISTORY_REASON_LENGTH = 100


def change_cofinancing_group(*, partnership: Partnership, actor, group: str, reason: str) -> Partnership:
    """Move a partner to another co-financing group; the office only, with a reason kept for the auditors."""
    reason = (reason or "").strip()
    if not reason:
        raise PartnerError(_("Give a reason: it is kept with the change for the auditors."))
    if group not in CofinancingGroup.values:
        raise PartnerError(_("Choose one of the co-financing groups."))
    with transaction.atomic():
        partnership = (
            Partnership.objects.select_for_update(of=("self",))
            .select_related("centre", "organisation")
            .get(pk=partnership.pk)
        )
        if not may_change_cofinancing_group(actor, partnership):
            raise PartnerError(_("Only the programme office can change a partner's co-financing group."))
        old = partnership.cofinancing_group
        if old == group:
            raise PartnerError(_("%(name)s is already in this co-financing group.")
                               % {"name": partnership.organisation.name})
        partnership.cofinancing_group = group
        partnership._history_user = actor
        partnership._change_reason = _short(reason)
        partnership.save(update_fields=["cofinancing_group"])
        record_event(partnership, actor=actor, action="cofinancing_group_changed", centre=partnership.centre,
                     summary=partnership.organisation.name,
                     changes={"cofinancing_group": [old, group], "reason": reason})
    return partnership


def _short(reason: str) -> str:
    if len(reason) <= HISTORY_REASON_LENGTH:
        return reason
    return reason[: HISTORY_REASON_LENGTH - 1] + "…"
