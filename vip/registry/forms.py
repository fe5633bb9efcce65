from __future__ import annotations

from typing import Any

from django import forms
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from vip.core import data_versions
from vip.core.forms import Form, ModelForm
from vip.registry.models import REGISTRY_DATA, Area, County, Municipality, Organisation
from vip.registry.selectors import MunicipalityFilters, OrganisationFilters
from vip.registry.services import ORGANISATION_FIELDS


def organisation_label(organisation: Organisation) -> str:
    """An organisation in a list of choices: its name and, where it has one, its municipality
    (many schools share a name)."""
    if organisation.municipality is not None:
        return f"{organisation.name} ({organisation.municipality.name})"
    return organisation.name


def area_filter_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Area"),
        queryset=Area.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All areas"),
    )


class MunicipalityFilterForm(Form):
    mark_optional = False

    q = forms.CharField(label=_("Search by name or code"), required=False, max_length=100)
    area = area_filter_field()
    county = forms.ModelChoiceField(
        label=_("Wellbeing services county"),
        queryset=County.objects.order_by("name_fi"),
        to_field_name="code",
        required=False,
        empty_label=_("All counties"),
    )

    def filters(self) -> MunicipalityFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return MunicipalityFilters(
            search=data.get("q", ""), area=data.get("area"), county=data.get("county")
        )


def municipality_choices() -> list[tuple[str, str]]:
    """(code, name) of every municipality, cached per language and registry version.

    The list has 309 entries and appears on every organisation list page.
    """
    key = f"registry:municipality-choices:{get_language()}:{data_versions.current(REGISTRY_DATA)}"
    choices = cache.get(key)
    if choices is None:
        choices = [(m.code, m.name) for m in Municipality.objects.order_by("name_fi")]
        cache.set(key, choices, 60 * 60)
    return list(choices)


class OrganisationFilterForm(Form):
    mark_optional = False

    q = forms.CharField(label=_("Search by name or code"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("All kinds")), *Organisation.Kind.choices],
        required=False,
    )
    area = area_filter_field()
    municipality = forms.ChoiceField(
        label=_("Municipality"),
        choices=lambda: [("", _("All municipalities")), *municipality_choices()],
        required=False,
    )

    def filters(self) -> OrganisationFilters:
        data = self.cleaned_data if self.is_valid() else {}
        code = data.get("municipality")
        return OrganisationFilters(
            search=data.get("q", ""),
            kind=data.get("kind", ""),
            area=data.get("area"),
            municipality=Municipality.objects.filter(code=code).first() if code else None,
        )


class MunicipalityChoiceField(forms.ModelChoiceField):
    """A municipality chosen by its three-digit code, with a clear error for unknown codes."""

    default_error_messages = {
        "invalid_choice": _("Unknown municipality code. Use a three-digit code such as 091."),
    }

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.code})"


class OrganisationForm(ModelForm):
    municipality = MunicipalityChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name_fi"),
        to_field_name="code",
        required=False,
    )

    class Meta:
        model = Organisation
        fields = list(ORGANISATION_FIELDS)
        labels = {
            "name_fi": _("Name in Finnish"),
            "name_sv": _("Name in Swedish"),
            "name_en": _("Name in English"),
        }
        help_texts = {
            "school_code": _("Five digits, e.g. 03456. Leave empty if the unit has none."),
            "oid": _("For example 1.2.246.562.10.12345678901."),
            "active_from": _("For example 1.8.2024"),
            "active_to": _("For example 31.7.2030"),
            "parent": _("The organisation this one belongs to, e.g. the education provider."),
        }
        widgets = {
            "active_from": forms.DateInput(attrs={"class": "govuk-input--width-10"}),
            "active_to": forms.DateInput(attrs={"class": "govuk-input--width-10"}),
            "school_code": forms.TextInput(
                attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}
            ),
        }

    def __init__(self, *args: Any, parent_choices: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name_sv"].required = False
        self.fields["name_en"].required = False
        parent = self.fields["parent"]
        assert isinstance(parent, forms.ModelChoiceField)
        parent.queryset = parent_choices.order_by("name_fi")
        parent.required = False
        # The municipality is chosen by code, so its initial value must be the code.
        if self.instance.pk and self.instance.municipality_id:
            self.initial["municipality"] = self.instance.municipality.code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # An organisation lies in its parent's municipality unless told otherwise.
        if not data.get("municipality") and data.get("parent") is not None:
            data["municipality"] = data["parent"].municipality
        return data
