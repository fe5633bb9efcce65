"""Role grants: scopes flow down the organisation tree; who may grant what."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from vip.accounts import policies, scopes, services
from vip.accounts.models import RoleGrant
from vip.accounts.roles import Role
from vip.audit.models import AuditAction, AuditEvent
from vip.core.testing import make_organisation, make_user
from vip.registry.models import Municipality, Organisation


@pytest.fixture
def helsinki_school(helsinki_provider):
    return make_organisation(
        kind=Organisation.Kind.SCHOOL,
        name_fi="Rantalan koulu",
        parent=helsinki_provider,
        municipality=helsinki_provider.municipality,
    )


def test_an_area_grant_covers_the_organisations_of_the_area(
    coordinator, tampere_school, helsinki_provider
):
    assert scopes.covers_organisation(coordinator, tampere_school)
    assert not scopes.covers_organisation(coordinator, helsinki_provider)
    covered = Organisation.objects.filter(scopes.organisation_filter(coordinator))
    assert tampere_school in covered
    assert helsinki_provider not in covered


def test_an_organisation_grant_flows_down_the_tree(
    municipal_admin, tampere_provider, tampere_school, helsinki_provider
):
    assert scopes.covers_organisation(municipal_admin, tampere_school)
    assert scopes.covers_organisation(municipal_admin, tampere_provider)
    assert not scopes.covers_organisation(municipal_admin, helsinki_provider)


def test_a_grant_does_not_flow_up_the_tree(teacher, tampere_provider, tampere_school):
    assert scopes.covers_organisation(teacher, tampere_school)
    assert not scopes.covers_organisation(teacher, tampere_provider)


def test_a_national_grant_covers_everything(national_admin, helsinki_school):
    assert scopes.covers_organisation(national_admin, helsinki_school)
    assert Organisation.objects.filter(scopes.organisation_filter(national_admin)).count() == (
        Organisation.objects.count()
    )


def test_grants_outside_their_dates_or_revoked_do_not_count(tampere_school, national_admin):
    user = make_user("tuleva@example.com")
    today = timezone.localdate()
    services.role_grant(
        actor=national_admin,
        user=user,
        role=Role.STAFF,
        organisation=tampere_school,
        starts_on=today + datetime.timedelta(days=1),
    )
    services.role_grant(
        actor=national_admin,
        user=user,
        role=Role.STAFF,
        organisation=tampere_school,
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today - datetime.timedelta(days=1),
    )
    assert scopes.active_grants(user) == []

    grant = services.role_grant(
        actor=national_admin, user=user, role=Role.STAFF, organisation=tampere_school
    )
    scopes.forget_grants(user)
    assert len(scopes.active_grants(user)) == 1

    services.role_revoke(actor=national_admin, grant=grant)
    scopes.forget_grants(user)
    assert scopes.active_grants(user) == []


def test_a_coordinator_grants_lower_roles_inside_the_area_only(
    coordinator, tampere_provider, helsinki_provider, tays, hyks
):
    assert policies.can_grant(coordinator, Role.MUNICIPAL_ADMIN, organisation=tampere_provider)
    assert policies.can_grant(coordinator, Role.STAFF, organisation=tampere_provider)
    assert not policies.can_grant(coordinator, Role.MUNICIPAL_ADMIN, organisation=helsinki_provider)
    assert not policies.can_grant(coordinator, Role.AREA_COORDINATOR, area=tays)
    assert not policies.can_grant(coordinator, Role.NATIONAL_ADMIN)


def test_a_municipal_admin_grants_staff_roles_in_own_organisation(
    municipal_admin, tampere_school, tampere_provider, helsinki_provider
):
    assert policies.can_grant(municipal_admin, Role.STAFF, organisation=tampere_school)
    assert not policies.can_grant(
        municipal_admin, Role.MUNICIPAL_ADMIN, organisation=tampere_provider
    )
    assert not policies.can_grant(municipal_admin, Role.STAFF, organisation=helsinki_provider)


def test_staff_and_outsiders_grant_nothing(teacher, outsider, tampere_school):
    for user in (teacher, outsider):
        assert policies.grantable_roles(user) == []
        assert not policies.can_grant(user, Role.STAFF, organisation=tampere_school)


def test_a_national_admin_grants_every_role(national_admin, hyks, helsinki_provider):
    assert set(policies.grantable_roles(national_admin)) == set(Role.values)
    assert policies.can_grant(national_admin, Role.AREA_COORDINATOR, area=hyks)


def test_granting_is_audited_with_its_scope(national_admin, outsider, tampere_school):
    grant = services.role_grant(
        actor=national_admin, user=outsider, role=Role.STAFF, organisation=tampere_school
    )
    event = AuditEvent.objects.get(action=AuditAction.ROLE_GRANTED, target_id=str(grant.pk))
    assert event.actor == national_admin
    assert event.organisation == tampere_school
    assert event.details["role"] == Role.STAFF


def test_a_grant_that_ends_before_it_starts_is_refused_and_nothing_is_written(
    national_admin, outsider, tampere_school
):
    before = (RoleGrant.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as error, translation.override("en"):
        services.role_grant(
            actor=national_admin,
            user=outsider,
            role=Role.STAFF,
            organisation=tampere_school,
            starts_on=datetime.date(2026, 8, 1),
            ends_on=datetime.date(2026, 7, 31),
        )
    with translation.override("en"):
        messages = error.value.message_dict
    assert messages["ends_on"] == ["The end date cannot be before the start date."]
    assert (RoleGrant.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.parametrize(
    ("role", "field"),
    [
        (Role.AREA_COORDINATOR, "area"),
        (Role.STAFF, "organisation"),
        (Role.MUNICIPAL_ADMIN, "organisation"),
    ],
)
def test_a_grant_needs_the_scope_its_role_needs(national_admin, outsider, role, field):
    with pytest.raises(ValidationError) as error:
        services.role_grant(actor=national_admin, user=outsider, role=role)
    assert field in error.value.message_dict
    assert not RoleGrant.objects.filter(user=outsider).exists()


def test_the_database_refuses_a_grant_on_the_wrong_scope(outsider, tays):
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleGrant.objects.create(user=outsider, role=Role.STAFF, area=tays)


def test_the_last_national_admin_cannot_be_removed(national_admin):
    grant = national_admin.role_grants.get()
    with pytest.raises(ValidationError):
        services.role_revoke(actor=national_admin, grant=grant)
    grant.refresh_from_db()
    assert grant.revoked_at is None

    other = make_user("toinen@oph.example")
    services.role_grant(actor=national_admin, user=other, role=Role.NATIONAL_ADMIN)
    services.role_revoke(actor=national_admin, grant=grant)
    assert AuditEvent.objects.filter(
        action=AuditAction.ROLE_REVOKED, target_id=str(grant.pk)
    ).exists()


def test_area_of_an_aland_organisation_is_none(reference_data):
    mariehamn = Municipality.objects.get(code="478")
    organisation = make_organisation(
        kind=Organisation.Kind.SCHOOL, name_fi="Ålandsskolan", municipality=mariehamn
    )
    assert organisation.area is None
