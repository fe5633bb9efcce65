"""Memberships: the rules of chairs, deputies, duplicates and dates, and who may change them.

Each rule is shown through the service and through the page a coordinator uses,
where the message is clear and nothing is written.
"""

from __future__ import annotations

import datetime
import html

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from vip.audit.models import AuditAction, AuditEvent
from vip.network import services
from vip.network.models import Group, Membership, Person, Sector

Role = Membership.Role
D = datetime.date
TERM_START = D(2024, 1, 1)


@pytest.fixture(autouse=True)
def _in_english():
    # Pages are tested at /en/; reverse() follows the active language.
    with translation.override("en"):
        yield


def make_group(area, *, kind=Group.Kind.REGIONAL, start=TERM_START, end=None, **extra):
    return services.group_create(
        actor=None,
        kind=kind,
        name_fi=extra.pop("name_fi", "Sisä-Suomen alueryhmä"),
        area=area,
        term_start=start,
        term_end=end,
        **extra,
    )


def make_person(given: str, family: str) -> Person:
    return services.person_create(actor=None, given_name=given, family_name=family)


def add(group, person, role=Role.MEMBER, start=TERM_START, end=None, **extra) -> Membership:
    return services.membership_add(
        actor=None, group=group, person=person, role=role, start=start, end=end, **extra
    )


def messages_of(error: ValidationError) -> str:
    return " ".join(message for messages in error.message_dict.values() for message in messages)


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def group(tays):
    return make_group(tays, end=D(2025, 12, 31))


@pytest.fixture
def anna():
    return make_person("Anna", "Aalto")


@pytest.fixture
def bertil():
    return make_person("Bertil", "Berg")


@pytest.fixture
def cecilia():
    return make_person("Cecilia", "Carlsson")


@pytest.fixture
def manager(client, login, coordinator):
    """A coordinator of TAYS, signed in."""
    login(client, coordinator)
    return client


def add_url(group) -> str:
    return reverse("network:membership_create", args=[group.pk])


def form_data(person, role=Role.MEMBER, start="2024-01-01", end="", principal=None, **extra):
    return {
        "person": person.pk,
        "role": role,
        "principal": principal.pk if principal else "",
        "sector": extra.get("sector", ""),
        "organisation": extra.get("organisation", ""),
        "start": start,
        "end": end,
    }


# --- One chair at a time --------------------------------------------------------------------


def test_it_refuses_a_second_chair_with_overlapping_dates(group, anna, bertil):
    add(group, anna, Role.CHAIR)

    with pytest.raises(ValidationError) as caught:
        add(group, bertil, Role.CHAIR, start=D(2024, 6, 1))

    assert "Anna Aalto is already the chair from" in messages_of(caught.value)
    assert "role" in caught.value.message_dict
    assert not group.memberships.filter(person=bertil).exists()


def test_it_allows_a_chair_after_the_previous_one_ended(group, anna, bertil):
    add(group, anna, Role.CHAIR, end=D(2024, 5, 31))

    add(group, bertil, Role.CHAIR, start=D(2024, 6, 1))

    assert group.memberships.filter(role=Role.CHAIR).count() == 2


def test_the_page_refuses_a_second_chair_and_writes_nothing(manager, group, anna, bertil):
    add(group, anna, Role.CHAIR)

    response = manager.post(add_url(group), form_data(bertil, Role.CHAIR, start="2024-06-01"))

    assert response.status_code == 200
    assert "Anna Aalto is already the chair from 1.1.2024; a group has one chair." in text(response)
    assert not group.memberships.filter(person=bertil).exists()


def test_editing_a_member_into_a_second_chair_is_refused(manager, group, anna, bertil):
    add(group, anna, Role.CHAIR)
    member = add(group, bertil)

    response = manager.post(
        reverse("network:membership_edit", args=[member.pk]),
        form_data(bertil, Role.CHAIR, end="2025-12-31"),
    )

    assert "a group has one chair" in text(response)
    member.refresh_from_db()
    assert member.role == Role.MEMBER


def test_the_database_allows_only_one_open_ended_chair(tays, anna, bertil):
    group = make_group(tays)  # no term end: memberships may be open-ended
    add(group, anna, Role.CHAIR)

    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(group=group, person=bertil, role=Role.CHAIR, start=D(2024, 2, 1))


