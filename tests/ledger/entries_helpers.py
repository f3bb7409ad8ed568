"""Building ledger entries for the entry, review and period tests: through the real services, in any status."""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from civhub.accounts.models import Role
from civhub.core.models import Grant
from civhub.ledger.models import Contribution
from civhub.ledger.services import approval
from civhub.ledger.services.entries import EntryData, create_contribution
from tests.factories import GrantFactory
from tests.partners.factories import person

Status = Contribution.Status
ENTRY_DATE = datetime.date(2025, 6, 2)
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def with_grant(centre, **fields) -> Grant:
    """The centre's grant (2025-2028, a fixed rate of EUR 60 unless `fixed_hourly_rate` says otherwise)."""
    return Grant.objects.filter(centre=centre).first() or GrantFactory(centre=centre, **fields)


def pdf_upload(name="urenstaat.pdf", content=PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def make_entry(partnership, by, *, status=Status.DRAFT, signatory=None, controller=None, evidence=None,
               **data) -> Contribution:
    """An entry entered by `by`, moved through the services to `status` (other people step in as needed)."""
    with_grant(partnership.centre)
    fields = {"date": ENTRY_DATE, "kind": "education", "description": "Gastles lasrobot", "hours": Decimal("7.5"),
              **data}
    entry = create_contribution(partnership=partnership, actor=by, data=EntryData(**fields), evidence=evidence,
                                submit=status != Status.DRAFT)
    if status == Status.REJECTED:
        approval.reject_contribution(entry=entry, actor=signatory or _signatory(partnership), reason="Te veel uren")
    if status in (Status.APPROVED, Status.ACCEPTED, Status.REVERSED):
        approval.approve_contribution(entry=entry, actor=signatory or _signatory(partnership))
    if status in (Status.ACCEPTED, Status.REVERSED):
        approval.accept_contribution(entry=entry, actor=controller or _controller(partnership.centre))
    if status == Status.REVERSED:
        approval.reverse_contribution(entry=entry, actor=controller or _controller(partnership.centre),
                                      reason="Dubbel ingevoerd")
    entry.refresh_from_db()
    return entry


def _signatory(partnership):
    return person(partnership.centre, Role.PARTNER_SIGNATORY, partnership=partnership)


def _controller(centre):
    return person(centre, Role.FINANCE_CONTROLLER)
