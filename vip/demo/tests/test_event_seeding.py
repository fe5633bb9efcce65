"""The demo calendar: the named events, real behaviour of registrations, and idempotence."""

from __future__ import annotations

import datetime
import re
from collections import Counter

import pytest
from django.db.models import Count, F, Q
from django.utils import timezone

from vip.demo.events import EventSeeder
from vip.demo.events.plans import VAT_RAISED_ON, event_uid
from vip.demo.seeding import Seeder
from vip.events import services
from vip.events.models import Answer, Event, EventSeries, Feedback, Question, Registration
from vip.events.services import retention

pytestmark = pytest.mark.usefixtures("seeded_demo")

Status = Registration.Status
Kind = Event.Kind


def local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def start_of_today() -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time.min))


def calendar_counts() -> tuple[int, ...]:
    return (
        Event.objects.count(),
        EventSeries.objects.count(),
        Registration.objects.count(),
        Answer.objects.count(),
        Feedback.objects.count(),
    )


def test_it_adds_nothing_on_a_second_run(db):
    before = calendar_counts()

    report = Seeder(seed=1, scale="small").run()

    assert calendar_counts() == before
    assert not {"event", "registration", "feedback", "answer"} & set(report.created)


def test_it_draws_lost_feedback_again_as_it_was(db):
    def answers() -> Counter[tuple[object, ...]]:
        return Counter(
            Feedback.objects.values_list(
                "event", "overall", "usefulness", "would_recommend", "comment", "submitted_on"
            )
        )

    before = answers()
    assert before
    # As after a migration that recreated the table: the registrations' flags remain.
    Feedback.objects.all().delete()

    report = Seeder(seed=1, scale="small").run()

    assert answers() == before
    assert report.created["feedback"] == sum(before.values())
    assert "registration" not in report.created


def test_it_has_a_few_hundred_events_and_some_thousands_of_registrations(db):
    assert Event.objects.count() == 300
    assert 4000 <= Registration.objects.count() <= 15000
    assert Event.objects.filter(kind=Kind.WEBINAR).count() >= 30
    assert set(Event.objects.values_list("kind", flat=True)) == set(Kind.values)


def test_the_rally_was_held_remotely_on_15_9_2020(db):
    rally = Event.objects.get(kind=Kind.RALLY, title_fi__startswith="Älä luovuta meistä!")
    assert local_date(rally.starts_at) == datetime.date(2020, 9, 15)
    assert rally.mode == Event.Mode.REMOTE
    assert rally.title_en == "Don't give up on us! – remote rally"
    assert rally.title_sv.startswith("Ge inte upp om oss!")
    assert rally.registrations.filter(attended=True).count() > 50


def test_the_webinar_series_with_the_avis_has_four_parts_in_spring_2021(db):
    series = EventSeries.objects.get(name_fi__startswith="Toiminta-alueittain järjestetty opetus")
    webinars = list(series.events.order_by("starts_at"))
    assert [local_date(w.starts_at) for w in webinars] == [
        datetime.date(2021, 2, 4),
        datetime.date(2021, 2, 18),
        datetime.date(2021, 3, 16),
        datetime.date(2021, 4, 13),
    ]
    assert [w.title_en.split(": ", 1)[1] for w in webinars] == [
        "Norms and guidance",
        "Pedagogical solutions",
        "Digital pedagogy",
        "Setting and assessing the pupil's goals",
    ]
    for webinar in webinars:
        assert webinar.kind == Kind.WEBINAR
        assert webinar.mode == Event.Mode.REMOTE
        assert webinar.organisation.kind == "avi"
        assert webinar.partner_organisations.filter(kind="avi").count() == 5
        assert webinar.themes.filter(code="activity-area-teaching").exists()


def test_the_paid_seminars_on_school_non_attendance_charge_the_vat_of_their_day(db):
    seminars = list(
        Event.objects.filter(is_paid=True, title_fi__startswith="Koulua käymättömät").order_by(
            "starts_at"
        )
    )
    assert len(seminars) == 2
    past, upcoming = seminars
    assert local_date(past.starts_at) == datetime.date(2021, 11, 30)
    assert upcoming.starts_at > timezone.now()
    for seminar in seminars:
        day = local_date(seminar.starts_at)
        expected = "25.5" if day >= VAT_RAISED_ON else "24.0"
        rates = {str(rate) for rate in seminar.price_groups.values_list("vat_rate", flat=True)}
        assert rates == {expected}
        assert seminar.price_groups.count() == 2
        assert seminar.themes.filter(code="school-non-attendance").exists()
    registrations = upcoming.registrations.all()
    assert registrations.exists()
    assert not registrations.filter(price_group__isnull=True).exists()
    assert not registrations.filter(Q(billing_organisation="") | Q(billing_address="")).exists()
    # The past seminar's registrations are anonymised: no billing details are left.
    assert not past.registrations.exclude(billing_address="").exists()
    assert not past.registrations.filter(price_group__isnull=True).exists()


