"""What the network's forms share: the date input and the hint under Markdown fields."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

MARKDOWN_HINT = _(
    "Markdown: a blank line starts a paragraph, lines starting with - make a list, "
    "**bold**, [link](https://…)."
)


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"class": "govuk-input--width-10", "autocomplete": "off"})
