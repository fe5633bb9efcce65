"""The public event API: calendar, one event, and registration by JSON."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from vip.accounts import services as account_services
from vip.accounts.models import ApiToken, User
from vip.accounts.roles import Role
from vip.audit.models import AuditAction, AuditEvent
from vip.core.testing import make_organisation, make_user
from vip.events import services
from vip.events.models import Event, Question, Registration
from vip.events.tests.builders import DAY, HOUR, make_event, register
from vip.network.models import Theme
from vip.registry.models import Organisation

pytestmark = pytest.mark.django_db

LIST = "/api/v1/events"
PROBLEM = "application/problem+json"


def get_json(client, url: str, status: int = 200, **params: Any) -> dict[str, Any]:
    response = client.get(url, params)
    assert response.status_code == status, response.content
    if status >= 400:
        assert response["Content-Type"] == PROBLEM
    return response.json()


def post_registration(client, event: Event, status: int, **body: Any) -> dict[str, Any]:
    body.setdefault("given_name", "Maija")
    body.setdefault("family_name", "Meikäläinen")
    body.setdefault("email", "maija@koulu.example")
    body.setdefault("consent", True)
    response = client.post(
        f"{LIST}/{event.pk}/registrations", body, content_type="application/json"
    )
    assert response.status_code == status, response.content
    if status >= 400:
        assert response["Content-Type"] == PROBLEM
    return response.json()


def test_it_lists_public_events_with_seats_and_waiting_list(client, outsider, login):
    event = make_event(capacity=2, waiting_list_capacity=3, join_url="", languages="fi,sv")
    make_event(publish=False, title_fi="Luonnos")
    register(event)
    register(event)
    register(event)
    for viewer in (client, login(client, outsider)):
        data = get_json(viewer, LIST, lang="en")
        assert data["count"] == 1
        [item] = data["items"]
        assert item["title"] == "Seminar on school absences"
        assert item["seats_left"] == 0
        assert item["waiting_list"] == {"capacity": 3, "waiting": 1, "places_left": 2}
        assert item["registration_open"] is True
        assert item["languages"] == ["fi", "sv"]
        assert item["uid"] == str(event.uid)
        assert "join_url" not in item


def test_the_join_link_is_never_in_the_api(client, reference_data):
    event = make_event(mode=Event.Mode.REMOTE, venue="", join_url="https://meet.example/secret")
    assert "meet.example" not in get_json(client, LIST).__repr__()
    assert "meet.example" not in get_json(client, f"{LIST}/{event.pk}").__repr__()


def test_it_filters_like_the_calendar(client, tays, hyks):
    theme = Theme.objects.get(code="school-non-attendance")
    webinar = make_event(
        kind=Event.Kind.WEBINAR,
        mode=Event.Mode.REMOTE,
        venue="",
        areas=[tays],
        themes=[theme],
        languages="sv",
    )
    national = make_event()
    past_start = timezone.now() - 30 * DAY
    past = make_event(starts_at=past_start, ends_at=past_start + HOUR, areas=[hyks])

    def ids(**params: Any) -> list[int]:
        return [item["id"] for item in get_json(client, LIST, **params)["items"]]

    assert ids() == [past.pk, webinar.pk, national.pk]
    assert ids(kind="webinar") == [webinar.pk]
    assert ids(mode="remote") == [webinar.pk]
    assert ids(theme="school-non-attendance") == [webinar.pk]
    assert ids(area="tays") == [webinar.pk]
    assert ids(area="national") == [national.pk]
    assert ids(language="sv") == [webinar.pk]
    assert ids(language="fi") == [past.pk, national.pk]
    assert ids(when="past") == [past.pk]
    assert ids(when="upcoming") == [webinar.pk, national.pk]
    today = timezone.localdate()
    assert ids(starts_from=today.isoformat()) == [webinar.pk, national.pk]
    assert ids(starts_until=(today - DAY).isoformat()) == [past.pk]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"theme": "juggling"}, "theme", "Unknown theme “juggling”"),
        ({"area": "XYZ"}, "area", "Unknown area code “XYZ”"),
        ({"kind": "party"}, "kind", "Must be one of"),
        ({"starts_from": "2026-13-01"}, "starts_from", "Must be a date"),
        (
            {"starts_from": "2026-05-02", "starts_until": "2026-05-01"},
            "starts_until",
            "before its start",
        ),
    ],
)
def test_unknown_filter_values_are_refused_clearly(client, reference_data, params, field, message):
    data = get_json(client, LIST, 422, **params)
    [error] = data["errors"]
    assert error["field"] == field
    assert message in error["message"]


def test_the_list_costs_the_same_queries_for_any_number_of_events(
    client, tays, django_assert_max_num_queries
):
    theme = Theme.objects.get(code="school-non-attendance")
    for _ in range(6):
        event = make_event(areas=[tays], themes=[theme], is_paid=True, capacity=5)
        register(
            event,
            price_group=event.price_groups.first(),
            billing_organisation="K",
            billing_address="Katu 1",
        )
    # count, the page's ids, its rows, one prefetch each for themes, areas, sectors and
    # price groups, and the seat counts
    with django_assert_max_num_queries(8):
        data = get_json(client, LIST)
    assert data["count"] == 6
    assert all(item["seats_left"] == 4 for item in data["items"])


def test_one_event_has_its_questions_and_drafts_are_not_found(client, national_admin, login):
    event = make_event(
        questions=[{"kind": Question.Kind.CHOICE, "label_fi": "Työpaja", "choices": "A\nB"}]
    )
    draft = make_event(publish=False)
    data = get_json(client, f"{LIST}/{event.pk}")
    assert data["questions"][0]["choices"] == ["A", "B"]
    assert data["cancellation_deadline"] == data["starts_at"]
    get_json(client, f"{LIST}/{draft.pk}", 404)
    # The API is the public calendar: even an organiser gets no draft there.
    get_json(login(client, national_admin), f"{LIST}/{draft.pk}", 404)
    get_json(client, f"{LIST}/999999", 404)


def test_anyone_registers_by_json_and_gets_a_confirmation(
    client, reference_data, django_capture_on_commit_callbacks, mailoutbox
):
    event = make_event(capacity=1, waiting_list_capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        data = post_registration(
            client, event, 201, municipality="837", sector="pupil-welfare", language="en"
        )
    registration = Registration.objects.get(pk=data["id"])
    assert data["status"] == "confirmed"
    assert registration.municipality.code == "837"
    assert registration.sector.code == "pupil-welfare"
    assert [m.to for m in mailoutbox] == [["maija@koulu.example"]]
    assert "/events/registrations/" in mailoutbox[0].body
    data = post_registration(client, event, 201, email="toinen@koulu.example")
    assert data["status"] == "waiting"
    assert "waiting list" in data["message"]


def test_a_full_event_answers_409_with_a_clear_title(client, reference_data):
    event = make_event(capacity=1, waiting_list_capacity=0)
    register(event)
    data = post_registration(client, event, 409)
    assert data["title"] == "The event is full"
    assert data["detail"] == "The event is full and its waiting list too."
    assert event.registrations.count() == 1


def test_many_registrations_from_one_address_answer_429_and_write_nothing(
    client, reference_data, settings
):
    settings.EVENTS_REGISTRATIONS_PER_ADDRESS = 2
    event = make_event()
    for number in range(2):
        post_registration(client, event, 201, email=f"opettaja{number}@koulu.example")

    data = post_registration(client, event, 429, email="kolmas@koulu.example")

    assert data["title"] == "Too many registrations"
    assert data["detail"].startswith("Too many registrations have come from your network")
    assert event.registrations.count() == 2


def test_the_address_limit_counts_only_its_window_and_its_address(client, reference_data, settings):
    settings.EVENTS_REGISTRATIONS_PER_ADDRESS = 1
    event = make_event()
    post_registration(client, event, 201, email="eka@koulu.example")
    response = client.post(
        f"{LIST}/{event.pk}/registrations",
        {
            "given_name": "Toinen",
            "family_name": "Kone",
            "email": "toka@koulu.example",
            "consent": True,
        },
        content_type="application/json",
        REMOTE_ADDR="192.0.2.7",
    )
    assert response.status_code == 201

    # A window of no length holds nothing that happened before now.
    settings.EVENTS_REGISTRATION_WINDOW = 0
    post_registration(client, event, 201, email="kolmas@koulu.example")


def test_a_duplicate_email_answers_409(client, reference_data):
    event = make_event()
    register(event, email="maija@koulu.example")
    data = post_registration(client, event, 409, email="MAIJA@koulu.example")
    assert data["title"] == "Already registered"
    assert data["errors"] == [
        {
            "field": "email",
            "message": "This e-mail address is already registered for this event.",
            "code": "",
        }
    ]


def test_a_closed_or_cancelled_event_answers_409(client, national_admin):
    closed = make_event(registration_closes_at=timezone.now() - HOUR)
    data = post_registration(client, closed, 409)
    assert data["title"] == "Registration is closed"
    cancelled = make_event()
    services.event_cancel(actor=national_admin, event=cancelled, reason="Peruttu.")
    assert post_registration(client, cancelled, 409)["detail"] == "The event has been cancelled."
    draft = make_event(publish=False)
    post_registration(client, draft, 404)
    assert not Registration.objects.exists()


def test_bad_fields_answer_422_and_write_nothing(client, reference_data):
    event = make_event(questions=[{"label_fi": "Ruokavalio", "required": True}])
    question = event.questions.get()
    data = post_registration(
        client,
        event,
        422,
        email="ei-osoite",
        consent=False,
        answers=[{"question": 999999, "value": "x"}],
    )
    fields = {error["field"] for error in data["errors"]}
    assert fields == {"email", "consent", "answers", f"answers.{question.pk}"}
    data = post_registration(client, event, 422, municipality="999")
    assert data["errors"][0]["field"] == "municipality"
    data = post_registration(client, event, 422, given_name=None)
    assert data["errors"][0]["field"] == "given_name"
    assert not Registration.objects.exists()


def test_a_paid_event_takes_a_price_group_and_billing_details(client, reference_data):
    event = make_event(is_paid=True)
    data = post_registration(client, event, 422)
    assert {e["field"] for e in data["errors"]} == {
        "price_group",
        "billing_organisation",
        "billing_address",
    }
    price_group = event.price_groups.first()
    data = post_registration(
        client,
        event,
        201,
        price_group=price_group.pk,
        billing_organisation="Tampereen kaupunki",
        billing_address="PL 487, 33101 Tampere",
    )
    assert Registration.objects.get(pk=data["id"]).price_group == price_group


def test_an_invalid_token_is_refused_also_here(client, reference_data):
    event = make_event()
    response = client.post(
        f"{LIST}/{event.pk}/registrations",
        {"given_name": "A", "family_name": "B", "email": "a@b.example", "consent": True},
        content_type="application/json",
        headers={"Authorization": "Bearer vip_bad"},
    )
    assert response.status_code == 401
    assert not Registration.objects.exists()


def test_the_dates_come_out_as_aware_times(client, reference_data):
    event = make_event()
    data = get_json(client, f"{LIST}/{event.pk}")
    parsed = datetime.datetime.fromisoformat(data["starts_at"])
    assert parsed.tzinfo is not None
    assert abs(parsed - event.starts_at) < datetime.timedelta(seconds=1)


# --- Outsiders ----------------------------------------------------------------------------------


@pytest.fixture
def elsewhere(hyks) -> User:
    """A signed-in user with a role, but in another area than the draft's."""
    user = make_user("koordinaattori@hyks.example", "Hanna", "Muualta")
    account_services.role_grant(actor=None, user=user, role=Role.AREA_COORDINATOR, area=hyks)
    return user


