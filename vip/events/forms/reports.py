"""The filters of the reach report: period, kind, theme, area, organising group, series."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from vip.core.forms import Form
from vip.events.models import Event, EventSeries
from vip.events.selectors.reach import ReachFilters
from vip.network.forms.common import _date_widget as date_widget
from vip.network.models import Group, Theme
from vip.registry.models import Area

NATIONAL = "national"
_DATE_ERROR = _("Enter a date such as 31.12.2025.")
# The period is limited to years the platform can hold events in; far-off dates
# such as 31.12.9999 would overflow the day arithmetic of the report.
EARLIEST_DAY = datetime.date(2000, 1, 1)
LATEST_DAY = datetime.date(2100, 12, 31)
_RANGE_ERROR = _("Enter a date between 1.1.2000 and 31.12.2100.")
_DATE_VALIDATORS = [
    MinValueValidator(EARLIEST_DAY, message=_RANGE_ERROR),
    MaxValueValidator(LATEST_DAY, message=_RANGE_ERROR),
]


class ReachFilterForm(Form):
    mark_optional = False

    starts_from = forms.DateField(
        label=_("Events starting from"),
        required=False,
        widget=date_widget(),
        help_text=_("For example 1.1.2025"),
        validators=_DATE_VALIDATORS,
        error_messages={"invalid": _DATE_ERROR},
    )
    starts_until = forms.DateField(
        label=_("Events starting until"),
        required=False,
        widget=date_widget(),
        help_text=_("For example 31.12.2025"),
        validators=_DATE_VALIDATORS,
        error_messages={"invalid": _DATE_ERROR},
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("All kinds")), *Event.Kind.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose a kind of event from the list.")},
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.order_by("position", "code"),
        to_field_name="code",
        required=False,
        empty_label=_("All themes"),
        error_messages={"invalid_choice": _("Choose a theme from the list.")},
    )
    area = forms.ChoiceField(
        label=_("Area"),
        required=False,
        error_messages={"invalid_choice": _("Choose an area from the list.")},
    )
    group = forms.ModelChoiceField(
        label=_("Organising group"),
        queryset=Group.objects.none(),
        required=False,
        empty_label=_("All groups"),
        error_messages={"invalid_choice": _("Choose an organising group from the list.")},
    )
    series = forms.ModelChoiceField(
        label=_("Series"),
        queryset=EventSeries.objects.none(),
        required=False,
        empty_label=_("All series"),
        error_messages={"invalid_choice": _("Choose a series from the list.")},
    )

    def __init__(self, *args: Any, events: QuerySet[Event], **kwargs: Any) -> None:
        """``events``: the events the user may report on; groups and series are theirs."""
        super().__init__(*args, **kwargs)
        self.areas = {area.code: area for area in Area.objects.order_by("code")}
        area = self.fields["area"]
        assert isinstance(area, forms.ChoiceField)
        area.choices = [
            ("", _("All areas")),
            (NATIONAL, _("National events")),
            *((code, str(item)) for code, item in self.areas.items()),
        ]
        group = self.fields["group"]
        assert isinstance(group, forms.ModelChoiceField)
        group.queryset = Group.objects.filter(
            pk__in=events.exclude(organising_group=None).values("organising_group")
        ).order_by("name_fi", "pk")
        series = self.fields["series"]
        assert isinstance(series, forms.ModelChoiceField)
        series.queryset = EventSeries.objects.filter(
            pk__in=events.exclude(series=None).values("series")
        ).order_by("name_fi", "pk")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("starts_from"), data.get("starts_until")
        if start and end and end < start:
            self.add_error("starts_until", _("The end of the period is before its start."))
        return data

    def filters(self) -> ReachFilters:
        """The filters of a valid form (call ``is_valid()`` first); none for an unbound one."""
        if not self.is_bound:
            return ReachFilters()
        data = self.cleaned_data
        code = data.get("area") or ""
        return ReachFilters(
            starts_from=data.get("starts_from"),
            starts_until=data.get("starts_until"),
            kind=data.get("kind") or "",
            theme=data.get("theme"),
            area=self.areas.get(code),
            national=code == NATIONAL,
            group=data.get("group"),
            series=data.get("series"),
        )
