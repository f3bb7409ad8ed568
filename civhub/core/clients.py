"""The address a request came from, one answer for every limit that counts per address.

Without proxies (TRUSTED_PROXY_COUNT=0) it is REMOTE_ADDR. Behind n trusted proxies each of them appends the address
it received the request from to X-Forwarded-For, so the n-th address from the right is the one the outermost proxy
saw: the client. Addresses further left were written by the client itself and prove nothing. When the header is
shorter than that or holds no valid address, REMOTE_ADDR is the answer (the request did not come through the
proxies). The login throttle (axes, AXES_CLIENT_IP_CALLABLE) and the public forms' rate limits call this.
"""

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count:
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
