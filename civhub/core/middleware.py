"""The site speaks Dutch unless the visitor chose otherwise."""


class DutchUnlessChosenMiddleware:
    """Ignore the browser's Accept-Language header, so the site is Dutch by default.

    Only an explicit choice with the language switch (Django's language cookie) shows
    English; a Dutch school's visitor with an English browser still gets the Dutch site.
    Must come before django.middleware.locale.LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
