"""The steering group's composition: the members' page with its history (office edits) and the public page."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.core.models import Centre
from civhub.core.views import attempt, form_page, posted
from civhub.governance.forms import EndSeatForm, SeatForm
from civhub.governance.models import SteeringMember
from civhub.governance.permissions import may_edit, office_required, reader_required
from civhub.governance.selectors.steering import composition
from civhub.governance.services import steering


@reader_required
def steering_group(request, centre):
    current, former = composition(centre, today=timezone.localdate())
    return render(request, "governance/steering_group.html",
                  {"centre": centre, "current": current, "former": former, "tab": "steering",
                   "may_edit": may_edit(request.user, centre)})


def public_steering_group(request, slug):
    """The current composition, for everyone."""
    centre = get_object_or_404(Centre, slug=slug)
    current, _former = composition(centre, today=timezone.localdate())
    return render(request, "governance/public_steering_group.html", {"centre": centre, "current": current})


def _back(centre) -> str:
    return reverse("governance:steering_group", args=[centre.slug])


@office_required
def seat_new(request, centre):
    form = SeatForm(posted(request), centre=centre, initial={"start": timezone.localdate()})
    if form.is_bound and form.is_valid():
        done = attempt(request, form, lambda: steering.add_seat(centre=centre, actor=request.user,
                                                                data=form.data_object()),
                       _("The seat has been added."), _back(centre))
        if done:
            return done
    return form_page(request, "governance/seat_form.html", {"centre": centre, "form": form})


@office_required
def seat_end(request, centre, seat_pk):
    seat = get_object_or_404(SteeringMember.objects.select_related("user", "partnership__organisation"),
                             centre=centre, pk=seat_pk, end__isnull=True)
    form = EndSeatForm(posted(request), initial={"end": timezone.localdate()})
    if form.is_bound and form.is_valid():
        done = attempt(request, form, lambda: steering.end_seat(seat=seat, actor=request.user,
                                                                end=form.cleaned_data["end"]),
                       _("The seat has been closed; it stays in the history."), _back(centre))
        if done:
            return done
    return form_page(request, "governance/seat_end.html", {"centre": centre, "seat": seat, "form": form})
