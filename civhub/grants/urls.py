"""URLs of the grant under /c/<slug>/subsidie/: the monitor, deadlines, budget versions and expenditure."""

from django.urls import path

from civhub.grants.views import budget, deadlines, expenditure, monitor

app_name = "grants"
urlpatterns = [
    # The co-financing monitor, its charts, the report deadlines and the annual-accounts figures.
    path("", monitor.monitor_page, name="monitor"),
    path("grafiek/<slug:chart>.svg", monitor.monitor_chart, name="monitor_chart"),
    path("rapportages/", deadlines.deadlines, name="deadlines"),
    # A report is named by its kind (progress, final, annual) and due date, YYYY-MM-DD.
    path("rapportages/<slug:kind>/<str:due>/ingediend/", deadlines.deadline_submit, name="deadline_submit"),
    # The budget versions and the subsidy expenditure (form, list, import).
    path("begroting/", budget.budget, name="budget"),
    path("begroting/vergelijken/", budget.budget_compare, name="budget_compare"),
    path("begroting/herzien/", budget.budget_revise, name="budget_revise"),
    path("begroting/<int:number>/", budget.budget_version, name="budget_version"),
    path("begroting/<int:number>/actueel/", budget.budget_make_current, name="budget_make_current"),
    path("bestedingen/", expenditure.expenditure, name="expenditure"),
    path("bestedingen/nieuw/", expenditure.expenditure_new, name="expenditure_new"),
    path("bestedingen/importeren/", expenditure.expenditure_import, name="expenditure_import"),
    path("bestedingen/importeren/sjabloon/", expenditure.expenditure_template, name="expenditure_template"),
    path("bestedingen/importeren/<int:pk>/", expenditure.expenditure_import_batch, name="expenditure_import_batch"),
    path("bestedingen/importeren/<int:pk>/bevestigen/", expenditure.expenditure_import_confirm,
         name="expenditure_import_confirm"),
]
