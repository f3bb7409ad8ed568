"""Every text Dutch: pages rendered in Dutch show none of Django's English texts (issue 14).

Django's own texts (validation errors, password rules, a select's empty choice) come from its
catalogue, or from ours where its Dutch is missing (civhub/core/apps.py). This test renders a page
of every URL the permission matrix (tests/test_permissions.py) opens for a persona, the forms
posted empty so their errors show too, and the set-password page a new partner sees first; it
fails on any of a list of English texts.
"""

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.test_permissions import (  # noqa: F401 (the matrix's shared fixtures)
    TABLE,
    centre_admin_fixture,
    centre_fixture,
    communications_fixture,
    finance_controller_fixture,
    other_centre_fixture,
    other_centre_manager_fixture,
    other_partner_fixture,
    partner_a_contact_fixture,
    partner_a_fixture,
    partner_a_signatory_fixture,
    partner_b_contact_fixture,
    partner_b_fixture,
    practor_fixture,
    programme_manager_fixture,
    signed_in,
    steering_member_fixture,
    world,
)

# Texts that only Django's English catalogue or an untranslated string would put on a page.
ENGLISH = [
    "Select an option", "This field is required", "Your password", "Enter a valid", "Ensure this value",
    "characters", "This password is too", "The two password fields", "password can’t", "password can't",
    "Select a valid choice", "Enter a number", "Enter a whole number", "Currently:", "Change:", "Clear",
    "No file was submitted", "The submitted file is empty", "Upload a valid", "Enter a list of values",
    "Required.", "January", "February", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Sunday",
]
ENGLISH_PATTERN = re.compile("|".join(re.escape(text) for text in ENGLISH))

# Per URL (and argument builder) the page is asked by the first of these personas the matrix lets in:
# partners first (the forms they fill in), then the office, then the centre's other roles and visitors.
PREFERENCE = ["partner_a_signatory", "partner_a_contact", "programme_manager", "finance_controller",
              "centre_admin", "practor", "communications", "steering_member", "anonymous", "partner_b_contact"]


def _pages():
    chosen = {}
    for url_name, args, method, persona, expected in TABLE:
        if expected not in (200, 400) or persona not in PREFERENCE or url_name.startswith("api:"):
            continue
        key = (url_name, args, method)
        if key not in chosen or PREFERENCE.index(persona) < PREFERENCE.index(chosen[key]):
            chosen[key] = persona
    return sorted(((*key, persona) for key, persona in chosen.items()), key=lambda row: (row[0], row[2], row[3]))


PAGES = _pages()


def english_on(html: str) -> list[str]:
    """The English texts on a page, each with a little of what surrounds it."""
    text = re.sub(r"<script.*?</script>|<style.*?</style>", "", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    return [text[max(match.start() - 40, 0):match.end() + 40].strip()
            for match in ENGLISH_PATTERN.finditer(text)]


def test_the_pages_cover_every_persona_and_the_forms():
    personas = {persona for *_, persona in PAGES}
    assert len(PAGES) > 150
    assert {"partner_a_signatory", "programme_manager", "anonymous"} <= personas
    assert any(method == "POST" for _, _, method, _ in PAGES)


@pytest.mark.usefixtures("world", "signed_in", "db")
@pytest.mark.parametrize(("url_name", "args", "method", "persona"), PAGES,
                         ids=[f"{u}-{a.__name__}-{m}-{p}" for u, a, m, p in PAGES])
def test_a_page_in_dutch_has_no_english_text(request, url_name, args, method, persona):
    url = reverse(url_name, kwargs=args(request.getfixturevalue))
    client = request.getfixturevalue("signed_in")(persona)
    response = client.post(url) if method == "POST" else client.get(url)
    if response.get("Content-Type", "").startswith("text/html"):
        assert english_on(response.content.decode()) == [], f"{method} {url} as {persona}"


@pytest.mark.usefixtures("world", "signed_in", "db")
def test_the_set_password_page_a_new_partner_sees_is_dutch(request):
    partner_a_contact = request.getfixturevalue("partner_a_contact")
    url = reverse("accounts:set_password", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(partner_a_contact.pk)),
        "token": default_token_generator.make_token(partner_a_contact)})
    client = request.getfixturevalue("signed_in")("anonymous")
    form_url = client.get(url)["Location"]  # Django moves the token into the session first
    page = client.get(form_url)
    assert "wachtwoord" in page.content.decode().lower()
    assert english_on(page.content.decode()) == []
    refusals = [("kort", "te kort: gebruik minstens 10 tekens"), ("1234567890", "bevat alleen cijfers"),
                ("partner-a.contact@example", "lijkt te veel op uw e-mailadres"), ("", "Dit veld is vereist")]
    for password, dutch in refusals:
        refused = client.post(form_url, {"new_password1": password, "new_password2": password}).content.decode()
        assert dutch in refused, password
        assert english_on(refused) == [], password
