"""Organiser tools of one event: participants, attendance, messages, exports and invoicing.

Only the event's organisers get here (``event_policy.can(user, "manage", event)``);
for anyone else the event does not exist (404). Every page and action works
without JavaScript; htmx swaps the results of a filter and single attendance rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vip.core.forms import Form, add_service_errors
from vip.core.htmx import is_htmx, render_page_or_partial
from vip.core.http import AuthenticatedHttpRequest
from vip.core.pagination import paginate
from vip.core.policies import fetch_or_404
from vip.core.xlsx_export import table_response
from vip.events import presenters, services
from vip.events.forms.participants import (
    AttendanceMarkForm,
    AttendanceSearchForm,
    InvoicingFilterForm,
    MessageForm,
    ParticipantFilterForm,
    error_text,
    kept_query,
)
from vip.events.models import Event, Question, Registration
from vip.events.policies import registration_policy
from vip.events.selectors import participants as selectors
from vip.events.services import NO, YES
from vip.events.services import participants as participant_services
from vip.events.views.common import EXPORT_FORMATS, export_stamp, organised_event

PER_PAGE = 50
# The attendance page is used on a phone at the door: long pages, found by search.
ATTENDANCE_PER_PAGE = 100
CONFIRM = "yes"
MARK_REST_ABSENT = "mark_rest_absent"

Crumbs = list[tuple[str, str | None]]


def _registration(request: AuthenticatedHttpRequest, event: Event, pk: int) -> Registration:
    """A registration of ``event``: the event in the address must be the registration's."""
    registration = fetch_or_404(
        registration_policy,
        request.user,
        "view",
        queryset=registration_policy.visible(request.user, "view")
        .filter(event=event)
        .select_related("event"),
        pk=pk,
    )
    # The event was loaded (and authorised) once; spare the policy a second load.
    registration.event = event
    return registration


def _crumbs(event: Event, page: str) -> Crumbs:
    return [
        (_("Events"), reverse("events:event_list")),
        (event.title, reverse("events:event_detail", args=[event.pk])),
        (page, None),
    ]


def _with_query(url: str, query: str, anchor: str = "") -> str:
    return f"{url}{'?' + query if query else ''}{'#' + anchor if anchor else ''}"


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- Presenting a registration ----------------------------------------------------------------


def _organisation_name(registration: Registration) -> str:
    if registration.organisation is not None:
        return registration.organisation.name
    return registration.organisation_text


def _attendance_label(registration: Registration) -> str:
    if registration.attended is None:
        return _("Not marked")
    return _("Present") if registration.attended else _("Absent")


def _answer_text(question: Question, value: str) -> str:
    if question.kind == Question.Kind.YES_NO:
        return {YES: _("Yes"), NO: _("No")}.get(value, value)
    return value


def _answers(registration: Registration, questions: list[Question]) -> list[str]:
    # Answers are prefetched for the page: no query per row.
    values = {answer.question_id: answer.value for answer in registration.answers.all()}
    return [_answer_text(question, values.get(question.pk, "")) for question in questions]


@dataclass(frozen=True, slots=True)
class ParticipantRow:
    registration: Registration
    organisation: str
    registered: str
    attendance: str
    attendance_marked: str
    answers: list[str]


def _participant_rows(registrations: Any, questions: list[Question]) -> list[ParticipantRow]:
    return [
        ParticipantRow(
            registration=r,
            organisation=_organisation_name(r),
            registered=presenters.moment(r.created_at),
            attendance=_attendance_label(r),
            attendance_marked=(
                presenters.moment(r.attendance_marked_at) if r.attendance_marked_at else ""
            ),
            answers=_answers(r, questions),
        )
        for r in registrations
    ]


# --- The participant list ---------------------------------------------------------------------


