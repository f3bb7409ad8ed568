"""Fictitious news for the demo centre: six Dutch items about CIV Bio Sciences.

Everything here is ILLUSTRATIVE: the texts, dates and quotes are made up around the brochure's
agenda (the kick-off, the work conference of 26 May 2021) to show the news pages at work. One
item is for partners only (the steering group) and one is scheduled a fortnight after loading,
so neither may ever appear on the public site or in the feeds until its time.

Idempotent: an item whose title the centre already has is left alone, so what demo users
change survives another load.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.accounts.models import Membership, Role
from civhub.core.models import Centre
from civhub.news.models import NewsItem
from civhub.news.sanitise import clean_body

SCHEDULED_AFTER = datetime.timedelta(days=14)


@dataclass(frozen=True)
class DemoItem:
    title: str
    summary: str
    body: str
    published: datetime.datetime | None  # None: scheduled SCHEDULED_AFTER from loading
    audience: str = NewsItem.Audience.PUBLIC


def _at(year, month, day, hour=10):
    return datetime.datetime(year, month, day, hour, tzinfo=datetime.UTC)


DEMO_NEWS = [
    DemoItem(
        "Aftrap CIV Bio Sciences: partners bundelen krachten",
        "Onderwijs, bedrijven en overheden op het Leiden Bio Science Park starten samen een Centrum voor "
        "Innovatief Vakmanschap voor laboratoriumanalisten.",
        "<p>In een volle zaal op het Leiden Bio Science Park gaven mboRijnland, Hogeschool Leiden en de "
        "bedrijven op het park de aftrap voor <strong>CIV Bio Sciences</strong>.</p>"
        "<p>Het centrum richt zich op drie programmalijnen:</p>"
        "<ol><li>vernieuwing van het onderwijs voor analisten;</li><li>praktijkgericht onderzoek;</li>"
        "<li>leven lang ontwikkelen voor medewerkers op het park.</li></ol>"
        "<blockquote>Samen leiden we de vakmensen op die het park morgen nodig heeft.</blockquote>",
        _at(2021, 2, 4),
    ),
    DemoItem(
        "Werkconferentie 26 mei: partners kiezen de eerste speerpunten",
        "Ruim zestig deelnemers van partners dachten op de werkconferentie mee over de programmalijnen en de "
        "aanvraag voor de RIF-subsidie.",
        "<p>Op <strong>26 mei 2021</strong> kwamen de partners bijeen voor de werkconferentie van en voor alle "
        "partners. In workshops per programmalijn werden ideeën gebundeld.</p>"
        "<h3>Wat we meenemen</h3><ul><li>meer stageplaatsen in de labs van de partners;</li>"
        "<li>een gezamenlijke leerlijn kwaliteitsborging (GMP);</li>"
        "<li>korte cursussen voor zij-instromers.</li></ul>"
        "<p>De opbrengst vormt de basis voor de RIF-aanvraag die vóór 1 juli wordt ingediend.</p>",
        _at(2021, 5, 27),
    ),
    DemoItem(
        "Practoraat start de eerste onderzoeksprojecten",
        "Studenten en analisten van partners onderzoeken samen vragen uit de praktijk, van automatisering "
        "in het lab tot duurzaam pipetteren.",
        "<p>Het practoraat van CIV Bio Sciences is gestart met de eerste onderzoeksprojecten. De vragen komen "
        "rechtstreeks van de partners op het park.</p>"
        "<p>Heeft uw organisatie een onderzoeksvraag? Meld die aan via het partnerportaal of mail "
        '<a href="mailto:ria@civ-biosciences.nl">het programmabureau</a>.</p>',
        _at(2022, 9, 15),
    ),
    DemoItem(
        "Nieuwe cursus: HPLC voor gevorderden",
        "Voor analisten die hun kennis van vloeistofchromatografie willen verdiepen start een nieuwe "
        "cursus in het leven-lang-ontwikkelenaanbod.",
        "<p>In het aanbod voor <em>leven lang ontwikkelen</em> is een nieuwe cursus opgenomen: "
        "<strong>HPLC voor gevorderden</strong>. De cursus combineert theorie met praktijkdagen in het lab.</p>"
        "<p>De eerste uitvoering zat binnen twee weken vol; er is een wachtlijst.</p>",
        _at(2026, 1, 20),
    ),
    DemoItem(
        "Stuurgroep stelt jaarplan vast",
        "De stuurgroep heeft het jaarplan en de begroting voor het komende jaar vastgesteld; de stukken "
        "staan voor partners klaar.",
        "<p>In haar vergadering heeft de stuurgroep het jaarplan vastgesteld. Belangrijkste besluiten:</p>"
        "<ul><li>de cofinanciering in natura wordt per kwartaal gemeld;</li>"
        "<li>er komt een werkgroep stages.</li></ul>"
        "<p>Het verslag en de besluitenlijst vindt u in het portaal.</p>",
        _at(2026, 2, 10),
        NewsItem.Audience.PARTNERS,
    ),
    DemoItem(
        "Oproep: nieuwe onderzoeksvragen voor volgend studiejaar",
        "Partners kunnen vanaf nu onderzoeksvragen indienen voor projecten in het volgende studiejaar.",
        "<p>Het practoraat zoekt nieuwe praktijkvragen voor het volgende studiejaar. Dien uw vraag in via "
        "het partnerportaal; het practoraat neemt binnen twee weken contact op.</p>",
        None,
    ),
]


def add_demo_news(*, centre: Centre) -> str:
    """Add the demo news where missing; one line saying what was added."""
    author = (Membership.objects.filter(centre=centre, role=Role.COMMUNICATIONS).select_related("user")
              .order_by("pk").first())
    added = 0
    with transaction.atomic():
        for demo in DEMO_NEWS:
            if NewsItem.objects.filter(centre=centre, title=demo.title).exists():
                continue
            NewsItem.objects.create(
                centre=centre, title=demo.title, summary=demo.summary, body=clean_body(demo.body),
                audience=demo.audience, publish_at=demo.published or timezone.now() + SCHEDULED_AFTER,
                author=author.user if author else None,
            )
            added += 1
    return _("demo news: %(count)d news items added") % {"count": added}
