"""A partner answers for its own pledge table: its signatory confirms it, or asks the office for a change.

The table answered is the one the signatory read: the page sends the hash it showed, and the
service refuses when the table changed in between (the signatory reads it again). Only the
partner's signatory answers, never a contact and never the office on the partner's behalf; only
while the application is a draft. An answer is a new `Commitment` row, audited with the acting user.

After the award the office opens the round "commitments after the subsidy" (`open_continuation_round`),
and each partner's signatory answers the same way for its continuation lines
(`confirm_continuation`, `ask_continuation_change`: stage "continuation").
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.applications.errors import ApplicationError
from civhub.applications.models import Application, Commitment
from civhub.applications.permissions import signs_for
from civhub.applications.selectors.commitments import (
    canonical_continuation,
    canonical_table,
    continuation_hash,
    continuation_lines_of,
    pledge_lines_of,
    table_hash,
)
from civhub.applications.services.applications import ensure_editor
from civhub.core.audit import record_event

APPLICATION, CONTINUATION = Commitment.Stage.APPLICATION, Commitment.Stage.CONTINUATION
# Per stage: the partner's lines, the canonical text and its hash.
TABLES = {APPLICATION: (pledge_lines_of, canonical_table, table_hash),
          CONTINUATION: (continuation_lines_of, canonical_continuation, continuation_hash)}


@dataclass
class Signer:
    """Who confirms, as they sign: their name, their role in the organisation and its postal address."""

    name: str
    role: str = ""
    address: str = ""


def _ensure_open(application: Application, stage) -> None:
    if stage == APPLICATION and not application.is_draft:
        raise ApplicationError(_("This application is %(status)s: its pledges are no longer confirmed.")
                               % {"status": application.get_status_display()})
    if stage == CONTINUATION and not application.continuation_round_open:
        raise ApplicationError(_("The programme office has not asked for the commitments after the subsidy: there "
                                 "is nothing to answer yet."))


def _locked(application: Application, partnership, actor, shown_hash: str, stage):
    """The application locked, the answer allowed, and the partner's lines exactly as shown; else refused."""
    if not signs_for(actor, partnership):
        raise ApplicationError(_("Only the partner's own signatory answers for its pledges."))
    application = Application.objects.select_for_update().get(pk=application.pk)
    _ensure_open(application, stage)
    lines_of, _text, hash_of = TABLES[stage]
    lines = lines_of(application, partnership)
    if not lines:
        raise ApplicationError(_("Your organisation pledges nothing in this application: there is nothing to answer."))
    if hash_of(lines) != shown_hash:
        raise ApplicationError(_("The pledge table changed while you were reading it. Read it again, then answer."))
    return application, lines


def _answer(*, application, partnership, actor, answer, lines, stage, **fields) -> Commitment:
    _lines_of, text_of, hash_of = TABLES[stage]
    made = Commitment.objects.create(application=application, partnership=partnership, answer=answer, stage=stage,
                                     table_hash=hash_of(lines), table_text=text_of(lines), signer=actor, **fields)
    prefix = "commitment" if stage == APPLICATION else "continuation_commitment"
    record_event(made, actor=actor, action=f"{prefix}_{answer}", centre=application.centre,
                 summary=f"{partnership.organisation.name}: {application.title}",
                 changes={"application": application.pk, "partnership": partnership.pk, "sha256": made.table_hash})
    return made


def confirm_pledges(*, application: Application, partnership, actor, shown_hash: str, signer: Signer,
                    stage=APPLICATION) -> Commitment:
    """The partner's signatory confirms its table as shown (name, role, address, the table's SHA-256)."""
    if not signer.name.strip():
        raise ApplicationError(_("Give the name you sign with."), field="name")
    if not signer.address.strip():
        raise ApplicationError(_("Give your organisation's postal address."), field="address")
    with transaction.atomic():
        application, lines = _locked(application, partnership, actor, shown_hash, stage)
        return _answer(application=application, partnership=partnership, actor=actor, stage=stage,
                       answer=Commitment.Answer.CONFIRMED, lines=lines, signer_name=signer.name.strip(),
                       signer_role=signer.role.strip(), signer_address=signer.address.strip())


def ask_change(*, application: Application, partnership, actor, shown_hash: str, comment: str,
               stage=APPLICATION) -> Commitment:
    """The partner's signatory asks the office to change its table, saying what and why."""
    if not comment.strip():
        raise ApplicationError(_("Say what should change, so the programme office can adjust the budget."),
                               field="comment")
    with transaction.atomic():
        application, lines = _locked(application, partnership, actor, shown_hash, stage)
        return _answer(application=application, partnership=partnership, actor=actor, stage=stage,
                       answer=Commitment.Answer.CHANGE_ASKED, lines=lines,
                       signer_name=actor.full_name or actor.email, comment=comment.strip())


def confirm_continuation(**kwargs) -> Commitment:
    """The partner's signatory confirms its commitments after the subsidy (its continuation lines) as shown."""
    return confirm_pledges(stage=CONTINUATION, **kwargs)


def ask_continuation_change(**kwargs) -> Commitment:
    return ask_change(stage=CONTINUATION, **kwargs)


def open_continuation_round(*, application: Application, actor) -> Application:
    """The office asks the partners for their commitments after the subsidy (the grant's final year): only on an
    awarded application, once; from then on the office may add each partner's continuation lines."""
    ensure_editor(actor, application.centre)
    with transaction.atomic():
        application = Application.objects.select_for_update(of=("self",)).select_related("centre").get(
            pk=application.pk)
        if application.status != Application.Status.AWARDED:
            raise ApplicationError(_("Only an awarded application asks the partners for their commitments after "
                                     "the subsidy."))
        if application.continuation_asked_on is not None:
            raise ApplicationError(_("The partners were already asked for their commitments after the subsidy."))
        application.continuation_asked_on = timezone.localdate()
        application.save(update_fields=["continuation_asked_on", "updated_at"])
        record_event(application, actor=actor, action="continuation_round_opened", centre=application.centre,
                     summary=application.title, changes={"asked_on": application.continuation_asked_on.isoformat()})
    return application
