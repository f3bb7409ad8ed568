"""The funder pack as a submitted report keeps it (grants/snapshots.py): XLSX, PDF and the Samenvatting's figures."""

import io
from datetime import date

from django.utils import translation

from civhub.grants.selectors.monitor import monitor
from civhub.grants.snapshots import Snapshot
from civhub.reports.funder import summary_values, write_funder_xlsx
from civhub.reports.pdf import PDF_LANGUAGE, render_funder_pdf


def funder_snapshot(grant, as_of: date) -> Snapshot:
    """The whole grant's pack as of `as_of`, in Dutch, as the funder receives it."""
    with translation.override(PDF_LANGUAGE):  # the monitor's warnings and line names are texts too
        figures = monitor(grant, as_of=as_of)
    buffer = io.BytesIO()
    write_funder_xlsx(figures, buffer)
    return Snapshot(xlsx=buffer.getvalue(), pdf=render_funder_pdf(figures), summary=summary_values(figures))
