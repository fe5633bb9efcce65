"""This app's part of the outsider table in vip/core/tests/test_outsiders.py."""

from __future__ import annotations

from typing import Any

from vip.core.tests.test_outsiders import OWN, POST_ONLY, PUBLIC, REFUSED  # noqa: F401

URLS: dict[str, tuple[str, str]] = {
    # Coverage (statuses only, no names) is public.
    "vipu:coverage": ("/en/vipu/", PUBLIC),
    "vipu:campaign_list": ("/en/vipu/campaigns/", PUBLIC),
    "vipu:campaign_detail": ("/en/vipu/campaigns/{vipu_campaign}/", PUBLIC),
    "vipu:campaign_create": ("/en/vipu/campaigns/new/", REFUSED),
    "vipu:campaign_edit": ("/en/vipu/campaigns/{vipu_campaign}/edit/", REFUSED),
    "vipu:contacts_export": ("/en/vipu/campaigns/{vipu_campaign}/contacts.csv", REFUSED),
    "vipu:municipality_contacts": (
        "/en/vipu/campaigns/{vipu_campaign}/municipalities/837/",
        REFUSED,
    ),
    "vipu:nomination_create": (
        "/en/vipu/campaigns/{vipu_campaign}/municipalities/837/nominate/",
        REFUSED,
    ),
    "vipu:nomination_replace": ("/en/vipu/nominations/{vipu_nomination}/replace/", REFUSED),
    "vipu:nomination_withdraw": ("/en/vipu/nominations/{vipu_nomination}/withdraw/", POST_ONLY),
}


def example_objects() -> dict[str, Any]:
    """A running campaign and one nomination in Tampere."""
    import datetime

    from django.utils import timezone

    from vip.core.testing import make_organisation
    from vip.network import services as network_services
    from vip.registry.models import Municipality, Organisation
    from vip.vipu import services

    today = timezone.localdate()
    campaign = services.campaign_save(
        actor=None,
        name_fi="VIPU-yhdyshenkilöt (testi)",
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=60),
        deadline=today + datetime.timedelta(days=20),
    )
    municipality = Municipality.objects.get(code="837")
    # A contact works for the municipality as education provider (here in a school of it).
    provider = Organisation.objects.filter(
        kind=Organisation.Kind.MUNICIPALITY, municipality=municipality
    ).first() or make_organisation(
        kind=Organisation.Kind.MUNICIPALITY,
        name_fi="VIPU-esimerkkikunta, sivistystoimi",
        municipality=municipality,
    )
    organisation = make_organisation(
        kind=Organisation.Kind.SCHOOL,
        name_fi="VIPU-esimerkkikoulu",
        municipality=municipality,
        parent=provider,
    )
    person = network_services.person_create(
        actor=None,
        organisation=organisation,
        given_name="Vilja",
        family_name="Yhteyshenkilö",
        email="vilja.yhteyshenkilo@tampere.example",
    )
    nomination = services.nomination_make(
        actor=None,
        campaign=campaign,
        municipality=municipality,
        person=person,
        responsibility="learning_support",
        language="fi",
    )
    return {"vipu_campaign": campaign.pk, "vipu_nomination": nomination.pk}
