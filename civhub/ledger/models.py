"""The in-kind ledger's reference data: partners' pledges and their hourly rate cards."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from civhub.core.choices import ContributionKind
from civhub.core.retention import RetainedModel


class RateCard(models.Model):
    """RateCard: a partner's hourly rate for a staff category, valid from a date until the next one."""

    partnership = models.ForeignKey("partners.Partnership", on_delete=models.CASCADE, related_name="rate_cards",
                                    verbose_name=_("partner"))
    category = models.SlugField(_("staff category"), max_length=40)
    hourly_rate = models.DecimalField(
        _("hourly rate (EUR)"), max_digits=7, decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("500"))],
    )
    valid_from = models.DateField(_("valid from"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rate card")
        verbose_name_plural = _("rate cards")
        ordering = ["partnership", "category", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "category", "valid_from"], name="unique_rate_per_date"),
        ]

    def __str__(self):
        return f"{self.partnership.short_code} {self.category} EUR {self.hourly_rate} ({self.valid_from})"


class Pledge(models.Model):
    """Pledge: a partner's promise of in-kind or cash contribution for a subsidy year and kind."""

    partnership = models.ForeignKey("partners.Partnership", on_delete=models.CASCADE, related_name="pledges",
                                    verbose_name=_("partner"))
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=ContributionKind.choices)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=12, decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0"))])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["partnership", "year", "kind"]
        constraints = [models.UniqueConstraint(fields=["partnership", "year", "kind"], name="unique_pledge")]

    def __str__(self):
        return f"{self.partnership.short_code} {self.year} {self.kind}: EUR {self.amount}"


def evidence_path(instance, filename: str) -> str:
    """Evidence files live under a per-partner folder outside the static/media URLs (served by a view)."""
    return f"evidence/{instance.partnership_id}/{filename}"


class Contribution(RetainedModel):
    """Contribution: one in-kind (or cash) contribution of a partner: hours valued at a rate, or an amount.

    It moves draft → submitted → approved (by the partner's signatory) → accepted (by the
    finance controller); rejected goes back to the partner. Only accepted entries count as
    co-financing, and an accepted entry never changes: a correction is a reversal (an
    accepted entry of the opposite amount, linked to the original) plus a new entry.
    Accepted entries form a hash chain per centre, so a changed row is detectable.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        APPROVED = "approved", _("approved")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")
        REVERSED = "reversed", _("reversed")

    class Provenance(models.TextChoices):
        """How an accepted entry came to count: through the two keys, or migrated from before civhub."""

        TWO_KEYS = "two_keys", _("two keys")
        MIGRATED = "migrated", _("migration")

    centre = models.ForeignKey("core.Centre", on_delete=models.PROTECT, related_name="contributions",
                               verbose_name=_("centre"))
    partnership = models.ForeignKey("partners.Partnership", on_delete=models.PROTECT, related_name="contributions",
                                    verbose_name=_("partner"))
    extern_id = models.CharField(_("external id"), max_length=100, blank=True)
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=ContributionKind.choices)
    programme_line = models.ForeignKey("core.ProgrammeLine", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="contributions", verbose_name=_("programme line"))
    activity = models.ForeignKey("programme.Activity", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="contributions", verbose_name=_("activity"))
    category = models.SlugField(_("staff category"), max_length=40, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=2, null=True, blank=True)
    hourly_rate = models.DecimalField(_("hourly rate (EUR)"), max_digits=7, decimal_places=2, null=True, blank=True)
    amount = models.DecimalField(_("value (EUR)"), max_digits=12, decimal_places=2)
    description = models.CharField(_("description"), max_length=500)
    evidence = models.FileField(_("evidence"), upload_to=evidence_path, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT,
                              db_index=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("entered by"))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("approved by"))
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("accepted by"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    # The day the entry counts from in an "as of" report: the day of acceptance, or for a migrated entry
    # its own date (or the acceptance date the migration file gives).
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    provenance = models.CharField(_("origin"), max_length=10, choices=Provenance.choices,
                                  default=Provenance.TWO_KEYS)
    migration_reference = models.CharField(_("evidence of the migration"), max_length=300, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    reversal_of = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="reversal", verbose_name=_("reverses"))
    reversal_reason = models.TextField(_("reason for reversal"), blank=True)
    import_batch = models.ForeignKey("ImportBatch", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="contributions", verbose_name=_("import"))
    chain_index = models.PositiveIntegerField(_("position in the chain"), null=True, blank=True)
    previous_hash = models.CharField(_("previous hash"), max_length=64, blank=True)
    content_hash = models.CharField(_("hash"), max_length=64, blank=True)
    # Which fields the hash covers (chain.py): 1 for entries sealed before provenance and accepted_on existed.
    seal_version = models.PositiveSmallIntegerField(_("seal version"), default=2)
    # Accepted entries (and reversed ones) are ledger facts, kept until the grant's retention date.
    retention = ("centre_id", models.Q(status__in=("accepted", "reversed")))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "extern_id"], condition=~models.Q(extern_id=""),
                                    name="unique_extern_id_per_partner"),
            models.UniqueConstraint(fields=["centre", "chain_index"], name="unique_chain_position_per_centre"),
            models.CheckConstraint(
                condition=models.Q(hours__isnull=True) | (models.Q(hours__gt=0) & models.Q(hours__lte=24)),
                name="contribution_hours_between_0_and_24",
            ),
            # "As of" reports count an entry from the day it was accepted: every accepted entry has that day.
            models.CheckConstraint(
                condition=~models.Q(status__in=("accepted", "reversed")) | models.Q(accepted_on__isnull=False),
                name="accepted_contribution_has_acceptance_day",
            ),
        ]
        indexes = [
            # A covering index for the co-financing monitor: SQLite never reads the table, and with one status
            # at a time it reads the rows in the order of the GROUP BY (partner, line, kind), so it sorts
            # nothing (bench/monitor.py). The approval queues use its (centre, status) prefix.
            models.Index(fields=["centre", "status", "partnership", "programme_line", "kind", "date", "amount",
                                 "hours", "accepted_on", "provenance", "created_at"],
                         name="contribution_monitor_idx"),
            # The lists' orders (style.md §17), so a page of a million entries reads 50 rows off an index instead
            # of sorting the ledger: the office's list (newest first, or by value) and a partner's list. The
            # queues (one status, oldest first) read their status through the monitor's index above and sort
            # only that status's rows: an index led by (centre, status, date) or (partnership, status, date)
            # draws SQLite's planner away from the monitor's covering index (19 s instead of 2 s at 1M rows).
            models.Index(fields=["centre", "date", "id"], name="contribution_centre_date_idx"),
            models.Index(fields=["centre", "amount", "date", "id"], name="contribution_centre_value_idx"),
            models.Index(fields=["partnership", "date", "id"], name="contribution_partner_date_idx"),
            # The monitor reads the months that its tally cannot settle from the entries themselves (grants/
            # selectors/monitor/queries.py): those accepted, or entered, in the month of the reference date.
            models.Index(fields=["centre", "accepted_on"], condition=models.Q(accepted_on__isnull=False),
                         name="contribution_accepted_on_idx"),
            models.Index(fields=["centre", "created_at"], name="contribution_entered_idx"),
        ]

    def __str__(self):
        return f"{self.partnership.short_code} {self.date} {self.kind}: EUR {self.amount}"

    # A list shows the kind and status in every row: get_kind_display() builds a dict of every choice, hashing
    # each (lazy) label, that is a translation lookup per choice per row; these look the value up once.
    @property
    def kind_label(self) -> str:
        """The kind as people read it, like get_kind_display()."""
        return str(_KIND_LABELS.get(self.kind, self.kind))

    @property
    def status_label(self) -> str:
        """The status as people read it, like get_status_display()."""
        return str(_STATUS_LABELS.get(self.status, self.status))

    @property
    def counts_as_cofinancing(self) -> bool:
        """Lead applicant and not_counted partners' entries are recorded but never counted."""
        return self.partnership.counts_as_cofinancing

    @property
    def is_reversal(self) -> bool:
        return self.reversal_of_id is not None

    @property
    def is_migrated(self) -> bool:
        return self.provenance == self.Provenance.MIGRATED


