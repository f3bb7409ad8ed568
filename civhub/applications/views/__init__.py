"""The funding application's pages: the list and the workspace (`workspace`), a part (`parts`), the budget and its
import (`budget`), the continuation forecast (`continuation`). What every page shares is here."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


def workspace_url(application, anchor: str = "") -> str:
    return reverse("applications:workspace", args=[application.centre.slug, application.pk]) + anchor


def part_url(part, anchor: str = "") -> str:
    return reverse("applications:part", args=[part.application.centre.slug, part.pk]) + anchor


def budget_url(application, anchor: str = "") -> str:
    return reverse("applications:budget", args=[application.centre.slug, application.pk]) + anchor


def continuation_url(application, anchor: str = "") -> str:
    return reverse("applications:continuation", args=[application.centre.slug, application.pk]) + anchor


def unless_draft(request, application, to: str | None = None):
    """None while the application is a draft; else a redirect (to its workspace) saying it no longer changes."""
    if application.is_draft:
        return None
    messages.error(request, _("This application is %(status)s: only a draft can be changed.")
                   % {"status": application.get_status_display()})
    return redirect(to or workspace_url(application))


def unless_continuation_editable(request, application, to: str | None = None):
    """None while the forecast after the subsidy may change (a draft, or the partners asked after the award)."""
    if application.continuation_editable:
        return None
    return unless_draft(request, application, to)