@login_required
@never_cache
@require_safe
def participant_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = organised_event(request, pk)
    form = ParticipantFilterForm(request.GET or None)
    filters = form.filters()
    page = paginate(request, selectors.participant_list(event, filters), PER_PAGE)
    questions = selectors.event_questions(event)
    context: dict[str, Any] = {
        "event": event,
        "form": form,
        "counts": selectors.status_counts(event),
        "questions": questions,
        "rows": _participant_rows(page["object_list"], questions),
        "participant_count": page["page_obj"].paginator.count,
        # Row actions return to the same filtered page.
        "query": kept_query(request.GET, ParticipantFilterForm.query_keys),
        "export_query": kept_query(request.GET, ParticipantFilterForm.query_keys[:-1]),
        "breadcrumbs": _crumbs(event, _("Participants")),
        **page,
    }
    return render_page_or_partial(
        request, "events/participants/participant_list.html", "results", context
    )


def _posted_query(request: AuthenticatedHttpRequest, keys: tuple[str, ...]) -> str:
    """The list's query string a row form carried, reduced to the list's own keys."""
    return kept_query(QueryDict(request.POST.get("query", "")), keys)


def _back_to_list(request: AuthenticatedHttpRequest, event: Event) -> HttpResponseRedirect:
    query = _posted_query(request, ParticipantFilterForm.query_keys)
    return HttpResponseRedirect(
        _with_query(reverse("events:participant_list", args=[event.pk]), query)
    )


@login_required
@require_POST
def participant_promote(
    request: AuthenticatedHttpRequest, pk: int, registration: int
) -> HttpResponse:
    event = organised_event(request, pk)
    waiting = _registration(request, event, registration)
    try:
        services.registration_promote(actor=request.user, registration=waiting)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("%(name)s got a seat from the waiting list and was told by e-mail.")
            % {"name": waiting.full_name},
        )
    return _back_to_list(request, event)


@login_required
@require_POST
def participant_remove(
    request: AuthenticatedHttpRequest, pk: int, registration: int
) -> HttpResponse:
    """Remove in two steps: the first POST asks to confirm, the second removes."""
    event = organised_event(request, pk)
    participant = _registration(request, event, registration)
    if not participant.is_active:
        messages.error(
            request,
            _("%(name)s's registration is %(status)s already: there is nothing to remove.")
            % {"name": participant.full_name, "status": participant.status_label.lower()},
        )
        return _back_to_list(request, event)
    if request.POST.get("confirm") != CONFIRM:
        return render(
            request,
            "events/participants/remove_confirm.html",
            {
                "event": event,
                "registration": participant,
                "holds_seat": participant.status == Registration.Status.CONFIRMED,
                "query": _posted_query(request, ParticipantFilterForm.query_keys),
                "breadcrumbs": _crumbs(event, _("Remove a participant")),
            },
        )
    try:
        promoted = services.registration_remove(actor=request.user, registration=participant)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return _back_to_list(request, event)
    text = _("%(name)s was removed from the event.") % {"name": participant.full_name}
    if promoted:
        text += " " + ngettext(
            "%(names)s got the seat from the waiting list and was told by e-mail.",
            "%(names)s got the seats from the waiting list and were told by e-mail.",
            len(promoted),
        ) % {"names": ", ".join(r.full_name for r in promoted)}
    messages.success(request, text)
    return _back_to_list(request, event)


def _refused_filters(form: Form) -> HttpResponse:
    """A download with a mistyped filter is refused: exporting everyone instead would
    hand out personal data the organiser did not ask for."""
    return HttpResponse(error_text(form), status=400, content_type="text/plain; charset=utf-8")


def _export_header(event: Event, questions: list[Question]) -> list[str]:
    header = [
        _("Family name"),
        _("Given name"),
        _("E-mail"),
        _("Organisation"),
        _("Municipality"),
        _("Sector or role"),
        _("Language"),
        _("Status"),
        _("Registered"),
        _("Attendance"),
        _("Attendance marked"),
    ]
    if event.is_paid:
        header.append(_("Price group"))
    return header + [question.label for question in questions]


