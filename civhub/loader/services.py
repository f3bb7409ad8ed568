"""Writing a checked centre definition to the database, idempotently.

A second load of the same file must change nothing at all: no new rows, and no new
history rows either. So every row is compared with what the file says and saved only
when a value differs; rows are matched by their natural keys (a centre by slug, a line by
number, a pledge by partner, year and kind, ...).

What the file does not mention is mostly left alone, because other parts of civhub hang
on it: partners, users, memberships, programme lines, pledges and rate cards are only
created or updated. Only what the file fully owns is also removed when it disappears from
the file: the application budget's lines (budget version 1), the agenda and the public
contact persons.
"""

import json
from collections import Counter
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils.translation import gettext as _

from civhub.accounts.models import Membership, User
from civhub.core.audit import field_changes, record_event
from civhub.core.models import Centre, Grant, KeyDate, ProgrammeLine, PublicContact, Regulation
from civhub.grants.models import BudgetLine, BudgetVersion
from civhub.ledger.models import Pledge, RateCard
from civhub.loader.specs import CentreDefinition, GrantSpec, OrganisationSpec
from civhub.partners.models import Organisation, Partnership, normalise_name

APPLICATION_BUDGET_NUMBER = 1
APPLICATION_BUDGET_NAME = "Begroting aanvraag"  # data, in the centre's language, not an interface text


class LoadError(Exception):
    """The file is valid but conflicts with what the database already holds; nothing was written."""


@dataclass
class LoadResult:
    """What a load did, counted per model: created, updated, removed and unchanged rows."""

    centre: Centre | None = None
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    removed: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(self.created.total() or self.updated.total() or self.removed.total())

    def summary(self) -> str:
        """One line for the command's output and the audit event."""
        return _(
            "centre %(slug)s: %(created)d created, %(updated)d updated, %(removed)d removed, "
            "%(unchanged)d unchanged"
        ) % {
            "slug": self.centre.slug if self.centre else "?",
            "created": self.created.total(),
            "updated": self.updated.total(),
            "removed": self.removed.total(),
            "unchanged": self.unchanged.total(),
        }

    def changes(self) -> dict:
        """The counts per model, for the audit event."""
        return {name: dict(sorted(counter.items())) for name, counter in
                (("created", self.created), ("updated", self.updated), ("removed", self.removed)) if counter}


def load_centre_definition(*, definition: CentreDefinition, actor=None) -> LoadResult:
    """Create or update the centre `definition` describes, all in one transaction."""
    writer = _Writer(actor=actor)
    with transaction.atomic():
        centre = writer.save(Centre.objects.filter(slug=definition.centre.slug).first(), Centre,
                             vars(definition.centre))
        writer.result.centre = centre
        lines = _sync_programme_lines(writer, centre, definition)
        partnerships = _sync_partners(writer, centre, definition.organisations)
        grant = _sync_grant(writer, centre, definition.grant)
        _sync_budget(writer, grant, lines, definition)
        _sync_rate_cards(writer, partnerships, definition)
        _sync_pledges(writer, partnerships, definition)
        _sync_users(writer, centre, partnerships, definition)
        _sync_agenda(writer, centre, definition)
        _sync_public_contacts(writer, centre, definition)
        if writer.result.changed:
            record_event(centre, actor=actor, action="centre_loaded", centre=centre,
                         summary=writer.result.summary(), changes=writer.result.changes())
    return writer.result


class _Writer:
    """Saves a row only when it is new or differs from the file, and counts what it did."""

    def __init__(self, *, actor):
        self.actor = actor
        self.result = LoadResult()

    def save(self, instance: models.Model | None, model: type[models.Model], values: dict) -> models.Model:
        """Create `model(**values)` when `instance` is None, else update the fields that differ."""
        name = model._meta.model_name
        values = _by_column(values)
        if instance is None:
            instance = model(**values)
        elif field_changes(instance, values):
            for attribute, value in values.items():
                setattr(instance, attribute, value)
            self.result.updated[name] += 1
        else:
            self.result.unchanged[name] += 1
            return instance
        if instance.pk is None:
            self.result.created[name] += 1
        self._attribute(instance)
        instance.save()
        return instance

    def delete(self, instance: models.Model) -> None:
        """Remove a row the file no longer lists (its history row names the actor)."""
        self._attribute(instance)
        instance.delete()
        self.result.removed[instance._meta.model_name] += 1

    def _attribute(self, instance: models.Model) -> None:
        # django-simple-history reads the acting user from here when there is no request.
        if self.actor is not None:
            instance._history_user = self.actor


def _by_column(values: dict) -> dict:
    """Related rows as their ids (`centre` -> `centre_id`), so comparing never queries the database."""
    return {(f"{key}_id" if isinstance(value, models.Model) else key):
            (value.pk if isinstance(value, models.Model) else value) for key, value in values.items()}


