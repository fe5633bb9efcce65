"""Forms of the public event pages: the calendar's filters and registration.

The registration service holds the rules; the form checks what a single field
can see and ``add_service_errors`` puts the service's errors on the fields they
name (``answers.<id>`` on the question's field).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from vip.core.forms import Form
from vip.events import selectors, services
from vip.events.models import Event, PriceGroup, Question, Registration
from vip.events.selectors import registration as registration_selectors
from vip.network.forms.common import _date_widget as date_widget
from vip.network.models import Sector, Theme
from vip.network.selectors.people import ORGANISATION_CHOICE_LIMIT
from vip.registry.forms import municipality_choices, organisation_label
from vip.registry.models import Area, Municipality, Organisation

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

    def feed_query(self) -> str:
        """The query string of the iCalendar feed holding exactly the events listed.

        Written from ``filters()``, not copied from the request: dates typed as
        1.9.2025 go as ISO dates, and invalid filters give the list's fallback.
        """
        filters = self.filters()
        area = NATIONAL if filters.national else (filters.area.code if filters.area else "")
        params = {
            "kind": filters.kind,
            "theme": filters.theme.code if filters.theme else "",
            "area": area,
            "language": filters.language,
            "mode": filters.mode,
            "starts_from": filters.starts_from.isoformat() if filters.starts_from else "",
            "starts_until": filters.starts_until.isoformat() if filters.starts_until else "",
            # Always named: without it the feed would reach 180 days back instead.
            "when": filters.when or ALL,
        }
        return urlencode({name: value for name, value in params.items() if value})


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
    # The organisation is typed; matches in the registry are offered as radio buttons
    # on the redisplayed form (see RegistrationOrganisationPicker).
    organisation_text = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        help_text=_(
            "Type the name, part of it or the school code. If your organisation is in "
            "our registry, you can choose it; otherwise the name is kept as you typed it."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    organisation = forms.CharField(
        label=_("Choose your organisation"), required=False, widget=forms.RadioSelect
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
        # Reads the posted name and municipality; removes the radio buttons when not needed.
        self.organisation_picker = RegistrationOrganisationPicker(self)
        self.fields["consent"] = forms.BooleanField(
            label=_("I have read the privacy notice and accept that my data is processed"),
            help_text=format_html(
                '<a class="govuk-link" href="{}">{}</a>',
                reverse("core:privacy"),
                _("Read the privacy notice"),
            ),
            error_messages={"required": _("Accept the privacy notice to register.")},
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["organisation"], data["organisation_text"] = self.organisation_picker.clean()
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        code = data.get("municipality") or ""
        values: dict[str, Any] = {
            "given_name": data["given_name"],
            "family_name": data["family_name"],
            "email": data["email"],
            "consent": data["consent"],
            "organisation": data.get("organisation"),
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
            if field == "organisation" and field not in self.fields:
                field = "organisation_text"
            target = field if field in self.fields and field != NON_FIELD_ERRORS else None
            for message in messages:
                self.add_error(target, message)
        self.mark_errors()


# --- Choosing the organisation -----------------------------------------------------------------
#
# The registry holds thousands of organisations, too many for one select. As on the
# network forms, the registrant types a name: a whole name (or school code) that one
# active organisation has is taken at once; otherwise the matches are offered as radio
# buttons on the redisplayed form, with keeping the typed name as the last choice. No
# match at all keeps the typed name. This works the same with and without JavaScript.

KEEP_TYPED = "typed"


class RegistrationOrganisationPicker:
    """Resolves the typed ``organisation_text`` and the chosen ``organisation`` radio."""

    def __init__(self, form: RegistrationForm) -> None:
        self.form = form
        data = form.data if form.is_bound else {}
        self.text = str(data.get(form.add_prefix("organisation_text"), "") or "").strip()
        self.chosen = str(data.get(form.add_prefix("organisation"), "") or "").strip()
        municipality = str(data.get(form.add_prefix("municipality"), "") or "")
        found = (
            registration_selectors.registration_organisation_matches(
                self.text, municipality_code=municipality
            )
            if self.text
            else []
        )
        limit = ORGANISATION_CHOICE_LIMIT
        self.too_many = len(found) > limit
        self.matches = found[:limit]
        exact = [o for o in self.matches if registration_selectors.is_exact_match(o, self.text)]
        # Of several schools of the same name, the one in the chosen municipality.
        here = [o for o in exact if o.municipality and o.municipality.code == municipality]
        self.taken = exact[0] if len(exact) == 1 else here[0] if len(here) == 1 else None
        if self.matches and self.taken is None:
            widget = form.fields["organisation"].widget
            assert isinstance(widget, forms.RadioSelect)
            widget.choices = [
                *((str(o.pk), organisation_label(o)) for o in self.matches),
                (
                    KEEP_TYPED,
                    _("None of these: keep “%(text)s” as I typed it") % {"text": self.text},
                ),
            ]
        else:
            # Nothing to choose between: leave the radio buttons out of the page.
            del form.fields["organisation"]

    @property
    def _error_field(self) -> str:
        return "organisation" if "organisation" in self.form.fields else "organisation_text"

    def clean(self) -> tuple[Organisation | None, str]:
        """The organisation of the registry and the typed name to store; one of them empty."""
        form = self.form
        if self.chosen == KEEP_TYPED:
            return None, self.text
        if self.chosen:
            offered = {str(o.pk): o for o in self.matches}
            if self.chosen in offered:
                return offered[self.chosen], ""
            organisation = registration_selectors.active_organisation(self.chosen)
            if organisation is None:
                form.add_error(
                    self._error_field,
                    _(
                        "The organisation chosen is not in the registry or is no longer "
                        "active. Choose another one or type the name of your organisation."
                    ),
                )
                return None, self.text
            if not self.text:
                # With no name typed, the id alone names the organisation.
                return organisation, ""
            form.add_error(
                self._error_field,
                _(
                    "The organisation chosen does not match “%(text)s”: choose again from "
                    "the organisations that do."
                )
                % {"text": self.text},
            )
            return None, self.text
        if not self.text:
            return None, ""
        if self.taken is not None:
            return self.taken, ""
        if not self.matches:
            return None, self.text
        if self.too_many:
            message = _(
                "More than %(count)s organisations in our registry match “%(text)s”: choose "
                "yours below, type more of the name, or keep the name as you typed it."
            ) % {"count": ORGANISATION_CHOICE_LIMIT, "text": self.text}
        elif len(self.matches) == 1:
            message = _(
                "An organisation in our registry matches “%(text)s”: choose it if it is "
                "yours, or keep the name as you typed it."
            ) % {"text": self.text}
        else:
            message = _(
                "Several organisations in our registry match “%(text)s”: choose yours, or "
                "keep the name as you typed it."
            ) % {"text": self.text}
        form.add_error("organisation", message)
        return None, self.text


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