# --- Deputies -------------------------------------------------------------------------------


def test_it_refuses_a_deputy_without_a_principal(group, anna):
    with pytest.raises(ValidationError) as caught:
        add(group, anna, Role.DEPUTY)

    assert caught.value.message_dict["principal"] == [
        "Choose the member this deputy stands in for."
    ]
    assert not group.memberships.exists()


def test_the_database_refuses_a_deputy_without_a_principal(group, anna):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(group=group, person=anna, role=Role.DEPUTY, start=D(2024, 1, 1))


def test_the_page_refuses_a_deputy_without_a_principal(manager, group, anna):
    response = manager.post(add_url(group), form_data(anna, Role.DEPUTY))

    assert response.status_code == 200
    assert "Choose the member this deputy stands in for." in text(response)
    assert not group.memberships.exists()


def test_it_refuses_a_principal_from_another_group(tays, group, anna, bertil):
    other = make_group(tays, kind=Group.Kind.CORE, name_fi="Ydinryhmä", end=D(2025, 12, 31))
    elsewhere = add(other, anna)

    with pytest.raises(ValidationError) as caught:
        add(group, bertil, Role.DEPUTY, principal=elsewhere)

    assert caught.value.message_dict["principal"] == [
        "The principal must be a member of the same group."
    ]
    assert not group.memberships.exists()


def test_the_page_refuses_a_principal_from_another_group(manager, tays, group, anna, bertil):
    other = make_group(tays, kind=Group.Kind.CORE, name_fi="Ydinryhmä", end=D(2025, 12, 31))
    elsewhere = add(other, anna)

    response = manager.post(add_url(group), form_data(bertil, Role.DEPUTY, principal=elsewhere))

    assert "The principal must be a member of the same group." in text(response)
    assert not group.memberships.exists()


def test_it_refuses_a_principal_whose_dates_do_not_overlap(group, anna, bertil):
    principal = add(group, anna, end=D(2024, 3, 31))

    with pytest.raises(ValidationError) as caught:
        add(group, bertil, Role.DEPUTY, start=D(2024, 4, 1), principal=principal)

    assert "does not overlap these dates" in messages_of(caught.value)
    assert not group.memberships.filter(person=bertil).exists()


def test_the_page_refuses_a_principal_whose_dates_do_not_overlap(manager, group, anna, bertil):
    principal = add(group, anna, end=D(2024, 3, 31))

    response = manager.post(
        add_url(group), form_data(bertil, Role.DEPUTY, start="2024-04-01", principal=principal)
    )

    assert "The principal's membership (1.1.2024–31.3.2024) does not overlap these dates." in text(
        response
    )
    assert not group.memberships.filter(person=bertil).exists()


def test_only_a_deputy_has_a_principal(manager, group, anna, bertil):
    principal = add(group, anna)

    response = manager.post(add_url(group), form_data(bertil, Role.MEMBER, principal=principal))

    assert "Only a deputy member stands in for someone." in text(response)
    assert not group.memberships.filter(person=bertil).exists()


def test_a_deputy_is_added_for_a_serving_member(manager, group, anna, bertil):
    principal = add(group, anna)

    response = manager.post(add_url(group), form_data(bertil, Role.DEPUTY, principal=principal))

    assert response.status_code == 302
    deputy = group.memberships.get(person=bertil)
    assert deputy.principal == principal
    assert deputy.end == D(2025, 12, 31)


# --- No overlapping duplicates --------------------------------------------------------------


def test_it_refuses_an_overlapping_duplicate_membership(group, anna):
    add(group, anna, end=D(2024, 12, 31))

    with pytest.raises(ValidationError) as caught:
        add(group, anna, start=D(2024, 6, 1))

    assert caught.value.message_dict["person"] == [
        "This person already has this role in the group from 1.1.2024."
    ]
    assert group.memberships.count() == 1


def test_it_allows_the_same_role_again_after_the_first_ended(group, anna):
    add(group, anna, end=D(2024, 5, 31))

    add(group, anna, start=D(2024, 6, 1))

    assert group.memberships.filter(person=anna).count() == 2


