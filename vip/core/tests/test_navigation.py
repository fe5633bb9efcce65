"""The main menu: what each kind of user finds there, and which entry is current."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def menu(client, path: str = "/en/") -> list[tuple[str, bool]]:
    """The main menu's entries as (label, current)."""
    html = client.get(path).content.decode()
    nav = html[html.index('id="navigation"') : html.index("</ul>", html.index('id="navigation"'))]
    entries = []
    for item in re.findall(
        r"<li class=\"govuk-service-navigation__item[^\"]*\">(.*?)</li>", nav, re.S
    ):
        label = re.sub(r"<[^>]+>", "", item).strip()
        entries.append((label, 'aria-current="' in item))
    return entries


def test_the_public_menu_has_no_organiser_or_admin_entries(client, reference_data):
    labels = [label for label, _current in menu(client)]
    assert "Events" in labels
    assert "Organise events" not in labels
    assert "Audit trail" not in labels


def test_an_outsider_does_not_get_the_organiser_entry(client, login, outsider):
    login(client, outsider)
    assert "Organise events" not in [label for label, _current in menu(client)]


def test_a_national_administrator_finds_event_organising_and_the_audit_trail(
    client, login, national_admin
):
    login(client, national_admin)
    labels = [label for label, _current in menu(client)]
    assert labels.index("Organise events") == labels.index("Events") + 1
    assert "Audit trail" in labels


def test_only_the_most_specific_entry_is_current(client, login, national_admin):
    login(client, national_admin)
    current = [label for label, is_current in menu(client, "/en/events/organise/") if is_current]
    assert current == ["Organise events"]
    current = [label for label, is_current in menu(client, "/en/events/") if is_current]
    assert current == ["Events"]
