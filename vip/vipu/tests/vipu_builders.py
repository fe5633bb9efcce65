"""Builders for the VIPU tests: campaigns, people employed in a municipality, nominations."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from vip.core.testing import make_organisation
from vip.network import services as network_services
from vip.network.models import Person
from vip.registry.models import Municipality, Organisation
from vip.vipu import services
from vip.vipu.models import Campaign, Nomination

LEARNING = Nomination.Responsibility.LEARNING_SUPPORT
WELFARE = Nomination.Responsibility.PUPIL_WELFARE
_counter = {"n": 0}


def make_campaign(**values: Any) -> Campaign:
    """A campaign running today unless told otherwise."""
    today = timezone.localdate()
    defaults: dict[str, Any] = {
        "name_fi": "VIPU-yhdyshenkilöt 2021",
        "name_sv": "VIPU-kontaktpersoner 2021",
        "name_en": "VIPU contacts 2021",
        "starts_on": today - datetime.timedelta(days=30),
        "ends_on": today + datetime.timedelta(days=60),
        "deadline": today + datetime.timedelta(days=14),
        "requirements": "Each municipality names **two** contacts.",
    }
    return services.campaign_save(actor=None, **{**defaults, **values})


def municipal_organisation(code: str) -> Organisation:
    """The municipality as education provider: the root of its own units."""
    municipality = Municipality.objects.get(code=code)
    found = Organisation.objects.filter(
        kind=Organisation.Kind.MUNICIPALITY, municipality=municipality
    ).first()
    return found or make_organisation(
        kind=Organisation.Kind.MUNICIPALITY,
        name_fi=f"{municipality.name_fi}, sivistystoimi",
        municipality=municipality,
    )


# Kinds built as units of the municipality as education provider; others stand alone.
_UNIT_KINDS = {Organisation.Kind.SCHOOL, Organisation.Kind.EARLY_CHILDHOOD_UNIT}


def organisation_in(
    code: str, kind: str = Organisation.Kind.SCHOOL, name: str = "", **values: Any
) -> Organisation:
    """An organisation located in the municipality; a school is one of the municipality's
    own units unless ``parent`` says otherwise."""
    _counter["n"] += 1
    if kind in _UNIT_KINDS:
        values.setdefault("parent", municipal_organisation(code))
    return make_organisation(
        kind=kind,
        name_fi=name or f"Koulu {code}-{_counter['n']}",
        municipality=Municipality.objects.get(code=code),
        **values,
    )


def person_in(organisation: Organisation, email: str = "", **values: Any) -> Person:
    _counter["n"] += 1
    number = _counter["n"]
    return network_services.person_create(
        actor=None,
        organisation=organisation,
        given_name=values.pop("given_name", f"Henkilö{number}"),
        family_name=values.pop("family_name", "Testinen"),
        email=email or f"henkilo{number}@kunta.example",
        **values,
    )


def nominate(
    campaign: Campaign,
    code: str,
    responsibility: str = LEARNING,
    language: str = "fi",
    *,
    person: Person | None = None,
    provider: Organisation | None = None,
    actor: Any = None,
) -> Nomination:
    """Name a contact for the municipality ``code``; a new employee unless ``person`` is given."""
    municipality = Municipality.objects.get(code=code)
    if person is None:
        person = person_in(provider or organisation_in(code))
    return services.nomination_make(
        actor=actor,
        campaign=campaign,
        municipality=municipality,
        person=person,
        responsibility=responsibility,
        language=language,
        provider=provider,
    )


def complete(campaign: Campaign, code: str) -> list[Nomination]:
    """Name every contact the municipality is asked for."""
    municipality = Municipality.objects.get(code=code)
    languages = ["fi", "sv"] if municipality.is_bilingual else [municipality.language_status]
    return [
        nominate(campaign, code, responsibility, language)
        for responsibility in (LEARNING, WELFARE)
        for language in languages
    ]
