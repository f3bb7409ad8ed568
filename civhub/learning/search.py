"""The learning app's source for the search (core/search.py): courses.

Everyone finds the centre's published courses (the catalogue is public); a provider finds its own drafts too,
the office every draft, as the course page opens them (`courses_visible_to`).
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from civhub.core.search import Found, Hit, Query, choice_label, found, joined, matching
from civhub.learning.models import Course
from civhub.learning.permissions import courses_visible_to


def courses(user, centre, query: Query) -> Found:
    """Courses by title, description, provider or level, by title (two queries at most)."""
    found_courses = matching(
        courses_visible_to(user, centre).select_related("provider__organisation"),
        ["title", "description", "provider__organisation__name", choice_label("level", Course.Level.choices)],
        query, order=["title", "pk"])
    return found(found_courses, lambda course: Hit(
        title=course.title,
        context=joined(course.provider.organisation.name, course.get_level_display(),
                       _("draft") if course.status == Course.Status.DRAFT else ""),
        url=reverse("learning:course", args=[centre.slug, course.pk])))
