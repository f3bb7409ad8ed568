"""A person's data across the apps (AVG/GDPR): what each app keeps about a person, to export and to erase.

The export and the erasure belong to `privacy`, on top of the stack; the records belong to the apps. Each app
declares its personal data in its own `personal_data.py`, which registers its sources when it is imported
(`autodiscover()`, on the registry's first use, imports the module of every installed app):

    personal_data.register(Source(name="events.registrations", fields={"events.Registration": ("name", "email",
                                  "user")}, export=registrations, erase=erase_registrations))

A `Source` names the personal fields it covers (per model label: foreign keys to the user model, e-mail
addresses, names, phone numbers), `export(identity)` gives the person's rows as JSON-ready dicts, and
`erase(identity)` replaces the copies of their identity in its records and returns how many rows it changed.
A field that only looks personal (a centre's name, a course's skill) is declared with `impersonal(...)`, with
the reason. `tests/privacy/test_registry.py` walks every model and fails on a personal field nobody declared.

A foreign key to the user needs no erasing: the user row itself is erased ("Verwijderde persoon #12"), so the key
points at nobody anyone can recognise, and the ledger's hashes, which cover user ids, still verify.
"""

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models.functions import Cast
from django.utils import translation
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

# A name shorter than this is not searched for in free text: "Jo" would erase half the audit log.
MIN_NAME_LENGTH = 4


@dataclass(frozen=True)
class Identity:
    """Who the export or erasure is about: the user, and the names and e-mail addresses their records carry."""

    user: models.Model
    names: frozenset[str]
    emails: frozenset[str]

    @property
    def texts(self) -> list[str]:
        """The names and addresses to look for in free text, longest first (so "Jan Jansen" goes before "Jan")."""
        found = {text for text in self.names if len(text) >= MIN_NAME_LENGTH} | set(self.emails)
        return sorted(found, key=lambda text: (-len(text), text))

    def email_q(self, path: str) -> models.Q:
        """Rows whose `path` is one of the person's addresses, in any case."""
        q = models.Q(pk__in=[])
        for email in self.emails:
            q |= models.Q(**{f"{path}__iexact": email})
        return q

    def name_q(self, path: str) -> models.Q:
        """Rows whose `path` is one of the person's names, in any case. Only for rows that name nobody by account
        or address: a namesake with an account of their own is never taken for the person."""
        q = models.Q(pk__in=[])
        for name in self.names:
            q |= models.Q(**{f"{path}__iexact": name})
        return q

    def mention_q(self, *paths: str) -> models.Q:
        """Rows in which one of `paths` (text, or JSON cast to text) mentions the person.

        JSON is stored with non-ASCII letters escaped on some databases ("Zo\\u00eb"): both spellings are sought.
        """
        q = models.Q(pk__in=[])
        for text in self.texts:
            for variant in {text, json.dumps(text)[1:-1]}:
                for path in paths:
                    q |= models.Q(**{f"{path}__icontains": variant})
        return q


@dataclass(frozen=True)
class Source:
    """One kind of personal data an app keeps: the fields it covers, its export, and its erasure."""

    name: str  # "events.registrations": also the file in the export, events.registrations.json
    fields: dict[str, tuple[str, ...]]  # {model label: the personal fields this source covers}
    export: Callable[[Identity], list[dict]]
    erase: Callable[[Identity], int] | None = None  # None: the records hold only keys to the user
    aliases: Callable[[models.Model], tuple[set[str], set[str]]] | None = None  # more (names, e-mails) of the user
    description: str = ""  # what the file holds, for the export's README (translated when it is written)


_SOURCES: dict[str, Source] = {}
_IMPERSONAL: dict[str, tuple[tuple[str, ...], str]] = {}


def register(source: Source) -> None:
    """Add a source; registering the same name again replaces it (an import may run twice in tests)."""
    _SOURCES[source.name] = source


def impersonal(label: str, *names: str, reason: str) -> None:
    """Declare fields of `label` that look personal but are not (a centre's name), with the reason."""
    known, _reason = _IMPERSONAL.get(label, ((), ""))
    _IMPERSONAL[label] = (tuple(dict.fromkeys([*known, *names])), reason)


def sources() -> list[Source]:
    autodiscover()
    return sorted(_SOURCES.values(), key=lambda source: source.name)


def declared_fields() -> dict[str, set[str]]:
    """{model label: the fields some source or an impersonal declaration covers}."""
    autodiscover()
    declared: dict[str, set[str]] = {}
    for source in _SOURCES.values():
        for label, names in source.fields.items():
            declared.setdefault(label, set()).update(names)
    for label, (names, _reason) in _IMPERSONAL.items():
        declared.setdefault(label, set()).update(names)
    return declared


