"""Permission rows for the ledger's office pages: pledges, rates, summaries, exports, imports.

Same shape as tests/test_permissions.py: (URL name, argument builder, method, persona, status).
Builders get `get` (request.getfixturevalue) and build only what their row needs.
"""

from civhub.ledger.models import ImportBatch
from tests.conftest import PERSONAS
from tests.ledger.office_support import pledge, rate_card

LOGIN = "302 to login"  # the same marker as tests/test_permissions.py

OFFICE = ["programme_manager", "finance_controller", "centre_admin"]
CENTRE_NOT_OFFICE = ["practor", "communications", "steering_member"]
PARTNERS = ["partner_a_contact", "partner_a_signatory", "partner_b_contact"]

# The office's lists of pledges and rates: the programme office only.
OFFICE_ACCESS = {
    "anonymous": LOGIN,
    **dict.fromkeys(OFFICE, 200),
    **dict.fromkeys(CENTRE_NOT_OFFICE + PARTNERS, 403),
    "other_centre_manager": 404,
}
# Changing pledges and rates: the programme manager and the finance controller; the centre admin reads.
EDITORS = {**OFFICE_ACCESS, "centre_admin": 403}
# Partner A's summary and chart: A's people and the office; B does not learn A exists.
PARTNER_A_PAGES = {
    "anonymous": LOGIN,
    "partner_a_contact": 200,
    "partner_a_signatory": 200,
    "partner_b_contact": 404,
    **dict.fromkeys(OFFICE, 200),
    **dict.fromkeys(CENTRE_NOT_OFFICE, 403),
    "other_centre_manager": 404,
}
NOT_EDITORS = {persona: status for persona, status in EDITORS.items() if status != 200}
# Exports and the import form: the office and every partner (each for what it may see).
OFFICE_AND_PARTNERS = {**OFFICE_ACCESS, **dict.fromkeys(PARTNERS, 200)}
# A rate-card import is the office's: partners do not learn it exists.
OFFICE_ONLY_BATCH = {**OFFICE_ACCESS, **dict.fromkeys(PARTNERS, 404)}
# Confirming takes a POST: a GET from anyone with a place in the ledger is a 405, before any batch is looked up.
CONFIRM_GET = {persona: 405 if status == 200 else status for persona, status in OFFICE_AND_PARTNERS.items()}
NOT_IN_THE_LEDGER = {persona: status for persona, status in OFFICE_AND_PARTNERS.items() if status != 200}
REFUSED_A = {persona: status for persona, status in PARTNER_A_PAGES.items() if status != 200}
for who in (OFFICE_ACCESS, EDITORS, PARTNER_A_PAGES, OFFICE_AND_PARTNERS, OFFICE_ONLY_BATCH, CONFIRM_GET):
    assert sorted(who) == sorted(PERSONAS)


def centre_slug(get):
    return {"slug": get("centre").slug}


def pledge_of_a(get):
    return {"slug": get("centre").slug, "pk": pledge(get("partner_a")).pk}


def other_centres_pledge_here(get):
    """Another centre's pledge, asked for under the test centre's URL."""
    return {"slug": get("centre").slug, "pk": pledge(get("other_partner")).pk}


def rate_of_a(get):
    return {"slug": get("centre").slug, "pk": rate_card(get("partner_a")).pk}


def other_centres_rate_here(get):
    return {"slug": get("centre").slug, "pk": rate_card(get("other_partner")).pk}


def partner_a(get):
    return {"slug": get("centre").slug, "code": get("partner_a").short_code}


def unknown_partner(get):
    return {"slug": get("centre").slug, "code": "no-such-partner"}


def other_centres_partner_here(get):
    return {"slug": get("centre").slug, "code": get("other_partner").short_code}


def export_csv(get):
    return {"slug": get("centre").slug, "fmt": "csv"}


def export_xlsx(get):
    return {"slug": get("centre").slug, "fmt": "xlsx"}


def export_unknown(get):
    return {"slug": get("centre").slug, "fmt": "pdf"}


def _batch(get, centre, **fields):
    return ImportBatch.objects.create(centre=centre, file_name="bijdragen.csv", state=ImportBatch.State.PREVIEW,
                                      **fields)


def import_of_a(get):
    """Partner A's contact uploaded a file that waits for confirmation."""
    batch = _batch(get, get("centre"), partnership=get("partner_a"), actor=get("partner_a_contact"),
                   kind=ImportBatch.Kind.CONTRIBUTIONS)
    return {"slug": get("centre").slug, "pk": batch.pk}


def rate_import(get):
    batch = _batch(get, get("centre"), actor=get("programme_manager"), kind=ImportBatch.Kind.RATES)
    return {"slug": get("centre").slug, "pk": batch.pk}


