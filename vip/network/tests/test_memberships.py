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
from vip.network.models import Group, Membership, Person, Sector, active_on_q

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
    """What the membership form posts: the person and organisation are typed names."""
    return {
        "person_name": extra.get("person_name", person.full_name if person else ""),
        "role": role,
        "principal": principal.pk if principal else "",
        "sector": extra.get("sector", ""),
        "organisation_name": extra.get("organisation_name", ""),
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

    assert "The principal must be a chair, vice-chair or member of the group." in text(response)
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


def test_a_membership_is_active_from_its_first_to_its_last_day(group, anna):
    membership = add(group, anna, start=D(2024, 3, 1), end=D(2024, 3, 31))

    def active(day):
        return Membership.objects.filter(active_on_q(day)).filter(pk=membership.pk).exists()

    assert [active(D(2024, 2, 29)), active(D(2024, 3, 1)), active(D(2024, 3, 31))] == [
        False,
        True,
        True,
    ]
    assert not active(D(2024, 4, 1))
    assert list(Membership.objects.active_on(D(2024, 3, 15))) == [membership]


def test_listing_memberships_does_not_join_the_people_table():
    assert "network_person" not in str(Membership.objects.all().query)


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


def test_the_principal_list_holds_only_the_groups_chairs_vice_chairs_and_members(
    manager, tays, group, anna, bertil, cecilia
):
    principal = add(group, anna)
    add(group, bertil, Role.DEPUTY, principal=principal)
    add(group, cecilia, Role.SECRETARY)
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


# --- A changed principal keeps its deputies valid -------------------------------------------


@pytest.fixture
def seat(group, anna, bertil):
    """Anna is a member for the whole term; Bertil her deputy from 2025."""
    principal = add(group, anna)
    deputy = add(group, bertil, Role.DEPUTY, start=D(2025, 1, 1), principal=principal)
    return principal, deputy


def test_shortening_a_principal_past_a_deputys_dates_is_refused(seat):
    principal, _deputy = seat

    with pytest.raises(ValidationError) as caught:
        services.membership_update(actor=None, membership=principal, end=D(2024, 6, 30))

    assert caught.value.message_dict["end"] == [
        "The deputy Bertil Berg serves 1.1.2025–31.12.2025, outside these dates; change or "
        "end the deputy's membership first."
    ]
    principal.refresh_from_db()
    assert principal.end == D(2025, 12, 31)


def test_moving_a_principals_start_past_a_deputys_dates_is_refused(group, anna, bertil):
    principal = add(group, anna)
    add(group, bertil, Role.DEPUTY, end=D(2024, 3, 31), principal=principal)

    with pytest.raises(ValidationError) as caught:
        services.membership_update(actor=None, membership=principal, start=D(2024, 6, 1))

    assert (
        "The deputy Bertil Berg serves 1.1.2024–31.3.2024" in caught.value.message_dict["start"][0]
    )
    principal.refresh_from_db()
    assert principal.start == TERM_START


def test_giving_a_principals_seat_to_their_deputy_is_refused(seat, bertil):
    principal, _deputy = seat

    with pytest.raises(ValidationError) as caught:
        services.membership_update(actor=None, membership=principal, person=bertil)

    assert caught.value.message_dict["person"] == [
        "Bertil Berg is this member's deputy and cannot stand in for themselves."
    ]
    principal.refresh_from_db()
    assert principal.person.full_name == "Anna Aalto"


@pytest.mark.parametrize("role", [Role.DEPUTY, Role.SECRETARY, Role.PERMANENT_EXPERT])
def test_turning_a_principal_into_a_role_without_deputies_is_refused(group, seat, cecilia, role):
    principal, _deputy = seat
    other = add(group, cecilia)
    extra = {"principal": other} if role == Role.DEPUTY else {}

    with pytest.raises(ValidationError) as caught:
        services.membership_update(actor=None, membership=principal, role=role, **extra)

    assert caught.value.message_dict["role"] == [
        "Deputies stand in for this member (Bertil Berg); only a chair, a vice-chair or a "
        "member can have deputies. End or change the deputies' memberships first."
    ]
    principal.refresh_from_db()
    assert principal.role == Role.MEMBER


def test_a_principal_without_deputies_may_change_role(group, anna):
    membership = add(group, anna)

    services.membership_update(actor=None, membership=membership, role=Role.SECRETARY)

    membership.refresh_from_db()
    assert membership.role == Role.SECRETARY


def test_the_edit_page_refuses_to_strand_a_deputy(manager, seat):
    principal, _deputy = seat

    response = manager.post(
        reverse("network:membership_edit", args=[principal.pk]),
        form_data(principal.person, end="2024-06-30"),
    )

    assert response.status_code == 200
    assert "The deputy Bertil Berg serves 1.1.2025–31.12.2025, outside these dates" in text(
        response
    )
    principal.refresh_from_db()
    assert principal.end == D(2025, 12, 31)


def test_the_edit_page_refuses_to_make_a_deputy_their_own_principal(manager, seat):
    principal, _deputy = seat

    response = manager.post(
        reverse("network:membership_edit", args=[principal.pk]),
        form_data(None, end="2025-12-31", person_name="Bertil Berg"),
    )

    page = text(response)
    assert "Bertil Berg is this member's deputy and cannot stand in for themselves." in page
    assert '<p id="id_person_name-error"' in page
    principal.refresh_from_db()
    assert principal.person.full_name == "Anna Aalto"


# --- Who can have a deputy ------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.SECRETARY, Role.PERMANENT_EXPERT])
def test_a_secretary_or_permanent_expert_cannot_have_a_deputy(group, anna, bertil, role):
    principal = add(group, anna, role)

    with pytest.raises(ValidationError) as caught:
        add(group, bertil, Role.DEPUTY, principal=principal)

    assert caught.value.message_dict["principal"] == [
        "A deputy stands in for a chair, a vice-chair or a member."
    ]
    assert not group.memberships.filter(person=bertil).exists()


def test_the_page_refuses_a_secretary_as_principal(manager, group, anna, bertil):
    secretary = add(group, anna, Role.SECRETARY)

    response = manager.post(add_url(group), form_data(bertil, Role.DEPUTY, principal=secretary))

    assert "The principal must be a chair, vice-chair or member of the group." in text(response)
    assert not group.memberships.filter(person=bertil).exists()


def test_the_principal_is_read_again_when_the_deputy_is_added(group, anna, bertil):
    principal = add(group, anna)
    # Meanwhile someone else made Anna the group's secretary.
    Membership.objects.filter(pk=principal.pk).update(role=Role.SECRETARY)

    with pytest.raises(ValidationError) as caught:
        add(group, bertil, Role.DEPUTY, principal=principal)

    assert caught.value.message_dict["principal"] == [
        "A deputy stands in for a chair, a vice-chair or a member."
    ]
    assert not group.memberships.filter(person=bertil).exists()


def test_a_principal_removed_meanwhile_is_a_clear_error(group, anna, bertil):
    principal = add(group, anna)
    stale = Membership.objects.get(pk=principal.pk)
    principal.delete()

    with pytest.raises(ValidationError) as caught:
        add(group, bertil, Role.DEPUTY, principal=stale)

    assert caught.value.message_dict["principal"] == [
        "The member this deputy stands in for no longer exists."
    ]
    assert not group.memberships.exists()


# --- Ending a principal ---------------------------------------------------------------------


def test_ending_a_principal_before_a_deputy_starts_is_refused(seat):
    principal, deputy = seat

    with pytest.raises(ValidationError) as caught:
        services.membership_end(actor=None, membership=principal, end=D(2024, 9, 30))

    assert caught.value.message_dict["end"] == [
        "These deputies start only after 30.9.2024: Bertil Berg. Change their dates or their "
        "principal first, or choose a later end date."
    ]
    principal.refresh_from_db()
    deputy.refresh_from_db()
    assert principal.end == deputy.end == D(2025, 12, 31)


def test_the_end_page_refuses_to_end_a_principal_before_a_deputy_starts(manager, seat):
    principal, _deputy = seat

    response = manager.post(
        reverse("network:membership_end", args=[principal.pk]), {"end": "2024-09-30"}
    )

    assert response.status_code == 200
    assert "These deputies start only after 30.9.2024: Bertil Berg." in text(response)
    principal.refresh_from_db()
    assert principal.end == D(2025, 12, 31)


def test_each_deputy_ended_with_the_principal_is_audited(group, coordinator, anna, bertil):
    principal = add(group, anna)
    deputy = add(group, bertil, Role.DEPUTY, principal=principal)

    services.membership_end(actor=coordinator, membership=principal, end=D(2024, 9, 30))

    event = AuditEvent.objects.get(target_id=str(deputy.pk), action=AuditAction.MEMBERSHIP_ENDED)
    assert event.actor == coordinator
    assert event.details == {"end": "2024-09-30", "with_principal": principal.pk}


def test_a_membership_cannot_be_ended_after_its_own_end(group, anna):
    membership = add(group, anna, end=D(2024, 6, 30))

    with pytest.raises(ValidationError) as caught:
        services.membership_end(actor=None, membership=membership, end=D(2024, 9, 30))

    assert caught.value.message_dict["end"] == ["The membership already ends on 30.6.2024."]


# --- Choosing the person and the organisation by typing --------------------------------------


def test_one_matching_person_is_taken(manager, group, anna):
    response = manager.post(add_url(group), form_data(None, person_name="aalto"))

    assert response.status_code == 302
    assert group.memberships.get().person == anna


def test_a_person_is_found_by_e_mail_and_by_family_name_first(manager, group):
    person = services.person_create(
        actor=None, given_name="Anna", family_name="Aalto", email="anna.aalto@example.com"
    )

    manager.post(add_url(group), form_data(None, person_name="Anna.Aalto@example.com"))
    manager.post(add_url(group), form_data(None, person_name="Aalto, Anna", role=Role.SECRETARY))

    assert list(group.memberships.values_list("person", flat=True)) == [person.pk, person.pk]


def test_several_matching_people_are_offered_to_choose_from(manager, group):
    first = make_person("Anna", "Aalto")
    second = make_person("Anni", "Aalto")

    response = manager.post(add_url(group), form_data(None, person_name="Aalto"))

    page = text(response)
    assert response.status_code == 200
    assert "Several people match “Aalto”: choose one." in page
    assert f'type="radio" name="person" value="{first.pk}"' in page
    assert f'type="radio" name="person" value="{second.pk}"' in page
    assert not group.memberships.exists()

    chosen = manager.post(
        add_url(group), {**form_data(None, person_name="Aalto"), "person": second.pk}
    )

    assert chosen.status_code == 302
    assert group.memberships.get().person == second


def test_an_exact_name_is_taken_among_partial_matches(manager, group, anna):
    make_person("Anna", "Aaltonen")

    response = manager.post(add_url(group), form_data(None, person_name="Anna Aalto"))

    assert response.status_code == 302
    assert group.memberships.get().person == anna


def test_nobody_matching_is_a_clear_error(manager, group, anna):
    response = manager.post(add_url(group), form_data(None, person_name="Zacharias"))

    page = text(response)
    assert (
        "Nobody in the people directory matches “Zacharias”. Check the spelling, or add the "
        "person to the directory first." in page
    )
    assert 'href="#id_person_name"' in page
    assert not group.memberships.exists()


def test_the_person_must_be_named(manager, group):
    response = manager.post(add_url(group), form_data(None, person_name=""))

    assert "Enter the name or e-mail address of the person." in text(response)
    assert not group.memberships.exists()


def test_the_form_offers_no_long_lists_of_people_or_organisations(manager, group, anna):
    page = text(manager.get(add_url(group)))

    assert 'name="person_name"' in page
    assert 'name="organisation_name"' in page
    assert "Anna Aalto" not in page
    assert 'name="person"' not in page
    assert 'name="organisation"' not in page


def test_the_organisation_represented_is_typed(manager, group, anna, tampere_provider):
    response = manager.post(add_url(group), form_data(anna, organisation_name="tampere, sivistys"))

    assert response.status_code == 302
    assert group.memberships.get().organisation == tampere_provider


def test_an_unknown_organisation_is_a_clear_error(manager, group, anna):
    response = manager.post(add_url(group), form_data(anna, organisation_name="Xyzzy Oy"))

    assert "No organisation matches “Xyzzy Oy”." in text(response)
    assert not group.memberships.exists()


def test_the_edit_form_keeps_the_person_and_organisation_as_shown(
    manager, group, anna, tampere_provider
):
    make_person("Anna", "Aalto")  # a namesake
    membership = add(group, anna, organisation=tampere_provider)
    url = reverse("network:membership_edit", args=[membership.pk])
    form = manager.get(url).context["form"]
    assert form["person_name"].value() == "Anna Aalto"
    assert form["organisation_name"].value() == "Tampere, sivistystoimi"

    response = manager.post(
        url,
        form_data(
            anna, start="2024-02-01", end="2025-12-31", organisation_name="Tampere, sivistystoimi"
        ),
    )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.person, membership.organisation) == (anna, tampere_provider)
    assert membership.start == D(2024, 2, 1)
