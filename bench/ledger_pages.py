"""The ledger's, the monitor's, the dashboard's and the inbox's pages, timed on the demo and again on a million entries.

Called by bench/monitor.py (`python -m bench.monitor --rows 1000000`), which inserts the rows: each
page is timed cold (the cache emptied before each request, as after any change to the centre's records)
and warm, each the median of `RUNS` requests, with its number of queries; the ratio compares the million-entry time
with the same page on the demo centre in the same run. Goal at 1M: every page under 300 ms on
PostgreSQL and under 1 s on SQLite, cold (the first view after a change) as well as warm, the monitor page within
1.2× of its selector alone. That last is read as what the figures add to the cold page (the cold page less the same
page with its figures computed just before) against the selector: with the figures summed from the tally (ledger/
tally.py) the selector takes about as long as the rest of a cold page (menus, inbox count, rendering), which the
plain ratio of the two would count against it; both are printed.
"""

import statistics
import time
from dataclasses import dataclass

RUNS = 5
FIGURES_KEPT = "monitor, figures kept"  # the monitor page cold but for its figures: not a page of the table


@dataclass(frozen=True)
class Timing:
    cold: float
    warm: float
    queries: int


def _pages(centre, grant, as_of) -> dict[str, tuple[str, str]]:
    """{page: (persona, url)}: the finance controller's pages and a signatory's queue and inbox."""
    from django.urls import reverse

    from civhub.ledger.models import Contribution
    from civhub.ledger.views.entries import PAGE_SIZE
    from civhub.partners.models import Partnership

    slug = centre.slug
    partner = Partnership.objects.filter(centre=centre).order_by("pk").first()
    contributions = reverse("ledger:contributions", args=[slug])
    last = (Contribution.objects.filter(centre=centre).count() - 1) // PAGE_SIZE + 1
    as_of = f"?as_of={as_of.isoformat()}"
    return {
        "contributions": ("finance", contributions),
        "contributions p.100": ("finance", contributions + "?page=100"),
        "contributions middle page": ("finance", contributions + f"?page={(last + 1) // 2}"),
        "contributions last page": ("finance", contributions + f"?page={last}"),
        "contributions by value": ("finance", contributions + "?sort=-value"),
        "contributions approved": ("finance", contributions + "?status=approved"),
        "reviews queue": ("finance", reverse("ledger:reviews", args=[slug])),
        "approvals queue": ("signatory", reverse("ledger:approvals", args=[slug])),
        "partner's list": ("signatory", contributions),
        "partner summary": ("finance", reverse("ledger:summary", args=[slug, partner.short_code])),
        "pledges": ("finance", reverse("ledger:pledges", args=[slug])),
        "periods": ("finance", reverse("ledger:periods", args=[slug])),
        "monitor": ("finance", reverse("grants:monitor", args=[slug]) + as_of),
        **{f"monitor chart {chart}": ("finance", reverse("grants:monitor_chart", args=[slug, chart]) + as_of)
           for chart in ("year-bars", "partners", "ratio")},
        "dashboard": ("finance", reverse("office:dashboard", args=[slug])),
        "inbox (finance)": ("finance", reverse("core:inbox", args=[slug])),
        "inbox (signatory)": ("signatory", reverse("core:inbox", args=[slug])),
    }


def _clients(centre) -> dict:
    """A signed-in client for the finance controller and for a signatory of the centre's first partner."""
    from django.test import Client

    from bench.data import sign_in
    from civhub.accounts.models import Membership, Role, User

    signatory = (Membership.objects.filter(centre=centre, role=Role.PARTNER_SIGNATORY)
                 .order_by("partnership_id", "pk").first().user)
    clients = {}
    for name, user in (("finance", User.objects.get(email="finance@example.org")), ("signatory", signatory)):
        clients[name] = Client()
        sign_in(clients[name], user)  # both must use two factors
    return clients


def time_pages(centre, grant, as_of) -> dict[str, Timing]:
    """Each page cold (the cache emptied before each request, as after a change; the median of `RUNS`, like the
    selector it is compared with) and warm (the median of `RUNS`), with the cold request's queries."""
    from django.core.cache import cache
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    clients, timings, pages = _clients(centre), {}, _pages(centre, grant, as_of)
    for page, (persona, url) in pages.items():
        client = clients[persona]

        def get(client=client, url=url, page=page):
            start = time.perf_counter()
            response = client.get(url)
            assert response.status_code == 200, (page, response.status_code)
            return time.perf_counter() - start

        def cold(get=get):
            cache.clear()
            return get()

        reset_queries()  # the log keeps 9,000 queries at most: a full one would capture none
        with CaptureQueriesContext(connection) as queries:
            cold()
        count = len(queries.captured_queries)  # now: the next request empties the log it reads from
        cold_median = statistics.median(cold() for _ in range(RUNS))
        warm = statistics.median(get() for _ in range(RUNS))
        timings[page] = Timing(cold_median, warm, count)
    persona, url = pages["monitor"]
    timings[FIGURES_KEPT] = _monitor_without_figures(clients[persona], url, grant, as_of)
    return timings


def _monitor_without_figures(client, url: str, grant, as_of) -> Timing:
    """The monitor page (`url`) cold but for its figures, computed just before (as a chart or the dashboard would
    have): the page's own cost. The cold page less this is what the figures cost the page, set against the selector."""
    from django.core.cache import cache

    from civhub.grants.selectors.monitor import cached_monitor

    def request() -> float:
        cache.clear()
        cached_monitor(grant, as_of=as_of)
        start = time.perf_counter()
        assert client.get(url).status_code == 200
        return time.perf_counter() - start

    seconds = statistics.median(request() for _ in range(RUNS))
    return Timing(seconds, seconds, 0)


def report(before: dict[str, Timing], after: dict[str, Timing], *, selector: float, rows: int) -> bool:
    """Print the table; True when every page at `rows` meets the goal of its database."""
    from django.db import connection

    limit = 0.3 if connection.vendor == "postgresql" else 1.0
    print(f"{'page':<28}{'demo ms':>9}{'cold ms':>9}{'warm ms':>9}{'warm/demo':>10}{'queries':>9}{'demo q':>8}"
          f"  goal: cold and warm < {limit * 1000:.0f} ms")
    met = True
    for page, timing in after.items():
        if page == FIGURES_KEPT:
            continue
        demo = before[page]
        flag = "" if timing.cold < limit else "  !"
        print(f"{page:<28}{demo.warm * 1000:>9.1f}{timing.cold * 1000:>9.1f}{timing.warm * 1000:>9.1f}"
              f"{timing.warm / demo.warm:>10.2f}{timing.queries:>9}{demo.queries:>8}{flag}")
        met = met and timing.cold < limit  # cold is the first view after any change; warm is never slower
    page, own = after["monitor"], after[FIGURES_KEPT].cold
    figures = (page.cold - own) / selector
    print(f"monitor page / selector: cold {page.cold / selector:.2f}, warm {page.warm / selector:.2f}; the figures' "
          f"part of the cold page ({(page.cold - own) * 1000:.0f} ms; the page's own {own * 1000:.0f} ms) / selector: "
          f"{figures:.2f} (target <= 1.2)")
    print(f"every page < {limit * 1000:.0f} ms cold at {rows:,} rows: {'yes' if met else 'NO'}")
    return met and figures <= 1.2
