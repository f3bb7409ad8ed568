"""A person's own calendar feed: a secret URL with the partner events and the meetings they take part in."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from civhub.accounts.permissions import centre_role_required
from civhub.core.models import Centre
from civhub.events.ical import calendar, in_window
from civhub.events.models import CalendarFeedToken, Event
from civhub.events.permissions import feed_is_live, sees_partner_events
from civhub.events.selectors.agenda import personal_events
from civhub.events.services.feeds import feed_token, renew_feed_token
from civhub.events.views.public import ics_response
from civhub.governance.selectors.steering import meetings_for_agenda


@centre_role_required()
def feed(request, centre):
    """`events:feed`: the person's own feed URL to copy into their calendar; POST makes a new one."""
    if request.method == "POST":
        renew_feed_token(user=request.user)
        messages.success(request, _("Your calendar link is replaced. The old link no longer works; "
                                    "subscribe again with the new one."))
        return redirect("events:feed", centre.slug)
    token = feed_token(user=request.user)
    url = request.build_absolute_uri(reverse("events:personal_ics", args=[centre.slug, token.token]))
    return render(request, "events/feed.html", {"centre": centre, "feed_url": url})


def personal_ics(request, slug, token):
    """`events:personal_ics`: the feed behind a secret URL (no login: calendar apps cannot sign in)."""
    centre = get_object_or_404(Centre, slug=slug)
    owner = get_object_or_404(CalendarFeedToken.objects.select_related("user"), token=token).user
    if not feed_is_live(owner, centre):
        raise Http404
    events = personal_events(centre, owner) if sees_partner_events(owner, centre) else Event.objects.none()
    return ics_response(calendar(_("My agenda: %(centre)s") % {"centre": centre.name}, centre,
                                 events=in_window(events),
                                 meetings=in_window(meetings_for_agenda(centre, public_only=False, user=owner))),
                        f"mijn-agenda-{centre.slug}.ics")
