"""Writing news: the list with each item's status, the form (with a preview), and deleting after confirmation.

For the communications officer and the programme office; other roles of the centre get a 403,
other centres a 404.
"""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.core.views import attempt, confirm_then_act
from civhub.news.forms.news import NewsItemForm
from civhub.news.models import NewsItem
from civhub.news.permissions import editor_required
from civhub.news.sanitise import clean_body
from civhub.news.services.news import delete_news_item, save_news_item


def _item(centre, pk) -> NewsItem:
    return get_object_or_404(NewsItem.objects.filter(centre=centre), pk=pk)


@editor_required
def manage(request, centre):
    """`news:manage`: every item of the centre, drafts and scheduled ones included, with its status."""
    items = NewsItem.objects.filter(centre=centre).select_related("author").order_by("-created_at", "-pk")
    now = timezone.now()
    rows = [(item, item.status(now), item.status_label(now)) for item in items]
    return render(request, "news/manage/list.html", {"centre": centre, "rows": rows, "tab": "manage"})


@editor_required
def create(request, centre):
    return _form(request, centre, item=None)


@editor_required
def edit(request, centre, pk):
    return _form(request, centre, item=_item(centre, pk))


def _form(request, centre, *, item):
    form = NewsItemForm(request.POST or None, request.FILES or None, item=item)
    preview = None
    if form.is_bound and form.is_valid():
        if "preview" in request.POST:
            # Shown as it will be stored: the body goes through the same sanitiser; nothing is saved.
            preview = {**form.item_data(), "body": clean_body(form.cleaned_data["body"])}
        else:
            done = attempt(request, form, lambda: save_news_item(
                centre=centre, actor=request.user, data=form.item_data(), image=form.cleaned_data["image"],
                remove_image=form.cleaned_data.get("remove_image", False), item=item),
                lambda saved: _("The news item “%(title)s” is saved (%(status)s).")
                % {"title": saved.title, "status": saved.status_label()}, reverse("news:manage", args=[centre.slug]))
            if done:
                return done
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "news/manage/form.html", {"centre": centre, "form": form, "item": item,
                                                     "preview": preview, "tab": "manage"}, status=status)


@editor_required
def delete(request, centre, pk):
    """`news:delete`: a confirmation page; the POST deletes the item."""
    item = _item(centre, pk)
    return confirm_then_act(request, "news/manage/delete.html", {"centre": centre, "item": item, "tab": "manage"},
                            lambda: delete_news_item(item=item, actor=request.user),
                            _("The news item “%(title)s” is deleted.") % {"title": item.title},
                            reverse("news:manage", args=[centre.slug]))
