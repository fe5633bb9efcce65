"""Forms of the organiser tools: the event with its price groups and questions, cancelling,
duplicating, materials and the organiser's list filters.

The services hold the rules. These forms check what a single field or form can
see, so that the error sits next to its field, and ``add_service_errors`` puts
the services' errors on the fields they name.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseModelFormSet, modelformset_factory
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from vip.core.forms import Form, ModelForm
from vip.core.models import search_key
from vip.events import services
from vip.events.models import Event, EventSeries, PriceGroup, Question
from vip.events.selectors import organiser as selectors
from vip.events.services import editing as editing_services
from vip.network.forms.common import MARKDOWN_HINT
from vip.network.forms.common import _date_widget as date_widget
from vip.network.forms.people import (
    OrganisationPicker,
    organisation_choice_field,
    organisation_name_field,
)
from vip.network.models import LANGUAGE_CODES, Sector, Theme
from vip.network.selectors.people import organisation_matches
from vip.registry.models import Area, Organisation

LANGUAGE_CHOICES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
# Browsers send datetime-local as 2021-02-04T13:00; typed Finnish style is taken too.
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H.%M",
]
DATETIME_HINT = _("Finnish time. For example 4.2.2021 13:00.")


def validate_year(value: datetime.date | datetime.datetime) -> None:
    """Events are held in ``FIRST_YEAR``–``LAST_YEAR``; far-off dates are typing mistakes.

    A form's date-time is in the current time zone already, so its year is read
    as it is: converting a time at the ends of the calendar would overflow.
    """
    if not editing_services.in_year_range(value):
        raise ValidationError(editing_services.year_range_message(), code="year_range")


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={
                "class": "govuk-input--width-20",
                "min": f"{editing_services.FIRST_YEAR}-01-01T00:00",
                "max": f"{editing_services.LAST_YEAR}-12-31T23:59",
                **(attrs or {}),
            },
            format="%Y-%m-%dT%H:%M",
        )


def datetime_field(label: Any, *, required: bool, help_text: Any = DATETIME_HINT) -> Any:
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=DATETIME_INPUT_FORMATS,
        widget=DateTimeLocalInput(),
        validators=[validate_year],
        error_messages={"invalid": _("Enter a date and time, for example 4.2.2021 13:00.")},
    )


# --- The event ------------------------------------------------------------------------------


class GroupChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        where = obj.area.code if obj.area_id else _("national")
        return f"{obj.name} ({where})"


class NamedChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


def _organisation_label(organisation: Organisation) -> str:
    return organisation.name_fi


class EventForm(ModelForm):
    """Every field of an event. Price groups and questions are formsets beside it."""

    # The services name the organisation; here it is typed.
    service_error_aliases = {"organisation": "organisation_name"}

    new_series = forms.CharField(
        label=_("Or start a new series: its name in Finnish"),
        max_length=200,
        required=False,
        help_text=_("For example: Webinar series on activity-area teaching 2021."),
    )
    organisation_name = organisation_name_field(required=False)
    organisation = organisation_choice_field()
    partners = forms.CharField(
        label=_("Partner organisations"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One organisation a line, by its name in the registry."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages of the event"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose one or more of Finnish, Swedish and English.")},
    )
    starts_at = datetime_field(_("Starts"), required=True)
    ends_at = datetime_field(_("Ends"), required=True)
    registration_opens_at = datetime_field(
        _("Registration opens"),
        required=False,
        help_text=_("Finnish time. Leave empty to open registration when the event is published."),
    )
    registration_closes_at = datetime_field(
        _("Registration closes"),
        required=False,
        help_text=_("Finnish time. Leave empty to close registration when the event starts."),
    )
    cancellation_deadline = datetime_field(
        _("Cancellation deadline"),
        required=False,
        help_text=_(
            "Finnish time. Until when participants may cancel themselves. Leave empty for "
            "the start of the event."
        ),
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "series",
            "title_fi",
            "title_sv",
            "title_en",
            "description_fi",
            "description_sv",
            "description_en",
            "organising_group",
            "themes",
            "areas",
            "audience_sectors",
            "mode",
            "venue",
            "address",
            "join_url",
            "starts_at",
            "ends_at",
            "registration_opens_at",
            "registration_closes_at",
            "cancellation_deadline",
            "capacity",
            "waiting_list_capacity",
            "is_paid",
        ]
        field_classes = {
            "organising_group": GroupChoiceField,
            "themes": NamedChoiceField,
            "areas": NamedChoiceField,
            "audience_sectors": NamedChoiceField,
        }
        labels = {
            "organising_group": _("Organising group"),
            "themes": _("Themes"),
            "areas": _("Areas"),
            "audience_sectors": _("Audience"),
            "is_paid": _("Paid event: registrations are invoiced"),
            "waiting_list_capacity": _("Waiting-list places"),
        }
        help_texts = {
            "series": _("For example one part of a webinar series."),
            "title_fi": _("Always needed; the other languages fall back to it."),
            "description_fi": MARKDOWN_HINT,
            "description_sv": MARKDOWN_HINT,
            "description_en": MARKDOWN_HINT,
            "organising_group": _("Choose the group, the organising organisation or both."),
            "areas": _("Leave all unticked for a national event."),
            "audience_sectors": _("Whom the event is for."),
            "venue": _("For example Tampere Hall, Small auditorium."),
            "join_url": _(
                "For a remote or hybrid event. Only confirmed participants see the link."
            ),
            "capacity": _("Leave empty for no limit."),
            "waiting_list_capacity": _(
                "When the seats are taken, this many more can queue; the first is promoted "
                "when a seat frees up. 0 for no waiting list."
            ),
            "is_paid": _("A paid event needs at least one price group below."),
        }
        widgets = {
            "mode": forms.RadioSelect,
            "themes": forms.CheckboxSelectMultiple,
            "areas": forms.CheckboxSelectMultiple,
            "audience_sectors": forms.CheckboxSelectMultiple,
            "description_fi": forms.Textarea(attrs={"rows": 6}),
            "description_sv": forms.Textarea(attrs={"rows": 6}),
            "description_en": forms.Textarea(attrs={"rows": 6}),
            "capacity": forms.NumberInput(attrs={"class": "govuk-input--width-5", "min": 1}),
            "waiting_list_capacity": forms.NumberInput(
                attrs={"class": "govuk-input--width-5", "min": 0}
            ),
        }
        error_messages = {
            "title_fi": {"required": _("Enter the title in Finnish.")},
            "kind": {"required": _("Choose the kind of event.")},
        }

    def __init__(
        self, *args: Any, scope: selectors.OrganiserScope, user: Any, **kwargs: Any
    ) -> None:
        instance: Event | None = kwargs.get("instance")
        initial = kwargs.setdefault("initial", {})
        if instance is not None and instance.pk is not None:
            initial.setdefault("languages", instance.language_list)
            initial.setdefault(
                "organisation_name", instance.organisation.name_fi if instance.organisation else ""
            )
            initial.setdefault(
                "partners",
                "\n".join(
                    _organisation_label(o)
                    for o in instance.partner_organisations.order_by("name_fi", "id")
                ),
            )
        else:
            initial.setdefault("languages", ["fi"])
        super().__init__(*args, **kwargs)
        self.scope = scope
        self.fields["organisation_name"].label = _("Organising organisation")
        self.fields["organisation_name"].help_text = _(
            "Type the name or part of it. If several organisations match, you can choose one."
        )
        for name in ("title_sv", "title_en"):
            self.fields[name].required = False
        group = self._model_choice("organising_group")
        keep = instance.organising_group_id if instance is not None else None
        group.queryset = selectors.organisable_groups(scope, keep=keep)
        group.empty_label = _("No group")
        group.error_messages["invalid_choice"] = _(
            "Choose one of the groups you organise events for."
        )
        series = self._model_choice("series")
        # Another organiser's series is theirs: one event of someone else in it
        # would keep them from duplicating it.
        series.queryset = selectors.series_choices(
            user, keep=instance.series_id if instance is not None else None
        )
        series.empty_label = _("Not part of a series")
        series.error_messages["invalid_choice"] = _(
            "Choose one of the series whose events you organise, or start a new one."
        )
        self._model_choice("themes").queryset = Theme.objects.order_by("position", "code")
        self._model_choice("areas").queryset = Area.objects.order_by("code")
        self._model_choice("audience_sectors").queryset = Sector.objects.order_by(
            "position", "code"
        )
        mode = self.fields["mode"]
        assert isinstance(mode, forms.ChoiceField)
        mode.choices = list(Event.Mode.choices)  # no empty choice for radios
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [("", _("Choose the kind")), *Event.Kind.choices]
        self.organisation_picker = OrganisationPicker(self)

    def _model_choice(self, name: str) -> forms.ModelChoiceField:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        return field

    def _post_clean(self) -> None:
        # The model is validated by the service, whose errors land on the fields
        # through add_service_errors; validating it here as well would report
        # each problem twice and change the stored event's instance.
        pass

    def clean_languages(self) -> str:
        chosen = set(self.cleaned_data["languages"])
        return ",".join(code for code in LANGUAGE_CODES if code in chosen)

    def clean_partners(self) -> list[Organisation]:
        found: list[Organisation] = []
        problems: list[str] = []
        for line in self.cleaned_data["partners"].splitlines():
            text = line.strip()
            if not text:
                continue
            matches = organisation_matches(text)
            key = search_key(text)
            exact = [o for o in matches if key in {search_key(o.name_fi), search_key(o.name_sv)}]
            if len(exact) == 1:
                found.append(exact[0])
            elif len(matches) == 1:
                found.append(matches[0])
            elif not matches:
                problems.append(
                    str(
                        _("No organisation matches “%(text)s”. Check the spelling.")
                        % {"text": text}
                    )
                )
            else:
                problems.append(
                    str(
                        _("Several organisations match “%(text)s”: type the whole name.")
                        % {"text": text}
                    )
                )
        if problems:
            raise ValidationError(problems)
        return list({o.pk: o for o in found}.values())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["organisation"] = self.organisation_picker.clean(data, required=False)
        if data.get("series") is not None and data.get("new_series", "").strip():
            self.add_error("new_series", _("Choose a series or start a new one, not both."))
        self._check_times(data)
        areas = data.get("areas")
        if (
            "organising_group" not in self.errors
            and areas is not None
            and not self.scope.covers(data.get("organising_group"), list(areas))
        ):
            self.add_error(
                "organising_group",
                _(
                    "You can organise events only for the groups you chair or are secretary of "
                    "and for the areas you coordinate. Choose such a group or area."
                ),
            )
        return data

    def clean_capacity(self) -> int | None:
        capacity: int | None = self.cleaned_data.get("capacity")
        if capacity == 0:
            raise ValidationError(_("The capacity must be at least 1, or empty for no limit."))
        return capacity

    def _check_times(self, data: dict[str, Any]) -> None:
        starts, ends = data.get("starts_at"), data.get("ends_at")
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        deadline = data.get("cancellation_deadline")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The event cannot end before it starts."))
        if closes and ends and closes > ends:
            self.add_error(
                "registration_closes_at", _("Registration must close before the event ends.")
            )
        if opens and (closes or starts) and opens >= (closes or starts):
            self.add_error("registration_opens_at", _("Registration must open before it closes."))
        if deadline and starts and deadline > starts:
            self.add_error(
                "cancellation_deadline", _("The cancellation deadline cannot be after the start.")
            )

    def sections(self) -> list[tuple[Any, list[forms.BoundField]]]:
        """The fields under the page's headings, in order."""
        groups: list[tuple[Any, list[str]]] = [
            (_("The event"), ["kind", "series", "new_series"]),
            (
                _("Title and description"),
                [
                    "title_fi",
                    "title_sv",
                    "title_en",
                    "description_fi",
                    "description_sv",
                    "description_en",
                ],
            ),
            (
                _("Organisers"),
                ["organising_group", "organisation_name", "organisation", "partners"],
            ),
            (_("Topic and audience"), ["themes", "areas", "audience_sectors", "languages"]),
            (_("Place"), ["mode", "venue", "address", "join_url"]),
            (_("Time"), ["starts_at", "ends_at"]),
            (
                _("Registration"),
                [
                    "registration_opens_at",
                    "registration_closes_at",
                    "cancellation_deadline",
                    "capacity",
                    "waiting_list_capacity",
                ],
            ),
        ]
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in groups
        ]

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values = {name: data.get(name) for name in services.EVENT_FIELDS}
        for name in ("title_sv", "title_en", "venue", "address", "join_url"):
            values[name] = (values[name] or "").strip()
        values["title_fi"] = str(values["title_fi"]).strip()
        if values["waiting_list_capacity"] is None:
            values["waiting_list_capacity"] = 0
        values["partner_organisations"] = data.get("partners", [])
        for relation in ("themes", "areas", "audience_sectors"):
            values[relation] = list(data.get(relation) or [])
        values["new_series"] = data.get("new_series", "")
        return values


