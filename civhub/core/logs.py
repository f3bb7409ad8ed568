"""Structured logs: one line per request and per task, JSON in production (LOG_FORMAT, settings.py).

`RequestLogMiddleware` gives every request an id, the proxy's X-Request-ID when it is a plausible one (letters,
digits and `-_.:`, at most 128) and a new one otherwise, so a hostile header cannot forge or break log lines; the
id goes back in the response's X-Request-ID. When the request is done it writes one line to `civhub.requests`:
method, path, status, duration, the signed-in user's id and the client's address (core/clients.py, the same one
the limits count). A task writes one line to `civhub.tasks` when it finishes. A task queued during a request carries
the request's id into the worker: `enqueue(task, ...)` adds it to the task's keyword arguments, and a task function
decorated with `carries_request_id` runs under it, so its own log lines and its line in `civhub.tasks` name the
request that caused it. `JsonFormatter` writes a record and its `fields` as one JSON object.
"""

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime
from functools import wraps

from django.dispatch import receiver
from django.tasks.signals import task_finished
from django.utils.functional import empty

from civhub.core.clients import client_address

request_logger = logging.getLogger("civhub.requests")
task_logger = logging.getLogger("civhub.tasks")

REQUEST_ID_HEADER = "X-Request-ID"
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
current_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("current_request_id", default=None)
# The keyword argument that carries the request id into a task (travels with the task's other arguments as JSON).
REQUEST_ID_ARGUMENT = "request_id"


class JsonFormatter(logging.Formatter):
    """A log record as one JSON object: time, level, logger, message, the record's `fields` and any traceback."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        if "request_id" not in entry and current_request_id.get():
            entry["request_id"] = current_request_id.get()
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def request_id_for(request) -> str:
    given = request.headers.get(REQUEST_ID_HEADER, "")
    return given if VALID_REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


def signed_in_user_id(request) -> int | None:
    # Only a user the request has already loaded: asking here would cost a session and a user query.
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None


class RequestLogMiddleware:
    """Give the request its id and write its one log line when the response is ready (first in MIDDLEWARE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_for(request)
        token = current_request_id.set(request.request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        response[REQUEST_ID_HEADER] = request.request_id
        fields = {
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": duration_ms,
            "user_id": signed_in_user_id(request),
            "request_id": request.request_id,
            "client": client_address(request),
        }
        request_logger.info("%s %s %s %sms", request.method, request.path, response.status_code, duration_ms,
                            extra={"fields": fields})
        return response


def carries_request_id(function):
    """Decorate a task's function (below `@task`): it accepts the request id `enqueue` adds and runs under it."""

    @wraps(function)
    def run(*args, **kwargs):
        given = kwargs.pop(REQUEST_ID_ARGUMENT, None)
        token = current_request_id.set(given or current_request_id.get())
        try:
            return function(*args, **kwargs)
        finally:
            current_request_id.reset(token)

    run.carries_request_id = True
    return run


def enqueue(task, *args, **kwargs):
    """Queue `task` as `task.enqueue(...)` does; one whose function `carries_request_id` gets the current request's
    id, so that the worker's log lines for it name the request that queued it."""
    request_id = current_request_id.get()
    if request_id and getattr(task.func, "carries_request_id", False):
        kwargs[REQUEST_ID_ARGUMENT] = request_id
    return task.enqueue(*args, **kwargs)


@receiver(task_finished, dispatch_uid="civhub.core.logs.log_task")
def log_task(sender, task_result, **kwargs):
    started, finished = task_result.started_at, task_result.finished_at
    duration_ms = round((finished - started).total_seconds() * 1000, 1) if started and finished else None
    fields = {
        "task": task_result.task.name,
        "task_id": task_result.id,
        "status": task_result.status.name,
        "duration_ms": duration_ms,
        # The worker sends this signal after the task's own context is gone: the id it carried is in its arguments.
        "request_id": task_result.kwargs.get(REQUEST_ID_ARGUMENT) or current_request_id.get(),
    }
    task_logger.info("task %s %s %sms", fields["task"], fields["status"], duration_ms, extra={"fields": fields})
