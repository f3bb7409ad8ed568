"""Changes to an organisation's shared details: its name, city, website and KvK number.

An Organisation is global; each centre has its own Partnership with it. A partner of one
centre must not change what another centre shows. So when the organisation is also a
partner of other centres, a partner's edit becomes an OrganisationChange: it is applied,
in one transaction with the organisation row locked, once the programme office of every
other centre that shares the organisation has approved, and a decline by any of them
closes it. An organisation that only this centre has is changed at once, as before.

Every path locks the organisation row first, then the request, then a decision, so two
people editing or deciding at the same time wait for each other instead of both winning.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.core import revisions
from civhub.core.audit import field_changes, record_event
from civhub.core.models import Centre
from civhub.partners.errors import PartnerError
from civhub.partners.models import (
    SHARED_DETAIL_FIELDS,
    Organisation,
    OrganisationChange,
    OrganisationChangeDecision,
    Partnership,
)
from civhub.partners.permissions import may_decide_organisation_change
from civhub.partners.selectors.organisation_changes import other_centres_sharing

Status = OrganisationChange.Status
Decision = OrganisationChangeDecision.Decision


def change_details(*, partnership: Partnership, actor, data: dict) -> OrganisationChange | None:
    """A partner's edit of its organisation's details: applied at once, or asked of the other centres.

    Returns the request still waiting after the edit, if any. Sending the same wish again keeps
    the request (and the approvals it has); a different wish replaces it; going back to the
    organisation's current details withdraws it.
    """
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=partnership.organisation_id)
        wanted = {name: data[name] for name in SHARED_DETAIL_FIELDS if name in data}
        changed = {name: wanted[name] for name in field_changes(organisation, wanted)}
        own = OrganisationChange.objects.filter(partnership=partnership, status=Status.PENDING).first()
        if own is not None and own.wanted == changed:
            return own
        if own is not None:
            _close(own, Status.WITHDRAWN)
            record_event(own, actor=actor, action="change_withdrawn", centre=partnership.centre,
                         summary=organisation.name)
        if not changed:
            return None
        if "kvk_number" in changed:
            ensure_kvk_free(changed["kvk_number"], organisation)
        centres = list(other_centres_sharing(organisation, partnership.centre))
        if not centres:
            apply_details(organisation, changed, actor=actor, centre=partnership.centre)
            return None
        return _request(organisation, partnership, actor, changed, centres)


def ensure_kvk_free(kvk_number: str, organisation: Organisation) -> None:
    if kvk_number and Organisation.objects.filter(kvk_number=kvk_number).exclude(pk=organisation.pk).exists():
        raise PartnerError(_("Another organisation is already registered with this KvK number. "
                             "Ask the programme office if this is your organisation."))


def apply_details(organisation: Organisation, wanted: dict, *, actor, centre: Centre) -> dict:
    """Write the changed fields to the locked organisation, with its history and an audit event; the changes."""
    changes = field_changes(organisation, wanted)
    if not changes:
        return changes
    for name in changes:
        setattr(organisation, name, wanted[name])
    organisation._history_user = actor
    organisation.save(update_fields=list(changes))
    record_event(organisation, actor=actor, action="details_updated", centre=centre,
                 summary=organisation.name, changes=changes)
    # Every centre shows the organisation's name in what it keeps under its revision token (the monitor, the
    # contributions table): each gets a new token, not only the one whose audit records the change.
    for centre_id in set(organisation.partnerships.exclude(centre=centre).values_list("centre_id", flat=True)):
        revisions.touch(centre_id)
    return changes


def _request(organisation, partnership, actor, changed: dict, centres: list[Centre]) -> OrganisationChange:
    """Store the wish and ask each other centre's office; the organisation itself is not touched."""
    if OrganisationChange.objects.filter(organisation=organisation, status=Status.PENDING).exists():
        raise PartnerError(_("Another centre has asked to change the details of this organisation, and the other "
                             "centres have not decided on that yet. You can change the name, city, website or "
                             "KvK number again once they have."))
    change = OrganisationChange.objects.create(
        organisation=organisation, partnership=partnership, requested_by=actor if getattr(actor, "pk", None) else None,
        wanted=changed, previous={name: getattr(organisation, name) for name in changed},
    )
    OrganisationChangeDecision.objects.bulk_create(
        [OrganisationChangeDecision(change=change, centre=centre) for centre in centres]
    )
    record_event(change, actor=actor, action="change_requested", centre=partnership.centre,
                 summary=organisation.name, changes=field_changes(organisation, changed))
    return change


