"""Retention of registration data: the daily job ``manage.py purge_event_data``.

Two steps, each idempotent, so the job can run any day and any number of times:

1. Answers to sensitive questions (dietary needs, say) are deleted once the event
   ended more than ``EVENTS_SENSITIVE_ANSWER_DAYS`` days ago; the event's
   ``sensitive_answers_deleted_at`` records when. Other answers stay for now.
2. Registrations of events that ended more than ``EVENTS_REGISTRATION_RETENTION_MONTHS``
   months ago are anonymised: names, e-mail address, typed organisation and billing
   details are blanked and every answer is deleted. What the reach figures count stays
   (status, attendance, municipality, sector, organisation, price group, language and
   the times), so every aggregate is the same before and after.

Work goes in batches of registrations (keyset pagination on the primary key), one
transaction each, so 150,000 registrations never sit in memory and a crash loses at
most one batch, which the next run does again. Each transaction writes one audit row
per event it touched, with the counts: an auditor looking at an event finds what was
deleted from it and when, and an event larger than a batch simply has several rows
whose counts add up.
"""

from __future__ import annotations

import calendar
import datetime
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Count, Exists, OuterRef, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from vip.audit import audit
from vip.audit.models import AuditAction
from vip.events.models import Answer, Event, Question, Registration

if TYPE_CHECKING:
    from vip.accounts.models import User

BATCH_SIZE = 1000
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


def events_with_sensitive_answers_due(before: datetime.datetime) -> QuerySet[Event]:
    """Events ended before ``before`` whose sensitive answers are still to be deleted."""
    return Event.objects.filter(
        ends_at__lt=before,
        sensitive_answers_deleted_at__isnull=True,
    ).filter(Exists(Question.objects.filter(event=OuterRef("pk"), sensitive=True)))


def registrations_due_for_anonymising(before: datetime.datetime) -> QuerySet[Registration]:
    return Registration.objects.filter(event__ends_at__lt=before, anonymised_at__isnull=True)


def _sensitive_answers(event_ids: list[int]) -> QuerySet[Answer]:
    return Answer.objects.filter(question__event_id__in=event_ids, question__sensitive=True)


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
    # Events go in batches too; an event's sensitive answers number at most its
    # registrations times its sensitive questions, so a batch stays bounded.
    events_per_batch = max(1, batch_size // 100)
    while True:
        event_ids = list(
            due.filter(pk__gt=last_pk)
            .order_by("pk")
            .values_list("pk", flat=True)[:events_per_batch]
        )
        if not event_ids:
            break
        last_pk = event_ids[-1]
        with transaction.atomic():
            per_event = Counter(
                dict(
                    _sensitive_answers(event_ids)
                    .order_by()
                    .values_list("question__event_id")
                    .annotate(n=Count("pk"))
                    .values_list("question__event_id", "n")
                )
            )
            _sensitive_answers(event_ids).delete()
            # Only events still due: one that another run finished meanwhile keeps its time.
            Event.objects.filter(
                pk__in=event_ids, sensitive_answers_deleted_at__isnull=True
            ).update(sensitive_answers_deleted_at=now)
            for event_id in event_ids:
                audit.record(
                    AuditAction.SENSITIVE_ANSWERS_DELETED,
                    actor=actor,
                    target_type="events.event",
                    target_id=event_id,
                    details={"answers": per_event[event_id], "days_after_event": days},
                )
        events += len(event_ids)
        answers += per_event.total()
    return StepResult(events=events, rows=answers)


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
            due.filter(pk__gt=last_pk).order_by("pk").values_list("pk", "event_id")[:batch_size]
        )
        if not batch:
            break
        last_pk = batch[-1][0]
        ids = [pk for pk, _event_id in batch]
        with transaction.atomic():
            answer_counts = Counter(
                dict(
                    Answer.objects.filter(registration_id__in=ids)
                    .order_by()
                    .values_list("registration__event_id")
                    .annotate(n=Count("pk"))
                    .values_list("registration__event_id", "n")
                )
            )
            Answer.objects.filter(registration_id__in=ids).delete()
            # Rows anonymised by a run in parallel are left as they are, and not counted.
            still_due = list(
                Registration.objects.filter(pk__in=ids, anonymised_at__isnull=True).values_list(
                    "pk", "event_id"
                )
            )
            Registration.objects.filter(pk__in=[pk for pk, _ in still_due]).update(
                email=anonymised_email(), anonymised_at=now, **ANONYMISED_VALUES
            )
            per_event = Counter(event_id for _pk, event_id in still_due)
            for event_id in sorted(per_event.keys() | answer_counts.keys()):
                audit.record(
                    AuditAction.REGISTRATIONS_ANONYMISED,
                    actor=actor,
                    target_type="events.event",
                    target_id=event_id,
                    details={
                        "registrations": per_event[event_id],
                        "answers": answer_counts[event_id],
                        "months_after_event": months,
                    },
                )
        touched.update(per_event)
        rows += len(still_due)
        answers += answer_counts.total()
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
