"""The grant's multi-year budget, kept as versions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from civhub.core.retention import RetainedModel


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


class BudgetVersion(RetainedModel):
    """BudgetVersion: one edition of a grant's multi-year budget (the application's, or a revision)."""

    grant = models.ForeignKey("core.Grant", on_delete=models.CASCADE, related_name="budget_versions",
                              verbose_name=_("grant"))
    number = models.PositiveSmallIntegerField(_("version"))
    name = models.CharField(_("name"), max_length=200)
    reason = models.TextField(_("reason"), blank=True)
    is_current = models.BooleanField(_("current"), default=False)
    # Why this version was saved although it breaks a rule of the regulation (budget checks); empty when it does not.
    deviation_reason = models.TextField(_("why it deviates from the rules"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    retention = ("grant__centre_id", None)

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


class Expenditure(RetainedModel):
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
    # Tamper evidence, as for accepted contributions: a hash chain per grant (ledger/chain.py).
    chain_index = models.PositiveIntegerField(_("position in the chain"), null=True, blank=True)
    previous_hash = models.CharField(_("previous hash"), max_length=64, blank=True)
    content_hash = models.CharField(_("hash"), max_length=64, blank=True)

    retention = ("grant__centre_id", None)

    class Meta:
        verbose_name = _("expenditure")
        verbose_name_plural = _("expenditure")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "extern_id"], condition=~models.Q(extern_id=""),
                                    name="unique_expenditure_extern_id_per_grant"),
            models.CheckConstraint(condition=~models.Q(amount=0), name="expenditure_amount_not_zero"),
            models.UniqueConstraint(fields=["grant", "chain_index"], name="unique_expenditure_chain_position"),
        ]
        indexes = [models.Index(fields=["grant", "date"], name="expenditure_grant_date_idx")]

    def __str__(self):
        return f"{self.date} {self.category}: EUR {self.amount}"


class ReportKind(models.TextChoices):
    PROGRESS = "progress", _("progress report")
    FINAL = "final", _("final report")
    ANNUAL = "annual", _("annual accounts and annual report")


def snapshot_path(instance, filename: str) -> str:
    """Submitted packs live in a per-grant folder outside the static/media URLs (an access-checked view serves them)."""
    return f"reports/{instance.grant_id}/{filename}"


class ReportSubmission(RetainedModel):
    """ReportSubmission: that a report the funder expects was submitted: who, when, and the pack as it was then.

    The funder pack (XLSX and PDF) as of the submission date is stored with its SHA-256 and
    never changes, with the Samenvatting's figures and the ledger's chain head at that moment.
    """

    grant = models.ForeignKey("core.Grant", on_delete=models.CASCADE, related_name="report_submissions",
                              verbose_name=_("grant"))
    kind = models.CharField(_("report"), max_length=10, choices=ReportKind.choices)
    due_date = models.DateField(_("due"))
    submitted_on = models.DateField(_("submitted on"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    as_of = models.DateField(_("figures as of"), null=True, blank=True)
    summary = models.JSONField(_("summary figures"), default=dict, blank=True)
    xlsx = models.FileField(_("funder pack (Excel)"), upload_to=snapshot_path, blank=True)
    xlsx_sha256 = models.CharField(_("SHA-256 of the Excel file"), max_length=64, blank=True)
    pdf = models.FileField(_("funder pack (PDF)"), upload_to=snapshot_path, blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    chain_head = models.ForeignKey("ledger.ChainHead", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("chain head when submitted"))

    retention = ("grant__centre_id", None)

    class Meta:
        verbose_name = _("submitted report")
        verbose_name_plural = _("submitted reports")
        ordering = ["grant", "due_date"]
        constraints = [models.UniqueConstraint(fields=["grant", "kind", "due_date"], name="one_submission_per_report")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.due_date}"
