"""A centre and the facts every other app hangs on it."""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from civhub.core.retention import RetainedModel
from civhub.core.shares import ShareField, one_third, two_thirds
from civhub.core.translated import localized


class Centre(RetainedModel):
    """Centre: one CIV, a public-private partnership with its own partners, lines and grant.

    One deployment can hold several centres; every centre-owned row reaches its centre
    through a foreign key. Public texts are stored per language (see `translated`).
    """

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    region = models.CharField(_("region"), max_length=200, blank=True)
    tagline = models.JSONField(_("tagline"), default=dict, blank=True)
    aim = models.JSONField(_("aim"), default=dict, blank=True)
    introduction = models.JSONField(_("introduction"), default=dict, blank=True)
    reasons = models.JSONField(_("reasons"), default=list, blank=True, help_text=_("Why the centre exists."))
    organisation_text = models.JSONField(_("how the centre is organised"), default=dict, blank=True)
    steering_meetings_per_year = models.PositiveSmallIntegerField(_("steering-group meetings per year"), default=2)
    subsidy_funds = models.JSONField(
        _("what the subsidy pays for"), default=list, blank=True, help_text=_("Roles the subsidy pays for.")
    )
    contribution_text = models.JSONField(_("about in-kind contributions"), default=dict, blank=True)
    course_terms = models.JSONField(_("general course terms"), default=dict, blank=True,
                                    help_text=_("The terms a participant accepts when enrolling in a course "
                                                "that has no terms of its own."))
    # How long the personal data of a registration or enrolment are kept after the event or course ended
    # (docs/privacy.md); `manage.py apply_retention` anonymises what is older.
    registration_retention_months = models.PositiveSmallIntegerField(
        _("registrations kept for (months after the event)"), default=24)
    enrolment_retention_months = models.PositiveSmallIntegerField(
        _("enrolments kept for (months after the course)"), default=24)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()
    retention = ("pk", None)

    class Meta:
        verbose_name = _("centre")
        verbose_name_plural = _("centres")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def text(self, field: str) -> str:
        return localized(getattr(self, field))

    def reason_texts(self) -> list[str]:
        return [localized(reason) for reason in self.reasons]

    def subsidy_fund_texts(self) -> list[str]:
        return [localized(item) for item in self.subsidy_funds]


