"""Widgets that render without a template per option.

Django renders each ``<option>`` of a select through its own template; a
municipality select has 309 of them, which made filter forms the slowest part
of their pages. This select builds the same markup directly.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


class FastSelect(forms.Select):
    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        selected = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option_value, " selected" if str(option_value) in selected else "", label)
                for option_value, label in self._flat_choices()
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final_attrs), options)

    def _flat_choices(self) -> Any:
        for option_value, label in self.choices:
            if isinstance(label, list | tuple):
                yield from ((str(v), lbl) for v, lbl in label)
            else:
                yield ("" if option_value is None else str(option_value), label)
