"""The public page of research results: finished projects whose summary every partner approved."""

from django.shortcuts import get_object_or_404, render

from civhub.core.models import Centre
from civhub.research.selectors.projects import public_projects


def public(request, slug):
    centre = get_object_or_404(Centre, slug=slug)
    return render(request, "research/public/results.html", {
        "centre": centre, "projects": list(public_projects(centre)),
    })
