"""The site speaks Dutch unless the visitor chose otherwise."""

# A system calling the partners' API has no language switch: it asks with Accept-Language (docs/api.md).
API_PATH = "/api/v1/"


class DutchUnlessChosenMiddleware:
    """Ignore the browser's Accept-Language header, so the site is Dutch by default.

    Only an explicit choice with the language switch (Django's language cookie) shows
    English; a Dutch school's visitor with an English browser still gets the Dutch site.
    The partners' API (under API_PATH) keeps the header: its errors come in the language asked for,
    Dutch without one. Must come before django.middleware.locale.LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PATH):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