def token_headers(user: User) -> dict[str, str]:
    issued = account_services.api_token_create(
        user=user,
        name="Integraatio",
        scopes=[ApiToken.Scope.PROFILE_READ],
        expires_on=timezone.localdate() + 30 * DAY,
    )
    return {"Authorization": f"Bearer {issued.plaintext}"}


def test_a_draft_is_not_found_by_signed_in_outsiders_or_token_holders(
    client, login, outsider, elsewhere, tays
):
    draft = make_event(publish=False, areas=[tays])
    for user in (outsider, elsewhere):
        get_json(login(Client(headers={"Accept-Language": "en"}), user), f"{LIST}/{draft.pk}", 404)
    response = client.get(f"{LIST}/{draft.pk}", headers=token_headers(elsewhere))
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


def test_outsiders_cannot_register_for_a_draft_or_cancelled_event(
    client, login, national_admin, elsewhere, tays
):
    draft = make_event(publish=False, areas=[tays])
    cancelled = make_event(areas=[tays])
    services.event_cancel(actor=national_admin, event=cancelled, reason="Peruttu.")
    signed_in = login(Client(headers={"Accept-Language": "en"}), elsewhere)
    with_token = Client(headers={"Accept-Language": "en", **token_headers(elsewhere)})

    for viewer in (signed_in, with_token):
        post_registration(viewer, draft, 404)
        data = post_registration(viewer, cancelled, 409)
        assert data["detail"] == "The event has been cancelled."

    assert not Registration.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.REGISTRATION_CREATED).exists()


# --- The organisation ---------------------------------------------------------------------------


def test_a_registry_organisation_is_stored_and_a_closed_one_refused(
    client, reference_data, tampere_school
):
    event = make_event()
    data = post_registration(client, event, 201, organisation=tampere_school.pk)
    assert Registration.objects.get(pk=data["id"]).organisation == tampere_school

    closed = make_organisation(
        kind=Organisation.Kind.SCHOOL,
        name_fi="Lakkautettu koulu",
        active_to=timezone.localdate() - DAY,
    )
    data = post_registration(
        client, event, 422, email="toinen@koulu.example", organisation=closed.pk
    )
    assert data["errors"][0]["field"] == "organisation"
    assert "no longer active" in data["errors"][0]["message"]
    data = post_registration(client, event, 422, email="toinen@koulu.example", organisation=999999)
    assert data["errors"][0] == {
        "field": "organisation",
        "message": "There is no organisation with id 999999.",
        "code": "",
    }
    assert event.registrations.count() == 1
