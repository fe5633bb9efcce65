"""The organiser's side: their events, the event form, publishing, cancelling,
duplicating, and materials with their downloads.

Every event is loaded through the event policy, so an event the user does not
organise answers 404. Materials are downloaded by organisers, by anyone when
public, and by participants through their personal registration link.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
)
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vip.core.forms import add_service_errors
from vip.core.htmx import render_page_or_partial
from vip.core.http import AuthenticatedHttpRequest
from vip.core.pagination import paginate
from vip.events import presenters, services
from vip.events.forms.editing import (
    CancelForm,
    DuplicateForm,
    EventForm,
    MaterialForm,
    OrganiserFilterForm,
    SeriesDuplicateForm,
    price_group_rows,
    question_rows,
)
from vip.events.models import Event, EventMaterial, EventSeries
from vip.events.policies import PUBLIC_STATUSES, event_policy
from vip.events.selectors import organiser as selectors
from vip.events.services import editing as editing_services
from vip.events.views.common import organised_event

PER_PAGE = 25


def _calendar_crumb() -> tuple[str, str]:
    return (_("Events"), reverse("events:event_list"))


def _organiser_crumb() -> tuple[str, str]:
    return (_("Events you organise"), reverse("events:organiser_home"))


def _event_crumbs(event: Event) -> list[tuple[str, str | None]]:
    return [_organiser_crumb(), (event.title, reverse("events:event_detail", args=[event.pk]))]


def _event_page(event: Event) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("events:event_detail", args=[event.pk]))


# --- The organiser's events -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OrganiserRow:
    event: Event
    when: str
    place: str


@login_required
@require_safe
def organiser_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = OrganiserFilterForm(request.GET or None)
    filters = form.filters()
    page = paginate(request, selectors.organiser_events(request.user, filters), PER_PAGE)
    rows = [
        OrganiserRow(event, presenters.when(event), presenters.place(event))
        for event in page["object_list"]
    ]
    context: dict[str, Any] = {
        "form": form,
        "filters": filters,
        "rows": rows,
        "counts": selectors.organiser_counts(request.user),
        "can_create": event_policy.can(request.user, "create"),
        "breadcrumbs": [_calendar_crumb(), (_("Events you organise"), None)],
        **page,
    }
    return render_page_or_partial(request, "events/organise/home.html", "results", context)


# --- Creating and editing ---------------------------------------------------------------------


def _save_event(
    request: AuthenticatedHttpRequest,
    form: EventForm,
    price_groups: Any,
    questions: Any,
    event: Event | None,
) -> Event | None:
    # Every part is validated, so that all the errors show at once.
    valid = [form.is_valid(), price_groups.is_valid(), questions.is_valid()]
    if not all(valid):
        return None
    try:
        return editing_services.event_save(
            actor=request.user,
            event=event,
            price_groups=price_groups.rows(),
            questions=questions.rows(),
            **form.service_values(),
        )
    except ValidationError as error:
        add_service_errors(form, error, form.service_error_aliases)
        return None


def _render_event_form(
    request: HttpRequest,
    form: EventForm,
    price_groups: Any,
    questions: Any,
    event: Event | None,
) -> HttpResponse:
    if event is None:
        title = _("Create an event")
        crumbs = [_organiser_crumb(), (title, None)]
        cancel_url = reverse("events:organiser_home")
    else:
        title = _("Edit the event")
        crumbs = [*_event_crumbs(event), (_("Edit"), None)]
        cancel_url = reverse("events:event_detail", args=[event.pk])
    has_errors = bool(
        form.errors or any(price_groups.errors) or price_groups.non_form_errors()
    ) or bool(any(questions.errors) or questions.non_form_errors())
    return render(
        request,
        "events/organise/event_form.html",
        {
            "form": form,
            "price_groups": price_groups,
            "questions": questions,
            "formsets": [price_groups, questions],
            "event": event,
            "title": title,
            "has_errors": has_errors,
            "cancel_url": cancel_url,
            "breadcrumbs": crumbs,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def event_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    scope = selectors.organiser_scope(request.user)
    if not scope.may_create:
        raise Http404
    data = request.POST if request.method == "POST" else None
    form = EventForm(data, scope=scope, user=request.user)
    price_groups = price_group_rows(data, None)
    questions = question_rows(data, None)
    if data is not None:
        saved = _save_event(request, form, price_groups, questions, None)
        if saved is not None:
            messages.success(
                request,
                _(
                    "The event is saved as a draft. Only the organisers see it until you "
                    "publish it."
                ),
            )
            return _event_page(saved)
    return _render_event_form(request, form, price_groups, questions, None)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def event_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = organised_event(request, pk)
    if event.status == Event.Status.CANCELLED:
        messages.error(request, _("A cancelled event cannot be changed."))
        return _event_page(event)
    scope = selectors.organiser_scope(request.user)
    data = request.POST if request.method == "POST" else None
    form = EventForm(data, instance=event, scope=scope, user=request.user)
    price_groups = price_group_rows(data, event)
    questions = question_rows(data, event)
    if data is not None:
        saved = _save_event(request, form, price_groups, questions, event)
        if saved is not None:
            messages.success(request, _("The changes were saved."))
            return _event_page(saved)
    return _render_event_form(request, form, price_groups, questions, event)


# --- Publishing and cancelling ----------------------------------------------------------------


@require_POST
@login_required
def event_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = organised_event(request, pk)
    try:
        services.event_publish(actor=request.user, event=event)
    except ValidationError as error:
        messages.error(
            request,
            _("The event was not published: %(reason)s") % {"reason": " ".join(error.messages)},
        )
    else:
        messages.success(
            request, _("The event is published: it shows in the calendar and takes registrations.")
        )
    return _event_page(event)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def event_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = organised_event(request, pk)
    if event.status == Event.Status.CANCELLED:
        messages.error(request, _("The event has been cancelled already."))
        return _event_page(event)
    registered = selectors.registered_count(event)
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_cancel(
                actor=request.user, event=event, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error, {"cancel_reason": "reason"})
        else:
            messages.success(
                request,
                ngettext(
                    "The event is cancelled. %(count)d registrant is told by e-mail.",
                    "The event is cancelled. %(count)d registrants are told by e-mail.",
                    registered,
                )
                % {"count": registered},
            )
            return _event_page(event)
    return render(
        request,
        "events/organise/cancel.html",
        {
            "event": event,
            "form": form,
            "when": presenters.when(event),
            "registered": registered,
            "breadcrumbs": [*_event_crumbs(event), (_("Cancel the event"), None)],
        },
    )


# --- Duplicating ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def event_duplicate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = organised_event(request, pk)
    form = DuplicateForm(request.POST if request.method == "POST" else None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            copy = editing_services.event_duplicate(
                actor=request.user, event=event, starts_at=form.cleaned_data["starts_at"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "The copy is saved as a draft starting %(when)s. Check it and publish it "
                    "when it is ready."
                )
                % {"when": presenters.when(copy)},
            )
            return _event_page(copy)
    return render(
        request,
        "events/organise/duplicate.html",
        {
            "event": event,
            "form": form,
            "when": presenters.when(event),
            "breadcrumbs": [*_event_crumbs(event), (_("Duplicate"), None)],
        },
    )


def _managed_series(request: HttpRequest, pk: int) -> EventSeries:
    """A series whose every event the user may change; 404 otherwise."""
    series = selectors.series_by_pk(pk)
    if series is None or not selectors.series_managed_entirely(request.user, series):
        raise Http404
    return series


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def series_duplicate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    series = _managed_series(request, pk)
    events = list(selectors.series_events(series))
    form = SeriesDuplicateForm(
        request.POST if request.method == "POST" else None, series=series, first=events[0]
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            copy = editing_services.series_duplicate(
                actor=request.user,
                series=series,
                first_starts_on=data["first_starts_on"],
                name_fi=data["name_fi"],
                name_sv=data["name_sv"],
                name_en=data["name_en"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "The series %(name)s was created with %(count)d event as a draft.",
                    "The series %(name)s was created with %(count)d events as drafts.",
                    len(events),
                )
                % {"name": copy.name, "count": len(events)},
            )
            return HttpResponseRedirect(
                f"{reverse('events:organiser_home')}?show={selectors.DRAFTS}"
            )
    return render(
        request,
        "events/organise/series_duplicate.html",
        {
            "series": series,
            "form": form,
            "rows": [(event, presenters.when(event)) for event in events],
            "breadcrumbs": [_organiser_crumb(), (_("Duplicate the series"), None)],
        },
    )


# --- Materials --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def material_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = organised_event(request, pk)
    form = MaterialForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            material = editing_services.material_add(
                actor=request.user, event=event, **form.service_values()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(title)s was added.") % {"title": material.title})
            return HttpResponseRedirect(request.path)
    return render(
        request,
        "events/organise/materials.html",
        {
            "event": event,
            "form": form,
            "materials": selectors.event_materials(event, public_only=False),
            "breadcrumbs": [*_event_crumbs(event), (_("Materials"), None)],
        },
    )


@require_POST
@login_required
def material_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    material = selectors.material_with_event(pk)
    if material is None or not event_policy.can(request.user, "manage", material.event):
        raise Http404
    editing_services.material_delete(actor=request.user, material=material)
    messages.success(request, _("%(title)s was removed.") % {"title": material.title})
    return HttpResponseRedirect(reverse("events:material_list", args=[material.event_id]))


def _serve(material: EventMaterial) -> HttpResponseBase:
    if material.is_link:
        return HttpResponseRedirect(material.url)
    try:
        handle = material.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=material.original_name,
        content_type=material.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    if not (material.public and material.event.status in PUBLIC_STATUSES):
        response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def material_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    material = selectors.material_with_event(pk)
    if material is not None and (
        (material.public and material.event.status in PUBLIC_STATUSES)
        or event_policy.can(request.user, "manage", material.event)
    ):
        return _serve(material)
    if not request.user.is_authenticated:
        # Participants-only material may be the visitor's once signed in as an organiser.
        return redirect_to_login(request.get_full_path())
    raise Http404


@require_safe
def participant_material_download(request: HttpRequest, token: str, pk: int) -> HttpResponseBase:
    try:
        registration = services.registration_from_token(token)
    except services.ManageLinkError as error:
        return render(
            request,
            "events/registration_link_invalid.html",
            {"message": error.message, "breadcrumbs": [_calendar_crumb()]},
            status=404,
        )
    material = selectors.material_with_event(pk)
    if (
        material is None
        or material.event_id != registration.event_id
        or not (material.public or selectors.sees_participant_materials(registration))
    ):
        raise Http404
    return _serve(material)
