"""The Human Capital Agenda's data: the centre's occupations, the programmes that supply them, and the yearly
workforce survey the employer partners answer (docs/hca-method.md).

A partner's answers are its own: only that partner and the office ever see them one by one; everything
else shows sums over at least three answering partners (hca/permissions.py).
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

AGE_BANDS = ("age_under_25", "age_25_34", "age_35_44", "age_45_54", "age_55_59", "age_60_plus")


class Occupation(models.Model):
    """Occupation: a job the partners employ people in and the schools train for (e.g. laborant mbo-3)."""

    centre = models.ForeignKey("core.Centre", on_delete=models.CASCADE, related_name="occupations",
                               verbose_name=_("centre"))
    name = models.CharField(_("name"), max_length=120)
    isco_code = models.CharField(_("ISCO-08 code"), max_length=4, blank=True,
                                 validators=[RegexValidator(r"^\d{4}$", _("An ISCO-08 code has four digits."))])
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")
        ordering = ["centre", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["centre", "name"], name="unique_occupation_name")]

    def __str__(self):
        return self.name


class EducationProgramme(models.Model):
    """EducationProgramme: a school's programme (crebo or CROHO code) and the school-leavers it sends into the
    region's labour market each year, for the occupations it trains for."""

    class Level(models.TextChoices):
        MBO_2 = "mbo2", _("mbo level 2")
        MBO_3 = "mbo3", _("mbo level 3")
        MBO_4 = "mbo4", _("mbo level 4")
        HBO_ASSOCIATE = "hbo_associate", _("hbo associate degree")
        HBO_BACHELOR = "hbo_bachelor", _("hbo bachelor")
        WO = "wo", _("university (wo)")

    centre = models.ForeignKey("core.Centre", on_delete=models.CASCADE, related_name="education_programmes",
                               verbose_name=_("centre"))
    school = models.ForeignKey("partners.Partnership", on_delete=models.PROTECT, related_name="education_programmes",
                               verbose_name=_("school"))
    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(_("crebo or CROHO code"), max_length=5,
                            validators=[RegexValidator(r"^\d{5}$", _("A crebo or CROHO code has five digits."))])
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    graduates_per_year = models.PositiveIntegerField(_("graduates a year"))
    share_entering = models.DecimalField(
        _("share entering the region's labour market"), max_digits=4, decimal_places=3,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("Between 0 and 1: 0.6 means six in ten graduates start work in the region."))
    occupations = models.ManyToManyField(Occupation, related_name="programmes", verbose_name=_("occupations"))
    history = HistoricalRecords(m2m_fields=[occupations])

    class Meta:
        verbose_name = _("education programme")
        verbose_name_plural = _("education programmes")
        ordering = ["centre", "school", "name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "code"], name="unique_programme_code_per_school"),
            models.CheckConstraint(condition=Q(share_entering__gte=0) & Q(share_entering__lte=1),
                                   name="programme_share_entering_between_0_and_1"),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"


class SurveyRound(models.Model):
    """SurveyRound: one yearly workforce survey: its reference date, until when employers answer, the forecast's
    horizon and the annual outflow rate used where a partner does not know its leavers."""

    centre = models.ForeignKey("core.Centre", on_delete=models.CASCADE, related_name="survey_rounds",
                               verbose_name=_("centre"))
    reference_date = models.DateField(_("reference date"))
    closes_on = models.DateField(_("closes on"))
    horizon_years = models.PositiveSmallIntegerField(
        _("horizon (years)"), default=6, validators=[MinValueValidator(1), MaxValueValidator(10)])
    outflow_rate = models.DecimalField(
        _("annual outflow rate"), max_digits=4, decimal_places=3, default=Decimal("0.030"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("The share of employees that leaves each year for other reasons than retirement (0.03 = 3 %)."))
    illustrative = models.BooleanField(_("illustrative (demo figures)"), default=False)
    reminded_on = models.DateField(_("reminder sent on"), null=True, blank=True, editable=False)
    opened_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("opened by"))
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        ordering = ["centre", "-reference_date"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "reference_date"], name="unique_survey_round_date"),
            models.CheckConstraint(condition=Q(closes_on__gte=F("reference_date")),
                                   name="survey_round_closes_after_reference_date"),
            models.CheckConstraint(condition=Q(horizon_years__gte=1) & Q(horizon_years__lte=10),
                                   name="survey_round_horizon_1_to_10_years"),
        ]

    def __str__(self):
        return str(self.reference_date.year)


