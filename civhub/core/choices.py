"""Choices shared by several apps: the kinds of contribution a partner makes."""

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class ContributionKind(models.TextChoices):
    """The brochure's five kinds of in-kind contribution, plus financial co-financing."""

    ORGANISATION = "organisation", _("taking part in the organisation (steering group, working groups)")
    RESEARCH = "research", _("contributing to research assignments of the practorate")
    LAB = "lab", _("contributing to an up-to-date lab environment")
    EDUCATION = "education", _("developing demand-driven education")
    LIFELONG_LEARNING = "lifelong_learning", _("building the lifelong-learning ecosystem")
    CASH = "cash", _("financial contribution (cash)")

    @classmethod
    def in_kind(cls) -> list["ContributionKind"]:
        return [kind for kind in cls if kind != cls.CASH]

    @classmethod
    def form_choices(cls, kinds=None) -> list[tuple[str, str]]:
        """Choices for a form: the labels start with a capital there, unlike inside a sentence."""
        return [(kind.value, capfirst(kind.label)) for kind in (kinds or list(cls))]
