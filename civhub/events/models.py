"""Events of the centre (brainstorms, work conferences, open lab days, information sessions) and registrations.

Partner events are for the partners' people; public events take anyone who confirms their e-mail
address (double opt-in). Places are counted over confirmed registrations only; when an event is
full people join the waiting list, and the first waiting person moves up when a place frees.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    """The secret of a personal link (registration page, confirmation, cancellation, calendar feed)."""
    return secrets.token_urlsafe(32)


class Event(models.Model):
    """Event: a gathering of the centre with a time, a place, perhaps a capacity, and a registration form."""

    class Kind(models.TextChoices):
        BRAINSTORM = "brainstorm", _("brainstorm session")
        WORK_CONFERENCE = "work_conference", _("work conference")
        OPEN_LAB_DAY = "open_lab_day", _("open lab day")
        INFORMATION_SESSION = "information_session", _("information session")
        OTHER = "other", _("other")

    class Audience(models.TextChoices):
        PARTNERS = "partners", _("partners only")
        PUBLIC = "public", _("public")

    centre = models.ForeignKey("core.Centre", on_delete=models.CASCADE, related_name="events",
                               verbose_name=_("centre"))
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True, validators=[MinValueValidator(1)],
                                           help_text=_("Leave empty for no limit."))
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices, default=Audience.PARTNERS)
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True,
                                                 help_text=_("Leave empty to allow registration until the start."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Counts the changes of time or place: the calendar file's SEQUENCE, so calendars replace the old entry.
    revision = models.PositiveIntegerField(_("revision"), default=0, editable=False)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gte=models.F("starts_at")),
                                   name="event_ends_after_start"),
        ]
        indexes = [models.Index(fields=["centre", "starts_at"], name="event_centre_start_idx")]

    def __str__(self):
        return self.title

    def clean(self):
        """An event cannot end before it starts (the form shows this in Dutch)."""
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The event ends before it starts; check the end time.")})

    @property
    def is_public(self) -> bool:
        return self.audience == self.Audience.PUBLIC

    def closes_at(self):
        """When registration closes: the deadline, or else the start."""
        return self.registration_deadline or self.starts_at


class EventQuestion(models.Model):
    """EventQuestion: an extra question on an event's registration form (dietary needs, a workshop choice)."""

    class Kind(models.TextChoices):
        TEXT = "text", _("free text")
        CHOICE = "choice", _("choice")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions", verbose_name=_("event"))
    label = models.CharField(_("question"), max_length=200)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    choices = models.TextField(_("choices"), blank=True, help_text=_("For a choice: one option per line."))
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")
        ordering = ["event", "pk"]

    def __str__(self):
        return self.label

    def clean(self):
        """A choice question needs at least two options."""
        if self.kind == self.Kind.CHOICE and len(self.options()) < 2:
            raise ValidationError({"choices": _("Give at least two options, one per line.")})

    def options(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class Registration(models.Model):
    """Registration: a person's place (or place on the waiting list) at an event.

    A visitor's registration for a public event stays pending until they click the link in the
    confirmation e-mail; a pending registration takes no place. The token is the secret in the
    person's own links. Anonymising erases the personal data but keeps the row, so counts stay.
    """

    class Status(models.TextChoices):
        PENDING = "pending_confirmation", _("waiting for e-mail confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations",
                              verbose_name=_("event"))
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    partnership = models.ForeignKey("partners.Partnership", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="event_registrations", verbose_name=_("partner"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="event_registrations", verbose_name=_("account"))
    status = models.CharField(_("status"), max_length=24, choices=Status.choices)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    token = models.CharField(_("personal secret"), max_length=64, unique=True, default=new_token)
    # The language the person registered in, so later e-mails (moved up, cancelled) are in it too.
    language = models.CharField(_("language"), max_length=8, default="nl")
    # A keyed hash of the sender's address for the public form's rate limit (partners.services.applications).
    submitted_from = models.CharField(_("submitted from"), max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "email"],
                                    condition=~models.Q(status="cancelled") & ~models.Q(email=""),
                                    name="one_live_registration_per_event_email"),
        ]
        indexes = [
            models.Index(fields=["event", "status", "created_at"], name="registration_queue_idx"),
            models.Index(fields=["submitted_from", "created_at"], name="registration_sender_idx"),
        ]

    def __str__(self):
        return f"{self.name or '—'} → {self.event} ({self.status})"

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None


class CalendarFeedToken(models.Model):
    """CalendarFeedToken: the secret in a person's own calendar-feed URL (partner events and their meetings).

    Made on first use; a new link replaces the token, so an old URL that leaked stops working.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed",
                                verbose_name=_("user"))
    token = models.CharField(_("secret"), max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(_("created at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed link")
        verbose_name_plural = _("calendar feed links")

    def __str__(self):
        return str(self.user)
