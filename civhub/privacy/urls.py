from django.urls import path

from civhub.privacy import views

app_name = "privacy"

# Mounted at the root (civhub/urls.py): the person's own download beside the account's pages, the administrator's
# pages in the centre.
urlpatterns = [
    path("account/mijn-gegevens/", views.my_data, name="my_data"),
    path("c/<slug:slug>/privacy/", views.people, name="people"),
    path("c/<slug:slug>/privacy/persoon/<int:pk>/", views.person, name="person"),
    path("c/<slug:slug>/privacy/persoon/<int:pk>/wissen/", views.erase, name="erase"),
]
