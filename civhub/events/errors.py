"""The events app's domain error: a rule of registration broken, with a message for people."""


class EventError(Exception):
    """Raised by events services; views show the message as a form error or a flash message."""
