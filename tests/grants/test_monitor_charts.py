"""The monitor's charts: standalone SVG documents without scripts, for the whole centre and a partner's view."""

from datetime import date
from xml.etree import ElementTree

import pytest
from django.utils import translation

from civhub.grants import charts
from civhub.grants.selectors.monitor import monitor
from tests.factories import GrantFactory
from tests.grants.monitor_support import AS_OF, small_centre

CHARTS = (charts.year_bars, charts.partner_bullets, charts.cumulative_ratio)


def _svg_text(svg: bytes) -> str:
    root = ElementTree.fromstring(svg)  # noqa: S314 - our own chart, not untrusted input
    assert root.tag.endswith("svg")
    return svg.decode()


@pytest.fixture
def small(centre, partner_a, partner_b):
    return small_centre(centre, partner_a, partner_b)


@pytest.mark.parametrize("draw", CHARTS)
def test_each_chart_is_an_svg_document_without_scripts(small, draw):
    text = _svg_text(draw(monitor(small.grant, as_of=AS_OF)))
    assert "<script" not in text
    assert 'width="640"' in text or "640" in text


def test_year_bars_stack_subsidy_and_cofinancing_per_year(small):
    with translation.override("en"):
        text = _svg_text(charts.year_bars(monitor(small.grant, as_of=AS_OF)))
    assert "Subsidy spent" in text and "Co-financing counted" in text
    assert "2024" in text and "2025" in text


def test_partner_bullets_name_every_partner_with_a_pledge(small):
    with translation.override("en"):
        text = _svg_text(charts.partner_bullets(monitor(small.grant, as_of=AS_OF)))
    for name in ("Partner A BV", "Gemeente Partner B", "Zuivel Beta BV", "ROC Delta"):
        assert name in text
    assert "Due so far (pro rata)" in text


def test_ratio_line_draws_the_required_ratio_dashed(small):
    with translation.override("en"):
        text = _svg_text(charts.cumulative_ratio(monitor(small.grant, as_of=AS_OF)))
    assert "Required ratio" in text and "dasharray" in text


def test_a_partners_charts_show_only_that_partner_and_no_subsidy(small):
    own = monitor(small.grant, as_of=AS_OF, partnership_ids={small.partner_a.pk})
    with translation.override("en"):
        texts = [_svg_text(draw(own)) for draw in CHARTS]
    assert all("Gemeente Partner B" not in text and "Zuivel Beta" not in text for text in texts)
    assert "Subsidy spent" not in texts[0] and "Partner A BV" in texts[1]


@pytest.mark.parametrize("draw", CHARTS)
def test_empty_charts_say_so_in_the_users_language(centre, draw):
    grant = GrantFactory(centre=centre, start=date(2024, 1, 1), end=date(2025, 12, 31))
    with translation.override("nl"):
        text = _svg_text(draw(monitor(grant, as_of=date(2024, 6, 1))))
    assert "<script" not in text
    assert "Nog geen cijfers" in text or "No figures yet" in text


@pytest.mark.parametrize(("highest", "ticks"), [
    (80_000, [0, 20_000, 40_000, 60_000, 80_000]),
    (250_000, [0, 50_000, 100_000, 150_000, 200_000, 250_000]),
    (260_000, [0, 100_000, 200_000, 300_000]),
    (1_234, [0, 250, 500, 750, 1_000, 1_250]),
    (0, [0]),
])
def test_value_ticks_are_round_and_several(highest, ticks):
    assert charts.value_ticks(highest, most=6) == ticks


def test_the_partner_chart_has_values_on_its_axis(small):
    with translation.override("nl"):
        text = _svg_text(charts.partner_bullets(monitor(small.grant, as_of=AS_OF)))
    for label in ("EUR 0", "EUR 20.000", "EUR 40.000", "EUR 60.000", "EUR 80.000"):  # was 0, 40.000, 80.000
        assert f">{label}<" in text
