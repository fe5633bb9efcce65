"""Retention: sensitive answers go after the event, registrations are anonymised later."""

from __future__ import annotations

import datetime
import threading
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction
from django.db.models import CharField, Count, F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from vip.audit.models import AuditAction, AuditEvent
from vip.core.testing import make_organisation
from vip.events import services
from vip.events.models import Answer, Event, Question, Registration
from vip.events.selectors import reach
from vip.events.services import retention
from vip.events.tests.builders import DAY, HOUR, make_event, register
from vip.network.models import Sector
from vip.registry.models import Municipality, Organisation

pytestmark = pytest.mark.django_db

CONFIRMED = Registration.Status.CONFIRMED
WAITING = Registration.Status.WAITING
PERSONAL_FIELDS = (
    "given_name",
    "family_name",
    "email",
    "organisation_text",
    "billing_organisation",
    "billing_reference",
    "billing_address",
)
KEPT_FIELDS = (
    "status",
    "attended",
    "municipality_id",
    "sector_id",
    "price_group_id",
    "language",
    "created_at",
    "feedback_given",
)
# Cut to the start of their day in Helsinki time.
DAY_ONLY_FIELDS = (
    "consent_at",
    "promoted_at",
    "cancelled_at",
    "attendance_marked_at",
    "feedback_requested_at",
)


def questions() -> list[dict[str, Any]]:
    return [
        {"label_fi": "Erityisruokavalio", "label_en": "Dietary needs", "sensitive": True},
        {
            "kind": Question.Kind.CHOICE,
            "label_fi": "Osallistun",
            "label_en": "I take part",
            "choices": "paikan päällä\netänä",
        },
    ]


def ended(event: Event, ago: datetime.timedelta) -> Event:
    """Move an event (with its registrations made while it was open) into the past."""
    end = timezone.now() - ago
    Event.objects.filter(pk=event.pk).update(starts_at=end - 6 * HOUR, ends_at=end)
    event.refresh_from_db()
    return event


def answers_of(registration: Registration) -> dict[str, str]:
    return dict(registration.answers.values_list("question__label_fi", "value"))


def sign_up(event: Event, email: str, **values: Any) -> Registration:
    sensitive, choice = event.questions.order_by("position")
    values.setdefault("answers", {sensitive.pk: "gluteeniton", choice.pk: "paikan päällä"})
    return register(event, email=email, **values)


@pytest.fixture
def event_with_answers(reference_data: None) -> Event:
    event = make_event(capacity=2, waiting_list_capacity=5, questions=questions())
    sign_up(event, "eka@koulu.example")
    sign_up(event, "toka@koulu.example")
    sign_up(event, "jonossa@koulu.example")
    return event


def purge(**kwargs: Any) -> retention.RetentionReport:
    return retention.purge_event_data(actor=None, **kwargs)


def audit_rows(action: AuditAction) -> list[dict[str, Any]]:
    return [
        {"event": int(row.target_id), **row.details}
        for row in AuditEvent.objects.filter(action=action).order_by("pk")
    ]


# --- Sensitive answers --------------------------------------------------------------------------


def test_it_deletes_sensitive_answers_once_the_event_ended_more_than_30_days_ago(
    event_with_answers,
):
    event = ended(event_with_answers, 31 * DAY)

    report = purge()

    assert report.sensitive.events == 1
    assert report.sensitive.rows == 3
    for registration in event.registrations.all():
        assert answers_of(registration) == {"Osallistun": "paikan päällä"}
        assert registration.given_name.startswith("Osallistuja")
        assert registration.anonymised_at is None
    event.refresh_from_db()
    assert event.sensitive_answers_deleted_at is not None


def test_it_keeps_sensitive_answers_until_30_days_have_passed(event_with_answers):
    event = ended(event_with_answers, 29 * DAY)

    report = purge()

    assert report.sensitive.events == 0
    assert Answer.objects.filter(question__sensitive=True).count() == 3
    event.refresh_from_db()
    assert event.sensitive_answers_deleted_at is None
    assert not AuditEvent.objects.filter(action=AuditAction.SENSITIVE_ANSWERS_DELETED).exists()


def test_it_leaves_events_to_come_alone(event_with_answers):
    purge()

    assert Answer.objects.filter(registration__event=event_with_answers).count() == 6
    assert not event_with_answers.registrations.filter(anonymised_at__isnull=False).exists()


