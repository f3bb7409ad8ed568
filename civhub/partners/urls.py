"""URLs of the partners app: the public site, the partner portal and the programme office."""

from django.urls import path

from civhub.partners.views import agreement, office, portal, public

public_patterns = (
    [
        path("", public.home, name="home"),
        path("c/<slug:slug>/", public.centre, name="centre"),
        path("c/<slug:slug>/word-partner/", public.apply, name="apply"),
        path("c/<slug:slug>/word-partner/ontvangen/", public.apply_done, name="apply_done"),
    ],
    "public",
)

portal_patterns = (
    [
        path("", portal.home, name="home"),
        path("overeenkomst/<int:number>/document/", agreement.document, name="agreement_document"),
        path("<slug:code>/", portal.partner, name="partner"),
        path("<slug:code>/bewerken/", portal.partner_edit, name="partner_edit"),
        path("<slug:code>/overeenkomst/bevestigen/", agreement.confirm, name="agreement_confirm"),
    ],
    "portal",
)

office_patterns = (
    [
        path("", office.dashboard, name="dashboard"),
        path("aanmeldingen/", office.applications, name="applications"),
        path("aanmeldingen/<int:pk>/", office.application, name="application"),
        path("aanmeldingen/<int:pk>/goedkeuren/", office.application_approve, name="application_approve"),
        path("aanmeldingen/<int:pk>/afwijzen/", office.application_decline, name="application_decline"),
        path("wijzigingen-organisaties/", office.organisation_changes, name="organisation_changes"),
        path("wijzigingen-organisaties/<int:pk>/", office.organisation_change, name="organisation_change"),
        path("partners/", office.partners, name="partners"),
        # Before the export, so that a partner whose code is "export" still reaches its page.
        path("partners/<slug:code>/cofinancieringsgroep/", office.partner_cofinancing, name="partner_cofinancing"),
        path("partners/<slug:code>/contactpersonen/<int:pk>/uitnodiging/", office.contact_invitation,
             name="contact_invitation"),
        path("partners/export/<str:fmt>/", office.partners_export, name="partners_export"),
        # The register of the cooperation agreement.
        path("overeenkomst/", agreement.register, name="agreement"),
        path("overeenkomst/nieuwe-versie/", agreement.version_new, name="agreement_version_new"),
        path("overeenkomst/toetreding/", agreement.accession_new, name="agreement_accession"),
        path("overeenkomst/partners/<slug:code>/ondertekening/", agreement.signature_new, name="agreement_signature"),
        path("overeenkomst/partners/<slug:code>/vertrek/", agreement.departure, name="agreement_departure"),
        path("overeenkomst/versies/<int:number>/scans/<slug:code>/", agreement.scan, name="agreement_scan"),
    ],
    "office",
)
