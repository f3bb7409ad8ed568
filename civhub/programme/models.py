"""The programme lines at work: activities, milestones, KPIs with targets and actuals, education modules."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class Activity(models.Model):
    """Activity: a piece of work in a programme line, owned by one or more partners, with a lead person and a period.

    Contributions in the ledger can name the activity they served.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        STOPPED = "stopped", _("stopped")

    centre = models.ForeignKey("core.Centre", on_delete=models.CASCADE, related_name="activities",
                               verbose_name=_("centre"))
    programme_line = models.ForeignKey("core.ProgrammeLine", on_delete=models.PROTECT, related_name="activities",
                                       verbose_name=_("programme line"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owners = models.ManyToManyField("partners.Partnership", blank=True, related_name="activities",
                                    verbose_name=_("owner partners"))
    lead_person = models.CharField(_("lead person"), max_length=200, blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    history = HistoricalRecords(m2m_fields=[owners])

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["programme_line__number", "start", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                                   name="activity_ends_after_start"),
        ]

    def __str__(self):
        return self.title


class Milestone(models.Model):
    """Milestone: a result a programme line promised by a date (the funder checks them after year 2 and year 4).

    Done when it has a done date; the evidence says what shows it, and an explanation says
    why a milestone was missed or reached late.
    """

    centre = models.ForeignKey("core.Centre", on_delete=models.CASCADE, related_name="milestones",
                               verbose_name=_("centre"))
    programme_line = models.ForeignKey("core.ProgrammeLine", on_delete=models.PROTECT, related_name="milestones",
                                       verbose_name=_("programme line"))
    activity = models.ForeignKey(Activity, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="milestones", verbose_name=_("activity"))
    title = models.CharField(_("title"), max_length=200)
    due_date = models.DateField(_("due date"))
    done_date = models.DateField(_("done on"), null=True, blank=True)
    evidence = models.TextField(pgettext_lazy("milestone", "evidence"), blank=True)
    evidence_link = models.URLField(_("link to the evidence"), blank=True)
    explanation = models.TextField(_("explanation (missed or late)"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.title


class EducationModule(models.Model):
    """EducationModule: a unit of the schools' demand-driven education (line 1) that research can feed."""

    centre = models.ForeignKey("core.Centre", on_delete=models.CASCADE, related_name="education_modules",
                               verbose_name=_("centre"))
    code = models.CharField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    provider = models.ForeignKey("partners.Partnership", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="education_modules", verbose_name=_("school"))

    class Meta:
        verbose_name = _("education module")
        verbose_name_plural = _("education modules")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["centre", "code"], name="unique_module_code_per_centre")]

    def __str__(self):
        return f"{self.code} {self.title}"


class Kpi(models.Model):
    """Kpi: a measurable goal of a programme line: a unit, a baseline, and targets at year 2 and year 4 of the grant.

    Targets per calendar year are KpiTarget rows; what was reached is recorded as KpiActual rows.
    """

    class Measure(models.TextChoices):
        SUM = "sum", _("counts that add up (the recorded values are summed)")
        LATEST = "latest", _("a level (the latest recorded value counts)")

    centre = models.ForeignKey("core.Centre", on_delete=models.CASCADE, related_name="kpis",
                               verbose_name=_("centre"))
    programme_line = models.ForeignKey("core.ProgrammeLine", on_delete=models.PROTECT, related_name="kpis",
                                       verbose_name=_("programme line"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=60)
    # A target for a year is what the KPI should show at the end of that year: for a sum, counted since the
    # grant's start; for a level, the level itself.
    measure = models.CharField(_("how values combine"), max_length=10, choices=Measure.choices, default=Measure.SUM)
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, default=Decimal("0"),
                                   validators=[MinValueValidator(Decimal("0"))])
    target_year2 = models.DecimalField(_("target after year 2"), max_digits=12, decimal_places=2, null=True,
                                       blank=True, validators=[MinValueValidator(Decimal("0"))])
    target_year4 = models.DecimalField(_("target after year 4"), max_digits=12, decimal_places=2, null=True,
                                       blank=True, validators=[MinValueValidator(Decimal("0"))])
    illustrative = models.BooleanField(_("illustrative (demo figures)"), default=False)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")
        ordering = ["programme_line__number", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(baseline__gte=0), name="kpi_baseline_not_negative"),
            models.CheckConstraint(condition=models.Q(target_year2__isnull=True) | models.Q(target_year2__gte=0),
                                   name="kpi_target_year2_not_negative"),
            models.CheckConstraint(condition=models.Q(target_year4__isnull=True) | models.Q(target_year4__gte=0),
                                   name="kpi_target_year4_not_negative"),
        ]

    def __str__(self):
        return self.name


class KpiTarget(models.Model):
    """KpiTarget: what a KPI should have reached by the end of a calendar year (cumulative or a level, per KPI)."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="targets", verbose_name=_("KPI"))
    year = models.PositiveSmallIntegerField(_("year"))
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0"))])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("KPI target")
        verbose_name_plural = _("KPI targets")
        ordering = ["kpi", "year"]
        constraints = [
            models.UniqueConstraint(fields=["kpi", "year"], name="one_target_per_kpi_year"),
            models.CheckConstraint(condition=models.Q(target__gte=0), name="kpi_target_not_negative"),
        ]

    def __str__(self):
        return f"{self.kpi} {self.year}: {self.target}"


class KpiActual(models.Model):
    """KpiActual: a value of a KPI measured on a date, with its source; a partner may record the figures it owns."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="actuals", verbose_name=_("KPI"))
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2,
                                validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1e10"))])
    source = models.CharField(_("source"), max_length=300)
    partnership = models.ForeignKey("partners.Partnership", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="kpi_actuals", verbose_name=_("recorded for partner"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("KPI actual")
        verbose_name_plural = _("KPI actuals")
        ordering = ["kpi", "date", "pk"]
        constraints = [models.CheckConstraint(condition=models.Q(value__gte=0), name="kpi_actual_not_negative")]
        indexes = [models.Index(fields=["kpi", "date"], name="kpi_actual_date_idx")]

    def __str__(self):
        return f"{self.kpi} {self.date}: {self.value}"
