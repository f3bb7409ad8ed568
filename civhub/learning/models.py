"""Lifelong learning (programme line 3): the partners' courses, their offerings, interest, enrolments, paths."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# The teaching languages the forms offer, as ISO 639-2 codes (the code is what the OOAPI feed publishes).
TEACHING_LANGUAGES = [("nld", _("Dutch")), ("eng", _("English")), ("deu", _("German"))]


class Skill(models.Model):
    """Skill: a skill of the centre's occupations: courses address it, employees ask for it, employers rate how
    important it is in the workforce survey and line-1 modules cover it (the Human Capital Agenda's skill list)."""

    centre = models.ForeignKey("core.Centre", on_delete=models.CASCADE, related_name="skills",
                               verbose_name=_("centre"))
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    # A reference, not a dependency: the centre writes its own skills and may point to the ESCO concept nearest.
    esco_uri = models.URLField(_("ESCO reference"), blank=True,
                               help_text=_("Optional: the web address of the nearest ESCO skill."))
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["centre", "name"], name="unique_skill_per_centre")]

    def __str__(self):
        return self.name


class Course(models.Model):
    """Course: something a partner or school teaches to employees on the park, at a level, with a study load and price.

    Only published courses are shown in the catalogue and the public feed; drafts are the provider's own.
    """

    class Level(models.TextChoices):
        MBO_2 = "mbo2", _("mbo level 2")
        MBO_3 = "mbo3", _("mbo level 3")
        MBO_4 = "mbo4", _("mbo level 4")
        HBO_ASSOCIATE = "hbo_associate", _("hbo associate degree")
        HBO_BACHELOR = "hbo_bachelor", _("hbo bachelor")
        WO = "wo", _("university (wo)")
        NON_FORMAL = "non_formal", _("non-formal")

    class StudyLoadUnit(models.TextChoices):
        HOURS = "hour", _("hours")
        ECTS = "ects", _("ECTS")

    class Mode(models.TextChoices):
        ON_SITE = "on_site", _("on site")
        ONLINE = "online", _("online")
        BLENDED = "blended", _("blended")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    centre = models.ForeignKey("core.Centre", on_delete=models.CASCADE, related_name="courses",
                               verbose_name=_("centre"))
    provider = models.ForeignKey("partners.Partnership", on_delete=models.PROTECT, related_name="courses",
                                 verbose_name=_("provider"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    nlqf_level = models.PositiveSmallIntegerField(_("NLQF level"), null=True, blank=True,
                                                  validators=[MinValueValidator(1), MaxValueValidator(8)])
    eqf_level = models.PositiveSmallIntegerField(_("EQF level"), null=True, blank=True,
                                                 validators=[MinValueValidator(1), MaxValueValidator(8)])
    study_load_unit = models.CharField(_("study load unit"), max_length=4, choices=StudyLoadUnit.choices,
                                       default=StudyLoadUnit.HOURS)
    study_load = models.DecimalField(_("study load"), max_digits=6, decimal_places=1,
                                     validators=[MinValueValidator(Decimal("0.1"))])
    language = models.CharField(_("teaching language"), max_length=3, default="nld",
                                help_text=_("ISO 639-2 code, e.g. nld or eng"))
    price = models.DecimalField(_("price (EUR)"), max_digits=10, decimal_places=2,
                                validators=[MinValueValidator(Decimal("0"))])
    stap_eligible = models.BooleanField(_("STAP-eligible"), default=False)
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.ON_SITE)
    skills = models.ManyToManyField(Skill, blank=True, related_name="courses", verbose_name=_("skills"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    terms = models.TextField(_("terms and conditions"), blank=True,
                             help_text=_("Payment, cancellation and attendance terms a participant accepts when "
                                         "enrolling. Empty: the centre's general course terms apply."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(price__gte=0), name="course_price_not_negative"),
            models.CheckConstraint(condition=models.Q(study_load__gt=0), name="course_study_load_positive"),
        ]
        indexes = [models.Index(fields=["status", "id"], name="course_status_idx")]

    def __str__(self):
        return self.title

    def get_language_display(self) -> str:
        """The teaching language's name, or its code when the forms do not know it."""
        return str(dict(TEACHING_LANGUAGES).get(self.language, self.language))


class Offering(models.Model):
    """Offering: one run of a course, with dates, a location and a number of places."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="offerings", verbose_name=_("course"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    location = models.CharField(_("location"), max_length=200)
    capacity = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")
        ordering = ["start_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")),
                                   name="offering_ends_after_start"),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="offering_has_places"),
        ]
        # A course's offerings in date order: the course pages and the feed's deep offering pages
        # (bench/feed.py: about 87 → 45 ms a page on SQLite).
        indexes = [models.Index(fields=["course", "start_date"], name="offering_course_start_idx")]

    def __str__(self):
        return f"{self.course} ({self.start_date})"


class Interest(models.Model):
    """Interest: an employee would like to follow a course, with no date yet (counted for the provider's planning)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="interests", verbose_name=_("course"))
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    employer = models.ForeignKey("partners.Partnership", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="learning_interests", verbose_name=_("employer"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+", verbose_name=_("registered by"))
    # A keyed hash of the sender's address for the public form's rate limit (partners.services.applications).
    submitted_from = models.CharField(_("submitted from"), max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        ordering = ["-created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["course", "email"], name="one_interest_per_course_email")]
        indexes = [models.Index(fields=["submitted_from", "created_at"], name="interest_sender_idx")]

    def __str__(self):
        return f"{self.name} → {self.course}"


def new_token() -> str:
    """The secret of a personal cancellation link."""
    return secrets.token_urlsafe(32)


class Enrolment(models.Model):
    """Enrolment: an employee's place in an offering, or a place on its waiting list, until cancelled.

    A new enrolment is pending until the e-mail link confirms the address; while pending it holds a
    place until `hold_until` (none when the offering was full). When a place frees up the first on the
    waiting list moves up (services do this). The token is the secret in the employee's own link.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting e-mail confirmation")
        ENROLLED = "enrolled", _("enrolled")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="enrolments",
                                 verbose_name=_("offering"))
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    employer = models.ForeignKey("partners.Partnership", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="learning_enrolments", verbose_name=_("employer"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+", verbose_name=_("registered by"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    token = models.CharField(_("cancellation secret"), max_length=64, unique=True, default=new_token)
    # The language the person enrolled in, so that a later "you moved up" e-mail is in it too.
    language = models.CharField(_("language"), max_length=8, default="nl")
    submitted_from = models.CharField(_("submitted from"), max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    promoted_at = models.DateTimeField(_("moved up at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    hold_until = models.DateTimeField(_("place held until"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("e-mail confirmed at"), null=True, blank=True)
    price = models.DecimalField(_("price (EUR)"), max_digits=10, decimal_places=2, null=True, blank=True)
    terms_accepted_at = models.DateTimeField(_("terms accepted at"), null=True, blank=True)
    invoice_address = models.TextField(_("invoice address"), blank=True)
    purchase_order = models.CharField(_("purchase-order number"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["offering", "email"], condition=~models.Q(status="cancelled"),
                                    name="one_live_enrolment_per_offering_email"),
        ]
        indexes = [
            models.Index(fields=["offering", "status", "created_at"], name="enrolment_queue_idx"),
            models.Index(fields=["submitted_from", "created_at"], name="enrolment_sender_idx"),
        ]

    def __str__(self):
        return f"{self.name} → {self.offering} ({self.status})"


class LearningPath(models.Model):
    """LearningPath: an ordered route of courses across the mbo–hbo–university chain (e.g. analyst → specialist)."""

    centre = models.ForeignKey("core.Centre", on_delete=models.CASCADE, related_name="learning_paths",
                               verbose_name=_("centre"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    published = models.BooleanField(_("published"), default=False)

    class Meta:
        verbose_name = _("learning path")
        verbose_name_plural = _("learning paths")
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title


class LearningPathStep(models.Model):
    """LearningPathStep: one course at its place in a learning path."""

    path = models.ForeignKey(LearningPath, on_delete=models.CASCADE, related_name="steps",
                             verbose_name=_("learning path"))
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="path_steps", verbose_name=_("course"))
    position = models.PositiveSmallIntegerField(_("step"))

    class Meta:
        verbose_name = _("learning path step")
        verbose_name_plural = _("learning path steps")
        ordering = ["path", "position"]
        constraints = [
            models.UniqueConstraint(fields=["path", "position"], name="unique_step_position"),
            models.UniqueConstraint(fields=["path", "course"], name="course_once_per_path"),
        ]

    def __str__(self):
        return f"{self.path} {self.position}: {self.course}"
