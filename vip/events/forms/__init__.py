"""Forms of the public event pages: the calendar's filters and registration.

The registration service holds the rules; the form checks what a single field
can see and ``add_service_errors`` puts the service's errors on the fields they
name (``answers.<id>`` on the question's field).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from vip.core.forms import Form
from vip.events import selectors, services
from vip.events.models import Event, PriceGroup, Question, Registration
from vip.network.forms.common import _date_widget as date_widget
from vip.network.models import Sector, Theme
from vip.registry.forms import municipality_choices
from vip.registry.models import Area, Municipality

NATIONAL = "national"
ALL = "all"


class EventFilterForm(Form):
    mark_optional = False

    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *Event.Kind.choices], required=False
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.order_by("position", "code"),
        to_field_name="code",
        required=False,
        empty_label=_("All themes"),
    )
    area = forms.ChoiceField(label=_("Area"), required=False)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("All languages")), *Registration.Language.choices],
        required=False,
    )
    mode = forms.ChoiceField(
        label=_("Mode"), choices=[("", _("On site or remote")), *Event.Mode.choices], required=False
    )
    starts_from = forms.DateField(
        label=_("From"), required=False, widget=date_widget(), help_text=_("For example 1.9.2025")
    )
    starts_until = forms.DateField(
        label=_("Until"),
        required=False,
        widget=date_widget(),
        help_text=_("For example 31.12.2025"),
    )
    when = forms.ChoiceField(
        label=_("Show"),
        choices=[
            (selectors.UPCOMING, _("Upcoming events")),
            (selectors.PAST, _("Past events")),
            (ALL, _("All events")),
        ],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.areas = {area.code: area for area in Area.objects.order_by("code")}
        field = self.fields["area"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            ("", _("All areas")),
            (NATIONAL, _("National events")),
            *((code, str(area)) for code, area in self.areas.items()),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("starts_from"), data.get("starts_until")
        if start and end and end < start:
            self.add_error("starts_until", _("The end of the date range is before its start."))
        return data

    def filters(self) -> selectors.EventFilters:
        # Invalid filters show their errors; the list falls back to the upcoming events.
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        code = data.get("area") or ""
        when = data.get("when") or selectors.UPCOMING
        return selectors.EventFilters(
            kind=data.get("kind", ""),
            theme=data.get("theme"),
            area=self.areas.get(code) if code != NATIONAL else None,
            national=code == NATIONAL,
            language=data.get("language", ""),
            mode=data.get("mode", ""),
            starts_from=data.get("starts_from"),
            starts_until=data.get("starts_until"),
            when="" if when == ALL else when,
        )


class PriceGroupField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(
            _("%(name)s: %(price)s € (VAT %(vat)s %% included)")
            % {"name": obj.name, "price": obj.price, "vat": obj.vat_rate}
        )


def question_field_name(question: Question) -> str:
    return f"question_{question.pk}"


class RegistrationForm(Form):
    given_name = forms.CharField(
        label=_("Given name"),
        max_length=100,
        error_messages={"required": _("Enter your given name.")},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    family_name = forms.CharField(
        label=_("Family name"),
        max_length=100,
        error_messages={"required": _("Enter your family name.")},
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter a valid e-mail address."),
        },
        help_text=_("The confirmation and a link to view or cancel the registration go here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    organisation_text = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    sector = forms.ModelChoiceField(
        label=_("Sector or role"),
        queryset=Sector.objects.order_by("position", "code"),
        to_field_name="code",
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Language of the e-mails"), choices=Registration.Language.choices
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        municipality = self.fields["municipality"]
        assert isinstance(municipality, forms.ChoiceField)
        municipality.choices = [("", _("Choose a municipality")), *municipality_choices()]
        language = (get_language() or "fi")[:2]
        if language in Registration.Language.values:
            self.fields["language"].initial = language
        if event.is_paid:
            self.fields["price_group"] = PriceGroupField(
                label=_("Price group"),
                queryset=PriceGroup.objects.filter(event=event).order_by("position", "id"),
                widget=forms.RadioSelect,
                empty_label=None,
                error_messages={"required": _("Choose a price group.")},
            )
            self.fields["billing_organisation"] = forms.CharField(
                label=_("Organisation to invoice"),
                max_length=200,
                error_messages={"required": _("Enter the organisation to invoice.")},
            )
            self.fields["billing_reference"] = forms.CharField(
                label=_("Billing reference"), max_length=100, required=False
            )
            self.fields["billing_address"] = forms.CharField(
                label=_("Billing address"),
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("E-invoice address or postal address."),
                error_messages={"required": _("Enter the billing address.")},
            )
        for question in event.questions.all():
            self.fields[question_field_name(question)] = _question_field(question)
        self.fields["consent"] = forms.BooleanField(
            label=_("I have read the privacy notice and accept that my data is processed"),
            help_text=format_html(
                '<a class="govuk-link" href="{}">{}</a>',
                reverse("core:privacy"),
                _("Read the privacy notice"),
            ),
            error_messages={"required": _("Accept the privacy notice to register.")},
        )

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        code = data.get("municipality") or ""
        values: dict[str, Any] = {
            "given_name": data["given_name"],
            "family_name": data["family_name"],
            "email": data["email"],
            "consent": data["consent"],
            "organisation_text": data.get("organisation_text", ""),
            "municipality": Municipality.objects.filter(code=code).first() if code else None,
            "sector": data.get("sector"),
            "language": data["language"],
            "answers": {
                question.pk: data.get(question_field_name(question)) or ""
                for question in self.event.questions.all()
            },
        }
        if self.event.is_paid:
            values.update(
                price_group=data.get("price_group"),
                billing_organisation=data.get("billing_organisation", ""),
                billing_reference=data.get("billing_reference", ""),
                billing_address=data.get("billing_address", ""),
            )
        return values

    def add_service_errors(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, messages in error.message_dict.items():
            field = f"question_{name.split('.', 1)[1]}" if name.startswith("answers.") else name
            target = field if field in self.fields and field != NON_FIELD_ERRORS else None
            for message in messages:
                self.add_error(target, message)


def _question_field(question: Question) -> forms.Field:
    required = {"required": _("Answer the question “%(label)s”.") % {"label": question.label}}
    if question.kind == Question.Kind.CHOICE:
        return forms.ChoiceField(
            label=question.label,
            choices=[(choice, choice) for choice in question.choice_list],
            widget=forms.RadioSelect,
            required=question.required,
            error_messages=required,
        )
    if question.kind == Question.Kind.YES_NO:
        return forms.ChoiceField(
            label=question.label,
            choices=[(services.YES, _("Yes")), (services.NO, _("No"))],
            widget=forms.RadioSelect,
            required=question.required,
            error_messages=required,
        )
    return forms.CharField(
        label=question.label,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=question.required,
        error_messages=required,
    )
