"""Forms of the organiser tools: participant filters, attendance, messages, invoicing."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vip.core.forms import Form
from vip.events.models import EventMessage, Registration
from vip.events.selectors import participants as selectors
from vip.network.models import Sector
from vip.registry.forms import area_filter_field, municipality_choices
from vip.registry.models import Municipality

ATTENDANCE_CHOICES = [
    (selectors.PRESENT, _("Present")),
    (selectors.ABSENT, _("Absent")),
    (selectors.UNMARKED, _("Not marked")),
]
ATTENDANCE_VALUE = {selectors.PRESENT: True, selectors.ABSENT: False, selectors.UNMARKED: None}


class ParticipantFilterForm(Form):
    mark_optional = False
    # The keys a redirect back to the list keeps, so that a row action does not
    # lose the organiser's filters.
    query_keys = ("q", "status", "attendance", "area", "municipality", "sector", "page")

    q = forms.CharField(label=_("Name, e-mail or organisation"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *Registration.Status.choices],
        required=False,
    )
    attendance = forms.ChoiceField(
        label=_("Attendance"),
        choices=[("", _("Any attendance")), *ATTENDANCE_CHOICES],
        required=False,
    )
    area = area_filter_field()
    municipality = forms.ChoiceField(
        label=_("Municipality"),
        choices=lambda: [("", _("All municipalities")), *municipality_choices()],
        required=False,
    )
    sector = forms.ModelChoiceField(
        label=_("Sector or role"),
        queryset=Sector.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All sectors"),
    )

    def filters(self) -> selectors.ParticipantFilters:
        # Invalid filters show their errors and the list then shows everyone; an
        # export refuses them instead (see error_text).
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        code = data.get("municipality") or ""
        return selectors.ParticipantFilters(
            search=data.get("q", ""),
            status=data.get("status", ""),
            attendance=data.get("attendance", ""),
            area=data.get("area"),
            municipality=Municipality.objects.filter(code=code).first() if code else None,
            sector=data.get("sector"),
        )


def error_text(form: forms.Form) -> str:
    """A bound form's errors as plain text, one line each: "Status: Select a valid …"."""
    lines: list[str] = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = str(field.label) if field is not None and field.label else ""
        lines.extend(f"{label}: {error}" if label else str(error) for error in errors)
    return "\n".join(lines) + "\n"


def kept_query(data: QueryDict, keys: tuple[str, ...]) -> str:
    """``keys`` of a submitted form as a query string, for the address to return to."""
    pairs = [(key, value) for key in keys for value in data.getlist(key) if value]
    return urlencode(pairs)


class AttendanceSearchForm(Form):
    mark_optional = False
    query_keys = ("q", "page")

    q = forms.CharField(label=_("Find a participant"), required=False, max_length=100)

    def search(self) -> str:
        return str(self.cleaned_data.get("q", "")) if self.is_bound and self.is_valid() else ""


class AttendanceMarkForm(Form):
    attended = forms.ChoiceField(
        label=_("Attendance"),
        choices=ATTENDANCE_CHOICES,
        error_messages={
            "required": _("Choose present, absent or not marked."),
            "invalid_choice": _("Choose present, absent or not marked."),
        },
    )

    def value(self) -> bool | None:
        return ATTENDANCE_VALUE[self.cleaned_data["attended"]]


class MessageForm(Form):
    audience = forms.ChoiceField(
        label=_("Send to"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose who gets the message."),
            "invalid_choice": _("Choose who gets the message."),
        },
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=200,
        error_messages={"required": _("Enter the subject of the message.")},
    )
    body = forms.CharField(
        label=_("Message"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Plain text. Each recipient's mail ends with the event's details and their "
            "personal link to the registration."
        ),
        error_messages={"required": _("Write the message.")},
    )

    def __init__(self, *args: Any, counts: dict[str, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["audience"]
        assert isinstance(field, forms.ChoiceField)
        # The count next to each choice previews the reach before anything is sent.
        field.choices = [
            (
                value,
                gettext("%(audience)s (%(count)d)")
                % {"audience": label, "count": counts.get(value, 0)},
            )
            for value, label in EventMessage.Audience.choices
        ]


CONFIRMED = "confirmed"
ATTENDED = "attended"


class InvoicingFilterForm(Form):
    mark_optional = False

    who = forms.ChoiceField(
        label=_("Who is invoiced"),
        choices=[
            (CONFIRMED, _("All confirmed participants")),
            (ATTENDED, _("Only those marked present")),
        ],
        required=False,
    )

    def attended_only(self) -> bool:
        return self.is_bound and self.is_valid() and self.cleaned_data.get("who") == ATTENDED
