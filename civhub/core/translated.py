"""Texts that a centre writes in Dutch and may also give in English.

A centre's public texts live in the database as {"nl": "...", "en": "..."}; the page
shows the active language and falls back to Dutch.
"""

from django.utils.translation import get_language

FALLBACK_LANGUAGE = "nl"


def as_translated(value) -> dict:
    """Normalise a definition-file value (a string or a language mapping) for storage."""
    if value is None or value == "":
        return {}
    if isinstance(value, str):
        return {FALLBACK_LANGUAGE: value.strip()}
    if isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        return {k: v.strip() for k, v in value.items()}
    raise ValueError("expected a text or a mapping of language code to text")


def localized(value: dict | None, language: str | None = None) -> str:
    """The text in the given (else the active) language, falling back to Dutch."""
    if not value:
        return ""
    language = (language or get_language() or FALLBACK_LANGUAGE)[:2]
    return value.get(language) or value.get(FALLBACK_LANGUAGE) or next(iter(value.values()), "")