class WorkforceAnswer(models.Model):
    """WorkforceAnswer: one employer partner's figures for one occupation in one survey round: persons and FTE now
    by age band, the headcount it expects at the horizon, vacancies, and its leavers where it knows them."""

    survey_round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="answers",
                                     verbose_name=_("survey round"))
    partnership = models.ForeignKey("partners.Partnership", on_delete=models.PROTECT, related_name="workforce_answers",
                                    verbose_name=_("partner"))
    occupation = models.ForeignKey(Occupation, on_delete=models.PROTECT, related_name="answers",
                                   verbose_name=_("occupation"))
    persons = models.PositiveIntegerField(_("persons now"))
    fte = models.DecimalField(_("FTE now"), max_digits=8, decimal_places=1)
    age_under_25 = models.PositiveIntegerField(_("younger than 25"), default=0)
    age_25_34 = models.PositiveIntegerField(_("25 to 34"), default=0)
    age_35_44 = models.PositiveIntegerField(_("35 to 44"), default=0)
    age_45_54 = models.PositiveIntegerField(_("45 to 54"), default=0)
    age_55_59 = models.PositiveIntegerField(_("55 to 59"), default=0)
    age_60_plus = models.PositiveIntegerField(_("60 and older"), default=0)
    expected_headcount = models.PositiveIntegerField(_("expected headcount at the horizon"))
    open_vacancies = models.PositiveIntegerField(_("open vacancies"), default=0)
    hard_to_fill = models.PositiveIntegerField(_("of which hard to fill"), default=0)
    retirements = models.PositiveIntegerField(_("expected retirements"), null=True, blank=True,
                                              help_text=_("Leave empty if you do not know."))
    other_leavers = models.PositiveIntegerField(_("other expected leavers"), null=True, blank=True,
                                                help_text=_("Leave empty if you do not know."))
    updated_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("updated by"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("workforce answer")
        verbose_name_plural = _("workforce answers")
        ordering = ["survey_round", "occupation", "partnership"]
        constraints = [
            models.UniqueConstraint(fields=["survey_round", "partnership", "occupation"],
                                    name="one_workforce_answer_per_partner_and_occupation"),
            models.CheckConstraint(
                condition=Q(persons=F("age_under_25") + F("age_25_34") + F("age_35_44") + F("age_45_54")
                            + F("age_55_59") + F("age_60_plus")),
                name="workforce_age_bands_add_up_to_persons"),
            models.CheckConstraint(condition=Q(hard_to_fill__lte=F("open_vacancies")),
                                   name="workforce_hard_to_fill_within_vacancies"),
            models.CheckConstraint(condition=Q(fte__gte=0), name="workforce_fte_not_negative"),
        ]

    def __str__(self):
        return f"{self.survey_round} {self.partnership_id} {self.occupation}"

    @property
    def states_leavers(self) -> bool:
        """Whether the partner gave its leavers (either number); else the forecast estimates them."""
        return self.retirements is not None or self.other_leavers is not None


IMPORTANCE = [MinValueValidator(1), MaxValueValidator(5)]


class SkillRating(models.Model):
    """SkillRating: how important a skill is for one occupation at one employer partner, now and in five years
    (1 = hardly, 5 = essential); part of that partner's answer for the occupation."""

    answer = models.ForeignKey(WorkforceAnswer, on_delete=models.CASCADE, related_name="skill_ratings",
                               verbose_name=_("answer"))
    skill = models.ForeignKey("learning.Skill", on_delete=models.PROTECT, related_name="ratings",
                              verbose_name=_("skill"))
    importance_now = models.PositiveSmallIntegerField(_("importance now"), validators=IMPORTANCE)
    importance_later = models.PositiveSmallIntegerField(_("importance in five years"), validators=IMPORTANCE)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("skill rating")
        verbose_name_plural = _("skill ratings")
        ordering = ["answer", "skill"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "skill"], name="one_rating_per_answer_and_skill"),
            models.CheckConstraint(condition=Q(importance_now__gte=1) & Q(importance_now__lte=5),
                                   name="skill_importance_now_1_to_5"),
            models.CheckConstraint(condition=Q(importance_later__gte=1) & Q(importance_later__lte=5),
                                   name="skill_importance_later_1_to_5"),
        ]

    def __str__(self):
        return f"{self.answer} {self.skill}: {self.importance_now}/{self.importance_later}"


