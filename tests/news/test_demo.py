"""The demo news: one partners-only and one scheduled item that stay off the public site; a second load adds nothing."""

from django.urls import reverse

from civhub.loader.demo_news import add_demo_news
from civhub.news.models import NewsItem


def test_the_demo_news_is_added_once(centre, client, communications):
    assert add_demo_news(centre=centre) == "demo news: 7 news items added"
    assert add_demo_news(centre=centre) == "demo news: 0 news items added"
    assert NewsItem.objects.filter(centre=centre).count() == 7
    assert set(NewsItem.objects.values_list("author", flat=True)) == {communications.pk}
    page = client.get(reverse("news:list", args=[centre.slug])).content.decode()
    assert "Werkconferentie 26 mei" in page
    assert "Stuurgroep stelt jaarplan vast" not in page and "Oproep: nieuwe onderzoeksvragen" not in page
    feed = client.get(reverse("news:rss", args=[centre.slug])).content.decode()
    assert feed.count("<item>") == 5
