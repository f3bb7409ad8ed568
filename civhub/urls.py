"""civhub's URLs: the public site at the root, each centre's portal and office under /c/<slug>/."""

from django.contrib import admin
from django.urls import include, path, re_path

from civhub.accounts.urls import centre_patterns
from civhub.api.rest.errors import unknown_address
from civhub.core.health import healthz
from civhub.partners.urls import office_patterns, portal_patterns, public_patterns

admin.site.site_header = "civhub"
admin.site.site_title = "civhub"

urlpatterns = [
    path("", include(public_patterns)),
    path("account/", include("civhub.accounts.urls")),
    path("account/api-sleutels/", include("civhub.api.account_urls")),
    path("c/<slug:slug>/", include(centre_patterns)),  # te-doen/ and zoeken/
    path("c/<slug:slug>/portaal/", include(portal_patterns)),
    path("c/<slug:slug>/kantoor/webhooks/", include("civhub.webhooks.urls")),  # the office's, from its own app
    path("c/<slug:slug>/kantoor/", include(office_patterns)),
    path("c/<slug:slug>/bijdragen/", include("civhub.ledger.urls")),
    path("c/<slug:slug>/subsidie/", include("civhub.grants.urls")),
    path("c/<slug:slug>/rapporten/", include("civhub.reports.urls")),
    path("c/<slug:slug>/programma/", include("civhub.programme.urls")),
    path("c/<slug:slug>/onderzoek/", include("civhub.research.urls")),
    path("c/<slug:slug>/leren/", include("civhub.learning.urls")),
    path("c/<slug:slug>/bestuur/", include("civhub.governance.urls")),
    path("c/<slug:slug>/agenda/", include("civhub.events.urls")),
    path("c/<slug:slug>/nieuws/", include("civhub.news.urls")),
    path("c/<slug:slug>/arbeidsmarkt/", include("civhub.hca.urls")),
    path("c/<slug:slug>/aanvraag/", include("civhub.applications.urls")),
    path("", include("civhub.privacy.urls")),  # account/mijn-gegevens/ and c/<slug>/privacy/
    path("api/", include("civhub.api.urls")),
    re_path(r"^api/v1/", unknown_address),  # after every API URL: a client gets a problem, not an HTML page
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),  # answered by core.health.HealthCheckMiddleware before any of this
]
