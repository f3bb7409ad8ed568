"""Governance: the steering group's composition, meetings with agendas, minutes, decisions and actions."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SteeringMember(models.Model):
    """SteeringMember: a seat in the steering group for a period; the history is kept.

    Rows are never deleted: a member leaves by getting an end date, so the composition on any date can be shown.
    The person is a login when they have one, otherwise just a name.
    """

    class Role(models.TextChoices):
        CHAIR = "chair", _("chair")
        MEMBER = "member", _("member")
        ADVISOR = "advisor", _("advisor")

    centre = models.ForeignKey("core.Centre", on_delete=models.CASCADE, related_name="steering_members",
                               verbose_name=_("centre"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="steering_seats", verbose_name=_("login"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    partnership = models.ForeignKey("partners.Partnership", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="steering_seats", verbose_name=_("represents"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        verbose_name = _("steering-group member")
        verbose_name_plural = _("steering-group members")
        ordering = ["end", "role", "name", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                                   name="steering_member_ends_after_start"),
            models.CheckConstraint(condition=models.Q(user__isnull=False) | ~models.Q(name=""),
                                   name="steering_member_has_user_or_name"),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """The person's name: the login's full name when there is a login, otherwise the recorded name."""
        if self.user_id and self.user.full_name:
            return self.user.full_name
        return self.name or str(self.user)


class Meeting(models.Model):
    """Meeting: a steering-group meeting, working-group meeting or partner consultation with its agenda.

    The status moves draft → agenda published → held → minutes published. A public meeting shows its
    public part on the centre's agenda page.
    """

    class Kind(models.TextChoices):
        STEERING_GROUP = "steering_group", _("steering group")
        WORKING_GROUP = "working_group", _("working group")
        PARTNER_CONSULTATION = "partner_consultation", _("partner consultation")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        AGENDA_PUBLISHED = "agenda_published", _("agenda published")
        HELD = "held", _("held")
        MINUTES_PUBLISHED = "minutes_published", _("minutes published")

    centre = models.ForeignKey("core.Centre", on_delete=models.CASCADE, related_name="meetings",
                               verbose_name=_("centre"))
    kind = models.CharField(_("kind"), max_length=25, choices=Kind.choices, default=Kind.STEERING_GROUP)
    programme_line = models.ForeignKey("core.ProgrammeLine", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="meetings", verbose_name=_("programme line"))
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), blank=True, max_length=500)
    is_public = models.BooleanField(_("show on the public agenda"), default=False)
    participants = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="meetings",
                                          verbose_name=_("participants"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    agenda_published_at = models.DateTimeField(_("agenda published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="meeting_ends_after_start"),
        ]

    def __str__(self):
        return self.title

    @property
    def agenda_is_published(self) -> bool:
        return self.status != self.Status.DRAFT

    @property
    def minutes_are_published(self) -> bool:
        return self.status == self.Status.MINUTES_PUBLISHED

    @property
    def has_started(self) -> bool:
        """Decisions are taken at the meeting: before it starts only proposals can be prepared."""
        return self.starts_at <= timezone.now()


class AgendaItem(models.Model):
    """AgendaItem: one point on a meeting's agenda, with a presenter, a time and its purpose.

    An item for decision may carry the proposed decision, prepared before the meeting; the decision itself
    is recorded once the meeting has started.
    """

    class Purpose(models.TextChoices):
        INFORMATION = "information", _("for information")
        DISCUSSION = "discussion", _("for discussion")
        DECISION = "decision", _("for decision")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("meeting"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    presenter = models.CharField(_("presenter"), max_length=200, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=15)
    purpose = models.CharField(_("purpose"), max_length=12, choices=Purpose.choices, default=Purpose.INFORMATION)
    proposal = models.TextField(_("proposed decision"), blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "pk"]

    def __str__(self):
        return self.title


def document_path(instance, filename: str) -> str:
    """Meeting documents live in a per-meeting folder outside the public URLs (served by a view with checks)."""
    return f"governance/{instance.item.meeting_id}/{filename}"


class MeetingDocument(models.Model):
    """MeetingDocument: a document for an agenda item, as an uploaded file or a link."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="documents",
                             verbose_name=_("agenda item"))
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_path, blank=True, max_length=300)
    link = models.URLField(_("link"), blank=True, max_length=500)
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")
        ordering = ["item", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(file="") | ~models.Q(link=""),
                                   name="meeting_document_has_file_or_link"),
        ]

    def __str__(self):
        return self.title


class MinutesVersion(models.Model):
    """MinutesVersion: one version of a meeting's minutes; the text per agenda item is in MinutesEntry rows.

    Version 1 is the first publication. Published minutes never change: a correction is a new version
    with a reason. The unpublished draft is the version without published_at (at most one per meeting).
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes_versions",
                                verbose_name=_("meeting"))
    number = models.PositiveSmallIntegerField(_("version"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("published by"))
    correction_reason = models.TextField(_("reason for the correction"), blank=True)

    class Meta:
        verbose_name = _("minutes version")
        verbose_name_plural = _("minutes versions")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="unique_minutes_version"),
            models.CheckConstraint(condition=models.Q(number__lte=1) | ~models.Q(correction_reason=""),
                                   name="minutes_correction_has_reason"),
        ]

    def __str__(self):
        return f"{self.meeting} v{self.number}"


class MinutesEntry(models.Model):
    """MinutesEntry: what a minutes version records for one agenda item."""

    version = models.ForeignKey(MinutesVersion, on_delete=models.CASCADE, related_name="entries",
                                verbose_name=_("minutes version"))
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="minutes_entries",
                             verbose_name=_("agenda item"))
    text = models.TextField(_("minutes"), blank=True)

    class Meta:
        verbose_name = _("minutes entry")
        verbose_name_plural = _("minutes entries")
        ordering = ["version", "item__position", "item_id"]
        constraints = [models.UniqueConstraint(fields=["version", "item"], name="unique_minutes_entry")]

    def __str__(self):
        return f"{self.version}: {self.item}"


class Decision(models.Model):
    """Decision: a numbered decision of a meeting (SG-2026-03), numbered per centre per year by the service."""

    centre = models.ForeignKey("core.Centre", on_delete=models.CASCADE, related_name="decisions",
                               verbose_name=_("centre"))
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions",
                                verbose_name=_("meeting"))
    item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="decisions", verbose_name=_("agenda item"))
    number = models.CharField(_("number"), max_length=20)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveSmallIntegerField(_("sequence"))
    text = models.TextField(_("decision"))
    decided_on = models.DateField(_("decided on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_on", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "number"], name="unique_decision_number"),
            models.UniqueConstraint(fields=["centre", "year", "sequence"], name="unique_decision_sequence"),
        ]
        # The register's order: its first page of 50 is read from the index instead of sorting every decision.
        indexes = [models.Index(fields=["centre", "-decided_on", "-sequence"], name="decision_register_idx")]

    def __str__(self):
        return self.number


class Action(models.Model):
    """Action: something a person agreed to do at a meeting, by a due date; owners get one reminder when overdue."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    centre = models.ForeignKey("core.Centre", on_delete=models.CASCADE, related_name="actions",
                               verbose_name=_("centre"))
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="actions", verbose_name=_("meeting"))
    item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions",
                             verbose_name=_("agenda item"))
    what = models.TextField(_("what"))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="governance_actions",
                              verbose_name=_("owner"))
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    # Set when the one overdue reminder was sent, so a scheduled run never sends it twice.
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.what[:60]

    def is_overdue(self, today) -> bool:
        return self.status == self.Status.OPEN and self.due_date < today
