"""Rows for the learning tests: courses, offerings, enrolments, paths. E-mail addresses are @example.org."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from civhub.learning.models import Course, Enrolment, Interest, LearningPath, LearningPathStep, Offering, Skill


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill

    name = factory.Sequence(lambda n: f"Vaardigheid {n}")


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    centre = factory.SelfAttribute("provider.centre")
    title = factory.Sequence(lambda n: f"Cursus {n}")
    description = "Een cursus voor analisten."
    level = Course.Level.NON_FORMAL
    nlqf_level = 4
    study_load = Decimal("16")
    price = Decimal("450.00")
    stap_eligible = False  # the STAP budget ended in 2024
    status = Course.Status.PUBLISHED


class OfferingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offering

    start_date = factory.LazyFunction(lambda: in_days(30))
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=1))
    location = "Leiden Bio Science Park"
    capacity = 10


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    name = factory.Sequence(lambda n: f"Deelnemer {n}")
    email = factory.Sequence(lambda n: f"deelnemer{n}@example.org")
    status = Enrolment.Status.ENROLLED


class InterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interest

    name = factory.Sequence(lambda n: f"Belangstellende {n}")
    email = factory.Sequence(lambda n: f"belangstellende{n}@example.org")


class LearningPathFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningPath

    title = factory.Sequence(lambda n: f"Leerroute {n}")
    published = True


def step(path, course, position):
    return LearningPathStep.objects.create(path=path, course=course, position=position)