def other_centres_import_here(get):
    batch = _batch(get, get("other_centre"), partnership=get("other_partner"), actor=get("other_centre_manager"),
                   kind=ImportBatch.Kind.CONTRIBUTIONS)
    return {"slug": get("centre").slug, "pk": batch.pk}


def rows(url_name, args, who, method="GET"):
    return [(url_name, args, method, persona, status) for persona, status in who.items()]


LEDGER_OFFICE_ROWS = [
    # Pledges and rate cards: the office reads, the programme manager and finance controller change.
    *rows("ledger:pledges", centre_slug, OFFICE_ACCESS),
    *rows("ledger:pledge_new", centre_slug, EDITORS),
    *rows("ledger:pledge_edit", pledge_of_a, EDITORS),
    *rows("ledger:pledge_delete", pledge_of_a, EDITORS),
    *rows("ledger:pledge_new", centre_slug, NOT_EDITORS, method="POST"),
    *rows("ledger:pledge_edit", pledge_of_a, NOT_EDITORS, method="POST"),
    *rows("ledger:pledge_delete", pledge_of_a, NOT_EDITORS, method="POST"),
    ("ledger:pledge_edit", other_centres_pledge_here, "GET", "programme_manager", 404),
    ("ledger:pledge_delete", other_centres_pledge_here, "GET", "programme_manager", 404),
    ("ledger:pledge_delete", other_centres_pledge_here, "POST", "finance_controller", 404),
    *rows("ledger:rates", centre_slug, OFFICE_ACCESS),
    *rows("ledger:rate_new", centre_slug, EDITORS),
    *rows("ledger:rate_edit", rate_of_a, EDITORS),
    *rows("ledger:rate_delete", rate_of_a, EDITORS),
    *rows("ledger:rate_new", centre_slug, NOT_EDITORS, method="POST"),
    *rows("ledger:rate_edit", rate_of_a, NOT_EDITORS, method="POST"),
    *rows("ledger:rate_delete", rate_of_a, NOT_EDITORS, method="POST"),
    ("ledger:rate_edit", other_centres_rate_here, "GET", "programme_manager", 404),
    ("ledger:rate_delete", other_centres_rate_here, "GET", "programme_manager", 404),
    ("ledger:rate_delete", other_centres_rate_here, "POST", "finance_controller", 404),
    # A partner's summary and its chart: its own people and the office.
    *rows("ledger:summary", partner_a, PARTNER_A_PAGES),
    *rows("ledger:summary_chart", partner_a, PARTNER_A_PAGES),
    ("ledger:summary", unknown_partner, "GET", "programme_manager", 404),
    ("ledger:summary", other_centres_partner_here, "GET", "programme_manager", 404),
    ("ledger:summary_chart", other_centres_partner_here, "GET", "programme_manager", 404),
    # The export: everyone with a place in the ledger gets what they may see; an unknown format is a 404.
    *rows("ledger:export", export_csv, OFFICE_AND_PARTNERS),
    *rows("ledger:export", export_xlsx, OFFICE_AND_PARTNERS),
    ("ledger:export", export_unknown, "GET", "programme_manager", 404),
    ("ledger:export", export_unknown, "GET", "partner_a_contact", 404),
    # Imports: partners upload their own files, the office any; rate cards only the editors.
    *rows("ledger:import", centre_slug, OFFICE_AND_PARTNERS),
    *rows("ledger:import_template", centre_slug, OFFICE_AND_PARTNERS),
    *rows("ledger:import", centre_slug, NOT_IN_THE_LEDGER, method="POST"),
    *rows("ledger:rates_import", centre_slug, EDITORS),
    *rows("ledger:rates_template", centre_slug, EDITORS),
    *rows("ledger:rates_import", centre_slug, NOT_EDITORS, method="POST"),
    *rows("ledger:import_batch", import_of_a, PARTNER_A_PAGES),
    *rows("ledger:import_batch", rate_import, OFFICE_ONLY_BATCH),
    *rows("ledger:import_progress", import_of_a, PARTNER_A_PAGES),
    *rows("ledger:import_progress", rate_import, OFFICE_ONLY_BATCH),
    *rows("ledger:import_confirm", import_of_a, CONFIRM_GET),
    *rows("ledger:import_confirm", import_of_a, REFUSED_A, method="POST"),
    ("ledger:import_confirm", import_of_a, "POST", "programme_manager", 302),  # refused: not the uploader
    ("ledger:import_batch", other_centres_import_here, "GET", "programme_manager", 404),
    ("ledger:import_progress", other_centres_import_here, "GET", "programme_manager", 404),
    ("ledger:import_confirm", other_centres_import_here, "POST", "programme_manager", 404),
]
