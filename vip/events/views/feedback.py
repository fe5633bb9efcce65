"""The feedback form behind the personal link mailed to attendees after an event.

No account is needed: the signed link is the permission. The answer is stored
without a link to the registration (see vip/events/services/feedback.py).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from vip.events import presenters
from vip.events.forms.feedback import FeedbackForm
from vip.events.models import FEEDBACK_MIN_ANSWERS
from vip.events.services import feedback as feedback_services


def _crumbs() -> list[tuple[str, str | None]]:
    return [(_("Events"), reverse("events:event_list")), (_("Feedback"), None)]


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def feedback_form(request: HttpRequest, token: str) -> HttpResponse:
    try:
        registration = feedback_services.registration_from_feedback_token(token)
    except feedback_services.FeedbackLinkError as error:
        return render(
            request,
            "events/feedback/feedback_link_invalid.html",
            {"message": error.message, "breadcrumbs": _crumbs()},
            status=404,
        )
    event = registration.event
    if registration.feedback_given:
        # A second submission through the same link is refused, not stored.
        refused = request.method == "POST"
        return render(
            request,
            "events/feedback/feedback_given.html",
            {"event": event, "refused": refused, "breadcrumbs": _crumbs()},
            status=409 if refused else 200,
        )
    if timezone.now() < event.ends_at:
        return render(
            request,
            "events/feedback/feedback_link_invalid.html",
            {
                "message": _(
                    "The event has not ended yet. Please come back through the same link after it."
                ),
                "breadcrumbs": _crumbs(),
            },
            status=409,
        )
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            feedback_services.feedback_submit(
                actor=None, registration=registration, **form.service_arguments()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you! Your feedback has been recorded."))
            return HttpResponseRedirect(request.path)
    return render(
        request,
        "events/feedback/feedback_form.html",
        {
            "event": event,
            "when": presenters.when(event),
            "form": form,
            "min_answers": FEEDBACK_MIN_ANSWERS,
            "breadcrumbs": _crumbs(),
        },
    )
