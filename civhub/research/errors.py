"""The practorate's domain error: a rule of the research pipeline broken, with a message for people."""


class ResearchError(Exception):
    """Raised by research services; views show the message as a flash message or a form error."""