def _export_rows(
    event: Event, registrations: list[Registration], questions: list[Question]
) -> list[list[Any]]:
    rows = []
    for r in registrations:
        row: list[Any] = [
            r.family_name,
            r.given_name,
            r.email,
            _organisation_name(r),
            r.municipality.name if r.municipality else "",
            r.sector.name if r.sector else "",
            str(presenters.LANGUAGE_NAMES.get(r.language, r.language)),
            r.status_label,
            selectors.local_naive(r.created_at),
            _attendance_label(r) if r.status == Registration.Status.CONFIRMED else "",
            selectors.local_naive(r.attendance_marked_at),
        ]
        if event.is_paid:
            row.append(r.price_group.name if r.price_group else "")
        rows.append(row + _answers(r, questions))
    return rows


@login_required
@never_cache
@require_safe
def participant_export(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_FORMATS:
        raise Http404
    event = organised_event(request, pk)
    form = ParticipantFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return _refused_filters(form)
    filters = form.filters()
    registrations = list(selectors.participant_list(event, filters))
    questions = selectors.event_questions(event)
    rows = _export_rows(event, registrations, questions)
    participant_services.participants_export_record(
        actor=request.user,
        event=event,
        table="participants",
        fmt=fmt,
        count=len(rows),
        filters=filters.as_details(),
    )
    return table_response(
        fmt, f"participants-{event.pk}-{export_stamp()}", _export_header(event, questions), rows
    )


# --- Attendance -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AttendanceRow:
    registration: Registration
    organisation: str
    marked_at: str
    error: str = ""


def _attendance_row(registration: Registration, error: str = "") -> AttendanceRow:
    return AttendanceRow(
        registration=registration,
        organisation=_organisation_name(registration),
        marked_at=(
            presenters.moment(registration.attendance_marked_at)
            if registration.attendance_marked_at
            else ""
        ),
        error=error,
    )


def _attendance_open(event: Event) -> bool:
    return timezone.now() >= selectors.attendance_opens_at(event)


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def attendance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = organised_event(request, pk)
    url = reverse("events:attendance", args=[event.pk])
    if request.method == "POST":
        # The only form posted here: mark everyone still unmarked absent.
        if request.POST.get("action") == MARK_REST_ABSENT:
            try:
                count = participant_services.attendance_mark_unmarked_absent(
                    actor=request.user, event=event
                )
            except ValidationError as error:
                messages.error(request, _error_text(error))
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d participant was marked absent.",
                        "%(count)d participants were marked absent.",
                        count,
                    )
                    % {"count": count},
                )
        return HttpResponseRedirect(url)
    form = AttendanceSearchForm(request.GET or None)
    page = paginate(request, selectors.attendance_list(event, form.search()), ATTENDANCE_PER_PAGE)
    context: dict[str, Any] = {
        "event": event,
        "form": form,
        "rows": [_attendance_row(r) for r in page["object_list"]],
        "result_count": page["page_obj"].paginator.count,
        "totals": selectors.attendance_totals(event),
        "is_open": _attendance_open(event),
        "opens_on": date_format(timezone.localdate(event.starts_at), "SHORT_DATE_FORMAT"),
        "has_ended": timezone.now() >= event.ends_at,
        "query": kept_query(request.GET, AttendanceSearchForm.query_keys),
        "breadcrumbs": _crumbs(event, _("Attendance")),
        **page,
    }
    return render_page_or_partial(
        request, "events/participants/attendance.html", "results", context
    )


