from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vip.audit.models import AuditAction
from vip.audit.selectors import AuditFilters
from vip.core.forms import Form


class AuditFilterForm(Form):
    mark_optional = False

    actor = forms.CharField(label=_("Actor (name or e-mail)"), required=False, max_length=100)
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", _("All actions")), *AuditAction.choices], required=False
    )
    target_type = forms.ChoiceField(label=_("Target type"), required=False)
    target_id = forms.CharField(label=_("Target id"), required=False, max_length=64)
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"class": "govuk-input--width-10"}),
        help_text=_("For example 1.11.2026"),
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"class": "govuk-input--width-10"}),
        help_text=_("For example 30.11.2026"),
    )

    def __init__(self, *args: Any, target_types: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["target_type"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("All types")), *[(t, t) for t in target_types]]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date cannot be before the start date."))
        return data

    def filters(self) -> AuditFilters:
        if not self.is_valid():
            return AuditFilters()
        data = self.cleaned_data
        return AuditFilters(
            actor=data["actor"],
            action=data["action"],
            target_type=data["target_type"],
            target_id=data["target_id"],
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