def _sync_programme_lines(writer: _Writer, centre: Centre, definition: CentreDefinition) -> dict:
    """The centre's lines by number; lines the file leaves out stay (budgets may refer to them)."""
    existing = {line.number: line for line in centre.programme_lines.all()}
    for spec in definition.programme_lines:
        existing[spec.number] = writer.save(existing.get(spec.number), ProgrammeLine, {
            "centre": centre, "number": spec.number, "name": spec.name, "description": spec.description,
        })
    return existing


def _sync_partners(writer: _Writer, centre: Centre, specs: list[OrganisationSpec]) -> dict:
    """Organisations and their partnerships in this centre; returns partnerships by short code."""
    existing = list(Partnership.objects.filter(centre=centre).select_related("organisation"))
    resolved = [_resolve_partner(spec, existing) for spec in specs]
    _ensure_distinct_organisations(resolved)
    lead = next((partnership for spec, _org, partnership in resolved if spec.lead_applicant), None)
    for partnership in existing:
        # The database allows one lead per centre: step down the old lead before the new one steps up.
        if partnership.is_lead_applicant and partnership != lead:
            writer.save(partnership, Partnership, {"is_lead_applicant": False})
    result = {}
    for spec, organisation, partnership in resolved:
        organisation = writer.save(organisation, Organisation, _organisation_values(spec, organisation))
        result[spec.short_code] = writer.save(partnership, Partnership, {
            "centre": centre, "organisation": organisation, "short_code": spec.short_code,
            "cluster": spec.cluster, "is_lead_applicant": spec.lead_applicant,
            "cofinancing_group": spec.cofinancing_group, "status": spec.status, "joined_on": spec.joined_on,
        })
    return result


def _resolve_partner(spec: OrganisationSpec, existing: list[Partnership]) -> tuple:
    """The (spec, organisation, partnership) the file entry refers to; None for what is new.

    The centre's own partnership by short code wins, so a renamed organisation stays the same
    row; otherwise the global organisation is found by KvK number, then by normalised name.
    """
    partnership = next((p for p in existing if p.short_code == spec.short_code), None)
    organisation = partnership.organisation if partnership else _find_organisation(spec)
    if partnership is None and organisation is not None:
        partnership = next((p for p in existing if p.organisation_id == organisation.pk), None)
    if spec.kvk_number:
        holder = Organisation.objects.filter(kvk_number=spec.kvk_number).first()
        if holder is not None and holder != organisation:
            raise LoadError(_("organisation %(code)s: KvK number %(kvk)s belongs to another organisation, "
                              "%(other)s") % {"code": spec.short_code, "kvk": spec.kvk_number, "other": holder})
    return spec, organisation, partnership


def _ensure_distinct_organisations(resolved: list[tuple]) -> None:
    """Two entries of the file must not turn out to be one organisation already in the database."""
    seen: dict[int, str] = {}
    for spec, organisation, _partnership in resolved:
        if organisation is None or organisation.pk is None:
            continue
        if organisation.pk in seen:
            raise LoadError(_("organisations %(first)s and %(second)s are both the existing organisation "
                              "%(name)s") % {"first": seen[organisation.pk], "second": spec.short_code,
                                             "name": organisation})
        seen[organisation.pk] = spec.short_code


def _find_organisation(spec: OrganisationSpec) -> Organisation | None:
    """An organisation another centre (or an earlier load) already created, by KvK number or name."""
    if spec.kvk_number:
        by_number = Organisation.objects.filter(kvk_number=spec.kvk_number).first()
        if by_number is not None:
            return by_number
    candidates = Organisation.objects.filter(normalised_name=normalise_name(spec.name)).order_by("pk")
    if spec.kvk_number:
        # A namesake registered under another KvK number is another organisation.
        candidates = candidates.filter(kvk_number="")
    return candidates.first()


def _organisation_values(spec: OrganisationSpec, organisation: Organisation | None) -> dict:
    """Name and kind from the file; city, website and KvK number only where the file gives them.

    An organisation is global: another centre's file may know its website when this one does not.
    """
    values = {"name": spec.name, "kind": spec.kind}
    for attribute in ("city", "website", "kvk_number"):
        if getattr(spec, attribute) or organisation is None:
            values[attribute] = getattr(spec, attribute)
    return values


def _sync_grant(writer: _Writer, centre: Centre, spec: GrantSpec) -> Grant:
    """The grant, matched by centre, scheme and start, linked to the regulation the file names."""
    grant = Grant.objects.filter(centre=centre, scheme=spec.scheme, start=spec.start).first()
    return writer.save(grant, Grant, {"centre": centre, **vars(spec), "regulation": _regulation(spec.regulation)})


def _regulation(code: str | None) -> Regulation | None:
    """The regulation the file names by its code; LoadError for a code this deployment does not know."""
    if not code:
        return None
    found = Regulation.objects.filter(code=code).first()
    if found is None:
        known = ", ".join(Regulation.objects.order_by("code").values_list("code", flat=True)) or "-"
        raise LoadError(_("grant: unknown regulation '%(code)s'; known are %(known)s") % {"code": code,
                                                                                         "known": known})
    return found