class ProgrammeLine(models.Model):
    """ProgrammeLine: one of a centre's numbered lines of work (education, research, lifelong learning)."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="programme_lines",
                               verbose_name=_("centre"))
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.JSONField(_("name"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)

    class Meta:
        verbose_name = _("programme line")
        verbose_name_plural = _("programme lines")
        ordering = ["centre", "number"]
        constraints = [models.UniqueConstraint(fields=["centre", "number"], name="unique_line_number_per_centre")]

    def __str__(self):
        return f"{self.number}. {localized(self.name)}"

    @property
    def title(self) -> str:
        return localized(self.name)

    @property
    def text(self) -> str:
        return localized(self.description)


class Regulation(models.Model):
    """Regulation: the rules of one subsidy round (RIF 2014, RIF 2019–2022, RIF 2024–2027) and its parameters.

    A grant names the regulation it was awarded under and starts from its parameters (the
    hourly rate, the shares, the reporting months); the grant keeps its own copy, because the
    award decision may set them otherwise. Regulations are data, kept by the administrator.
    """

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    scheme = models.CharField(_("scheme"), max_length=40, default="RIF")
    description = models.TextField(_("description"), blank=True)
    fixed_hourly_rate = models.DecimalField(_("fixed hourly rate (EUR)"), max_digits=7, decimal_places=2,
                                            null=True, blank=True)
    cofinancing_ratio = models.DecimalField(_("co-financing per euro of subsidy"), max_digits=5, decimal_places=2,
                                            default=Decimal("2.00"))
    subsidy_share_max = ShareField(_("subsidy's maximum share of the budget"), default=one_third)
    employer_share_min = ShareField(_("employers' minimum share"), default=one_third)
    employer_share_max = ShareField(_("employers' maximum share"), default=two_thirds)
    other_share_max = ShareField(_("others' maximum share"), default=one_third)
    subsidy_minimum = models.DecimalField(_("minimum subsidy (EUR)"), max_digits=12, decimal_places=2, null=True,
                                          blank=True)
    subsidy_maximum = models.DecimalField(_("maximum subsidy (EUR)"), max_digits=12, decimal_places=2, null=True,
                                          blank=True)
    report_due_months = models.JSONField(_("progress reports due (months after start)"), default=list)
    final_report_months = models.PositiveSmallIntegerField(_("final report due (months after the end)"), default=2)
    annual_report_month = models.PositiveSmallIntegerField(
        _("annual report due: month of the next year"), default=7,
        validators=[MinValueValidator(1), MaxValueValidator(12)])
    annual_report_day = models.PositiveSmallIntegerField(
        _("annual report due: day of that month"), default=1, validators=[MinValueValidator(1), MaxValueValidator(28)])
    settlement_weeks = models.PositiveSmallIntegerField(
        _("settlement expected within (weeks after the last annual report)"), default=52)
    retention_years = models.PositiveSmallIntegerField(_("records kept for (years)"), default=7)

    class Meta:
        verbose_name = _("regulation")
        verbose_name_plural = _("regulations")
        ordering = ["code"]

    def __str__(self):
        return self.name


# The parameters a grant takes over from its regulation (RIF art. 10, 14; Regeling OCW-subsidies art. 8).
REGULATION_PARAMETERS = (
    "fixed_hourly_rate", "cofinancing_ratio", "subsidy_share_max", "employer_share_min", "employer_share_max",
    "other_share_max", "report_due_months", "final_report_months", "annual_report_month", "annual_report_day",
    "settlement_weeks", "retention_years",
)


class Grant(RetainedModel):
    """Grant: the subsidy that pays for a centre (e.g. the RIF), with the rules of its round.

    Every number that differs per application round (ratio, shares, fixed hourly rate,
    report months, retention) lives here, never in code; a new grant takes them from its
    regulation. Shares are exact fractions (1/3, not 0.3333).
    """

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="grants", verbose_name=_("centre"))
    regulation = models.ForeignKey(Regulation, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="grants", verbose_name=_("regulation"))
    scheme = models.CharField(_("scheme"), max_length=40)
    amount = models.DecimalField(_("subsidy granted (EUR)"), max_digits=12, decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0"))])
    decision_reference = models.CharField(_("reference of the award decision"), max_length=100, blank=True)
    decision_date = models.DateField(_("date of the award decision"), null=True, blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    cofinancing_ratio = models.DecimalField(_("co-financing per euro of subsidy"), max_digits=5, decimal_places=2)
    fixed_hourly_rate = models.DecimalField(_("fixed hourly rate (EUR)"), max_digits=7, decimal_places=2,
                                            null=True, blank=True)
    subsidy_share_max = ShareField(_("subsidy's maximum share of the budget"), default=one_third)
    employer_share_min = ShareField(_("employers' minimum share"), default=one_third)
    employer_share_max = ShareField(_("employers' maximum share"), default=two_thirds)
    other_share_max = ShareField(_("others' maximum share"), default=one_third)
    report_due_months = models.JSONField(_("progress reports due (months after start)"), default=list)
    final_report_months = models.PositiveSmallIntegerField(_("final report due (months after the end)"), default=2)
    annual_report_month = models.PositiveSmallIntegerField(
        _("annual report due: month of the next year"), default=7,
        validators=[MinValueValidator(1), MaxValueValidator(12)])
    annual_report_day = models.PositiveSmallIntegerField(
        _("annual report due: day of that month"), default=1, validators=[MinValueValidator(1), MaxValueValidator(28)])
    settlement_weeks = models.PositiveSmallIntegerField(
        _("settlement expected within (weeks after the last annual report)"), default=52)
    retention_years = models.PositiveSmallIntegerField(_("records kept for (years)"), default=7)
    # The funder pays in advances: a first share at the start, then equal quarterly shares until all is paid.
    first_advance_share = models.DecimalField(_("first advance (share of the subsidy)"), max_digits=5,
                                              decimal_places=4, default=Decimal("0.2500"),
                                              validators=[MinValueValidator(Decimal("0")), MaxValueValidator(1)])
    quarterly_advance_share = models.DecimalField(_("quarterly advance (share of the subsidy)"), max_digits=5,
                                                  decimal_places=4, default=Decimal("0.0500"),
                                                  validators=[MinValueValidator(Decimal("0")),
                                                              MaxValueValidator(1)])
    application_due = models.DateField(_("application due"), null=True, blank=True)
    history = HistoricalRecords()
    retention = ("centre_id", None)

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["centre", "start"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "scheme", "start"], name="unique_grant_per_centre_scheme_start"),
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="grant_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.scheme} {self.start.year}-{self.end.year} ({self.centre})"

    @property
    def cofinancing_required(self) -> Decimal:
        return (self.amount * self.cofinancing_ratio).quantize(Decimal("0.01"))

    @property
    def total_budget(self) -> Decimal:
        return self.amount + self.cofinancing_required

    @property
    def years(self) -> range:
        return range(self.start.year, self.end.year + 1)

    def annual_report_due(self, year: int) -> date:
        """The lead applicant's annual accounts and report over `year`: on the grant's day of the next year."""
        return date(year + 1, self.annual_report_month, self.annual_report_day)

    @property
    def settlement_due(self) -> date:
        """When the funder is expected to settle the subsidy: within `settlement_weeks` of the last annual report."""
        return self.annual_report_due(self.end.year) + timedelta(weeks=self.settlement_weeks)

    @property
    def retained_until(self) -> date:
        """Until when the grant's records are kept: `retention_years` after the expected settlement
        (Regeling OCW-subsidies art. 8: seven years). 29 February becomes 28 February."""
        settled = self.settlement_due
        year = settled.year + self.retention_years
        return settled.replace(year=year, day=min(settled.day, 28 if settled.month == 2 else settled.day))


class KeyDate(models.Model):
    """KeyDate: a date or period the centre's public page lists under "Agenda" (a session, a conference, a deadline).

    Not an event (events app: registration, places) and not a meeting's agenda item (governance).
    The centre definition file lists them under `agenda` (docs/formats.md §1).
    """

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="key_dates", verbose_name=_("centre"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    title = models.JSONField(_("title"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)

    class Meta:
        verbose_name = _("key date")
        verbose_name_plural = _("key dates")
        ordering = ["centre", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "starts_on", "title"], name="unique_key_date"),
        ]

    def __str__(self):
        return localized(self.title)

    @property
    def title_text(self) -> str:
        return localized(self.title)

    @property
    def description_text(self) -> str:
        return localized(self.description)


class PublicContact(models.Model):
    """PublicContact: a person the public page names for more information about the centre."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="public_contacts",
                               verbose_name=_("centre"))
    name = models.CharField(_("name"), max_length=200)
    position = models.JSONField(_("position"), default=dict, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("public contact person")
        verbose_name_plural = _("public contact persons")
        ordering = ["centre", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["centre", "name"], name="unique_public_contact")]

    def __str__(self):
        return self.name

    @property
    def position_text(self) -> str:
        return localized(self.position)


