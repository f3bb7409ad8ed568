"""URLs of the partners app: the public site, the partner portal and the programme office."""

from django.urls import path

from civhub.partners.views import office, portal, public

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
        path("<slug:code>/", portal.partner, name="partner"),
        path("<slug:code>/bewerken/", portal.partner_edit, name="partner_edit"),
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
        path("partners/export/<str:fmt>/", office.partners_export, name="partners_export"),
    ],
    "office",
)
