"""`client_address`: REMOTE_ADDR without proxies; behind n trusted proxies the n-th address from the right of
X-Forwarded-For; never an address the client could write itself."""

import pytest
from django.test import RequestFactory, override_settings

from civhub.core.clients import client_address


def request(remote="10.0.0.2", forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_without_proxies_the_header_is_ignored():
    assert client_address(request(forwarded="192.0.2.1")) == "10.0.0.2"


@pytest.mark.parametrize("count, forwarded, expected", [
    (1, "192.0.2.1", "192.0.2.1"),
    (1, "6.6.6.6, 192.0.2.1", "192.0.2.1"),  # the client's own entry on the left counts for nothing
    (2, "6.6.6.6, 192.0.2.1, 10.0.0.9", "192.0.2.1"),
    (2, "192.0.2.1", "10.0.0.2"),  # shorter than the chain of proxies: not through them
    (1, "not-an-address", "10.0.0.2"),
    (1, "", "10.0.0.2"),
    (1, "2001:db8::1", "2001:db8::1"),
])
def test_behind_trusted_proxies_the_outermost_proxys_entry_counts(count, forwarded, expected):
    with override_settings(TRUSTED_PROXY_COUNT=count):
        assert client_address(request(forwarded=forwarded)) == expected
