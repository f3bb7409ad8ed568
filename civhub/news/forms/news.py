"""The news item form: the writer's text, who reads it, when it appears, and an optional image."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civhub.core.fields import DateTimeField
from civhub.news.models import NewsItem

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class NewsItemForm(forms.Form):
    """Validates what was typed; the service sanitises the body and checks the image."""

    DRAFT, PUBLISH = "draft", "publish"

    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=400, widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("One or two sentences; shown in the news list and the feeds."))
    body = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Separate paragraphs with an empty line. For more formatting use these HTML tags: "
                    "<p>, <strong>, <em>, <ul>/<ol> with <li>, <a href=\"https://…\">, <h3>, <h4>, "
                    "<blockquote>. Anything else is removed."),
    )
    audience = forms.ChoiceField(label=_("Who may read it"), choices=NewsItem.Audience.choices,
                                 widget=forms.RadioSelect, initial=NewsItem.Audience.PUBLIC)
    publication = forms.ChoiceField(
        label=_("Publication"), widget=forms.RadioSelect, initial=DRAFT,
        choices=[(DRAFT, _("Draft: not visible yet")), (PUBLISH, _("Publish from the date and time below"))],
    )
    publish_at = DateTimeField(
        label=_("Published from"), required=False, input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        help_text=_("Leave empty to publish right away; a date in the future schedules the item."),
    )
    image = forms.FileField(label=_("Image"), required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
                            help_text=_("Optional. JPEG, PNG or WebP, at most 5 MB."))
    image_alt = forms.CharField(label=_("Image description"), max_length=250, required=False,
                                help_text=_("Required with an image: what the image shows, for people who "
                                            "cannot see it."))
    remove_image = forms.BooleanField(label=_("Remove the current image"), required=False)

    def __init__(self, *args, item: NewsItem | None = None, **kwargs):
        if item is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": item.title, "summary": item.summary, "body": item.body, "audience": item.audience,
                "publication": self.DRAFT if item.publish_at is None else self.PUBLISH,
                "publish_at": timezone.localtime(item.publish_at) if item.publish_at else None,
                "image_alt": item.image_alt,
            }
        super().__init__(*args, **kwargs)
        self.item = item
        self.fields["image"].widget = forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        if item is None or not item.image:
            del self.fields["remove_image"]

    def item_data(self, now=None) -> dict:
        """The values for the news service; publishing without a date means from `now`."""
        data = {name: self.cleaned_data[name] for name in ("title", "summary", "body", "audience", "image_alt")}
        if self.cleaned_data["publication"] == self.DRAFT:
            data["publish_at"] = None
        else:
            data["publish_at"] = self.cleaned_data["publish_at"] or now or timezone.now()
        return data