def test_the_remote_seminar_on_placed_children_and_the_vipu_trainings_exist(db):
    seminar = Event.objects.get(title_en__contains="Children placed outside their home")
    assert seminar.mode == Event.Mode.REMOTE
    assert seminar.kind == Kind.SEMINAR
    trainings = Event.objects.filter(kind=Kind.TRAINING, title_fi__startswith="VIPU-koulutus")
    assert trainings.filter(starts_at__year=2021).count() == 3
    upcoming = trainings.filter(starts_at__gt=timezone.now())
    assert upcoming.count() == 2
    # One of them is not open yet: the calendar says when it opens.
    assert upcoming.filter(registration_opens_at__gt=timezone.now()).count() == 1


def test_there_are_five_regional_network_days_and_a_national_one_every_year(db):
    for year in range(2020, timezone.localdate().year):
        days = Event.objects.filter(kind=Kind.NETWORK_DAY, starts_at__year=year)
        national = days.annotate(n=Count("areas")).filter(n=0)
        assert national.count() == 1, year
        regional_areas = list(
            days.filter(areas__isnull=False).values_list("areas__code", flat=True)
        )
        assert sorted(regional_areas) == ["HYKS", "KYS", "OYS", "TAYS", "TYKS"], year


def test_confirmed_registrations_never_outnumber_the_seats(db):
    events = Event.objects.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status=Status.CONFIRMED)),
        waiting=Count("registrations", filter=Q(registrations__status=Status.WAITING)),
    )
    limited = events.filter(capacity__isnull=False)
    assert limited.count() > 100
    assert not limited.filter(confirmed__gt=F("capacity")).exists()
    assert not events.filter(waiting__gt=F("waiting_list_capacity")).exists()
    # A waiting list forms only when the seats are taken; freed seats go to it.
    assert not limited.filter(waiting__gt=0, confirmed__lt=F("capacity")).exists()
    assert not events.filter(capacity__isnull=True, waiting__gt=0).exists()
    # Some events did fill up, so the rule was tested by the data.
    assert limited.filter(confirmed=F("capacity")).count() >= 10
    assert events.filter(waiting__gt=0).exists()


def test_registrations_follow_the_registration_rules(db):
    active = Registration.objects.filter(status__in=[Status.CONFIRMED, Status.WAITING])
    duplicates = active.values("event", "email").annotate(n=Count("pk")).filter(n__gt=1).order_by()
    assert not duplicates.exists()
    assert not Registration.objects.filter(event__status=Event.Status.DRAFT).exists()
    assert not Registration.objects.filter(created_at__gt=F("event__starts_at")).exists()
    assert not Registration.objects.filter(created_at__gt=timezone.now()).exists()
    ended = Registration.objects.filter(status__in=[Status.CANCELLED, Status.REMOVED])
    assert ended.exists()
    assert not ended.filter(cancelled_at__isnull=True).exists()
    assert not Registration.objects.filter(
        promoted_at__isnull=False, status=Status.WAITING
    ).exists()
    assert Registration.objects.filter(promoted_at__isnull=False).exists()


def test_every_event_passes_the_services_validation(db):
    for event in Event.objects.all():
        # The same checks event_create and event_publish make.
        services._clean_event(event)
        services._check_price_groups(event)
    assert not Event.objects.filter(status=Event.Status.CANCELLED, cancel_reason="").exists()


def test_past_events_have_attendance_marked_and_feedback(db):
    now = start_of_today()
    past = Event.objects.filter(status=Event.Status.PUBLISHED, ends_at__lt=now)
    confirmed = Registration.objects.filter(event__in=past, status=Status.CONFIRMED)
    assert confirmed.exists()
    assert not confirmed.filter(attended__isnull=True).exists()
    assert confirmed.filter(attended=False).exists()
    assert (
        not Registration.objects.exclude(status=Status.CONFIRMED)
        .filter(attended__isnull=False)
        .exists()
    )
    assert not Registration.objects.filter(event__ends_at__gte=now, attended__isnull=False).exists()
    given = Counter(
        Registration.objects.filter(feedback_given=True).values_list("event", flat=True)
    )
    answered = Counter(Feedback.objects.values_list("event", flat=True))
    assert given == answered
    assert not Registration.objects.filter(feedback_given=True, attended=False).exists()
    assert not Feedback.objects.filter(submitted_on__lt=F("event__ends_at__date")).exists()
    assert not Feedback.objects.filter(submitted_on__gt=timezone.localdate()).exists()
    # The training held a few days ago has enough answers for the averages to show.
    held = Event.objects.get(uid=event_uid("showcase:held"))
    assert held.ends_at < now
    assert held.feedback.count() >= 5


