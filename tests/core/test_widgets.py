"""QuickSelect (core/widgets.py) writes the HTML of Django's Select, byte for byte, without its templates."""

import pytest
from django import forms
from django.utils.safestring import mark_safe

from civhub.core.widgets import QuickSelect

CHOICES = [("", "All <kinds>"), ("r&d", "R & D"), (3, "three"),
           ("group", [("1", "one"), ("2", mark_safe("<b>two</b>"))])]


def form_with(widget):
    class Filter(forms.Form):
        kind = forms.ChoiceField(choices=CHOICES, required=False, widget=widget)
        year = forms.TypedChoiceField(choices=[(2025, "2025"), (2026, "2026")], coerce=int, widget=widget,
                                      disabled=True)

    return Filter


@pytest.mark.parametrize("data", [None, {"kind": "r&d"}, {"kind": "2", "year": "2026"}, {"kind": "unknown"}])
def test_quick_select_renders_what_django_select_renders(data):
    django_form, quick_form = form_with(forms.Select)(data), form_with(QuickSelect)(data)
    for name in ("kind", "year"):
        assert str(quick_form[name]) == str(django_form[name])
    assert str(quick_form["kind"].as_widget(attrs={"aria-describedby": "help", "required": True})) == str(
        django_form["kind"].as_widget(attrs={"aria-describedby": "help", "required": True}))