def test_the_page_refuses_an_overlapping_duplicate(manager, group, anna):
    add(group, anna)

    response = manager.post(add_url(group), form_data(anna, start="2024-03-01"))

    assert "This person already has this role in the group from 1.1.2024." in text(response)
    assert group.memberships.count() == 1


def test_the_same_person_may_hold_another_role(group, anna):
    add(group, anna, Role.MEMBER)

    add(group, anna, Role.SECRETARY)

    assert group.memberships.filter(person=anna).count() == 2


# --- Dates ----------------------------------------------------------------------------------


def test_it_refuses_a_start_before_the_term(group, anna):
    with pytest.raises(ValidationError) as caught:
        add(group, anna, start=D(2023, 12, 31))

    assert "cannot start before the group's term" in messages_of(caught.value)
    assert not group.memberships.exists()


def test_it_refuses_an_end_after_the_term(group, anna):
    with pytest.raises(ValidationError) as caught:
        add(group, anna, end=D(2026, 1, 31))

    assert "must end by the end of the group's term" in messages_of(caught.value)
    assert not group.memberships.exists()


def test_the_page_refuses_dates_outside_the_term(manager, group, anna):
    response = manager.post(add_url(group), form_data(anna, start="2023-06-01", end="2026-06-30"))

    page = text(response)
    assert "The membership cannot start before the group's term (1.1.2024)." in page
    assert "The membership must end by the end of the group's term (31.12.2025)." in page
    assert not group.memberships.exists()


def test_it_refuses_an_end_before_the_start(group, anna):
    with pytest.raises(ValidationError) as caught:
        add(group, anna, start=D(2024, 6, 1), end=D(2024, 5, 1))

    assert caught.value.message_dict["end"] == ["The end date cannot be before the start date."]
    assert not group.memberships.exists()


def test_the_database_refuses_an_end_before_the_start(group, anna):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            group=group, person=anna, role=Role.MEMBER, start=D(2024, 6, 1), end=D(2024, 5, 1)
        )


def test_the_page_refuses_an_end_before_the_start(manager, group, anna):
    response = manager.post(add_url(group), form_data(anna, start="2024-06-01", end="2024-05-01"))

    assert "The end date cannot be before the start date." in text(response)
    assert not group.memberships.exists()


def test_a_membership_without_an_end_lasts_the_term(group, anna):
    membership = add(group, anna)

    assert membership.end == D(2025, 12, 31)


def test_the_page_gives_a_membership_without_an_end_the_term_end(manager, group, anna):
    manager.post(add_url(group), form_data(anna))

    assert group.memberships.get().end == D(2025, 12, 31)


def test_a_membership_in_a_group_without_a_term_end_stays_open(tays, anna):
    group = make_group(tays)

    assert add(group, anna).end is None


# --- Ending keeps history -------------------------------------------------------------------


def test_ending_keeps_the_membership_and_ends_the_deputies(group, anna, bertil):
    principal = add(group, anna)
    deputy = add(group, bertil, Role.DEPUTY, principal=principal)

    services.membership_end(actor=None, membership=principal, end=D(2024, 9, 30))

    principal.refresh_from_db()
    deputy.refresh_from_db()
    assert principal.end == D(2024, 9, 30)
    assert deputy.end == D(2024, 9, 30)
    assert group.memberships.count() == 2


def test_the_end_page_ends_a_membership_and_shows_it_as_former(manager, tays, anna, bertil):
    today = timezone.localdate()
    group = make_group(tays, start=today - datetime.timedelta(days=400))
    start = today - datetime.timedelta(days=300)
    principal = add(group, anna, start=start)
    add(group, bertil, Role.DEPUTY, start=start, principal=principal)
    end_url = reverse("network:membership_end", args=[principal.pk])

    form = text(manager.get(end_url))
    assert "Their deputies end on the same day:" in form
    assert "Bertil Berg" in form.split("Their deputies end on the same day:")[1]
    yesterday = today - datetime.timedelta(days=1)
    response = manager.post(end_url, {"end": yesterday.isoformat()}, follow=True)

    page = text(response)
    assert "stays under former members" in page
    former = page.split("Former members")[-1]
    assert "Anna Aalto" in former
    assert "Bertil Berg" in former
    assert group.memberships.filter(end=yesterday).count() == 2


