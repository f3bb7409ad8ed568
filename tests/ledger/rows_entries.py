"""Permission rows for the ledger's entry, approval, acceptance and period pages (see tests/test_permissions.py).

The entries belong to partner A and were entered by partner A's contact. Partner B's
contact does not learn they exist (404); the centre's roles without a ledger and the
office where a partner's role is needed get 403. A forbidden POST gets the same answer
as the GET, before anything is written.
"""

from civhub.accounts.models import Role
from civhub.ledger.models import Contribution, PeriodLock
from civhub.ledger.services.periods import close_period
from tests.ledger.entries_helpers import make_entry, pdf_upload, with_grant
from tests.partners.factories import person

Status = Contribution.Status
LOGIN = "302 to login"

OFFICE = ["programme_manager", "finance_controller", "centre_admin"]
CENTRE_NOT_OFFICE = ["practor", "communications", "steering_member"]
OUTSIDE = {"anonymous": LOGIN, **dict.fromkeys(CENTRE_NOT_OFFICE, 403), "other_centre_manager": 404}

# The contribution list: every partner sees its own entries, the office all of them.
LIST = {**OUTSIDE, **dict.fromkeys(OFFICE, 200), "partner_a_contact": 200, "partner_a_signatory": 200,
        "partner_b_contact": 200}
# One of partner A's entries, and its evidence file: A's people and the office.
ENTRY_A = {**OUTSIDE, **dict.fromkeys(OFFICE, 200), "partner_a_contact": 200, "partner_a_signatory": 200,
           "partner_b_contact": 404}
# Recording: partners only; the office does not enter a partner's contributions.
NEW = {**OUTSIDE, **dict.fromkeys(OFFICE, 403), "partner_a_contact": 200, "partner_a_signatory": 200,
       "partner_b_contact": 200}
# Editing or deleting partner A's draft: A's contact and signatory.
OWN_DRAFT = {**OUTSIDE, **dict.fromkeys(OFFICE, 403), "partner_a_contact": 200, "partner_a_signatory": 200,
             "partner_b_contact": 404}
# Approving partner A's submitted entry: A's signatory only (A's contact entered it).
APPROVE = {**OUTSIDE, **dict.fromkeys(OFFICE, 403), "partner_a_contact": 403, "partner_a_signatory": 200,
           "partner_b_contact": 404}
# Rejecting a submitted entry: A's signatory; the finance controller holds the role but not now (302 with why).
REJECT_SUBMITTED = {**APPROVE, "finance_controller": 302}
# Rejecting an approved entry: the finance controller; A's signatory holds the role but not now (302 with why).
REJECT_APPROVED = {**OUTSIDE, "programme_manager": 403, "centre_admin": 403, "finance_controller": 200,
                   "partner_a_contact": 403, "partner_a_signatory": 302, "partner_b_contact": 404}
# Accepting and reversing: the finance controller only.
CONTROLLER_ON_ENTRY = {**OUTSIDE, "programme_manager": 403, "centre_admin": 403, "finance_controller": 200,
                       "partner_a_contact": 403, "partner_a_signatory": 403, "partner_b_contact": 404}
# The signatory's queue.
APPROVALS = {**OUTSIDE, **dict.fromkeys(OFFICE, 403), "partner_a_contact": 403, "partner_a_signatory": 200,
             "partner_b_contact": 403}
# The finance controller's pages (queue, closing and reopening periods).
CONTROLLER = {**OUTSIDE, "programme_manager": 403, "centre_admin": 403, "finance_controller": 200,
              "partner_a_contact": 403, "partner_a_signatory": 403, "partner_b_contact": 403}
# The list of closed periods: everyone in the office.
OFFICE_ONLY = {**OUTSIDE, **dict.fromkeys(OFFICE, 200), "partner_a_contact": 403, "partner_a_signatory": 403,
               "partner_b_contact": 403}


def denied(who):
    return {persona: status for persona, status in who.items() if status not in (200, 302)}


# Argument builders: `get` fetches a fixture by name.


def centre_slug(get):
    with_grant(get("centre"))
    return {"slug": get("centre").slug}


def _entry_a(get, status, **extra):
    return make_entry(get("partner_a"), get("partner_a_contact"), status=status,
                      signatory=get("partner_a_signatory") if status != Status.DRAFT else None, **extra)


def entry_args(status, **extra):
    def build(get):
        entry = _entry_a(get, status, **extra)
        return {"slug": entry.centre.slug, "pk": entry.pk}

    build.__name__ = f"partner_a_{status}"
    return build


draft_a = entry_args(Status.DRAFT)
submitted_a = entry_args(Status.SUBMITTED)
approved_a = entry_args(Status.APPROVED)
accepted_a = entry_args(Status.ACCEPTED)


def evidence_a(get):
    """Partner A's entry with an evidence file, stored under a temporary MEDIA_ROOT."""
    get("settings").MEDIA_ROOT = get("tmp_path")
    entry = _entry_a(get, Status.SUBMITTED, evidence=pdf_upload())
    return {"slug": entry.centre.slug, "pk": entry.pk}


def draft_a_without_evidence(get):
    entry = _entry_a(get, Status.DRAFT)
    return {"slug": entry.centre.slug, "pk": entry.pk}


def other_centres_entry_here(get):
    """Another centre's approved entry, asked for under the test centre's URL."""
    contact = person(get("other_centre"), Role.PARTNER_CONTACT, partnership=get("other_partner"))
    entry = make_entry(get("other_partner"), contact, status=Status.APPROVED)
    return {"slug": get("centre").slug, "pk": entry.pk}


