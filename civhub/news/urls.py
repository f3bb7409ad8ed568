"""URLs of the news app: news and the public texts (mounted at /c/<slug>/nieuws/)."""

from django.urls import path

from civhub.news.feeds import AtomNewsFeed, NewsFeed
from civhub.news.views import manage, public, texts

app_name = "news"
urlpatterns = [
    path("", public.news_list, name="list"),
    path("partners/", public.partner_news, name="partners"),
    path("<int:pk>/", public.item, name="item"),
    path("<int:pk>/afbeelding/", public.image, name="image"),
    path("rss/", NewsFeed(), name="rss"),
    path("atom/", AtomNewsFeed(), name="atom"),
    path("beheer/", manage.manage, name="manage"),
    path("beheer/nieuw/", manage.create, name="create"),
    path("beheer/<int:pk>/", manage.edit, name="edit"),
    path("beheer/<int:pk>/verwijderen/", manage.delete, name="delete"),
    path("teksten/", texts.public_texts, name="public_texts"),
    path("teksten/centrum/<str:field>/", texts.centre_text, name="centre_text"),
    path("teksten/lijn/<int:pk>/", texts.line_text, name="line_text"),
    path("teksten/contact/<int:pk>/", texts.contact, name="contact"),
]
