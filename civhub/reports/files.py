"""The reports the worker makes (core/requested_files.py): a funder pack above a size, and the partner statements of
a year as one ZIP (always: a PDF per partner takes a good half second each).

`funder_pack_is_large` decides which funder packs go to the worker: the centre's ledger and the grant's expenditure
together hold more entries than `settings.FUNDER_PACK_DIRECT_ENTRIES`. Below it the pack downloads at once, as before.
The makers are registered in reports/apps.py.
"""

from datetime import date

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civhub.core.models import Grant
from civhub.core.requested_files import FileKind
from civhub.grants.errors import GrantError
from civhub.grants.models import Expenditure
from civhub.grants.selectors.monitor import monitor
from civhub.ledger.models import Contribution
from civhub.reports.funder import write_funder_xlsx
from civhub.reports.pdf import PDF_LANGUAGE, render_funder_pdf
from civhub.reports.statements import write_statements_zip


def funder_pack_is_large(grant: Grant) -> bool:
    """Whether the pack's entries pass the limit; counted no further than the limit, so a large ledger costs little."""
    limit = settings.FUNDER_PACK_DIRECT_ENTRIES
    entries = Contribution.objects.filter(centre_id=grant.centre_id).values("pk")[:limit + 1].count()
    if entries > limit:
        return True
    return entries + Expenditure.objects.filter(grant=grant).values("pk")[:limit + 1].count() > limit


def funder_pack_parameters(grant: Grant, *, fmt: str, as_of: date, year: int | None) -> dict:
    return {"grant": grant.pk, "fmt": fmt, "as_of": as_of.isoformat(), "year": year}


def make_funder_pack(requested, out, progress) -> None:
    """The pack as the page would have sent it, for the grant, date and year it was asked for."""
    parameters = requested.parameters
    grant = Grant.objects.filter(centre=requested.centre, pk=parameters["grant"]).first()
    if grant is None:
        raise GrantError(_("The grant of this funder pack no longer exists."))
    figures = monitor(grant, as_of=date.fromisoformat(parameters["as_of"]), year=parameters["year"])
    if parameters["fmt"] == "pdf":
        with translation.override(PDF_LANGUAGE):  # the monitor's warnings and line names are texts too
            out.write(render_funder_pdf(figures))
    else:
        write_funder_xlsx(figures, out)


def make_partner_statements(requested, out, progress) -> None:
    write_statements_zip(requested.centre, requested.parameters["year"], out, progress=progress)


FUNDER_PACK = FileKind("funder_pack", gettext_lazy("Funder pack"), make_funder_pack, office=True)
PARTNER_STATEMENTS = FileKind("partner_statements", gettext_lazy("Partner statements (ZIP)"),
                              make_partner_statements, office=True)
