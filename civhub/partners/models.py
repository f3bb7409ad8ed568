"""Organisations, their partnerships in centres, their contacts, applications to join, and changes to shared details."""

import re
import unicodedata

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from civhub.core.choices import ContributionKind

kvk_validator = RegexValidator(r"^\d{8}$", _("A KvK number has exactly 8 digits."))

# Legal-form words that do not tell two organisations apart ("Stichting LBSP" = "LBSP").
_LEGAL_FORMS = {"stichting", "bv", "b.v.", "nv", "n.v.", "vereniging", "gemeente", "the", "de", "het"}


def normalise_name(name: str) -> str:
    """A name reduced for duplicate detection: no accents, case, punctuation or legal forms."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = [w for w in re.split(r"[^a-z0-9.]+", text) if w and w not in _LEGAL_FORMS]
    return "".join(w.replace(".", "") for w in words)


class OrganisationKind(models.TextChoices):
    COMPANY = "company", _("company")
    FOUNDATION = "foundation", _("foundation")
    HOSPITAL = "hospital", _("hospital")
    STAFFING = "staffing", _("staffing agency")
    INDUSTRY_ASSOCIATION = "industry_association", _("industry association")
    TRAINING_FUND = "training_fund", _("training fund (O&O fund)")
    MUNICIPALITY = "municipality", _("municipality")
    REGION = "region", _("region")
    PROVINCE = "province", _("province")
    SCHOOL = "school", _("school (mbo)")
    COLLEGE = "college", _("university or college")
    OTHER = "other", _("other")


class Cluster(models.TextChoices):
    PROFESSIONAL_FIELD = "professional_field", _("professional field")
    GOVERNMENT_EDUCATION = "government_education", _("government and education")


class CofinancingGroup(models.TextChoices):
    EMPLOYER = "employer", _("employers")
    GOVERNMENT = "government", _("government")
    OTHER = "other", _("other partners")
    NOT_COUNTED = "not_counted", _("not counted")


# Employers as RIF 2014 art. 1 and 10(3) define them: every organisation with economic activity (a company, a
# staffing agency, a hospital), with the organised business sector and training funds counted among them.
EMPLOYER_KINDS = frozenset({OrganisationKind.COMPANY, OrganisationKind.STAFFING, OrganisationKind.HOSPITAL,
                            OrganisationKind.INDUSTRY_ASSOCIATION, OrganisationKind.TRAINING_FUND})


def default_cofinancing_group(kind: str, *, lead_applicant: bool) -> str:
    """The group a partner's co-financing counts in, by kind, unless the centre says otherwise."""
    if lead_applicant:
        return CofinancingGroup.NOT_COUNTED
    if kind in EMPLOYER_KINDS:
        return CofinancingGroup.EMPLOYER
    if kind in {OrganisationKind.MUNICIPALITY, OrganisationKind.REGION, OrganisationKind.PROVINCE}:
        return CofinancingGroup.GOVERNMENT
    return CofinancingGroup.OTHER