class AuditEvent(models.Model):
    """AuditEvent: who did what to which record, and when; written by the service that did it."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, null=True, blank=True, related_name="audit_events",
                               verbose_name=_("centre"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("actor"))
    action = models.CharField(_("action"), max_length=60)
    target_type = models.CharField(_("record type"), max_length=60)
    target_id = models.CharField(_("record id"), max_length=40)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target_idx")]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_type} #{self.target_id}"


class OutgoingMail(models.Model):
    """An e-mail civhub owes one person: written in the same transaction as the change that causes it, then sent
    by a task (core/mail.py). When the mail server fails the task tries again after a growing pause, so a page
    never waits for the mail server, never breaks on it, and a retried request never sends the same mail twice.
    A mail that keeps failing stays here as *failed*, for the office to see (admin: Outgoing e-mails)."""

    class State(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    recipient = models.EmailField(_("recipient"))
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("text"))
    # [{"name": ..., "content": base64, "type": MIME type}]: a confirmed place's .ics file
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="core_mail_due")]

    def __str__(self):
        return f"{self.recipient}: {self.subject}"


class CentreRevision(models.Model):
    """CentreRevision: a token that changes with every audited change of a centre's records.

    `record_event` gives it a new random value inside the service's transaction, so the token a
    reader sees is the state the reader's queries see. Figures computed from a whole ledger (the
    monitor, a partner's summary) are cached under it (core/revisions.py): a change
    makes a new key, and a rolled-back change never reuses one, because the token is random.
    """

    centre = models.OneToOneField(Centre, on_delete=models.CASCADE, primary_key=True, related_name="revision",
                                  verbose_name=_("centre"))
    token = models.CharField(_("token"), max_length=32)

    class Meta:
        verbose_name = _("centre revision")
        verbose_name_plural = _("centre revisions")

    def __str__(self):
        return f"{self.centre_id}: {self.token}"


class RequestedFile(models.Model):
    """RequestedFile: a file a person asked for that the worker makes, because it takes too long for a page: a large
    funder pack or meeting pack, the partner statements of a year as one ZIP (core/requested_files.py).

    It records what was asked (the kind and its parameters), by whom and in which language, whether it waits, is
    being made, is ready or failed (with the reason, in the requester's language), and the finished file with its
    size and SHA-256. The file is written to storage only when it is whole. Kept seven days (`apply_retention`).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("being made")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="requested_files",
                               verbose_name=_("centre"))
    kind = models.CharField(_("kind"), max_length=40)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    name = models.CharField(_("file name"), max_length=255)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("requested by"))
    language = models.CharField(_("language"), max_length=10, default="nl")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(_("file"), upload_to="files/", blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    error = models.TextField(_("why it failed"), blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("requested file")
        verbose_name_plural = _("requested files")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"

    @property
    def is_over(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
