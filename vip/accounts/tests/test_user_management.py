"""The users-and-roles pages: who sees whom, granting, inviting, removing."""

from __future__ import annotations

import pytest
from django.core import mail

from vip.accounts.models import RoleGrant, User
from vip.accounts.roles import Role
from vip.audit.models import AuditAction, AuditEvent
from vip.core.testing import make_organisation, make_user
from vip.registry.models import Organisation

USERS = "/en/users/"


@pytest.fixture
def helsinki_teacher(helsinki_provider, national_admin):
    from vip.accounts import services

    user = make_user("opettaja@helsinki.example", "Anna", "Lindholm")
    services.role_grant(
        actor=national_admin, user=user, role=Role.STAFF, organisation=helsinki_provider
    )
    return user


def test_anonymous_users_are_sent_to_sign_in(client, reference_data):
    assert client.get(USERS)["Location"].startswith("/en/accounts/login/")


@pytest.mark.parametrize("person", ["outsider", "teacher"])
def test_people_without_a_managing_role_do_not_see_the_users(client, login, request, person):
    login(client, request.getfixturevalue(person))
    assert client.get(USERS).status_code == 404
    assert client.get("/en/users/invite/").status_code == 404


def test_a_national_admin_sees_everyone(client, login, national_admin, teacher, helsinki_teacher):
    login(client, national_admin)
    page = client.get(USERS).content.decode()
    assert teacher.email in page
    assert helsinki_teacher.email in page


def test_a_coordinator_sees_only_users_of_the_own_area(
    client, login, coordinator, teacher, helsinki_teacher
):
    login(client, coordinator)
    page = client.get(USERS).content.decode()
    assert teacher.email in page
    assert helsinki_teacher.email not in page
    assert client.get(f"/en/users/{helsinki_teacher.pk}/").status_code == 404
    assert client.get(f"/en/users/{teacher.pk}/").status_code == 200


def test_the_user_list_searches_by_name(client, login, national_admin, teacher, helsinki_teacher):
    login(client, national_admin)
    page = client.get(USERS, {"q": "Nieminen"}).content.decode()
    assert teacher.email in page
    assert helsinki_teacher.email not in page


def test_a_coordinator_grants_a_role_found_by_school_code(
    client, login, coordinator, outsider, tampere_school
):
    # The outsider becomes visible to the coordinator once they hold a role in the area,
    # so the first grant goes through the national-level API; here the target is a teacher.
    teacher = make_user("uusi.opettaja@tampere.example")
    RoleGrant.objects.create(user=teacher, role=Role.STAFF, organisation=tampere_school)
    login(client, coordinator)

    response = client.post(
        f"/en/users/{teacher.pk}/",
        {"role": Role.MUNICIPAL_ADMIN, "organisation_query": "83701", "starts_on": "1.8.2026"},
    )

    assert response.status_code == 302
    grant = RoleGrant.objects.get(user=teacher, role=Role.MUNICIPAL_ADMIN)
    assert grant.organisation == tampere_school
    assert grant.granted_by == coordinator


def test_an_ambiguous_organisation_search_offers_the_matches(
    client, login, national_admin, teacher, tampere_provider
):
    for name in ("Koivikon koulu 2", "Koivikon koulu 3"):
        make_organisation(
            kind=Organisation.Kind.SCHOOL,
            name_fi=name,
            parent=tampere_provider,
            municipality=tampere_provider.municipality,
        )
    login(client, national_admin)

    response = client.post(
        f"/en/users/{teacher.pk}/",
        {"role": Role.STAFF, "organisation_query": "koivikon", "starts_on": "1.8.2026"},
    )

    page = response.content.decode()
    assert "Several organisations match" in page
    assert page.count('type="radio"') == 3
    chosen = Organisation.objects.get(name_fi="Koivikon koulu 3")
    response = client.post(
        f"/en/users/{teacher.pk}/",
        {"role": Role.STAFF, "organisation": chosen.pk, "starts_on": "1.8.2026"},
    )
    assert response.status_code == 302
    assert RoleGrant.objects.filter(user=teacher, organisation=chosen).exists()


