"""Retention of registration data: the daily job ``manage.py purge_event_data``.

Two steps, each idempotent, so the job can run any day and any number of times:

1. Answers to sensitive questions (dietary needs, say) are deleted once the event
   ended more than ``EVENTS_SENSITIVE_ANSWER_DAYS`` days ago. An event is due whenever
   it still holds such answers, also after an earlier deletion: its end may have moved
   later and new people answered, or a question may have become sensitive since. The
   event's ``sensitive_answers_deleted_at`` records the last deletion. Other answers
   stay for now.
2. Registrations of events that ended more than ``EVENTS_REGISTRATION_RETENTION_MONTHS``
   months ago are anonymised: names, e-mail address, typed organisation and billing
   details are blanked, the organisation of the registry gives way to its kind, the
   personal times (consent, promotion, cancellation, attendance marking, feedback
   request) are cut to the start of their day in Helsinki time, and every answer is
   deleted. The exact organisation (a school) or time, with the municipality, sector and
   event, could point to one person. What the reach figures count stays (status,
   attendance, municipality, sector, organisation kind, price group and language), so
   every aggregate is the same before and after; so does the registration time, which
   orders the participant list and its waiting list.

A registrant can also have their registration anonymised at once through their link,
once it no longer holds or awaits a seat (``registration_anonymise_at_request``): the
same batch function does it, and its audit row names the registration instead of the
retention period.

Work goes in batches (keyset pagination on the primary key): registrations in step 2,
events in step 1 (one per ``REGISTRATIONS_PER_EVENT`` of the batch size, at least one).
One transaction each, so 150,000 registrations never sit in memory and a crash loses
at most one batch, which the next run does again. Each transaction writes one audit row
per event it touched, with the counts: an auditor looking at an event finds what was
deleted from it and when, and an event larger than a batch simply has several rows
whose counts add up.

Two runs at once (a slow run overlapping the next day's) neither redo nor double-count
anything: each batch first locks its rows (the events in step 1, the registrations in
step 2), and only then counts and changes what is still due. On PostgreSQL the later
run waits for the earlier one to commit and then finds nothing left; SQLite lets only
one writer in at a time anyway.
"""

from __future__ import annotations

import calendar
import datetime
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, Count, Exists, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from vip.audit import audit
from vip.audit.models import AuditAction
from vip.events.models import Answer, Event, Registration
from vip.registry.models import Organisation

if TYPE_CHECKING:
    from vip.accounts.models import User

BATCH_SIZE = 1000
# Step 1 goes by events: one per this many of the batch size (an event's sensitive
# answers number at most its registrations times its sensitive questions).
REGISTRATIONS_PER_EVENT = 100
# The e-mail address of an anonymised registration: unique (the active-status unique
# constraint on the address still holds) and undeliverable (.invalid is reserved,
# RFC 2606), yet a valid address, so the row still passes the model's validation.
ANONYMISED_EMAIL_DOMAIN = "anonymised.invalid"


def anonymised_email() -> Concat:
    """The database expression of an anonymised row's address: ``anonymised-<pk>@…``."""
    return Concat(
        Value("anonymised-"),
        Cast("pk", output_field=CharField()),
        Value(f"@{ANONYMISED_EMAIL_DOMAIN}"),
        output_field=CharField(),
    )


# Everything that identifies the registrant or their invoice; the rest stays for the figures.
ANONYMISED_VALUES: dict[str, object] = {
    "given_name": "",
    "family_name": "",
    "organisation_text": "",
    "billing_organisation": "",
    "billing_reference": "",
    "billing_address": "",
}
# Times of the person's own doings, cut to the day on anonymising. ``created_at`` stays
# exact: the participant list and its waiting list go in its order.
PERSONAL_TIMES = (
    "consent_at",
    "promoted_at",
    "cancelled_at",
    "attendance_marked_at",
    "feedback_requested_at",
)


def anonymised_organisation() -> dict[str, object]:
    """The update of an anonymised row's organisation: its kind instead of the organisation.

    Both values are computed from the row as it was, so one UPDATE does both.
    """
    kind = Subquery(Organisation.objects.filter(pk=OuterRef("organisation_id")).values("kind"))
    return {
        "organisation_kind": Coalesce(kind, Value(""), output_field=CharField()),
        "organisation": None,
    }


