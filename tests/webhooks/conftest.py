"""A real receiver for the webhook tests: an HTTP server on 127.0.0.1 (a free port) in a thread, which keeps every
POST it gets and answers with the status codes a test lines up (200 once they run out)."""

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest


@dataclass
class Received:
    path: str
    headers: dict
    body: bytes


@dataclass
class Receiver:
    url: str = ""
    requests: list[Received] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        receiver = self.server.receiver
        body = self.rfile.read(int(self.headers["Content-Length"]))
        receiver.requests.append(Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
        code = receiver.answers.pop(0) if receiver.answers else 200
        self.send_response(code)
        if 300 <= code < 400:
            self.send_header("Location", receiver.url + "elsewhere")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):  # quiet: the test reads what arrived
        pass


@pytest.fixture(autouse=True)
def local_targets(settings):
    """The receiver runs on this machine; in production such a target is refused."""
    settings.WEBHOOKS_ALLOW_LOCAL_TARGETS = True


@pytest.fixture
def receiver():
    server = HTTPServer(("127.0.0.1", 0), _Handler)
    server.receiver = Receiver(url=f"http://127.0.0.1:{server.server_port}/hook/")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server.receiver
    server.shutdown()
    server.server_close()
    thread.join()
