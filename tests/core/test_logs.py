"""Structured logs (civhub/core/logs.py): one JSON line per request and per task, and the request id."""

import json
import logging
import sys

import pytest
from django.http import HttpResponse
from django.tasks import task
from django.test import RequestFactory

from civhub.core.logs import JsonFormatter, RequestLogMiddleware, carries_request_id, enqueue

pytestmark = pytest.mark.django_db

REQUEST_FIELDS = {"method", "path", "status", "duration_ms", "user_id", "request_id", "client"}


def request_lines(caplog) -> list[dict]:
    return [json.loads(JsonFormatter().format(record)) for record in caplog.records if record.name == "civhub.requests"]


def test_a_request_writes_one_json_line_with_its_fields(client, caplog):
    with caplog.at_level(logging.INFO, logger="civhub.requests"):
        response = client.get("/healthz?probe=1")
    [line] = request_lines(caplog)
    assert REQUEST_FIELDS <= line.keys()
    assert (line["method"], line["path"], line["status"], line["user_id"]) == ("GET", "/healthz", 200, None)
    assert line["client"] == "127.0.0.1"
    assert isinstance(line["duration_ms"], float)
    assert line["level"] == "INFO" and line["logger"] == "civhub.requests"
    assert line["request_id"] == response["X-Request-ID"]
    assert len(line["request_id"]) == 32


def test_the_line_names_the_signed_in_user(persona_client, programme_manager, caplog):
    client = persona_client("programme_manager")
    with caplog.at_level(logging.INFO, logger="civhub.requests"):
        client.get("/account/")
    assert request_lines(caplog)[-1]["user_id"] == programme_manager.pk


def test_the_client_address_is_the_one_the_limits_count(client, caplog, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    with caplog.at_level(logging.INFO, logger="civhub.requests"):
        client.get("/healthz", HTTP_X_FORWARDED_FOR="198.51.100.4, 203.0.113.9")
    assert request_lines(caplog)[-1]["client"] == "203.0.113.9"


def test_the_proxys_request_id_is_kept(client, caplog):
    with caplog.at_level(logging.INFO, logger="civhub.requests"):
        response = client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a.19:abc_DEF")
    assert response["X-Request-ID"] == "lb-7f3a.19:abc_DEF"
    assert request_lines(caplog)[-1]["request_id"] == "lb-7f3a.19:abc_DEF"


@pytest.mark.parametrize("hostile", ['x" , "user_id": 1', "a\nb", "x" * 129, "<script>", ""])
def test_a_hostile_request_id_is_replaced(client, hostile, caplog):
    with caplog.at_level(logging.INFO, logger="civhub.requests"):
        response = client.get("/healthz", HTTP_X_REQUEST_ID=hostile)
    assert response["X-Request-ID"] != hostile
    assert len(response["X-Request-ID"]) == 32
    assert request_lines(caplog)[-1]["request_id"] == response["X-Request-ID"]


def test_a_line_with_an_exception_stays_one_json_line():
    try:
        raise ValueError("broken")
    except ValueError:
        record = logging.LogRecord("civhub", logging.ERROR, __file__, 1, "failed %s", ("x",), sys.exc_info())
    line = JsonFormatter().format(record)
    assert "\n" not in line
    assert json.loads(line)["message"] == "failed x"
    assert "ValueError: broken" in json.loads(line)["exception"]


@task
def logged_task():
    return "done"


def test_a_task_writes_one_line_with_its_name_status_and_duration(caplog):
    with caplog.at_level(logging.INFO, logger="civhub.tasks"):
        logged_task.enqueue()
    [record] = [record for record in caplog.records if record.name == "civhub.tasks"]
    line = json.loads(JsonFormatter().format(record))
    assert line["task"].endswith("logged_task")
    assert line["status"] == "SUCCESSFUL"
    assert line["duration_ms"] >= 0
    assert line["request_id"] is None


def test_a_task_run_in_a_request_carries_its_request_id(caplog):
    def view(request):
        logged_task.enqueue()  # the immediate backend runs it here, inside the request
        return HttpResponse()

    request = RequestFactory().get("/", HTTP_X_REQUEST_ID="req-42")
    with caplog.at_level(logging.INFO, logger="civhub.tasks"):
        RequestLogMiddleware(view)(request)
    [record] = [record for record in caplog.records if record.name == "civhub.tasks"]
    assert json.loads(JsonFormatter().format(record))["request_id"] == "req-42"


@task
@carries_request_id
def task_that_logs():
    logging.getLogger("civhub.tests").info("working")
    return "done"


def test_a_task_queued_in_a_request_carries_its_id_in_its_arguments(caplog):
    results = []

    def view(request):
        results.append(enqueue(task_that_logs))
        return HttpResponse()

    RequestLogMiddleware(view)(RequestFactory().get("/", HTTP_X_REQUEST_ID="req-7"))
    assert results[0].kwargs == {"request_id": "req-7"}


def test_the_worker_runs_a_task_under_the_request_id_it_carries(caplog):
    """What the worker does with the queued arguments, outside any request: every line names the request."""
    caplog.handler.setFormatter(JsonFormatter())  # as the handlers in production: formatted when written
    with caplog.at_level(logging.INFO, logger="civhub.tests"), caplog.at_level(logging.INFO, logger="civhub.tasks"):
        task_that_logs.enqueue(request_id="req-8")
    lines = [json.loads(text) for text in caplog.text.splitlines()]
    ours = {(line["logger"], line.get("request_id")) for line in lines if line["logger"].startswith("civhub")}
    assert ours == {("civhub.tests", "req-8"), ("civhub.tasks", "req-8")}


def test_a_task_queued_outside_a_request_carries_no_id():
    assert enqueue(task_that_logs).kwargs == {}