_KIND_LABELS = dict(ContributionKind.choices)
_STATUS_LABELS = dict(Contribution.Status.choices)


class StatusEvent(models.Model):
    """StatusEvent: one step in a contribution's history: who did what, when, and why."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="events",
                                     verbose_name=_("contribution"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("by"))
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(_("from"), max_length=10, blank=True)
    to_status = models.CharField(_("to"), max_length=10)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.contribution_id}: {self.from_status} → {self.to_status}"


class PeriodLock(RetainedModel):
    """PeriodLock: a quarter or year the finance controller closed; it takes no new entries, edits or imports.

    Reopening keeps the row, with who reopened it, when and why; closing again makes a new row.
    """

    class Span(models.TextChoices):
        QUARTER = "quarter", _("quarter")
        YEAR = "year", _("year")

    centre = models.ForeignKey("core.Centre", on_delete=models.CASCADE, related_name="period_locks",
                               verbose_name=_("centre"))
    span = models.CharField(_("period"), max_length=10, choices=Span.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("closed by"))
    closed_at = models.DateTimeField(_("closed at"), auto_now_add=True)
    reopened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("reopened by"))
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)
    chain_head = models.ForeignKey("ChainHead", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("chain head when closed"))

    class Meta:
        verbose_name = _("closed period")
        verbose_name_plural = _("closed periods")
        ordering = ["centre", "-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "starts_on", "ends_on"],
                                    condition=models.Q(reopened_at__isnull=True), name="one_open_lock_per_period"),
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="lock_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.centre} {self.starts_on}–{self.ends_on}"

    @property
    def is_closed(self) -> bool:
        return self.reopened_at is None


class ImportBatch(models.Model):
    """ImportBatch: one import of a file (contributions, rates or expenditure): who, what, progress and the outcome.

    The web shows its progress while a large file is written, and its error report when
    the file was refused; an import with --accepted is recorded here with who did it.
    """

    class Kind(models.TextChoices):
        CONTRIBUTIONS = "contributions", _("contributions")
        RATES = "rates", _("rate cards")
        EXPENDITURE = "expenditure", _("subsidy expenditure")

    class State(models.TextChoices):
        PREVIEW = "preview", _("checked, waiting for confirmation")
        REFUSED = "refused", _("refused: the file has errors")
        RUNNING = "running", _("importing")
        DONE = "done", _("imported")
        FAILED = "failed", _("failed")

    centre = models.ForeignKey("core.Centre", on_delete=models.CASCADE, related_name="import_batches",
                               verbose_name=_("centre"))
    partnership = models.ForeignKey("partners.Partnership", on_delete=models.CASCADE, null=True, blank=True,
                                    related_name="import_batches", verbose_name=_("partner"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PREVIEW)
    file_name = models.CharField(_("file"), max_length=255)
    upload = models.FileField(_("uploaded file"), upload_to="imports/", blank=True)
    as_accepted = models.BooleanField(_("imported as accepted"), default=False)
    reference = models.CharField(_("evidence of the migration"), max_length=300, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("by"))
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows done"), default=0)
    created_rows = models.PositiveIntegerField(_("rows added"), default=0)
    existing_rows = models.PositiveIntegerField(_("rows already present"), default=0)
    total_hours = models.DecimalField(_("hours"), max_digits=14, decimal_places=2, default=Decimal("0"))
    total_amount = models.DecimalField(_("value (EUR)"), max_digits=16, decimal_places=2, default=Decimal("0"))
    errors = models.JSONField(_("errors"), default=list, blank=True)
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.file_name} ({self.get_state_display()})"

    @property
    def percent_done(self) -> int:
        return round(self.processed_rows * 100 / self.total_rows) if self.total_rows else 0


class ContributionTally(models.Model):
    """ContributionTally: the ledger's entries added up per partner, line, kind, status and month.

    One row per partner, programme line (0: none), kind, status, month of the entries' date,
    month they were entered (in UTC) and, for accepted and reversed entries, month they were
    accepted (0001-01-01 for the others): the monitor's "as of" needs all three. Each row holds
    how many entries, their value, the value of the migrated ones and their hours, in cents
    and hundredths so that no engine rounds. Database triggers keep it (ledger/tally.py): every
    insert, update or delete of an entry changes its row in the same statement, whichever code
    path writes, so the monitor, the list's totals and a partner's summary add up a few
    thousand rows instead of a million entries (bench/monitor.py). Nothing else writes it.
    """

    # Plain references without a database constraint: the triggers add and subtract as entries
    # come and go, and a deleted entry's row must be writable whatever Django deletes first.
    centre = models.ForeignKey("core.Centre", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False,
                               related_name="+")
    partnership = models.ForeignKey("partners.Partnership", on_delete=models.DO_NOTHING, db_constraint=False,
                                    db_index=False, related_name="+")
    line = models.PositiveIntegerField()  # the programme line's id, 0 for none: a unique key cannot hold NULL
    kind = models.CharField(max_length=20)
    status = models.CharField(max_length=10)
    date_month = models.DateField()
    accepted_month = models.DateField()
    created_month = models.DateField()
    entries = models.IntegerField()
    amount_cents = models.BigIntegerField()
    migrated_cents = models.BigIntegerField()
    hours_hundredths = models.BigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["centre", "partnership", "line", "kind", "status", "date_month", "accepted_month",
                    "created_month"],
            name="unique_tally_cell")]
        # The monitor and the queues read one or two statuses of a centre: their cells only, not every cell.
        indexes = [models.Index(fields=["centre", "status", "date_month"], name="tally_status_month_idx")]

    def __str__(self):
        return f"{self.partnership_id} {self.kind} {self.date_month:%Y-%m}: {self.amount_cents / 100}"


class ChainHead(RetainedModel):
    """ChainHead: how long a centre's hash chains were, and their last hash, at a moment an auditor relies on.

    Recorded with every report submitted and every period closed. `verify_ledger` compares
    the chains with the last one recorded, so removing the newest entries (which leaves a
    shorter chain that still verifies) is noticed. The expenditure chain is per grant.
    """

    centre = models.ForeignKey("core.Centre", on_delete=models.PROTECT, related_name="chain_heads",
                               verbose_name=_("centre"))
    grant = models.ForeignKey("core.Grant", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name=_("grant"))
    contributions = models.PositiveIntegerField(_("accepted entries"))
    contributions_hash = models.CharField(_("hash of the last entry"), max_length=64)
    expenditure = models.PositiveIntegerField(_("expenditure entries"), default=0)
    expenditure_hash = models.CharField(_("hash of the last expenditure entry"), max_length=64, blank=True)
    occasion = models.CharField(_("occasion"), max_length=200)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("recorded chain head")
        verbose_name_plural = _("recorded chain heads")
        ordering = ["centre", "-recorded_at", "-pk"]

    def __str__(self):
        return f"{self.centre} {self.recorded_at:%Y-%m-%d}: {self.contributions} / {self.expenditure}"
