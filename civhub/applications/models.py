"""The funding application: a centre's application for a subsidy round, its parts, its budget and what comes after.

Every centre passes this gate before its money exists, and again when it applies to scale up or
to continue (RIF 2014 art. 8, 10–15). An application holds the parts the regulation asks for,
each with an owner, a draft and comments; a multi-year budget of income and costs per calendar
year, volume × price, checked against the round's rules (`budget_rules.py`); and a forecast of
income and costs for the years after the subsidy. Only a draft changes. The partners'
confirmations, the cooperation agreement, submitting and the award build on these records.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from civhub.core.choices import ContributionKind


class Application(models.Model):
    """Application: a centre's application for a subsidy under one round's regulation (e.g. RIF 2019–2022).

    The subsidy asked is not typed in: it is the sum of the budget's subsidy lines. The round's
    numbers (hourly rate, shares, minimum and maximum subsidy) are read from the regulation.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        AWARDED = "awarded", _("awarded")

    centre = models.ForeignKey("core.Centre", on_delete=models.CASCADE, related_name="funding_applications",
                               verbose_name=_("centre"))
    regulation = models.ForeignKey("core.Regulation", on_delete=models.PROTECT, related_name="applications",
                                   verbose_name=_("regulation (round)"))
    title = models.CharField(_("title"), max_length=200)
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))
    due_on = models.DateField(_("application due"), null=True, blank=True)
    # After the award, the office asks the partners for their commitments after the subsidy (issue 15).
    continuation_asked_on = models.DateField(_("commitments after the subsidy asked on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funding application")
        verbose_name_plural = _("funding applications")
        ordering = ["centre", "-planned_start", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(planned_end__gt=models.F("planned_start")),
                                   name="application_ends_after_start"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def continuation_round_open(self) -> bool:
        """The office asked the partners for their commitments after the subsidy (awarded applications only)."""
        return self.status == self.Status.AWARDED and self.continuation_asked_on is not None

    @property
    def continuation_editable(self) -> bool:
        """The forecast after the subsidy changes in a draft, and again while the partners are asked for it."""
        return self.is_draft or self.continuation_round_open

    @property
    def years(self) -> range:
        """The calendar years of the planned period: the budget's years."""
        return range(self.planned_start.year, self.planned_end.year + 1)


class PartKind(models.TextChoices):
    """The parts of an application the regulation asks for, in the order the funder reads them."""

    REGIONAL_VISION = "regional_vision", _("regional vision")
    PLAN_OF_APPROACH = "plan_of_approach", _("plan of approach")
    BUDGET = "budget", _("multi-year budget")
    COOPERATION_AGREEMENT = "cooperation_agreement", _("cooperation agreement")
    COMMITMENTS = "commitments", _("partners' commitments")


class ApplicationPart(models.Model):
    """ApplicationPart: one part of an application (the regional vision, the plan of approach, ...), its owner,
    its status and the text drafted for it; every saved draft is kept in its history."""

    class Status(models.TextChoices):
        TODO = "todo", pgettext_lazy("application part", "to do")
        DRAFT = "draft", _("draft")
        REVIEW = "review", _("ready for review")
        DONE = "done", _("done")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="parts",
                                    verbose_name=_("funding application"))
    kind = models.CharField(_("part"), max_length=30, choices=PartKind.choices)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=pgettext_lazy("application part", "owner"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.TODO)
    draft = models.TextField(_("draft text"), blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("last changed by"))
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("application part")
        verbose_name_plural = _("application parts")
        ordering = ["application", "position"]
        constraints = [models.UniqueConstraint(fields=["application", "kind"], name="one_part_of_each_kind")]

    def __str__(self):
        return f"{self.application}: {self.get_kind_display()}"

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE


class PartComment(models.Model):
    """PartComment: a remark on a part of an application by one of the people writing it; never changed."""

    part = models.ForeignKey(ApplicationPart, on_delete=models.CASCADE, related_name="comments",
                             verbose_name=_("application part"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("author"))
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment on a part")
        verbose_name_plural = _("comments on parts")
        ordering = ["part", "created_at", "pk"]

    def __str__(self):
        return f"{self.part}: {self.text[:40]}"


class BudgetSide(models.TextChoices):
    INCOME = "income", _("income")
    COST = "cost", _("costs")


class IncomeSource(models.TextChoices):
    SUBSIDY = "subsidy", _("subsidy")
    PARTNER = "partner", _("partner")


class ContributionForm(models.TextChoices):
    CASH = "cash", _("cash")
    IN_KIND = "in_kind", _("in kind")


class BudgetCategory(models.TextChoices):
    """What a line is: staff hours (valued at the round's rate), lab and equipment, materials, overhead (a cost),
    other, or BPV, which a partner may bring and which never counts (RIF 2014 art. 10(5))."""

    HOURS = "hours", _("staff hours")
    LAB = ContributionKind.LAB.value, _("lab and equipment")
    MATERIALS = "materials", _("materials")
    OVERHEAD = "overhead", _("overhead")
    OTHER = "other", _("other")
    BPV = ContributionKind.BPV.value, _("BPV: supervising students on work placement or placement allowances")


# Which categories each kind of line may carry (the services check it, budget_file.py for an import).
COST_CATEGORIES = (BudgetCategory.HOURS, BudgetCategory.LAB, BudgetCategory.MATERIALS, BudgetCategory.OVERHEAD,
                   BudgetCategory.OTHER)
IN_KIND_CATEGORIES = (BudgetCategory.HOURS, BudgetCategory.LAB, BudgetCategory.MATERIALS, BudgetCategory.OTHER,
                      BudgetCategory.BPV)
# A partner's money is money: no category, unless it is a placement allowance (BPV, never counted).
CASH_CATEGORIES = ("", BudgetCategory.BPV)


class BudgetLine(models.Model):
    """BudgetLine: one line of an application's multi-year budget, for one calendar year: volume × price.

    Income says who pays: the subsidy, or a partner in cash or in kind. Costs say what the money
    is spent on (staff hours, lab, materials, overhead, other), per programme line if wanted. A
    partner's contribution in kind is spent where it is brought, so it counts as a cost as well;
    the cost lines spend the money (the subsidy and the partners' cash). Staff hours are valued
    at the round's hourly rate. The amount is volume × price, rounded half up to the cent, stored
    so the database can add it up.
    """

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="budget_lines",
                                    verbose_name=_("funding application"))
    year = models.PositiveSmallIntegerField(_("year"))
    side = models.CharField(_("income or costs"), max_length=10, choices=BudgetSide.choices)
    source = models.CharField(_("paid by"), max_length=10, choices=IncomeSource.choices, blank=True)
    partnership = models.ForeignKey("partners.Partnership", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="application_budget_lines", verbose_name=_("partner"))
    form = models.CharField(_("cash or in kind"), max_length=10, choices=ContributionForm.choices, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=BudgetCategory.choices, blank=True)
    programme_line = models.ForeignKey("core.ProgrammeLine", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="application_budget_lines", verbose_name=_("programme line"))
    description = models.CharField(_("description"), max_length=500)
    volume = models.DecimalField(_("volume"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    price = models.DecimalField(_("price (EUR)"), max_digits=12, decimal_places=2)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=14, decimal_places=2)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("application budget line")
        verbose_name_plural = _("application budget lines")
        ordering = ["application", "side", "year", "source", "partnership__organisation__name", "category", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(volume__gt=0), name="application_line_volume_positive"),
            models.CheckConstraint(condition=models.Q(price__gt=0), name="application_line_price_positive"),
            models.CheckConstraint(
                condition=models.Q(source=IncomeSource.PARTNER, partnership__isnull=False)
                | (~models.Q(source=IncomeSource.PARTNER) & models.Q(partnership__isnull=True)),
                name="application_line_partner_pays"),
            models.CheckConstraint(
                condition=models.Q(side=BudgetSide.COST, source="", form="")
                | (models.Q(side=BudgetSide.INCOME) & ~models.Q(source="") & ~models.Q(form="")),
                name="application_line_income_names_its_source"),
        ]
        indexes = [models.Index(fields=["application", "side", "year"], name="application_line_side_year_idx")]

    def __str__(self):
        return f"{self.year} {self.get_side_display()}: {self.description}"


class ContinuationLine(models.Model):
    """ContinuationLine: the forecast of one income or cost for a year after the subsidy, showing how the centre
    lives on (at least the four years after the planned end); income may name the partner that brings it."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="continuation_lines",
                                    verbose_name=_("funding application"))
    year = models.PositiveSmallIntegerField(_("year"))
    side = models.CharField(_("income or costs"), max_length=10, choices=BudgetSide.choices)
    partnership = models.ForeignKey("partners.Partnership", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="continuation_lines", verbose_name=_("partner"))
    description = models.CharField(_("description"), max_length=500)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=12, decimal_places=2)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("continuation line")
        verbose_name_plural = _("continuation lines")
        ordering = ["application", "year", "side", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="continuation_amount_positive"),
            models.CheckConstraint(condition=models.Q(side=BudgetSide.INCOME) | models.Q(partnership__isnull=True),
                                   name="continuation_cost_has_no_partner"),
        ]

    def __str__(self):
        return f"{self.year} {self.get_side_display()}: {self.description}"


class Commitment(models.Model):
    """Commitment: a partner's answer to its own pledge table in an application: confirmed, or a change asked.

    The partner's signatory confirms the table as it stood (its SHA-256 over the canonical
    serialisation of `commitments.pledge_table`, kept here with the text it was computed over) with
    their name, role and the organisation's postal address; or asks for a change with a comment.
    Answers are never changed: a new answer is a new row, and the newest one counts. A confirmation
    whose hash no longer matches the table is void, and the partner is asked again. The same flow asks,
    after the award, for the partner's commitments after the subsidy (`stage`: its continuation lines,
    hashed the same way by `commitments.continuation_table`).
    """

    class Answer(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        CHANGE_ASKED = "change_asked", _("change asked")

    class Stage(models.TextChoices):
        """What the partner answers for: its pledges in the application, or its commitments after the subsidy (its
        continuation lines, asked in the grant's final year)."""

        APPLICATION = "application", _("pledges in the application")
        CONTINUATION = "continuation", _("commitments after the subsidy")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="commitments",
                                    verbose_name=_("funding application"))
    stage = models.CharField(_("answers for"), max_length=15, choices=Stage.choices, default=Stage.APPLICATION)
    partnership = models.ForeignKey("partners.Partnership", on_delete=models.PROTECT,
                                    related_name="application_commitments", verbose_name=_("partner"))
    answer = models.CharField(_("answer"), max_length=15, choices=Answer.choices)
    table_hash = models.CharField(_("SHA-256 of the pledge table"), max_length=64)
    table_text = models.TextField(_("the pledge table as answered"))
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("signatory"))
    signer_name = models.CharField(_("name"), max_length=200)
    signer_role = models.CharField(_("role"), max_length=200, blank=True)
    signer_address = models.CharField(_("postal address"), max_length=500, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("partner's commitment")
        verbose_name_plural = _("partners' commitments")
        ordering = ["application", "partnership", "-answered_at", "-pk"]
        indexes = [models.Index(fields=["application", "partnership", "-answered_at"],
                                name="commitment_newest_idx")]

    def __str__(self):
        return f"{self.application}: {self.partnership} ({self.get_answer_display()})"
# Submitting and the award (issue 15): the frozen copy and the decision -------------------------------


def submission_path(instance, filename: str) -> str:
    """The frozen files live in a per-application folder outside the static/media URLs (an access-checked view
    serves them)."""
    return f"applications/{instance.application_id}/{filename}"


class FrozenQuerySet(models.QuerySet):
    """A queryset that neither updates nor deletes in bulk: the rows it holds never change."""

    def update(self, **kwargs):
        raise FrozenRecordError(_("This record was frozen when it was made and never changes."))

    def delete(self):
        raise FrozenRecordError(_("This record was frozen when it was made and is never deleted."))


class FrozenRecordError(Exception):
    """A change or deletion of a frozen record (a submitted copy, an award) refused."""


class FrozenModel(models.Model):
    """A record written once by its service and never changed or deleted afterwards (save and delete refuse)."""

    objects = FrozenQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and type(self).objects.filter(pk=self.pk).exists():
            raise FrozenRecordError(_("This record was frozen when it was made and never changes."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise FrozenRecordError(_("This record was frozen when it was made and is never deleted."))


class SubmittedCopy(FrozenModel):
    """SubmittedCopy: the application as the funder received it, frozen when the office marked it submitted.

    The whole application as one PDF and the budget annex (XLSX), each with its SHA-256, and a
    canonical JSON of the parts and the budget lines with its SHA-256 (services/submission.py
    says how it is written), so anyone can check later that nothing changed. Never changed.
    """

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="submitted_copy",
                                       verbose_name=_("funding application"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("submitted by"))
    submitted_at = models.DateTimeField(_("submitted at"))
    subsidy_asked = models.DecimalField(_("subsidy asked (EUR)"), max_digits=14, decimal_places=2)
    budget_total = models.DecimalField(_("budget that counts (EUR)"), max_digits=14, decimal_places=2)
    pdf = models.FileField(_("the application (PDF)"), upload_to=submission_path)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64)
    xlsx = models.FileField(_("budget annex (Excel)"), upload_to=submission_path)
    xlsx_sha256 = models.CharField(_("SHA-256 of the Excel file"), max_length=64)
    # Copies frozen before the agreement annex existed have none (blank); every later copy has it.
    agreement_annex = models.FileField(_("agreement annex with the partners' commitments (PDF)"),
                                       upload_to=submission_path, blank=True)
    agreement_annex_sha256 = models.CharField(_("SHA-256 of the agreement annex"), max_length=64, blank=True)
    content = models.TextField(_("parts and budget lines (canonical JSON)"))
    content_sha256 = models.CharField(_("SHA-256 of the parts and budget lines"), max_length=64)

    class Meta:
        verbose_name = _("submitted copy of an application")
        verbose_name_plural = _("submitted copies of applications")
        ordering = ["-submitted_at"]

    def __str__(self):
        return f"{self.application} ({self.submitted_at:%Y-%m-%d})"


class AwardScaling(models.TextChoices):
    """How a partial award scales the budget (services/award.py): the office's choice on the confirmation page."""

    PROPORTIONAL = "proportional", _("everything in proportion")
    KEEP_PARTNERS = "keep_partners", _("keep the partners' contributions, reduce the subsidy and what it pays for")


class Award(FrozenModel):
    """Award: the funder's decision on a submitted application, and the grant the application became.

    The decision's date, reference and the amount granted; when it is less than the subsidy
    asked, how the budget was scaled (`scaling`: every line by granted ÷ asked, or the partners'
    contributions kept and the subsidy and its costs reduced; services/award.py).
    Never changed: a later change of the grant is a budget revision on the grant.
    """

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="award",
                                       verbose_name=_("funding application"))
    grant = models.OneToOneField("core.Grant", on_delete=models.PROTECT, related_name="application_award",
                                 verbose_name=_("grant"))
    decision_date = models.DateField(_("date of the award decision"))
    decision_reference = models.CharField(_("reference of the award decision"), max_length=100)
    amount_granted = models.DecimalField(_("subsidy granted (EUR)"), max_digits=14, decimal_places=2)
    subsidy_asked = models.DecimalField(_("subsidy asked (EUR)"), max_digits=14, decimal_places=2)
    scaled = models.BooleanField(_("budget scaled to the amount granted"), default=False)
    scaling = models.CharField(_("how the budget was scaled"), max_length=20, choices=AwardScaling.choices,
                               default=AwardScaling.PROPORTIONAL)
    awarded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("recorded by"))
    awarded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-decision_date"]

    def __str__(self):
        return f"{self.application}: {self.decision_reference}"
