"""Two gunicorn processes, one task worker, PostgreSQL and Redis, as deployed (issue 17): an import started through
one process shows its progress through the other and completes; an hourly limit holds across both; a worker killed
in the middle of an import leaves the ledger as it was, and the import completes when it is queued again.

Runs in the PostgreSQL run (`make test-pg`, `.ci/run`, which start Redis when it is not running); skipped where the
database is SQLite or no Redis answers. The servers use the test's own database (created for the run and dropped
after it by pytest-django) and Redis db 5.
"""

import datetime
import re
import time

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.db.models import Sum
from django.test import Client
from django.urls import reverse

from civhub.ledger.models import Contribution, ContributionTally, ImportBatch
from tests.multiprocess.stack import REDIS_URL, Browser, Stack, redis_answers

pytestmark = [pytest.mark.multiprocess, pytest.mark.django_db(transaction=True)]

HEADER = "extern_id;partner;datum;soort;programmalijn;categorie;uren;bedrag;omschrijving"
# Enough batches of 5,000 that the worker is still writing when the test sees its first batch done.
ROWS_TO_KILL = 30_000
PROGRESS = re.compile(r'<progress class="progress" max="(\d+)" value="(\d+)"')


@pytest.fixture(scope="module")
def servers(django_db_setup, tmp_path_factory):
    """Two gunicorn processes on the test database, started once for the module."""
    if connection.vendor != "postgresql":
        pytest.skip("the multi-process test runs on PostgreSQL (make test-pg): SQLite's test database is in memory")
    if not redis_answers():
        pytest.skip(f"no Redis at {REDIS_URL} (make test-pg starts one)")
    running = Stack(tmp_path_factory.mktemp("multiprocess"))
    try:
        running.addresses = (running.web(), running.web())
        yield running
    finally:
        running.stop()


@pytest.fixture
def stack(servers):
    servers.forget_cache()
    yield servers
    servers.stop_worker()  # before the test's database is emptied


def signed_in(user) -> str:
    """A session in the shared database, as a sign-in would leave it: its key for the browser's cookie."""
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def contributions_file(rows: int) -> bytes:
    start = datetime.date(2025, 1, 1)
    lines = [f"mp-{n};partner-a;{start + datetime.timedelta(days=n % 360)};lab;;analyst;1,5;;Rij {n}"
             for n in range(rows)]
    return ("\n".join([HEADER, *lines]) + "\n").encode()


def upload(browser: Browser, centre, rows: int) -> int:
    path = reverse("ledger:import", args=[centre.slug])
    answer = browser.post_form(path, {}, files={"file": ("bijdragen.csv", contributions_file(rows), "text/csv")})
    assert answer.status_code == 302, answer.text[-2000:]
    return int(re.search(r"/importeren/(\d+)/", answer.headers["Location"]).group(1))


def confirm(browser: Browser, centre, pk: int) -> None:
    answer = browser.post_form(reverse("ledger:import_confirm", args=[centre.slug, pk]), {},
                               form_path=reverse("ledger:import_batch", args=[centre.slug, pk]))
    assert answer.status_code == 302


def watch(browser: Browser, centre, pk: int, *, until, timeout: float = 60) -> list[tuple[int, int]]:
    """Poll the progress fragment until `until(seen)`: each poll's (value, max), or done as (-1, -1)."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = browser.get(browser.base + reverse("ledger:import_progress", args=[centre.slug, pk]), timeout=30).text
        found = PROGRESS.search(text)
        seen.append((int(found[2]), int(found[1])) if found else (-1, -1))
        if until(seen):
            return seen
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting; progress seen: {seen[-5:]}")


def finished(seen) -> bool:
    return seen[-1][0] == -1


def test_an_import_through_one_process_shows_its_progress_through_the_other(stack, ledger, partner_a_contact,
                                                                           programme_manager):
    first, second = stack.addresses
    stack.start_worker()
    person = Browser(first, signed_in(partner_a_contact))
    pk = upload(person, ledger, 10_000)
    before = Contribution.objects.count()

    started = time.perf_counter()
    confirm(person, ledger, pk)
    seen = watch(person.at(second), ledger, pk, until=lambda seen: seen[-1][0] > 0)
    sign_in = _sign_in_ms(second, programme_manager)  # while the worker writes
    seen += watch(person.at(second), ledger, pk, until=finished)
    took = time.perf_counter() - started

    assert Contribution.objects.count() == before + 10_000
    done = ImportBatch.objects.get(state=ImportBatch.State.DONE, kind="contributions")
    assert done.created_rows == 10_000 and not ImportBatch.objects.filter(pk=pk).exists()
    assert any(0 < value for value, _total in seen)
    page = person.at(second).get(second + reverse("ledger:import_batch", args=[ledger.slug, pk]), timeout=30)
    assert "Geïmporteerd." in page.text
    print(f"\n10,000 rows through the worker: {took:.1f} s; a sign-in meanwhile: {sign_in:.0f} ms "
          f"(one without an import: {_sign_in_ms(first, programme_manager):.0f} ms)")


def _sign_in_ms(base: str, user) -> float:
    user.password = PBKDF2PasswordHasher().encode("een-lang-wachtwoord-17", "multiprocess17")
    user.save(update_fields=["password"])
    browser = Browser(base)
    token = browser.csrf(reverse("accounts:login"))
    start = time.perf_counter()
    answer = browser.post(base + reverse("accounts:login"), timeout=60, allow_redirects=False, data={
        "csrfmiddlewaretoken": token, "username": user.email, "password": "een-lang-wachtwoord-17"})
    assert answer.status_code == 302, answer.text[-1000:]
    return (time.perf_counter() - start) * 1000


def test_the_hourly_limit_holds_across_both_processes(stack, db):
    first, second = stack.addresses
    path = reverse("accounts:password_reset")
    answers = [Browser(base).post_form(path, {"email": f"iemand{n}@example.org"})
               for n, base in enumerate([first, second] * 3)]
    assert [answer.status_code for answer in answers] == [302] * 5 + [429]
    assert "Probeer het over een uur opnieuw" in answers[-1].text


def tallied() -> int:
    """The entries the ledger's tally counts (ledger/tally.py)."""
    return ContributionTally.objects.aggregate(entries=Sum("entries"))["entries"] or 0


def test_a_worker_killed_in_the_middle_leaves_the_ledger_and_a_retry_completes(stack, ledger, partner_a_contact):
    first, second = stack.addresses
    stack.start_worker()
    person = Browser(first, signed_in(partner_a_contact))
    pk = upload(person, ledger, ROWS_TO_KILL)
    before = Contribution.objects.count()

    confirm(person, ledger, pk)
    # Rows are checked and written in one pass, in batches: a first batch done is rows written, not committed.
    watch(person.at(second), ledger, pk, until=lambda seen: seen[-1][0] > 0 or finished(seen))
    stack.kill_worker()

    assert Contribution.objects.count() == before
    assert tallied() == before  # the tally's triggers wrote in the import's transaction, and went with it
    assert ImportBatch.objects.get(pk=pk).state == ImportBatch.State.RUNNING
    assert not ImportBatch.objects.filter(state=ImportBatch.State.DONE).exists()

    stack.start_worker()
    assert "1 import" in stack.manage("resume_imports", "--quiet-minutes", "0")
    watch(person.at(second), ledger, pk, until=finished)
    assert Contribution.objects.count() == tallied() == before + ROWS_TO_KILL

    assert "0 imports" in stack.manage("resume_imports", "--quiet-minutes", "0")  # nothing left to do
    assert Contribution.objects.count() == before + ROWS_TO_KILL