def start_of_day(moment: datetime.datetime | None) -> datetime.datetime | None:
    """Midnight in Helsinki time (the default time zone) of the day of ``moment``."""
    if moment is None:
        return None
    day = timezone.localdate(moment)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same local time ``months`` calendar months earlier (31.3. less one month: 28./29.2.)."""
    local = timezone.localtime(moment)
    index = local.year * 12 + (local.month - 1) - months
    year, month = divmod(index, 12)
    day = min(local.day, calendar.monthrange(year, month + 1)[1])
    naive = local.replace(tzinfo=None, year=year, month=month + 1, day=day)
    return timezone.make_aware(naive)


@dataclass(frozen=True, slots=True)
class StepResult:
    events: int
    rows: int
    # Answers deleted along with the anonymisation (step 2 only).
    answers: int = 0


@dataclass(frozen=True, slots=True)
class RetentionReport:
    sensitive_before: datetime.datetime
    sensitive: StepResult
    anonymise_before: datetime.datetime
    anonymised: StepResult
    dry_run: bool


def _sensitive_cutoff(now: datetime.datetime) -> tuple[datetime.datetime, int]:
    days = settings.EVENTS_SENSITIVE_ANSWER_DAYS
    if days < 0:
        raise ValueError("EVENTS_SENSITIVE_ANSWER_DAYS cannot be negative.")
    return now - datetime.timedelta(days=days), days


def _anonymise_cutoff(now: datetime.datetime) -> tuple[datetime.datetime, int]:
    months = settings.EVENTS_REGISTRATION_RETENTION_MONTHS
    if months < 1:
        # Attendance marking, feedback and invoicing all follow the event: anonymising
        # the same month would take the registrations from under them.
        raise ValueError("EVENTS_REGISTRATION_RETENTION_MONTHS must be at least 1.")
    return months_before(now, months), months


def _holds_sensitive_answers() -> Exists:
    return Exists(Answer.objects.filter(question__event=OuterRef("pk"), question__sensitive=True))


def events_with_sensitive_answers_due(before: datetime.datetime) -> QuerySet[Event]:
    """Events ended before ``before`` that still hold answers to sensitive questions."""
    return Event.objects.filter(ends_at__lt=before).filter(_holds_sensitive_answers())


def events_per_batch(batch_size: int) -> int:
    return max(1, batch_size // REGISTRATIONS_PER_EVENT)


def registrations_due_for_anonymising(before: datetime.datetime) -> QuerySet[Registration]:
    return Registration.objects.filter(event__ends_at__lt=before, anonymised_at__isnull=True)


def _sensitive_answers(event_ids: list[int]) -> QuerySet[Answer]:
    return Answer.objects.filter(question__event_id__in=event_ids, question__sensitive=True)


@transaction.atomic
def delete_sensitive_answers_batch(
    event_ids: list[int],
    *,
    actor: User | None,
    now: datetime.datetime,
    before: datetime.datetime,
    days: int,
) -> Counter[int]:
    """Delete the sensitive answers of those of ``event_ids`` still due; answers per event.

    The events are locked first: a run in parallel that got them first is waited for.
    The count is a later statement than the lock, so it sees what that run committed,
    and answers it deleted are neither deleted nor counted again.
    """
    locked = list(
        Event.objects.select_for_update()
        .filter(pk__in=event_ids, ends_at__lt=before)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    per_event = Counter(
        dict(
            _sensitive_answers(locked)
            .order_by()
            .values_list("question__event_id")
            .annotate(n=Count("pk"))
            .values_list("question__event_id", "n")
        )
    )
    done = sorted(per_event)
    _sensitive_answers(done).delete()
    Event.objects.filter(pk__in=done).update(sensitive_answers_deleted_at=now)
    for event_id in done:
        audit.record(
            AuditAction.SENSITIVE_ANSWERS_DELETED,
            actor=actor,
            target_type="events.event",
            target_id=event_id,
            details={"answers": per_event[event_id], "days_after_event": days},
        )
    return per_event


def delete_sensitive_answers(
    *,
    actor: User | None = None,
    now: datetime.datetime | None = None,
    dry_run: bool = False,
    batch_size: int = BATCH_SIZE,
) -> StepResult:
    """Step 1: delete the answers to sensitive questions of events past the period."""
    now = now or timezone.now()
    before, days = _sensitive_cutoff(now)
    due = events_with_sensitive_answers_due(before)
    if dry_run:
        due_answers = Answer.objects.filter(question__sensitive=True, question__event__in=due)
        return StepResult(events=due.count(), rows=due_answers.count())
    events = answers = 0
    last_pk = 0
    while True:
        event_ids = list(
            due.filter(pk__gt=last_pk)
            .order_by("pk")
            .values_list("pk", flat=True)[: events_per_batch(batch_size)]
        )
        if not event_ids:
            break
        last_pk = event_ids[-1]
        per_event = delete_sensitive_answers_batch(
            event_ids, actor=actor, now=now, before=before, days=days
        )
        events += len(per_event)
        answers += per_event.total()
    return StepResult(events=events, rows=answers)


@dataclass(frozen=True, slots=True)
class AnonymisedBatch:
    registrations: Counter[int]  # per event
    answers: Counter[int]  # per event


@transaction.atomic
def anonymise_batch(
    registration_ids: list[int],
    *,
    actor: User | None,
    now: datetime.datetime,
    months: int | None,
) -> AnonymisedBatch:
    """Anonymise those of ``registration_ids`` not anonymised yet; the counts per event.

    ``months`` is the retention period that made the rows due, or None when the
    registrant asked for their details to go (``registration_anonymise_at_request``).
    Only the rows still not anonymised once locked are touched and counted: a run in
    parallel that got them first is waited for, and what it did is left as it is.
    """
    rows = list(
        Registration.objects.select_for_update()
        .filter(pk__in=registration_ids, anonymised_at__isnull=True)
        .order_by("pk")
        .values_list("pk", "event_id", *PERSONAL_TIMES)
    )
    ids = [row[0] for row in rows]
    answers = Counter(
        dict(
            Answer.objects.filter(registration_id__in=ids)
            .order_by()
            .values_list("registration__event_id")
            .annotate(n=Count("pk"))
            .values_list("registration__event_id", "n")
        )
    )
    Answer.objects.filter(registration_id__in=ids).delete()
    Registration.objects.filter(pk__in=ids).update(
        email=anonymised_email(),
        anonymised_at=now,
        **anonymised_organisation(),
        **ANONYMISED_VALUES,
    )
    # Midnight in Helsinki is a different UTC hour in summer and in winter, and the
    # databases' truncation to a time zone gives local times without converting them
    # back: the values are computed here instead.
    Registration.objects.bulk_update(
        [
            Registration(
                pk=pk,
                **{
                    field: start_of_day(value)
                    for field, value in zip(PERSONAL_TIMES, times, strict=True)
                },
            )
            for pk, _event_id, *times in rows
        ],
        PERSONAL_TIMES,
    )
    registrations = Counter(event_id for _pk, event_id, *_times in rows)
    for event_id in sorted(registrations):
        audit.record(
            AuditAction.REGISTRATIONS_ANONYMISED,
            actor=actor,
            target_type="events.event",
            target_id=event_id,
            details={
                "registrations": registrations[event_id],
                "answers": answers[event_id],
                **(
                    {"months_after_event": months}
                    if months is not None
                    else {"at_request_of_registration": ids[0]}
                ),
            },
        )
    return AnonymisedBatch(registrations=registrations, answers=answers)


def registration_anonymise_at_request(
    *, registration: Registration, actor: User | None = None
) -> AnonymisedBatch:
    """The registrant deletes their details at once, through their link, as the job would.

    Only once the registration no longer holds or awaits a seat: the organisers need the
    name of everyone coming. What the figures count stays, as after the retention period.
    """
    with transaction.atomic():
        stored = Registration.objects.select_for_update().get(pk=registration.pk)
        if stored.anonymised_at is not None:
            raise ValidationError(_("Your details have been deleted already."))
        if stored.is_active:
            raise ValidationError(
                _(
                    "Cancel the registration first: the organisers need the details of "
                    "everyone coming."
                )
            )
        done = anonymise_batch([stored.pk], actor=actor, now=timezone.now(), months=None)
    registration.refresh_from_db()
    return done


def anonymise_registrations(
    *,
    actor: User | None = None,
    now: datetime.datetime | None = None,
    dry_run: bool = False,
    batch_size: int = BATCH_SIZE,
) -> StepResult:
    """Step 2: anonymise the registrations of events past the retention period."""
    now = now or timezone.now()
    before, months = _anonymise_cutoff(now)
    due = registrations_due_for_anonymising(before)
    if dry_run:
        totals = due.aggregate(rows=Count("pk"), events=Count("event", distinct=True))
        answers = Answer.objects.filter(
            registration__event__ends_at__lt=before, registration__anonymised_at__isnull=True
        ).count()
        return StepResult(events=totals["events"], rows=totals["rows"], answers=answers)
    touched: set[int] = set()
    rows = answers = 0
    last_pk = 0
    while True:
        batch = list(
            due.filter(pk__gt=last_pk).order_by("pk").values_list("pk", flat=True)[:batch_size]
        )
        if not batch:
            break
        last_pk = batch[-1]
        done = anonymise_batch(batch, actor=actor, now=now, months=months)
        touched.update(done.registrations)
        rows += done.registrations.total()
        answers += done.answers.total()
    return StepResult(events=len(touched), rows=rows, answers=answers)


def purge_event_data(
    *,
    actor: User | None = None,
    now: datetime.datetime | None = None,
    dry_run: bool = False,
    batch_size: int = BATCH_SIZE,
) -> RetentionReport:
    """Both steps, sensitive answers first. ``dry_run`` counts and writes nothing."""
    if batch_size < 1:
        raise ValueError("The batch size must be at least 1.")
    now = now or timezone.now()
    # Both settings are checked before either step writes anything.
    sensitive_before, _days = _sensitive_cutoff(now)
    anonymise_before, _months = _anonymise_cutoff(now)
    sensitive = delete_sensitive_answers(
        actor=actor, now=now, dry_run=dry_run, batch_size=batch_size
    )
    anonymised = anonymise_registrations(
        actor=actor, now=now, dry_run=dry_run, batch_size=batch_size
    )
    return RetentionReport(
        sensitive_before=sensitive_before,
        sensitive=sensitive,
        anonymise_before=anonymise_before,
        anonymised=anonymised,
        dry_run=dry_run,
    )
