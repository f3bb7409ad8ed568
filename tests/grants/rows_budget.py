"""Permission rows for budget versions and expenditure (same shape as tests/test_permissions.py).

The programme office and the steering group read the budget and the spending; only the
finance controller revises, makes a version current, records and imports. Another
centre's version or import under this centre's URL is a 404.
"""

from civhub.ledger.models import ImportBatch
from tests.conftest import PERSONAS
from tests.grants.support import add_version, grant_with_budget

LOGIN = "302 to login"  # the same marker as tests/test_permissions.py

OFFICE = ["programme_manager", "finance_controller", "centre_admin"]
NOT_MONITOR = ["practor", "communications", "partner_a_contact", "partner_a_signatory", "partner_b_contact"]

READERS = {
    "anonymous": LOGIN,
    **dict.fromkeys(OFFICE + ["steering_member"], 200),
    **dict.fromkeys(NOT_MONITOR, 403),
    "other_centre_manager": 404,
}
FINANCE = {
    "anonymous": LOGIN,
    **dict.fromkeys(OFFICE + ["steering_member"] + NOT_MONITOR, 403),
    "finance_controller": 200,
    "other_centre_manager": 404,
}
NOT_FINANCE = {persona: status for persona, status in FINANCE.items() if status != 200}
# Confirming takes a POST: the finance controller's GET is a 405.
CONFIRM_GET = {**FINANCE, "finance_controller": 405}
for who in (READERS, FINANCE, CONFIRM_GET):
    assert sorted(who) == sorted(PERSONAS)


def _budget(centre):
    """The centre's grant with its application budget (version 1, current) and a revision (version 2)."""
    grant = grant_with_budget(centre)
    if not grant.budget_versions.filter(number=2).exists():
        add_version(grant, 2, [(2025, 1, "personnel", "subsidy", "90000.00")], name="Herziening")
    return grant


def with_budget(get):
    _budget(get("centre"))
    return {"slug": get("centre").slug}


def without_grant(get):
    return {"slug": get("centre").slug}


def revision(get):
    _budget(get("centre"))
    return {"slug": get("centre").slug, "number": 2}


def unknown_version(get):
    _budget(get("centre"))
    return {"slug": get("centre").slug, "number": 99}


def other_centres_version_here(get):
    """Version 3 exists only in the other centre's grant; asked for under this centre's URL."""
    _budget(get("centre"))
    add_version(grant_with_budget(get("other_centre")), 3, [])
    return {"slug": get("centre").slug, "number": 3}


def _batch(centre, actor):
    return ImportBatch.objects.create(centre=centre, kind=ImportBatch.Kind.EXPENDITURE, file_name="bestedingen.csv",
                                      state=ImportBatch.State.PREVIEW, actor=actor)


def expenditure_import(get):
    _budget(get("centre"))
    return {"slug": get("centre").slug, "pk": _batch(get("centre"), get("finance_controller")).pk}


def other_centres_import_here(get):
    _budget(get("centre"))
    return {"slug": get("centre").slug, "pk": _batch(get("other_centre"), get("other_centre_manager")).pk}


def contributions_import_here(get):
    """A contributions import of this centre is not an expenditure import."""
    _budget(get("centre"))
    batch = ImportBatch.objects.create(centre=get("centre"), kind=ImportBatch.Kind.CONTRIBUTIONS,
                                       file_name="bijdragen.csv", actor=get("finance_controller"))
    return {"slug": get("centre").slug, "pk": batch.pk}


def rows(url_name, args, who, method="GET"):
    return [(url_name, args, method, persona, status) for persona, status in who.items()]


GRANT_BUDGET_ROWS = [
    # Budget versions: read by the office and the steering group, changed by the finance controller.
    *rows("grants:budget", with_budget, READERS),
    ("grants:budget", without_grant, "GET", "programme_manager", 200),  # "no grant yet"
    *rows("grants:budget_version", revision, READERS),
    ("grants:budget_version", unknown_version, "GET", "programme_manager", 404),
    ("grants:budget_version", other_centres_version_here, "GET", "finance_controller", 404),
    *rows("grants:budget_compare", with_budget, READERS),
    ("grants:budget_compare", without_grant, "GET", "steering_member", 200),
    *rows("grants:budget_revise", with_budget, FINANCE),
    *rows("grants:budget_revise", with_budget, NOT_FINANCE, method="POST"),
    ("grants:budget_revise", without_grant, "GET", "finance_controller", 200),
    *rows("grants:budget_make_current", revision, FINANCE),
    *rows("grants:budget_make_current", revision, NOT_FINANCE, method="POST"),
    ("grants:budget_make_current", revision, "POST", "finance_controller", 302),
    ("grants:budget_make_current", other_centres_version_here, "GET", "finance_controller", 404),
    ("grants:budget_make_current", other_centres_version_here, "POST", "finance_controller", 404),
    # Expenditure: the list for readers, the form and the import for the finance controller.
    *rows("grants:expenditure", with_budget, READERS),
    ("grants:expenditure", without_grant, "GET", "centre_admin", 200),
    *rows("grants:expenditure_new", with_budget, FINANCE),
    *rows("grants:expenditure_new", with_budget, NOT_FINANCE, method="POST"),
    *rows("grants:expenditure_import", with_budget, FINANCE),
    *rows("grants:expenditure_template", with_budget, FINANCE),
    *rows("grants:expenditure_import", with_budget, NOT_FINANCE, method="POST"),
    *rows("grants:expenditure_import_batch", expenditure_import, FINANCE),
    ("grants:expenditure_import_batch", other_centres_import_here, "GET", "finance_controller", 404),
    ("grants:expenditure_import_batch", contributions_import_here, "GET", "finance_controller", 404),
    *rows("grants:expenditure_import_confirm", expenditure_import, CONFIRM_GET),
    *rows("grants:expenditure_import_confirm", expenditure_import, NOT_FINANCE, method="POST"),
    ("grants:expenditure_import_confirm", other_centres_import_here, "POST", "finance_controller", 404),
]
