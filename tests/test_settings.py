"""Production settings: with DEBUG off civhub stops without its secrets, and `check --deploy` is clean.

Each case runs manage.py in a fresh process, because the suite runs on tests/settings.py, which gives the
production settings a key and hosts; civhub/settings.py itself never asks whether pytest is loaded.
"""

import os
import runpy
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
    "DJANGO_ALLOW_ASYNC_UNSAFE", "SITE_URL", "LOG_FORMAT", "SECURE_SSL_REDIRECT",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    child_env = {key: value for key, value in os.environ.items() if key not in CLEARED}
    child_env.update(env)
    return subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, "manage.py", *args], cwd=ROOT, env=child_env, capture_output=True, text=True, timeout=120
    )


def production_env(**overrides: str) -> dict[str, str]:
    # token_urlsafe(45) is a 60-character random key.
    env = {"DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(45), "ALLOWED_HOSTS": "civhub.example.org",
           "SITE_URL": "https://civhub.example.org", "CACHE_URL": "redis://127.0.0.1:6379/9"}
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def test_check_deploy_reports_no_issues():
    result = manage("check", "--deploy", **production_env())
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL"])
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


def test_check_deploy_refuses_a_site_url_over_plain_http():
    result = manage("check", "--deploy", **production_env(SITE_URL="http://civhub.example.org"))
    assert result.returncode != 0
    assert "civhub.E001" in result.stderr, result.stderr


def test_plain_http_on_this_machine_passes_for_make_serve():
    env = production_env(SITE_URL="http://127.0.0.1:8000", ALLOWED_HOSTS="127.0.0.1,localhost", SECURE_SSL_REDIRECT="0")
    result = manage("check", "--deploy", **env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "civhub.E001" not in result.stdout + result.stderr


def test_production_without_a_shared_cache_warns_but_runs():
    result = manage("check", "--deploy", **production_env(CACHE_URL=None))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "civhub.W001" in output, output
    assert "CACHE_URL is not set" in output


def setting(name: str, **env: str) -> str:
    program = f"from django.conf import settings; print(settings.{name})"
    result = manage("shell", "--no-imports", "-c", program, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def production_setting(name: str, **env: str) -> str:
    return setting(name, **production_env(**env))


def test_production_logs_json_and_development_text():
    assert "JsonFormatter" in production_setting("LOGGING['formatters'][settings.LOG_FORMAT]")
    assert production_setting("LOG_FORMAT", LOG_FORMAT="text") == "text"
    assert setting("LOG_FORMAT", DEBUG="1") == "text"


def test_an_unknown_log_format_stops_with_a_clear_message():
    result = manage("check", **production_env(LOG_FORMAT="xml"))
    assert result.returncode != 0
    assert "LOG_FORMAT must be json or text" in result.stderr, result.stderr


def test_production_serves_hashed_static_files_and_secure_cookies():
    assert production_setting("STORAGES['staticfiles']['BACKEND']") == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    assert production_setting("SESSION_COOKIE_SECURE") == "True"
    assert production_setting("CSRF_COOKIE_SECURE") == "True"
    assert production_setting("SECURE_REDIRECT_EXEMPT") == "['^healthz$']"


def test_gunicorn_reads_its_processes_and_address_from_the_environment(monkeypatch):
    monkeypatch.setenv("PORT", "9123")
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("GUNICORN_THREADS", "8")
    monkeypatch.delenv("GUNICORN_WORKERS", raising=False)
    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert (config["bind"], config["workers"], config["threads"]) == ("0.0.0.0:9123", 3, 8)
    assert config["accesslog"] is None
    assert config["wsgi_app"] == "civhub.wsgi:application"
    monkeypatch.setenv("GUNICORN_WORKERS", "5")
    assert runpy.run_path(str(ROOT / "gunicorn.conf.py"))["workers"] == 5
