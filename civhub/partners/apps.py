from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "civhub.partners"
    label = "partners"
    verbose_name = _("Partners")

    def ready(self):
        # The inbox (accounts, below us) lists what waits for a person: we hand it ours (core/inbox.py).
        from civhub.core import inbox
        from civhub.partners import inbox as partners_inbox

        inbox.register(inbox.Source(name="partners.application", items=partners_inbox.applications_to_handle, order=30))
        # The search (accounts, below us) finds what a person may open: we hand it partners and contacts.
        from civhub.core import search
        from civhub.partners import search as partners_search

        search.register(search.Source(name="partners.partner", label=_("Partners"), search=partners_search.partners,
                                      order=10))
        search.register(search.Source(name="partners.contact", label=_("Contacts"), search=partners_search.contacts,
                                      order=20))
        # The partner portal's section on the cooperation agreement: the partner's signature under its current
        # version (core/portal.py, the same registry the apps above us use).
        from civhub.core import dashboard, portal
        from civhub.partners.views.agreement import portal_section

        portal.register(dashboard.Panel(order=5, template="partners/portal/_agreement_section.html",
                                        context=portal_section))
        # The public centre page and the catalogue's providers show the partners (core/public_cache.py).
        from civhub.core import public_cache
        from civhub.partners.models import AgreementSignature, AgreementVersion, Organisation, Partnership

        public_cache.watch(Organisation, Partnership, AgreementVersion, AgreementSignature)
