"""Two factors: an authenticator app (TOTP, django-otp) and single-use recovery codes.

The office (programme manager, finance controller, centre administrator), partner signatories and superusers must
use them; anyone else may turn them on. A person has at most one confirmed authenticator and one set of recovery codes
(django-otp's static device, whose tokens are deleted when used). The session counts as verified once a code was
accepted (django_otp.login); `SecondFactorMiddleware` sends an unverified person to the code page or, without a
device, to the enrolment page when they must have one.
"""

import secrets
from base64 import b32encode
from binascii import unhexlify

import django_otp
import segno
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from civhub.accounts import permissions
from civhub.accounts.models import OFFICE_ROLES, Role
from civhub.core.audit import record_event
from civhub.core.errors import CivhubError

REQUIRED_ROLES = frozenset(OFFICE_ROLES | {Role.PARTNER_SIGNATORY})
RECOVERY_CODE_COUNT = 10
RECOVERY_CODE_DIGITS = 12  # digits only, so one numeric field takes a code from the app or a recovery code


class TwoFactorError(CivhubError):
    """A code that does not match, or a change to two factors that is not allowed."""


def required_for(user) -> bool:
    """Whether the person must sign in with two factors: they hold an office role, sign for a partner, or are a
    superuser (who may do whatever the office does, and more)."""
    # The roles as the access rules read them (one query, kept on the user for the rest of the request).
    return user.is_superuser or bool(permissions.all_roles(user) & REQUIRED_ROLES)


def authenticator(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def recovery_codes_left(user) -> int:
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    return device.token_set.count() if device else 0


def new_secret() -> str:
    """A new TOTP key (20 random bytes, hex, as django-otp stores it), kept in the session until confirmed."""
    return random_hex(20)


def secret_text(key: str) -> str:
    """The key as an app wants it typed: base32 in groups of four (for people who cannot scan the QR code)."""
    encoded = b32encode(unhexlify(key)).decode()
    return " ".join(encoded[i:i + 4] for i in range(0, len(encoded), 4))


def provisioning_uri(user, key: str) -> str:
    return TOTPDevice(user=user, key=key).config_url


def qr_code_svg(user, key: str) -> str:
    """The QR code of the key as inline SVG (no image request, no script: the CSP allows neither from elsewhere)."""
    code = segno.make(provisioning_uri(user, key), error="m")
    return code.svg_inline(scale=5, border=2, dark="#000", light="#fff", title=_("QR code for your authenticator app"))


def normalise(code: str) -> str:
    """What the person typed, without the spaces and dashes a code is shown with."""
    return "".join(ch for ch in (code or "") if ch.isalnum())


def code_matches_key(key: str, code: str) -> bool:
    """Whether `code` is the app's current code for `key` (one step either way, for a slow typist's clock)."""
    code = normalise(code)
    if not code.isdigit():
        return False
    return TOTP(unhexlify(key), step=30, digits=6).verify(int(code), tolerance=1)


def _new_recovery_codes() -> list[str]:
    return ["".join(secrets.choice("0123456789") for _ in range(RECOVERY_CODE_DIGITS))
            for _ in range(RECOVERY_CODE_COUNT)]


def shown(code: str) -> str:
    """A recovery code in groups of four digits, easier to copy by hand."""
    return " ".join(code[i:i + 4] for i in range(0, len(code), 4))


@transaction.atomic
def enrol(*, user, key: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm a new authenticator with its first code; replaces any earlier one and gives fresh recovery codes.

    Returns the device and the recovery codes, which are shown once and kept only in django-otp's static device.
    """
    if not code_matches_key(key, code):
        raise TwoFactorError(_("This code does not match. Check the time on your phone and type the code the app "
                               "shows now."), field="code")
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, key=key, name=_("authenticator app"), confirmed=True)
    device.verify_token(int(normalise(code)))  # records the step, so the same code cannot be used again to sign in
    codes = _new_recovery_codes()
    recovery = StaticDevice.objects.create(user=user, name=_("recovery codes"), confirmed=True)
    recovery.token_set.bulk_create([recovery.token_set.model(device=recovery, token=code) for code in codes])
    record_event(user, actor=user, action="two_factor_enrolled", summary=f"Two factors set up for {user.email}")
    return device, codes


def verify(request, code: str) -> bool:
    """Check a code from the app or a recovery code (used up) and mark the session verified; False when wrong.

    django-otp slows down guessing: after each wrong code a device refuses codes for a growing number of seconds.
    """
    device = django_otp.match_token(request.user, normalise(code))
    if device is None:
        return False
    django_otp.login(request, device)
    if isinstance(device, StaticDevice):
        record_event(request.user, actor=request.user, action="recovery_code_used",
                     summary=f"{request.user.email} signed in with a recovery code")
    return True


@transaction.atomic
def turn_off(*, user) -> None:
    """The person's own choice, only when their roles do not require two factors."""
    if required_for(user):
        raise TwoFactorError(_("Your role requires two-step verification; it cannot be turned off."))
    _remove_devices(user)
    record_event(user, actor=user, action="two_factor_turned_off", summary=f"{user.email} turned two factors off")


@transaction.atomic
def reset(*, actor, user, centre) -> None:
    """A centre administrator removes a person's authenticator and recovery codes (a lost phone).

    The person is asked to set up two factors again when they next sign in; a session verified with the removed
    device no longer counts as verified (django-otp finds no device behind it).
    """
    _remove_devices(user)
    record_event(user, actor=actor, centre=centre, action="two_factor_reset",
                 summary=f"Two factors of {user.email} reset by {actor.email}")


def _remove_devices(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def give_demo_device(user, key: str) -> TOTPDevice:
    """The demo's authenticator with a published key, so a reviewer signs in without an app (loader only)."""
    TOTPDevice.objects.filter(user=user).exclude(name="demo").delete()
    device, _ = TOTPDevice.objects.update_or_create(user=user, name="demo", defaults={"key": key, "confirmed": True})
    return device


def current_code(device: TOTPDevice) -> str:
    """The code the app would show now (`manage.py totp_code`, DEBUG only)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
