"""Writes for events and registrations.

Registration is race-free: every write that changes who holds a seat (register,
cancel, remove, promote, a capacity change) first locks the event row, then
counts, then writes, all in one transaction. On PostgreSQL the row lock queues
concurrent requests for the same event; on SQLite the IMMEDIATE transaction mode
(config/settings.py) already serialises writers. Mail goes out after commit.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vip.audit import audit
from vip.audit.models import AuditAction
from vip.core import data_versions
from vip.events.models import (
    ACTIVE_STATUSES,
    EVENTS_DATA,
    Answer,
    Event,
    EventSeries,
    PriceGroup,
    Question,
    Registration,
    event_data_key,
)
from vip.events.policies import event_policy
from vip.events.throttling import registration_throttled, throttled_message
from vip.network.models import Sector
from vip.registry.models import Municipality, Organisation

if TYPE_CHECKING:
    from vip.accounts.models import User

logger = logging.getLogger(__name__)

EVENT_FIELDS = (
    "kind",
    "series",
    "title_fi",
    "title_sv",
    "title_en",
    "description_fi",
    "description_sv",
    "description_en",
    "organising_group",
    "organisation",
    "languages",
    "mode",
    "venue",
    "address",
    "join_url",
    "starts_at",
    "ends_at",
    "registration_opens_at",
    "registration_closes_at",
    "cancellation_deadline",
    "capacity",
    "waiting_list_capacity",
    "is_paid",
)
EVENT_RELATIONS = ("partner_organisations", "themes", "areas", "audience_sectors")
PRICE_GROUP_FIELDS = ("name_fi", "name_sv", "name_en", "price", "vat_rate", "position")
QUESTION_FIELDS = (
    "kind",
    "label_fi",
    "label_sv",
    "label_en",
    "choices",
    "required",
    "sensitive",
    "position",
)

# The salt of registration manage links, and how long a link lives.
MANAGE_LINK_SALT = "vip.events.registration"
MANAGE_LINK_MAX_AGE = datetime.timedelta(days=400)

YES, NO = "yes", "no"

# Codes of refusals, for the API to answer them with the right status.
CODE_FULL = "full"
CODE_DUPLICATE = "duplicate"
CODE_CLOSED = "closed"
CODE_THROTTLED = "throttled"


def _check_fields(values: dict[str, Any], allowed: Iterable[str]) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")


# --- Counting seats ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Occupancy:
    confirmed: int
    waiting: int


def _occupancy(event: Event) -> Occupancy:
    counts = Registration.objects.filter(event=event).aggregate(
        confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Registration.Status.WAITING)),
    )
    return Occupancy(confirmed=counts["confirmed"], waiting=counts["waiting"])


def _has_free_seat(event: Event, occupancy: Occupancy) -> bool:
    return event.capacity is None or occupancy.confirmed < event.capacity


def _lock(event: Event) -> Event:
    """The event row, locked until the transaction ends: seat counts stay true meanwhile."""
    return Event.objects.select_for_update().get(pk=event.pk)


# --- Events -----------------------------------------------------------------------------------


def _clean_event(event: Event) -> None:
    event.full_clean(exclude=["created_by"])
    errors: dict[str, list[str]] = {}
    if event.organising_group_id is None and event.organisation_id is None:
        errors.setdefault("organising_group", []).append(
            _("Choose the organising group, the organising organisation or both.")
        )
    if event.mode in {Event.Mode.ON_SITE, Event.Mode.HYBRID} and not (event.venue or event.address):
        errors.setdefault("venue", []).append(_("An event on site needs a venue or an address."))
    if event.mode == Event.Mode.ON_SITE and event.join_url:
        errors.setdefault("join_url", []).append(
            _("An event only on site has no link to join; choose hybrid or remote.")
        )
    if (
        event.registration_opens_at is not None
        and event.registration_opens_at >= event.registration_closes
    ):
        errors.setdefault("registration_opens_at", []).append(
            _("Registration must open before it closes.")
        )
    if event.cancellation_deadline is not None and event.cancellation_deadline > event.starts_at:
        errors.setdefault("cancellation_deadline", []).append(
            _("The cancellation deadline cannot be after the start.")
        )
    if errors:
        raise ValidationError(errors)


def _set_relations(event: Event, relations: dict[str, Iterable[Any] | None]) -> list[str]:
    changed = []
    for name, values in relations.items():
        if values is None:
            continue
        wanted = {obj.pk for obj in values}
        manager = getattr(event, name)
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(list(wanted))
            changed.append(name)
    return changed


def _sync_children(
    event: Event,
    model: type[PriceGroup] | type[Question],
    fields: Sequence[str],
    rows: Sequence[dict[str, Any]] | None,
) -> bool:
    """Make the event's price groups or questions match ``rows``.

    A row with an ``id`` updates that child, one without creates one, and a child
    left out is deleted, unless registrations already use it.
    """
    if rows is None:
        return False
    existing = {child.pk: child for child in model.objects.filter(event=event)}
    kept: set[int] = set()
    for position, row in enumerate(rows):
        values = {key: value for key, value in row.items() if key != "id"}
        _check_fields(values, fields)
        values.setdefault("position", position)
        pk = row.get("id")
        if pk is not None and pk not in existing:
            raise ValidationError(_("The price group or question belongs to another event."))
        child = existing[pk] if pk is not None else model(event=event)
        if isinstance(child, PriceGroup) and pk is not None:
            _check_price_kept(child, values)
        for name, value in values.items():
            setattr(child, name, value)
        child.full_clean(exclude=["event"])
        child.save()
        kept.add(child.pk)
    for pk, child in existing.items():
        if pk in kept:
            continue
        if isinstance(child, PriceGroup) and child.registrations.exists():
            raise ValidationError(
                _("The price group %(name)s has registrations and cannot be removed.")
                % {"name": child.name}
            )
        if isinstance(child, Question) and child.answers.exists():
            raise ValidationError(
                _("The question “%(label)s” has answers and cannot be removed.")
                % {"label": child.label}
            )
        child.delete()
    return True


def _check_series(actor: User | None, event: Event | None, series: EventSeries | None) -> None:
    """An event joins only a series whose every other event the actor may change.

    Otherwise one foreign event would take the series out of its organisers' hands
    (duplicating a series needs the right to change all of its events).
    """
    if series is None or actor is None or (event is not None and event.series_id == series.pk):
        return
    others = Event.objects.filter(series=series)
    if event is not None:
        others = others.exclude(pk=event.pk)
    if others.exclude(pk__in=event_policy.visible(actor, "change").values("pk")).exists():
        raise ValidationError(
            {"series": _("Choose one of the series whose events you organise, or start a new one.")}
        )


def _check_price_kept(group: PriceGroup, values: dict[str, Any]) -> None:
    """Registrants are invoiced what the price was when they registered: it stays."""
    changed = [
        name
        for name in ("price", "vat_rate")
        if name in values and Decimal(str(values[name])) != getattr(group, name)
    ]
    if changed and group.registrations.exists():
        raise ValidationError(
            _(
                "The price group %(name)s has registrations: its price and VAT rate cannot "
                "change. Add a new price group instead."
            )
            % {"name": group.name}
        )


def _check_price_groups(event: Event) -> None:
    count = event.price_groups.count()
    if event.is_paid and count == 0:
        raise ValidationError(
            {"is_paid": _("A paid event needs at least one price group, e.g. “Other”.")}
        )
    if not event.is_paid and count:
        raise ValidationError({"is_paid": _("A free event has no price groups.")})


def event_create(
    *,
    actor: User | None,
    partner_organisations: Iterable[Organisation] = (),
    themes: Iterable[Any] = (),
    areas: Iterable[Any] = (),
    audience_sectors: Iterable[Any] = (),
    price_groups: Sequence[dict[str, Any]] = (),
    questions: Sequence[dict[str, Any]] = (),
    **values: Any,
) -> Event:
    """Create a draft event with its price groups and registration questions."""
    _check_fields(values, EVENT_FIELDS)
    _check_series(actor, None, values.get("series"))
    event = Event(**values)
    if getattr(actor, "is_authenticated", False):
        event.created_by = actor
    _clean_event(event)
    with transaction.atomic():
        event.save()
        _set_relations(
            event,
            {
                "partner_organisations": partner_organisations,
                "themes": themes,
                "areas": areas,
                "audience_sectors": audience_sectors,
            },
        )
        _sync_children(event, PriceGroup, PRICE_GROUP_FIELDS, price_groups)
        _sync_children(event, Question, QUESTION_FIELDS, questions)
        _check_price_groups(event)
        data_versions.bump(EVENTS_DATA)
        audit.record(
            AuditAction.EVENT_CREATED,
            actor=actor,
            target=event,
            organisation=event.organisation,
            details={"kind": event.kind, "group": event.organising_group_id},
        )
    return event


def event_update(
    *,
    actor: User | None,
    event: Event,
    partner_organisations: Iterable[Organisation] | None = None,
    themes: Iterable[Any] | None = None,
    areas: Iterable[Any] | None = None,
    audience_sectors: Iterable[Any] | None = None,
    price_groups: Sequence[dict[str, Any]] | None = None,
    questions: Sequence[dict[str, Any]] | None = None,
    **values: Any,
) -> Event:
    """Change an event. Relations and children given as None stay as they are.

    A capacity raised frees seats: the waiting list moves up at once.
    """
    _check_fields(values, EVENT_FIELDS)
    if "series" in values:
        _check_series(actor, event, values["series"])
    promoted: list[Registration] = []
    with transaction.atomic():
        stored = _lock(event)
        if stored.status == Event.Status.CANCELLED:
            raise ValidationError(_("A cancelled event cannot be changed."))
        changed = [name for name, value in values.items() if getattr(stored, name) != value]
        for name in changed:
            setattr(stored, name, values[name])
        _clean_event(stored)
        occupancy = _occupancy(stored)
        if stored.capacity is not None and stored.capacity < occupancy.confirmed:
            raise ValidationError(
                {
                    "capacity": _(
                        "%(count)d participants are confirmed already: the capacity cannot "
                        "be lower. Remove participants first."
                    )
                    % {"count": occupancy.confirmed}
                }
            )
        if stored.waiting_list_capacity < occupancy.waiting:
            raise ValidationError(
                {
                    "waiting_list_capacity": _(
                        "%(count)d people are on the waiting list already: it cannot be shorter."
                    )
                    % {"count": occupancy.waiting}
                }
            )
        if changed:
            stored.save()
        changed += _set_relations(
            stored,
            {
                "partner_organisations": partner_organisations,
                "themes": themes,
                "areas": areas,
                "audience_sectors": audience_sectors,
            },
        )
        if _sync_children(stored, PriceGroup, PRICE_GROUP_FIELDS, price_groups):
            changed.append("price_groups")
        if _sync_children(stored, Question, QUESTION_FIELDS, questions):
            changed.append("questions")
        _check_price_groups(stored)
        if "capacity" in changed:
            promoted = _fill_free_seats(stored, actor=actor)
        if changed:
            data_versions.bump(EVENTS_DATA)
            audit.record(
                AuditAction.EVENT_UPDATED,
                actor=actor,
                target=stored,
                organisation=stored.organisation,
                details={"fields": changed, "promoted": [r.pk for r in promoted]},
            )
    event.refresh_from_db()
    return event


def event_publish(*, actor: User | None, event: Event) -> Event:
    with transaction.atomic():
        stored = _lock(event)
        if stored.status != Event.Status.DRAFT:
            raise ValidationError(_("Only a draft can be published."))
        _clean_event(stored)
        _check_price_groups(stored)
        stored.status = Event.Status.PUBLISHED
        stored.published_at = timezone.now()
        stored.save(update_fields=["status", "published_at", "updated_at"])
        data_versions.bump(EVENTS_DATA)
        audit.record(
            AuditAction.EVENT_PUBLISHED,
            actor=actor,
            target=stored,
            organisation=stored.organisation,
        )
    event.refresh_from_db()
    return event


def event_cancel(*, actor: User | None, event: Event, reason: str) -> Event:
    """Cancel the event; everyone confirmed or waiting is told why, after commit."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"cancel_reason": _("Give the reason for cancelling.")})
    with transaction.atomic():
        stored = _lock(event)
        if stored.status == Event.Status.CANCELLED:
            raise ValidationError(_("The event has been cancelled already."))
        stored.status = Event.Status.CANCELLED
        stored.cancel_reason = reason
        stored.cancelled_at = timezone.now()
        stored.save(update_fields=["status", "cancel_reason", "cancelled_at", "updated_at"])
        registration_ids = list(
            stored.registrations.filter(status__in=ACTIVE_STATUSES).values_list("pk", flat=True)
        )
        data_versions.bump(EVENTS_DATA)
        audit.record(
            AuditAction.EVENT_CANCELLED,
            actor=actor,
            target=stored,
            organisation=stored.organisation,
            details={"registrations_told": len(registration_ids)},
        )
        transaction.on_commit(partial(_tell_cancelled, stored.pk, registration_ids), robust=True)
    event.refresh_from_db()
    return event


