"""Attendance on the day: marking present or absent on a phone, undoing, and the totals."""

from __future__ import annotations

import datetime
from html import unescape
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from vip.audit.models import AuditAction, AuditEvent
from vip.events import presenters, services
from vip.events.models import Event, Registration
from vip.events.selectors.participants import attendance_opens_at
from vip.events.tests.builders import DAY, HOUR, make_event, register

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
HELSINKI = ZoneInfo("Europe/Helsinki")
UTC = datetime.UTC


def attendance_url(event: Event) -> str:
    return f"/en/events/{event.pk}/attendance/"


def mark_url(registration: Registration) -> str:
    return f"/en/events/{registration.event_id}/attendance/{registration.pk}/"


def move_to(event: Event, starts_in: Any, hours: int = 6) -> None:
    """Registration happens before the event; move it afterwards to when the test needs."""
    start = timezone.now() + starts_in
    Event.objects.filter(pk=event.pk).update(starts_at=start, ends_at=start + hours * HOUR)
    event.refresh_from_db()


def messages_of(response: Any) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def event(reference_data):
    event = make_event(capacity=3, waiting_list_capacity=2)
    return event


@pytest.fixture
def people(event):
    registrations = {
        "maija": register(event, given_name="Maija", family_name="Meikäläinen"),
        "aino": register(event, given_name="Aino", family_name="Aaltonen"),
        "ville": register(event, given_name="Ville", family_name="Virtanen"),
        "kalle": register(event, given_name="Kalle", family_name="Koskinen"),
    }
    assert registrations["kalle"].status == Registration.Status.WAITING
    return registrations


@pytest.fixture
def today(event, people):
    """The event started an hour ago and lasts the day."""
    move_to(event, -HOUR, hours=3)
    return event


def test_it_lists_confirmed_participants_by_name(client, login, national_admin, today, people):
    login(client, national_admin)
    response = client.get(attendance_url(today))
    assert response.status_code == 200
    html = response.content.decode()
    assert [row.registration.family_name for row in response.context["rows"]] == [
        "Aaltonen",
        "Meikäläinen",
        "Virtanen",
    ]
    assert "Koskinen" not in html  # waiting, not a participant (yet)
    assert 'aria-current="page">Attendance<' in html
    totals = response.context["totals"]
    assert (totals.present, totals.absent, totals.unmarked) == (0, 0, 3)


def test_it_finds_participants_by_name_and_answers_htmx_with_the_list_only(
    client, login, national_admin, today, people
):
    login(client, national_admin)
    response = client.get(attendance_url(today), {"q": "meik"}, headers=HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert "Meikäläinen, Maija" in html
    assert "Aaltonen" not in html
    assert "<html" not in html


def test_marking_present_records_the_time_and_answers_htmx_with_the_row_and_totals(
    client, login, national_admin, today, people
):
    login(client, national_admin)
    before = timezone.now()
    response = client.post(mark_url(people["maija"]), {"attended": "present"}, headers=HTMX)
    assert response.status_code == 200
    people["maija"].refresh_from_db()
    assert people["maija"].attended is True
    assert before <= people["maija"].attendance_marked_at <= timezone.now()
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li id="participant-{people["maija"].pk}"')
    assert f"marked {presenters.moment(people['maija'].attendance_marked_at)}" in html
    assert (
        'value="present" id="mark-{}-present" aria-pressed="true"'.format(people["maija"].pk)
        in html
    )
    # The totals come along, swapped in place out of band.
    assert 'id="attendance-totals" class="vip-attendance-totals" hx-swap-oob="true"' in html
    assert "<dt>Present</dt><dd>1</dd>" in html
    assert "<html" not in html
    audit = AuditEvent.objects.get(action=AuditAction.ATTENDANCE_MARKED)
    assert audit.actor == national_admin
    assert audit.organisation is not None
    assert audit.organisation == today.organisation
    assert audit.details == {"event": today.pk, "attended": True}


def test_without_javascript_marking_redirects_back_to_the_row(
    client, login, national_admin, today, people
):
    login(client, national_admin)
    response = client.post(
        mark_url(people["ville"]), {"attended": "absent", "query": "q=vir&page=1"}
    )
    assert response.status_code == 302
    assert response["Location"] == (
        f"{attendance_url(today)}?q=vir&page=1#participant-{people['ville'].pk}"
    )
    people["ville"].refresh_from_db()
    assert people["ville"].attended is False
    followed = client.get(response["Location"])
    assert "Ville Virtanen: Absent." in messages_of(followed)


def test_a_mark_can_be_undone_and_a_repeated_mark_keeps_its_time(
    client, login, national_admin, today, people
):
    login(client, national_admin)
    client.post(mark_url(people["aino"]), {"attended": "present"})
    people["aino"].refresh_from_db()
    first_time = people["aino"].attendance_marked_at
    client.post(mark_url(people["aino"]), {"attended": "present"})
    people["aino"].refresh_from_db()
    assert people["aino"].attendance_marked_at == first_time
    assert AuditEvent.objects.filter(action=AuditAction.ATTENDANCE_MARKED).count() == 1

    response = client.post(mark_url(people["aino"]), {"attended": "unmarked"}, headers=HTMX)
    people["aino"].refresh_from_db()
    assert people["aino"].attended is None
    assert people["aino"].attendance_marked_at is None
    assert "Not marked" in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.ATTENDANCE_MARKED).count() == 2


