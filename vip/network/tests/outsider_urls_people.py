"""This app's part of the outsider table in vip/core/tests/test_outsiders.py."""

from __future__ import annotations

from typing import Any

from vip.core.tests.test_outsiders import OWN, POST_ONLY, PUBLIC, REFUSED  # noqa: F401

URLS: dict[str, tuple[str, str]] = {
    "network:person_list": ("/en/people/", REFUSED),
    "network:person_create": ("/en/people/new/", REFUSED),
    # A signed-in user without a person record is told that none is linked.
    "network:my_contact_details": ("/en/people/me/", OWN),
    "network:person_detail": ("/en/people/{person}/", REFUSED),
    "network:person_edit": ("/en/people/{person}/edit/", REFUSED),
    "network:employment_create": ("/en/people/{person}/employments/new/", REFUSED),
    "network:search": ("/en/search/?q=koulu", PUBLIC),
}


def example_objects() -> dict[str, Any]:
    """Create what the addresses need; returns the placeholders' values."""
    from vip.core.testing import make_organisation
    from vip.network import services
    from vip.registry.models import Municipality, Organisation

    organisation = make_organisation(
        kind=Organisation.Kind.SCHOOL,
        name_fi="Esimerkkikoulu",
        municipality=Municipality.objects.get(code="091"),
    )
    person = services.person_create(
        actor=None,
        organisation=organisation,
        given_name="Essi",
        family_name="Esimerkki",
        email="essi.esimerkki@koulu.example",
        phone="+358 40 123 4567",
    )
    return {"person": person.pk}
