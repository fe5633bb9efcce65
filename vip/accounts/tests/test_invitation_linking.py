"""A new user account is linked to the person record with the same work e-mail: when the
invitee accepts the invitation, or at once when a national administrator creates it."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from vip.accounts import services
from vip.accounts.models import User
from vip.accounts.roles import Role
from vip.audit.models import AuditAction, AuditEvent
from vip.network import services as network_services
from vip.network.models import Person
from vip.registry.models import Organisation

PASSPHRASE = "my first passphrase"


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


@pytest.fixture
def tiina_record(tampere_school: Organisation) -> Person:
    return network_services.person_create(
        actor=None,
        organisation=tampere_school,
        given_name="Tiina",
        family_name="Tamminen",
        email="tiina.tamminen@tampere.example",
    )


def invite(actor: User, organisation: Organisation, email: str, capture) -> User:
    with capture(execute=True):
        return services.user_invite(
            actor=actor,
            email=email,
            given_name="Tiina",
            family_name="Tamminen",
            language="en",
            role=Role.STAFF,
            area=None,
            organisation=organisation,
            starts_on=None,
            ends_on=None,
        )


def accept(client, message) -> None:
    form_url = client.get(link_in(message))["Location"]
    response = client.post(form_url, {"new_password1": PASSPHRASE, "new_password2": PASSPHRASE})
    assert response.status_code == 302


def linked_user_of(person: Person) -> User | None:
    return Person.objects.get(pk=person.pk).user


def link_events() -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(action=AuditAction.PERSON_UPDATED, details__fields=["user"])
    )


def test_accepting_an_invitation_links_the_person_with_the_same_e_mail(
    client, municipal_admin, tampere_school, tiina_record, django_capture_on_commit_callbacks
):
    # The address is typed in another case than the person record has it.
    user = invite(
        municipal_admin,
        tampere_school,
        "Tiina.Tamminen@Tampere.example",
        django_capture_on_commit_callbacks,
    )
    # A municipal administrator's invitation links nothing until the invitee proves the
    # address is theirs by accepting it.
    assert linked_user_of(tiina_record) is None

    accept(client, mail.outbox[0])

    assert linked_user_of(tiina_record) == user
    (event,) = link_events()
    assert event.actor == user
    assert event.target_id == str(tiina_record.pk)
    assert event.details["user"] == {"from": None, "to": user.pk}


def test_the_linked_invitee_reaches_their_own_contact_details(
    client, login, municipal_admin, tampere_school, tiina_record, django_capture_on_commit_callbacks
):
    user = invite(
        municipal_admin, tampere_school, tiina_record.email, django_capture_on_commit_callbacks
    )
    accept(client, mail.outbox[0])

    user.refresh_from_db()  # the new password changes the session's hash
    login(client, user)
    page = client.get("/en/people/me/").content.decode()
    assert "not linked to a person record" not in page
    assert "tiina.tamminen@tampere.example" in page


def test_a_national_administrators_new_user_is_linked_at_once(
    national_admin, tampere_school, tiina_record, django_capture_on_commit_callbacks
):
    user = invite(
        national_admin, tampere_school, tiina_record.email, django_capture_on_commit_callbacks
    )

    assert linked_user_of(tiina_record) == user
    (event,) = link_events()
    assert event.actor == national_admin


def test_accepting_links_nothing_without_a_person_with_the_e_mail(
    client, municipal_admin, tampere_school, tiina_record, django_capture_on_commit_callbacks
):
    user = invite(
        municipal_admin,
        tampere_school,
        "someone.else@tampere.example",
        django_capture_on_commit_callbacks,
    )
    accept(client, mail.outbox[0])

    user.refresh_from_db()
    assert user.check_password(PASSPHRASE)
    assert linked_user_of(tiina_record) is None
    assert link_events() == []


def test_accepting_leaves_a_person_already_linked_to_another_account(
    client,
    municipal_admin,
    outsider,
    tampere_school,
    tiina_record,
    django_capture_on_commit_callbacks,
):
    network_services.person_update(actor=None, person=tiina_record, user=outsider)
    invite(municipal_admin, tampere_school, tiina_record.email, django_capture_on_commit_callbacks)
    accept(client, mail.outbox[0])

    assert linked_user_of(tiina_record) == outsider
    assert len(link_events()) == 1  # the link set above, nothing more