class Organisation(models.Model):
    """Organisation: a company, school or government body; global, it may be a partner of several centres."""

    name = models.CharField(_("name"), max_length=200)
    normalised_name = models.CharField(_("normalised name"), max_length=200, db_index=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    kvk_number = models.CharField(_("KvK number"), max_length=8, blank=True, validators=[kvk_validator])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["kvk_number"], condition=~models.Q(kvk_number=""),
                                    name="unique_kvk_number"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.normalised_name = normalise_name(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "normalised_name"}
        super().save(*args, **kwargs)


class Partnership(models.Model):
    """Partnership: an organisation taking part in one centre, with its cluster, status and role there."""

    class Status(models.TextChoices):
        PROSPECT = "prospect", _("prospect")
        ACTIVE = "active", _("active")
        LEFT = "left", _("left")

    centre = models.ForeignKey("core.Centre", on_delete=models.CASCADE, related_name="partnerships",
                               verbose_name=_("centre"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="partnerships",
                                     verbose_name=_("organisation"))
    short_code = models.SlugField(_("short code"), max_length=40)
    cluster = models.CharField(_("cluster"), max_length=30, choices=Cluster.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    is_lead_applicant = models.BooleanField(_("lead applicant"), default=False)
    cofinancing_group = models.CharField(_("co-financing group"), max_length=20, choices=CofinancingGroup.choices)
    intended_kinds = models.JSONField(_("intended kinds of contribution"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["centre", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "organisation"], name="unique_partnership"),
            models.UniqueConstraint(fields=["centre", "short_code"], name="unique_short_code_per_centre"),
            models.UniqueConstraint(fields=["centre"], condition=models.Q(is_lead_applicant=True),
                                    name="one_lead_applicant_per_centre"),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.centre})"

    @property
    def counts_as_cofinancing(self) -> bool:
        return self.cofinancing_group != CofinancingGroup.NOT_COUNTED

    def intended_kind_labels(self) -> list[str]:
        return [ContributionKind(kind).label for kind in self.intended_kinds if kind in ContributionKind.values]


class Contact(models.Model):
    """Contact: a person at a partner organisation whom the office can reach about the centre."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="contacts",
                                    verbose_name=_("partner"))
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="contacts", verbose_name=_("login"))
    is_primary = models.BooleanField(_("primary contact"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["partnership", "-is_primary", "name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "email"], name="unique_contact_email")]

    def __str__(self):
        return f"{self.name} <{self.email}>"


class PartnerApplication(models.Model):
    """PartnerApplication: an organisation's request, from the public site, to become a partner of a centre.

    It is not a partner yet: the programme office approves (creating or linking the
    organisation and its partnership, and inviting the contact) or declines with a reason.
    """

    class Status(models.TextChoices):
        NEW = "new", _("new")
        APPROVED = "approved", _("approved")
        DECLINED = "declined", _("declined")

    centre = models.ForeignKey("core.Centre", on_delete=models.CASCADE, related_name="applications",
                               verbose_name=_("centre"))
    organisation_name = models.CharField(_("organisation name"), max_length=200)
    normalised_name = models.CharField(max_length=200, db_index=True, editable=False)
    kind = models.CharField(_("kind of organisation"), max_length=20, choices=OrganisationKind.choices)
    city = models.CharField(_("city"), max_length=100)
    website = models.URLField(_("website"), blank=True)
    kvk_number = models.CharField(_("KvK number"), max_length=8, blank=True, validators=[kvk_validator])
    contact_name = models.CharField(_("contact name"), max_length=200)
    contact_email = models.EmailField(_("e-mail"))
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    motivation = models.TextField(_("motivation"), max_length=3000)
    intended_kinds = models.JSONField(_("intended kinds of contribution"), default=list)
    consent_given_at = models.DateTimeField(_("consent given at"))
    language = models.CharField(_("language"), max_length=5, default="nl",
                                help_text=_("The language the applicant used; e-mails to them are in it."))
    submitted_from = models.CharField(max_length=64, blank=True, db_index=True, editable=False,
                                      help_text="Keyed hash of the sender's IP address, for the rate limit.")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    partnership = models.ForeignKey(Partnership, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="applications", verbose_name=_("partnership"))
    created_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("partner application")
        verbose_name_plural = _("partner applications")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.organisation_name} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        self.normalised_name = normalise_name(self.organisation_name)
        super().save(*args, **kwargs)

    def intended_kind_labels(self) -> list[str]:
        return [ContributionKind(kind).label for kind in self.intended_kinds if kind in ContributionKind.values]


# The organisation's own details a partner may change from the portal; kind and cluster stay with the office.
SHARED_DETAIL_FIELDS = ("name", "city", "website", "kvk_number")


class OrganisationChange(models.Model):
    """OrganisationChange: a partner's request to change the details of an organisation other centres share.

    An organisation is global. When it is a partner of more than one centre, a change to its
    name, city, website or KvK number asked for through one partnership waits here until the
    programme office of every other centre that has it as a partner approves; one decline
    closes the request. `wanted` and `previous` hold only the fields asked to change.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for approval")
        APPROVED = "approved", _("approved")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="change_requests",
                                     verbose_name=_("organisation"))
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="organisation_changes",
                                    verbose_name=_("requested through"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("requested by"))
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True, db_index=True)
    wanted = models.JSONField(_("new values"), default=dict)
    previous = models.JSONField(_("old values"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("change to organisation details")
        verbose_name_plural = _("changes to organisation details")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation"], condition=models.Q(status="pending"),
                                    name="one_pending_change_per_organisation"),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    def decision_of(self, centre) -> "OrganisationChangeDecision | None":
        """This centre's decision (from the prefetched decisions when the selector loaded them)."""
        return next((decision for decision in self.decisions.all() if decision.centre_id == centre.pk), None)

    def waiting_centres(self) -> list:
        """The centres whose office has not answered yet, by name."""
        return [decision.centre for decision in self.decisions.all() if decision.is_waiting]

    def field_rows(self) -> list[tuple[str, str, str]]:
        """(label, old value, new value) for every field asked to change, in the form's order."""
        return [
            (str(Organisation._meta.get_field(name).verbose_name), self.previous.get(name, ""), self.wanted[name])
            for name in SHARED_DETAIL_FIELDS if name in self.wanted
        ]


class OrganisationChangeDecision(models.Model):
    """OrganisationChangeDecision: one other centre's answer to a change request, given by its programme office."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("waiting")
        APPROVED = "approved", _("approved")
        DECLINED = "declined", _("declined")

    change = models.ForeignKey(OrganisationChange, on_delete=models.CASCADE, related_name="decisions",
                               verbose_name=_("change request"))
    centre = models.ForeignKey("core.Centre", on_delete=models.CASCADE, related_name="organisation_change_decisions",
                               verbose_name=_("centre"))
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("decision on a change to organisation details")
        verbose_name_plural = _("decisions on changes to organisation details")
        ordering = ["change", "centre__name"]
        constraints = [models.UniqueConstraint(fields=["change", "centre"], name="one_decision_per_centre")]

    def __str__(self):
        return f"{self.centre}: {self.get_decision_display()}"

    @property
    def is_waiting(self) -> bool:
        return self.decision == self.Decision.PENDING


def agreement_path(instance, filename: str) -> str:
    """The agreement's versions under the centre's folder (outside the public media URLs)."""
    return f"agreements/{instance.centre_id}/{filename}"


def signature_path(instance, filename: str) -> str:
    return f"agreements/{instance.version.centre_id}/signed/{instance.partnership_id}/{filename}"


class AgreementVersion(models.Model):
    """AgreementVersion: one version of the centre's cooperation agreement (samenwerkingsovereenkomst), the legal
    basis of every pledge: its document, its date and what changed against the version before. The newest
    version is the current one; partners sign each version (AgreementSignature)."""

    centre = models.ForeignKey("core.Centre", on_delete=models.CASCADE, related_name="agreement_versions",
                               verbose_name=_("centre"))
    number = models.PositiveSmallIntegerField(_("version"))
    dated = models.DateField(_("dated"))
    document = models.FileField(_("document"), upload_to=agreement_path, blank=True, max_length=300)
    changes = models.TextField(_("what changed"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("recorded by"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("version of the cooperation agreement")
        verbose_name_plural = _("versions of the cooperation agreement")
        ordering = ["centre", "-number"]
        constraints = [models.UniqueConstraint(fields=["centre", "number"], name="one_agreement_version_number")]

    def __str__(self):
        return f"{self.centre}: {self.number}"


class AgreementSignature(models.Model):
    """AgreementSignature: a partner's signature under one version of the cooperation agreement: who signed and
    when, as a scanned copy the office uploads or as a confirmation by the partner's signatory in civhub. A
    partner that joins later signs an accession (toetreding) with the date from which its pledges count."""

    class Way(models.TextChoices):
        SCAN = "scan", _("scanned copy")
        CIVHUB = "civhub", _("confirmed in civhub")

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="signatures",
                                verbose_name=_("version of the cooperation agreement"))
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="agreement_signatures",
                                    verbose_name=_("partner"))
    way = models.CharField(_("signed as"), max_length=10, choices=Way.choices)
    signed_by_name = models.CharField(_("signed by"), max_length=200)
    signed_on = models.DateField(_("signed on"))
    scan = models.FileField(_("scanned copy"), upload_to=signature_path, blank=True, max_length=300)
    is_accession = models.BooleanField(_("accession"), default=False)
    counts_from = models.DateField(_("pledges count from"), null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("confirmed in civhub by"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("signature under the cooperation agreement")
        verbose_name_plural = _("signatures under the cooperation agreement")
        ordering = ["version", "partnership__organisation__name"]
        constraints = [models.UniqueConstraint(fields=["version", "partnership"], name="one_signature_per_version")]

    def __str__(self):
        return f"{self.partnership}: {self.version}"
