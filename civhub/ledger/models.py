"""The in-kind ledger's reference data: partners' pledges and their hourly rate cards."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from civhub.core.choices import ContributionKind


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
