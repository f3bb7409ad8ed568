from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "civhub.ledger"
    label = "ledger"
    verbose_name = _("In-kind ledger")

    def ready(self):
        # The inbox (accounts, below us) lists what waits for a person: we hand it ours (core/inbox.py).
        from civhub.core import inbox
        from civhub.ledger import inbox as ledger_inbox

        inbox.register(inbox.Source(name="ledger.approve", items=ledger_inbox.to_approve, order=10,
                                    count=ledger_inbox.count_to_approve, first=ledger_inbox.to_approve,
                                    more=ledger_inbox.more_to_approve, latest=ledger_inbox.latest_to_approve))
        inbox.register(inbox.Source(name="ledger.correct", items=ledger_inbox.to_correct, order=15,
                                    count=ledger_inbox.count_to_correct, first=ledger_inbox.to_correct,
                                    more=ledger_inbox.more_to_correct, latest=ledger_inbox.latest_to_correct))
        inbox.register(inbox.Source(name="ledger.accept", items=ledger_inbox.to_accept, order=20,
                                    count=ledger_inbox.count_to_accept, first=ledger_inbox.to_accept,
                                    more=ledger_inbox.more_to_accept, latest=ledger_inbox.latest_to_accept))
        # The search (accounts, below us) finds what a person may open: we hand it the contributions.
        from civhub.core import search
        from civhub.ledger import search as ledger_search

        search.register(search.Source(name="ledger.contribution", label=_("Contributions"),
                                      search=ledger_search.contributions, order=30))
