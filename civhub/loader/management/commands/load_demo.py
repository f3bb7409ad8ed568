"""`manage.py load_demo`: the demo centre CIV Bio Sciences, with fictitious activity on top."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civhub.core import public_cache
from civhub.core.commands import CivhubCommand
from civhub.loader.demo_activity import DEMO_DEFINITION, add_demo_activity, describe_activity
from civhub.loader.demo_application import add_demo_application
from civhub.loader.demo_events import add_demo_events
from civhub.loader.demo_governance import add_demo_governance
from civhub.loader.demo_grant import add_demo_history
from civhub.loader.demo_hca import add_demo_hca
from civhub.loader.demo_learning import add_demo_learning
from civhub.loader.demo_news import add_demo_news
from civhub.loader.demo_programme import add_demo_programme
from civhub.loader.demo_research import add_demo_research
from civhub.loader.management.commands._common import load_or_fail, read_or_fail


class Command(CivhubCommand):
    help = gettext_lazy("Load the demo centre (CIV Bio Sciences) and its fictitious activity. Running it twice changes "
             "nothing.")

    def handle(self, *args, **options):
        with transaction.atomic():
            public_cache.changed()  # the demo writes rows in bulk too (no signals): visitors' cached pages are stale
            result = load_or_fail(read_or_fail(self, DEMO_DEFINITION))
            done = add_demo_activity(centre=result.centre)
            # The application of June 2021 before the history that follows its award (2022 on): it is built from the
            # grant's budget version 1, which the history's budget revision of 2024 leaves alone.
            application = add_demo_application(centre=result.centre)
            history = add_demo_history(centre=result.centre)
            # The programme first: research projects create line-2 activities, and the programme's
            # demo leaves a centre that already has activities alone. The HCA after the catalogue and the
            # programme: it rates the catalogue's skills and covers them in the programme's line-1 modules.
            work = [add(centre=result.centre) for add in (add_demo_programme, add_demo_research, add_demo_learning,
                                                          add_demo_hca, add_demo_governance, add_demo_events,
                                                          add_demo_news)]
        self.stdout.write(result.summary())
        self.stdout.write(describe_activity(done))
        self.stdout.write(_("demo history: %(contributions)d contributions, %(expenditure)d expenditure entries and "
                            "%(reports)d submitted reports added")
                          % {"contributions": history.contributions, "expenditure": history.expenditure,
                             "reports": history.reports})
        self.stdout.write(application)
        for summary in work:
            self.stdout.write(summary)
