"""Public event endpoints: the calendar, one event, and registration without an account.

Registration through ``POST /events/{id}/registrations`` follows the same rules
as the registration page (it calls the same service), so other sites can embed
it. The join link of remote events is never part of these answers: it goes only
to confirmed participants, by e-mail.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from vip.core import request_context
from vip.core.api import (
    PUBLIC_ERRORS,
    PageParams,
    Problem,
    ProblemError,
    field_error,
    page_schema,
    paginate,
    public_auth,
)
from vip.core.page_cache import cached_body
from vip.core.policies import fetch_or_404
from vip.events import selectors, services
from vip.events.models import (
    CLOCK_SECONDS,
    PUBLIC_DATA,
    Event,
    Question,
    Registration,
)
from vip.events.policies import event_policy
from vip.network.selectors.reference import sector_by_code, theme_by_code, theme_codes
from vip.registry.selectors import (
    area_by_code,
    area_codes,
    municipality_by_code,
    organisation_by_pk,
)

router = Router(tags=["events"], auth=public_auth)

Language = Literal["fi", "sv", "en"]


class LanguageParam(Schema):
    lang: Language | None = Field(
        None,
        description=(
            "Language of `title`, labels, names and messages. Without it the "
            "Accept-Language header decides (Finnish by default)."
        ),
    )


def _in_language(lang: str | None) -> contextlib.AbstractContextManager[None]:
    return translation.override(lang) if lang else contextlib.nullcontext()


class EventQuery(Schema):
    kind: Event.Kind | None = Field(None, description="Kind of event.")
    theme: str | None = Field(None, description="Theme code, e.g. school-non-attendance.")
    area: str | None = Field(
        None, description="VIP area code, e.g. TAYS, or `national` for events without an area."
    )
    language: Language | None = Field(None, description="Events held in this language.")
    mode: Event.Mode | None = Field(None, description="on_site, remote or hybrid.")
    starts_from: datetime.date | None = Field(None, description="Events running on or after.")
    starts_until: datetime.date | None = Field(None, description="Events starting on or before.")
    when: Literal["upcoming", "past"] | None = Field(
        None, description="upcoming: not ended yet; past: ended. Both by default."
    )
    series: int | None = Field(None, description="Id of an event series.")


class NamedOut(Schema):
    code: str
    name: str


class GroupOut(Schema):
    id: int
    name: str


class OrganisationRefOut(Schema):
    id: int
    name: str


class PriceGroupOut(Schema):
    id: int
    name: str
    price: Decimal = Field(description="Euros, VAT included.")
    vat_rate: Decimal = Field(description="VAT percentage included in the price.")


class WaitingListOut(Schema):
    capacity: int
    waiting: int
    places_left: int


class EventOut(Schema):
    id: int
    uid: str = Field(description="Stable identifier, also the iCalendar UID.")
    kind: Event.Kind
    kind_label: str
    status: Event.Status
    cancel_reason: str
    title: str
    title_fi: str
    title_sv: str
    title_en: str
    description: str = Field(description="Markdown.")
    series: int | None
    organising_group: GroupOut | None
    organisation: OrganisationRefOut | None
    themes: list[NamedOut]
    areas: list[NamedOut] = Field(description="Empty for a national event.")
    audience_sectors: list[NamedOut]
    languages: list[Language]
    mode: Event.Mode
    venue: str
    address: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    registration_opens_at: datetime.datetime | None
    registration_closes_at: datetime.datetime = Field(
        description="When registration closes: the set time, or the start."
    )
    cancellation_deadline: datetime.datetime
    registration_open: bool
    capacity: int | None = Field(description="Seats; null means no limit.")
    seats_left: int | None
    waiting_list: WaitingListOut
    is_paid: bool
    price_groups: list[PriceGroupOut]


class QuestionOut(Schema):
    id: int
    kind: Question.Kind
    label: str
    choices: list[str] = Field(description="For choice questions; yes_no takes `yes` or `no`.")
    required: bool


class EventDetailOut(EventOut):
    partner_organisations: list[OrganisationRefOut]
    questions: list[QuestionOut]


EventPage = page_schema(EventOut, "EventPage")


def _named(objects: Any) -> list[dict[str, str]]:
    return [{"code": obj.code, "name": obj.name} for obj in objects]


def _event(event: Event) -> dict[str, Any]:
    waiting = selectors.waiting_list_status(event)
    group = event.organising_group
    organisation = event.organisation
    return {
        "id": event.pk,
        "uid": str(event.uid),
        "kind": event.kind,
        "kind_label": event.kind_label,
        "status": event.status,
        "cancel_reason": event.cancel_reason,
        "title": event.title,
        "title_fi": event.title_fi,
        "title_sv": event.title_sv,
        "title_en": event.title_en,
        "description": event.description,
        "series": event.series_id,
        "organising_group": {"id": group.pk, "name": group.name} if group else None,
        "organisation": (
            {"id": organisation.pk, "name": organisation.name} if organisation else None
        ),
        "themes": _named(event.themes.all()),
        "areas": _named(event.areas.all()),
        "audience_sectors": _named(event.audience_sectors.all()),
        "languages": event.language_list,
        "mode": event.mode,
        "venue": event.venue,
        "address": event.address,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "registration_opens_at": event.registration_opens_at,
        "registration_closes_at": event.registration_closes,
        "cancellation_deadline": event.cancellation_closes,
        "registration_open": event.registration_open_at(),
        "capacity": event.capacity,
        "seats_left": selectors.seats_left(event),
        "waiting_list": {
            "capacity": waiting.capacity,
            "waiting": waiting.waiting,
            "places_left": waiting.places_left,
        },
        "is_paid": event.is_paid,
        "price_groups": [
            {"id": p.pk, "name": p.name, "price": p.price, "vat_rate": p.vat_rate}
            for p in event.price_groups.all()
        ],
    }


def _event_detail(event: Event) -> dict[str, Any]:
    return {
        **_event(event),
        "partner_organisations": [
            {"id": o.pk, "name": o.name} for o in event.partner_organisations.all()
        ],
        "questions": [
            {
                "id": q.pk,
                "kind": q.kind,
                "label": q.label,
                "choices": q.choice_list,
                "required": q.required,
            }
            for q in event.questions.all()
        ],
    }


def _filters(query: EventQuery) -> selectors.EventFilters:
    theme = None
    if query.theme:
        theme = theme_by_code(query.theme)
        if theme is None:
            codes = ", ".join(theme_codes())
            raise field_error(
                "theme",
                _("Unknown theme “%(code)s”. Use one of: %(codes)s.")
                % {"code": query.theme, "codes": codes},
            )
    area = None
    national = query.area == "national"
    if query.area and not national:
        area = area_by_code(query.area)
        if area is None:
            codes = ", ".join(area_codes())
            raise field_error(
                "area",
                _("Unknown area code “%(code)s”. Use one of: %(codes)s, or national.")
                % {"code": query.area, "codes": codes},
            )
    if query.starts_from and query.starts_until and query.starts_until < query.starts_from:
        raise field_error("starts_until", _("The end of the date range is before its start."))
    return selectors.EventFilters(
        kind=query.kind or "",
        theme=theme,
        area=area,
        national=national,
        language=query.language or "",
        mode=query.mode or "",
        starts_from=query.starts_from,
        starts_until=query.starts_until,
        when=query.when or "",
        series_id=query.series,
    )


@router.get(
    "/events",
    response={200: EventPage, **PUBLIC_ERRORS},
    summary="The event calendar",
    description=(
        "Published and cancelled events; upcoming ones by start, past ones (`when=past`) "
        "newest first. Each carries its remaining seats and waiting-list status."
    ),
)
def list_events(
    request: HttpRequest,
    query: Query[EventQuery],
    page: Query[PageParams],
    language: Query[LanguageParam],
) -> HttpResponse:
    with _in_language(language.lang):
        filters = _filters(query)

        def build() -> str:
            result = paginate(selectors.event_ids(filters), page)
            result["items"] = [_event(e) for e in selectors.events_in_order(result["items"])]
            return EventPage.model_validate(result).model_dump_json()

        # The same for every caller, kept a minute at most: "upcoming" and "registration
        # open" follow the clock, and seat counts may lag that long (event edits show at
        # once; registration itself always counts live seats).
        body = cached_body(
            ["api:events", query.model_dump_json(), page.model_dump_json()],
            PUBLIC_DATA,
            build,
            seconds=CLOCK_SECONDS,
        )
    return HttpResponse(body, content_type="application/json")


def _public_event(request: HttpRequest, event_id: int) -> Event:
    # Drafts answer 404 to everyone here, organisers included: the API is the public calendar.
    return fetch_or_404(
        event_policy,
        request.user,
        "view",
        queryset=selectors.event_detail(
            event_policy.visible(request.user).filter(
                status__in=(Event.Status.PUBLISHED, Event.Status.CANCELLED)
            )
        ),
        pk=event_id,
    )


@router.get(
    "/events/{event_id}",
    response={200: EventDetailOut, 404: Problem, **PUBLIC_ERRORS},
    summary="One event, with its registration questions",
)
def get_event(request: HttpRequest, event_id: int, language: Query[LanguageParam]) -> Any:
    event = _public_event(request, event_id)
    with _in_language(language.lang):
        return _event_detail(event)


class AnswerIn(Schema):
    question: int = Field(description="Id of a question of the event.")
    value: str = Field(max_length=2000, description="Text, one of the choices, or yes / no.")


class RegistrationIn(Schema):
    given_name: str = Field(max_length=100)
    family_name: str = Field(max_length=100)
    email: str = Field(max_length=254)
    consent: bool = Field(description="The registrant accepts the privacy notice; must be true.")
    organisation: int | None = Field(
        None,
        description=(
            "Id of an organisation in the registry, active today (see /api/v1/organisations); "
            "the reach reports count participants by its kind."
        ),
    )
    organisation_text: str = Field(
        "", max_length=200, description="Organisation not in the registry, as typed."
    )
    municipality: str | None = Field(None, description="Municipality code, e.g. 837.")
    sector: str | None = Field(None, description="Sector code, e.g. pupil-welfare.")
    language: Language = Field("fi", description="Language of the e-mails the registrant gets.")
    price_group: int | None = Field(None, description="Id of a price group; paid events only.")
    billing_organisation: str = Field("", max_length=200)
    billing_reference: str = Field("", max_length=100)
    billing_address: str = Field("", max_length=1000)
    answers: list[AnswerIn] = Field(default_factory=list)


class RegistrationOut(Schema):
    id: int
    event: int
    status: Literal["confirmed", "waiting"]
    status_label: str
    message: str


def _lookup[T](field: str, value: Any, find: Callable[[Any], T | None], message: str) -> T | None:
    """``find(value)``, None for no value, or a field error naming what was not found."""
    if value is None or value == "":
        return None
    found = find(value)
    if found is None:
        raise field_error(field, message)
    return found


def _problem(error: ValidationError) -> ProblemError:
    """A refusal of the service as a problem: 409 for a state the event is in, 422 for input."""
    if not hasattr(error, "error_dict"):
        codes = {e.code for e in error.error_list}
        message = " ".join(error.messages)
        if services.CODE_FULL in codes:
            return ProblemError(409, _("The event is full"), message)
        if services.CODE_CLOSED in codes:
            return ProblemError(409, _("Registration is closed"), message)
        if services.CODE_THROTTLED in codes:
            return ProblemError(429, _("Too many registrations"), message)
        return ProblemError(422, _("Invalid request"), message)
    errors = [
        (field, message) for field, messages in error.message_dict.items() for message in messages
    ]
    codes = {e.code for e in error.error_dict.get("email", [])}
    if services.CODE_DUPLICATE in codes:
        return ProblemError(409, _("Already registered"), errors[0][1], errors)
    return ProblemError(422, _("Invalid request"), _("Some fields are not valid."), errors)


@router.post(
    "/events/{event_id}/registrations",
    response={201: RegistrationOut, 404: Problem, 409: Problem, 429: Problem, **PUBLIC_ERRORS},
    summary="Register for an event, without an account",
    description=(
        "Answers 201 with status `confirmed`, or `waiting` when the seats are taken and "
        "the registrant is on the waiting list. 409 when the event is full with a full "
        "waiting list, registration is closed or not open yet, or the e-mail address is "
        "registered already; 422 for invalid fields; 429 when too many registrations came "
        "from the client's address within a few minutes. The registrant gets a confirmation "
        "e-mail with a personal link to view or cancel the registration."
    ),
)
def create_registration(
    request: HttpRequest, event_id: int, payload: RegistrationIn
) -> Status[dict[str, Any]]:
    event = _public_event(request, event_id)
    organisation = _lookup(
        "organisation",
        payload.organisation,
        organisation_by_pk,
        _("There is no organisation with id %(id)s.") % {"id": payload.organisation},
    )
    municipality = _lookup(
        "municipality",
        payload.municipality,
        municipality_by_code,
        _("Unknown municipality code “%(code)s”.") % {"code": payload.municipality},
    )
    sector = _lookup(
        "sector",
        payload.sector,
        sector_by_code,
        _("Unknown sector code “%(code)s”.") % {"code": payload.sector},
    )
    # The event's price groups came with it (selectors.event_detail).
    price_group = _lookup(
        "price_group",
        payload.price_group,
        lambda pk: next((g for g in event.price_groups.all() if g.pk == pk), None),
        _("The event has no price group with id %(id)s.") % {"id": payload.price_group},
    )
    answers: dict[int, str] = {}
    for answer in payload.answers:
        if answer.question in answers:
            raise field_error("answers", _("Answer each question once."))
        answers[answer.question] = answer.value
    try:
        registration = services.registration_create(
            actor=request.user if request.user.is_authenticated else None,
            event=event,
            given_name=payload.given_name,
            family_name=payload.family_name,
            email=payload.email,
            consent=payload.consent,
            organisation=organisation,
            organisation_text=payload.organisation_text,
            municipality=municipality,
            sector=sector,
            language=payload.language,
            price_group=price_group,
            billing_organisation=payload.billing_organisation,
            billing_reference=payload.billing_reference,
            billing_address=payload.billing_address,
            answers=answers,
            client_ip=request_context.client_ip(request),
        )
    except ValidationError as error:
        raise _problem(error) from None
    waiting = registration.status == Registration.Status.WAITING
    return Status(
        201,
        {
            "id": registration.pk,
            "event": event.pk,
            "status": registration.status,
            "status_label": registration.status_label,
            "message": (
                _("The event is full: you are on the waiting list. We sent the details by e-mail.")
                if waiting
                else _("You are registered. We sent a confirmation by e-mail.")
            ),
        },
    )
