"""Forms of the materials editors: the item with its authors and publishers, the workflow
move, and the organiser list's filters.

The service (``vip.materials.services.items``) holds the rules. The forms turn what a
browser sends into a ``MaterialData``: numbers of items and events are looked up among
those the editor may link, and ``add_service_errors`` puts the service's errors on the
fields they name, so that every message stands next to its field.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.formsets import BaseFormSet, formset_factory
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from vip.accounts import scopes
from vip.core.forms import Form
from vip.materials.models import Material, MaterialContributor, SchoolLevel
from vip.materials.selectors import editing as selectors
from vip.materials.services.items import Contributor, MaterialData
from vip.network.forms.common import MARKDOWN_HINT
from vip.network.forms.people import (
    OrganisationPicker,
    organisation_choice_field,
    organisation_name_field,
)
from vip.network.models import Sector, Theme

# Item and event numbers are typed separated by commas, spaces or semicolons.
_SEPARATORS = re.compile(r"[\s,;]+")
MAX_LINKS = 50


class NamedMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes labelled with the translated name (themes, sectors, school levels)."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


def _numbers(text: str) -> tuple[list[int], list[str]]:
    """The numbers in ``text`` in order without repeats, and the pieces that are not numbers."""
    numbers: list[int] = []
    wrong: list[str] = []
    for piece in _SEPARATORS.split(text.strip()):
        cleaned = piece.lstrip("#")
        if not piece:
            continue
        if cleaned.isascii() and cleaned.isdigit() and len(cleaned) <= 10:
            if int(cleaned) not in numbers:
                numbers.append(int(cleaned))
        else:
            wrong.append(piece[:20])
    return numbers, wrong


def _numbers_error(wrong: list[str]) -> ValidationError:
    return ValidationError(
        _("Type numbers separated by commas; “%(text)s” is not a number.") % {"text": wrong[0]},
        code="not_a_number",
    )


# --- The item -------------------------------------------------------------------------------


class MaterialForm(Form):
    """Every field of an item; authors and publishers are a formset beside it."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("Choose the kind")), *Material.Kind.choices],
        error_messages={
            "required": _("Choose the kind of item."),
            "invalid_choice": _("Choose one of the kinds in the list."),
        },
    )
    language = forms.ChoiceField(
        label=_("Language of the content"),
        choices=Material.Language.choices,
        widget=forms.RadioSelect,
        help_text=_("The language the item itself is written in."),
        error_messages={
            "required": _("Choose the language of the content."),
            "invalid_choice": _("Choose Finnish, Swedish or English."),
        },
    )
    original = forms.CharField(
        label=_("Translation of item number"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}),
        help_text=_(
            "If this item translates another one, the other item's number: it is in the "
            "item's address, for example 123 in /materials/123/. Leave empty otherwise."
        ),
    )
    title_fi = forms.CharField(label=_("Title in Finnish"), required=False, max_length=300)
    title_sv = forms.CharField(label=_("Title in Swedish"), required=False, max_length=300)
    title_en = forms.CharField(label=_("Title in English"), required=False, max_length=300)
    summary_fi = forms.CharField(
        label=_("Summary in Finnish"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    summary_sv = forms.CharField(
        label=_("Summary in Swedish"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    summary_en = forms.CharField(
        label=_("Summary in English"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    body_fi = forms.CharField(
        label=_("Text in Finnish"),
        required=False,
        help_text=MARKDOWN_HINT,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    body_sv = forms.CharField(
        label=_("Text in Swedish"),
        required=False,
        help_text=MARKDOWN_HINT,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    body_en = forms.CharField(
        label=_("Text in English"),
        required=False,
        help_text=MARKDOWN_HINT,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    themes = NamedMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose among the themes listed.")},
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=2000,
        help_text=_("Keywords separated by commas, for example: absence, pupil welfare."),
    )
    sectors = NamedMultipleChoiceField(
        label=_("Audience sectors"),
        queryset=Sector.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Whom the item is for."),
        error_messages={"invalid_choice": _("Choose among the sectors listed.")},
    )
    school_levels = NamedMultipleChoiceField(
        label=_("School levels"),
        queryset=SchoolLevel.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose among the school levels listed.")},
    )
    year = forms.IntegerField(
        label=_("Year of publication"),
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
        error_messages={"invalid": _("Enter the year as a number, for example 2020.")},
    )
    series = forms.CharField(
        label=_("Series"),
        required=False,
        max_length=200,
        help_text=_("For example: OPH Raportit ja selvitykset."),
    )
    number = forms.CharField(
        label=_("Number in the series"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
        help_text=_("For example: 2020:9."),
    )
    isbn = forms.CharField(
        label=_("ISBN"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
        help_text=_("With or without hyphens, for example 978-952-13-6789-2."),
    )
    issn = forms.CharField(
        label=_("ISSN"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
        help_text=_("For example 1798-8896."),
    )
    url = forms.CharField(
        label=_("Web address"),
        required=False,
        max_length=500,
        widget=forms.URLInput(attrs={"spellcheck": "false"}),
        help_text=_("Where the item is published elsewhere, for example https://www.oph.fi/…"),
    )
    related_items = forms.CharField(
        label=_("Related items"),
        required=False,
        max_length=1000,
        help_text=_("Numbers of other items in the bank, separated by commas."),
    )
    related_events = forms.CharField(
        label=_("Related events"),
        required=False,
        max_length=1000,
        help_text=_(
            "Numbers of published events, separated by commas, for example the event a "
            "recording is from. The number is in the event's address."
        ),
    )
    external_id = forms.CharField(
        label=_("External identifier"),
        required=False,
        max_length=100,
        help_text=_("The item's identifier in the system it was imported from."),
    )

    def __init__(
        self, *args: Any, user: Any, material: Material | None = None, **kwargs: Any
    ) -> None:
        self.user = user
        self.material = material
        kwargs.setdefault("initial", _initial(user, material))
        super().__init__(*args, **kwargs)
        keep = [t.pk for t in material.themes.all()] if material is not None else []
        self._multiple("themes").queryset = selectors.editable_themes(user, keep)
        self._multiple("sectors").queryset = Sector.objects.order_by("position", "code")
        self._multiple("school_levels").queryset = SchoolLevel.objects.order_by("position", "id")
        self.is_admin = scopes.is_national_admin(user)
        if self.is_admin:
            self.fields["themes"].help_text = _("The theme pages list the item.")
        else:
            # Only administrators tie items to other systems.
            del self.fields["external_id"]
            self.fields["themes"].help_text = _(
                "The themes of your expert group are listed. Keep at least one of them, "
                "or you could not edit the item."
            )

    def _multiple(self, name: str) -> forms.ModelMultipleChoiceField:
        field = self.fields[name]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        return field

    # --- Field checks that need the database or the user --------------------------------

    def clean_original(self) -> Material | None:
        text = self.cleaned_data["original"].strip().lstrip("#")
        if not text:
            return None
        if not (text.isascii() and text.isdigit()):
            raise ValidationError(_("Enter the number of the original item, for example 123."))
        current = [self.material.original_id] if self.material and self.material.original_id else []
        found = selectors.viewable_items(self.user, [int(text)], keep=current)
        if not found:
            raise ValidationError(
                _("There is no item number %(number)s that you may see.") % {"number": text}
            )
        return found[int(text)]

    def clean_related_items(self) -> list[Material]:
        numbers, wrong = _numbers(self.cleaned_data["related_items"])
        if wrong:
            raise _numbers_error(wrong)
        self._check_count(numbers)
        linked = (
            [item.pk for item in self.material.related_items.all()]
            if self.material is not None
            else []
        )
        found = selectors.viewable_items(self.user, numbers, keep=linked)
        missing = [str(n) for n in numbers if n not in found]
        if missing:
            raise ValidationError(
                ngettext(
                    "There is no item number %(numbers)s that you may see.",
                    "There are no items numbered %(numbers)s that you may see.",
                    len(missing),
                )
                % {"numbers": ", ".join(missing)}
            )
        return [found[n] for n in numbers]

    def clean_related_events(self) -> list[Any]:
        numbers, wrong = _numbers(self.cleaned_data["related_events"])
        if wrong:
            raise _numbers_error(wrong)
        self._check_count(numbers)
        keep = (
            [e.pk for e in self.material.related_events.all()] if self.material is not None else []
        )
        found = selectors.linkable_events(numbers, keep=keep)
        missing = [str(n) for n in numbers if n not in found]
        if missing:
            raise ValidationError(
                ngettext(
                    "There is no published event number %(numbers)s.",
                    "There are no published events numbered %(numbers)s.",
                    len(missing),
                )
                % {"numbers": ", ".join(missing)}
            )
        return [found[n] for n in numbers]

    @staticmethod
    def _check_count(numbers: list[int]) -> None:
        if len(numbers) > MAX_LINKS:
            raise ValidationError(
                _("Link at most %(count)d items or events.") % {"count": MAX_LINKS}
            )

    def clean_tags(self) -> list[str]:
        pieces = (piece.strip() for piece in self.cleaned_data["tags"].split(","))
        return [piece for piece in pieces if piece]

    def clean_url(self) -> str:
        return str(self.cleaned_data["url"]).strip()

    # --- Layout and the service's data --------------------------------------------------

    def sections(self) -> list[tuple[Any, list[forms.BoundField]]]:
        """The fields under the page's headings, in order."""
        groups: list[tuple[Any, list[str]]] = [
            (_("The item"), ["kind", "language", "original"]),
            (_("Finnish"), ["title_fi", "summary_fi", "body_fi"]),
            (_("Swedish"), ["title_sv", "summary_sv", "body_sv"]),
            (_("English"), ["title_en", "summary_en", "body_en"]),
            (_("Topic and audience"), ["themes", "tags", "sectors", "school_levels"]),
            (
                _("Publication"),
                ["year", "series", "number", "isbn", "issn", "url", "external_id"],
            ),
            (_("Links"), ["related_items", "related_events"]),
        ]
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in groups
        ]

    def material_data(self, contributors: list[Contributor]) -> MaterialData:
        data = self.cleaned_data
        external_id = (
            data.get("external_id")
            if self.is_admin
            else (self.material.external_id if self.material is not None else None)
        )
        return MaterialData(
            kind=data["kind"],
            language=data["language"],
            original=data.get("original"),
            external_id=external_id or None,
            year=data.get("year"),
            themes=list(data.get("themes") or []),
            tags=data.get("tags") or [],
            sectors=list(data.get("sectors") or []),
            school_levels=list(data.get("school_levels") or []),
            contributors=contributors,
            related_items=data.get("related_items") or [],
            related_events=data.get("related_events") or [],
            **{
                name: str(data.get(name) or "")
                for name in (
                    "title_fi",
                    "title_sv",
                    "title_en",
                    "summary_fi",
                    "summary_sv",
                    "summary_en",
                    "body_fi",
                    "body_sv",
                    "body_en",
                    "series",
                    "number",
                    "isbn",
                    "issn",
                    "url",
                )
            },
        )


def _initial(user: Any, material: Material | None) -> dict[str, Any]:
    if material is None:
        return {"language": "fi", "themes": sorted(selectors.own_theme_ids(user))}
    values: dict[str, Any] = {
        name: getattr(material, name)
        for name in (
            "kind", "language", "external_id",
            "title_fi", "title_sv", "title_en",
            "summary_fi", "summary_sv", "summary_en",
            "body_fi", "body_sv", "body_en",
            "year", "series", "number", "isbn", "issn", "url",
        )
    }  # fmt: skip
    values["original"] = str(material.original_id or "")
    values["themes"] = [t.pk for t in material.themes.all()]
    values["sectors"] = [s.pk for s in material.sectors.all()]
    values["school_levels"] = [s.pk for s in material.school_levels.all()]
    values["tags"] = ", ".join(t.name for t in material.tags.all())
    values["related_items"] = ", ".join(str(m.pk) for m in material.related_items.all())
    values["related_events"] = ", ".join(str(e.pk) for e in material.related_events.all())
    return values


# --- Authors and publishers -----------------------------------------------------------------


class ContributorForm(Form):
    """One author or publisher: an organisation of the registry, or a name as written."""

    # Not required by itself: an empty row (no organisation, no name) is left out whatever
    # its role; a filled-in row needs one (see clean).
    role = forms.ChoiceField(
        label=_("Role"),
        choices=MaterialContributor.Role.choices,
        required=False,
        error_messages={"invalid_choice": _("Choose author or publisher.")},
    )
    organisation_name = organisation_name_field(required=False)
    organisation = organisation_choice_field()
    name = forms.CharField(
        label=_("Or a name as written"),
        required=False,
        max_length=200,
        help_text=_("A person, or an organisation that is not in the registry."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation_name"].label = _("Organisation in the registry")
        self.picker = OrganisationPicker(self)

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not (str(data.get("organisation_name", "")).strip() or data.get("name", "").strip())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.is_blank():
            return data
        if not data.get("role") and "role" not in self.errors:
            self.add_error("role", _("Choose author or publisher."))
        if str(data.get("organisation_name", "")).strip() and data.get("name", "").strip():
            self.add_error(
                "name", _("Choose an organisation or type a name, not both, on one row.")
            )
            return data
        data["organisation"] = self.picker.clean(data, required=False)
        return data

    def contributor(self) -> Contributor:
        data = self.cleaned_data
        return Contributor(
            role=data["role"],
            organisation=data.get("organisation"),
            name="" if data.get("organisation") is not None else data.get("name", "").strip(),
        )


class BaseContributorFormSet(BaseFormSet):
    row_label: Any = _("Author or publisher")

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        # Every row is read, also one left as it was shown: an unchanged extra row is
        # otherwise skipped, and a stored author would vanish on save.
        return {**super().get_form_kwargs(index), "empty_permitted": False}

    def contributors(self) -> list[Contributor]:
        """The filled-in rows in order; an emptied row is left out (removed)."""
        return [form.contributor() for form in self.forms if not form.is_blank()]


ContributorRows = formset_factory(
    ContributorForm,
    formset=BaseContributorFormSet,
    extra=2,
    max_num=30,
    validate_max=True,
)


def contributor_rows(data: Any, material: Material | None) -> Any:
    initial = (
        [
            {
                "role": c.role,
                "organisation_name": c.organisation.name_fi if c.organisation else "",
                "name": c.name if not c.organisation_id else "",
            }
            for c in material.contributors.all()
        ]
        if material is not None
        else []
    )
    return ContributorRows(data, initial=initial, prefix="contributor")


# --- The workflow ---------------------------------------------------------------------------


class TransitionForm(Form):
    """A move along the workflow, with the status the page showed (to catch stale pages)."""

    to_status = forms.ChoiceField(
        choices=Material.Status.choices,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("That is not a status of the workflow.")},
    )
    from_status = forms.ChoiceField(
        choices=Material.Status.choices, widget=forms.HiddenInput, required=False
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, material: Material, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.material = material

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        seen = data.get("from_status")
        if seen and seen != self.material.status:
            raise ValidationError(
                _(
                    "The item's status changed after the page was loaded: it is now %(status)s. "
                    "Check the item and try again."
                )
                % {"status": Material.Status(self.material.status).label.lower()}
            )
        returning = (
            self.material.status == Material.Status.REVIEW
            and data.get("to_status") == Material.Status.DRAFT
        )
        if returning and not data.get("comment", "").strip():
            self.add_error(
                "comment", _("Say what should change when you return the item to draft.")
            )
        return data


# --- The organiser list ---------------------------------------------------------------------


class EditorFilterForm(Form):
    mark_optional = False

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All")), *Material.Status.choices],
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All")), *Material.Kind.choices], required=False
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.none(), required=False, empty_label=_("All")
    )
    q = forms.CharField(label=_("Search by title"), max_length=100, required=False)

    def __init__(self, *args: Any, themes: QuerySet[Theme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["theme"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = themes
        field.label_from_instance = lambda obj: str(obj.name)  # type: ignore[method-assign]

    def filters(self) -> selectors.EditorFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return selectors.EditorFilters(
            status=data.get("status") or "",
            kind=data.get("kind") or "",
            theme=data.get("theme"),
            search=(data.get("q") or "").strip(),
        )