# --- Registrations ----------------------------------------------------------------------------


def _clean_answers(event: Event, answers: dict[int, str]) -> list[Answer]:
    questions = {question.pk: question for question in event.questions.all()}
    errors: dict[str, list[str]] = {}
    for question_id in answers:
        if question_id not in questions:
            errors.setdefault("answers", []).append(
                _("Question %(id)s does not belong to this event.") % {"id": question_id}
            )
    rows = []
    for question in questions.values():
        value = str(answers.get(question.pk, "") or "").strip()
        key = f"answers.{question.pk}"
        if not value:
            if question.required:
                errors.setdefault(key, []).append(
                    _("Answer the question “%(label)s”.") % {"label": question.label}
                )
            continue
        if question.kind == Question.Kind.CHOICE and value not in question.choice_list:
            errors.setdefault(key, []).append(
                _("Choose one of: %(choices)s.") % {"choices": ", ".join(question.choice_list)}
            )
        elif question.kind == Question.Kind.YES_NO and value not in {YES, NO}:
            errors.setdefault(key, []).append(_("Answer yes or no."))
        elif len(value) > 2000:
            errors.setdefault(key, []).append(_("Keep the answer under 2,000 characters."))
        rows.append(Answer(question=question, value=value))
    if errors:
        raise ValidationError(errors)
    return rows


