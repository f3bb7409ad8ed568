"""One way to write dates and money (docs/style.md §16): what `format_date`, `format_eur` and their filters give."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from civhub.core.formatting import format_date, format_eur

DAY = datetime.date(2021, 5, 26)


def _evening():
    """26 May 2021, 20:43 on the centre's clock, as an aware date-time in UTC."""
    return datetime.datetime(2021, 5, 26, 20, 43, tzinfo=ZoneInfo("Europe/Amsterdam")).astimezone(datetime.UTC)


@pytest.mark.parametrize(("style", "dutch", "english"), [
    ("text", "26 mei 2021", "26 May 2021"),
    ("table", "26-05-2021", "26 May 2021"),
    ("weekday", "woensdag 26 mei 2021", "Wednesday 26 May 2021"),
    ("month", "mei 2021", "May 2021"),
])
def test_a_date_reads_the_same_way_everywhere(style, dutch, english):
    assert format_date(DAY, style, language="nl") == dutch
    assert format_date(DAY, style, language="en") == english


@pytest.mark.parametrize(("style", "dutch", "english"), [
    ("text", "26 mei 2021", "26 May 2021"),
    ("time", "26 mei 2021, 20:43", "26 May 2021, 20:43"),
    ("table time", "26-05-2021 20:43", "26 May 2021 20:43"),
    ("weekday time", "woensdag 26 mei 2021, 20:43", "Wednesday 26 May 2021, 20:43"),
])
def test_a_moment_is_shown_on_the_centres_clock_with_its_time_when_asked(style, dutch, english):
    assert format_date(_evening(), style, language="nl") == dutch
    assert format_date(_evening(), style, language="en") == english


def test_a_date_asked_with_its_time_has_none_to_show():
    assert format_date(DAY, "table time", language="nl") == "26-05-2021"


def test_nothing_gives_nothing_and_an_unknown_style_is_a_programming_error():
    assert format_date(None) == "" and format_eur(None) == ""
    with pytest.raises(ValueError, match="Unknown date style"):
        format_date(DAY, "short")


@pytest.mark.parametrize(("amount", "dutch", "english"), [
    (Decimal("45415"), "EUR 45.415,00", "EUR 45,415.00"),
    (Decimal("-45415"), "EUR \u221245.415,00", "EUR \u221245,415.00"),
    (Decimal("0.005"), "EUR 0,01", "EUR 0.01"),
    (Decimal("-0.004"), "EUR 0,00", "EUR 0.00"),
])
def test_money_always_has_cents_and_a_real_minus_sign_after_eur(amount, dutch, english):
    assert format_eur(amount, language="nl") == dutch
    assert format_eur(amount, language="en") == english


def test_the_filters_are_in_every_template_without_loading_them():
    template = Template('{{ day|when }} · {{ day|when:"table" }} · {{ at|when:"table time" }} · {{ amount|eur }}')
    context = Context({"day": DAY, "at": _evening(), "amount": Decimal("-12.5")})
    with translation.override("nl"):
        assert template.render(context) == "26 mei 2021 · 26-05-2021 · 26-05-2021 20:43 · EUR \u221212,50"
    with translation.override("en"):
        assert template.render(context) == "26 May 2021 · 26 May 2021 · 26 May 2021 20:43 · EUR \u221212.50"
