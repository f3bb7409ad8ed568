"""Grant URLs for the budget versions and the subsidy expenditure (form, list, import)."""

from django.urls import path

from civhub.grants.views import budget, expenditure

urlpatterns = [
    path("begroting/", budget.budget, name="budget"),
    path("begroting/vergelijken/", budget.budget_compare, name="budget_compare"),
    path("begroting/herzien/", budget.budget_revise, name="budget_revise"),
    path("begroting/<int:number>/", budget.budget_version, name="budget_version"),
    path("begroting/<int:number>/actueel/", budget.budget_make_current, name="budget_make_current"),
    path("bestedingen/", expenditure.expenditure, name="expenditure"),
    path("bestedingen/nieuw/", expenditure.expenditure_new, name="expenditure_new"),
    path("bestedingen/importeren/", expenditure.expenditure_import, name="expenditure_import"),
    path("bestedingen/importeren/<int:pk>/", expenditure.expenditure_import_batch, name="expenditure_import_batch"),
    path("bestedingen/importeren/<int:pk>/bevestigen/", expenditure.expenditure_import_confirm,
         name="expenditure_import_confirm"),
]
