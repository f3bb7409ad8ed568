"""The learning app's pages: public (catalogue, course, enrolment, paths, feed), providers' and the office's."""

from django.utils import timezone


def today():
    """Today in the centre's time zone: what "upcoming" and "in the past" are measured against."""
    return timezone.localdate()
