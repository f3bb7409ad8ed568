"""The office's webhook pages under /c/<slug>/kantoor/webhooks/: the list, a new one (its secret shown once), one
subscription's deliveries, switching off and removing (confirm, then act), a test event and sending again."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civhub.core.views import act, confirm_then_act, form_page, posted, show_error
from civhub.webhooks import selectors, services
from civhub.webhooks.errors import WebhookError
from civhub.webhooks.forms import SubscriptionForm
from civhub.webhooks.models import Delivery, Subscription
from civhub.webhooks.permissions import manager_required


def _subscription(centre, pk) -> Subscription:
    return get_object_or_404(Subscription, centre=centre, pk=pk)


def _list_url(centre) -> str:
    return reverse("webhooks:subscriptions", args=[centre.slug])


@manager_required
def subscriptions(request, centre):
    return render(request, "webhooks/subscriptions.html",
                  {"centre": centre, "subscriptions": selectors.subscriptions_with_latest(centre)})


@manager_required
def subscription_new(request, centre):
    form = SubscriptionForm(posted(request))
    if form.is_valid():
        try:
            subscription = services.create_subscription(centre=centre, actor=request.user, **form.cleaned_data)
        except WebhookError as error:
            show_error(form, error)
        else:
            # The secret is shown in this answer only: not stored in the session, not kept by the browser.
            response = render(request, "webhooks/created.html", {"centre": centre, "subscription": subscription})
            response["Cache-Control"] = "no-store"
            return response
    return form_page(request, "webhooks/subscription_new.html", {"centre": centre, "form": form})


@manager_required
def subscription(request, centre, pk):
    subscription = _subscription(centre, pk)
    return render(request, "webhooks/subscription.html", {
        "centre": centre, "subscription": subscription, "deliveries": selectors.deliveries_of(subscription)})


@manager_required
def subscription_deactivate(request, centre, pk):
    subscription = _subscription(centre, pk)
    return confirm_then_act(
        request, "webhooks/confirm.html", {"centre": centre, "subscription": subscription, "deleting": False},
        lambda: services.deactivate_subscription(subscription=subscription, actor=request.user),
        _("The webhook has been switched off."), _list_url(centre))


@manager_required
def subscription_delete(request, centre, pk):
    subscription = _subscription(centre, pk)
    return confirm_then_act(
        request, "webhooks/confirm.html", {"centre": centre, "subscription": subscription, "deleting": True},
        lambda: services.delete_subscription(subscription=subscription, actor=request.user),
        _("The webhook has been removed."), _list_url(centre))


@manager_required
@require_POST
def subscription_test(request, centre, pk):
    subscription = _subscription(centre, pk)
    return act(request, lambda: services.send_test_event(subscription=subscription, actor=request.user),
               _("The test event has been sent; its delivery is listed below."),
               reverse("webhooks:subscription", args=[centre.slug, subscription.pk]))


@manager_required
@require_POST
def delivery_resend(request, centre, pk):
    delivery = get_object_or_404(Delivery.objects.select_related("subscription"), subscription__centre=centre, pk=pk)
    return act(request, lambda: services.resend_delivery(delivery=delivery, actor=request.user),
               _("The delivery has been sent again."),
               reverse("webhooks:subscription", args=[centre.slug, delivery.subscription_id]))