def test_it_deletes_answers_given_after_the_end_moved_later_past_the_first_deletion(
    event_with_answers,
):
    event = ended(event_with_answers, 31 * DAY)
    assert purge().sensitive.rows == 3
    # The event is moved to a later date after all, and a new person answers.
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() + 10 * DAY, ends_at=timezone.now() + 10 * DAY + 6 * HOUR
    )
    late = sign_up(event, "myohassa@koulu.example")
    ended(event, 31 * DAY)
    later = timezone.now() + HOUR

    report = purge(now=later)

    assert (report.sensitive.events, report.sensitive.rows) == (1, 1)
    assert answers_of(late) == {"Osallistun": "paikan päällä"}
    assert not Answer.objects.filter(question__sensitive=True).exists()
    event.refresh_from_db()
    assert event.sensitive_answers_deleted_at == later  # the last deletion
    assert [row["answers"] for row in audit_rows(AuditAction.SENSITIVE_ANSWERS_DELETED)] == [3, 1]


def test_it_deletes_the_answers_of_a_question_made_sensitive_after_the_first_deletion(
    event_with_answers,
):
    event = ended(event_with_answers, 31 * DAY)
    purge()
    event.questions.filter(label_fi="Osallistun").update(sensitive=True)

    report = purge()

    assert (report.sensitive.events, report.sensitive.rows) == (1, 3)
    assert not Answer.objects.filter(registration__event=event).exists()
    assert not event.registrations.filter(anonymised_at__isnull=False).exists()