def approve_organisation_change(*, change: OrganisationChange, centre: Centre, actor,
                                note: str = "") -> OrganisationChange:
    """The office of `centre` approves; when it was the last centre to do so the change is applied."""
    note = (note or "").strip()
    with transaction.atomic():
        change, decision = _lock_for_decision(change, centre, actor)
        _decide(change, decision, actor, Decision.APPROVED, note)
        record_event(change, actor=actor, action="change_approved", centre=centre,
                     summary=change.organisation.name, changes={"note": note} if note else None)
        _ask_centres_that_joined_since(change)
        if not change.decisions.exclude(decision=Decision.APPROVED).exists():
            _apply(change, actor)
    return change


def decline_organisation_change(*, change: OrganisationChange, centre: Centre, actor,
                                reason: str) -> OrganisationChange:
    """The office of `centre` declines, which closes the request; the organisation keeps its details."""
    reason = (reason or "").strip()
    if not reason:
        raise PartnerError(_("Give a reason: the partner who asked for the change sees it."))
    with transaction.atomic():
        change, decision = _lock_for_decision(change, centre, actor)
        _decide(change, decision, actor, Decision.DECLINED, reason)
        _close(change, Status.DECLINED)
        record_event(change, actor=actor, action="change_declined", centre=centre,
                     summary=change.organisation.name, changes={"reason": reason})
    return change


def _lock_for_decision(change, centre, actor) -> tuple[OrganisationChange, OrganisationChangeDecision]:
    """The request and this centre's decision under row locks; both must still be open."""
    if not may_decide_organisation_change(actor, centre):
        raise PartnerError(_("Only the programme office of a centre that shares this organisation can decide "
                             "on this change."))
    organisation = Organisation.objects.select_for_update().get(pk=change.organisation_id)
    change = (
        OrganisationChange.objects.select_for_update(of=("self",))
        .select_related("partnership__centre")
        .get(pk=change.pk)
    )
    change.organisation = organisation
    if change.status != Status.PENDING:
        raise PartnerError(_("This change has already been closed (%(status)s).")
                           % {"status": change.get_status_display()})
    decision = change.decisions.select_for_update().filter(centre=centre).first()
    if decision is None:
        raise PartnerError(_("This centre is not asked to decide on this change."))
    if decision.decision != Decision.PENDING:
        raise PartnerError(_("Your centre has already decided on this change."))
    return change, decision


def _decide(change: OrganisationChange, decision: OrganisationChangeDecision, actor, value: str, reason: str) -> None:
    decision.decision = value
    decision.decided_by = actor
    decision.decided_at = timezone.now()
    decision.reason = reason
    decision.save(update_fields=["decision", "decided_by", "decided_at", "reason"])
    # The asking partner's portal lists every centre's decision and is kept under its centre's token; the audit
    # event is the deciding centre's.
    revisions.touch(change.partnership.centre_id)


def _close(change: OrganisationChange, status: str) -> None:
    change.status = status
    change.closed_at = timezone.now()
    change.save(update_fields=["status", "closed_at"])


def _ask_centres_that_joined_since(change: OrganisationChange) -> None:
    """A centre that took the organisation on as a partner after the request was made must approve too."""
    asked = change.decisions.values("centre")
    joined = other_centres_sharing(change.organisation, change.partnership.centre).exclude(pk__in=asked)
    OrganisationChangeDecision.objects.bulk_create(
        [OrganisationChangeDecision(change=change, centre=centre) for centre in joined]
    )


def _apply(change: OrganisationChange, actor) -> None:
    """Every other centre approved: write the wanted details to the (locked) organisation and close the request."""
    organisation = change.organisation
    kvk_number = change.wanted.get("kvk_number")
    if kvk_number and Organisation.objects.filter(kvk_number=kvk_number).exclude(pk=organisation.pk).exists():
        raise PartnerError(_("Another organisation now has the KvK number %(kvk)s, so this change cannot be "
                             "applied. Decline it and give this as the reason.") % {"kvk": kvk_number})
    changes = apply_details(organisation, change.wanted, actor=actor, centre=change.partnership.centre)
    _close(change, Status.APPROVED)
    record_event(change, actor=actor, action="change_applied", centre=change.partnership.centre,
                 summary=organisation.name, changes=changes)
