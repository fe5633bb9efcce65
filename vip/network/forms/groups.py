"""Forms for groups and their memberships, and the group list's filters.

The services hold the rules; these forms check what a single form can see (so
the error sits next to its field) and ``add_service_errors`` places the
services' errors on the fields they name.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vip.core.forms import Form, ModelForm
from vip.network.forms.common import MARKDOWN_HINT
from vip.network.forms.common import _date_widget as date_widget
from vip.network.forms.people import (
    OrganisationPicker,
    organisation_choice_field,
    organisation_name_field,
)
from vip.network.models import Group, Membership, Person, Sector, Theme
from vip.network.presenters import membership_choice_label
from vip.network.selectors import groups as selectors
from vip.network.services import GROUP_FIELDS
from vip.registry.models import Area

# --- The group list's filters ---------------------------------------------------------------


class GroupFilterForm(Form):
    mark_optional = False

    q = forms.CharField(label=_("Search by name"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *Group.Kind.choices], required=False
    )
    area = forms.ChoiceField(label=_("Area"), required=False)
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.order_by("position", "code"),
        to_field_name="code",
        required=False,
        empty_label=_("All themes"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The areas are read once, for both the choices and the chosen filter.
        self.areas = {area.code: area for area in Area.objects.order_by("code")}
        field = self.fields["area"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            ("", _("All areas")),
            (selectors.NATIONAL, _("National groups")),
            *((code, str(area)) for code, area in self.areas.items()),
        ]

    def filters(self) -> selectors.GroupFilters:
        data = self.cleaned_data if self.is_valid() else {}
        code = data.get("area") or ""
        area: Area | str | None = None
        if code == selectors.NATIONAL:
            area = selectors.NATIONAL
        elif code:
            area = self.areas.get(code)
        return selectors.GroupFilters(
            search=data.get("q", ""), kind=data.get("kind", ""), area=area, theme=data.get("theme")
        )


# --- Groups ---------------------------------------------------------------------------------


class ParentGroupField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        where = obj.area.code if obj.area_id else _("national")
        return f"{obj.name} ({obj.kind_label}, {where})"


class GroupForm(ModelForm):
    """A group's details. ``areas`` limits the area choice; ``national`` allows none."""

    class Meta:
        model = Group
        fields = list(GROUP_FIELDS)
        field_classes = {"parent": ParentGroupField}
        labels = {
            "name_fi": _("Name in Finnish"),
            "name_sv": _("Name in Swedish"),
            "name_en": _("Name in English"),
        }
        help_texts = {
            "kind": _(
                "An expert group belongs to a thematic group; a regional group belongs to an area."
            ),
            "description_fi": MARKDOWN_HINT,
            "description_sv": MARKDOWN_HINT,
            "description_en": MARKDOWN_HINT,
            "area": _("Leave empty for a national group."),
            "parent": _("For an expert group, the thematic group it plans and coordinates."),
            "theme": _("Thematic and expert groups work on a theme."),
            "term_start": _("For example 1.1.2021"),
            "term_end": _("For example 31.12.2022. Leave empty if the term has no end."),
            "founding_decision": _(
                "For example: steering group 6.4.2021, decision 12. Where the group was founded."
            ),
        }
        widgets = {
            "term_start": date_widget(),
            "term_end": date_widget(),
            "description_fi": forms.Textarea(attrs={"rows": 5}),
            "description_sv": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, areas: QuerySet[Area], national: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("name_sv", "name_en"):
            self.fields[name].required = False
        area = self.fields["area"]
        assert isinstance(area, forms.ModelChoiceField)
        area.queryset = areas.order_by("code")
        area.required = not national
        area.empty_label = _("National (no area)") if national else None
        if not national:
            area.help_text = _("You can create and manage groups of your own area.")
            area.error_messages["invalid_choice"] = _("Choose an area you coordinate.")
            area.error_messages["required"] = _("Choose the area of the group.")
        else:
            area.error_messages["invalid_choice"] = _("Choose one of the areas.")
        parent = self.fields["parent"]
        assert isinstance(parent, forms.ModelChoiceField)
        queryset = selectors.parent_group_choices(exclude=self.instance)
        if self.instance.pk is not None:
            # A group cannot sit under one of its own subgroups.
            queryset = queryset.exclude(parent=self.instance)
        parent.queryset = queryset
        theme = self.fields["theme"]
        assert isinstance(theme, forms.ModelChoiceField)
        theme.queryset = Theme.objects.order_by("position", "code")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, parent = data.get("kind"), data.get("parent")
        if kind == Group.Kind.EXPERT and (parent is None or parent.kind != Group.Kind.THEMATIC):
            self.add_error("parent", _("An expert group belongs to a thematic group."))
        if kind == Group.Kind.REGIONAL and data.get("area") is None and "area" not in self.errors:
            self.add_error("area", _("A regional group belongs to an area."))
        if kind in {Group.Kind.THEMATIC, Group.Kind.EXPERT} and data.get("theme") is None:
            self.add_error("theme", _("Choose the theme of the group."))
        start, end = data.get("term_start"), data.get("term_end")
        if start and end and end < start:
            self.add_error("term_end", _("The term cannot end before it starts."))
        return data

    def validate_constraints(self) -> None:
        # clean() has already named the field for each rule the check constraints
        # hold; checking them again would repeat the message without a field.
        if not self.errors:
            super().validate_constraints()

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in GROUP_FIELDS}