def test_marking_before_the_event_day_is_refused(client, login, national_admin, event, people):
    move_to(event, 2 * DAY)
    login(client, national_admin)
    page = client.get(attendance_url(event)).content.decode()
    assert "Attendance can be marked from the day of the event on" in page
    assert 'name="attended"' not in page  # no buttons before the day
    response = client.post(mark_url(people["maija"]), {"attended": "present"}, headers=HTMX)
    day = timezone.localdate(event.starts_at)
    assert (
        f"Attendance can be marked from the day of the event on, {day.day}.{day.month}.{day.year}."
        in response.content.decode()
    )
    people["maija"].refresh_from_db()
    assert people["maija"].attended is None
    assert not AuditEvent.objects.filter(action=AuditAction.ATTENDANCE_MARKED).exists()


def at_half_past_midnight(event: Event, day: datetime.date) -> None:
    start = datetime.datetime(day.year, day.month, day.day, 0, 30, tzinfo=HELSINKI)
    Event.objects.filter(pk=event.pk).update(starts_at=start, ends_at=start + 3 * HOUR)
    event.refresh_from_db()


@pytest.mark.parametrize(
    ("day", "opens_in_utc"),
    [
        # Winter time, UTC+2, and summer time, UTC+3: both open on the previous UTC day.
        (datetime.date(2026, 11, 22), datetime.datetime(2026, 11, 21, 22, 0, tzinfo=UTC)),
        (datetime.date(2026, 6, 22), datetime.datetime(2026, 6, 21, 21, 0, tzinfo=UTC)),
    ],
)
def test_an_event_at_half_past_midnight_opens_at_midnight_finnish_time(
    event, people, day, opens_in_utc
):
    at_half_past_midnight(event, day)
    assert event.starts_at.astimezone(UTC).date() == day - DAY  # the evening before in UTC
    opens = attendance_opens_at(event)
    assert opens == datetime.datetime(day.year, day.month, day.day, 0, 0, tzinfo=HELSINKI)
    assert opens == opens_in_utc
    # A moment earlier is the evening before in Helsinki too.
    assert (opens - datetime.timedelta(microseconds=1)).astimezone(HELSINKI).date() == day - DAY


def test_an_event_at_half_past_midnight_is_marked_on_its_finnish_day_not_the_evening_before(
    client, login, national_admin, event, people
):
    """Now is fixed by moving the event: tonight's 00:30 or tomorrow night's, Helsinki time."""
    login(client, national_admin)
    today = timezone.localdate()  # in Helsinki
    tomorrow = today + DAY

    # Tomorrow night's 00:30 is still today in UTC: a UTC date would open it now.
    at_half_past_midnight(event, tomorrow)
    assert event.starts_at.astimezone(UTC).date() == today
    response = client.post(mark_url(people["maija"]), {"attended": "present"}, headers=HTMX)
    refusal = (
        "Attendance can be marked from the day of the event on, "
        f"{tomorrow.day}.{tomorrow.month}.{tomorrow.year}."
    )
    assert refusal in response.content.decode()
    people["maija"].refresh_from_db()
    assert people["maija"].attended is None
    assert not AuditEvent.objects.filter(action=AuditAction.ATTENDANCE_MARKED).exists()

    # Tonight's 00:30 began its Finnish day at 00:00: it is marked, whatever the hour now.
    at_half_past_midnight(event, today)
    page = client.get(attendance_url(event)).content.decode()
    assert "Attendance can be marked from the day of the event on" not in page
    response = client.post(mark_url(people["maija"]), {"attended": "present"}, headers=HTMX)
    assert response.status_code == 200
    people["maija"].refresh_from_db()
    assert people["maija"].attended is True


def test_the_attendance_page_is_not_kept_in_any_cache(client, login, national_admin, today, people):
    login(client, national_admin)
    response = client.get(attendance_url(today))
    assert "no-store" in response["Cache-Control"]


