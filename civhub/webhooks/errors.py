"""The webhooks app's domain error: a subscription or delivery refused, with a message for people."""

from civhub.core.errors import CivhubError


class WebhookError(CivhubError):
    """Raised by webhooks services; views show the message as a form error or a flash message."""