@login_required
@require_POST
def attendance_mark(request: AuthenticatedHttpRequest, pk: int, registration: int) -> HttpResponse:
    """Mark one participant; htmx gets the updated row (and the totals), others a redirect."""
    event = organised_event(request, pk)
    participant = _registration(request, event, registration)
    form = AttendanceMarkForm(request.POST)
    error = ""
    if not form.is_valid():
        error = " ".join(str(e) for e in form.errors.get("attended", []))
    else:
        try:
            participant = participant_services.attendance_mark(
                actor=request.user, registration=participant, attended=form.value()
            )
        except ValidationError as refusal:
            error = _error_text(refusal)
    if is_htmx(request):
        participant.event = event
        return render(
            request,
            "events/participants/attendance_marked.html",
            {
                "event": event,
                "row": _attendance_row(participant, error),
                "totals": selectors.attendance_totals(event),
                "is_open": _attendance_open(event),
                "query": _posted_query(request, AttendanceSearchForm.query_keys),
            },
        )
    if error:
        messages.error(request, f"{participant.full_name}: {error}")
    else:
        messages.success(
            request,
            _("%(name)s: %(attendance)s.")
            % {"name": participant.full_name, "attendance": _attendance_label(participant)},
        )
    return HttpResponseRedirect(
        _with_query(
            reverse("events:attendance", args=[event.pk]),
            _posted_query(request, AttendanceSearchForm.query_keys),
            f"participant-{participant.pk}",
        )
    )


# --- Messages ---------------------------------------------------------------------------------


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def message_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = organised_event(request, pk)
    counts = selectors.audience_counts(event)
    form = MessageForm(request.POST or None, counts=counts)
    if request.method == "POST" and form.is_valid():
        try:
            message = participant_services.event_message_send(
                actor=request.user, event=event, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "The message “%(subject)s” was sent to %(count)d person.",
                    "The message “%(subject)s” was sent to %(count)d people.",
                    message.recipient_count,
                )
                % {"subject": message.subject, "count": message.recipient_count},
            )
            return HttpResponseRedirect(reverse("events:message_list", args=[event.pk]))
    history = [
        (message, presenters.moment(message.sent_at))
        for message in selectors.message_history(event)
    ]
    context = {
        "event": event,
        "form": form,
        "history": history,
        "breadcrumbs": _crumbs(event, _("Messages")),
    }
    return render(request, "events/participants/message_list.html", context)


# --- Invoicing --------------------------------------------------------------------------------


def _paid_event(request: AuthenticatedHttpRequest, pk: int) -> Event:
    event = organised_event(request, pk)
    # A free event has nothing to invoice: the page does not exist for it.
    if not event.is_paid:
        raise Http404
    return event


@login_required
@never_cache
@require_safe
def invoicing(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = _paid_event(request, pk)
    form = InvoicingFilterForm(request.GET or None)
    context = {
        "event": event,
        "form": form,
        "invoicing": selectors.invoicing_list(event, attended_only=form.attended_only()),
        "query": kept_query(request.GET, ("who",)),
        "breadcrumbs": _crumbs(event, _("Invoicing")),
    }
    return render(request, "events/participants/invoicing.html", context)


def _invoicing_header() -> list[str]:
    return [
        _("Billing organisation"),
        _("Billing reference"),
        _("Billing address"),
        _("Family name"),
        _("Given name"),
        _("E-mail"),
        _("Organisation"),
        _("Price group"),
        _("Price (EUR, VAT included)"),
        _("VAT rate (%)"),
        _("VAT (EUR)"),
        _("Net (EUR)"),
        _("Attendance"),
    ]


@login_required
@never_cache
@require_safe
def invoicing_export(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_FORMATS:
        raise Http404
    event = _paid_event(request, pk)
    form = InvoicingFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return _refused_filters(form)
    attended_only = form.attended_only()
    listing = selectors.invoicing_list(event, attended_only=attended_only)
    rows = [
        [
            row.registration.billing_organisation,
            row.registration.billing_reference,
            row.registration.billing_address,
            row.registration.family_name,
            row.registration.given_name,
            row.registration.email,
            _organisation_name(row.registration),
            row.registration.price_group.name if row.registration.price_group else "",
            row.price.gross,
            row.price.vat_rate,
            row.price.vat,
            row.price.net,
            _attendance_label(row.registration),
        ]
        for row in listing.rows
    ]
    participant_services.participants_export_record(
        actor=request.user,
        event=event,
        table="invoicing",
        fmt=fmt,
        count=len(rows),
        filters={"attended_only": attended_only} if attended_only else {},
    )
    return table_response(fmt, f"invoicing-{event.pk}-{export_stamp()}", _invoicing_header(), rows)
