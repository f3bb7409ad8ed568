"""The benchmark's URLconf (bench/settings.py): civhub's URLs and two floors to measure pages against.

The floors are what a page cannot beat under the same server and middleware: a view that does no work,
and one that makes a single small query.
"""

from django.http import HttpResponse
from django.urls import include, path

from civhub.core.models import Centre


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


def one_query(request):
    return HttpResponse(Centre.objects.order_by("pk").values_list("name", flat=True).first() or "",
                        content_type="text/plain")


urlpatterns = [
    path("__bench__/trivial/", trivial),
    path("__bench__/one-query/", one_query),
    path("", include("civhub.urls")),
]