def test_a_run_finding_the_answers_gone_meanwhile_neither_deletes_nor_counts_them(
    event_with_answers, paid_event
):
    # Two runs list the same events; the other run gets one of them done first.
    ended(event_with_answers, 31 * DAY)
    ended(paid_event, 31 * DAY)
    before, days = retention._sensitive_cutoff(timezone.now())
    listed = list(
        retention.events_with_sensitive_answers_due(before)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    assert listed == [event_with_answers.pk, paid_event.pk]
    other = retention.delete_sensitive_answers_batch(
        [event_with_answers.pk], actor=None, now=timezone.now(), before=before, days=days
    )
    first_time = Event.objects.get(pk=event_with_answers.pk).sensitive_answers_deleted_at

    mine = retention.delete_sensitive_answers_batch(
        listed, actor=None, now=timezone.now(), before=before, days=days
    )

    assert dict(other) == {event_with_answers.pk: 3}
    assert dict(mine) == {paid_event.pk: 5}
    assert Event.objects.get(pk=event_with_answers.pk).sensitive_answers_deleted_at == first_time
    assert [row["event"] for row in audit_rows(AuditAction.SENSITIVE_ANSWERS_DELETED)] == [
        event_with_answers.pk,
        paid_event.pk,
    ]


def test_it_keeps_other_answers_and_the_registrations_until_anonymisation(event_with_answers):
    event = ended(event_with_answers, 300 * DAY)

    purge()

    assert not Answer.objects.filter(question__sensitive=True).exists()
    assert Answer.objects.filter(registration__event=event).count() == 3
    assert set(event.registrations.values_list("email", flat=True)) == {
        "eka@koulu.example",
        "toka@koulu.example",
        "jonossa@koulu.example",
    }


# --- Anonymisation ----------------------------------------------------------------------------


@pytest.fixture
def paid_event(reference_data: None) -> Event:
    event = make_event(is_paid=True, capacity=3, waiting_list_capacity=2, questions=questions())
    tampere = Municipality.objects.get(code="837")
    oulu = Municipality.objects.get(code="564")
    welfare = Sector.objects.get(code="pupil-welfare")
    rector = Sector.objects.get(code="rector")
    school = make_organisation(
        kind=Organisation.Kind.SCHOOL, name_fi="Tammelan koulu", municipality=tampere
    )
    group, other = event.price_groups.order_by("position")
    people = [
        ("maija@koulu.example", tampere, welfare, school, group),
        ("matti@koulu.example", tampere, rector, None, other),
        ("liisa@koulu.example", oulu, welfare, None, other),
        ("pekka@koulu.example", oulu, None, None, group),
        ("jonossa@koulu.example", tampere, rector, school, group),
    ]
    for email, municipality, sector, organisation, price_group in people:
        sign_up(
            event,
            email,
            municipality=municipality,
            sector=sector,
            organisation=organisation,
            organisation_text="" if organisation else "Kirjoitettu koulu",
            price_group=price_group,
            billing_organisation="Tampereen kaupunki",
            billing_reference="VIP-123 / Maija",
            billing_address="PL 487, 33101 Tampere",
        )
    # One cancels, so a cancelled row and a promoted one are among those kept.
    services.registration_cancel(registration=event.registrations.get(email="matti@koulu.example"))
    marked = timezone.now()
    event.registrations.filter(email="maija@koulu.example").update(
        attended=True, attendance_marked_at=marked, feedback_given=True
    )
    event.registrations.filter(email="liisa@koulu.example").update(
        attended=False, attendance_marked_at=marked
    )
    return event


def figures(event: Event) -> dict[str, list[tuple[Any, ...]]]:
    """What the reach reports count, grouped every way they group it."""
    registrations = (
        Registration.objects.filter(event=event)
        .order_by()
        .annotate(
            kind_of_organisation=Coalesce(
                F("organisation__kind"),
                NullIf(F("organisation_kind"), Value("")),
                output_field=CharField(),
            )
        )
    )
    groupings = {
        "status": ("status",),
        "attended": ("status", "attended"),
        "municipality": ("municipality__code", "municipality__county__area__code"),
        "sector": ("sector__code",),
        "organisation_kind": ("kind_of_organisation",),
        "price_group": ("price_group_id",),
        "feedback": ("feedback_given",),
        "language": ("language",),
    }
    return {
        name: sorted(
            (tuple(row.values()) for row in registrations.values(*fields).annotate(n=Count("pk"))),
            key=repr,
        )
        for name, fields in groupings.items()
    }


def test_it_anonymises_registrations_twelve_months_after_the_event(paid_event):
    before = {r.pk: r for r in paid_event.registrations.all()}
    event = ended(paid_event, 366 * DAY)

    report = purge()

    assert report.anonymised.events == 1
    assert report.anonymised.rows == 5
    assert report.anonymised.answers == 5 * 2 - 5  # the sensitive ones went in step 1
    assert not Answer.objects.filter(registration__event=event).exists()
    for registration in event.registrations.all():
        old = before[registration.pk]
        assert registration.anonymised_at is not None
        assert registration.given_name == registration.family_name == ""
        assert registration.email == f"anonymised-{registration.pk}@anonymised.invalid"
        assert registration.organisation_text == ""
        assert registration.billing_organisation == ""
        assert registration.billing_reference == ""
        assert registration.billing_address == ""
        for field in KEPT_FIELDS:
            assert getattr(registration, field) == getattr(old, field), field
        # The school, with the municipality and sector, could point to one person.
        assert registration.organisation_id is None
        assert registration.organisation_kind == (old.organisation.kind if old.organisation else "")
        for field in DAY_ONLY_FIELDS:
            old_time = getattr(old, field)
            new_time = getattr(registration, field)
            if old_time is None:
                assert new_time is None, field
            else:
                local = timezone.localtime(new_time)
                assert local.date() == timezone.localtime(old_time).date(), field
                assert (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0)
        # Still a valid row: anything that validates it later does not trip over it.
        registration.full_clean(exclude=["given_name", "family_name"])


def test_a_run_finding_rows_anonymised_meanwhile_neither_redoes_nor_counts_them(paid_event):
    event = ended(paid_event, 400 * DAY)
    # Two runs list the same batch; the other run gets two of the rows done first.
    listed = list(event.registrations.order_by("pk").values_list("pk", flat=True))
    earlier = timezone.now() - HOUR
    other = retention.anonymise_batch(listed[:2], actor=None, now=earlier, months=12)
    answers_left = Answer.objects.filter(registration__event=event).count()

    mine = retention.anonymise_batch(listed, actor=None, now=timezone.now(), months=12)

    assert dict(other.registrations) == {event.pk: 2}
    assert dict(mine.registrations) == {event.pk: 3}
    assert mine.answers.total() == answers_left
    assert set(
        event.registrations.filter(pk__in=listed[:2]).values_list("anonymised_at", flat=True)
    ) == {earlier}
    assert sum(r["registrations"] for r in audit_rows(AuditAction.REGISTRATIONS_ANONYMISED)) == 5


@pytest.mark.parametrize(
    ("moment", "midnight_utc"),
    [
        # Winter, UTC+2: 23.30 in Helsinki is 21.30 UTC the same day.
        (datetime.datetime(2025, 1, 15, 21, 30, tzinfo=datetime.UTC), (2025, 1, 14, 22)),
        # Summer, UTC+3: 00.30 in Helsinki is 21.30 UTC the day before.
        (datetime.datetime(2025, 7, 14, 21, 30, tzinfo=datetime.UTC), (2025, 7, 14, 21)),
    ],
)
def test_it_cuts_the_personal_times_to_the_start_of_the_day_in_helsinki(
    paid_event, moment, midnight_utc
):
    registration = paid_event.registrations.get(email="maija@koulu.example")
    Registration.objects.filter(pk=registration.pk).update(
        consent_at=moment, attendance_marked_at=moment, feedback_requested_at=moment
    )
    ended(paid_event, 400 * DAY)

    purge()

    registration.refresh_from_db()
    expected = datetime.datetime(*midnight_utc, tzinfo=datetime.UTC)
    assert registration.consent_at == expected
    assert registration.attendance_marked_at == expected
    assert registration.feedback_requested_at == expected
    assert registration.promoted_at is None


def test_it_keeps_registrations_of_events_ended_less_than_twelve_months_ago(paid_event):
    event = ended(paid_event, 330 * DAY)

    report = purge()

    assert report.anonymised.rows == 0
    assert not event.registrations.filter(anonymised_at__isnull=False).exists()
    assert "maija@koulu.example" in event.registrations.values_list("email", flat=True)
    assert Answer.objects.filter(registration__event=event).count() == 5


def test_it_keeps_the_aggregate_figures_identical(paid_event):
    event = ended(paid_event, 400 * DAY)
    before = figures(event)
    report_before = reach.reach_report(Event.objects.filter(pk=event.pk))
    assert before["municipality"]  # the figures are not empty to begin with
    assert len(before["status"]) == 3  # confirmed, waiting, cancelled
    assert before["organisation_kind"] == [("school", 2), (None, 3)]
    assert [(row.key, row.participants) for row in report_before.by_organisation_kind] == [
        (Organisation.Kind.SCHOOL, 1),
        ("", 2),
    ]

    purge()

    assert event.registrations.filter(anonymised_at__isnull=True).count() == 0
    assert not event.registrations.filter(organisation__isnull=False).exists()
    assert figures(event) == before
    assert reach.reach_report(Event.objects.filter(pk=event.pk)) == report_before


def test_the_manage_link_of_an_anonymised_registration_no_longer_opens(paid_event, client):
    registration = paid_event.registrations.get(email="maija@koulu.example")
    token = services.manage_token(registration)
    ended(paid_event, 400 * DAY)

    purge()

    response = client.get(f"/en/events/registrations/{token}/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "its personal details have been removed" in page
    for value in ("maija@koulu.example", "Osallistuja", "Tampereen kaupunki", "PL 487"):
        assert value not in page
    registration.refresh_from_db()
    assert registration.given_name == ""


def test_it_changes_nothing_on_a_second_run(paid_event, event_with_answers):
    ended(paid_event, 400 * DAY)
    ended(event_with_answers, 40 * DAY)
    first = purge()
    assert first.sensitive.events == 2
    assert first.anonymised.rows == 5
    rows = list(Registration.objects.order_by("pk").values())
    answers = list(Answer.objects.order_by("pk").values())
    audits = AuditEvent.objects.count()
    deleted_at = dict(Event.objects.values_list("pk", "sensitive_answers_deleted_at"))

    second = purge()

    assert (second.sensitive.events, second.sensitive.rows) == (0, 0)
    assert (second.anonymised.events, second.anonymised.rows, second.anonymised.answers) == (
        0,
        0,
        0,
    )
    assert list(Registration.objects.order_by("pk").values()) == rows
    assert list(Answer.objects.order_by("pk").values()) == answers
    assert AuditEvent.objects.count() == audits
    assert dict(Event.objects.values_list("pk", "sensitive_answers_deleted_at")) == deleted_at


def test_it_works_in_batches_of_registrations(paid_event, event_with_answers):
    ended(paid_event, 400 * DAY)
    ended(event_with_answers, 500 * DAY)

    report = purge(batch_size=2)

    assert report.anonymised.rows == 8
    assert report.anonymised.events == 2
    assert not Registration.objects.filter(anonymised_at__isnull=True).exists()
    rows = audit_rows(AuditAction.REGISTRATIONS_ANONYMISED)
    # Four batches of two; an event cut by a batch boundary has a row in each.
    assert len(rows) > 2
    totals: dict[int, int] = {}
    for row in rows:
        totals[row["event"]] = totals.get(row["event"], 0) + row["registrations"]
    assert totals == {paid_event.pk: 5, event_with_answers.pk: 3}


def test_it_follows_the_periods_in_the_settings(settings, paid_event, event_with_answers):
    settings.EVENTS_SENSITIVE_ANSWER_DAYS = 7
    settings.EVENTS_REGISTRATION_RETENTION_MONTHS = 3
    ended(paid_event, 100 * DAY)
    ended(event_with_answers, 8 * DAY)

    report = purge()

    assert report.sensitive.events == 2
    assert not Answer.objects.filter(question__sensitive=True).exists()
    assert report.anonymised.rows == 5
    assert not paid_event.registrations.filter(anonymised_at__isnull=True).exists()
    assert not event_with_answers.registrations.filter(anonymised_at__isnull=False).exists()
    assert Answer.objects.filter(registration__event=event_with_answers).count() == 3


def test_it_audits_each_event_with_its_counts(paid_event, event_with_answers):
    ended(paid_event, 400 * DAY)
    ended(event_with_answers, 40 * DAY)

    purge()

    assert audit_rows(AuditAction.SENSITIVE_ANSWERS_DELETED) == [
        {"event": paid_event.pk, "answers": 5, "days_after_event": 30},
        {"event": event_with_answers.pk, "answers": 3, "days_after_event": 30},
    ]
    assert audit_rows(AuditAction.REGISTRATIONS_ANONYMISED) == [
        {"event": paid_event.pk, "registrations": 5, "answers": 5, "months_after_event": 12},
    ]
    row = AuditEvent.objects.get(action=AuditAction.REGISTRATIONS_ANONYMISED)
    assert row.target_type == "events.event"
    assert row.actor is None


def test_it_reports_and_writes_nothing_on_a_dry_run(paid_event, event_with_answers, capsys):
    ended(paid_event, 400 * DAY)
    ended(event_with_answers, 40 * DAY)
    rows = list(Registration.objects.order_by("pk").values())
    answers = Answer.objects.count()
    audits = AuditEvent.objects.count()

    call_command("purge_event_data", "--dry-run")

    out = capsys.readouterr().out
    assert "Dry run: nothing was changed." in out
    assert "Would delete 8 answers to sensitive questions of 2 events" in out
    assert "Would anonymise 5 registrations of 1 events" in out
    assert "deleting their 10 answers" in out
    assert list(Registration.objects.order_by("pk").values()) == rows
    assert Answer.objects.count() == answers
    assert AuditEvent.objects.count() == audits
    assert not Event.objects.filter(sensitive_answers_deleted_at__isnull=False).exists()


def test_it_runs_both_steps_from_the_command(paid_event, event_with_answers, capsys):
    ended(paid_event, 400 * DAY)
    ended(event_with_answers, 40 * DAY)

    call_command("purge_event_data", "--batch-size", "3")

    out = capsys.readouterr().out
    assert "Deleted 8 answers to sensitive questions of 2 events" in out
    assert "Anonymised 5 registrations of 1 events" in out
    assert "deleting their 5 answers" in out
    assert not paid_event.registrations.filter(anonymised_at__isnull=True).exists()


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("EVENTS_REGISTRATION_RETENTION_MONTHS", 0, "must be at least 1"),
        ("EVENTS_SENSITIVE_ANSWER_DAYS", -1, "cannot be negative"),
    ],
)
def test_it_refuses_a_retention_setting_out_of_range_and_writes_nothing(
    settings, paid_event, setting, value, message
):
    setattr(settings, setting, value)
    ended(paid_event, 400 * DAY)

    with pytest.raises(CommandError, match=message):
        call_command("purge_event_data")

    assert not paid_event.registrations.filter(anonymised_at__isnull=False).exists()
    assert Answer.objects.filter(question__sensitive=True).count() == 5
    assert not AuditEvent.objects.filter(
        action__in=[AuditAction.SENSITIVE_ANSWERS_DELETED, AuditAction.REGISTRATIONS_ANONYMISED]
    ).exists()


