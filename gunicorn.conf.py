"""gunicorn's settings for civhub (`gunicorn -c gunicorn.conf.py`; `make serve`, docs/deployment.md).

Everything comes from the environment: PORT (default 8000) or GUNICORN_BIND for the address, GUNICORN_WORKERS or
WEB_CONCURRENCY for the processes (default 2), GUNICORN_THREADS for the threads in each (default 4),
GUNICORN_TIMEOUT in seconds (default 60). gunicorn's access log is off: civhub writes its own line per request,
with the request id and the user (core/logs.py).
"""

import os


def _whole_number(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


wsgi_app = "civhub.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "").strip() or f"0.0.0.0:{_whole_number('PORT', 8000)}"
workers = _whole_number("GUNICORN_WORKERS", _whole_number("WEB_CONCURRENCY", 2))
threads = _whole_number("GUNICORN_THREADS", 4)
timeout = _whole_number("GUNICORN_TIMEOUT", 60)
accesslog = None
errorlog = "-"
