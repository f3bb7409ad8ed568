"""Two factors in tests: a known authenticator for a person, its code, and a test client past the second step.

`sign_in(client, user)` is `force_login` plus the second step for a person who needs it (the office, signatories,
anyone with an app): such a person gets an authenticator with TEST_KEY when they have none, and the session is
marked verified with it, as django_otp.login does after a right code.
"""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from civhub.accounts import two_factor

TEST_KEY = "3132333435363738393031323334353637383930"  # RFC 6238's test secret, "12345678901234567890"


def give_authenticator(user) -> TOTPDevice:
    device = two_factor.authenticator(user)
    if device is None:
        device = TOTPDevice.objects.create(user=user, key=TEST_KEY, name="test", confirmed=True)
    return device


def needs_second_factor(user) -> bool:
    return two_factor.required_for(user) or two_factor.authenticator(user) is not None


def pass_second_factor(client, user) -> None:
    """Mark the client's session verified with the person's authenticator (made when missing)."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = give_authenticator(user).persistent_id
    session.save()


def sign_in(client, user, **login):
    client.force_login(user, **login)
    if needs_second_factor(user):
        pass_second_factor(client, user)
    return client


def code_for(user) -> str:
    """A code the person's app would show that the server has not accepted yet (django-otp refuses a code twice:
    a test that signs the same person in twice within 30 seconds gets the next step's code, which it accepts)."""
    device = give_authenticator(user)
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    now = totp.t()
    step = max(now, device.last_t + 1)
    if step > now + device.tolerance:  # the next step's code is used too: wait for a fresh step
        time.sleep(device.step - (time.time() - device.t0) % device.step + 0.1)
        return code_for(user)
    totp.time = device.t0 + (step - device.drift) * device.step
    return f"{totp.token():0{device.digits}d}"
