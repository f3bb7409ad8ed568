"""URLs of the grant under /c/<slug>/subsidie/: the monitor, deadlines, budget versions and expenditure."""

from civhub.grants import urls_budget, urls_monitor

app_name = "grants"
urlpatterns = urls_monitor.urlpatterns + urls_budget.urlpatterns