# --- Memberships ----------------------------------------------------------------------------
#
# The person and the organisation are typed, not picked from lists of hundreds:
# one match is taken at once, several are offered as radio buttons on the
# redisplayed form, none is an error. This works the same without JavaScript.


def _person_label(person: Person) -> str:
    details = [detail for detail in (person.email, person.title) if detail]
    label = f"{person.family_name}, {person.given_name}"
    return f"{label} ({', '.join(details)})" if details else label


class PersonPicker:
    """Resolves the ``person_name`` text (and a chosen radio) to one person.

    When editing, text that still names the current person keeps them without a search.
    """

    def __init__(self, form: forms.BaseForm, current: Person | None = None) -> None:
        self.form = form
        text = form.data.get(form.add_prefix("person_name"), "") if form.is_bound else ""
        self.text = str(text).strip()
        self.current = (
            current
            if current is not None
            and self.text
            and selectors.is_exact_person_match(current, self.text)
            else None
        )
        found = selectors.person_matches(self.text) if self.text and self.current is None else []
        self.too_many = len(found) > selectors.PERSON_CHOICE_LIMIT
        self.matches = found[: selectors.PERSON_CHOICE_LIMIT]
        self.exact = [p for p in self.matches if selectors.is_exact_person_match(p, self.text)]
        if len(self.matches) > 1 and not (len(self.exact) == 1 and not self.too_many):
            widget = form.fields["person"].widget
            assert isinstance(widget, forms.RadioSelect)
            widget.choices = [(str(p.pk), _person_label(p)) for p in self.matches]
        else:
            # Nothing to choose between: leave the radio buttons out of the page.
            del form.fields["person"]

    def clean(self, data: dict[str, Any]) -> Person | None:
        form = self.form
        if not self.text:
            return None  # the required text field has said so
        if self.current is not None:
            return self.current
        by_pk = {str(p.pk): p for p in self.matches}
        chosen = data.get("person")
        if chosen and chosen in by_pk:
            return by_pk[chosen]
        if not self.matches:
            form.add_error(
                "person_name",
                _(
                    "Nobody in the people directory matches “%(text)s”. Check the spelling, "
                    "or add the person to the directory first."
                )
                % {"text": self.text},
            )
        elif len(self.matches) == 1:
            return self.matches[0]
        elif len(self.exact) == 1 and not self.too_many:
            return self.exact[0]
        elif self.too_many:
            form.add_error(
                "person",
                _(
                    "More than %(count)s people match “%(text)s”: choose one below or type "
                    "more of the name, or the e-mail address."
                )
                % {"count": selectors.PERSON_CHOICE_LIMIT, "text": self.text},
            )
        else:
            form.add_error(
                "person", _("Several people match “%(text)s”: choose one.") % {"text": self.text}
            )
        return None


