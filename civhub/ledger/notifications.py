"""Who hears of each step of the two keys (accounts/notifications.py decides how: at once, digest, or not).

Submitted → the partner's signatories; approved → the centre's finance controllers; rejected → the person who
entered it. Never the person who took the step themselves.
"""

from civhub.accounts.models import Membership, Role
from civhub.accounts.notifications import notify
from civhub.ledger.models import Contribution


def _holders(entry: Contribution, role: str, *, partner: bool, actor) -> list:
    memberships = Membership.objects.filter(centre_id=entry.centre_id, role=role).select_related("user")
    if partner:
        memberships = memberships.filter(partnership_id=entry.partnership_id)
    return [membership.user for membership in memberships if membership.user_id != actor.pk]


def submitted(entry: Contribution, *, actor) -> None:
    notify(_holders(entry, Role.PARTNER_SIGNATORY, partner=True, actor=actor),
           template="ledger/email/contribution_submitted", context={"entry": entry})


def approved(entry: Contribution, *, actor) -> None:
    notify(_holders(entry, Role.FINANCE_CONTROLLER, partner=False, actor=actor),
           template="ledger/email/contribution_approved", context={"entry": entry})


def rejected(entry: Contribution, *, actor) -> None:
    if entry.entered_by_id != actor.pk:
        notify([entry.entered_by], template="ledger/email/contribution_rejected",
               context={"entry": entry, "actor": actor})
