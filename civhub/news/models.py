"""News: what the communications officer and the programme office tell the public and the partners."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def image_path(item: "NewsItem", filename: str) -> str:
    """Images per centre; the name is the service's, never the uploader's."""
    return f"news/{item.centre_id}/{filename}"


class NewsItem(models.Model):
    """NewsItem: a news message of a centre, public or for its partners only, published from `publish_at` on.

    The body is HTML that the news service has sanitised (see civhub/news/sanitise.py); a draft has
    no publication time, a scheduled item one in the future. The image is re-encoded on upload.
    """

    class Audience(models.TextChoices):
        PUBLIC = "public", _("public")
        PARTNERS = "partners", _("partners only")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SCHEDULED = "scheduled", _("scheduled")
        PUBLISHED = "published", _("published")

    centre = models.ForeignKey("core.Centre", on_delete=models.CASCADE, related_name="news_items",
                               verbose_name=_("centre"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=400)
    body = models.TextField(_("text"), blank=True)
    image = models.FileField(_("image"), upload_to=image_path, blank=True, max_length=200)
    image_alt = models.CharField(_("image description"), max_length=250, blank=True)
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC)
    publish_at = models.DateTimeField(_("published from"), null=True, blank=True, db_index=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("author"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = ["-publish_at", "-pk"]
        constraints = [
            # An image without a description would be unreadable for screen-reader users.
            models.CheckConstraint(condition=Q(image="") | ~Q(image_alt=""), name="news_image_needs_alt_text"),
        ]

    def __str__(self):
        return self.title

    def status(self, now=None) -> str:
        """Draft (no publication time), scheduled (in the future) or published, at `now`."""
        if self.publish_at is None:
            return self.Status.DRAFT
        return self.Status.SCHEDULED if self.publish_at > (now or timezone.now()) else self.Status.PUBLISHED

    def status_label(self, now=None) -> str:
        return str(self.Status(self.status(now)).label)

    @property
    def is_public(self) -> bool:
        return self.audience == self.Audience.PUBLIC
