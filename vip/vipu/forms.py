"""Forms of the VIPU pages: campaigns, nominations, and the coverage and export filters."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from vip.core.forms import Form
from vip.network.models import Person, phone_validator
from vip.registry.models import Area, Municipality, Organisation
from vip.vipu.models import Nomination

DATE_WIDGET_ATTRS = {"class": "govuk-input--width-10"}


class CoverageFilterForm(Form):
    """The area whose municipalities the dashboard highlights; choices from the page's data."""

    mark_optional = False

    area = forms.ChoiceField(label=_("Area"), required=False)

    def __init__(self, *args: Any, areas: Iterable[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.areas = {area.code: area for area in areas}
        field = self.fields["area"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("All areas")), *((a.code, str(a)) for a in self.areas.values())]

    def selected_area(self) -> Area | None:
        if not self.is_valid():
            return None
        return self.areas.get(self.cleaned_data.get("area") or "")


@dataclass(frozen=True, slots=True)
class ExportFilters:
    area: Area | None = None
    responsibility: str = ""
    language: str = ""

    def as_details(self) -> dict[str, str]:
        return {
            "area": self.area.code if self.area else "",
            "responsibility": self.responsibility,
            "language": self.language,
        }


class ContactExportForm(Form):
    """Which contacts go into a mailing list export; read from the query string."""

    mark_optional = False

    area = forms.ChoiceField(label=_("Area"), required=False)
    responsibility = forms.ChoiceField(
        label=_("Responsibility"),
        choices=[("", _("Both responsibilities")), *Nomination.Responsibility.choices],
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Working language"),
        choices=[("", _("Both languages")), *Nomination.Language.choices],
        required=False,
    )

    def __init__(self, *args: Any, areas: Iterable[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.areas = {area.code: area for area in areas}
        field = self.fields["area"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("All areas")), *((a.code, str(a)) for a in self.areas.values())]

    def filters(self) -> ExportFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return ExportFilters(
            area=self.areas.get(data.get("area") or ""),
            responsibility=data.get("responsibility", ""),
            language=data.get("language", ""),
        )


class CampaignForm(Form):
    name_fi = forms.CharField(label=_("Name in Finnish"), max_length=200)
    name_sv = forms.CharField(label=_("Name in Swedish"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    starts_on = forms.DateField(
        label=_("Starts"),
        help_text=_("For example 3.5.2021"),
        widget=forms.DateInput(attrs=DATE_WIDGET_ATTRS),
    )
    ends_on = forms.DateField(
        label=_("Ends"),
        help_text=_("Nominations are accepted until this day. For example 31.12.2021"),
        widget=forms.DateInput(attrs=DATE_WIDGET_ATTRS),
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        help_text=_(
            "The day by which municipalities are asked to name their contacts; "
            "within the campaign. For example 26.5.2021"
        ),
        widget=forms.DateInput(attrs=DATE_WIDGET_ATTRS),
    )
    requirements = forms.CharField(
        label=_("Requirements"),
        help_text=_("Who is asked to name whom. Markdown: *emphasis*, lists, links."),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends, deadline = data.get("starts_on"), data.get("ends_on"), data.get("deadline")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The campaign cannot end before it starts."))
        elif starts and ends and deadline and not starts <= deadline <= ends:
            self.add_error("deadline", _("The deadline must fall within the campaign period."))
        return data


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        person: Person = obj
        return f"{person.full_name} ({person.email})" if person.email else person.full_name


class ProviderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        organisation: Organisation = obj
        return f"{organisation.name} ({organisation.kind_label})"


EXISTING = "existing"
NEW = "new"
NEW_PERSON_FIELDS = ("given_name", "family_name", "email", "phone", "title", "organisation")


class NominationForm(Form):
    """Who is named, for which task and language; the nominee is chosen or added anew.

    With ``slot_fixed`` (replacing a contact) only the nominee is asked for.
    Which nominee fields are needed depends on the choice of ``nominee``, so
    labels do not say "(optional)"; the two truly optional ones say so in
    their hints.
    """

    mark_optional = False

    responsibility = forms.ChoiceField(
        label=_("Responsibility"),
        choices=Nomination.Responsibility.choices,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label=_("Working language"),
        choices=Nomination.Language.choices,
        widget=forms.RadioSelect,
        help_text=_("Bilingual municipalities name contacts for both Finnish and Swedish."),
    )
    provider = ProviderChoiceField(
        label=_("Named by"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("The municipality itself"),
        help_text=_(
            "Private education providers and teacher-training schools name contacts of their own."
        ),
    )
    nominee = forms.ChoiceField(
        label=_("Contact person"),
        choices=[
            (EXISTING, _("Someone already in the registry")),
            (NEW, _("A person not yet in the registry")),
        ],
        widget=forms.RadioSelect,
    )
    person = PersonChoiceField(
        label=_("Person"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("Choose a person"),
        help_text=_("People employed by the municipality's organisations."),
    )
    given_name = forms.CharField(label=_("Given name"), max_length=100, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=100, required=False)
    email = forms.EmailField(
        label=_("Work e-mail"),
        required=False,
        help_text=_("The contact person is told of the nomination at this address."),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        validators=[phone_validator],
        help_text=_("Optional. For example +358 40 123 4567 or 040 123 4567"),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Optional. For example special education teacher"),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Choose an organisation"),
        help_text=_("Where the person works."),
    )

    def __init__(
        self,
        *args: Any,
        municipality: Municipality,
        people: QuerySet[Person],
        organisations: QuerySet[Organisation],
        providers: QuerySet[Organisation],
        slot_fixed: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self._field("person").queryset = people
        self._field("organisation").queryset = organisations
        if slot_fixed:
            for name in ("responsibility", "language", "provider"):
                del self.fields[name]
        else:
            self._field("provider").queryset = providers
            if not providers.exists():
                del self.fields["provider"]
        if not people.exists():
            # Nobody to choose from: the nominee is a new person.
            del self.fields["person"]
            nominee = self.fields["nominee"]
            assert isinstance(nominee, forms.ChoiceField)
            nominee.choices = [(NEW, _("A person not yet in the registry"))]
            self.initial.setdefault("nominee", NEW)

    def _field(self, name: str) -> forms.ModelChoiceField:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        return field

    @property
    def is_new_person(self) -> bool:
        return self.cleaned_data.get("nominee") == NEW

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("nominee") == EXISTING:
            if "person" in self.fields and not data.get("person") and "person" not in self.errors:
                self.add_error("person", _("Choose the person to name."))
        elif data.get("nominee") == NEW:
            needed = {
                "given_name": _("Enter the person's given name."),
                "family_name": _("Enter the person's family name."),
                "email": _("Enter the person's work e-mail address."),
                "organisation": _("Choose the organisation the person works for."),
            }
            for name, message in needed.items():
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, message)
        return data
