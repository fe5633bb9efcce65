"""Who may change a person's record, and who sees their work e-mail and phone.

An area coordinator holds the records of people who work in the area now or
serve in one of its groups now; a past post or membership is no hold. Contact
details are shown when the person made them public, to the person, and to
national administrators and area coordinators, never merely for holding a role.
"""

from __future__ import annotations

import datetime
import html

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone, translation

from vip.network import services
from vip.network.models import Group, Membership, Person
from vip.network.policies import person_policy

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def make_person(**values) -> Person:
    values.setdefault("given_name", "Paula")
    values.setdefault("family_name", "Peltonen")
    return services.person_create(actor=None, **values)


def make_group(area) -> Group:
    return services.group_create(
        actor=None,
        kind=Group.Kind.REGIONAL,
        name_fi="Sisä-Suomen alueryhmä",
        area=area,
        term_start=TODAY - 400 * DAY,
    )


def can_change(user, person: Person) -> bool:
    return person_policy.can(user, "change", person)


# --- Whose records an area coordinator holds ------------------------------------------------


def test_a_coordinator_changes_a_person_working_in_the_area_now(coordinator, tampere_provider):
    person = make_person(organisation=tampere_provider)

    assert can_change(coordinator, person)


def test_a_coordinator_cannot_change_a_person_whose_area_employment_ended(
    coordinator, tampere_provider, helsinki_provider
):
    person = make_person(organisation=tampere_provider)
    services.employment_add(actor=None, person=person, organisation=helsinki_provider)
    employment = person.employments.get(organisation=tampere_provider)
    services.employment_end(actor=None, employment=employment, end=TODAY - DAY)

    assert not can_change(coordinator, person)
    assert not person_policy.visible(coordinator, "change").filter(pk=person.pk).exists()


def test_a_coordinator_changes_a_person_serving_in_an_area_group_now(coordinator, tays):
    person = make_person()
    services.membership_add(
        actor=None,
        group=make_group(tays),
        person=person,
        role=Membership.Role.MEMBER,
        start=TODAY - 100 * DAY,
    )

    assert can_change(coordinator, person)


def test_a_coordinator_cannot_change_a_person_whose_membership_ended(coordinator, tays):
    person = make_person()
    membership = services.membership_add(
        actor=None,
        group=make_group(tays),
        person=person,
        role=Membership.Role.MEMBER,
        start=TODAY - 100 * DAY,
    )
    services.membership_end(actor=None, membership=membership, end=TODAY - DAY)

    assert not can_change(coordinator, person)


def test_a_person_counts_once_however_many_holds_the_coordinator_has(
    coordinator, tays, tampere_provider, tampere_school
):
    person = make_person(organisation=tampere_provider)
    services.employment_add(actor=None, person=person, organisation=tampere_school)
    services.membership_add(
        actor=None,
        group=make_group(tays),
        person=person,
        role=Membership.Role.MEMBER,
        start=TODAY - 100 * DAY,
    )

    assert list(person_policy.visible(coordinator, "change")) == [person]


def test_the_edit_page_is_404_for_a_former_employee_of_the_area(
    client, login, coordinator, tampere_provider
):
    person = make_person(organisation=tampere_provider)
    employment = person.employments.get()
    services.employment_end(actor=None, employment=employment, end=TODAY - DAY)
    login(client, coordinator)
    url = reverse("network:person_edit", args=[person.pk])

    assert client.get(url).status_code == 404
    response = client.post(url, {"given_name": "Muutettu", "family_name": "Peltonen"})

    assert response.status_code == 404
    person.refresh_from_db()
    assert person.given_name == "Paula"


def test_a_national_admin_changes_anyone(national_admin):
    assert can_change(national_admin, make_person())


# --- Contact details ------------------------------------------------------------------------


@pytest.fixture
def private(db):
    return make_person(email="paula@example.com", phone="040 765 4321")


@pytest.fixture
def public(db):
    return make_person(
        given_name="Julkinen",
        email="julkinen@example.com",
        phone="040 111 2222",
        contact_details_public=True,
    )


@pytest.mark.parametrize("name", ["teacher", "municipal_admin", "outsider"])
def test_holding_a_role_does_not_show_private_contact_details(request, private, public, name):
    user = request.getfixturevalue(name)

    assert not person_policy.shows_contact_details(user, private)
    assert person_policy.shows_contact_details(user, public)


def test_anonymous_visitors_see_only_public_contact_details(private, public):
    assert not person_policy.shows_contact_details(AnonymousUser(), private)
    assert person_policy.shows_contact_details(AnonymousUser(), public)


@pytest.mark.parametrize("name", ["national_admin", "coordinator"])
def test_admins_and_coordinators_see_contact_details(request, private, name):
    assert person_policy.shows_contact_details(request.getfixturevalue(name), private)


def test_a_person_sees_their_own_contact_details(teacher, private):
    services.person_update(actor=None, person=private, user=teacher)

    assert person_policy.shows_contact_details(teacher, private)


def test_the_person_page_hides_private_contact_details_from_staff(
    client, login, teacher, coordinator, private
):
    url = reverse("network:person_detail", args=[private.pk])
    login(client, teacher)
    page = html.unescape(client.get(url).content.decode())
    assert "Paula Peltonen" in page
    assert "paula@example.com" not in page
    assert "040 765 4321" not in page

    login(client, coordinator)
    assert "paula@example.com" in client.get(url).content.decode()