def test_the_calendar_has_events_open_for_registration_now(db):
    now = timezone.now()
    upcoming = Event.objects.filter(status=Event.Status.PUBLISHED, starts_at__gt=now)
    open_now = [event for event in upcoming if event.registration_open_at(now)]
    assert len(open_now) >= 5
    full = Event.objects.get(uid=event_uid("showcase:regional-day-full"))
    assert full.registrations.filter(status=Status.CONFIRMED).count() == full.capacity
    assert full.registrations.filter(status=Status.WAITING).exists()
    training = Event.objects.get(uid=event_uid("showcase:training-full"))
    assert training.registrations.filter(status=Status.WAITING).count() == 5
    assert Event.objects.filter(status=Event.Status.CANCELLED, starts_at__gt=now).exists()
    assert Event.objects.filter(status=Event.Status.DRAFT).exists()


def test_old_registrations_look_as_the_retention_job_leaves_them(db):
    now = start_of_today()
    anonymised = Registration.objects.filter(anonymised_at__isnull=False)
    assert anonymised.count() > 1000
    for registration in anonymised.order_by("?")[:200]:
        assert registration.given_name == registration.family_name == ""
        assert registration.email == f"anonymised-{registration.pk}@anonymised.invalid"
        assert registration.municipality_id is not None or registration.organisation_text == ""
    assert not Answer.objects.filter(registration__anonymised_at__isnull=False).exists()
    assert Answer.objects.filter(question__sensitive=True).exists()
    # Nothing is left for the job as of the seeding's day.
    report = retention.purge_event_data(now=now, dry_run=True)
    assert (report.sensitive.events, report.sensitive.rows) == (0, 0)
    assert (report.anonymised.events, report.anonymised.rows) == (0, 0)
    gone = Event.objects.filter(sensitive_answers_deleted_at__isnull=False)
    assert gone.exists()
    assert not Answer.objects.filter(question__event__in=gone, question__sensitive=True).exists()


def test_registrants_come_from_the_registry_spread_over_the_areas(db):
    registrations = Registration.objects.all()
    by_area = Counter(registrations.values_list("municipality__county__area__code", flat=True))
    total = sum(by_area.values())
    assert {"HYKS", "KYS", "TAYS", "TYKS", "OYS"} <= set(by_area)
    assert max(by_area[code] for code in ("HYKS", "KYS", "TAYS", "TYKS", "OYS")) < 0.45 * total
    assert by_area[None] < 0.02 * total  # Åland is outside the network
    # Anonymised rows keep the organisation's kind only.
    in_registry = Q(organisation__isnull=False) | ~Q(organisation_kind="")
    assert registrations.filter(in_registry).count() > 0.9 * total
    assert registrations.filter(sector__isnull=False).count() > 0.5 * total
    assert registrations.values("sector").distinct().count() == 12  # eleven and none
    assert registrations.filter(language="sv").count() > 0.02 * total
    # Regional events draw mostly from their own area.
    tays_days = registrations.filter(event__kind=Kind.REGIONAL_DAY, event__areas__code="TAYS")
    home = tays_days.filter(municipality__county__area__code="TAYS").count()
    assert home > 0.8 * tays_days.count()


def test_emails_of_people_who_kept_their_details_are_synthetic(db):
    kept = Registration.objects.filter(anonymised_at__isnull=True)
    assert kept.exists()
    pattern = re.compile(r"^[a-z.]+\d*@demo\.vip\.example$")
    assert all(pattern.match(email) for email in kept.values_list("email", flat=True))


def test_sensitive_questions_are_asked_where_there_is_food(db):
    diet = Question.objects.filter(sensitive=True, label_en="Dietary requirements")
    assert diet.exists()
    assert not diet.filter(event__mode=Event.Mode.REMOTE).exists()


def test_the_plan_depends_on_the_seed_only(db):
    def plan(seed: int) -> list[tuple[str, datetime.datetime, str, int]]:
        seeder = Seeder(seed=seed, scale="small")
        seeder._read_existing()
        events = EventSeeder(seeder, {})
        events._load()
        return [(p.key, p.starts_at, p.title_fi, p.demand) for p in events.plan()]

    first = plan(1)
    assert first == plan(1)
    assert first != plan(2)
    assert len({key for key, *_rest in first}) == len(first) == 300