def _closed_error(event: Event, now: datetime.datetime) -> ValidationError | None:
    if event.status == Event.Status.CANCELLED:
        return ValidationError(_("The event has been cancelled."), code=CODE_CLOSED)
    if event.status != Event.Status.PUBLISHED:
        return ValidationError(_("The event is not open for registration."), code=CODE_CLOSED)
    if event.registration_opens_at is not None and now < event.registration_opens_at:
        opens = timezone.localtime(event.registration_opens_at)
        return ValidationError(
            _("Registration opens on %(date)s at %(time)s.")
            % {
                "date": date_format(opens, "SHORT_DATE_FORMAT"),
                "time": time_format(opens, "TIME_FORMAT"),
            },
            code=CODE_CLOSED,
        )
    if now >= event.registration_closes:
        return ValidationError(_("Registration has closed."), code=CODE_CLOSED)
    return None


def _duplicate_error() -> ValidationError:
    return ValidationError(
        {
            "email": ValidationError(
                _("This e-mail address is already registered for this event."),
                code=CODE_DUPLICATE,
            )
        }
    )


def registration_create(
    *,
    actor: User | None = None,
    event: Event,
    given_name: str,
    family_name: str,
    email: str,
    consent: bool,
    organisation: Organisation | None = None,
    organisation_text: str = "",
    municipality: Municipality | None = None,
    sector: Sector | None = None,
    language: str = Registration.Language.FI,
    price_group: PriceGroup | None = None,
    billing_organisation: str = "",
    billing_reference: str = "",
    billing_address: str = "",
    answers: dict[int, str] | None = None,
    notify: bool = True,
    client_ip: str | None = None,
) -> Registration:
    """Register someone, confirmed while seats last, then on the waiting list, then refused.

    Raises ValidationError: a dict keyed by field for bad input; a plain message
    with code ``closed`` or ``full`` when the event takes no registration, or
    ``throttled`` when ``client_ip`` registered too often lately; one keyed
    ``email`` with code ``duplicate`` when the address is registered already.
    """
    now = timezone.now()
    registration = Registration(
        event=event,
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        email=email.strip().lower(),
        organisation=organisation,
        organisation_text=organisation_text.strip(),
        municipality=municipality,
        sector=sector,
        language=language,
        price_group=price_group,
        billing_organisation=billing_organisation.strip(),
        billing_reference=billing_reference.strip(),
        billing_address=billing_address.strip(),
        consent_at=now,
        created_at=now,
        status=Registration.Status.CONFIRMED,
    )
    # Cheap checks first, outside the lock: bad input never queues for a seat.
    errors: dict[str, list[str]] = {}
    if not consent:
        errors["consent"] = [_("Accept the privacy notice to register.")]
    try:
        registration.full_clean(
            exclude=["event", "consent_at"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    try:
        validate_email(registration.email)
    except ValidationError:
        errors.setdefault("email", [_("Enter a valid e-mail address.")])
    if organisation is not None and not organisation.is_active_on(timezone.localdate(now)):
        # The page offers active organisations only; the API takes any id, so check here.
        errors.setdefault("organisation", []).append(
            _(
                "“%(name)s” is no longer active in the registry: choose another organisation "
                "or type the name of yours."
            )
            % {"name": organisation.name}
        )
    if event.is_paid:
        if price_group is None:
            errors.setdefault("price_group", []).append(_("Choose a price group."))
        if not registration.billing_organisation:
            errors.setdefault("billing_organisation", []).append(
                _("Enter the organisation to invoice.")
            )
        if not registration.billing_address:
            errors.setdefault("billing_address", []).append(_("Enter the billing address."))
    elif price_group is not None:
        errors.setdefault("price_group", []).append(_("The event is free: choose no price group."))
    if price_group is not None and price_group.event_id != event.pk:
        errors.setdefault("price_group", []).append(_("Choose a price group of this event."))
    try:
        answer_rows = _clean_answers(event, answers or {})
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
        answer_rows = []
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        locked = _lock(event)
        if (closed := _closed_error(locked, now)) is not None:
            raise closed
        # Counted under the lock: the registrations of earlier holders are committed,
        # so a burst from one address cannot all pass the same count.
        if registration_throttled(client_ip):
            raise ValidationError(throttled_message(), code=CODE_THROTTLED)
        if Registration.objects.filter(
            event=locked, email=registration.email, status__in=ACTIVE_STATUSES
        ).exists():
            raise _duplicate_error()
        occupancy = _occupancy(locked)
        if _has_free_seat(locked, occupancy):
            registration.status = Registration.Status.CONFIRMED
        elif occupancy.waiting < locked.waiting_list_capacity:
            registration.status = Registration.Status.WAITING
        else:
            raise ValidationError(_("The event is full and its waiting list too."), code=CODE_FULL)
        try:
            # The unique constraint is the last guard against a double submit.
            with transaction.atomic():
                registration.save()
        except IntegrityError:
            raise _duplicate_error() from None
        for answer in answer_rows:
            answer.registration = registration
        Answer.objects.bulk_create(answer_rows)
        # Seats left and the waiting list are public: the event's cached pages must show
        # the change at once (calendar lists may lag a minute; see views/pages.py).
        data_versions.bump(event_data_key(locked.pk))
        audit.record(
            AuditAction.REGISTRATION_CREATED,
            actor=actor,
            target=registration,
            # Ids and the outcome only: names and addresses are personal data.
            details={"event": locked.pk, "status": registration.status},
        )
        if notify:
            transaction.on_commit(partial(_tell_registered, registration.pk), robust=True)
    return registration


def _fill_free_seats(event: Event, *, actor: User | None) -> list[Registration]:
    """Promote the oldest on the waiting list while seats are free; call with the event locked."""
    occupancy = _occupancy(event)
    free = None if event.capacity is None else event.capacity - occupancy.confirmed
    if free is not None and free <= 0:
        return []
    waiting = Registration.objects.filter(event=event, status=Registration.Status.WAITING).order_by(
        "created_at", "pk"
    )
    if free is not None:
        waiting = waiting[:free]
    promoted = list(waiting)
    for registration in promoted:
        _promote(registration, actor=actor, automatic=True)
    return promoted


def _promote(registration: Registration, *, actor: User | None, automatic: bool) -> None:
    registration.status = Registration.Status.CONFIRMED
    registration.promoted_at = timezone.now()
    registration.save(update_fields=["status", "promoted_at"])
    audit.record(
        AuditAction.REGISTRATION_PROMOTED,
        actor=actor,
        target=registration,
        details={"event": registration.event_id, "automatic": automatic},
    )
    transaction.on_commit(partial(_tell_promoted, registration.pk), robust=True)


def _end_registration(
    registration: Registration,
    *,
    actor: User | None,
    status: str,
    action: AuditAction,
    check_deadline: bool,
) -> list[Registration]:
    with transaction.atomic():
        event = _lock(registration.event)
        stored = Registration.objects.select_for_update().get(pk=registration.pk)
        if not stored.is_active:
            raise ValidationError(_("The registration has been cancelled already."))
        if check_deadline and timezone.now() >= event.cancellation_closes:
            raise ValidationError(
                _("The cancellation deadline has passed; please contact the organiser.")
            )
        held_seat = stored.status == Registration.Status.CONFIRMED
        stored.status = status
        stored.cancelled_at = timezone.now()
        stored.save(update_fields=["status", "cancelled_at"])
        data_versions.bump(event_data_key(event.pk))
        audit.record(
            action,
            actor=actor,
            target=stored,
            details={"event": event.pk, "held_seat": held_seat},
        )
        promoted = (
            _fill_free_seats(event, actor=actor)
            if held_seat and event.status == Event.Status.PUBLISHED
            else []
        )
    registration.refresh_from_db()
    return promoted


def registration_cancel(
    *, registration: Registration, actor: User | None = None
) -> list[Registration]:
    """The participant cancels (through their link) before the deadline.

    Returns the registrations promoted from the waiting list to the freed seat.
    """
    return _end_registration(
        registration,
        actor=actor,
        status=Registration.Status.CANCELLED,
        action=AuditAction.REGISTRATION_CANCELLED,
        check_deadline=True,
    )


def registration_remove(*, actor: User | None, registration: Registration) -> list[Registration]:
    """An organiser removes a participant, at any time; the waiting list moves up."""
    return _end_registration(
        registration,
        actor=actor,
        status=Registration.Status.REMOVED,
        action=AuditAction.REGISTRATION_REMOVED,
        check_deadline=False,
    )


def registration_promote(*, actor: User | None, registration: Registration) -> Registration:
    """An organiser moves someone off the waiting list, out of turn, into a free seat."""
    with transaction.atomic():
        event = _lock(registration.event)
        stored = Registration.objects.select_for_update().get(pk=registration.pk)
        if stored.status != Registration.Status.WAITING:
            raise ValidationError(_("Only someone on the waiting list can be promoted."))
        if not _has_free_seat(event, _occupancy(event)):
            raise ValidationError(
                _(
                    "No seat is free: the event is full. Raise the capacity or remove a "
                    "participant first."
                )
            )
        _promote(stored, actor=actor, automatic=False)
        data_versions.bump(event_data_key(event.pk))
    registration.refresh_from_db()
    return registration


# --- Manage links -----------------------------------------------------------------------------


def link_payload(registration: Registration) -> dict[str, Any]:
    """What a personal link names: the registration, and its event's stable uid."""
    return {"r": registration.pk, "e": str(registration.event.uid)}


def registration_of_link(payload: Any) -> Registration | None:
    """The registration a verified link payload names, with its event; None if gone."""
    if not isinstance(payload, dict):
        return None
    pk, uid = payload.get("r"), payload.get("e")
    if not isinstance(pk, int) or not isinstance(uid, str):
        return None
    return Registration.objects.select_related("event").filter(pk=pk, event__uid=uid).first()


def manage_token(registration: Registration) -> str:
    """A signed, timestamped token naming the registration and its event."""
    return signing.dumps(link_payload(registration), salt=MANAGE_LINK_SALT)


def manage_url(registration: Registration) -> str:
    # The page that serves it comes with the event pages; the path is fixed here.
    return f"{settings.SITE_URL}/events/registrations/{manage_token(registration)}/"


class ManageLinkError(Exception):
    """A manage link that is tampered with, expired, or names no registration."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def registration_from_token(token: str) -> Registration:
    try:
        data = signing.loads(token, salt=MANAGE_LINK_SALT, max_age=MANAGE_LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise ManageLinkError(
            _("The link has expired. Please contact the organiser of the event.")
        ) from None
    except signing.BadSignature:
        raise ManageLinkError(
            _("The link is not valid. Check that you copied the whole address.")
        ) from None
    registration = registration_of_link(data)
    if registration is None:
        raise ManageLinkError(_("The registration no longer exists."))
    if registration.anonymised_at is not None:
        # At the registrant's request or after the retention period: the same for the link.
        raise ManageLinkError(
            _("This registration is no longer available: its personal details have been removed.")
        )
    return registration


# --- Mail -------------------------------------------------------------------------------------


SUBJECT_CONFIRMED = gettext_lazy("Registration confirmed: %(title)s")
SUBJECT_WAITING = gettext_lazy("You are on the waiting list: %(title)s")
SUBJECT_PROMOTED = gettext_lazy("A seat is yours: %(title)s")
SUBJECT_CANCELLED = gettext_lazy("Event cancelled: %(title)s")


def _send(registration: Registration, template: str, subject: Promise, **extra: Any) -> None:
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        event = registration.event
        context = {
            "registration": registration,
            "event": event,
            "starts": timezone.localtime(event.starts_at),
            "ends": timezone.localtime(event.ends_at),
            "manage_url": manage_url(registration),
            "site_url": settings.SITE_URL,
            **extra,
        }
        send_mail(
            subject=str(subject) % {"title": event.title},
            message=render_to_string(template, context),
            from_email=None,
            recipient_list=[registration.email],
        )


def _tell_registered(registration_id: int) -> None:
    registration = Registration.objects.select_related("event").get(pk=registration_id)
    if registration.status == Registration.Status.WAITING:
        _send(
            registration,
            "events/email/registration_waiting.txt",
            SUBJECT_WAITING,
        )
    else:
        _send(
            registration,
            "events/email/registration_confirmed.txt",
            SUBJECT_CONFIRMED,
        )


def _tell_promoted(registration_id: int) -> None:
    registration = Registration.objects.select_related("event").get(pk=registration_id)
    _send(registration, "events/email/promoted.txt", SUBJECT_PROMOTED)


def _tell_cancelled(event_id: int, registration_ids: list[int]) -> None:
    registrations = Registration.objects.select_related("event").filter(pk__in=registration_ids)
    for registration in registrations:
        try:
            _send(registration, "events/email/event_cancelled.txt", SUBJECT_CANCELLED)
        except Exception:  # one failing address does not keep the others uninformed
            logger.exception(
                "Cancellation of event %s not mailed to registration %s", event_id, registration.pk
            )
