"""`manage.py load_centre FILE`: one success line, or every error on stderr, exit 1 and nothing written."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from civhub.core.models import Centre
from civhub.loader import services

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def row_counts() -> dict:
    """Rows per model, historical tables included."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def run_load_centre(path) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("load_centre", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_load_centre_prints_one_success_line(demo_file):
    out, err = run_load_centre(demo_file)

    assert out.splitlines() == [out.strip()]
    assert out.startswith("centre civ-bio-sciences: ")
    assert "0 updated, 0 removed, 0 unchanged" in out
    assert err == ""
    assert Centre.objects.get().name == "CIV Bio Sciences"


def test_load_centre_twice_reports_everything_unchanged(demo_file):
    run_load_centre(demo_file)

    out, _err = run_load_centre(demo_file)

    assert "0 created, 0 updated, 0 removed" in out


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: "centre: {slug: x\n", "invalid YAML"),
        (lambda d: d["pledges"][1].update(organisation="nobody") or d,
         "pledges[1] (organisation 'nobody'): unknown organisation 'nobody'"),
        (lambda d: d["organisations"][2].update(lead_applicant=True) or d,
         "organisations[2] (short_code 'gemeente'): a second lead applicant after organisations[0]"),
        (lambda d: d["pledges"][0].update(year=2031) or d,
         "pledges[0] (organisation 'bedrijf'): year 2031 is outside the grant (2022-2023)"),
        (lambda d: d["budget"][0].update(line=9) or d, "budget[0] (year 2022, line 9): unknown programme line 9"),
        (lambda d: d["users"][0].update(role="partner_signatory") or d,
         "users[0] (email 'mini-pm@example.org'): role partner_signatory needs an organisation"),
        (lambda d: d["pledges"][0].update(amount="100.001") or d, "'amount' has more than 2 decimals"),
        (lambda d: d.update(extra=1) or d, "top level: unknown key 'extra'"),
    ],
    ids=["bad-yaml", "unknown-partner", "two-leads", "year-outside-grant", "unknown-line", "role-without-partner",
         "three-decimals", "unknown-key"],
)
def test_a_broken_file_exits_with_every_error_and_writes_nothing(minimal, write_definition, change, expected):
    path = write_definition(change(minimal))
    before = row_counts()

    with pytest.raises(CommandError) as caught:
        run_load_centre(path)

    assert caught.value.returncode == 1
    assert "nothing was written" in str(caught.value)
    assert row_counts() == before


def test_every_error_goes_to_stderr(minimal, write_definition):
    minimal["pledges"][1]["organisation"] = "nobody"
    minimal["organisations"][1]["lead_applicant"] = True
    path = write_definition(minimal)
    err = StringIO()

    with pytest.raises(CommandError, match="2 errors"):
        call_command("load_centre", str(path), stdout=StringIO(), stderr=err)

    lines = err.getvalue().splitlines()
    assert len(lines) == 2
    assert any("organisations[1] (short_code 'bedrijf'): a second lead applicant" in line for line in lines)
    assert any("pledges[1] (organisation 'nobody'): unknown organisation 'nobody'" in line for line in lines)


def test_a_missing_file_is_an_error(tmp_path):
    with pytest.raises(CommandError):
        call_command("load_centre", str(tmp_path / "missing.yaml"), stdout=StringIO(), stderr=StringIO())


def test_a_failure_while_writing_rolls_everything_back(demo_file, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_sync_public_contacts", fail)
    before = row_counts()

    with pytest.raises(RuntimeError):
        run_load_centre(demo_file)

    assert row_counts() == before


def test_the_command_line_exits_1_with_the_errors_on_stderr(minimal, write_definition):
    minimal["pledges"][0]["organisation"] = "nobody"
    path = write_definition(minimal)
    # Validation fails before any database access, so the subprocess never touches a database.
    env = {**os.environ, "DEBUG": "1"}

    completed = subprocess.run(  # noqa: S603 - our own manage.py with a fixed argument list
        [sys.executable, "manage.py", "load_centre", str(path), "--skip-checks"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )

    assert completed.returncode == 1
    # The command speaks the site's language, Dutch by default.
    assert "pledges[0] (organisation 'nobody'): onbekende organisatie 'nobody'" in completed.stderr
    assert "er is niets opgeslagen" in completed.stderr
    assert completed.stdout == ""
