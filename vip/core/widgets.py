"""Widgets that render without a template per option.

Django renders each ``<option>`` of a select through its own template; a
municipality select has 309 of them, which made filter forms the slowest part
of their pages. This select builds the same markup directly.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


class FastSelect(forms.Select):
    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        selected = {str(v) for v in self.format_value(value)}
        options = "".join(
            f'<option value="{escape(option_value)}"'
            f"{' selected' if option_value in selected else ''}>{escape(label)}</option>"
            for option_value, label in self._flat_choices()
        )
        # Every value and label above is escaped.
        return format_html("<select{}>{}</select>", flatatt(final_attrs), mark_safe(options))  # noqa: S308

    def _flat_choices(self) -> Any:
        for option_value, label in self.choices:
            if isinstance(label, list | tuple):
                yield from ((str(v), lbl) for v, lbl in label)
            else:
                yield ("" if option_value is None else str(option_value), label)