def test_it_refuses_a_batch_size_below_one(paid_event):
    with pytest.raises(CommandError, match="at least 1"):
        call_command("purge_event_data", "--batch-size", "0")


def test_it_counts_calendar_months_in_helsinki_time():
    helsinki = timezone.get_default_timezone()
    march_31 = datetime.datetime(2025, 3, 31, 12, 0, tzinfo=helsinki)
    assert retention.months_before(march_31, 1) == datetime.datetime(
        2025, 2, 28, 12, 0, tzinfo=helsinki
    )
    assert retention.months_before(march_31, 13) == datetime.datetime(
        2024, 2, 29, 12, 0, tzinfo=helsinki
    )
    assert retention.months_before(march_31, 12).date() == datetime.date(2024, 3, 31)


def test_it_keeps_the_price_groups_for_the_invoicing_totals(paid_event):
    ended(paid_event, 400 * DAY)
    totals_before = sorted(
        paid_event.registrations.exclude(status=Registration.Status.CANCELLED).values_list(
            "price_group__price", flat=True
        )
    )

    purge()

    totals_after = sorted(
        paid_event.registrations.exclude(status=Registration.Status.CANCELLED).values_list(
            "price_group__price", flat=True
        )
    )
    assert totals_after == totals_before
    assert sum(totals_after, Decimal(0)) > 0


