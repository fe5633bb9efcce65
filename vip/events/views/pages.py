"""The public calendar, event pages, registration and the registrant's own page.

The calendar and event pages are cached for anonymous visitors for a minute at
most, since whether registration is open follows the clock. An edit of any event
shows at once everywhere (PUBLIC_DATA); a registration raises its own event's key,
so the event page shows its seats at once while the calendar list may lag a minute
(registration itself always counts live seats). The join link of a remote event
appears only on the manage page of a confirmed participant.

The manage page lists everything stored with the registration. Once cancelled, the
registrant can have it anonymised at once, as the retention job would later
(services/retention.py), after which the link no longer opens it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from vip.core import request_context
from vip.core.htmx import render_page_or_partial
from vip.core.page_cache import cache_public_page
from vip.core.pagination import paginate
from vip.core.policies import fetch_or_404
from vip.events import presenters, selectors, services
from vip.events.forms import EventFilterForm, RegistrationForm
from vip.events.models import (
    CALENDAR_PARAMS,
    CLOCK_SECONDS,
    PUBLIC_DATA,
    Event,
    Question,
    Registration,
)
from vip.events.policies import event_policy
from vip.events.selectors import organiser as organiser_selectors
from vip.events.selectors import registration as registration_selectors
from vip.events.services import retention
from vip.events.views.common import seat_keys

PER_PAGE = 25
# The manage page's second form: delete the details of a cancelled registration now.
DELETE_DETAILS = "delete"


def _event(request: HttpRequest, pk: int) -> Event:
    """A public event, or a draft for its organisers; 404 otherwise."""
    return fetch_or_404(
        event_policy,
        request.user,
        "view",
        queryset=selectors.event_detail(event_policy.visible(request.user, "view")),
        pk=pk,
    )


def _calendar_crumb() -> tuple[str, str]:
    return (_("Events"), reverse("events:event_list"))


@require_safe
@cache_public_page(*PUBLIC_DATA, params=(*CALENDAR_PARAMS, "page"), seconds=CLOCK_SECONDS)
def event_list(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET or None)
    page = paginate(request, selectors.event_ids(form.filters()), PER_PAGE)
    context: dict[str, Any] = {
        "form": form,
        "rows": presenters.event_rows(selectors.events_in_order(list(page["object_list"]))),
        "event_count": page["page_obj"].paginator.count,
        "breadcrumbs": [(_("Events"), None)],
        **page,
    }
    return render_page_or_partial(request, "events/event_list.html", "results", context)


@require_safe
@cache_public_page(*PUBLIC_DATA, params=(), seconds=CLOCK_SECONDS, keys_for=seat_keys)
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    availability = presenters.availability(event)
    is_organiser = event_policy.can(request.user, "manage", event)
    context = {
        "event": event,
        "is_organiser": is_organiser,
        "can_duplicate_series": (
            is_organiser
            and event.series is not None
            and organiser_selectors.series_managed_entirely(request.user, event.series)
        ),
        "materials": organiser_selectors.event_materials(event, public_only=True),
        "when": presenters.when(event),
        "place": presenters.place(event),
        "languages": presenters.languages(event),
        "availability": availability,
        "seats_left": selectors.seats_left(event),
        "waiting": selectors.waiting_list_status(event),
        "registration_opens": (
            presenters.moment(event.registration_opens_at) if event.registration_opens_at else ""
        ),
        "registration_closes": presenters.moment(event.registration_closes),
        "cancellation_closes": presenters.moment(event.cancellation_closes),
        "can_register": availability.open,
        "breadcrumbs": [_calendar_crumb(), (event.title, None)],
    }
    return render(request, "events/event_detail.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def registration_create(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    form = RegistrationForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(
                actor=request.user if request.user.is_authenticated else None,
                event=event,
                client_ip=request_context.client_ip(request),
                **form.service_arguments(),
            )
        except ValidationError as error:
            form.add_service_errors(error)
            if not hasattr(error, "error_dict") and error.code == services.CODE_THROTTLED:
                return _registration_page(request, event, form, status=429)
        else:
            if registration.status == Registration.Status.WAITING:
                messages.success(
                    request,
                    _(
                        "The event is full: you are on the waiting list. We sent the details "
                        "by e-mail."
                    ),
                )
            else:
                messages.success(
                    request, _("You are registered. We sent a confirmation by e-mail.")
                )
            token = services.manage_token(registration)
            return HttpResponseRedirect(reverse("events:registration_manage", args=[token]))
    return _registration_page(request, event, form)


def _registration_page(
    request: HttpRequest, event: Event, form: RegistrationForm, status: int = 200
) -> HttpResponse:
    availability = presenters.availability(event)
    context = {
        "event": event,
        "form": form,
        "when": presenters.when(event),
        "place": presenters.place(event),
        "availability": availability,
        # A refusal of the service (full, closed) shows with the form even if the page said open.
        "is_open": availability.open or form.is_bound,
        "breadcrumbs": [
            _calendar_crumb(),
            (event.title, reverse("events:event_detail", args=[event.pk])),
            (_("Register"), None),
        ],
    }
    return render(request, "events/registration_form.html", context, status=status)


@never_cache  # personal data, sensitive answers included: kept in no cache or history
@require_http_methods(["GET", "HEAD", "POST"])
def registration_manage(request: HttpRequest, token: str) -> HttpResponse:
    try:
        registration = services.registration_from_token(token)
    except services.ManageLinkError as error:
        return render(
            request,
            "events/registration_link_invalid.html",
            {"message": error.message, "breadcrumbs": [_calendar_crumb()]},
            status=404,
        )
    actor = request.user if request.user.is_authenticated else None
    if request.method == "POST" and request.POST.get("action") == DELETE_DETAILS:
        try:
            # The link's holder acts, not whoever is signed in on this browser.
            retention.registration_anonymise_at_request(registration=registration, actor=None)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(request.path)
        messages.success(
            request,
            _(
                "Your personal details have been deleted from the registration. The link "
                "in your e-mail no longer opens it."
            ),
        )
        # The manage page is gone with the details; the event's page is where one was.
        return HttpResponseRedirect(reverse("events:event_detail", args=[registration.event_id]))
    if request.method == "POST":
        try:
            services.registration_cancel(registration=registration, actor=actor)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your registration has been cancelled."))
        return HttpResponseRedirect(request.path)
    registration = registration_selectors.registration_with_details(registration)
    event = registration.event
    sees_all = organiser_selectors.sees_participant_materials(registration)
    answers = _answers(registration)
    context = {
        "registration": registration,
        "token": token,
        "materials": organiser_selectors.event_materials(event, public_only=not sees_all),
        "event": event,
        "when": presenters.when(event),
        "place": presenters.place(event),
        "waiting_position": presenters.waiting_position(registration),
        "shows_join_link": presenters.shows_join_link(registration),
        "can_cancel": registration.is_active and timezone.now() < event.cancellation_closes,
        "answers": answers,
        "has_sensitive_answers": any(sensitive for _q, _a, sensitive in answers),
        "sensitive_answer_days": settings.EVENTS_SENSITIVE_ANSWER_DAYS,
        "price_group": _price_group(registration),
        "consented_at": presenters.moment(registration.consent_at),
        "registered_at": presenters.moment(registration.created_at),
        "delete_action": DELETE_DETAILS,
        "retention_months": settings.EVENTS_REGISTRATION_RETENTION_MONTHS,
        "cancellation_closes": presenters.moment(event.cancellation_closes),
        "breadcrumbs": [
            _calendar_crumb(),
            (event.title, reverse("events:event_detail", args=[event.pk])),
            (_("Your registration"), None),
        ],
    }
    return render(request, "events/registration_manage.html", context)


def _answers(registration: Registration) -> list[tuple[str, str, bool]]:
    """(question, answer, sensitive) of every stored answer, yes and no in words."""
    words = {services.YES: _("Yes"), services.NO: _("No")}
    return [
        (
            answer.question.label,
            words.get(answer.value, answer.value)
            if answer.question.kind == Question.Kind.YES_NO
            else answer.value,
            answer.question.sensitive,
        )
        for answer in registration_selectors.stored_answers(registration)
    ]


def _price_group(registration: Registration) -> str:
    group = registration.price_group
    if group is None:
        return ""
    return _("%(name)s: %(price)s € (VAT %(vat)s %% included)") % {
        "name": group.name,
        "price": group.price,
        "vat": group.vat_rate,
    }
