"""civhub's URLs: the public site at the root, each centre's portal and office under /c/<slug>/."""

from django.contrib import admin
from django.urls import include, path

from civhub.partners.urls import office_patterns, portal_patterns, public_patterns

admin.site.site_header = "civhub"
admin.site.site_title = "civhub"

urlpatterns = [
    path("", include(public_patterns)),
    path("account/", include("civhub.accounts.urls")),
    path("c/<slug:slug>/portaal/", include(portal_patterns)),
    path("c/<slug:slug>/kantoor/", include(office_patterns)),
    path("c/<slug:slug>/bijdragen/", include("civhub.ledger.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
