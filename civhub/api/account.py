"""The person's own page of personal API tokens (/account/api-sleutels/): list, make (shown once), revoke.

Each person manages only their own tokens; a token acts as its person with their roles, so no role is needed to
make one (a person without a role in any centre gets a token that finds nothing). Another person's token is a 404.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from civhub.api import selectors, services
from civhub.api.forms import TokenForm
from civhub.core.errors import CivhubError
from civhub.core.views import confirm_then_act, form_page, posted, show_error


@login_required
def tokens(request):
    return render(request, "api/tokens.html", {"tokens": selectors.tokens_of(request.user)})


@never_cache  # the page with the secret must not stay in a cache or the browser's history
@login_required
def token_new(request):
    """Make a token; the answer shows its secret this once (it is not kept, so it is not in a redirect)."""
    form = TokenForm(posted(request))
    if form.is_valid():
        try:
            token, secret = services.create_token(actor=request.user, name=form.cleaned_data["name"],
                                                  scope=form.cleaned_data["scope"], expires=form.expires_at())
        except CivhubError as error:
            show_error(form, error)
        else:
            return render(request, "api/token_made.html", {"token": token, "secret": secret})
    return form_page(request, "api/token_form.html", {"form": form})


@login_required
def token_revoke(request, pk):
    """GET: what stops working; POST: revoke the token at once."""
    token = get_object_or_404(selectors.tokens_of(request.user), pk=pk, revoked__isnull=True)
    return confirm_then_act(request, "api/token_revoke.html", {"token": token},
                            lambda: services.revoke_token(actor=request.user, token=token),
                            _("The token “%(name)s” has been revoked: it no longer works.") % {"name": token.name},
                            "api_tokens:list")
