"""Sending one delivery: a signed POST with urllib, and the next attempt when it fails.

- At most 10 seconds, no redirect followed (a 3xx is a failure), no proxy from the environment.
- The target's host is resolved once and every address checked: a private, loopback, link-local or otherwise
  non-public address is refused (a subscription must not make civhub reach into its own network), unless
  `WEBHOOKS_ALLOW_LOCAL_TARGETS` is on (development and the tests). The connection then goes to the very address
  that was checked, so a second DNS answer cannot point it elsewhere; https still verifies the host's certificate.
- A failed attempt is tried again after 1 minute, 5 minutes, 30 minutes, 2 hours and 12 hours; then the delivery
  has failed and the office can send it again by hand. `manage.py deliver_webhooks` (cron) enqueues what is due.
- A delivery is claimed before it is sent (its status becomes "being sent" with a lease), so the cron run and an
  immediate send never post it twice at once; a claim older than the lease was lost with its worker and is due.
"""

import functools
import http.client
import ipaddress
import socket
import ssl
import urllib.request
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from civhub.core.logs import carries_request_id
from civhub.webhooks.models import Delivery
from civhub.webhooks.signing import body_of, signature

Status = Delivery.Status

TIMEOUT_SECONDS = 10
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2), timedelta(hours=12))
LEASE = timedelta(minutes=5)  # far longer than one attempt may take
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
OPEN = (Status.PENDING, Status.SENDING)


class Refused(Exception):
    """The target may not be reached from here (its address, or its scheme)."""


def local_targets_allowed() -> bool:
    return bool(getattr(settings, "WEBHOOKS_ALLOW_LOCAL_TARGETS", False))


def scheme_problem(url: str) -> str:
    """Why this URL may not be a target, or "" when it may: https, or http to this machine when allowed."""
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018 (reading it checks it: a port past 65535 raises)
    except ValueError:
        return "not a valid port"
    if parts.username or parts.password:
        return "credentials in the URL"
    if parts.scheme == "https" and parts.hostname:
        return ""
    if parts.scheme == "http" and local_targets_allowed() and parts.hostname in LOCAL_HOSTS:
        return ""
    return "only https"


def checked_address(url: str) -> str:
    """The address to connect to; raises Refused for a non-public address (unless local targets are allowed)."""
    problem = scheme_problem(url)
    if problem:
        raise Refused(problem)
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except OSError as error:
        raise Refused(f"address not found: {error}") from error
    addresses = [info[4][0] for info in found]
    if not local_targets_allowed():
        for address in addresses:
            if not ipaddress.ip_address(address.split("%")[0]).is_global:
                raise Refused(f"not a public address: {address}")
    return addresses[0]


@functools.cache
def tls_context() -> ssl.SSLContext:
    """The system's trusted certificates, the host name checked; made once (loading them takes most of 0.1 s).
    The tests trust their own local certificate instead."""
    return ssl.create_default_context()


class PinnedHandler(urllib.request.HTTPSHandler):
    """Opens http and https connections to one checked address, whatever the host name resolves to later."""

    def __init__(self, address: str):
        super().__init__(context=tls_context())
        self.address = address

    def _connection(self, connection_class):
        address = self.address

        def connect(host, **kwargs):
            connection = connection_class(host, **kwargs)
            connection._create_connection = (  # the one hook http.client offers for this
                lambda target, *rest: socket.create_connection((address, target[1]), *rest))
            return connection

        return connect

    def http_open(self, request):
        return self.do_open(self._connection(http.client.HTTPConnection), request)

    def https_open(self, request):
        return self.do_open(self._connection(http.client.HTTPSConnection), request, context=self._context)

    http_request = urllib.request.AbstractHTTPHandler.do_request_


def post(delivery: Delivery) -> tuple[int | None, str]:
    """POST the delivery once: (the response's status code, "") or (None, what went wrong)."""
    body = body_of(delivery)
    timestamp = int(timezone.now().timestamp())
    try:
        address = checked_address(delivery.subscription.url)
    except Refused as error:
        return None, f"refused: {error}"
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "civhub-webhooks",
        "X-Civhub-Event": delivery.event,
        "X-Civhub-Delivery": str(delivery.pk),
        "X-Civhub-Signature": signature(delivery.subscription.secret, timestamp, body),
    }
    # A bare opener: no redirect handler, no proxy handler, no error processor (any status comes back as is).
    opener = urllib.request.OpenerDirector()
    opener.add_handler(PinnedHandler(address))
    try:
        # http or https only: checked_address refused every other scheme.
        request = urllib.request.Request(delivery.subscription.url, data=body, method="POST",  # noqa: S310
                                         headers=headers)
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            return response.status, ""
    except (OSError, http.client.HTTPException, ValueError) as error:  # timeouts and refusals are OSErrors
        return None, (str(error) or type(error).__name__)[:300]


def due(now=None):
    """The deliveries whose time has come: waiting, or claimed longer ago than the lease."""
    now = now or timezone.now()
    return Delivery.objects.filter(status__in=OPEN, next_attempt_at__lte=now, subscription__active=True)


def claim(pk: int, now) -> bool:
    """Take the delivery for one attempt; False when it is not due (sent, or being sent by someone else)."""
    claimed = due(now).filter(pk=pk).update(status=Status.SENDING, next_attempt_at=now + LEASE)
    return claimed == 1


def record_attempt(delivery: Delivery, code: int | None, error: str) -> Delivery:
    """Keep what the attempt brought and plan the next one (or give up after the last wait)."""
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_response_code, delivery.last_error = code, error
    if code is not None and 200 <= code < 300:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = Status.DELIVERED, now, None
    elif delivery.attempts <= len(BACKOFF):
        delivery.status, delivery.next_attempt_at = Status.PENDING, now + BACKOFF[delivery.attempts - 1]
    else:
        delivery.status, delivery.next_attempt_at = Status.FAILED, None
    delivery.save(update_fields=["attempts", "last_response_code", "last_error", "status", "delivered_at",
                                 "next_attempt_at"])
    return delivery


def deliver(pk: int) -> str:
    """One attempt at the delivery when it is due; returns its status afterwards ("" when it was not due)."""
    if not claim(pk, timezone.now()):
        return ""
    delivery = Delivery.objects.select_related("subscription__centre").get(pk=pk)
    code, error = post(delivery)
    return record_attempt(delivery, code, error).status


@task
@carries_request_id
def send_delivery(delivery_pk: int) -> str:
    """The background task: one attempt at one delivery (services enqueue it; so does `deliver_webhooks`)."""
    return deliver(delivery_pk)


def enqueue_due() -> int:
    """Enqueue every delivery that is due; returns how many."""
    pks = list(due().order_by("next_attempt_at", "pk").values_list("pk", flat=True))
    for pk in pks:
        send_delivery.enqueue(pk)
    return len(pks)

