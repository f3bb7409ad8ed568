"""Production settings: with DEBUG off civhub stops without its secrets, and `check --deploy` is clean.

Each case runs manage.py in a fresh process, because the suite runs on tests/settings.py, which gives the
production settings a key and hosts; civhub/settings.py itself never asks whether pytest is loaded.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Variables the test sets itself, or that would make the child something other than a bare production
# start (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process, which check --deploy rightly flags).
CLEARED = {
    "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "EMAIL_HOST", "CACHE_URL", "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    child_env = {key: value for key, value in os.environ.items() if key not in CLEARED}
    child_env.update(env)
    return subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, "manage.py", *args], cwd=ROOT, env=child_env, capture_output=True, text=True, timeout=120
    )


def production_env(**overrides: str) -> dict[str, str]:
    # token_urlsafe(45) is a 60-character random key.
    env = {"DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(45), "ALLOWED_HOSTS": "civhub.example.org"}
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def test_check_deploy_reports_no_issues():
    result = manage("check", "--deploy", **production_env())
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_start_without_setting_stops_with_a_clear_message(missing):
    result = manage("check", **production_env(**{missing: None}))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{missing} is not set" in result.stderr, result.stderr


def test_an_empty_setting_counts_as_missing():
    result = manage("check", **production_env(SECRET_KEY="  "))
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr, result.stderr


def test_manage_py_without_any_configuration_is_a_development_checkout():
    result = manage("check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_web_server_without_configuration_refuses_to_start():
    env = {key: value for key, value in os.environ.items() if key not in CLEARED}
    result = subprocess.run(  # noqa: S603 - our own interpreter with a fixed program
        [sys.executable, "-c", "import civhub.wsgi"], cwd=ROOT, env=env, capture_output=True, text=True,
        check=False, timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr, result.stderr


def test_the_production_settings_do_not_relax_when_pytest_is_imported():
    env = {key: value for key, value in os.environ.items() if key not in CLEARED}
    env["DJANGO_SETTINGS_MODULE"] = "civhub.settings"
    result = subprocess.run(  # noqa: S603 - our own interpreter with a fixed program
        [sys.executable, "-c", "import pytest, django; django.setup()"], cwd=ROOT, env=env, capture_output=True,
        text=True, check=False, timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr, result.stderr
