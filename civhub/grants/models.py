"""The grant's multi-year budget, kept as versions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class CostCategory(models.TextChoices):
    PERSONNEL = "personnel", _("personnel")
    MATERIAL = "material", _("material")
    LAB = "lab", _("lab")
    OVERHEAD = "overhead", _("overhead")
    OTHER = "other", _("other")


class FundingSource(models.TextChoices):
    SUBSIDY = "subsidy", _("subsidy")
    CASH = "cash", _("cash co-financing")
    IN_KIND = "in_kind", _("in-kind co-financing")


class BudgetVersion(models.Model):
    """BudgetVersion: one edition of a grant's multi-year budget (the application's, or a revision)."""

    grant = models.ForeignKey("core.Grant", on_delete=models.CASCADE, related_name="budget_versions",
                              verbose_name=_("grant"))
    number = models.PositiveSmallIntegerField(_("version"))
    name = models.CharField(_("name"), max_length=200)
    reason = models.TextField(_("reason"), blank=True)
    is_current = models.BooleanField(_("current"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("budget version")
        verbose_name_plural = _("budget versions")
        ordering = ["grant", "number"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "number"], name="unique_budget_version_number"),
            models.UniqueConstraint(fields=["grant"], condition=models.Q(is_current=True),
                                    name="one_current_budget_version"),
        ]

    def __str__(self):
        return f"{self.grant} v{self.number}: {self.name}"


class BudgetLine(models.Model):
    """BudgetLine: the amount budgeted for one year, programme line, cost category and funding source."""

    version = models.ForeignKey(BudgetVersion, on_delete=models.CASCADE, related_name="lines",
                                verbose_name=_("budget version"))
    year = models.PositiveSmallIntegerField(_("year"))
    programme_line = models.ForeignKey("core.ProgrammeLine", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="budget_lines", verbose_name=_("programme line"))
    category = models.CharField(_("cost category"), max_length=20, choices=CostCategory.choices)
    source = models.CharField(_("source"), max_length=10, choices=FundingSource.choices)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=12, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["version", "year", "programme_line__number", "category", "source"]
        constraints = [
            models.UniqueConstraint(fields=["version", "year", "programme_line", "category", "source"],
                                    name="unique_budget_cell"),
        ]

    def __str__(self):
        return f"{self.year} {self.category}/{self.source}: EUR {self.amount}"


class Expenditure(models.Model):
    """Expenditure: what the lead applicant spent of the subsidy on one day, in a budget category.

    A negative amount corrects an earlier entry. Entries never change once recorded: a
    mistake is corrected by a new (negative) entry, so the audit trail reads like a ledger.
    """

    grant = models.ForeignKey("core.Grant", on_delete=models.PROTECT, related_name="expenditures",
                              verbose_name=_("grant"))
    extern_id = models.CharField(_("external id"), max_length=100, blank=True)
    date = models.DateField(_("date"))
    category = models.CharField(_("cost category"), max_length=20, choices=CostCategory.choices)
    programme_line = models.ForeignKey("core.ProgrammeLine", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="expenditures", verbose_name=_("programme line"))
    amount = models.DecimalField(_("amount (EUR)"), max_digits=12, decimal_places=2)
    description = models.CharField(_("description"), max_length=500)
    import_batch = models.ForeignKey("ledger.ImportBatch", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="expenditures", verbose_name=_("import"))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("entered by"))
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("expenditure")
        verbose_name_plural = _("expenditure")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "extern_id"], condition=~models.Q(extern_id=""),
                                    name="unique_expenditure_extern_id_per_grant"),
            models.CheckConstraint(condition=~models.Q(amount=0), name="expenditure_amount_not_zero"),
        ]
        indexes = [models.Index(fields=["grant", "date"], name="expenditure_grant_date_idx")]

    def __str__(self):
        return f"{self.date} {self.category}: EUR {self.amount}"


class ReportKind(models.TextChoices):
    PROGRESS = "progress", _("progress report")
    FINAL = "final", _("final report")


class ReportSubmission(models.Model):
    """ReportSubmission: that a report the funder expects (a progress or the final report) was submitted: who, when."""

    grant = models.ForeignKey("core.Grant", on_delete=models.CASCADE, related_name="report_submissions",
                              verbose_name=_("grant"))
    kind = models.CharField(_("report"), max_length=10, choices=ReportKind.choices)
    due_date = models.DateField(_("due"))
    submitted_on = models.DateField(_("submitted on"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("submitted report")
        verbose_name_plural = _("submitted reports")
        ordering = ["grant", "due_date"]
        constraints = [models.UniqueConstraint(fields=["grant", "due_date"], name="one_submission_per_report")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.due_date}"