# --- Price groups and questions -------------------------------------------------------------


class RowForm(ModelForm):
    """A form of a formset.

    A new row counts as filled in only when something besides the fields with a
    preset value (``preset``) is given, so a blank row is ignored whatever those hold.
    """

    preset: tuple[str, ...] = ()

    def has_changed(self) -> bool:
        return any(name not in self.preset for name in self.changed_data)


class PriceGroupRowForm(RowForm):
    preset = ("vat_rate",)

    class Meta:
        model = PriceGroup
        fields = ["name_fi", "name_sv", "name_en", "price", "vat_rate"]
        localized_fields = ["price", "vat_rate"]
        labels = {
            "name_fi": _("Name in Finnish"),
            "name_sv": _("Name in Swedish"),
            "name_en": _("Name in English"),
            "price": _("Price (EUR, VAT included)"),
            "vat_rate": _("VAT rate (%)"),
        }
        help_texts = {
            "name_fi": _("For example “Member organisation” or “Other”."),
            "vat_rate": _("For example 25.5, or 0 when the price has no VAT."),
        }
        error_messages = {
            "name_fi": {"required": _("Enter the name of the price group in Finnish.")},
            "price": {"required": _("Enter the price.")},
            "vat_rate": {"required": _("Enter the VAT rate, 0 if none.")},
        }
        widgets = {
            "price": forms.TextInput(
                attrs={"class": "govuk-input--width-5", "inputmode": "decimal"}
            ),
            "vat_rate": forms.TextInput(
                attrs={"class": "govuk-input--width-4", "inputmode": "decimal"}
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("name_sv", "name_en"):
            self.fields[name].required = False


class QuestionRowForm(RowForm):
    preset = ("kind",)

    class Meta:
        model = Question
        fields = ["kind", "label_fi", "label_sv", "label_en", "choices", "required", "sensitive"]
        labels = {
            "kind": _("Kind of answer"),
            "label_fi": _("Question in Finnish"),
            "label_sv": _("Question in Swedish"),
            "label_en": _("Question in English"),
            "choices": _("Choices"),
            "required": _("An answer is required"),
            "sensitive": _("Sensitive: the answers are deleted after the event"),
        }
        help_texts = {
            "label_fi": _("For example “Dietary needs”."),
            "choices": _("For a choice question: one choice a line."),
            "sensitive": _("For example dietary needs or accessibility requirements."),
        }
        error_messages = {
            "label_fi": {"required": _("Enter the question in Finnish.")},
        }
        widgets = {"choices": forms.Textarea(attrs={"rows": 3})}


class RowFormSet(BaseModelFormSet):
    """Fixed blank rows are ignored; an existing row is removed with its tick box."""

    row_label: Any = _("Row")
    remove_label: Any = _("Remove")

    def add_fields(self, form: forms.ModelForm, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            field = form.fields["DELETE"]
            field.label = self.remove_label
            field.widget.attrs["class"] = "govuk-checkboxes__input"

    def clean(self) -> None:
        super().clean()
        for form in self.forms[: self.initial_form_count()]:
            # A row that names no row of this event: tampered, or removed meanwhile.
            if form.instance._state.adding:
                raise ValidationError(
                    _("The rows have changed since the page was loaded: reload the page."),
                    code="stale_row",
                )

    def rows(self) -> list[dict[str, Any]]:
        """The rows as the event services take them: kept ones with their id, new ones without."""
        rows = []
        for form in self.forms:
            if self.can_delete and form.cleaned_data.get("DELETE"):
                continue
            if form.instance.pk is None and not form.has_changed():
                continue
            row = {
                name: value
                for name, value in form.cleaned_data.items()
                if name not in {"id", "DELETE"}
            }
            for name, value in row.items():
                if isinstance(value, str):
                    row[name] = value.strip()
            if form.instance.pk is not None:
                row["id"] = form.instance.pk
            rows.append(row)
        return rows


class PriceGroupFormSet(RowFormSet):
    row_label = _("Price group")
    remove_label = _("Remove this price group")


class QuestionFormSet(RowFormSet):
    row_label = _("Question")
    remove_label = _("Remove this question")


PriceGroupRows = modelformset_factory(
    PriceGroup,
    form=PriceGroupRowForm,
    formset=PriceGroupFormSet,
    extra=2,
    can_delete=True,
    can_delete_extra=False,
    max_num=20,
    validate_max=True,
)
QuestionRows = modelformset_factory(
    Question,
    form=QuestionRowForm,
    formset=QuestionFormSet,
    extra=3,
    can_delete=True,
    can_delete_extra=False,
    max_num=30,
    validate_max=True,
)


def price_group_rows(data: Any, event: Event | None) -> Any:
    queryset = (
        PriceGroup.objects.filter(event=event).order_by("position", "id")
        if event is not None
        else PriceGroup.objects.none()
    )
    return PriceGroupRows(data, queryset=queryset, prefix="price")


def question_rows(data: Any, event: Event | None) -> Any:
    queryset = (
        Question.objects.filter(event=event).order_by("position", "id")
        if event is not None
        else Question.objects.none()
    )
    return QuestionRows(data, queryset=queryset, prefix="question")


# --- Cancelling and duplicating -------------------------------------------------------------


class CancelForm(Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent by e-mail to everyone registered, and shown on the event page."),
        error_messages={"required": _("Enter the reason for cancelling.")},
    )


class DuplicateForm(Form):
    starts_at = datetime_field(
        _("The copy starts"),
        required=True,
        help_text=_(
            "Finnish time. The end, the registration times and the cancellation deadline move "
            "by the same amount."
        ),
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"starts_at": event.starts_at})
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].error_messages["required"] = _(
            "Enter when the copy starts, for example 4.2.2026 13:00."
        )


_YEAR = re.compile(r"\b(19|20)\d{2}\b")


def suggested_series_name(name: str, year: int) -> str:
    """The name with its year replaced by ``year``, or ``year`` added."""
    matches = list(_YEAR.finditer(name))
    if matches:
        last = matches[-1]
        return f"{name[: last.start()]}{year}{name[last.end() :]}"
    return f"{name} {year}"


class SeriesDuplicateForm(Form):
    first_starts_on = forms.DateField(
        label=_("The first event of the copy is on"),
        widget=date_widget(),
        validators=[validate_year],
        error_messages={
            "required": _("Enter the date of the first event, for example 3.2.2026."),
            "invalid": _("Enter a date, for example 3.2.2026."),
        },
    )
    name_fi = forms.CharField(
        label=_("Name of the new series in Finnish"),
        max_length=200,
        error_messages={"required": _("Enter the name of the new series in Finnish.")},
    )
    name_sv = forms.CharField(
        label=_("Name of the new series in Swedish"), max_length=200, required=False
    )
    name_en = forms.CharField(
        label=_("Name of the new series in English"), max_length=200, required=False
    )

    def __init__(self, *args: Any, series: EventSeries, first: Event, **kwargs: Any) -> None:
        first_day = timezone.localtime(first.starts_at).date()
        year = first_day.year + 1
        kwargs.setdefault(
            "initial",
            {
                name: suggested_series_name(getattr(series, name), year)
                for name in ("name_fi", "name_sv", "name_en")
                if getattr(series, name)
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["first_starts_on"].help_text = _(
            "Now the first is on %(date)s. Every event moves by the same number of days and "
            "keeps its time of day. For example %(example)s."
        ) % {
            "date": date_format(first_day, "SHORT_DATE_FORMAT"),
            "example": date_format(first_day + datetime.timedelta(days=364), "SHORT_DATE_FORMAT"),
        }


# --- Materials ------------------------------------------------------------------------------

PUBLIC = "public"
PARTICIPANTS = "participants"


class MaterialForm(Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example: Slides of the opening talk."),
        error_messages={"required": _("Enter a title for the material.")},
    )
    url = forms.URLField(
        label=_("Link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("For example a recording. Give a link or a file, not both."),
        error_messages={"invalid": _("Enter a full web address, starting with https://.")},
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument text or an image."),
        error_messages={"empty": _("The file is empty.")},
    )
    audience = forms.ChoiceField(
        label=_("Who may see it"),
        choices=[
            (PUBLIC, _("Anyone: shown on the event page")),
            (PARTICIPANTS, _("Participants only: through their own registration link")),
        ],
        initial=PUBLIC,
        widget=forms.RadioSelect,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "url" in self.errors or "file" in self.errors:
            return data
        if data.get("url") and data.get("file"):
            self.add_error("url", _("Give either a link or a file, not both: clear one of them."))
        elif not data.get("url") and not data.get("file"):
            self.add_error("url", _("Enter a link or choose a file."))
        return data

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "url": data.get("url") or "",
            "upload": data.get("file") or None,
            "public": data["audience"] == PUBLIC,
        }


# --- The organiser's list -------------------------------------------------------------------


class OrganiserFilterForm(Form):
    mark_optional = False

    show = forms.ChoiceField(
        label=_("Show"),
        choices=[
            (selectors.UPCOMING, _("Upcoming: drafts and published")),
            (selectors.DRAFTS, _("Drafts")),
            (selectors.PAST, _("Past")),
            (selectors.CANCELLED, _("Cancelled")),
            (selectors.ALL, _("All")),
        ],
        required=False,
    )
    q = forms.CharField(label=_("Search by title"), max_length=100, required=False)

    def filters(self) -> selectors.OrganiserFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return selectors.OrganiserFilters(
            show=data.get("show") or selectors.UPCOMING, search=(data.get("q") or "").strip()
        )
