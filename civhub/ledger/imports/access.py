"""Who may import what: the office for the whole centre, a partner's people for their own partnership only.

Kept beside the importers (on top of civhub.accounts.permissions and civhub.ledger.permissions)
so that the web import, the commands and the tests share one answer.
"""

from django.utils.translation import gettext as _

from civhub.accounts import permissions as access
from civhub.ledger.errors import LedgerError
from civhub.ledger.permissions import is_finance_controller
from civhub.partners.models import Partnership

MAX_REFERENCE = 300


def ensure_migration_reference(reference: str) -> None:
    """Entries migrated as accepted name the evidence they were approved on (e.g. signed statements)."""
    if not (reference or "").strip():
        raise LedgerError(_("Name the evidence of the migration, for example “signed partner statements "
                            "2022-2023”: entries arrive accepted only with a reference."))
    if len(reference.strip()) > MAX_REFERENCE:
        raise LedgerError(_("Keep the reference to the evidence to at most 300 characters."))


def contribution_scope(actor, centre, partnership=None, *, as_accepted=False, reference="") -> list[Partnership]:
    """The partnerships whose contributions `actor` may import in `centre`; LedgerError when none.

    With `partnership` (a partner's own web import) only that one, and only if the actor may
    act for it. Without it: every partnership for the office, else the actor's own ones.
    Importing as accepted (migration) is for the centre's finance controller alone, with a reference.
    """
    if as_accepted and not is_finance_controller(actor, centre):
        raise LedgerError(_("Only the finance controller of the centre may import entries as accepted."))
    if as_accepted:
        ensure_migration_reference(reference)
    office = getattr(actor, "is_superuser", False) or access.is_office(actor, centre)
    own = access.partnership_ids(actor, centre)
    partnerships = Partnership.objects.filter(centre=centre).select_related("organisation")
    if partnership is not None:
        if partnership.centre_id != centre.pk or not (office or partnership.pk in own):
            raise LedgerError(_("You may not import contributions for this partner."))
        return [partnership]
    if office:
        return list(partnerships)
    if not own:
        raise LedgerError(_("You may not import contributions for this centre."))
    return list(partnerships.filter(pk__in=own))


def ensure_may_import_rates(actor, centre) -> None:
    """Rate cards are kept by those who edit them on the office's pages: programme manager and finance controller."""
    from civhub.ledger.services.reference import may_edit_reference  # the office's rule, in one place

    if not may_edit_reference(actor, centre):
        raise LedgerError(_("Only the programme manager or the finance controller imports rate cards."))


def batch_partnership(actor, centre, scope: list[Partnership], partnership=None) -> Partnership | None:
    """The partner an import batch belongs to: the one given, or a partner person's only partnership.

    An office import is the centre's, even when the centre happens to have one partner.
    """
    if partnership is not None:
        return partnership
    office = getattr(actor, "is_superuser", False) or access.is_office(actor, centre)
    return scope[0] if len(scope) == 1 and not office else None