class SkillCoverage(models.Model):
    """SkillCoverage: how far a line-1 education module teaches a skill: 0 not, 1 touched on, 2 practised,
    3 mastered (assessed)."""

    class Level(models.IntegerChoices):
        NONE = 0, _("not covered")
        INTRODUCED = 1, _("touched on")
        PRACTISED = 2, _("practised")
        MASTERED = 3, _("mastered and assessed")

    module = models.ForeignKey("programme.EducationModule", on_delete=models.CASCADE, related_name="skill_coverage",
                               verbose_name=_("education module"))
    skill = models.ForeignKey("learning.Skill", on_delete=models.CASCADE, related_name="coverage",
                              verbose_name=_("skill"))
    level = models.PositiveSmallIntegerField(_("coverage"), choices=Level.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("skill coverage")
        verbose_name_plural = _("skill coverage")
        ordering = ["module", "skill"]
        constraints = [
            models.UniqueConstraint(fields=["module", "skill"], name="one_coverage_per_module_and_skill"),
            models.CheckConstraint(condition=Q(level__gte=0) & Q(level__lte=3), name="skill_coverage_0_to_3"),
        ]

    def __str__(self):
        return f"{self.module} {self.skill}: {self.level}"


class PublishedForecast(models.Model):
    """PublishedForecast: one edition of a published regional forecast (e.g. ROA's, every two years) as imported:
    its publisher, title, region and period, and the ITA typology of that edition (editions differ)."""

    centre = models.ForeignKey("core.Centre", on_delete=models.CASCADE, related_name="published_forecasts",
                               verbose_name=_("centre"))
    publisher = models.CharField(_("publisher"), max_length=120)
    edition = models.CharField(_("edition"), max_length=200)
    region = models.CharField(_("region"), max_length=120)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    source_url = models.URLField(_("source"), blank=True)
    # The edition's typology as [[highest ITA, label], ...], best first; above the last bound the last label.
    typology = models.JSONField(_("ITA typology of this edition"), default=list, blank=True)
    illustrative = models.BooleanField(_("illustrative (demo figures)"), default=False)
    imported_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("imported by"))
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("published forecast")
        verbose_name_plural = _("published forecasts")
        ordering = ["centre", "-last_year", "edition"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "edition", "region"], name="unique_published_forecast_edition"),
            models.CheckConstraint(condition=Q(last_year__gte=F("first_year")),
                                   name="published_forecast_period_in_order"),
        ]

    def __str__(self):
        return f"{self.publisher}, {self.edition} ({self.region})"


class PublishedForecastRow(models.Model):
    """PublishedForecastRow: one occupation's or education's figures exactly as published (never recomputed:
    the publisher's ITA corrects for things our inputs do not have), optionally matched to one of ours."""

    class Subject(models.TextChoices):
        OCCUPATION = "occupation", _("occupation")
        EDUCATION = "education", _("education")

    forecast = models.ForeignKey(PublishedForecast, on_delete=models.CASCADE, related_name="rows",
                                 verbose_name=_("published forecast"))
    subject = models.CharField(_("occupation or education"), max_length=12, choices=Subject.choices)
    name = models.CharField(_("name as published"), max_length=200)
    occupation = models.ForeignKey(Occupation, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="published_rows", verbose_name=_("our occupation"))
    employment = models.DecimalField(_("employment"), max_digits=12, decimal_places=0)
    expansion = models.DecimalField(_("expansion demand"), max_digits=12, decimal_places=0)
    replacement = models.DecimalField(_("replacement demand"), max_digits=12, decimal_places=0)
    supply = models.DecimalField(_("supply of school-leavers"), max_digits=12, decimal_places=0)
    ita = models.DecimalField(_("ITA"), max_digits=5, decimal_places=2, null=True, blank=True)
    typology = models.CharField(_("typology as published"), max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("published forecast row")
        verbose_name_plural = _("published forecast rows")
        ordering = ["forecast", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["forecast", "subject", "name"], name="unique_published_row_name"),
            models.CheckConstraint(condition=Q(employment__gt=0), name="published_employment_positive"),
            models.CheckConstraint(condition=Q(replacement__gte=0) & Q(supply__gte=0),
                                   name="published_replacement_and_supply_not_negative"),
        ]

    def __str__(self):
        return f"{self.forecast}: {self.name}"