def _sync_budget(writer: _Writer, grant: Grant, lines: dict, definition: CentreDefinition) -> None:
    """Budget version 1 holds the application's budget exactly as the file gives it."""
    version = _application_budget(writer, grant)
    existing = {(row.year, row.programme_line_id, row.category, row.source): row for row in version.lines.all()}
    for spec in definition.budget:
        line_id = lines[spec.line].pk if spec.line is not None else None
        key = (spec.year, line_id, spec.category, spec.source)
        writer.save(existing.pop(key, None), BudgetLine, {
            "version": version, "year": spec.year, "programme_line_id": line_id, "category": spec.category,
            "source": spec.source, "amount": spec.amount,
        })
    for row in existing.values():
        writer.delete(row)


def _application_budget(writer: _Writer, grant: Grant) -> BudgetVersion:
    """Version 1, current unless the office has since made a revision current."""
    version = grant.budget_versions.filter(number=APPLICATION_BUDGET_NUMBER).first()
    another_is_current = grant.budget_versions.filter(is_current=True).exclude(pk=getattr(version, "pk", None))
    values = {"grant": grant, "number": APPLICATION_BUDGET_NUMBER, "is_current": not another_is_current.exists()}
    if version is None:
        values.update(name=APPLICATION_BUDGET_NAME, created_by=writer.actor)
    return writer.save(version, BudgetVersion, values)


def _sync_rate_cards(writer: _Writer, partnerships: dict, definition: CentreDefinition) -> None:
    """Rate cards by partner, category and date; rates imported later are kept."""
    existing = {(card.partnership_id, card.category, card.valid_from): card
                for card in RateCard.objects.filter(partnership__in=partnerships.values())}
    for spec in definition.rate_cards:
        partnership = partnerships[spec.organisation]
        key = (partnership.pk, spec.category, spec.valid_from)
        writer.save(existing.get(key), RateCard, {
            "partnership": partnership, "category": spec.category, "hourly_rate": spec.hourly_rate,
            "valid_from": spec.valid_from,
        })


def _sync_pledges(writer: _Writer, partnerships: dict, definition: CentreDefinition) -> None:
    """Pledges by partner, year and kind."""
    existing = {(pledge.partnership_id, pledge.year, pledge.kind): pledge
                for pledge in Pledge.objects.filter(partnership__in=partnerships.values())}
    for spec in definition.pledges:
        partnership = partnerships[spec.organisation]
        writer.save(existing.get((partnership.pk, spec.year, spec.kind)), Pledge, {
            "partnership": partnership, "year": spec.year, "kind": spec.kind, "amount": spec.amount,
        })


def _sync_users(writer: _Writer, centre: Centre, partnerships: dict, definition: CentreDefinition) -> None:
    """Users by e-mail (new ones get no usable password: an invitation sets it) and their roles."""
    existing = set(Membership.objects.filter(centre=centre).values_list("user_id", "role", "partnership_id"))
    users: dict[str, User] = {}
    for spec in definition.users:
        user = users.get(spec.email) or _user(writer, spec.email, spec.name)
        users[spec.email] = user
        partnership = partnerships[spec.organisation] if spec.organisation else None
        key = (user.pk, spec.role, partnership.pk if partnership else None)
        if key in existing:
            writer.result.unchanged["membership"] += 1
            continue
        writer.save(None, Membership, {"user": user, "centre": centre, "role": spec.role,
                                       "partnership": partnership})
        existing.add(key)


def _user(writer: _Writer, email: str, name: str) -> User:
    """The user with this e-mail, created without a usable password when new.

    An existing user's name is left alone: people are global and edit their own profile,
    and another centre's file may spell the name differently.
    """
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        writer.result.unchanged["user"] += 1
        return user
    writer.result.created["user"] += 1
    return User.objects.create_user(email=email, full_name=name)


def _sync_agenda(writer: _Writer, centre: Centre, definition: CentreDefinition) -> None:
    """The public agenda exactly as the file gives it, matched by date and title."""
    existing = {(item.starts_on, _json_key(item.title)): item for item in centre.key_dates.all()}
    for spec in definition.agenda:
        writer.save(existing.pop((spec.starts_on, _json_key(spec.title)), None), KeyDate, {
            "centre": centre, "starts_on": spec.starts_on, "ends_on": spec.ends_on, "title": spec.title,
            "description": spec.description,
        })
    for item in existing.values():
        writer.delete(item)


def _sync_public_contacts(writer: _Writer, centre: Centre, definition: CentreDefinition) -> None:
    """The public contact persons exactly as the file gives them, in the file's order."""
    existing = {contact.name: contact for contact in centre.public_contacts.all()}
    for order, spec in enumerate(definition.contact_persons):
        writer.save(existing.pop(spec.name, None), PublicContact, {
            "centre": centre, "name": spec.name, "position": spec.position, "phone": spec.phone,
            "email": spec.email, "order": order,
        })
    for contact in existing.values():
        writer.delete(contact)


def _json_key(value: dict) -> str:
    """A translated text as a comparable key, whatever order its languages are stored in."""
    return json.dumps(value, sort_keys=True)
