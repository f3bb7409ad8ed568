"""URLs of the ledger under /c/<slug>/bijdragen/: partners' entries and reviews, and the office's tools."""

from civhub.ledger import urls_entries, urls_office

app_name = "ledger"
urlpatterns = urls_entries.urlpatterns + urls_office.urlpatterns
