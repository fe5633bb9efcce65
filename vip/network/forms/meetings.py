"""Forms for meetings, their attendance and attachments, and decisions."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from vip.core.forms import Form, ModelForm
from vip.network.forms.common import MARKDOWN_HINT, _date_widget
from vip.network.models import Decision, Group, Meeting, Membership, Person
from vip.network.selectors import meetings as selectors
from vip.network.services import MEETING_FIELDS
from vip.registry.forms import area_filter_field

ATTENDANCE_ERROR = _(
    "Attendance can be marked only for the group's members and deputies serving on the "
    "meeting date."
)


class MembershipChoiceField(forms.ModelMultipleChoiceField):
    default_error_messages = {
        "invalid_choice": ATTENDANCE_ERROR,
        "invalid_pk_value": ATTENDANCE_ERROR,
    }

    def label_from_instance(self, obj: Any) -> str:
        label = f"{obj.person.full_name}, {obj.role_label}"
        if obj.principal_id is not None:
            label += " " + str(
                _("(deputy for %(name)s)") % {"name": obj.principal.person.full_name}
            )
        return label


class MeetingForm(ModelForm):
    """A meeting and who attended it.

    The attendance list holds the group's members and deputies serving on the
    meeting date (the submitted one when there is one): ticked means present,
    unticked absent. With nobody ticked no attendance is recorded, as for a
    meeting that has not yet been held. Editing other fields leaves the stored
    attendance as it is (also one where everybody was absent): it is rewritten
    only when the ticks or the date change.
    """

    attendance = MembershipChoiceField(
        label=_("Present"),
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Tick those present; the others serving on the meeting date are recorded as absent. "
            "Leave all unticked if attendance is not yet known. If you change the date, the list "
            "is checked against the new date."
        ),
    )

    class Meta:
        model = Meeting
        fields = list(MEETING_FIELDS)
        widgets = {
            "date": _date_widget(),
            "start_time": forms.TimeInput(
                attrs={"class": "govuk-input--width-5", "autocomplete": "off"}, format="%H:%M"
            ),
            "mode": forms.RadioSelect,
            "agenda": forms.Textarea(attrs={"rows": 8}),
            "minutes": forms.Textarea(attrs={"rows": 12}),
        }
        help_texts = {
            "date": _("For example 6.4.2021"),
            "start_time": _("For example 13:00"),
            "place": _("The address or room; for a remote meeting, e.g. Teams."),
            "agenda": MARKDOWN_HINT,
            "minutes": MARKDOWN_HINT,
            "minutes_public": _("Tick once the minutes have been approved."),
        }

    def __init__(self, *args: Any, group: Group, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.group = group
        field = self.fields["attendance"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        self.attendance_date = self._attendance_date()
        field.queryset = selectors.memberships_on(group, self.attendance_date)
        field.label = self.attendance_caption()
        self.has_attendance = field.queryset.exists()
        if not self.has_attendance:
            field.widget = forms.MultipleHiddenInput()
        mode = self.fields["mode"]
        assert isinstance(mode, forms.ChoiceField)
        mode.choices = list(Meeting.Mode.choices)  # no empty choice for radios
        if self.instance.pk:
            # Also when bound: changed_data compares the ticks with the stored ones.
            self.initial["attendance"] = selectors.present_membership_ids(self.instance)

    def _attendance_date(self) -> datetime.date:
        if self.is_bound:
            try:
                day = self.fields["date"].clean(self.data.get(self.add_prefix("date")))
            except forms.ValidationError:
                day = None
            if isinstance(day, datetime.date):
                return day
        if self.instance.pk:
            return self.instance.date
        return timezone.localdate()

    def attendance_caption(self) -> str:
        return str(
            _("Present: members and deputies serving on %(date)s")
            % {"date": date_format(self.attendance_date, "SHORT_DATE_FORMAT")}
        )

    def service_values(self) -> dict[str, Any]:
        """The meeting fields and the attendance, as meeting_save takes them.

        The attendance is None (left as stored) unless the ticks or the date changed.
        """
        values = {name: self.cleaned_data[name] for name in MEETING_FIELDS}
        if self.instance.pk and not {"attendance", "date"} & set(self.changed_data):
            values["present"] = None
            values["absent"] = None
            return values
        present = {membership.pk for membership in self.cleaned_data["attendance"]}
        if present:
            everyone = {membership.pk for membership in self.fields["attendance"].queryset}  # type: ignore[attr-defined]
            values["present"] = sorted(present)
            values["absent"] = sorted(everyone - present)
        else:
            values["present"] = []
            values["absent"] = []
        return values


class AttachmentForm(Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument text or an image."),
        error_messages={
            "required": _("Choose a file to upload."),
            "empty": _("The file is empty."),
        },
    )
    public = forms.BooleanField(label=_("Public: anyone may download it"), required=False)


class ResponsibleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name)


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return date_format(obj.date, "SHORT_DATE_FORMAT")


class DecisionForm(ModelForm):
    meeting = MeetingChoiceField(
        label=_("Meeting"),
        queryset=Meeting.objects.none(),
        required=False,
        help_text=_("The meeting where the decision was made, if any."),
    )
    responsible = ResponsibleChoiceField(
        label=_("Responsible person"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("A member of the group, now or earlier."),
    )

    class Meta:
        model = Decision
        fields = ["number", "meeting", "date", "text", "responsible", "due_date", "status"]
        widgets = {
            "date": _date_widget(),
            "due_date": _date_widget(),
            "text": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "number": _("For example 12/2021. Unique within the group."),
            "date": _("For example 6.4.2021. Leave empty to use the date of the meeting."),
            "text": MARKDOWN_HINT,
            "due_date": _("When the decision should have been carried out."),
        }

    def __init__(self, *args: Any, group: Group, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.group = group
        meeting = self.fields["meeting"]
        assert isinstance(meeting, forms.ModelChoiceField)
        meeting.queryset = selectors.group_meeting_choices(group)
        # Left empty, the date is the meeting's.
        self.fields["date"].required = False
        responsible = self.fields["responsible"]
        assert isinstance(responsible, forms.ModelChoiceField)
        responsible.queryset = responsible_choices(group, self.instance.responsible_id)

    def clean_number(self) -> str:
        number = self.cleaned_data["number"].strip()
        duplicate = Decision.objects.filter(group=self.group, number=number)
        if self.instance.pk:
            duplicate = duplicate.exclude(pk=self.instance.pk)
        if duplicate.exists():
            raise forms.ValidationError(
                _("The group already has a decision with this number."), code="unique"
            )
        return number

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        meeting = data.get("meeting")
        if data.get("date") is None and "date" not in self.errors:
            if meeting is not None:
                data["date"] = meeting.date
            else:
                self.add_error("date", _("Enter the date of the decision."))
        due = data.get("due_date")
        if due is not None and data.get("date") is not None and due < data["date"]:
            self.add_error("due_date", _("The due date cannot be before the decision date."))
        return data


def responsible_choices(group: Group, keep: int | None = None) -> QuerySet[Person]:
    """People who have served in the group, and the one already chosen."""
    condition = Q(memberships__group=group)
    if keep is not None:
        condition |= Q(pk=keep)
    return Person.objects.filter(condition).distinct().order_by("family_name", "given_name", "id")


class DecisionFilterForm(Form):
    mark_optional = False

    q = forms.CharField(
        label=_("Search the decisions"),
        required=False,
        max_length=100,
        help_text=_(
            "Words from the number, the text, the group's name or the responsible person's "
            "name, in any order."
        ),
    )
    group = forms.ModelChoiceField(
        label=_("Group"),
        queryset=Group.objects.order_by("kind", "name_fi", "id"),
        required=False,
        empty_label=_("All groups"),
    )
    kind = forms.ChoiceField(
        label=_("Kind of group"),
        choices=[("", _("All kinds")), *Group.Kind.choices],
        required=False,
    )
    area = area_filter_field()
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *Decision.Status.choices], required=False
    )
    date_from = forms.DateField(
        label=_("Decided on or after"),
        required=False,
        widget=_date_widget(),
        help_text=_("For example 1.4.2021"),
    )
    date_to = forms.DateField(
        label=_("Decided on or before"),
        required=False,
        widget=_date_widget(),
        help_text=_("For example 30.4.2021"),
    )
    overdue = forms.BooleanField(label=_("Only overdue: due date passed, not done"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start is not None and end is not None and end < start:
            self.add_error("date_to", _("The end of the range cannot be before its start."))
        return data

    def filters(self) -> selectors.DecisionFilters:
        # An invalid field is ignored; the others still filter.
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return selectors.DecisionFilters(
            search=data.get("q", ""),
            group=data.get("group"),
            kind=data.get("kind", ""),
            area=data.get("area"),
            status=data.get("status", ""),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            overdue_on=timezone.localdate() if data.get("overdue") else None,
        )