def test_the_end_page_offers_today(manager, group, anna):
    membership = add(group, anna)

    response = manager.get(reverse("network:membership_end", args=[membership.pk]))

    assert response.context["form"]["end"].value() == timezone.localdate()


def test_the_end_page_refuses_an_end_before_the_start(manager, group, anna):
    membership = add(group, anna, start=D(2024, 6, 1))

    response = manager.post(
        reverse("network:membership_end", args=[membership.pk]), {"end": "2024-05-01"}
    )

    assert "The end date cannot be before the start date." in text(response)
    membership.refresh_from_db()
    assert membership.end == D(2025, 12, 31)


# --- Editing --------------------------------------------------------------------------------


def test_the_edit_page_changes_the_sector(manager, group, anna):
    membership = add(group, anna)
    sector = Sector.objects.get(code="pupil-welfare")

    response = manager.post(
        reverse("network:membership_edit", args=[membership.pk]),
        form_data(anna, end="2025-12-31", sector=sector.pk),
    )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.sector == sector


def test_the_principal_list_holds_only_the_groups_non_deputies(manager, tays, group, anna, bertil):
    principal = add(group, anna)
    add(group, bertil, Role.DEPUTY, principal=principal)
    other = make_group(tays, kind=Group.Kind.CORE, name_fi="Ydinryhmä", end=D(2025, 12, 31))
    add(other, bertil)

    response = manager.get(add_url(group))

    choices = list(response.context["form"].fields["principal"].queryset)
    assert choices == [principal]


# --- Audit ----------------------------------------------------------------------------------


def test_each_change_to_a_membership_is_audited(manager, coordinator, group, anna):
    manager.post(add_url(group), form_data(anna))
    membership = group.memberships.get()
    manager.post(
        reverse("network:membership_edit", args=[membership.pk]),
        form_data(anna, start="2024-02-01", end="2025-12-31"),
    )
    manager.post(reverse("network:membership_end", args=[membership.pk]), {"end": "2024-12-31"})

    actions = list(
        AuditEvent.objects.filter(target_id=str(membership.pk), actor=coordinator)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        AuditAction.MEMBERSHIP_ADDED,
        AuditAction.MEMBERSHIP_UPDATED,
        AuditAction.MEMBERSHIP_ENDED,
    ]


# --- Who may change memberships -------------------------------------------------------------


@pytest.fixture
def hyks_group(hyks, anna):
    group = make_group(hyks, name_fi="Etelä-Suomen alueryhmä", end=D(2025, 12, 31))
    add(group, anna)
    return group


def manage_urls(group) -> list[str]:
    membership = group.memberships.get()
    return [
        add_url(group),
        reverse("network:membership_edit", args=[membership.pk]),
        reverse("network:membership_end", args=[membership.pk]),
    ]


def test_a_coordinator_cannot_manage_another_areas_members(manager, hyks_group, bertil):
    for url in manage_urls(hyks_group):
        assert manager.get(url).status_code == 404, url
    assert manager.post(add_url(hyks_group), form_data(bertil)).status_code == 404
    membership = hyks_group.memberships.get()
    end_url = reverse("network:membership_end", args=[membership.pk])
    assert manager.post(end_url, {"end": "2024-06-30"}).status_code == 404
    membership.refresh_from_db()
    assert membership.end == D(2025, 12, 31)
    assert hyks_group.memberships.count() == 1


def test_a_coordinator_manages_their_own_areas_members(manager, group, anna):
    add(group, anna)

    for url in manage_urls(group):
        assert manager.get(url).status_code == 200, url


def test_a_national_admin_manages_every_group(client, login, national_admin, hyks_group):
    login(client, national_admin)

    for url in manage_urls(hyks_group):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("name", ["outsider", "teacher", "municipal_admin"])
def test_people_without_a_coordinating_role_get_404(request, client, login, group, anna, name):
    add(group, anna)
    login(client, request.getfixturevalue(name))

    for url in manage_urls(group):
        assert client.get(url).status_code == 404, url


def test_anonymous_visitors_are_sent_to_sign_in(client, group, anna):
    add(group, anna)

    for url in manage_urls(group):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/")