def test_organisers_see_anonymised_rows_as_such_without_an_address(
    paid_event, client, login, national_admin
):
    ended(paid_event, 400 * DAY)
    purge()

    login(client, national_admin)
    for page in ("participants", "invoicing"):
        html = client.get(f"/en/events/{paid_event.pk}/{page}/").content.decode()
        assert "Anonymised" in html
        assert "mailto:anonymised-" not in html


# --- Two runs at once -------------------------------------------------------------------------

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks are tested on PostgreSQL (SQLite lets one writer in at a time anyway)",
)


def overlapping(first: Callable[[], object], second: Callable[[], object]) -> list[object]:
    """Run ``second`` while ``first``'s transaction, done but not committed, holds its locks."""
    first_done = threading.Event()
    results: list[object] = [None, None]
    failures: list[BaseException] = []

    def run_first() -> None:
        try:
            with transaction.atomic():
                results[0] = first()
                first_done.set()
                # Long enough for the second run to reach its locks and wait there.
                time.sleep(0.5)
        except BaseException as error:  # reported below
            failures.append(error)
            first_done.set()
        finally:
            connections.close_all()

    def run_second() -> None:
        try:
            first_done.wait()
            results[1] = second()
        except BaseException as error:  # reported below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    return results


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_an_overlapping_run_does_not_anonymise_or_count_the_same_rows_again(paid_event):
    event = ended(paid_event, 400 * DAY)
    listed = list(event.registrations.order_by("pk").values_list("pk", flat=True))
    now = timezone.now()

    def run() -> retention.AnonymisedBatch:
        return retention.anonymise_batch(listed, actor=None, now=now, months=12)

    first, second = overlapping(run, run)

    assert isinstance(first, retention.AnonymisedBatch)
    assert isinstance(second, retention.AnonymisedBatch)
    assert first.registrations.total() == 5
    assert second.registrations.total() == second.answers.total() == 0
    assert sum(r["registrations"] for r in audit_rows(AuditAction.REGISTRATIONS_ANONYMISED)) == 5


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_an_overlapping_run_does_not_count_the_same_sensitive_answers_again(paid_event):
    event = ended(paid_event, 40 * DAY)
    now = timezone.now()
    before, days = retention._sensitive_cutoff(now)

    def run() -> object:
        return retention.delete_sensitive_answers_batch(
            [event.pk], actor=None, now=now, before=before, days=days
        )

    first, second = overlapping(run, run)

    assert first == {event.pk: 5}
    assert second == {}
    assert audit_rows(AuditAction.SENSITIVE_ANSWERS_DELETED) == [
        {"event": event.pk, "answers": 5, "days_after_event": 30}
    ]
