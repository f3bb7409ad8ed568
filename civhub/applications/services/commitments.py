"""A partner answers for its own pledge table: its signatory confirms it, or asks the office for a change.

The table answered is the one the signatory read: the page sends the hash it showed, and the
service refuses when the table changed in between (the signatory reads it again). Only the
partner's signatory answers, never a contact and never the office on the partner's behalf; only
while the application is a draft. An answer is a new `Commitment` row, audited with the acting user.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from civhub.applications.errors import ApplicationError
from civhub.applications.models import Application, Commitment
from civhub.applications.permissions import signs_for
from civhub.applications.selectors.commitments import canonical_table, pledge_lines_of, table_hash
from civhub.core.audit import record_event


@dataclass
class Signer:
    """Who confirms, as they sign: their name, their role in the organisation and its postal address."""

    name: str
    role: str = ""
    address: str = ""


def _locked(application: Application, partnership, actor, shown_hash: str):
    """The application locked, the answer allowed, and the partner's lines exactly as shown; else refused."""
    if not signs_for(actor, partnership):
        raise ApplicationError(_("Only the partner's own signatory answers for its pledges."))
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not application.is_draft:
        raise ApplicationError(_("This application is %(status)s: its pledges are no longer confirmed.")
                               % {"status": application.get_status_display()})
    lines = pledge_lines_of(application, partnership)
    if not lines:
        raise ApplicationError(_("Your organisation pledges nothing in this application: there is nothing to answer."))
    if table_hash(lines) != shown_hash:
        raise ApplicationError(_("The pledge table changed while you were reading it. Read it again, then answer."))
    return application, lines


def _answer(*, application, partnership, actor, answer, lines, **fields) -> Commitment:
    made = Commitment.objects.create(application=application, partnership=partnership, answer=answer,
                                     table_hash=table_hash(lines), table_text=canonical_table(lines), signer=actor,
                                     **fields)
    record_event(made, actor=actor, action=f"commitment_{answer}", centre=application.centre,
                 summary=f"{partnership.organisation.name}: {application.title}",
                 changes={"application": application.pk, "partnership": partnership.pk, "sha256": made.table_hash})
    return made


def confirm_pledges(*, application: Application, partnership, actor, shown_hash: str, signer: Signer) -> Commitment:
    """The partner's signatory confirms its pledge table as shown (name, role, address, the table's SHA-256)."""
    if not signer.name.strip():
        raise ApplicationError(_("Give the name you sign with."), field="name")
    if not signer.address.strip():
        raise ApplicationError(_("Give your organisation's postal address."), field="address")
    with transaction.atomic():
        application, lines = _locked(application, partnership, actor, shown_hash)
        return _answer(application=application, partnership=partnership, actor=actor,
                       answer=Commitment.Answer.CONFIRMED, lines=lines, signer_name=signer.name.strip(),
                       signer_role=signer.role.strip(), signer_address=signer.address.strip())


def ask_change(*, application: Application, partnership, actor, shown_hash: str, comment: str) -> Commitment:
    """The partner's signatory asks the office to change its pledge table, saying what and why."""
    if not comment.strip():
        raise ApplicationError(_("Say what should change, so the programme office can adjust the budget."),
                               field="comment")
    with transaction.atomic():
        application, lines = _locked(application, partnership, actor, shown_hash)
        return _answer(application=application, partnership=partnership, actor=actor,
                       answer=Commitment.Answer.CHANGE_ASKED, lines=lines,
                       signer_name=actor.full_name or actor.email, comment=comment.strip())
