"""A person's data: the export (AVG art. 15 and 20) and the erasure (art. 17), over every app's sources
(core/personal_data.py). Both are audited; the audit record names the person by their user id only."""

import io
import json
import zipfile
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from civhub.accounts.models import Membership, Role
from civhub.core import personal_data
from civhub.core.audit import record_event
from civhub.core.models import Centre
from civhub.privacy.errors import PrivacyError

# The roles a centre cannot be without: one of each in the centre, and a signatory for each partner.
NEEDED_CENTRE_ROLES = (Role.CENTRE_ADMIN, Role.PROGRAMME_MANAGER, Role.FINANCE_CONTROLLER)


def export_file_name(person) -> str:
    return f"civhub-gegevens-{person.pk}-{timezone.localdate().isoformat()}.zip"


def export_archive(*, person, actor, centre: Centre | None = None) -> bytes:
    """The ZIP of everything civhub keeps about `person`: one JSON file per kind of record and a README."""
    identity = personal_data.identity_of(person)
    sources = personal_data.sources()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for source in sources:
            rows = source.export(identity)
            archive.writestr(f"{source.name}.json",
                             json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2, sort_keys=True))
        # The README is in Dutch, the centre's language, whatever language the page was in.
        with translation.override("nl"):
            readme = render_to_string("privacy/export_readme.txt", {
                "person": person, "sources": sources, "made_at": timezone.localtime(),
            }, using="mail")
        archive.writestr("README.txt", readme)
    with transaction.atomic():
        record_event(person, actor=actor, action="personal_data_exported", centre=centre,
                     summary=f"user #{person.pk}")
    return buffer.getvalue()


def erasure_blockers(*, person, actor) -> list[str]:
    """Why `person` cannot be erased now, as sentences for the page (empty: they can)."""
    blockers = []
    if person.pk == actor.pk:
        blockers.append(_("You cannot erase your own account; ask another administrator."))
    if person.is_superuser and not actor.is_superuser:
        blockers.append(_("This person is a superuser; only another superuser can erase them."))
    memberships = list(Membership.objects.filter(user=person).select_related("centre", "partnership__organisation"))
    if not actor.is_superuser:
        administered = set(Membership.objects.filter(user=actor, role=Role.CENTRE_ADMIN)
                           .values_list("centre_id", flat=True))
        for centre in sorted({m.centre for m in memberships if m.centre_id not in administered}, key=str):
            blockers.append(_("This person also has a role in %(centre)s; only its administrator (or a superuser) "
                              "can erase them.") % {"centre": centre})
    for membership in memberships:
        others = Membership.objects.filter(centre=membership.centre, role=membership.role).exclude(user=person)
        if membership.role in NEEDED_CENTRE_ROLES and not others.exists():
            blockers.append(_("This person is the only %(role)s of %(centre)s. Give the role to someone else first.")
                            % {"role": membership.get_role_display(), "centre": membership.centre})
        if membership.role == Role.PARTNER_SIGNATORY and not others.filter(
                partnership=membership.partnership).exists():
            blockers.append(_("This person is the only signatory of %(partner)s in %(centre)s. Make someone else "
                              "signatory first.") % {"partner": membership.partnership.organisation,
                                                     "centre": membership.centre})
    return blockers


@dataclass(frozen=True)
class Erased:
    """What an erasure did: the rows changed per source, and the (model, field) where free text still mentions the
    person (written by others, or sealed in a hash chain)."""

    changed: dict[str, int]
    mentions_left: list[tuple]

    def places(self) -> list[str]:
        """The places left, as people read them: "contribution: description"."""
        return [f"{model._meta.verbose_name}: {model._meta.get_field(name).verbose_name}"
                for model, name in self.mentions_left]


def erase_person(*, person, actor, centre: Centre) -> Erased:
    """Replace the person's identity everywhere: the user row, the copies of their name and address in every app's
    records and history, the mentions in the audit log. Facts (contributions, answers, seats, signatures) stay,
    under the erased name."""
    with transaction.atomic():
        blockers = erasure_blockers(person=person, actor=actor)
        if blockers:
            raise PrivacyError(" ".join(blockers))
        identity = personal_data.identity_of(person)
        changed = {source.name: source.erase(identity) for source in personal_data.sources()
                   if source.erase is not None}
        left = personal_data.mentions(identity)
        # The audit record names the user id and the places left, never the identity that was erased.
        record_event(person, actor=actor, action="personal_data_erased", centre=centre,
                     summary=f"user #{person.pk}", changes={
                         "rows_changed": changed,
                         "mentions_left": [f"{model._meta.label}.{name}" for model, name in left]})
    return Erased(changed, left)
