"""Grant URLs for the co-financing monitor, its charts, the report deadlines and the annual-accounts figures."""

from django.urls import path

from civhub.grants.views import deadlines, monitor

urlpatterns = [
    path("", monitor.monitor_page, name="monitor"),
    path("grafiek/<slug:chart>.svg", monitor.monitor_chart, name="monitor_chart"),
    path("rapportages/", deadlines.deadlines, name="deadlines"),
    # A report is named by its kind (progress, final, annual) and due date, YYYY-MM-DD.
    path("rapportages/<slug:kind>/<str:due>/ingediend/", deadlines.deadline_submit, name="deadline_submit"),
]
