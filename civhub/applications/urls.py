"""URLs of the funding application (mounted at /c/<slug>/aanvraag/)."""

from django.urls import path

from civhub.applications.views import award, budget, commitments, continuation, parts, submission, workspace

app_name = "applications"
urlpatterns = [
    path("", workspace.applications, name="applications"),
    path("nieuw/", workspace.application_new, name="application_new"),
    path("<int:pk>/", workspace.workspace_page, name="workspace"),
    path("<int:pk>/bewerken/", workspace.application_edit, name="application_edit"),
    path("onderdeel/<int:part_pk>/", parts.part, name="part"),
    path("onderdeel/<int:part_pk>/bewerken/", parts.part_edit, name="part_edit"),
    path("<int:pk>/begroting/", budget.budget, name="budget"),
    path("<int:pk>/begroting/inkomsten/nieuw/", budget.income_new, name="income_new"),
    path("<int:pk>/begroting/kosten/nieuw/", budget.cost_new, name="cost_new"),
    path("<int:pk>/begroting/importeren/", budget.budget_import, name="budget_import"),
    path("<int:pk>/begroting/sjabloon.xlsx", budget.budget_template, name="budget_template"),
    path("begrotingsregel/<int:line_pk>/bewerken/", budget.line_edit, name="line_edit"),
    path("begrotingsregel/<int:line_pk>/verwijderen/", budget.line_delete, name="line_delete"),
    path("<int:pk>/voortzetting/", continuation.continuation, name="continuation"),
    path("voortzettingsregel/<int:line_pk>/bewerken/", continuation.continuation_edit, name="continuation_edit"),
    path("voortzettingsregel/<int:line_pk>/verwijderen/", continuation.continuation_delete,
         name="continuation_delete"),
    # The partners' commitments: the office's overview, a partner's own pledge table and its signatory's answer.
    path("<int:pk>/toezeggingen/", commitments.commitments, name="commitments"),
    path("<int:pk>/toezegging/<slug:code>/", commitments.pledge, name="pledge"),
    path("<int:pk>/toezegging/<slug:code>/bevestigen/", commitments.pledge_confirm, name="pledge_confirm"),
    path("<int:pk>/toezegging/<slug:code>/wijziging/", commitments.pledge_change, name="pledge_change"),
    # After the award: the partners' commitments after the subsidy (their continuation lines), the same flow.
    path("<int:pk>/na-de-subsidie/vragen/", commitments.continuation_open, name="continuation_open"),
    path("<int:pk>/na-de-subsidie/<slug:code>/", commitments.continuation_pledge, name="continuation_pledge"),
    path("<int:pk>/na-de-subsidie/<slug:code>/bevestigen/", commitments.continuation_confirm,
         name="continuation_confirm"),
    path("<int:pk>/na-de-subsidie/<slug:code>/wijziging/", commitments.continuation_change,
         name="continuation_change"),
    path("<int:pk>/indienen/", submission.submit, name="submit"),
    path("<int:pk>/aanvraag.pdf", submission.application_pdf, name="application_pdf"),
    path("<int:pk>/overeenkomstbijlage.pdf", submission.agreement_annex, name="agreement_annex"),
    path("<int:pk>/begrotingsbijlage.xlsx", submission.budget_annex, name="budget_annex"),
    path("<int:pk>/toekenning/", award.award, name="award"),
]
