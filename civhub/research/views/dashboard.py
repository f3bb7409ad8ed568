"""The practorate's card on the programme office's dashboard."""

from civhub.research.selectors.projects import dashboard_figures


def dashboard_panel(request, centre) -> dict:
    """New questions waiting for triage, questions in intake, running projects and summaries awaiting approval."""
    return {"research": dashboard_figures(centre)}
