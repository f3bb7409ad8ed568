"""A real receiver for the webhook tests: an HTTP server on 127.0.0.1 (a free port) in a thread, which keeps every
POST it gets and answers with the status codes a test lines up (200 once they run out)."""

import ssl
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

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


TLS = Path(__file__).parent / "tls"


@pytest.fixture
def tls_receiver(monkeypatch):
    """The receiver behind HTTPS at https://localhost:<port>/, with a test certificate for "localhost" that civhub
    trusts for the test's duration (tls/localhost.pem, self-signed, valid until 2126)."""
    from civhub.webhooks import sending

    server = HTTPServer(("127.0.0.1", 0), _Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(TLS / "localhost.pem")
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.receiver = Receiver(url=f"https://localhost:{server.server_port}/hook/")
    monkeypatch.setattr(sending, "tls_context",
                        lambda: ssl.create_default_context(cafile=str(TLS / "localhost-cert.pem")))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server.receiver
    server.shutdown()
    server.server_close()
    thread.join()