def closed_lock(get):
    with_grant(get("centre"))
    lock = close_period(centre=get("centre"), actor=get("finance_controller"), span=PeriodLock.Span.QUARTER,
                        year=2025, quarter=1)
    return {"slug": get("centre").slug, "pk": lock.pk}


def other_centres_lock_here(get):
    controller = person(get("other_centre"), Role.FINANCE_CONTROLLER)
    lock = close_period(centre=get("other_centre"), actor=controller, span=PeriodLock.Span.YEAR, year=2025)
    return {"slug": get("centre").slug, "pk": lock.pk}


def rows(url_name, args, who, method="GET"):
    return [(url_name, args, method, persona, status) for persona, status in who.items()]


LEDGER_ENTRY_ROWS = [
    # Partners record; everyone with a ledger role sees the list of what they may see.
    *rows("ledger:contributions", centre_slug, LIST),
    *rows("ledger:contribution_new", centre_slug, NEW),
    *rows("ledger:contribution_new", centre_slug, denied(NEW), method="POST"),
    *rows("ledger:contribution", draft_a, ENTRY_A),
    *rows("ledger:contribution", accepted_a, ENTRY_A),
    ("ledger:contribution", other_centres_entry_here, "GET", "finance_controller", 404),
    *rows("ledger:evidence", evidence_a, ENTRY_A),
    ("ledger:evidence", draft_a_without_evidence, "GET", "partner_a_contact", 404),  # no file: nothing to serve
    ("ledger:evidence", other_centres_entry_here, "GET", "programme_manager", 404),
    *rows("ledger:contribution_edit", draft_a, OWN_DRAFT),
    *rows("ledger:contribution_edit", draft_a, denied(OWN_DRAFT), method="POST"),
    ("ledger:contribution_edit", accepted_a, "GET", "partner_a_contact", 302),  # no longer editable: back, with why
    *rows("ledger:contribution_delete", draft_a, OWN_DRAFT),
    *rows("ledger:contribution_delete", draft_a, denied(OWN_DRAFT), method="POST"),
    ("ledger:contribution_delete", draft_a, "POST", "partner_a_contact", 302),
    # Submitting is a button on the entry's page: POST only.
    *rows("ledger:contribution_submit", draft_a, denied(OWN_DRAFT), method="POST"),
    ("ledger:contribution_submit", draft_a, "POST", "partner_a_contact", 302),
    ("ledger:contribution_submit", draft_a, "POST", "partner_a_signatory", 302),
    ("ledger:contribution_submit", draft_a, "GET", "partner_a_contact", 405),
    # The two keys: A's signatory approves, the finance controller accepts; confirmation page on GET.
    *rows("ledger:contribution_approve", submitted_a, APPROVE),
    *rows("ledger:contribution_approve", submitted_a, denied(APPROVE), method="POST"),
    ("ledger:contribution_approve", submitted_a, "POST", "partner_a_signatory", 302),
    ("ledger:contribution_approve", other_centres_entry_here, "GET", "finance_controller", 404),
    *rows("ledger:contribution_reject", submitted_a, REJECT_SUBMITTED),
    *rows("ledger:contribution_reject", approved_a, REJECT_APPROVED),
    *rows("ledger:contribution_reject", approved_a, denied(REJECT_APPROVED), method="POST"),
    *rows("ledger:contribution_accept", approved_a, CONTROLLER_ON_ENTRY),
    *rows("ledger:contribution_accept", approved_a, denied(CONTROLLER_ON_ENTRY), method="POST"),
    ("ledger:contribution_accept", approved_a, "POST", "finance_controller", 302),
    ("ledger:contribution_accept", other_centres_entry_here, "POST", "finance_controller", 404),
    *rows("ledger:contribution_reverse", accepted_a, CONTROLLER_ON_ENTRY),
    *rows("ledger:contribution_reverse", accepted_a, denied(CONTROLLER_ON_ENTRY), method="POST"),
    # The queues.
    *rows("ledger:approvals", centre_slug, APPROVALS),
    *rows("ledger:approvals", centre_slug, denied(APPROVALS), method="POST"),
    *rows("ledger:reviews", centre_slug, CONTROLLER),
    *rows("ledger:reviews", centre_slug, denied(CONTROLLER), method="POST"),
    # Closed periods: the office sees them, the finance controller closes and reopens.
    *rows("ledger:periods", centre_slug, OFFICE_ONLY),
    *rows("ledger:period_close", centre_slug, CONTROLLER),
    *rows("ledger:period_close", centre_slug, denied(CONTROLLER), method="POST"),
    *rows("ledger:period_reopen", closed_lock, CONTROLLER),
    *rows("ledger:period_reopen", closed_lock, denied(CONTROLLER), method="POST"),
    ("ledger:period_reopen", other_centres_lock_here, "GET", "finance_controller", 404),
    ("ledger:period_reopen", other_centres_lock_here, "POST", "finance_controller", 404),
    # Another centre's entry under this centre's address, asked by someone who could act on partner A's: a 404.
    *[(name, other_centres_entry_here, method, persona, 404)
      for name, persona in (("ledger:contribution_edit", "partner_a_contact"),
                            ("ledger:contribution_delete", "partner_a_contact"),
                            ("ledger:contribution_reject", "finance_controller"),
                            ("ledger:contribution_reverse", "finance_controller"))
      for method in ("GET", "POST")],
    ("ledger:contribution_submit", other_centres_entry_here, "POST", "partner_a_contact", 404),
]
