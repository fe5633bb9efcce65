"""The feedback form an attendee reaches through their personal link."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vip.core.forms import Form
from vip.events.models import Feedback

YES, NO, DONT_KNOW = "yes", "no", "dont_know"
_RECOMMEND_VALUES: dict[str, bool | None] = {YES: True, NO: False, DONT_KNOW: None}


def _scale(lowest: Any, highest: Any) -> list[tuple[str, Any]]:
    # Whole labels, lazily translated: a formatted lazy string would freeze the
    # language that was active when the module was imported.
    return [("1", lowest), ("2", "2"), ("3", "3"), ("4", "4"), ("5", highest)]


class FeedbackForm(Form):
    overall = forms.TypedChoiceField(
        label=_("Overall, how would you rate the event?"),
        choices=_scale(_("1 – poor"), _("5 – excellent")),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose an overall rating from 1 to 5."),
            "invalid_choice": _("Choose an overall rating from 1 to 5."),
        },
    )
    usefulness = forms.TypedChoiceField(
        label=_("How useful was the event for your work?"),
        choices=_scale(_("1 – not useful"), _("5 – very useful")),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how useful the event was, from 1 to 5."),
            "invalid_choice": _("Choose how useful the event was, from 1 to 5."),
        },
    )
    would_recommend = forms.ChoiceField(
        label=_("Would you recommend the event to a colleague?"),
        choices=[(YES, _("Yes")), (NO, _("No")), (DONT_KNOW, _("I don't know"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Answer yes, no or I don't know."),
            "invalid_choice": _("Answer yes, no or I don't know."),
        },
    )
    comment = forms.CharField(
        label=_("What else would you like to tell the organisers?"),
        help_text=_(
            "For example what worked and what could be better. Please do not write names "
            "or anything that would identify you or others."
        ),
        required=False,
        max_length=Feedback._meta.get_field("comment").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": _("Keep the comments under %(limit_value)d characters."),
        },
    )

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "overall": data["overall"],
            "usefulness": data["usefulness"],
            "would_recommend": _RECOMMEND_VALUES[data["would_recommend"]],
            "comment": data.get("comment", ""),
        }
