"""Reach reports: figures checked against a small hand-counted fixture, privacy and access.

The fixture (``scene``):

* Seminar A, a TAYS event with 4 seats and 2 waiting places, ended yesterday:
  r1 Tampere / school / sector 1, present; r2 Tampere / typed organisation /
  sector 2, present; r3 Nokia / no organisation / sector 1, absent; r4 Helsinki /
  municipality as provider / no sector, attendance not marked; r5 waiting;
  r6 cancelled (was waiting); rx removed (before r4 took the seat).
  Registrations 7, confirmed 4, waiting 1, cancelled 1, removed 1, attended 2,
  absent 1: attendance rate 2/3, no-show rate 1/3.
* Webinar B, a HYKS event of a series and a group, ended ten days ago:
  s1 Helsinki / school / sector 1, present; s2 Espoo / typed organisation,
  attendance not marked.
* A cancelled event with a registration and a draft: in no period report.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass

import openpyxl
import pytest
from django.utils import timezone

from vip.audit.models import AuditAction, AuditEvent
from vip.events import services
from vip.events.models import Event, EventSeries, Feedback, Registration
from vip.events.selectors import reach
from vip.events.tests.builders import DAY, HOUR, make_event, register
from vip.network import services as network_services
from vip.network.models import Group, Sector
from vip.registry.models import Area, Municipality

pytestmark = pytest.mark.django_db


def ended(event: Event, days_ago: float) -> Event:
    end = timezone.now() - days_ago * DAY
    Event.objects.filter(pk=event.pk).update(starts_at=end - 6 * HOUR, ends_at=end)
    event.refresh_from_db()
    return event


def mark(registration: Registration, present: bool) -> None:
    Registration.objects.filter(pk=registration.pk).update(
        attended=present, attendance_marked_at=timezone.now()
    )


@dataclass
class Scene:
    seminar: Event
    webinar: Event
    group: Group
    series: EventSeries
    tays: Area
    hyks: Area
    sector_1: Sector
    sector_2: Sector


@pytest.fixture
def scene(tays, hyks, tampere_school, helsinki_provider) -> Scene:
    municipality = {
        code: Municipality.objects.get(code=code) for code in ("837", "536", "091", "049")
    }
    assert {code: m.area for code, m in municipality.items()} == {
        "837": tays,
        "536": tays,
        "091": hyks,
        "049": hyks,
    }
    sector_1, sector_2 = Sector.objects.order_by("position", "code")[:2]
    group = network_services.group_create(
        actor=None,
        kind=Group.Kind.REGIONAL,
        name_fi="HYKS-alueen ryhmä",
        area=hyks,
        term_start=datetime.date(2021, 1, 1),
    )
    series = EventSeries.objects.create(name_fi="Webinaarisarja")

    seminar = make_event(capacity=4, waiting_list_capacity=2, areas=[tays])
    tampere, nokia, helsinki, espoo = (municipality[c] for c in ("837", "536", "091", "049"))
    r1 = register(
        seminar,
        notify=False,
        municipality=tampere,
        organisation=tampere_school,
        sector=sector_1,
    )
    r2 = register(
        seminar,
        notify=False,
        municipality=tampere,
        organisation_text="Yksityinen terapiakeskus",
        sector=sector_2,
    )
    r3 = register(seminar, notify=False, municipality=nokia, sector=sector_1)
    rx = register(seminar, notify=False, municipality=tampere)
    services.registration_remove(actor=None, registration=rx)
    r4 = register(seminar, notify=False, municipality=helsinki, organisation=helsinki_provider)
    r5 = register(seminar, notify=False, municipality=tampere)
    r6 = register(seminar, notify=False, municipality=nokia)
    services.registration_cancel(registration=r6)
    assert [r.status for r in (r4, r5)] == ["confirmed", "waiting"]

    webinar = make_event(
        kind=Event.Kind.WEBINAR,
        title_fi="Webinaari",
        title_en="Webinar",
        mode=Event.Mode.REMOTE,
        venue="",
        organising_group=group,
        series=series,
        areas=[hyks],
    )
    s1 = register(
        webinar, notify=False, municipality=helsinki, organisation=tampere_school, sector=sector_1
    )
    register(webinar, notify=False, municipality=espoo, organisation_text="Oma yritys")

    cancelled = make_event(title_fi="Peruttu", areas=[tays])
    register(cancelled, notify=False, municipality=tampere)
    services.event_cancel(actor=None, event=cancelled, reason="Sairastumisia")
    make_event(title_fi="Luonnos", publish=False, areas=[tays])

    seminar = ended(seminar, 1)
    webinar = ended(webinar, 10)
    ended(cancelled, 2)
    mark(r1, True)
    mark(r2, True)
    mark(r3, False)
    mark(s1, True)
    return Scene(seminar, webinar, group, series, tays, hyks, sector_1, sector_2)


def rows(breakdown: list[reach.BreakdownRow]) -> list[tuple[str, int, int]]:
    return [(row.label, row.participants, row.attended) for row in breakdown]


def period_report(**filters) -> reach.ReachReport:
    return reach.reach_report(
        reach.report_events(Event.objects.all(), reach.ReachFilters(**filters))
    )


def add_feedback(event: Event, answers: list[tuple[int, int, bool | None, str]]) -> None:
    for overall, usefulness, recommend, comment in answers:
        Feedback.objects.create(
            event=event,
            overall=overall,
            usefulness=usefulness,
            would_recommend=recommend,
            comment=comment,
        )


FIVE_ANSWERS = [
    (5, 3, True, "Hyvät puhujat."),
    (4, 3, True, ""),
    (4, 4, False, "Liian pitkä."),
    (3, 5, None, ""),
    (5, 5, True, "Aamukahvi puuttui."),
]


# --- Figures ---------------------------------------------------------------------------------


def test_the_event_figures_match_the_hand_count(scene):
    report = reach.reach_report(Event.objects.filter(pk=scene.seminar.pk))

    assert (
        report.registrations,
        report.confirmed,
        report.waiting,
        report.cancelled,
        report.removed,
    ) == (7, 4, 1, 1, 1)
    assert (report.attended, report.absent, report.marked) == (2, 1, 3)
    assert report.attendance_rate == pytest.approx(200 / 3)
    assert report.no_show_rate == pytest.approx(100 / 3)
    assert rows(report.by_municipality) == [
        ("Tampere", 2, 2),
        ("Helsinki", 1, 0),
        ("Nokia", 1, 0),
    ]
    assert rows(report.by_organisation_kind) == [
        ("Municipality as education provider", 1, 0),
        ("School", 1, 1),
        ("Not in the registry", 2, 1),
    ]


def test_the_period_figures_match_the_hand_count(scene):
    report = period_report()

    assert report.events == 2
    assert (
        report.registrations,
        report.confirmed,
        report.waiting,
        report.cancelled,
        report.removed,
    ) == (9, 6, 1, 1, 1)
    assert (report.attended, report.absent) == (3, 1)
    assert report.attendance_rate == 75
    assert report.no_show_rate == 25
    by_area = {row.key: (row.participants, row.attended) for row in report.by_area}
    assert by_area == {"HYKS": (3, 1), "KYS": (0, 0), "OYS": (0, 0), "TAYS": (3, 2), "TYKS": (0, 0)}
    assert rows(report.by_municipality) == [
        ("Helsinki", 2, 1),
        ("Tampere", 2, 2),
        ("Espoo", 1, 0),
        ("Nokia", 1, 0),
    ]
    assert rows(report.by_sector) == [
        (scene.sector_1.name, 3, 2),
        (scene.sector_2.name, 1, 1),
        ("Sector not given", 2, 0),
    ]
    assert rows(report.by_organisation_kind) == [
        ("School", 2, 2),
        ("Municipality as education provider", 1, 0),
        ("Not in the registry", 3, 1),
    ]


def test_it_gives_the_share_of_each_areas_municipalities_reached(scene):
    report = period_report()

    reach_by_area = {area.code: area for area in report.area_reach}
    assert set(reach_by_area) == {"HYKS", "KYS", "OYS", "TAYS", "TYKS"}
    for code in reach_by_area:
        area = reach_by_area[code]
        assert area.municipalities == Municipality.objects.filter(county__area__code=code).count()
    tays = reach_by_area["TAYS"]
    # Tampere and Nokia; Tampere's two participants count once.
    assert tays.reached == 2
    assert tays.share == pytest.approx(100 * 2 / tays.municipalities)
    assert reach_by_area["HYKS"].reached == 2
    assert reach_by_area["OYS"].reached == 0
    assert reach_by_area["OYS"].share == 0


def test_waiting_and_cancelled_people_do_not_reach_a_municipality(scene, tays):
    # Nokia's confirmed participant r3 leaves; Nokia's other registration was cancelled.
    r3 = Registration.objects.get(event=scene.seminar, municipality__code="536", status="confirmed")
    Registration.objects.filter(pk=r3.pk).update(status=Registration.Status.REMOVED)

    report = reach.reach_report(Event.objects.filter(pk=scene.seminar.pk))

    assert {area.code: area.reached for area in report.area_reach}["TAYS"] == 1


@pytest.mark.parametrize(
    ("filters", "events", "registrations"),
    [
        ({"kind": Event.Kind.WEBINAR}, 1, 2),
        ({"area_code": "TAYS"}, 1, 7),
        ({"area_code": "HYKS"}, 1, 2),
        ({"national": True}, 0, 0),
        ({"use_group": True}, 1, 2),
        ({"use_series": True}, 1, 2),
        ({"days_back": 3}, 1, 7),
        ({"days_until": 5}, 1, 2),
    ],
)
def test_the_filters_choose_the_events(scene, filters, events, registrations):
    values = {}
    today = timezone.localdate()
    if "kind" in filters:
        values["kind"] = filters["kind"]
    if "area_code" in filters:
        values["area"] = Area.objects.get(code=filters["area_code"])
    if "national" in filters:
        values["national"] = True
    if "use_group" in filters:
        values["group"] = scene.group
    if "use_series" in filters:
        values["series"] = scene.series
    if "days_back" in filters:
        values["starts_from"] = today - datetime.timedelta(days=filters["days_back"])
    if "days_until" in filters:
        values["starts_until"] = today - datetime.timedelta(days=filters["days_until"])

    report = period_report(**values)

    assert (report.events, report.registrations) == (events, registrations)


def test_an_area_covers_the_events_its_groups_organise(scene, hyks):
    Event.areas.through.objects.filter(event=scene.webinar).delete()

    assert period_report(area=hyks).events == 1
    assert period_report(national=True).events == 1


def test_the_figures_stay_the_same_after_anonymisation(scene):
    from vip.events.services.retention import anonymise_registrations

    add_feedback(scene.seminar, FIVE_ANSWERS)
    before = reach.export_rows(reach.reach_report(Event.objects.all(), with_comments=True))
    by_kind = [row[1:] for row in before if row[0] == "Participants by organisation kind"]
    assert by_kind == [
        ("School", 2),
        ("Municipality as education provider", 1),
        ("Not in the registry", 4),  # with the cancelled event's
    ]

    # Far enough ahead that every event is past the retention period.
    anonymise_registrations(actor=None, now=timezone.now() + 1000 * DAY)

    assert not Registration.objects.filter(anonymised_at__isnull=True).exists()
    assert set(Registration.objects.values_list("given_name", "organisation_text")) == {("", "")}
    # Only the kind of the organisation is left, not which one it was.
    assert not Registration.objects.filter(organisation__isnull=False).exists()
    assert Registration.objects.filter(organisation_kind="school").count() == 2
    after = reach.export_rows(reach.reach_report(Event.objects.all(), with_comments=True))
    assert after == before


def test_it_counts_in_a_constant_number_of_queries(scene, django_assert_max_num_queries):
    add_feedback(scene.seminar, FIVE_ANSWERS)
    with django_assert_max_num_queries(10):
        reach.reach_report(Event.objects.all(), with_comments=True)
    for number in range(3):
        event = make_event(title_fi=f"Lisää {number}", kind=Event.Kind.TRAINING)
        add_feedback(event, FIVE_ANSWERS[: number + 3])
        for _person in range(3):
            register(event, notify=False, municipality=Municipality.objects.get(code="091"))
    with django_assert_max_num_queries(10):
        reach.reach_report(Event.objects.all(), with_comments=True)


# --- Feedback --------------------------------------------------------------------------------


def test_feedback_is_hidden_below_five_answers(scene, client, login, national_admin):
    add_feedback(scene.seminar, FIVE_ANSWERS[:4])

    report = reach.reach_report(Event.objects.filter(pk=scene.seminar.pk), with_comments=True)

    assert not report.feedback.shown
    assert report.feedback.overall is None
    assert report.feedback.comments == ()
    login(client, national_admin)
    page = client.get(f"/en/events/{scene.seminar.pk}/report/").content.decode()
    assert "There are too few answers to show" in page
    assert "Overall rating" not in page
    assert "Hyvät puhujat." not in page
    csv_text = client.get(f"/en/events/{scene.seminar.pk}/report.csv").getvalue().decode()
    assert "Fewer than 5 answers: not shown" in csv_text
    assert "Hyvät puhujat." not in csv_text


def test_feedback_is_shown_from_five_answers(scene, client, login, national_admin):
    add_feedback(scene.seminar, FIVE_ANSWERS)

    report = reach.reach_report(Event.objects.filter(pk=scene.seminar.pk), with_comments=True)

    feedback = report.feedback
    assert feedback.shown
    assert feedback.answers == 5
    assert feedback.overall == pytest.approx(4.2)
    assert feedback.usefulness == pytest.approx(4.0)
    assert (feedback.recommend_yes, feedback.recommend_no, feedback.recommend_unsure) == (3, 1, 1)
    assert feedback.recommend_share == 75
    # In the order of the text, never in the order of arrival.
    assert feedback.comments == ("Aamukahvi puuttui.", "Hyvät puhujat.", "Liian pitkä.")
    login(client, national_admin)
    page = client.get(f"/en/events/{scene.seminar.pk}/report/").content.decode()
    assert "4.2 on a scale of 1 to 5" in page
    assert "4.0 on a scale of 1 to 5" in page
    assert "75.0&nbsp;%" in page
    assert "Aamukahvi puuttui." in page


def test_comparing_reports_does_not_reveal_an_event_below_the_minimum(
    scene, client, login, national_admin
):
    add_feedback(scene.seminar, FIVE_ANSWERS)
    # The one answer to the webinar; A+B less A would give it away if it were counted.
    add_feedback(scene.webinar, [(1, 1, False, "Tylsää.")])

    alone = reach.reach_report(Event.objects.filter(pk=scene.seminar.pk)).feedback
    both = period_report().feedback

    assert both.shown
    assert (both.answers, both.overall, both.usefulness) == (5, alone.overall, alone.usefulness)
    assert (both.recommend_yes, both.recommend_no, both.recommend_unsure) == (3, 1, 1)
    assert (alone.events_left_out, both.events_left_out) == (0, 1)
    assert period_report(kind=Event.Kind.WEBINAR).feedback == reach.FeedbackSummary(
        shown=False, events_left_out=1
    )
    login(client, national_admin)
    page = client.get("/en/events/reports/").content.decode()
    assert "4.2 on a scale of 1 to 5" in page
    assert "1 event with feedback was left out because it had fewer than 5 answers." in page
    table = list(
        csv.reader(io.StringIO(client.get("/en/events/reports/export.csv").getvalue().decode()))
    )
    assert ["Feedback", "Answers", "5"] in table
    assert ["Feedback", "Events left out: fewer than 5 answers each", "1"] in table
    webinar_page = client.get("/en/events/reports/", {"kind": "webinar"}).content.decode()
    assert "There is no feedback to show." in webinar_page
    assert "1 event with feedback was left out" in webinar_page


def test_events_each_with_enough_answers_are_counted_together(scene):
    add_feedback(scene.seminar, FIVE_ANSWERS)
    add_feedback(scene.webinar, [(1, 2, False, "")] * 5)

    both = period_report().feedback

    assert (both.answers, both.events_left_out) == (10, 0)
    assert both.overall == pytest.approx((21 + 5) / 10)
    assert both.usefulness == pytest.approx((20 + 10) / 10)
    assert (both.recommend_yes, both.recommend_no, both.recommend_unsure) == (3, 6, 1)


def test_comments_are_listed_only_for_one_event(scene, client, login, national_admin):
    add_feedback(scene.seminar, FIVE_ANSWERS)
    login(client, national_admin)

    page = client.get("/en/events/reports/").content.decode()

    assert "4.2 on a scale of 1 to 5" in page
    assert "Hyvät puhujat." not in page
    assert period_report().feedback.comments == ()


# --- Pages and access ------------------------------------------------------------------------


def test_the_event_report_page_shows_the_figures_charts_and_tables(
    scene, client, login, coordinator, django_assert_max_num_queries
):
    login(client, coordinator)

    with django_assert_max_num_queries(15):
        response = client.get(f"/en/events/{scene.seminar.pk}/report/")

    assert response.status_code == 200
    page = response.content.decode()
    assert 'aria-current="page">Report</a>' in page
    assert "Attendance rate" in page
    assert "66.7&nbsp;%" in page
    assert page.count('role="img"') == 5
    assert 'id="chart-municipality-title">Participants by municipality</title>' in page
    assert '<th scope="row" class="govuk-table__header">Tampere</th>' in page
    assert "style=" not in page


def test_the_reach_report_page_has_a_constant_number_of_queries(
    scene, client, login, national_admin, django_assert_max_num_queries
):
    login(client, national_admin)
    with django_assert_max_num_queries(16) as small:
        assert client.get("/en/events/reports/").status_code == 200
    for number in range(4):
        event = make_event(title_fi=f"Lisää {number}", areas=[scene.tays])
        register(event, notify=False, municipality=Municipality.objects.get(code="837"))
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/en/events/reports/")
    assert "Registrations, all ever made" in response.content.decode()


def test_an_area_coordinator_reports_only_on_their_areas_events(scene, client, login, coordinator):
    login(client, coordinator)

    response = client.get("/en/events/reports/")

    assert response.status_code == 200
    assert response.context["report"].events == 1
    assert response.context["report"].registrations == 7
    assert client.get(f"/en/events/{scene.webinar.pk}/report/").status_code == 404
    assert client.get(f"/en/events/{scene.webinar.pk}/report.csv").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/en/events/{seminar}/report/",
        "/en/events/{seminar}/report.csv",
        "/en/events/reports/",
        "/en/events/reports/export.xlsx",
    ],
)
def test_outsiders_get_nothing(scene, client, login, outsider, teacher, path):
    url = path.format(seminar=scene.seminar.pk)

    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/en/accounts/login/")
    for user in (outsider, teacher):
        login(client, user)
        assert client.get(url).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.EVENT_REPORT_EXPORTED).exists()


# --- Exports ---------------------------------------------------------------------------------


def test_the_event_report_exports_as_csv(scene, client, login, national_admin):
    login(client, national_admin)

    response = client.get(f"/en/events/{scene.seminar.pk}/report.csv")

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="event-{scene.seminar.pk}-report.csv"'
    )
    table = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert table[0] == ["Section", "Label", "Value"]
    assert ["Totals", "Registrations", "7"] in table
    assert ["Totals", "Attendance rate (%)", "66.7"] in table
    assert ["Participants by municipality", "Tampere", "2"] in table
    assert ["Attended by municipality", "Tampere", "2"] in table
    assert ["Participants by organisation kind", "Not in the registry", "2"] in table
    assert ["Municipalities reached", str(scene.tays), "2"] in table
    audit = AuditEvent.objects.get(action=AuditAction.EVENT_REPORT_EXPORTED)
    assert audit.target_id == str(scene.seminar.pk)
    assert audit.details == {"format": "csv"}


def test_the_reach_report_exports_as_xlsx_with_its_filters(scene, client, login, national_admin):
    login(client, national_admin)

    response = client.get("/en/events/reports/export.xlsx", {"kind": "webinar", "area": "HYKS"})

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    table = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert table[0] == ["Section", "Label", "Value"]
    assert ["Totals", "Events", 1] in table
    assert ["Totals", "Registrations", 2] in table
    assert ["Totals", "Attendance rate (%)", 100] in table
    audit = AuditEvent.objects.get(action=AuditAction.EVENT_REPORT_EXPORTED)
    assert audit.details == {"format": "xlsx", "filters": {"kind": "webinar", "area": "HYKS"}}


@pytest.mark.parametrize("fmt", ["pdf", "json", "CSV"])
def test_an_unknown_export_format_is_not_found(scene, client, login, national_admin, fmt):
    login(client, national_admin)

    assert client.get(f"/en/events/{scene.seminar.pk}/report.{fmt}").status_code == 404
    assert client.get(f"/en/events/reports/export.{fmt}").status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.EVENT_REPORT_EXPORTED).exists()


# --- Bad filters -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"kind": "nonsense"}, "Choose a kind of event from the list."),
        ({"area": "XXX"}, "Choose an area from the list."),
        ({"theme": "no-such-theme"}, "Choose a theme from the list."),
        ({"group": "abc"}, "Choose an organising group from the list."),
        ({"group": "999999"}, "Choose an organising group from the list."),
        ({"series": "-1"}, "Choose a series from the list."),
        ({"starts_from": "32.13.2025"}, "Enter a date such as 31.12.2025."),
        ({"starts_until": "31.12.9999"}, "Enter a date between 1.1.2000 and 31.12.2100."),
        ({"starts_from": "1.1.0001"}, "Enter a date between 1.1.2000 and 31.12.2100."),
        ({"starts_from": "31.12.1999"}, "Enter a date between 1.1.2000 and 31.12.2100."),
        ({"starts_until": "1.1.2101"}, "Enter a date between 1.1.2000 and 31.12.2100."),
        (
            {"starts_from": "10.5.2025", "starts_until": "1.5.2025"},
            "The end of the period is before its start.",
        ),
    ],
)
def test_bad_filters_show_a_clear_error(scene, client, login, national_admin, query, message):
    login(client, national_admin)

    response = client.get("/en/events/reports/", query)
    export = client.get("/en/events/reports/export.csv", query)

    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert "Registrations, all ever made" not in page
    assert export.status_code == 400
    assert message in export.content.decode()
    assert not AuditEvent.objects.filter(action=AuditAction.EVENT_REPORT_EXPORTED).exists()


def test_the_first_and_last_days_of_the_range_are_accepted(scene, client, login, national_admin):
    login(client, national_admin)

    response = client.get(
        "/en/events/reports/", {"starts_from": "1.1.2000", "starts_until": "31.12.2100"}
    )

    assert response.status_code == 200
    assert response.context["report"].events == 2


def test_the_filter_lists_only_the_users_groups_and_series(scene, client, login, coordinator):
    login(client, coordinator)

    response = client.get("/en/events/reports/", {"group": scene.group.pk})

    # The HYKS group's events are not the TAYS coordinator's.
    assert response.status_code == 400
    assert "Choose an organising group from the list." in response.content.decode()
