"""Linking a person record to a user account: by e-mail on the edit page, and automatically
when an account with the person's work e-mail is created or its invitation accepted."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from vip.accounts.models import User
from vip.audit.models import AuditAction, AuditEvent
from vip.core.testing import make_user
from vip.network import services
from vip.network.models import Person
from vip.network.tests.test_people import edit_form, edit_url, make_person
from vip.registry.models import Organisation

ME = "/en/people/me/"


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def tampere_person(tampere_school: Organisation) -> Person:
    return make_person(
        tampere_school,
        given_name="Tiina",
        family_name="Tamminen",
        email="tiina.tamminen@tampere.example",
    )


@pytest.fixture
def helsinki_person(helsinki_provider: Organisation) -> Person:
    return make_person(
        helsinki_provider,
        given_name="Harri",
        family_name="Helander",
        email="harri.helander@hel.example",
    )


@pytest.fixture
def tiina(reference_data) -> User:
    return make_user("tiina.tamminen@tampere.example", "Tiina", "Tamminen")


def linked_user_of(person: Person) -> User | None:
    return Person.objects.get(pk=person.pk).user


def link_events() -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(action=AuditAction.PERSON_UPDATED, details__fields=["user"])
    )


# --- On the edit page ------------------------------------------------------------------------


def test_a_national_administrator_links_a_person_to_an_account_by_e_mail(
    client, login, national_admin, tampere_person, tiina
):
    login(client, national_admin)
    page = client.get(edit_url(tampere_person)).content.decode()
    assert 'name="user_email"' in page
    assert "Linked user account" in page

    # The address is matched whatever its case.
    response = client.post(
        edit_url(tampere_person),
        edit_form(tampere_person, user_email="Tiina.Tamminen@Tampere.EXAMPLE"),
    )

    assert response.status_code == 302
    assert linked_user_of(tampere_person) == tiina
    event = AuditEvent.objects.get(action=AuditAction.PERSON_UPDATED)
    assert event.actor == national_admin
    assert event.target_id == str(tampere_person.pk)
    assert event.details == {"fields": ["user"], "user": {"from": None, "to": tiina.pk}}
    # The record's page names the linked account to those who may change it.
    detail = client.get(tampere_person.get_absolute_url()).content.decode()
    assert "tiina.tamminen@tampere.example" in detail


def test_a_coordinator_may_edit_the_person_but_not_link_an_account(
    client, login, coordinator, tampere_person, tiina
):
    # A linked account acts as the person (their groups' rights, their VIPU nominations),
    # so only a national administrator ties one to a record.
    login(client, coordinator)
    assert 'name="user_email"' not in client.get(edit_url(tampere_person)).content.decode()

    response = client.post(
        edit_url(tampere_person), edit_form(tampere_person, user_email=tiina.email)
    )

    assert response.status_code == 302
    assert linked_user_of(tampere_person) is None


def test_the_service_refuses_a_link_by_anyone_but_a_national_administrator(
    coordinator, tampere_person, tiina
):
    with pytest.raises(ValidationError) as caught:
        services.person_update(actor=coordinator, person=tampere_person, user=tiina)

    assert "Only a national administrator links" in str(caught.value)
    assert linked_user_of(tampere_person) is None
    assert not AuditEvent.objects.filter(action=AuditAction.PERSON_UPDATED).exists()


def test_a_coordinator_cannot_link_a_person_outside_their_area(
    client, login, coordinator, helsinki_person, outsider
):
    login(client, coordinator)
    response = client.post(
        edit_url(helsinki_person), edit_form(helsinki_person, user_email=outsider.email)
    )
    assert response.status_code == 404
    assert linked_user_of(helsinki_person) is None
    assert not AuditEvent.objects.filter(action=AuditAction.PERSON_UPDATED).exists()


def test_the_linked_account_then_reaches_its_own_contact_details(
    client, login, national_admin, tampere_person, tiina
):
    login(client, national_admin)
    client.post(edit_url(tampere_person), edit_form(tampere_person, user_email=tiina.email))

    login(client, tiina)
    page = client.get(ME).content.decode()
    assert "not linked to a person record" not in page
    assert "tiina.tamminen@tampere.example" in page


def test_clearing_the_field_unlinks_the_account(
    client, login, national_admin, tampere_person, tiina
):
    services.person_update(actor=None, person=tampere_person, user=tiina)
    login(client, national_admin)
    page = client.get(edit_url(tampere_person)).content.decode()
    assert 'value="tiina.tamminen@tampere.example"' in page

    response = client.post(edit_url(tampere_person), edit_form(tampere_person, user_email=""))

    assert response.status_code == 302
    assert linked_user_of(tampere_person) is None
    event = AuditEvent.objects.get(action=AuditAction.PERSON_UPDATED, actor=national_admin)
    assert event.details == {"fields": ["user"], "user": {"from": tiina.pk, "to": None}}


def test_saving_with_the_same_account_changes_nothing(
    client, login, national_admin, tampere_person, tiina
):
    services.person_update(actor=None, person=tampere_person, user=tiina)
    tampere_person.refresh_from_db()
    login(client, national_admin)
    response = client.post(edit_url(tampere_person), edit_form(tampere_person))
    assert response.status_code == 302
    assert linked_user_of(tampere_person) == tiina
    assert not AuditEvent.objects.filter(
        action=AuditAction.PERSON_UPDATED, actor=national_admin
    ).exists()


@pytest.mark.parametrize(
    ("user_email", "message"),
    [
        ("nobody@example.com", "No user account has the e-mail address nobody@example.com."),
        ("not an address", "Enter a valid email address."),
    ],
)
def test_it_refuses_an_address_without_an_account_and_writes_nothing(
    client, login, national_admin, tampere_person, user_email, message
):
    login(client, national_admin)
    response = client.post(
        edit_url(tampere_person), edit_form(tampere_person, title="Rehtori", user_email=user_email)
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["user_email"] == [message]
    person = Person.objects.get(pk=tampere_person.pk)
    assert (person.user, person.title) == (None, "")
    assert not AuditEvent.objects.filter(action=AuditAction.PERSON_UPDATED).exists()


def test_it_refuses_an_inactive_account(client, login, national_admin, tampere_person, tiina):
    tiina.is_active = False
    tiina.save(update_fields=["is_active"])
    login(client, national_admin)
    response = client.post(
        edit_url(tampere_person), edit_form(tampere_person, user_email=tiina.email)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["user_email"] == [
        "The user account tiina.tamminen@tampere.example is not active."
    ]
    assert "is not active" in response.content.decode()
    assert linked_user_of(tampere_person) is None
    assert not AuditEvent.objects.filter(action=AuditAction.PERSON_UPDATED).exists()


def test_it_refuses_an_account_linked_to_someone_else(
    client, login, national_admin, tampere_person, helsinki_person, tiina
):
    services.person_update(actor=None, person=helsinki_person, user=tiina)
    login(client, national_admin)
    response = client.post(
        edit_url(tampere_person), edit_form(tampere_person, user_email=tiina.email)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["user_email"] == [
        "The user account tiina.tamminen@tampere.example is already linked to Harri Helander."
    ]
    assert linked_user_of(tampere_person) is None
    assert linked_user_of(helsinki_person) == tiina
    assert not AuditEvent.objects.filter(
        action=AuditAction.PERSON_UPDATED, actor=national_admin
    ).exists()


def test_a_person_editing_their_own_contact_details_cannot_relink_the_record(
    client, login, tampere_person, tiina, outsider
):
    services.person_update(actor=None, person=tampere_person, user=tiina)
    login(client, tiina)
    page = client.get(edit_url(tampere_person)).content.decode()
    assert 'name="user_email"' not in page
    response = client.post(
        edit_url(tampere_person), edit_form(tampere_person, user_email=outsider.email)
    )
    assert response.status_code == 302
    assert linked_user_of(tampere_person) == tiina
    # Nor on their own page.
    response = client.post(ME, {**edit_form(tampere_person), "user_email": outsider.email})
    assert linked_user_of(tampere_person) == tiina


def test_adding_a_person_offers_no_account_field(client, login, national_admin):
    login(client, national_admin)
    page = client.get("/en/people/new/").content.decode()
    assert 'name="user_email"' not in page


# --- Linking by e-mail (the service the accounts call) ----------------------------------------


def test_it_links_the_one_unlinked_person_with_the_users_e_mail(tampere_person, tiina):
    assert services.person_link_user_by_email(actor=None, user=tiina) == tampere_person
    assert linked_user_of(tampere_person) == tiina
    (event,) = link_events()
    assert event.details == {
        "fields": ["user"],
        "user": {"from": None, "to": tiina.pk},
        "linked_by": "email",
    }


def test_it_matches_the_e_mail_whatever_its_case(tampere_person, tiina):
    # Stored addresses are lower-cased on both sides; a row written around the services
    # (an old import) may not be.
    Person.objects.filter(pk=tampere_person.pk).update(email="Tiina.Tamminen@Tampere.example")
    assert services.person_link_user_by_email(actor=None, user=tiina) == tampere_person


def test_it_links_nobody_when_no_person_has_the_e_mail(tampere_person, outsider):
    assert services.person_link_user_by_email(actor=None, user=outsider) is None
    assert not Person.objects.filter(user=outsider).exists()
    assert link_events() == []


def test_it_leaves_a_person_already_linked_to_another_account(tampere_person, tiina, outsider):
    services.person_update(actor=None, person=tampere_person, user=outsider)
    assert services.person_link_user_by_email(actor=None, user=tiina) is None
    assert linked_user_of(tampere_person) == outsider


def test_it_leaves_an_account_already_linked_to_another_person(
    tampere_person, helsinki_person, tiina
):
    services.person_update(actor=None, person=helsinki_person, user=tiina)
    assert services.person_link_user_by_email(actor=None, user=tiina) is None
    assert linked_user_of(tampere_person) is None
    assert linked_user_of(helsinki_person) == tiina


def test_it_links_no_inactive_account(tampere_person, tiina):
    tiina.is_active = False
    tiina.save(update_fields=["is_active"])
    assert services.person_link_user_by_email(actor=None, user=tiina) is None
    assert linked_user_of(tampere_person) is None


def test_the_service_refuses_an_account_linked_elsewhere(tampere_person, helsinki_person, tiina):
    from django.core.exceptions import ValidationError

    services.person_update(actor=None, person=helsinki_person, user=tiina)
    with pytest.raises(ValidationError) as raised:
        services.person_update(actor=None, person=tampere_person, user=tiina)
    assert "already linked to Harri Helander" in str(raised.value.message_dict["user"])
