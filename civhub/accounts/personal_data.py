"""The account's personal data (see core/personal_data.py): the user row, the roles, the notification choice, and
what Django's admin log and django-axes' sign-in log keep about the person."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from civhub.accounts.models import Membership, NotificationPreference, User
from civhub.core import personal_data
from civhub.core.personal_data import Identity, Source

SIGN_IN_LOGS = (AccessAttempt, AccessLog, AccessFailureLog)
SECOND_FACTORS = (TOTPDevice, StaticDevice)


def _account(identity: Identity) -> list[dict]:
    user = identity.user
    account = personal_data.values(User.objects.filter(pk=user.pk), "pk", "email", "full_name", "preferred_language",
                                   "is_active", "date_joined", "last_login")
    roles = personal_data.values(Membership.objects.filter(user=user).order_by("pk"), "centre__slug", "role",
                                 "partnership__organisation__name", "created_at")
    preference = personal_data.values(NotificationPreference.objects.filter(user=user), "frequency",
                                      "last_digest_at")
    return [{"account": row, "roles": roles, "notifications": preference} for row in account]


def _erase_account(identity: Identity) -> int:
    """The user row loses name, address and password and can no longer sign in; roles and choices go."""
    user = User.objects.get(pk=identity.user.pk)
    user.full_name = personal_data.erased_name(user)
    user.email = personal_data.erased_email(user)
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.save()
    Membership.objects.filter(user=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    return 1


def _admin_log(identity: Identity) -> list[dict]:
    rows = LogEntry.objects.filter(user=identity.user).order_by("action_time", "pk")
    return personal_data.values(rows, "pk", "action_time", "content_type__model", "object_id", "object_repr",
                                "action_flag", "change_message")


def _erase_admin_log(identity: Identity) -> int:
    return personal_data.scrub_mentions(LogEntry.objects.all(), identity, ["object_repr", "change_message"])


def _sign_ins(identity: Identity) -> list[dict]:
    rows = []
    for model in SIGN_IN_LOGS:
        found = model.objects.filter(identity.email_q("username")).order_by("pk")
        rows += [{"log": model._meta.model_name, **row}
                 for row in found.values("attempt_time", "ip_address", "user_agent", "username")]
    return rows


def _erase_sign_ins(identity: Identity) -> int:
    """The sign-in logs only serve to stop password guessing: the person's rows go."""
    return sum(model.objects.filter(identity.email_q("username")).delete()[0] for model in SIGN_IN_LOGS)


def _second_factors(identity: Identity) -> list[dict]:
    """That the person has an authenticator app or recovery codes, and since when: never the keys or codes."""
    return [{"kind": model._meta.model_name, **row}
            for model in SECOND_FACTORS
            for row in model.objects.filter(user=identity.user).order_by("pk").values("name", "confirmed",
                                                                                      "created_at")]


def _erase_second_factors(identity: Identity) -> int:
    return sum(model.objects.filter(user=identity.user).delete()[0] for model in SECOND_FACTORS)


personal_data.register(Source(
    name="accounts.account",
    fields={"accounts.User": ("email", "full_name"), "accounts.Membership": ("user",),
            "accounts.NotificationPreference": ("user",)},
    export=_account, erase=_erase_account,
    description=_("Your account: name, e-mail address, language, your roles in the centres and your choice of "
                  "e-mail notifications.")))
personal_data.register(Source(
    name="accounts.admin_log", fields={"admin.LogEntry": ("user",)}, export=_admin_log, erase=_erase_admin_log,
    description=_("What you changed in the administration (Django admin).")))
personal_data.register(Source(
    name="accounts.sign_ins",
    fields={model._meta.label: ("username", "ip_address") for model in SIGN_IN_LOGS},
    export=_sign_ins, erase=_erase_sign_ins,
    description=_("Sign-in attempts with your e-mail address (kept to stop password guessing).")))
personal_data.register(Source(
    name="accounts.second_factors",
    fields={model._meta.label: ("user",) for model in SECOND_FACTORS},
    export=_second_factors, erase=_erase_second_factors,
    description=_("Whether you sign in with an authenticator app and recovery codes, and since when (never the "
                  "keys or the codes themselves).")))
personal_data.impersonal("otp_totp.TOTPDevice", "name", reason="the device's label, the same for everyone")
personal_data.impersonal("otp_static.StaticDevice", "name", reason="the device's label, the same for everyone")
personal_data.impersonal("auth.Group", "name", reason="the name of a group of permissions")
personal_data.impersonal("auth.Permission", "name", "codename", reason="the name of a permission")