class PrincipalChoiceField(forms.ModelChoiceField):
    default_error_messages = {
        "invalid_choice": _("The principal must be a chair, vice-chair or member of the group."),
    }

    def label_from_instance(self, obj: Any) -> str:
        return membership_choice_label(obj)


MEMBERSHIP_FORM_FIELDS = ("person", "role", "principal", "sector", "organisation", "start", "end")


class MembershipForm(Form):
    # The services name the person and organisation; here they are typed.
    service_error_fields = {"person": "person_name", "organisation": "organisation_name"}

    person_name = forms.CharField(
        label=_("Person"),
        max_length=200,
        error_messages={"required": _("Enter the name or e-mail address of the person.")},
        help_text=_(
            "Type the name or the work e-mail address. If several people match, you can "
            "choose one. Someone not in the people directory must be added there first."
        ),
    )
    # A plain text field under radio buttons: the choices are the matches of the
    # typed name, and a stale choice is simply ignored, not an error.
    person = forms.CharField(label=_("Choose the person"), required=False, widget=forms.RadioSelect)
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", _("Choose a role")), *Membership.Role.choices]
    )
    principal = PrincipalChoiceField(
        label=_("Deputy for"),
        queryset=Membership.objects.none(),
        required=False,
        help_text=_("Only for a deputy member: the chair, vice-chair or member they stand in for."),
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"),
        queryset=Sector.objects.none(),
        required=False,
        help_text=_("The sector the member represents in a regional group."),
    )
    organisation_name = organisation_name_field(required=False)
    organisation = organisation_choice_field()
    start = forms.DateField(
        label=_("Start"), widget=date_widget(), help_text=_("For example 1.1.2024")
    )
    end = forms.DateField(
        label=_("End"),
        widget=date_widget(),
        required=False,
        help_text=_("Leave empty to serve until the end of the group's term."),
    )

    def __init__(
        self, *args: Any, group: Group, membership: Membership | None = None, **kwargs: Any
    ) -> None:
        if membership is not None:
            kwargs.setdefault(
                "initial",
                {
                    "person_name": membership.person.full_name,
                    "role": membership.role,
                    "principal": membership.principal_id,
                    "sector": membership.sector_id,
                    "organisation_name": (
                        membership.organisation.name_fi if membership.organisation else ""
                    ),
                    "start": membership.start,
                    "end": membership.end,
                },
            )
        super().__init__(*args, **kwargs)
        self.group = group
        self.fields["organisation_name"].label = _("Organisation represented")
        self._set_queryset("principal", selectors.principal_choices(group, exclude=membership))
        self._set_queryset("sector", Sector.objects.order_by("position", "code"))
        self.person_picker = PersonPicker(self, membership.person if membership else None)
        self.organisation_picker = OrganisationPicker(self)

    def _set_queryset(self, name: str, queryset: QuerySet[Any]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = queryset

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["person"] = self.person_picker.clean(data)
        data["organisation"] = self.organisation_picker.clean(data, required=False)
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date cannot be before the start date."))
        role, principal = data.get("role"), data.get("principal")
        if role == Membership.Role.DEPUTY and principal is None and "principal" not in self.errors:
            self.add_error("principal", _("Choose the member this deputy stands in for."))
        if role and role != Membership.Role.DEPUTY and principal is not None:
            self.add_error("principal", _("Only a deputy member stands in for someone."))
        return data

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in MEMBERSHIP_FORM_FIELDS}


class MembershipEndForm(Form):
    end = forms.DateField(
        label=_("Last day of the membership"),
        widget=date_widget(),
        help_text=_("For example 31.12.2024. The membership stays on the page as history."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"end": timezone.localdate()})
        super().__init__(*args, **kwargs)

    @property
    def end_date(self) -> datetime.date:
        value = self.cleaned_data["end"]
        assert isinstance(value, datetime.date)
        return value
