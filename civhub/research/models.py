"""The practorate (programme line 2): partners' research questions, the projects made of them, and their outputs.

A partner asks a question from the workplace; the practor triages it (intake with questions
back, then accepted, declined or parked). An accepted question becomes a research project
with teachers, students, partners, outputs and the education modules it fed. When a project
is finished, its public summary appears on the centre's site once every partner approved it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class ResearchQuestion(models.Model):
    """ResearchQuestion: a question from a partner's workplace that the practorate could research with students.

    Its status follows the practor's triage; the transitions allowed are in services/questions.py.
    """

    class Status(models.TextChoices):
        NEW = "new", _("new")
        INTAKE = "intake", _("in intake")
        ACCEPTED = "accepted", pgettext_lazy("research question", "accepted")
        DECLINED = "declined", _("declined")
        PARKED = "parked", _("parked")

    centre = models.ForeignKey("core.Centre", on_delete=models.CASCADE, related_name="research_questions",
                               verbose_name=_("centre"))
    partnership = models.ForeignKey("partners.Partnership", on_delete=models.PROTECT,
                                    related_name="research_questions", verbose_name=_("partner"))
    title = models.CharField(_("title"), max_length=200)
    context = models.TextField(_("the situation at work"))
    desired_outcome = models.TextField(_("desired outcome"))
    student_hosting = models.TextField(_("who can host students"), blank=True)
    lab_time = models.TextField(_("available lab time"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    # The reason for a decline, or the note on a parked question, as the submitter was told.
    status_note = models.TextField(_("reason or note"), blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("submitted by"))
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("research question")
        verbose_name_plural = _("research questions")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["centre", "status"], name="research_question_status_idx")]

    def __str__(self):
        return self.title


class QuestionMessage(models.Model):
    """QuestionMessage: one message in the intake conversation on a question (the practor asks, the partner answers)."""

    question = models.ForeignKey(ResearchQuestion, on_delete=models.CASCADE, related_name="messages",
                                 verbose_name=_("research question"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("author"))
    text = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("message on a research question")
        verbose_name_plural = _("messages on research questions")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.question}: {self.author} {self.created_at:%Y-%m-%d %H:%M}"


class ResearchProject(models.Model):
    """ResearchProject: research the practorate carries out with teachers, students and partners, in line 2.

    Its `activity` (in programme line 2) is what partners' in-kind research hours are booked on.
    A finished project's public summary is published once each partner approved its current text
    (`summary_version` counts the edits; approvals are for one version).
    """

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        FINISHED = "finished", _("finished")

    centre = models.ForeignKey("core.Centre", on_delete=models.CASCADE, related_name="research_projects",
                               verbose_name=_("centre"))
    question = models.OneToOneField(ResearchQuestion, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="project", verbose_name=_("research question"))
    title = models.CharField(_("title"), max_length=200)
    practor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("practor"))
    teachers = models.TextField(_("teachers"), blank=True)
    students = models.TextField(_("students"), blank=True)
    partners = models.ManyToManyField("partners.Partnership", related_name="research_projects",
                                      verbose_name=_("partners"))
    plan = models.TextField(_("plan"))
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    modules = models.ManyToManyField("programme.EducationModule", blank=True, related_name="research_projects",
                                     verbose_name=_("education modules it fed"))
    activity = models.OneToOneField("programme.Activity", on_delete=models.PROTECT, related_name="research_project",
                                    verbose_name=_("activity"))
    summary = models.TextField(_("public summary"), blank=True)
    summary_version = models.PositiveIntegerField(_("version of the summary"), default=0)
    summary_published_at = models.DateTimeField(_("summary published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[partners, modules])

    class Meta:
        verbose_name = _("research project")
        verbose_name_plural = _("research projects")
        ordering = ["-start", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")),
                                   name="research_project_ends_after_start"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.status == self.Status.FINISHED


def output_path(instance, filename: str) -> str:
    """Output files live under a per-project folder outside the static/media URLs (served by a view with checks)."""
    return f"research/{instance.project_id}/{filename}"


class ResearchOutput(models.Model):
    """ResearchOutput: something a project produced (a report, lesson material, a prototype), as a file or a link."""

    class Kind(models.TextChoices):
        REPORT = "report", _("report")
        LESSON_MATERIAL = "lesson_material", _("lesson material")
        PROTOTYPE = "prototype", _("prototype")
        OTHER = "other", _("other")

    project = models.ForeignKey(ResearchProject, on_delete=models.CASCADE, related_name="outputs",
                                verbose_name=_("research project"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=output_path, blank=True, max_length=300)
    link = models.URLField(_("link"), blank=True, max_length=500)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("added by"))
    added_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        verbose_name = _("research output")
        verbose_name_plural = _("research outputs")
        ordering = ["added_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(file="") | ~models.Q(link=""),
                                   name="research_output_has_file_or_link"),
        ]

    def __str__(self):
        return self.title


class SummaryReview(models.Model):
    """SummaryReview: a partner's approval of (or request to change) one version of a project's public summary."""

    class Decision(models.TextChoices):
        APPROVED = "approved", _("approved")
        CHANGES_REQUESTED = "changes", _("changes requested")

    project = models.ForeignKey(ResearchProject, on_delete=models.CASCADE, related_name="reviews",
                                verbose_name=_("research project"))
    partnership = models.ForeignKey("partners.Partnership", on_delete=models.CASCADE, related_name="+",
                                    verbose_name=_("partner"))
    version = models.PositiveIntegerField(_("version of the summary"))
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    comment = models.TextField(_("comment"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)

    class Meta:
        verbose_name = _("review of a public summary")
        verbose_name_plural = _("reviews of public summaries")
        ordering = ["project", "partnership", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["project", "partnership", "version"],
                                    name="one_review_per_partner_version"),
        ]

    def __str__(self):
        return f"{self.project} v{self.version}: {self.partnership.short_code} {self.decision}"
