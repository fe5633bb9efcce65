"""Writing planned events in bulk, with registrations, answers, attendance and feedback.

The demo's history cannot go through the registration service: it refuses, rightly,
to register anyone for an event that is over, and 150,000 service calls would each
lock, count and audit. So events are written with ``bulk_create`` in chunks of 250,
their registrations, answers and feedback with plain multi-row INSERTs (``insert_rows``),
and the rules the services enforce are kept by construction instead: ``simulate`` fills seats
and waiting lists as the service does, and tests check the seeded data against the
capacities and against the services' own validation of events. The state is what
the daily retention job would have left: sensitive answers of events over
``EVENTS_SENSITIVE_ANSWER_DAYS`` days ago are gone, registrations of events over
``EVENTS_REGISTRATION_RETENTION_MONTHS`` months ago are anonymised.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import Count, Exists, ManyToManyField, OuterRef, Q
from django.db.models.fields import AutoFieldMixin

from vip.demo.events import catalogue
from vip.demo.events.base import EventSeederBase
from vip.demo.events.plans import DAY, HOUR, EventPlan, QuestionPlan, SeriesPlan
from vip.demo.events.registrants import Outcome, RegistrantPool, simulate
from vip.events.models import (
    Answer,
    Event,
    EventSeries,
    Feedback,
    PriceGroup,
    Question,
    Registration,
)
from vip.events.services.retention import (
    ANONYMISED_VALUES,
    PERSONAL_TIMES,
    anonymised_email,
    anonymised_organisation,
    months_before,
    start_of_day,
)

if TYPE_CHECKING:
    from django.db.models import Model

Status = Registration.Status
EVENTS_PER_CHUNK = 250
ROWS_PER_INSERT = 2000
# Feedback ratings lean high, as they do: weights of 1..5.
OVERALL_WEIGHTS = (2, 4, 12, 40, 42)
USEFULNESS_WEIGHTS = (3, 6, 17, 41, 33)


def chunks[T](items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def insert_rows(model: type[Model], rows: list[dict[str, Any]]) -> None:
    """INSERT plain rows (attname -> value), missing columns taking the field's default.

    ``bulk_create`` prepares every value through the field API and builds a model
    instance per row; for 150,000 registrations of 24 columns that was most of the
    seeding time. The values here are already what the columns hold, so only dates
    and UUIDs need adapting to the database.
    """
    if not rows:
        return
    # Counters are the database's to fill; a random primary key (Feedback's) is ours.
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, AutoFieldMixin)]
    fixed = {f.attname: f.get_default() for f in fields if not callable(f.default)}
    # Callable defaults (a new UUID, today) are drawn for each row that lacks the value.
    drawn = {f.attname: f.get_default for f in fields if callable(f.default)}
    adapters: list[Callable[[Any], Any] | None] = []
    for f in fields:
        kind = f.get_internal_type()
        if kind == "DateTimeField":
            adapters.append(connection.ops.adapt_datetimefield_value)
        elif kind == "DateField":
            adapters.append(connection.ops.adapt_datefield_value)
        elif kind == "UUIDField":
            adapters.append(partial(f.get_db_prep_value, connection=connection))
        else:
            adapters.append(None)
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Names come from the model's own metadata, values go as parameters.
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
    pairs = list(zip([f.attname for f in fields], adapters, strict=True))

    def value(row: dict[str, Any], name: str) -> Any:
        if name in row:
            return row[name]
        return drawn[name]() if name in drawn else fixed[name]

    params = [
        tuple(
            adapt(v) if adapt is not None and v is not None else v
            for name, adapt in pairs
            for v in (value(row, name),)
        )
        for row in rows
    ]
    with connection.cursor() as cursor:
        for batch in chunks(params, ROWS_PER_INSERT):
            cursor.executemany(sql, batch)


class EventWriter(EventSeederBase):
    pool: RegistrantPool

    def added(self, kind: str, count: int) -> None:
        if count:
            self.report.created[kind] = self.report.created.get(kind, 0) + count

    def new_plans(self, plans: list[EventPlan]) -> list[EventPlan]:
        existing = set(Event.objects.values_list("uid", flat=True))
        return [plan for plan in plans if plan.uid not in existing]

    def write_series(self, plans: list[EventPlan]) -> dict[str, EventSeries]:
        existing = {series.name_fi: series for series in EventSeries.objects.all()}
        wanted: dict[str, SeriesPlan] = {}
        for plan in plans:
            if plan.series is not None:
                wanted.setdefault(plan.series.key, plan.series)
        found = {}
        for key, series_plan in wanted.items():
            series = existing.get(series_plan.name_fi)
            if series is None:
                series = EventSeries(
                    name_fi=series_plan.name_fi,
                    name_sv=series_plan.name_sv,
                    name_en=series_plan.name_en,
                    description_fi=series_plan.description_fi,
                    description_sv=series_plan.description_sv,
                    description_en=series_plan.description_en,
                )
                series.full_clean()
                series.save()
                self.added("event_series", 1)
            found[key] = series
        return found

    # --- Events ---------------------------------------------------------------------------

    def cancelled_at(self, plan: EventPlan) -> datetime.datetime:
        return min(self.now - DAY, plan.starts_at - 5 * DAY)

    def _event(self, plan: EventPlan, series: dict[str, EventSeries]) -> Event:
        sensitive_gone = plan.ends_at < self.sensitive_before and any(
            q.sensitive for q in plan.questions
        )
        cancelled = plan.status == Event.Status.CANCELLED
        return Event(
            uid=plan.uid,
            kind=plan.kind,
            series=series[plan.series.key] if plan.series else None,
            title_fi=plan.title_fi,
            title_sv=plan.title_sv,
            title_en=plan.title_en,
            description_fi=plan.description_fi,
            description_sv=plan.description_sv,
            description_en=plan.description_en,
            organising_group=plan.organising_group,
            organisation=plan.organisation,
            languages=plan.languages,
            mode=plan.mode,
            venue=plan.venue,
            address=plan.address,
            join_url=plan.join_url,
            starts_at=plan.starts_at,
            ends_at=plan.ends_at,
            registration_opens_at=plan.registration_opens_at,
            registration_closes_at=plan.registration_closes_at,
            cancellation_deadline=plan.cancellation_deadline,
            capacity=plan.capacity,
            waiting_list_capacity=plan.waiting_list_capacity,
            is_paid=plan.is_paid,
            status=plan.status,
            cancel_reason=plan.cancel_reason,
            # An event whose registration opens later was published before today all the same.
            published_at=min(plan.published_at, self.now - DAY) if plan.published_at else None,
            cancelled_at=self.cancelled_at(plan) if cancelled else None,
            sensitive_answers_deleted_at=(
                min(self.now, plan.ends_at + (self.sensitive_days + 1) * DAY)
                if sensitive_gone
                else None
            ),
        )

    def write_events(self, plans: list[EventPlan]) -> None:
        series = self.write_series(plans)
        for chunk in chunks(plans, EVENTS_PER_CHUNK):
            self._write_chunk(chunk, series)

    def _write_chunk(self, plans: list[EventPlan], series: dict[str, EventSeries]) -> None:
        events = Event.objects.bulk_create([self._event(plan, series) for plan in plans])
        relations: dict[str, list[Model]] = {}
        price_groups: list[PriceGroup] = []
        questions: list[Question] = []
        for plan, event in zip(plans, events, strict=True):
            for name, objects in (
                ("themes", plan.themes),
                ("areas", plan.areas),
                ("audience_sectors", plan.audience),
                ("partner_organisations", plan.partners),
            ):
                field = Event._meta.get_field(name)
                assert isinstance(field, ManyToManyField)
                through = getattr(Event, name).through
                relations.setdefault(name, []).extend(
                    through(**{field.m2m_field_name(): event, field.m2m_reverse_field_name(): obj})
                    for obj in objects
                )
            price_groups += [
                PriceGroup(
                    event=event,
                    name_fi=p.name_fi,
                    name_sv=p.name_sv,
                    name_en=p.name_en,
                    price=p.price,
                    vat_rate=p.vat_rate,
                    position=position,
                )
                for position, p in enumerate(plan.price_groups)
            ]
            questions += [
                Question(
                    event=event,
                    kind=q.kind,
                    label_fi=q.label_fi,
                    label_sv=q.label_sv,
                    label_en=q.label_en,
                    choices=q.choices,
                    required=q.required,
                    sensitive=q.sensitive,
                    position=position,
                )
                for position, q in enumerate(plan.questions)
            ]
        for name, rows in relations.items():
            through = getattr(Event, name).through
            through.objects.bulk_create(rows, batch_size=ROWS_PER_INSERT)
        PriceGroup.objects.bulk_create(price_groups)
        Question.objects.bulk_create(questions)
        self.added("event", len(events))
        self._write_registrations(plans, events, price_groups, questions)

    # --- Registrations --------------------------------------------------------------------

    def _write_registrations(
        self,
        plans: list[EventPlan],
        events: list[Event],
        price_groups: list[PriceGroup],
        questions: list[Question],
    ) -> None:
        groups_of: dict[int, list[PriceGroup]] = {}
        for group in price_groups:
            groups_of.setdefault(group.event_id, []).append(group)
        questions_of: dict[int, list[Question]] = {}
        for question in questions:
            questions_of.setdefault(question.event_id, []).append(question)
        registrations: list[dict[str, Any]] = []
        # Answers wait for their registration's primary key: (event, e-mail, question, value).
        answers: list[tuple[int, str, Question, str]] = []
        feedback: list[dict[str, Any]] = []
        for plan, event in zip(plans, events, strict=True):
            if plan.status == Event.Status.DRAFT or plan.demand <= 0:
                continue
            rng = self.rng("registrations", plan.key)
            people = self.pool.draw(
                rng, plan.demand, [area.pk for area in plan.areas], swedish=plan.languages == "sv"
            )
            until = self.cancelled_at(plan) if event.cancelled_at else self.now
            outcomes = simulate(plan, rng, people, until)
            plan_questions = list(zip(plan.questions, questions_of.get(event.pk, []), strict=True))
            anonymised_at = (
                min(self.now, months_before(plan.ends_at, -self.retention_months) + DAY)
                if plan.ends_at < self.anonymise_before
                else None
            )
            given = 0
            for outcome in outcomes:
                row = self._registration(
                    rng, plan, event, outcome, groups_of.get(event.pk, []), anonymised_at
                )
                given += row["feedback_given"]
                if anonymised_at is None:
                    answers += [
                        (event.pk, row["email"], question, value)
                        for question_plan, question in plan_questions
                        if (value := self._answer(rng, plan, question_plan, question))
                    ]
                registrations.append(row)
            feedback += self._feedback(plan, event, given)
        insert_rows(Registration, registrations)
        insert_rows(Feedback, feedback)
        # The anonymised address holds the row's own key, known only now; the
        # organisation gives way to its kind as the retention job does it.
        Registration.objects.filter(event__in=events, anonymised_at__isnull=False).update(
            email=anonymised_email(), **anonymised_organisation()
        )
        if answers:
            keys = {
                (event_id, email): pk
                for pk, event_id, email in Registration.objects.filter(
                    event__in=events, anonymised_at__isnull=True
                ).values_list("pk", "event_id", "email")
            }
            insert_rows(
                Answer,
                [
                    {
                        "registration_id": keys[event_id, email],
                        "question_id": question.pk,
                        "value": value,
                    }
                    for event_id, email, question, value in answers
                ],
            )
        self.added("registration", len(registrations))
        self.added("answer", len(answers))
        self.added("feedback", len(feedback))

    def _registration(
        self,
        rng: random.Random,
        plan: EventPlan,
        event: Event,
        outcome: Outcome,
        groups: list[PriceGroup],
        anonymised_at: datetime.datetime | None,
    ) -> dict[str, Any]:
        person = outcome.registrant
        row: dict[str, Any] = {
            "event_id": event.pk,
            "status": outcome.status,
            "given_name": person.given_name,
            "family_name": person.family_name,
            "email": person.email,
            "organisation_id": person.organisation_id,
            "organisation_text": person.organisation_text,
            "municipality_id": person.municipality_id,
            "sector_id": person.sector_id,
            "language": person.language,
            "consent_at": outcome.created_at,
            "created_at": outcome.created_at,
            "promoted_at": outcome.promoted_at,
            "cancelled_at": outcome.cancelled_at,
            "feedback_given": False,
        }
        if groups:
            row["price_group_id"] = (groups[0] if rng.random() < 0.65 else groups[-1]).pk
            row["billing_organisation"] = person.billing_organisation
            row["billing_reference"] = (
                f"{person.family_name} / {rng.randint(1000, 9999)}" if rng.random() < 0.7 else ""
            )
            row["billing_address"] = person.billing_address
        held = plan.status == Event.Status.PUBLISHED and plan.ends_at < self.now
        if held and outcome.status == Status.CONFIRMED:
            attended = rng.random() >= plan.no_show_rate
            minutes = rng.randint(0, max(1, int((plan.ends_at - plan.starts_at) / HOUR * 30)))
            row["attended"] = attended
            row["attendance_marked_at"] = plan.starts_at + datetime.timedelta(minutes=minutes)
            if attended and plan.ends_at <= self.now - DAY:
                row["feedback_requested_at"] = plan.ends_at + 20 * HOUR
                row["feedback_given"] = rng.random() < plan.feedback_rate
        if anonymised_at is not None:
            row.update(ANONYMISED_VALUES)
            # Unique until the update after the insert puts the row's key in.
            row["email"] = f"pending-{rng.getrandbits(64):x}@anonymised.invalid"
            row["anonymised_at"] = anonymised_at
            for field in PERSONAL_TIMES:
                if field in row:
                    row[field] = start_of_day(row[field])
        return row

    def _answer(
        self, rng: random.Random, plan: EventPlan, question_plan: QuestionPlan, question: Question
    ) -> str:
        if question_plan.sensitive and plan.ends_at < self.sensitive_before:
            return ""
        if not question_plan.required and rng.random() >= question_plan.answer_rate:
            return ""
        if question.kind == Question.Kind.CHOICE:
            return rng.choice(question.choice_list)
        if question.kind == Question.Kind.YES_NO:
            return "yes" if rng.random() < 0.7 else "no"
        return rng.choice(question_plan.answers) if question_plan.answers else ""

    def restore_feedback(self, plans: list[EventPlan]) -> None:
        """Feedback for events written earlier whose feedback rows are gone.

        Registrations keep only a flag that feedback was given, so the rows can be drawn
        again from it, the same as a fresh run draws them (e.g. after a migration that
        recreated the feedback table).
        """
        by_uid = {plan.uid: plan for plan in plans}
        lost = (
            Event.objects.filter(uid__in=list(by_uid))
            .annotate(given=Count("registrations", filter=Q(registrations__feedback_given=True)))
            .filter(given__gt=0)
            .exclude(Exists(Feedback.objects.filter(event=OuterRef("pk"))))
            .order_by("pk")
        )
        rows = []
        for event in lost:
            rows += self._feedback(by_uid[event.uid], event, event.given)
        insert_rows(Feedback, rows)
        self.added("feedback", len(rows))

    def _feedback(self, plan: EventPlan, event: Event, count: int) -> list[dict[str, Any]]:
        # A generator of its own: restore_feedback draws the same rows as a fresh run.
        rng = self.rng("feedback", plan.key)
        comments = catalogue.COMMENTS_SV if plan.languages == "sv" else catalogue.COMMENTS_FI
        last_day = (self.now - DAY).date()
        rows = []
        for _ in range(count):
            overall = rng.choices(range(1, 6), weights=OVERALL_WEIGHTS)[0]
            recommend_roll = rng.random()
            rows.append(
                {
                    "event_id": event.pk,
                    "overall": overall,
                    "usefulness": rng.choices(range(1, 6), weights=USEFULNESS_WEIGHTS)[0],
                    "would_recommend": None
                    if recommend_roll < 0.1
                    else (overall >= 4 or recommend_roll > 0.8),
                    "comment": rng.choice(comments) if rng.random() < 0.25 else "",
                    "submitted_on": min(last_day, (plan.ends_at + rng.randint(1, 10) * DAY).date()),
                }
            )
        return rows
