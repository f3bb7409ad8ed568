"""Fictitious news for the demo centre: seven Dutch items about CIV Bio Sciences.

The facts of the first three items come from the brochure (the call of 5 November 2020 by four
parties, the work conference of 26 May 2021, the RIF application of 30 June 2021); their wording
and exact times are ILLUSTRATIVE, like the later items. Every number in a text is one the demo
itself holds: the work conference's attendance in demo_events, the steering group's decisions in
demo_governance, the practorate's start and first project in demo_governance and demo_programme,
the full course in demo_learning. One item is for partners only (the steering group) and one is
scheduled a fortnight after loading, so neither may ever appear on the public site or in the feeds
until its time.

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
        "Vier partijen roepen op: word partner van CIV Bio Sciences",
        "De general manager van Janssen Biologics, de wethouder onderwijs van Leiden, de directeur van de "
        "stichting Leiden Bio Science Park en de voorzitter van het College van Bestuur van mboRijnland roepen "
        "bedrijven en organisaties op het park op om partner te worden.",
        "<p>Op <strong>5 november 2020</strong> riepen vier partijen bedrijven en organisaties op het Leiden Bio "
        "Science Park op om partner te worden van <strong>CIV Bio Sciences</strong>, een Centrum voor Innovatief "
        "Vakmanschap: de general manager van Janssen Biologics, de wethouder onderwijs van Leiden, de directeur "
        "van de stichting Leiden Bio Science Park en de voorzitter van het College van Bestuur van mboRijnland. "
        "Elk vanuit de eigen invalshoek benadrukten zij het belang van samenwerking aan de Human Capital Agenda "
        "van het park.</p>"
        "<p>In februari en maart 2021 werken de betrokkenen in brainstormsessies drie programmalijnen uit:</p>"
        "<ol><li>excellent en vraaggericht onderwijs;</li><li>practoraal onderzoek;</li>"
        "<li>een ecosysteem voor Leven Lang Ontwikkelen.</li></ol>"
        "<p>In april volgt het overleg over de governance en op 26 mei 2021 een werkconferentie van en voor alle "
        "partners.</p>",
        _at(2020, 11, 5, 17),
    ),
    DemoItem(
        "Werkconferentie 26 mei: partners kiezen de eerste speerpunten",
        "33 deelnemers van alle 21 partners dachten op de werkconferentie mee over de programmalijnen en de "
        "aanvraag voor de RIF-subsidie.",
        "<p>Op <strong>26 mei 2021</strong> kwamen 33 deelnemers van alle 21 partners online bijeen voor de "
        "werkconferentie van en voor alle partners. In workshops per programmalijn werden ideeën gebundeld.</p>"
        "<h3>Wat we meenemen</h3><ul><li>meer stageplaatsen in de labs van de partners;</li>"
        "<li>een gezamenlijke leerlijn kwaliteitsborging (GMP);</li>"
        "<li>korte cursussen voor zij-instromers.</li></ul>"
        "<p>De opbrengst vormt de basis voor de RIF-aanvraag die vóór 1 juli wordt ingediend.</p>",
        _at(2021, 5, 27),
    ),
    DemoItem(
        "RIF-aanvraag ingediend: drie miljoen euro voor vier jaar samenwerking",
        "mboRijnland heeft als penvoerder namens de 21 partners de aanvraag bij het Regionaal Investeringsfonds "
        "mbo ingediend.",
        "<p>Op <strong>30 juni 2021</strong> heeft mboRijnland als penvoerder namens de 21 partners van CIV Bio "
        "Sciences een subsidie aangevraagd bij het Regionaal Investeringsfonds mbo (RIF).</p>"
        "<ul><li>De begroting is drie miljoen euro over vier jaar.</li>"
        "<li>Eén miljoen euro wordt gevraagd uit het RIF; de andere twee miljoen euro brengen de partners in "
        "natura in, vooral als uren van hun medewerkers.</li>"
        "<li>Met de subsidie komen er onder meer een programmamanager, een practor en een "
        "communicatiemedewerker.</li></ul>"
        "<p>Wordt de subsidie toegekend, dan loopt het programma van 1 januari 2022 tot en met 31 december "
        "2025.</p>",
        _at(2021, 6, 30, 15),
    ),
    DemoItem(
        "Practoraat start de eerste onderzoeksprojecten",
        "Sinds 1 september 2022 heeft CIV Bio Sciences een practor. Nu begint het eerste grote onderzoeksproject: "
        "automatisering van de monstervoorbereiding.",
        "<p>Het practoraat van CIV Bio Sciences is op 1 september 2022 gestart met één practor. In de eerste "
        "maanden richtte de practor de intake van onderzoeksvragen van de partners in; de eerste vraag, van de "
        "stichting Leiden Bio Science Park, is inmiddels afgehandeld.</p>"
        "<p>Deze maand begint het eerste grote project: samen met Mimetas, mboRijnland en Hogeschool Leiden "
        "onderzoeken studenten hoe pipetteerrobots in kleine labs de monstervoorbereiding kunnen overnemen.</p>"
        "<p>Heeft uw organisatie een onderzoeksvraag? Meld die aan via het partnerportaal.</p>",
        _at(2023, 2, 6),
    ),
    DemoItem(
        "Stuurgroep stelt jaarplan 2026 vast",
        "De stuurgroep heeft het jaarplan 2026 vastgesteld en besloten de samenwerking na de subsidieperiode "
        "voort te zetten; het verslag staat voor partners klaar.",
        "<p>In haar vergadering van 12 maart 2026 nam de stuurgroep twee besluiten:</p>"
        "<ul><li>het jaarplan 2026 is vastgesteld;</li>"
        "<li>het CIV zet de samenwerking na de subsidieperiode voort met eigen bijdragen van de partners; voor "
        "die bijdragen komt een voorstel.</li></ul>"
        "<p>Het verslag en de besluitenlijst vindt u in het portaal.</p>",
        _at(2026, 3, 24),
        NewsItem.Audience.PARTNERS,
    ),
    DemoItem(
        "HPLC voor gevorderden binnen twee weken vol",
        "De nieuwe cursus HPLC voor gevorderden in het aanbod voor leven lang ontwikkelen zat binnen twee weken "
        "vol; er is een wachtlijst.",
        "<p>Sinds 26 oktober staat <strong>HPLC voor gevorderden</strong> van Eurofins in het aanbod voor "
        "<em>leven lang ontwikkelen</em>. De cursus combineert theorie online met praktijkdagen in het lab.</p>"
        "<p>De eerste uitvoering, van 8 tot en met 10 februari 2027, zat binnen twee weken vol: acht deelnemers, "
        "en twee mensen op de wachtlijst. Wilt u meedoen aan een volgende uitvoering? Geef uw belangstelling op "
        "in de catalogus. Werkgevers kunnen scholing vaak bekostigen uit het opleidings- en "
        "ontwikkelingsfonds (O&amp;O-fonds) van hun sector.</p>",
        _at(2026, 11, 9),
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
