"""Choices shared by several apps: the kinds of contribution a partner makes."""

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class ContributionKind(models.TextChoices):
    """The brochure's five kinds of in-kind contribution, financial co-financing, and BPV supervision.

    BPV (supervising students on work placement, and placement allowances) is recorded and
    shown like any contribution but never counts as co-financing (RIF 2014 art. 10(5)).
    """

    ORGANISATION = "organisation", _("taking part in the organisation (steering group, working groups)")
    RESEARCH = "research", _("contributing to research assignments of the practorate")
    LAB = "lab", _("contributing to an up-to-date lab environment")
    EDUCATION = "education", _("developing demand-driven education")
    LIFELONG_LEARNING = "lifelong_learning", _("building the lifelong-learning ecosystem")
    CASH = "cash", _("financial contribution (cash)")
    BPV = "bpv", _("supervising students on work placement (BPV) or placement allowances")

    @classmethod
    def in_kind(cls) -> list["ContributionKind"]:
        """The brochure's five kinds: what a partner brings in kind as co-financing."""
        return [kind for kind in cls if kind not in (cls.CASH, cls.BPV)]

    @classmethod
    def form_choices(cls, kinds=None) -> list[tuple[str, str]]:
        """Choices for a form: the labels start with a capital there, unlike inside a sentence."""
        return [(kind.value, capfirst(kind.label)) for kind in (kinds or list(cls))]


# Under a fixed hourly rate (RIF 2014 art. 14(3)) these kinds are staff time and recorded in hours.
STAFF_TIME_KINDS = frozenset({ContributionKind.ORGANISATION, ContributionKind.RESEARCH, ContributionKind.EDUCATION,
                              ContributionKind.LIFELONG_LEARNING})
# A staff-time kind may still carry an amount for a material cost, booked under this category.
MATERIAL_CATEGORY = "materiaal"
# Recorded and shown, never counted as co-financing (RIF 2014 art. 10(5)).
NEVER_COUNTED_KINDS = frozenset({ContributionKind.BPV})


# The kinds' short names, as the site shows them (column headings, the pledge table); the full label is the
# heading's title and the form's choice. The ledger import accepts them too (docs/formats.md §2).
KIND_SHORT = {
    ContributionKind.ORGANISATION: _("Organisation"),
    ContributionKind.RESEARCH: _("Research"),
    ContributionKind.LAB: _("Lab"),
    ContributionKind.EDUCATION: _("Education"),
    ContributionKind.LIFELONG_LEARNING: _("Lifelong learning"),
    ContributionKind.CASH: _("Cash"),
    ContributionKind.BPV: _("BPV"),
}