def autodiscover() -> None:
    """Import every installed app's `personal_data` module, which registers its sources (core's own records are
    declared in `core/personal_records.py`, this module being the registry)."""
    autodiscover_modules("personal_data")
    import_module("civhub.core.personal_records")


def identity_of(user) -> Identity:
    """The user with every name and address their records carry (the sources' aliases: a contact's spelling)."""
    names, emails = {user.full_name.strip()}, {user.email.strip().lower()}
    for source in sources():
        if source.aliases is not None:
            more_names, more_emails = source.aliases(user)
            names |= {name.strip() for name in more_names}
            emails |= {email.strip().lower() for email in more_emails}
    return Identity(user=user, names=frozenset(name for name in names if name),
                    emails=frozenset(email for email in emails if email))


# What an erased identity becomes -----------------------------------------------------------------------------


def erased_name(user) -> str:
    """The name that replaces the person's, in the centre's language: "Verwijderde persoon #12"."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Erased person #%(id)s") % {"id": user.pk}


def erased_email(user) -> str:
    """An address that cannot receive mail (.invalid, RFC 2606) and stays unique per person."""
    return f"erased-{user.pk}@invalid"


def scrub(value, identity: Identity):
    """`value` (text, or JSON of lists and dicts) with every mention of the person replaced: addresses by the
    erased address, names by the erased name."""
    if isinstance(value, str):
        for text in identity.texts:
            replacement = erased_email(identity.user) if "@" in text else erased_name(identity.user)
            value = re.sub(re.escape(text), replacement, value, flags=re.IGNORECASE)
        return value
    if isinstance(value, list):
        return [scrub(item, identity) for item in value]
    if isinstance(value, dict):
        return {scrub(key, identity): scrub(item, identity) for key, item in value.items()}
    return value


def scrub_mentions(queryset: models.QuerySet, identity: Identity, text_fields: Iterable[str],
                   json_fields: Iterable[str] = ()) -> int:
    """Replace the person's mentions in these free-text and JSON fields of every row of `queryset`; the count."""
    text_fields, json_fields = list(text_fields), list(json_fields)
    casts = {f"_{name}_text": Cast(name, models.TextField()) for name in json_fields}
    rows = queryset.annotate(**casts).filter(identity.mention_q(*text_fields, *casts))
    changed = 0
    for row in rows.iterator(chunk_size=500):
        for name in [*text_fields, *json_fields]:
            setattr(row, name, scrub(getattr(row, name), identity))
        type(row).objects.filter(pk=row.pk).update(**{name: getattr(row, name) for name in [*text_fields,
                                                                                              *json_fields]})
        changed += 1
    return changed


def erase_history(model: type[models.Model], pks: Iterable, **values) -> int:
    """Give the history rows (django-simple-history) of these records the same erased `values`."""
    history = getattr(model, "history", None)
    if history is None:
        return 0
    return history.model.objects.filter(id__in=list(pks)).update(**values)


def mentions(identity: Identity) -> list[tuple[models.Model, str]]:
    """Where the person's names or addresses still occur, as (model, field): every text and JSON column of every
    model's table, found through the models (so a new table is searched too). What is left after an erasure is
    free text others wrote, or text sealed in a hash chain: the administrator checks it by hand."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        text_fields = [field for field in model._meta.concrete_fields
                       if isinstance(field, models.CharField | models.TextField | models.JSONField)]
        for field in text_fields:
            path = field.name
            rows = model._base_manager.all()
            if isinstance(field, models.JSONField):
                rows, path = rows.annotate(_as_text=Cast(field.name, models.TextField())), "_as_text"
            if rows.filter(identity.mention_q(path)).exists():
                found.append((model, field.name))
    return found


def values(queryset: models.QuerySet, *names: str) -> list[dict]:
    """The rows as JSON-ready dicts of these fields (dates and decimals are turned into text when written)."""
    return list(queryset.values(*names))


def entered_by(label: str, user_fields: tuple[str, ...], *names: str) -> Callable[[Identity], list[dict]]:
    """An export of the rows of `label` in which the person is named by one of `user_fields` (what they entered,
    approved, decided), with `names` and the fields that name them."""

    def export(identity: Identity) -> list[dict]:
        model = apps.get_model(label)
        q = models.Q(pk__in=[])
        for name in user_fields:
            q |= models.Q(**{name: identity.user})
        return values(model.objects.filter(q).order_by("pk"), "pk", *names, *(f"{name}_id" for name in user_fields))

    return export
