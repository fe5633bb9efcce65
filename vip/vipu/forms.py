"""Forms of the VIPU pages: campaigns, nominations, and the coverage and export filters."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from vip.core.forms import Form
from vip.network.models import Person, phone_validator
from vip.registry.models import Area, Municipality, Organisation
from vip.vipu.models import Nomination
from vip.vipu.selectors import has_nominees, nominee_matches

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


def person_label(person: Person) -> str:
    return f"{person.full_name} ({person.email})" if person.email else person.full_name


class ProviderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        organisation: Organisation = obj
        return f"{organisation.name} ({organisation.kind_label})"


EXISTING = "existing"
NEW = "new"
NEW_PERSON_FIELDS = ("given_name", "family_name", "email", "phone", "title", "organisation")
#: How many people matching the typed name are offered to choose from.
PERSON_CHOICE_LIMIT = 10


class NominationForm(Form):
    """Who is named, for which task and language; the nominee is found or added anew.

    A registered nominee is found by typing their name or e-mail address, not
    chosen from a list: a large municipality employs thousands. One match is
    taken; several are offered as radio buttons on the next round; none is an
    error. This needs no JavaScript. With ``slot_fixed`` (replacing a contact)
    only the nominee is asked for. ``provider_required`` is for a provider's own
    administrator, who names the provider's contacts only.

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
    person_query = forms.CharField(
        label=_("Name or e-mail address"),
        max_length=200,
        required=False,
        help_text=_(
            "Type the person's name, part of it or their work e-mail address. "
            "If several people match, you can choose one."
        ),
    )
    # A plain text field under radio buttons: the choices are the matches of the
    # typed text, and a stale choice is simply ignored, not an error.
    person = forms.CharField(label=_("Choose the person"), required=False, widget=forms.RadioSelect)
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
        employers: Q,
        organisations: QuerySet[Organisation],
        providers: QuerySet[Organisation],
        slot_fixed: bool = False,
        provider_required: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.employers = employers
        self._field("organisation").queryset = organisations
        if slot_fixed:
            for name in ("responsibility", "language", "provider"):
                del self.fields[name]
        else:
            provider = self._field("provider")
            provider.queryset = providers
            if provider_required:
                provider.required = True
                provider.empty_label = None
                provider.help_text = ""
            elif not providers.exists():
                del self.fields["provider"]
        self.person_text = ""
        self.matches: list[Person] = []
        self.too_many = False
        if not has_nominees(employers):
            # Nobody to find: the nominee is a new person.
            del self.fields["person_query"]
            nominee = self.fields["nominee"]
            assert isinstance(nominee, forms.ChoiceField)
            nominee.choices = [(NEW, _("A person not yet in the registry"))]
            self.initial.setdefault("nominee", NEW)
        elif self.is_bound and self.data.get(self.add_prefix("nominee")) == EXISTING:
            self.person_text = str(self.data.get(self.add_prefix("person_query"), "")).strip()
            found = nominee_matches(self.person_text, employers, PERSON_CHOICE_LIMIT)
            self.too_many = len(found) > PERSON_CHOICE_LIMIT
            self.matches = found[:PERSON_CHOICE_LIMIT]
        if len(self.matches) > 1:
            widget = self.fields["person"].widget
            assert isinstance(widget, forms.RadioSelect)
            widget.choices = [(str(p.pk), person_label(p)) for p in self.matches]
        else:
            # Nothing to choose between: leave the radio buttons out of the page.
            del self.fields["person"]

    def _field(self, name: str) -> forms.ModelChoiceField:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        return field

    @property
    def is_new_person(self) -> bool:
        return self.cleaned_data.get("nominee") == NEW

    def _chosen_person(self, data: dict[str, Any]) -> Person | None:
        """The registered person the typed text (and a chosen radio button) points at."""
        text = self.person_text
        if not text:
            if "person_query" not in self.errors:
                self.add_error("person_query", _("Enter the name or e-mail address of the person."))
            return None
        by_pk = {str(p.pk): p for p in self.matches}
        chosen = data.get("person")
        if chosen and chosen in by_pk:
            return by_pk[chosen]
        if not self.matches:
            self.add_error(
                "person_query",
                _(
                    "No one who can be named here matches “%(text)s”. Check the spelling, "
                    "or add them as a person not yet in the registry."
                )
                % {"text": text},
            )
        elif len(self.matches) == 1:
            return self.matches[0]
        elif self.too_many:
            self.add_error(
                "person",
                _(
                    "More than %(count)s people match “%(text)s”: choose one below "
                    "or type more of the name."
                )
                % {"count": PERSON_CHOICE_LIMIT, "text": text},
            )
        else:
            self.add_error(
                "person", _("Several people match “%(text)s”: choose one.") % {"text": text}
            )
        return None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("nominee") == EXISTING:
            data["person"] = self._chosen_person(data)
        elif data.get("nominee") == NEW:
            data["person"] = None
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
