"""Form widgets drawn in Python where Django draws them with a template per option.

A list's filter form shows a few selects on every view of the list; Django's `Select` renders a template for
the select, one for each option and one for each option's attributes, which costs more than the rest of the
form. `QuickSelect` writes the same HTML, byte for byte (tests/core/test_widgets.py compares the two).
"""

from django import forms
from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe


def _attrs(attrs: dict) -> str:
    """Django's widgets/attrs.html: ` name="value"` for each attribute, ` name` for True, nothing for False."""
    return "".join("" if value is False else f" {esc(name)}" if value is True else f' {esc(name)}="{esc(value)}"'
                   for name, value in attrs.items())


def _option(option: dict) -> str:
    return f'<option value="{esc(option["value"])}"{_attrs(option["attrs"])}>{esc(option["label"])}</option>'


class QuickSelect(forms.Select):
    """Django's `Select`, rendered without templates (a custom `template_name` would be ignored)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{esc(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{esc(group_name)}">')
            # Each option's template ends in a newline, which Django keeps.
            parts.extend(f"\n  {_option(option)}\n" for option in group_choices)
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
