"""core's own personal data (see core/personal_data.py): the audit log, the public contacts and the history tables.

The history tables of django-simple-history keep a copy of every version of a record: their copies of names and
e-mail addresses are erased by the source of the record itself (`personal_data.erase_history`), and their
`history_user` is a key to the (erased) user. This source exports the changes the person made and erases
mentions of them in the reasons given for a change.
"""

from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from civhub.core import personal_data, public_cache, requested_files
from civhub.core.models import AuditEvent, OutgoingMail, PublicContact, RequestedFile
from civhub.core.personal_data import Identity, Source


def _audit(identity: Identity) -> list[dict]:
    about = Q(actor=identity.user) | Q(target_type=identity.user._meta.label_lower, target_id=str(identity.user.pk))
    rows = AuditEvent.objects.filter(about | identity.mention_q("summary"))
    return personal_data.values(rows.order_by("created_at", "pk"), "pk", "created_at", "centre__slug", "actor_id",
                                "action", "target_type", "target_id", "summary", "changes")


def _erase_audit(identity: Identity) -> int:
    return personal_data.scrub_mentions(AuditEvent.objects.all(), identity, ["summary"], ["changes"])


def _public_contacts_of(identity: Identity):
    return PublicContact.objects.filter(identity.email_q("email") | (Q(email="") & identity.name_q("name")))


def _public_contacts(identity: Identity) -> list[dict]:
    return personal_data.values(_public_contacts_of(identity).order_by("pk"), "pk", "centre__slug", "name",
                                "position", "phone", "email")


def _erase_public_contacts(identity: Identity) -> int:
    public_cache.changed()  # an update() sends no post_save: the public page names the contact
    return _public_contacts_of(identity).update(name=personal_data.erased_name(identity.user), email="", phone="")


def _mails_of(identity: Identity):
    return OutgoingMail.objects.filter(identity.email_q("recipient"))


def _mails(identity: Identity) -> list[dict]:
    return personal_data.values(_mails_of(identity).order_by("created_at", "pk"), "pk", "created_at", "recipient",
                                "subject", "body", "state", "sent_at")


def _erase_mails(identity: Identity) -> int:
    return _mails_of(identity).delete()[0]


def _files(identity: Identity) -> list[dict]:
    rows = RequestedFile.objects.filter(requested_by=identity.user).order_by("created_at", "pk")
    return personal_data.values(rows, "pk", "created_at", "centre__slug", "kind", "parameters", "name", "status",
                                "finished_at")


def _erase_files(identity: Identity) -> int:
    return requested_files.remove(RequestedFile.objects.filter(requested_by=identity.user))


def history_models() -> list:
    """The history tables of django-simple-history (their model has `instance_type`, the recorded model; the tables
    of a history's many-to-many rows have no `history_user`)."""
    return [model for model in apps.get_models()
            if hasattr(model, "instance_type") and any(f.name == "history_user" for f in model._meta.fields)]


def _history(identity: Identity) -> list[dict]:
    rows = []
    for model in history_models():
        changes = model.objects.filter(history_user=identity.user).order_by("history_date")
        rows += [{"record": model.instance_type._meta.label, **row}
                 for row in changes.values("id", "history_date", "history_type", "history_change_reason")]
    return rows


def _erase_history_reasons(identity: Identity) -> int:
    return sum(personal_data.scrub_mentions(model.objects.all(), identity, ["history_change_reason"])
               for model in history_models())


personal_data.register(Source(
    name="core.audit", fields={"core.AuditEvent": ("actor",)}, export=_audit, erase=_erase_audit,
    description=_("What you did and what was done to your account, as the audit log recorded it.")))
personal_data.register(Source(
    name="core.public_contacts", fields={"core.PublicContact": ("name", "phone", "email")},
    export=_public_contacts, erase=_erase_public_contacts,
    description=_("Where the centre's public page names you as a contact.")))
personal_data.register(Source(
    name="core.mail", fields={"core.OutgoingMail": ("recipient",)}, export=_mails, erase=_erase_mails,
    description=_("The e-mails civhub sent you, or still has to send you.")))
personal_data.register(Source(
    name="core.files", fields={"core.RequestedFile": ("requested_by",)}, export=_files, erase=_erase_files,
    description=_("The files you asked civhub to make in the background (kept a week).")))
personal_data.register(Source(
    name="core.history", fields={model._meta.label: ("history_user",) for model in history_models()},
    export=_history, erase=_erase_history_reasons,
    description=_("The versions of records you saved (the history of changes).")))
personal_data.impersonal("core.Centre", "name", reason="the name of a centre")
personal_data.impersonal("core.Regulation", "name", reason="the name of a subsidy regulation")
personal_data.impersonal("core.RequestedFile", "name", reason="the name of a report's file (the centre and a date)")
personal_data.impersonal("django_tasks_database.DBTaskResult", "backend_name", "queue_name",
                         reason="the task queue's own names; a task's arguments are keys, never personal data")
