"""Who may do what in the ledger; the one place its access rules live (on top of accounts.permissions).

- The office sees every entry and import of its centre; a partner's contacts and signatories their own.
- The partner's signatory approves (never an entry they entered), the finance controller accepts and reverses.
- Pledges and rate cards are kept by the programme manager and the finance controller.
- Imports: the office for the whole centre, a partner's people for their own partnership only; importing
  entries as accepted (a migration) is for the finance controller alone. The web import, the commands and
  the tests share these answers.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from civhub.accounts import permissions as access
from civhub.accounts.models import Role
from civhub.ledger.errors import LedgerError
from civhub.ledger.models import Contribution, ContributionTally, ImportBatch, Pledge, RateCard
from civhub.partners.models import Partnership
from civhub.partners.permissions import partnerships_visible_to

REFERENCE_EDITORS = (Role.PROGRAMME_MANAGER, Role.FINANCE_CONTROLLER)
# The pages that change pledges and rate cards: 404 outside the centre, 403 for anyone but their editors.
reference_editors_required = access.centre_role_required(*REFERENCE_EDITORS)


def contributions_visible_to(user, centre) -> QuerySet[Contribution]:
    """All entries of the centre for the office; a partner's own entries for its contacts and signatories."""
    return _of_visible_partners(Contribution.objects.filter(centre=centre), user, centre)


def tally_visible_to(user, centre) -> QuerySet[ContributionTally]:
    """The tally of the entries the user may see (ledger/tally.py): the same scope as contributions_visible_to."""
    return _of_visible_partners(ContributionTally.objects.filter(centre=centre), user, centre)


def _of_visible_partners(rows: QuerySet, user, centre) -> QuerySet:
    """The centre's `rows` as is for the office; those of the user's own partners for a partner's people."""
    if access.acts_as_office(user, centre):
        return rows
    return rows.filter(partnership_id__in=access.partnership_ids(user, centre))


def pledges_visible_to(user, centre) -> QuerySet[Pledge]:
    """Every partner's pledges for the office; a partner's own for its people (as on its summary page)."""
    return Pledge.objects.filter(partnership__in=partnerships_visible_to(user, centre))


def rate_cards_visible_to(user, centre) -> QuerySet[RateCard]:
    """Every partner's hourly rates for the office; a partner's own rates for its people, never another's."""
    return RateCard.objects.filter(partnership__in=partnerships_visible_to(user, centre))


def may_enter(user, partnership) -> bool:
    """Contacts and signatories record their own organisation's contributions."""
    return partnership.pk in access.partnership_ids(user, partnership.centre)


def is_signatory(user, centre) -> bool:
    """Signs for at least one partner of the centre: has an approval queue."""
    return access.has_role(user, centre, Role.PARTNER_SIGNATORY)


def signs_for(user, contribution: Contribution) -> bool:
    """The signatory of the entry's partner (whether they may approve this very entry is `may_approve`)."""
    return access.has_partner_role(user, contribution.partnership, Role.PARTNER_SIGNATORY)


def may_approve(user, contribution: Contribution) -> bool:
    """The partner's signatory approves, never an entry they entered themselves."""
    return signs_for(user, contribution) and contribution.entered_by_id != user.pk


def is_finance_controller(user, centre) -> bool:
    return access.has_role(user, centre, Role.FINANCE_CONTROLLER)


def may_reject(user, contribution: Contribution) -> bool:
    """A submitted entry goes back from its signatory, an approved one from the finance controller."""
    return signs_for(user, contribution) or is_finance_controller(user, contribution.centre)


def may_edit_reference(user, centre) -> bool:
    """The programme manager and the finance controller keep pledges and rate cards."""
    return bool(getattr(user, "is_superuser", False) or access.has_role(user, centre, *REFERENCE_EDITORS))


def batches_visible_to(user, centre) -> QuerySet[ImportBatch]:
    """The office sees every ledger import of the centre; a partner's people the contribution imports of their own.

    Expenditure imports are the grant's (civhub.grants.imports), shown and confirmed on its own pages.
    """
    batches = ImportBatch.objects.filter(centre=centre).exclude(kind=ImportBatch.Kind.EXPENDITURE)
    if access.acts_as_office(user, centre):
        return batches
    return batches.filter(kind=ImportBatch.Kind.CONTRIBUTIONS,
                          partnership_id__in=access.partnership_ids(user, centre))


# Imports ------------------------------------------------------------------------------------

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
    office = access.acts_as_office(actor, centre)
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
    if not may_edit_reference(actor, centre):
        raise LedgerError(_("Only the programme manager or the finance controller imports rate cards."))


def batch_partnership(actor, centre, scope: list[Partnership], partnership=None) -> Partnership | None:
    """The partner an import batch belongs to: the one given, or a partner person's only partnership.

    An office import is the centre's, even when the centre happens to have one partner.
    """
    if partnership is not None:
        return partnership
    office = access.acts_as_office(actor, centre)
    return scope[0] if len(scope) == 1 and not office else None