def test_a_waiting_registration_cannot_be_marked(client, login, national_admin, today, people):
    login(client, national_admin)
    response = client.post(mark_url(people["kalle"]), {"attended": "present"}, follow=True)
    assert any(
        "Kalle Koskinen is on the waiting list: only confirmed participants' attendance is marked."
        in message
        for message in messages_of(response)
    )
    people["kalle"].refresh_from_db()
    assert people["kalle"].attended is None
    assert not AuditEvent.objects.filter(action=AuditAction.ATTENDANCE_MARKED).exists()


def test_cancelled_and_removed_registrations_cannot_be_marked(
    client, login, national_admin, event, people
):
    services.registration_remove(actor=None, registration=people["ville"])
    services.registration_cancel(registration=people["aino"])
    move_to(event, -HOUR)
    login(client, national_admin)
    for person, status in (("ville", "removed"), ("aino", "cancelled")):
        response = client.post(mark_url(people[person]), {"attended": "present"}, headers=HTMX)
        assert (
            f"registration is {status}: only confirmed participants' attendance is marked"
            in unescape(response.content.decode())
        )
        people[person].refresh_from_db()
        assert people[person].attended is None
    assert not AuditEvent.objects.filter(action=AuditAction.ATTENDANCE_MARKED).exists()


def test_an_unknown_mark_is_refused(client, login, national_admin, today, people):
    login(client, national_admin)
    for data in ({"attended": "maybe"}, {}):
        response = client.post(mark_url(people["maija"]), data, headers=HTMX)
        assert "Choose present, absent or not marked." in response.content.decode()
    people["maija"].refresh_from_db()
    assert people["maija"].attended is None


def test_after_the_event_the_unmarked_are_marked_absent_at_once(
    client, login, national_admin, event, people
):
    move_to(event, -5 * HOUR, hours=3)
    login(client, national_admin)
    client.post(mark_url(people["maija"]), {"attended": "present"})
    page = client.get(attendance_url(event)).content.decode()
    assert "Mark all unmarked as absent" in page
    response = client.post(attendance_url(event), {"action": "mark_rest_absent"}, follow=True)
    assert "2 participants were marked absent." in messages_of(response)
    attended = dict(
        Registration.objects.filter(event=event, status="confirmed").values_list(
            "family_name", "attended"
        )
    )
    assert attended == {"Meikäläinen": True, "Aaltonen": False, "Virtanen": False}
    assert Registration.objects.get(pk=people["kalle"].pk).attended is None
    audit = AuditEvent.objects.filter(action=AuditAction.ATTENDANCE_MARKED).latest("pk")
    assert audit.details == {"event": event.pk, "attended": False, "unmarked_to_absent": 2}
    # A single mark and the marking of the rest land in the same organisation's log.
    single = AuditEvent.objects.filter(action=AuditAction.ATTENDANCE_MARKED).earliest("pk")
    assert audit.organisation == single.organisation == event.organisation
    totals = response.context["totals"]
    assert (totals.present, totals.absent, totals.unmarked) == (1, 2, 0)


def test_the_unmarked_are_not_marked_absent_before_the_event_ends(
    client, login, national_admin, today, people
):
    login(client, national_admin)
    assert "Mark all unmarked as absent" not in client.get(attendance_url(today)).content.decode()
    response = client.post(attendance_url(today), {"action": "mark_rest_absent"}, follow=True)
    assert any(
        "The rest can be marked absent once the event has ended" in m for m in messages_of(response)
    )
    assert not Registration.objects.filter(attended=False).exists()


def test_the_page_costs_the_same_queries_for_any_number_of_rows(
    client, login, national_admin, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    event = make_event()
    register(event)
    move_to(event, -HOUR)
    login(client, national_admin)
    with CaptureQueriesContext(connection) as few:
        client.get(attendance_url(event))
    move_to(event, DAY)
    for _ in range(15):
        register(event)
    move_to(event, -HOUR)
    # session, user, roles, event, count, rows, totals
    assert len(few) <= 7
    with django_assert_max_num_queries(len(few)):
        response = client.get(attendance_url(event))
    assert len(response.context["rows"]) == 16


def test_outsiders_and_other_areas_coordinators_get_nothing(
    client, login, outsider, coordinator, hyks, tays
):
    other = make_event(areas=[hyks])
    registration = register(other)
    move_to(other, -HOUR)
    assert client.get(attendance_url(other))["Location"].startswith("/en/accounts/login/")
    for user in (outsider, coordinator):
        login(client, user)
        assert client.get(attendance_url(other)).status_code == 404
        assert client.post(mark_url(registration), {"attended": "present"}).status_code == 404
        assert client.post(attendance_url(other), {"action": "mark_rest_absent"}).status_code == 404
    registration.refresh_from_db()
    assert registration.attended is None
    own = make_event(areas=[tays])
    mine = register(own)
    move_to(own, -HOUR)
    assert client.post(mark_url(mine), {"attended": "present"}).status_code == 302
