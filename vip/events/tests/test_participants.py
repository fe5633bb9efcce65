"""The participant list of an event: search, filters, promotion, removal and export."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from vip.audit.models import AuditAction, AuditEvent
from vip.events.models import Event, Question, Registration
from vip.events.tests.builders import make_event, register
from vip.network.models import Sector
from vip.registry.models import Municipality

pytestmark = pytest.mark.django_db

CONFIRMED = Registration.Status.CONFIRMED
WAITING = Registration.Status.WAITING
REMOVED = Registration.Status.REMOVED


def list_url(event: Event) -> str:
    return f"/en/events/{event.pk}/participants/"


def promote_url(registration: Registration) -> str:
    return f"/en/events/{registration.event_id}/participants/{registration.pk}/promote/"


def remove_url(registration: Registration) -> str:
    return f"/en/events/{registration.event_id}/participants/{registration.pk}/remove/"


def export_url(event: Event, fmt: str) -> str:
    return f"/en/events/{event.pk}/participants.{fmt}"


def page(client: Any, url: str, **params: Any) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def names(response: Any) -> list[str]:
    return [row.registration.full_name for row in response.context["rows"]]


def messages_of(response: Any) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def seminar(reference_data):
    """A seminar with a dietary question and a yes/no question, two seats, two waiting places."""
    return make_event(
        capacity=2,
        waiting_list_capacity=2,
        questions=[
            {"kind": Question.Kind.TEXT, "label_fi": "Ruokavalio", "label_en": "Dietary needs"},
            {
                "kind": Question.Kind.YES_NO,
                "label_fi": "Tuletko?",
                "label_en": "Staying for dinner?",
            },
        ],
    )


def answers(event: Event, diet: str = "", dinner: str = "") -> dict[int, str]:
    text, yes_no = event.questions.order_by("position")
    return {text.pk: diet, yes_no.pk: dinner}


@pytest.fixture
def people(seminar):
    """Two confirmed and two waiting, from different places and sectors."""
    tampere = Municipality.objects.get(code="837")
    helsinki = Municipality.objects.get(code="091")
    return {
        "maija": register(
            seminar,
            email="maija@koulu.example",
            given_name="Maija",
            family_name="Meikäläinen",
            organisation_text="Tammelan koulu",
            municipality=tampere,
            sector=Sector.objects.get(code="pupil-welfare"),
            answers=answers(seminar, "Gluteeniton", "yes"),
        ),
        "aino": register(
            seminar,
            email="aino@helsinki.example",
            given_name="Aino",
            family_name="Äijälä",
            organisation_text="Helsingin kaupunki",
            municipality=helsinki,
            sector=Sector.objects.get(code="rector"),
            answers=answers(seminar, "", "no"),
        ),
        "ville": register(
            seminar,
            email="ville@koulu.example",
            given_name="Ville",
            family_name="Virtanen",
            municipality=tampere,
        ),
        "kalle": register(
            seminar, email="kalle@koulu.example", given_name="Kalle", family_name="Koskinen"
        ),
    }


# --- The list ---------------------------------------------------------------------------------


def test_it_lists_registrations_with_their_details_and_answers(
    client, login, national_admin, seminar, people
):
    login(client, national_admin)
    html = page(client, list_url(seminar))
    assert "Meikäläinen, Maija" in html
    assert "maija@koulu.example" in html
    assert "Tammelan koulu" in html
    assert "Tampere" in html
    assert "Pupil welfare" in html
    assert "Dietary needs" in html
    assert "Gluteeniton" in html
    assert "Staying for dinner?" in html
    assert ">Yes<" in html
    assert ">No<" in html
    assert "On the waiting list" in html
    # The organiser tools' navigation, with this tab current.
    assert 'aria-current="page">Participants<' in html


def test_it_sorts_by_family_name_and_counts_each_status(
    client, login, national_admin, seminar, people
):
    from vip.events import services

    services.registration_cancel(registration=people["kalle"])
    login(client, national_admin)
    response = client.get(list_url(seminar))
    assert names(response) == [
        "Kalle Koskinen",
        "Maija Meikäläinen",
        "Ville Virtanen",
        "Aino Äijälä",
    ]
    counts = response.context["counts"]
    assert (counts.confirmed, counts.waiting, counts.cancelled, counts.removed) == (2, 1, 1, 0)


def test_it_searches_by_name_email_and_organisation(client, login, national_admin, seminar, people):
    login(client, national_admin)
    url = list_url(seminar)
    assert names(client.get(url, {"q": "meikäläinen"})) == ["Maija Meikäläinen"]
    # Case is folded for Finnish letters too, also on SQLite.
    assert names(client.get(url, {"q": "äijälä"})) == ["Aino Äijälä"]
    assert names(client.get(url, {"q": "HELSINKI.example"})) == ["Aino Äijälä"]
    assert names(client.get(url, {"q": "tammelan"})) == ["Maija Meikäläinen"]
    # Every word must match.
    assert names(client.get(url, {"q": "maija virtanen"})) == []


def test_it_filters_by_status_attendance_area_municipality_and_sector(
    client, login, national_admin, seminar, people
):
    Registration.objects.filter(pk=people["maija"].pk).update(attended=True)
    login(client, national_admin)
    url = list_url(seminar)
    assert names(client.get(url, {"status": "waiting"})) == ["Kalle Koskinen", "Ville Virtanen"]
    assert names(client.get(url, {"attendance": "present"})) == ["Maija Meikäläinen"]
    assert names(client.get(url, {"status": "confirmed", "attendance": "unmarked"})) == [
        "Aino Äijälä"
    ]
    assert names(client.get(url, {"area": "TAYS"})) == ["Maija Meikäläinen", "Ville Virtanen"]
    assert names(client.get(url, {"municipality": "091"})) == ["Aino Äijälä"]
    assert names(client.get(url, {"sector": "rector"})) == ["Aino Äijälä"]


def test_the_list_of_personal_data_is_not_kept_in_any_cache(
    client, login, national_admin, seminar, people
):
    login(client, national_admin)
    response = client.get(list_url(seminar))
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "no-cache", "private"} <= cache_control


def test_unknown_filter_values_show_an_error_and_the_whole_list(
    client, login, national_admin, seminar, people
):
    login(client, national_admin)
    response = client.get(list_url(seminar), {"status": "bogus"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert len(names(response)) == 4


def test_it_answers_htmx_with_the_results_fragment_only(
    client, login, national_admin, seminar, people
):
    login(client, national_admin)
    response = client.get(list_url(seminar), {"q": "maija"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="results"')
    assert "<html" not in html
    assert "vip-subnav" not in html
    assert "Meikäläinen, Maija" in html
    assert "Virtanen" not in html
    assert "1 registration" in html
    assert "HX-Request" in response["Vary"]


def test_the_list_costs_the_same_queries_for_any_number_of_rows(
    client, login, national_admin, django_assert_max_num_queries
):
    event = make_event(
        is_paid=True,
        questions=[{"kind": Question.Kind.TEXT, "label_fi": "Ruokavalio"}],
    )
    price_group = event.price_groups.first()
    tampere = Municipality.objects.get(code="837")
    sector = Sector.objects.get(code="rector")

    def add(count: int) -> None:
        question = event.questions.get()
        for _ in range(count):
            register(
                event,
                municipality=tampere,
                sector=sector,
                price_group=price_group,
                billing_organisation="Tampere",
                billing_address="PL 487",
                answers={question.pk: "Kasvis"},
            )

    login(client, national_admin)
    add(2)
    with CaptureQueriesContext(connection) as few:
        client.get(list_url(event))
    add(20)
    # session, user, roles, event, count, questions, status counts, rows, answers, filter choices
    assert len(few) <= 14
    with django_assert_max_num_queries(len(few)):
        response = client.get(list_url(event))
    assert len(response.context["rows"]) == 22


def test_it_pages_long_lists_and_keeps_the_filters(client, login, national_admin):
    event = make_event()
    for number in range(55):
        register(event, family_name=f"Sukunimi{number:02}")
    login(client, national_admin)
    first = client.get(list_url(event), {"status": "confirmed"})
    assert len(first.context["rows"]) == 50
    html = first.content.decode()
    assert "?status=confirmed&amp;page=2" in html
    second = client.get(list_url(event), {"status": "confirmed", "page": 2})
    assert len(second.context["rows"]) == 5


# --- Promotion --------------------------------------------------------------------------------


def test_an_organiser_gives_a_waiting_participant_a_free_seat(
    client,
    login,
    national_admin,
    seminar,
    people,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    # A free seat beside a waiting list: the capacity changed without the service.
    Event.objects.filter(pk=seminar.pk).update(capacity=3)
    login(client, national_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            promote_url(people["kalle"]), {"query": "status=waiting&evil=1"}, follow=True
        )
    people["kalle"].refresh_from_db()
    assert people["kalle"].status == CONFIRMED
    assert response.redirect_chain[-1][0] == f"{list_url(seminar)}?status=waiting"
    assert "Kalle Koskinen got a seat from the waiting list and was told by e-mail." in (
        messages_of(response)
    )
    assert [mail.to for mail in mailoutbox] == [["kalle@koulu.example"]]
    # Out of turn: Ville registered earlier but still waits.
    people["ville"].refresh_from_db()
    assert people["ville"].status == WAITING
    assert AuditEvent.objects.filter(
        action=AuditAction.REGISTRATION_PROMOTED, target_id=str(people["kalle"].pk)
    ).exists()


def test_promoting_into_a_full_event_shows_the_refusal_and_changes_nothing(
    client, login, national_admin, seminar, people
):
    login(client, national_admin)
    response = client.post(promote_url(people["ville"]), follow=True)
    assert any("No seat is free: the event is full." in m for m in messages_of(response))
    people["ville"].refresh_from_db()
    assert people["ville"].status == WAITING
    assert not AuditEvent.objects.filter(action=AuditAction.REGISTRATION_PROMOTED).exists()


def test_promoting_someone_confirmed_is_refused(client, login, national_admin, seminar, people):
    login(client, national_admin)
    response = client.post(promote_url(people["maija"]), follow=True)
    assert "Only someone on the waiting list can be promoted." in messages_of(response)
    assert not AuditEvent.objects.filter(action=AuditAction.REGISTRATION_PROMOTED).exists()


# --- Removal ----------------------------------------------------------------------------------


def test_removing_asks_first_then_removes_and_moves_the_waiting_list(
    client,
    login,
    national_admin,
    seminar,
    people,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    login(client, national_admin)
    ask = client.post(remove_url(people["maija"]), {"query": "q=maija"})
    assert ask.status_code == 200
    html = ask.content.decode()
    assert "Remove Maija Meikäläinen from the event?" in html
    assert "Their seat goes to the first on the waiting list" in html
    assert 'name="confirm" value="yes"' in html
    people["maija"].refresh_from_db()
    assert people["maija"].status == CONFIRMED

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            remove_url(people["maija"]), {"confirm": "yes", "query": "q=maija"}, follow=True
        )
    assert response.redirect_chain[-1][0] == f"{list_url(seminar)}?q=maija"
    people["maija"].refresh_from_db()
    people["ville"].refresh_from_db()
    assert people["maija"].status == REMOVED
    assert people["ville"].status == CONFIRMED
    assert (
        "Maija Meikäläinen was removed from the event. Ville Virtanen got the seat from the "
        "waiting list and was told by e-mail."
    ) in messages_of(response)
    assert [mail.to for mail in mailoutbox] == [["ville@koulu.example"]]


def test_removing_someone_waiting_promotes_nobody(client, login, national_admin, seminar, people):
    login(client, national_admin)
    response = client.post(remove_url(people["kalle"]), {"confirm": "yes"}, follow=True)
    assert "Kalle Koskinen was removed from the event." in messages_of(response)
    people["ville"].refresh_from_db()
    assert people["ville"].status == WAITING


def test_removing_twice_says_so_and_changes_nothing(client, login, national_admin, seminar, people):
    login(client, national_admin)
    client.post(remove_url(people["kalle"]), {"confirm": "yes"})
    audit_rows = AuditEvent.objects.count()
    response = client.post(remove_url(people["kalle"]), {"confirm": "yes"}, follow=True)
    assert (
        "Kalle Koskinen's registration is removed already: there is nothing to remove."
        in messages_of(response)
    )
    assert AuditEvent.objects.count() == audit_rows
    people["kalle"].refresh_from_db()
    assert people["kalle"].status == REMOVED


def test_a_registration_of_another_event_is_not_found_through_this_one(
    client, login, national_admin, seminar, people
):
    other = make_event()
    login(client, national_admin)
    url = f"/en/events/{other.pk}/participants/{people['kalle'].pk}/remove/"
    assert client.post(url, {"confirm": "yes"}).status_code == 404
    people["kalle"].refresh_from_db()
    assert people["kalle"].status == WAITING


# --- Export -----------------------------------------------------------------------------------


def test_it_exports_the_filtered_rows_as_csv_with_answers_in_columns_and_audits_it(
    client, login, national_admin, seminar, people
):
    login(client, national_admin)
    response = client.get(export_url(seminar, "csv"), {"status": "confirmed", "q": "a"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="participants-{seminar.pk}-'
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Family name", "Given name", "E-mail"]
    assert rows[0][-2:] == ["Dietary needs", "Staying for dinner?"]
    assert [row[0] for row in rows[1:]] == ["Meikäläinen", "Äijälä"]
    maija = rows[1]
    assert maija[2] == "maija@koulu.example"
    assert maija[3] == "Tammelan koulu"
    assert maija[4] == "Tampere"
    assert maija[7] == "Confirmed"
    assert maija[-2:] == ["Gluteeniton", "Yes"]
    audit = AuditEvent.objects.get(action=AuditAction.PARTICIPANTS_EXPORTED)
    assert audit.actor == national_admin
    assert audit.target_id == str(seminar.pk)
    assert audit.details == {
        "table": "participants",
        "format": "csv",
        "rows": 2,
        "filters": {"search": True, "status": "confirmed"},
    }


def test_it_exports_xlsx_with_the_same_rows(client, login, national_admin, seminar, people):
    login(client, national_admin)
    response = client.get(export_url(seminar, "xlsx"), {"status": "waiting"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Family name"
    assert [row[0] for row in values[1:]] == ["Koskinen", "Virtanen"]
    assert AuditEvent.objects.get(action=AuditAction.PARTICIPANTS_EXPORTED).details["rows"] == 2


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_with_a_mistyped_filter_is_refused_not_widened_to_everyone(
    client, login, national_admin, seminar, people, fmt
):
    login(client, national_admin)
    response = client.get(export_url(seminar, fmt), {"status": "waitin", "sector": "nobody"})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Status: Select a valid choice. waitin is not one of the available choices." in text
    assert "Sector or role: Select a valid choice." in text
    # Nobody's data leaves, and no download is recorded.
    assert "koulu.example" not in text
    assert not AuditEvent.objects.filter(action=AuditAction.PARTICIPANTS_EXPORTED).exists()


def test_an_export_with_valid_filters_and_unrelated_keys_still_downloads(
    client, login, national_admin, seminar, people
):
    login(client, national_admin)
    response = client.get(export_url(seminar, "csv"), {"status": "waiting", "utm": "x"})
    assert response.status_code == 200
    assert AuditEvent.objects.get(action=AuditAction.PARTICIPANTS_EXPORTED).details["rows"] == 2


@pytest.mark.parametrize("fmt", ["pdf", "json", "CSV"])
def test_an_unknown_export_format_is_not_found(client, login, national_admin, seminar, fmt):
    login(client, national_admin)
    assert client.get(export_url(seminar, fmt)).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.PARTICIPANTS_EXPORTED).exists()


# --- Who gets in ------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, seminar):
    for url in (list_url(seminar), export_url(seminar, "csv")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/")


def test_an_outsider_finds_nothing_and_changes_nothing(client, login, outsider, seminar, people):
    login(client, outsider)
    assert client.get(list_url(seminar)).status_code == 404
    assert client.get(export_url(seminar, "csv")).status_code == 404
    assert client.post(promote_url(people["ville"])).status_code == 404
    assert client.post(remove_url(people["maija"]), {"confirm": "yes"}).status_code == 404
    assert set(Registration.objects.values_list("status", flat=True)) == {CONFIRMED, WAITING}
    assert not AuditEvent.objects.filter(action=AuditAction.PARTICIPANTS_EXPORTED).exists()


def test_an_area_coordinator_manages_their_areas_events_only(
    client, login, coordinator, tays, hyks
):
    own = make_event(areas=[tays], capacity=1, waiting_list_capacity=1)
    other = make_event(areas=[hyks], capacity=1, waiting_list_capacity=1)
    register(own)
    register(other, email="toinen@koulu.example")
    waiting = register(other, email="jonossa@koulu.example")
    login(client, coordinator)
    assert client.get(list_url(own)).status_code == 200
    assert client.get(list_url(other)).status_code == 404
    assert client.get(export_url(other, "xlsx")).status_code == 404
    assert client.post(remove_url(waiting), {"confirm": "yes"}).status_code == 404
    waiting.refresh_from_db()
    assert waiting.status == WAITING


def test_the_organising_groups_chair_manages_its_events(client, login, reference_data):
    import datetime

    from vip.core.testing import make_user
    from vip.network.models import Group, Membership, Person

    group = Group.objects.create(
        kind=Group.Kind.THEMATIC, name_fi="Poissaoloryhmä", term_start=datetime.date(2020, 1, 1)
    )
    chair = make_user("pj@ryhma.example")
    person = Person.objects.create(given_name="Pia", family_name="Puheenjohtaja", user=chair)
    Membership.objects.create(
        person=person, group=group, role=Membership.Role.CHAIR, start=datetime.date(2020, 1, 1)
    )
    own = make_event(organising_group=group)
    other = make_event()
    login(client, chair)
    assert client.get(list_url(own)).status_code == 200
    assert client.get(list_url(other)).status_code == 404
