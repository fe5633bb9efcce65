"""GOV.UK Frontend markup for every Django form.

Forms render with ``{{ form }}`` through the templates in ``templates/forms/``;
``GovukFormMixin`` adds the component classes to widgets and, once a form has
been validated, the error state and ``aria-describedby`` links to the hint and
the error message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.renderers import TemplatesSetting

from vip.core.widgets import FastSelect

_WIDGET_CLASSES: list[tuple[type[forms.Widget], str, str]] = [
    (forms.CheckboxSelectMultiple, "govuk-checkboxes__input", ""),
    (forms.RadioSelect, "govuk-radios__input", ""),
    (forms.CheckboxInput, "govuk-checkboxes__input", ""),
    (forms.Select, "govuk-select", "govuk-select--error"),
    (forms.Textarea, "govuk-textarea", "govuk-textarea--error"),
    (forms.FileInput, "govuk-file-upload", "govuk-file-upload--error"),
    (forms.widgets.Input, "govuk-input", "govuk-input--error"),
]


def _is_group(widget: forms.Widget) -> bool:
    return isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


def _classes_for(widget: forms.Widget) -> tuple[str, str]:
    for widget_class, base, error in _WIDGET_CLASSES:
        if isinstance(widget, widget_class):
            return base, error
    return "", ""


class GovukFormMixin:
    """Mix into a Form or ModelForm to get GOV.UK classes and accessible errors."""

    fields: dict[str, forms.Field]
    auto_id: str | bool
    add_prefix: Callable[[str], str]
    # Labels say "(optional)" on fields that may be left empty; filter forms,
    # where every field is optional, turn this off.
    mark_optional = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if type(field.widget) is forms.Select:
                field.widget = FastSelect(attrs=field.widget.attrs, choices=field.widget.choices)
            base, _error = _classes_for(field.widget)
            existing = field.widget.attrs.get("class", "")
            field.widget.attrs["class"] = f"{base} {existing}".strip()
            # A group of radios or checkboxes is described on its fieldset instead.
            if field.help_text and not _is_group(field.widget):
                field.widget.attrs["aria-describedby"] = f"{self._id_for(name)}-hint"

    def _id_for(self, name: str) -> str:
        # Inside a formset the id carries the form prefix, as Django's own ids do.
        return (str(self.auto_id) % self.add_prefix(name)) if self.auto_id else name

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        self.mark_errors()

    def mark_errors(self) -> None:
        """Give every field with an error the error class and ``aria-describedby`` naming
        its message; again after errors added later (``add_service_errors``)."""
        errors: dict[str, Any] = getattr(self, "_errors", None) or {}
        for name in errors:
            field = self.fields.get(name)
            if field is None:
                continue
            _base, error_class = _classes_for(field.widget)
            classes = field.widget.attrs.get("class", "")
            if error_class and error_class not in classes.split():
                field.widget.attrs["class"] = f"{classes} {error_class}".strip()
            if _is_group(field.widget):
                continue
            described = field.widget.attrs.get("aria-describedby", "")
            error_id = f"{self._id_for(name)}-error"
            if error_id not in described.split():
                field.widget.attrs["aria-describedby"] = f"{described} {error_id}".strip()


def add_service_errors(
    form: forms.BaseForm, error: ValidationError, aliases: dict[str, str] | None = None
) -> None:
    """Put a service's ValidationError on the fields it names; the rest above the form.

    A form whose field for a service argument has another name (a typed person name for
    ``person``) maps it in ``aliases``, or in its ``service_error_fields``.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    if aliases is None:
        aliases = getattr(form, "service_error_fields", {})
    for name, messages in error.message_dict.items():
        field = aliases.get(name, name)
        target = field if field in form.fields and field != NON_FIELD_ERRORS else None
        for message in messages:
            form.add_error(target, message)
    if isinstance(form, GovukFormMixin):
        form.mark_errors()


class Form(GovukFormMixin, forms.Form):
    pass


class ModelForm(GovukFormMixin, forms.ModelForm):
    pass
