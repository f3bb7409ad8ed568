"""Permission rows for submitting, the funder's files and the award (same shape as tests/applications/rows.py).

The office submits a draft and records the award of a submitted application; the steering group reads and
downloads the files (as it reads the application); everyone else is refused as on every application page.
"""

from tests.applications.rows import (
    EDITORS,
    READERS,
    REFUSED,
    a_submitted_application,
    an_application,
    crossing,
    other_centres_application_here,
    rows,
)

AWARD_PAGES = {
    "applications:submit": (an_application, EDITORS, True),
    "applications:application_pdf": (an_application, READERS, False),
    "applications:budget_annex": (an_application, READERS, False),
    "applications:award": (a_submitted_application, EDITORS, True),
}

AWARD_ROWS = [
    *[row for name, (args, who, takes_post) in AWARD_PAGES.items() for row in [
        *rows(name, args, who),
        *(rows(name, args, REFUSED, "POST") if takes_post else []),
        *crossing(name, other_centres_application_here, post=takes_post),
    ]],
    # Submitting a submitted application, or awarding a draft, leads back to the workspace.
    ("applications:submit", a_submitted_application, "GET", "programme_manager", 302),
    ("applications:award", an_application, "GET", "finance_controller", 302),
]
