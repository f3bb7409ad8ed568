"""The funder pack as a submitted report keeps it (grants/snapshots.py): XLSX, PDF and the Samenvatting's figures.

The report's kind decides which registered parts it holds besides the pack (reports/sections.py): the final
report adds how the centre lives on after the subsidy.
"""

import io
from datetime import date

from django.utils import translation

from civhub.grants.selectors.monitor import monitor
from civhub.grants.snapshots import Snapshot
from civhub.reports.funder import summary_values, write_funder_xlsx
from civhub.reports.pdf import PDF_LANGUAGE, render_funder_pdf
from civhub.reports.sections import parts_for


def funder_snapshot(grant, as_of: date, kind: str | None = None) -> Snapshot:
    """The whole grant's pack as of `as_of`, in Dutch, as the funder receives it, with the parts of a `kind`
    of report."""
    with translation.override(PDF_LANGUAGE):  # the monitor's warnings and line names are texts too
        figures = monitor(grant, as_of=as_of)
        parts = parts_for(grant, as_of, kind)
    buffer = io.BytesIO()
    write_funder_xlsx(figures, buffer, parts=parts)
    return Snapshot(xlsx=buffer.getvalue(), pdf=render_funder_pdf(figures, parts=parts),
                    summary=summary_values(figures))
