"""Demo data: deterministic for a seed, a second run adds nothing, real proportions."""

from __future__ import annotations

from itertools import islice

from django.core.management import call_command

from vip.accounts.models import RoleGrant, User
from vip.demo.seeding import SCALES, Seeder, stable_oid
from vip.registry.models import Municipality, Organisation

Kind = Organisation.Kind


def counts():
    return (Organisation.objects.count(), User.objects.count(), RoleGrant.objects.count())


def test_a_second_run_adds_nothing_and_prints_fresh_logins(db, seeded_demo, capsys):
    before = counts()

    call_command("seed_demo", "--scale", "small", "--seed", "1")
    out = capsys.readouterr().out

    assert counts() == before
    assert "created nothing new" in out
    for _role, _label, email, first_password in seeded_demo.logins:
        assert email in out
        # Passwords are generated on each run, never hard-coded.
        assert first_password not in out
    assert {email.split("@")[0] for _r, _l, email, _p in seeded_demo.logins} == {
        "paakayttaja",
        "aluekoordinaattori",
        "kuntapaakayttaja",
        "opettaja",
    }


def test_the_same_seed_gives_the_same_names(db):
    tampere = Municipality.objects.get(code="837")

    def school_names(seed):
        return list(islice(Seeder(seed=seed, scale="small")._school_names(tampere, False), 30))

    assert school_names(3) == school_names(3)
    assert school_names(3) != school_names(4)
    assert len(set(school_names(3))) == 30


def test_the_network_has_its_actors(db, seeded_demo):
    by_kind = seeded_demo.created
    assert by_kind[Kind.MUNICIPALITY] == Municipality.objects.count() == 309
    assert by_kind[Kind.SCHOOL] == SCALES["small"]["schools"]
    assert by_kind[Kind.EARLY_CHILDHOOD_UNIT] == SCALES["small"]["ecec_units"]
    assert by_kind[Kind.STATE_REFORM_SCHOOL] == 5
    assert by_kind[Kind.HOSPITAL_SCHOOL] == 30
    assert by_kind[Kind.ELMERI_SCHOOL] == 10
    assert by_kind[Kind.AVI] == 6
    assert by_kind[Kind.OT_CENTRE] == 22
    assert by_kind[Kind.TEACHER_TRAINING_SCHOOL] == 8
    assert by_kind[Kind.PRIVATE_PROVIDER] == 3
    # The wellbeing services counties, where health care and child protection work.
    assert by_kind[Kind.OTHER] == 22
    for training_school in Organisation.objects.filter(kind=Kind.TEACHER_TRAINING_SCHOOL):
        assert training_school.parent.kind == Kind.UNIVERSITY
    # Every school hangs under its municipality's education provider.
    for school in Organisation.objects.filter(kind=Kind.SCHOOL).select_related("parent"):
        assert school.parent.kind == Kind.MUNICIPALITY
        assert school.parent.municipality_id == school.municipality_id
        assert school.tree_path == f"{school.parent.tree_path}{school.pk}/"


def test_schools_are_spread_by_population():
    weights = {"big": 600_000, "mid": 60_000, "tiny": 1_000}
    allocation = Seeder._allocate(2100, weights)
    assert sum(allocation.values()) == 2100
    assert allocation["big"] > allocation["mid"] > allocation["tiny"]


def test_demo_oids_are_stable_and_valid():
    from vip.registry.models import oid_validator

    oid = stable_oid("school:091:0")
    assert oid == stable_oid("school:091:0")
    assert oid != stable_oid("school:091:1")
    oid_validator(oid)