def test_a_grant_ending_before_it_starts_shows_the_error_and_writes_nothing(
    client, login, national_admin, teacher
):
    login(client, national_admin)
    before = (RoleGrant.objects.count(), AuditEvent.objects.count())

    response = client.post(
        f"/en/users/{teacher.pk}/",
        {
            "role": Role.STAFF,
            "organisation_query": "83701",
            "starts_on": "1.8.2026",
            "ends_on": "31.7.2026",
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "The end date cannot be before the start date." in page
    assert (RoleGrant.objects.count(), AuditEvent.objects.count()) == before


def test_a_coordinator_cannot_grant_outside_the_area(client, login, coordinator, teacher, tays):
    from vip.registry.models import Municipality

    helsinki_school = make_organisation(
        kind=Organisation.Kind.SCHOOL,
        name_fi="Helsingin testikoulu",
        municipality=Municipality.objects.get(code="091"),
        school_code="09199",
    )
    login(client, coordinator)
    response = client.post(
        f"/en/users/{teacher.pk}/",
        {"role": Role.STAFF, "organisation_query": "09199", "starts_on": "1.8.2026"},
    )
    assert response.status_code == 200
    assert "No organisation you are responsible for matches" in response.content.decode()
    assert not RoleGrant.objects.filter(organisation=helsinki_school).exists()


def test_inviting_creates_the_user_and_role_and_mails_a_link(
    client, login, municipal_admin, tampere_school, django_capture_on_commit_callbacks
):
    login(client, municipal_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/users/invite/",
            {
                "email": "Uusi.Opettaja@Tampere.example",
                "given_name": "Uusi",
                "family_name": "Opettaja",
                "language": "fi",
                "role": Role.STAFF,
                "organisation_query": "Koivikon koulu",
                "starts_on": "22.11.2026",
            },
        )

    user = User.objects.get(email="uusi.opettaja@tampere.example")
    assert response["Location"] == f"/en/users/{user.pk}/"
    assert user.role_grants.get().organisation == tampere_school
    assert mail.outbox[0].to == ["uusi.opettaja@tampere.example"]
    assert AuditEvent.objects.filter(
        action=AuditAction.USER_CREATED, target_id=str(user.pk)
    ).exists()


def test_inviting_an_existing_address_is_refused_and_writes_nothing(
    client, login, national_admin, teacher
):
    login(client, national_admin)
    before = (User.objects.count(), RoleGrant.objects.count())
    response = client.post(
        "/en/users/invite/",
        {
            "email": teacher.email,
            "given_name": "X",
            "family_name": "Y",
            "language": "fi",
            "role": Role.STAFF,
            "organisation_query": "83701",
            "starts_on": "22.11.2026",
        },
    )
    assert "A user with this e-mail address already exists" in response.content.decode()
    assert (User.objects.count(), RoleGrant.objects.count()) == before


def test_an_unknown_language_is_refused(client, login, national_admin):
    login(client, national_admin)
    response = client.post(
        "/en/users/invite/",
        {
            "email": "x@example.com",
            "given_name": "X",
            "family_name": "Y",
            "language": "de",
            "role": Role.NATIONAL_ADMIN,
            "starts_on": "22.11.2026",
        },
    )
    assert "Select a valid choice" in response.content.decode()
    assert not User.objects.filter(email="x@example.com").exists()


def test_removing_a_role_is_audited_and_kept_as_history(client, login, coordinator, teacher):
    grant = teacher.role_grants.get()
    login(client, coordinator)

    response = client.post(f"/en/users/{teacher.pk}/roles/{grant.pk}/revoke/")

    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_at is not None
    assert grant.revoked_by == coordinator
    assert "Removed" in client.get(f"/en/users/{teacher.pk}/").content.decode()


def test_a_role_outside_the_scope_cannot_be_removed(client, login, municipal_admin, coordinator):
    grant = coordinator.role_grants.get()
    login(client, municipal_admin)
    response = client.post(f"/en/users/{coordinator.pk}/roles/{grant.pk}/revoke/")
    assert response.status_code == 404
    grant.refresh_from_db()
    assert grant.revoked_at is None


def test_the_own_profile_can_be_edited(client, login, teacher):
    login(client, teacher)
    response = client.post(
        "/en/account/", {"given_name": "Vilho", "family_name": "Nieminen", "language": "sv"}
    )
    assert response.status_code == 302
    teacher.refresh_from_db()
    assert (teacher.given_name, teacher.language) == ("Vilho", "sv")
    event = AuditEvent.objects.get(action=AuditAction.USER_UPDATED, target_id=str(teacher.pk))
    assert event.details == {"fields": ["given_name", "language"]}


def test_a_profile_without_a_name_is_refused(client, login, teacher):
    login(client, teacher)
    response = client.post(
        "/en/account/", {"given_name": "", "family_name": "Nieminen", "language": "fi"}
    )
    assert "This field is required." in response.content.decode()
    teacher.refresh_from_db()
    assert teacher.given_name == "Ville"


def test_the_account_page_needs_sign_in(client, reference_data):
    assert client.get("/en/account/")["Location"].startswith("/en/accounts/login/")
