"""The news pages for readers: the public list, an item, its image, and the partners' list with their items too.

Public published items are for everyone. Partners-only items are for the centre's members; for
anyone else such an item is a 404, as are drafts and scheduled items except for their writers.
"""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from civhub.core.models import Centre
from civhub.news import permissions as access
from civhub.news.permissions import member_required

PAGE_SIZE = 12


def _page(request, centre, items, *, tab: str):
    page_obj = Paginator(items.order_by("-publish_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "news/list.html", {
        "centre": centre, "page_obj": page_obj, "tab": tab,
        "is_member": access.is_member(request.user, centre), "is_editor": access.is_editor(request.user, centre),
    })


def news_list(request, slug):
    """`news:list`: the centre's public news, newest first (anyone)."""
    centre = get_object_or_404(Centre, slug=slug)
    return _page(request, centre, access.public_news(centre), tab="public")


@member_required
def partner_news(request, centre):
    """`news:partners`: all published news, partners-only items included, for the centre's members."""
    return _page(request, centre, access.published(centre), tab="partners")


def item(request, slug, pk):
    """`news:item`: one news item; writers also see their drafts and scheduled items here, marked as such."""
    centre = get_object_or_404(Centre, slug=slug)
    news_item = get_object_or_404(access.readable_items(request.user, centre).select_related("author"), pk=pk)
    return render(request, "news/item.html", {
        "centre": centre, "item": news_item, "tab": "partners" if not news_item.is_public else "public",
        "is_member": access.is_member(request.user, centre), "is_editor": access.is_editor(request.user, centre),
    })


def image(request, slug, pk):
    """`news:image`: the item's (re-encoded) image, for whoever may read the item."""
    centre = get_object_or_404(Centre, slug=slug)
    news_item = get_object_or_404(access.readable_items(request.user, centre), pk=pk)
    if not news_item.image:
        raise Http404
    content_type = "image/png" if news_item.image.name.endswith(".png") else "image/jpeg"
    with news_item.image.open("rb") as stored:  # re-encoded, so small: read whole, no file left open
        response = HttpResponse(stored.read(), content_type=content_type)
    response["Cache-Control"] = "public, max-age=3600" if news_item.is_public else "private, max-age=3600"
    return response
