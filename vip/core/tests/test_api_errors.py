"""How the API refuses: problem details in the user's language for every kind of error.

Tests read the messages in English (the client fixture sends Accept-Language: en); the
Finnish ones are checked to be ours, not pydantic's English, whatever the catalogue says.
"""

from __future__ import annotations

import typing
from typing import Any

import pytest
from django.test import override_settings
from django.utils import translation
from pydantic_core.core_schema import ErrorType

from vip.accounts.roles import Role
from vip.core.api import _MESSAGES, problem_field_errors
from vip.events.models import Registration
from vip.events.tests.builders import make_event

PROBLEM = "application/problem+json"


def problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    data = response.json()
    assert data["status"] == status
    return data


def register(client: Any, event: Any, body: Any, **headers: str) -> Any:
    return client.post(
        f"/api/v1/events/{event.pk}/registrations",
        body,
        content_type="application/json",
        headers=headers,
    )


VALID = {
    "given_name": "Maija",
    "family_name": "Meikäläinen",
    "email": "maija@koulu.example",
    "consent": True,
}


# --- A body that is not JSON -----------------------------------------------------------------


@pytest.mark.django_db
def test_a_body_that_is_not_json_answers_400_and_writes_nothing(client, reference_data):
    event = make_event()

    data = problem(register(client, event, '{"given_name": "Maija",'), 400)

    assert data["title"] == "Malformed request"
    assert data["detail"] == "The request body is not valid JSON."
    assert data["instance"] == f"/api/v1/events/{event.pk}/registrations"
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_the_malformed_body_answer_follows_the_language(client, reference_data):
    event = make_event()

    data = problem(register(client, event, "{", accept_language="fi"), 400)

    with translation.override("fi"):
        assert data["title"] == translation.gettext("Malformed request")
        assert data["detail"] == translation.gettext("The request body is not valid JSON.")
    assert "Cannot parse request body" not in data["detail"]  # django-ninja's English


# --- An unexpected failure -------------------------------------------------------------------


@pytest.mark.django_db
def test_an_unexpected_failure_answers_500_as_a_problem_and_is_logged(
    client, reference_data, monkeypatch, caplog
):
    from vip.registry import api as registry_api

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(registry_api.area_policy, "visible", broken)

    data = problem(client.get("/api/v1/areas"), 500)

    assert data["title"] == "Internal error"
    assert data["detail"] == "The error has been logged."
    assert "database" not in str(data)  # nothing of the failure leaks
    assert "API request failed" in caplog.text


# --- Two-step verification not set up yet ----------------------------------------------------


@override_settings(TWO_FACTOR_REQUIRED_ROLES=[Role.STAFF])
@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/me", "/api/v1/areas"])
def test_a_session_without_its_mandatory_second_factor_gets_a_problem(client, teacher, login, path):
    login(client, teacher)

    data = problem(client.get(path), 403)

    assert data["title"] == "Two-step verification required"
    assert data["detail"] == "Set up two-step verification in the web interface first."
    assert data["instance"] == path


@override_settings(TWO_FACTOR_REQUIRED_ROLES=[Role.STAFF])
@pytest.mark.django_db
def test_the_second_factor_problem_follows_the_language(client, teacher, login):
    login(client, teacher)

    data = problem(client.get("/api/v1/me", headers={"Accept-Language": "fi"}), 403)

    with translation.override("fi"):
        assert data["title"] == translation.gettext("Two-step verification required")


# --- Invalid fields: our messages, not pydantic's ------------------------------------------


WRONG_TYPES = [
    ({"consent": "maybe"}, "consent", "bool_parsing", "Must be true or false."),
    ({"consent": []}, "consent", "bool_type", "Must be true or false."),
    ({"given_name": 123}, "given_name", "string_type", "Must be text."),
    ({"answers": "yes"}, "answers", "list_type", "Must be a list."),
    ({"organisation": 1.5}, "organisation", "int_from_float", "Must be a whole number."),
    ({"organisation": "one"}, "organisation", "int_parsing", "Must be a whole number."),
    ({"language": "de"}, "language", "literal_error", "Must be one of: fi, sv, en."),
    ({"given_name": "x" * 101}, "given_name", "string_too_long", "Must be at most 100 characters."),
    ({"family_name": None}, "family_name", "string_type", "Must be text."),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("change", "field", "code", "message"), WRONG_TYPES)
def test_a_field_of_the_wrong_type_is_named_with_a_clear_message(
    client, reference_data, change, field, code, message
):
    event = make_event()

    data = problem(register(client, event, {**VALID, **change}), 422)

    assert data["errors"] == [{"field": field, "message": message, "code": code}]
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_a_missing_field_is_named(client, reference_data):
    body = {key: value for key, value in VALID.items() if key != "email"}

    data = problem(register(client, make_event(), body), 422)

    assert data["errors"] == [
        {"field": "email", "message": "This field is required.", "code": "missing"}
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "msgid", "ctx"),
    [
        ({"consent": "maybe"}, "Must be true or false.", {}),
        ({"given_name": 123}, "Must be text.", {}),
        ({"answers": "yes"}, "Must be a list.", {}),
        ({"organisation": 1.5}, "Must be a whole number.", {}),
        ({"language": "de"}, "Must be one of: %(expected)s.", {"expected": "fi, sv, en"}),
    ],
)
def test_in_finnish_the_message_is_ours_not_pydantics_english(
    client, reference_data, change, msgid, ctx
):
    response = register(client, make_event(), {**VALID, **change}, accept_language="fi")

    [error] = problem(response, 422)["errors"]
    assert not error["message"].startswith(("Input should", "String should", "Field required"))
    with translation.override("fi"):
        # The English msgid until the catalogue has the text, the Finnish after.
        assert error["message"] == translation.gettext(msgid) % ctx


# --- The messages themselves ---------------------------------------------------------------


def test_every_message_is_for_an_error_type_pydantic_has():
    assert set(_MESSAGES) <= set(typing.get_args(ErrorType))


@pytest.mark.parametrize(
    ("error", "message"),
    [
        ({"type": "string_too_short", "ctx": {"min_length": 1}}, "Must be at least 1 character."),
        ({"type": "string_too_short", "ctx": {"min_length": 3}}, "Must be at least 3 characters."),
        ({"type": "too_short", "ctx": {"min_length": 1}}, "Must have at least 1 item."),
        ({"type": "too_long", "ctx": {"max_length": 5}}, "Must have at most 5 items."),
        (
            {"type": "enum", "ctx": {"expected": "'model' or 'report'"}},
            "Must be one of: model, report.",
        ),
        ({"type": "literal_error", "ctx": {"expected": "1 or 2"}}, "Must be one of: 1, 2."),
        ({"type": "json_invalid", "ctx": {"error": "EOF"}}, "Must be valid JSON."),
        ({"type": "model_attributes_type"}, "Must be an object."),
        ({"type": "dict_type"}, "Must be an object."),
        (
            {"type": "datetime_parsing", "ctx": {"error": "x"}},
            "Must be a date and time such as 2026-11-22T14:30+02:00.",
        ),
        (
            {"type": "uuid_parsing", "ctx": {"error": "x"}},
            "Must be a UUID such as 123e4567-e89b-12d3-a456-426614174000.",
        ),
        ({"type": "some_new_type", "msg": "Pydantic says so"}, "Pydantic says so"),
    ],
)
def test_messages_with_counts_and_value_lists_read_well(error, message):
    with translation.override("en"):
        [converted] = problem_field_errors([{"loc": ("query", "x"), **error}])

    assert converted == {"field": "x", "message": message, "code": error["type"]}
