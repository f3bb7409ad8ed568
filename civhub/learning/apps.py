from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "civhub.learning"
    label = "learning"
    verbose_name = _("Lifelong learning")

    def ready(self):
        # The search (accounts, below us) finds what a person may open: we hand it the courses (core/search.py).
        from civhub.core import search
        from civhub.learning import search as learning_search

        search.register(search.Source(name="learning.course", label=_("Courses"), search=learning_search.courses,
                                      order=40))
        # The catalogue and the OOAPI feed show these, places left included (core/public_cache.py).
        from civhub.core import public_cache
        from civhub.learning.models import Course, Enrolment, LearningPath, LearningPathStep, Offering, Skill

        public_cache.watch(Skill, Course, Offering, Enrolment, LearningPath, LearningPathStep)
