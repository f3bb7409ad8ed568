"""Every personal field of every model is declared in a personal_data.py (core/personal_data.py): a new model with
a key to the user, an e-mail address, a name or a phone number fails here until its app says how it is exported
and erased, or why the field is not about a person."""

from django.apps import apps
from django.conf import settings
from django.db import models

from civhub.core import personal_data

NAME_WORDS = ("email", "phone")


def _looks_personal(field) -> bool:
    if field.is_relation:
        return field.related_model is not None and field.related_model._meta.label == settings.AUTH_USER_MODEL
    if isinstance(field, models.EmailField | models.GenericIPAddressField):
        return True
    if isinstance(field, models.CharField | models.TextField):
        name = field.name
        return name in {"name", "full_name", "username"} or name.endswith("_name") or any(
            word in name for word in NAME_WORDS)
    return False


def personal_fields() -> dict[str, set[str]]:
    """{model label: its fields that look personal}; a history table's copies count as its model's."""
    found: dict[str, set[str]] = {}
    for model in apps.get_models():
        recorded = getattr(model, "instance_type", None)
        for field in model._meta.get_fields():
            if field.auto_created or not (field.concrete or field.many_to_many) or not _looks_personal(field):
                continue
            label = model._meta.label
            if recorded is not None and field.name != "history_user":
                label = recorded._meta.label  # the history's copy of the recorded model's field
            found.setdefault(label, set()).add(field.name)
    return found


def test_every_personal_field_is_declared():
    declared = personal_data.declared_fields()
    missing = {label: sorted(names - declared.get(label, set())) for label, names in personal_fields().items()}
    missing = {label: names for label, names in missing.items() if names}
    assert not missing, f"personal fields no personal_data.py declares: {missing}"


def test_every_declared_field_exists():
    for label, names in personal_data.declared_fields().items():
        model = apps.get_model(label)
        for name in names:
            model._meta.get_field(name)


def test_the_walk_finds_what_it_should():
    found = personal_fields()
    assert {"name", "email", "user"} <= found["events.Registration"]
    assert "history_user" in found["partners.HistoricalContact"]
    assert "participants" in found["governance.Meeting"]


def test_a_field_nobody_declares_is_caught(monkeypatch):
    monkeypatch.delitem(personal_data._SOURCES, "events.registrations")
    declared = personal_data.declared_fields()
    assert "events.Registration" not in declared
    assert {"name", "email", "user"} <= personal_fields()["events.Registration"]
