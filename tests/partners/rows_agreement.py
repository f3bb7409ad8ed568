"""Permission rows for the register of the cooperation agreement (same shape as tests/test_permissions.py).

The register and its forms are the programme office's, like the office's other partner pages: the centre's other
roles and the partners get a 403, another centre's manager a 404. A scan of a signed agreement is the office's
only. The agreement's text (a version's document) is for the office and the centre's partners. Confirming a
signature in civhub is the partner's own signatory's: partner A's contact and the office get a 403 (the office
does not sign for a partner), partner B a 404, GET and POST alike. Another centre's partner, version or scan
under this centre's address is a 404.
"""

from datetime import date

from django.core.files.base import ContentFile

from civhub.partners.models import AgreementSignature, AgreementVersion
from tests.conftest import PERSONAS
from tests.partners.rows import CENTRE_NOT_OFFICE, DENIED, LOGIN, OFFICE, OFFICE_ACCESS, OFFICE_EMPTY_POST, PARTNERS

# The agreement's text: the office and the centre's partners.
DOCUMENT_READERS = {"anonymous": LOGIN, **dict.fromkeys(OFFICE + PARTNERS, 200),
                    **dict.fromkeys(CENTRE_NOT_OFFICE, 403), "other_centre_manager": 404}
# Confirming in civhub: partner A's signatory only.
SIGNATORY = {"anonymous": LOGIN, "partner_a_signatory": 200, "partner_b_contact": 404,
             **dict.fromkeys(OFFICE + CENTRE_NOT_OFFICE + ["partner_a_contact"], 403), "other_centre_manager": 404}
SIGNATORY_REFUSED = {persona: status for persona, status in SIGNATORY.items() if status != 200}
for who in (DOCUMENT_READERS, SIGNATORY):
    assert sorted(who) == sorted(PERSONAS)


def rows(url_name, args, who, method="GET"):
    return [(url_name, args, method, persona, status) for persona, status in who.items()]


def crossing(url_name, args, *, post=True):
    """Another centre's object under this centre's address: a 404 for the programme manager, GET and POST."""
    return [(url_name, args, method, "programme_manager", 404) for method in (("GET", "POST") if post else ("GET",))]


def _media(get):
    get("settings").MEDIA_ROOT = get("tmp_path")


def _version(centre) -> AgreementVersion:
    version = AgreementVersion(centre=centre, number=1, dated=date(2021, 6, 1), changes="Eerste versie")
    version.document.save("overeenkomst.pdf", ContentFile(b"%PDF-1.4 tekst"), save=False)
    version.save()
    return version


def _signed(version, partnership) -> AgreementSignature:
    signature = AgreementSignature(version=version, partnership=partnership, way=AgreementSignature.Way.SCAN,
                                   signed_by_name="J. Jansen", signed_on=date(2021, 6, 20))
    signature.scan.save("getekend.pdf", ContentFile(b"%PDF-1.4 scan"), save=False)
    signature.save()
    return signature


def centre_slug(get):
    return {"slug": get("centre").slug}


def with_version(get):
    _media(get)
    _version(get("centre"))
    return {"slug": get("centre").slug}


def partner_a_with_version(get):
    _media(get)
    _version(get("centre"))
    return {"slug": get("centre").slug, "code": get("partner_a").short_code}


def partner_a(get):
    return {"slug": get("centre").slug, "code": get("partner_a").short_code}


def other_centres_partner_here(get):
    """Another centre's partner (both centres have a version), asked for under the test centre's address."""
    _media(get)
    _version(get("centre"))
    _version(get("other_centre"))
    return {"slug": get("centre").slug, "code": get("other_partner").short_code}


def a_version(get):
    _media(get)
    return {"slug": get("centre").slug, "number": _version(get("centre")).number}


def other_centres_version_here(get):
    _media(get)
    return {"slug": get("centre").slug, "number": _version(get("other_centre")).number}


def scan_of_partner_a(get):
    _media(get)
    signature = _signed(_version(get("centre")), get("partner_a"))
    return {"slug": get("centre").slug, "number": signature.version.number, "code": get("partner_a").short_code}


def other_centres_scan_here(get):
    _media(get)
    signature = _signed(_version(get("other_centre")), get("other_partner"))
    return {"slug": get("centre").slug, "number": signature.version.number, "code": get("other_partner").short_code}


def _office_form(url_name, args):
    """A form of the office: GET as the office's pages; an empty POST is refused before it acts, or the form
    again with its errors (400) for the office."""
    return [*rows(url_name, args, OFFICE_ACCESS), *rows(url_name, args, DENIED, "POST"),
            *rows(url_name, args, OFFICE_EMPTY_POST, "POST")]


AGREEMENT_ROWS = [
    *rows("office:agreement", centre_slug, OFFICE_ACCESS),
    *rows("office:agreement", with_version, OFFICE_ACCESS),
    *_office_form("office:agreement_version_new", centre_slug),
    *_office_form("office:agreement_accession", with_version),
    ("office:agreement_accession", centre_slug, "GET", "programme_manager", 302),  # no version yet: back to the page
    *_office_form("office:agreement_signature", partner_a_with_version),
    ("office:agreement_signature", partner_a, "GET", "programme_manager", 302),  # no version yet: back to the page
    *crossing("office:agreement_signature", other_centres_partner_here),
    *_office_form("office:agreement_departure", partner_a),
    *crossing("office:agreement_departure", other_centres_partner_here),
    *rows("office:agreement_scan", scan_of_partner_a, OFFICE_ACCESS),
    *crossing("office:agreement_scan", other_centres_scan_here, post=False),
    *rows("portal:agreement_document", a_version, DOCUMENT_READERS),
    *crossing("portal:agreement_document", other_centres_version_here, post=False),
    *rows("portal:agreement_confirm", partner_a_with_version, SIGNATORY),
    *rows("portal:agreement_confirm", partner_a_with_version, SIGNATORY_REFUSED, "POST"),
    ("portal:agreement_confirm", partner_a_with_version, "POST", "partner_a_signatory", 302),  # signed: back
    ("portal:agreement_confirm", partner_a, "GET", "partner_a_signatory", 404),  # no version to sign yet
    *crossing("portal:agreement_confirm", other_centres_partner_here),
]
