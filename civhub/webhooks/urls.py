"""The office's webhook pages, under /c/<slug>/kantoor/webhooks/ (civhub/urls.py)."""

from django.urls import path

from civhub.webhooks import views

app_name = "webhooks"

urlpatterns = [
    path("", views.subscriptions, name="subscriptions"),
    path("nieuw/", views.subscription_new, name="subscription_new"),
    path("<int:pk>/", views.subscription, name="subscription"),
    path("<int:pk>/uitzetten/", views.subscription_deactivate, name="subscription_deactivate"),
    path("<int:pk>/verwijderen/", views.subscription_delete, name="subscription_delete"),
    path("<int:pk>/testbericht/", views.subscription_test, name="subscription_test"),
    path("afleveringen/<int:pk>/opnieuw/", views.delivery_resend, name="delivery_resend"),
]
