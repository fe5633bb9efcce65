"""Themes and sectors as data: national administrators list, add and rename them.

A new theme is at once a choice for groups, events and materials and a filter of their
pages; a renamed one shows its new name everywhere, cached pages included. A row's code
never changes, nothing deletes a row, and nobody else gets in.
"""

from __future__ import annotations

import datetime
import html

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.utils import timezone, translation

from vip.audit import audit
from vip.audit.models import AuditAction, AuditEvent
from vip.core import data_versions
from vip.core.models import DataVersion
from vip.events.tests.builders import make_event, register
from vip.materials.index import reindex_all
from vip.materials.tests.builders import make_material
from vip.network import reference_services as services
from vip.network import services as network_services
from vip.network.models import NETWORK_DATA, Group, Membership, Sector, Theme

pytestmark = pytest.mark.django_db

LIST_URL = "/en/network/themes-and-sectors/"
THEME_NEW_URL = "/en/network/themes/new/"
SECTOR_NEW_URL = "/en/network/sectors/new/"
TODAY = timezone.localdate()
LAST_YEAR = TODAY - datetime.timedelta(days=365)

NEW_THEME = {
    "code": "digital-learning",
    "name_fi": "Digitaalinen oppiminen",
    "name_sv": "Digitalt lärande",
    "name_en": "Digital learning",
    "position": "",
}
NEW_SECTOR = {
    "code": "youth-work",
    "name_fi": "Nuorisotyö",
    "name_sv": "Ungdomsarbete",
    "name_en": "Youth work",
    "position": "20",
}


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def admin_client(client, login, national_admin) -> Client:
    return login(client, national_admin)


@pytest.fixture
def page_cache_on():
    cache.clear()
    with override_settings(PUBLIC_PAGE_CACHE_SECONDS=300):
        yield
    cache.clear()


def text(response) -> str:
    return html.unescape(response.content.decode())


def theme(code: str = "school-non-attendance") -> Theme:
    return Theme.objects.get(code=code)


def sector(code: str = "pupil-welfare") -> Sector:
    return Sector.objects.get(code=code)


def saved_events(action: AuditAction) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def snapshot() -> tuple[list[tuple], list[tuple], int, str]:
    """Everything a change would touch: the rows, the audit trail, the data version."""
    return (
        list(Theme.objects.order_by("pk").values_list()),
        list(Sector.objects.order_by("pk").values_list()),
        AuditEvent.objects.count(),
        data_versions.current(NETWORK_DATA),
    )


def edit_url(kind: str, code: str) -> str:
    return f"/en/network/{kind}/{code}/edit/"


# --- The list -------------------------------------------------------------------------------


def test_the_list_shows_every_theme_and_sector_with_what_uses_it(admin_client, tays):
    thematic = network_services.group_create(
        actor=None,
        kind=Group.Kind.THEMATIC,
        name_fi="Koulupoissaoloryhmä",
        theme=theme(),
        term_start=LAST_YEAR,
    )
    network_services.group_create(
        actor=None,
        kind=Group.Kind.EXPERT,
        name_fi="Asiantuntijat",
        parent=thematic,
        theme=theme(),
        term_start=LAST_YEAR,
    )
    regional = network_services.group_create(
        actor=None,
        kind=Group.Kind.REGIONAL,
        name_fi="TAYS-alueryhmä",
        area=tays,
        term_start=LAST_YEAR,
    )
    person = network_services.person_create(actor=None, given_name="Pia", family_name="Puro")
    network_services.membership_add(
        actor=None,
        group=regional,
        person=person,
        role=Membership.Role.MEMBER,
        start=LAST_YEAR,
        sector=sector(),
    )
    event = make_event(themes=[theme()], audience_sectors=[sector()])
    register(event, sector=sector())
    make_material(sectors=[sector()])

    response = admin_client.get(LIST_URL)

    assert response.status_code == 200
    page = text(response)
    row = page.split("Koulua käymättömät", 1)[1].split("</tr>", 1)[0]
    # Groups, events, materials.
    assert [cell.split("<", 1)[0] for cell in row.split('numeric">')[2:]] == ["2", "1", "1"]
    row = page.split(">Oppilashuolto<", 1)[1].split("</tr>", 1)[0]
    # Memberships, registrations, events, materials.
    assert [cell.split("<", 1)[0] for cell in row.split('numeric">')[2:]] == ["1", "1", "1", "1"]
    assert page.count('href="/en/network/themes/') == Theme.objects.count() + 1  # + "Add"
    assert page.count('href="/en/network/sectors/') == Sector.objects.count() + 1
    assert 'href="/en/network/themes/school-non-attendance/edit/"' in page
    assert 'href="/en/materials/themes/school-non-attendance/"' in page
    assert "cannot be deleted" in page
    assert "Delete" not in page


def test_the_list_takes_the_same_queries_however_many_rows(
    admin_client, django_assert_max_num_queries
):
    admin_client.get(LIST_URL)  # the session and the menu's first reads
    for number in range(5):
        services.theme_create(actor=None, code=f"theme-{number}", name_fi=f"Teema {number}")
        services.sector_create(actor=None, code=f"sector-{number}", name_fi=f"Sektori {number}")
    # The session, the user, their roles; the two lists and their seven counts.
    with django_assert_max_num_queries(12):
        assert admin_client.get(LIST_URL).status_code == 200


def test_the_menu_links_the_page_for_national_administrators_only(
    client, login, national_admin, coordinator
):
    login(client, coordinator)
    assert f'href="{LIST_URL}"' not in client.get("/en/").content.decode()
    login(client, national_admin)
    assert f'href="{LIST_URL}"' in client.get("/en/").content.decode()


# --- Adding and editing ---------------------------------------------------------------------


def test_a_national_administrator_adds_a_theme_that_goes_last(admin_client, national_admin):
    last = Theme.objects.order_by("-position").first()
    version = data_versions.current(NETWORK_DATA)

    response = admin_client.post(THEME_NEW_URL, NEW_THEME, follow=True)

    assert response.redirect_chain[-1][0] == f"{LIST_URL}#themes"
    assert "The theme was added." in text(response)
    added = theme("digital-learning")
    assert (added.name_fi, added.name_sv, added.name_en) == (
        "Digitaalinen oppiminen",
        "Digitalt lärande",
        "Digital learning",
    )
    assert added.position == last.position + 1
    assert data_versions.current(NETWORK_DATA) != version
    [event] = saved_events(AuditAction.THEME_SAVED)
    assert event.actor == national_admin
    assert (event.target_type, event.target_id) == ("network.theme", str(added.pk))
    assert event.details["code"] == "digital-learning"
    assert event.details["created"] is True
    assert event.details["fields"] == ["code", "name_fi", "name_sv", "name_en", "position"]
    assert event.details["changes"]["name_fi"] == {"from": None, "to": "Digitaalinen oppiminen"}


def test_a_national_administrator_renames_and_moves_a_theme(admin_client, national_admin):
    url = edit_url("themes", "school-non-attendance")
    form = admin_client.get(url)
    assert 'value="Koulua käymättömät"' in text(form)
    assert 'name="code"' not in text(form)  # the code is shown, not offered

    response = admin_client.post(
        url,
        {
            "name_fi": "Koulupoissaolot",
            "name_sv": "Elever som inte går i skolan",
            "name_en": "School absences",
            "position": "9",
        },
    )

    assert response.status_code == 302
    renamed = theme("school-non-attendance")
    assert (renamed.name_fi, renamed.name_en, renamed.position) == (
        "Koulupoissaolot",
        "School absences",
        9,
    )
    [event] = saved_events(AuditAction.THEME_SAVED)
    assert event.actor == national_admin
    assert event.details == {
        "code": "school-non-attendance",
        "created": False,
        "fields": ["name_fi", "name_en", "position"],
        "changes": {
            "name_fi": {"from": "Koulua käymättömät", "to": "Koulupoissaolot"},
            "name_en": {"from": "School non-attendance", "to": "School absences"},
            "position": {"from": 1, "to": 9},
        },
    }


def test_a_national_administrator_adds_and_renames_a_sector(admin_client, national_admin):
    response = admin_client.post(SECTOR_NEW_URL, NEW_SECTOR)
    assert response.status_code == 302
    assert response["Location"] == f"{LIST_URL}#sectors"
    added = sector("youth-work")
    assert (added.name_fi, added.position) == ("Nuorisotyö", 20)

    response = admin_client.post(
        edit_url("sectors", "youth-work"),
        {"name_fi": "Nuorisotyö", "name_sv": "", "name_en": "Youth services", "position": "20"},
    )

    assert response.status_code == 302
    added.refresh_from_db()
    assert (added.name_sv, added.name_en) == ("", "Youth services")
    created, renamed = saved_events(AuditAction.SECTOR_SAVED)
    assert (created.actor, created.target_type) == (national_admin, "network.sector")
    assert created.details["created"] is True
    assert renamed.details["fields"] == ["name_sv", "name_en"]
    assert renamed.details["changes"]["name_en"] == {"from": "Youth work", "to": "Youth services"}


def test_the_code_cannot_be_changed(admin_client):
    admin_client.post(
        edit_url("themes", "school-non-attendance"),
        {"code": "absences", "name_fi": "Koulua käymättömät", "position": "1"},
    )
    assert Theme.objects.filter(code="school-non-attendance").exists()
    assert not Theme.objects.filter(code="absences").exists()
    with pytest.raises(TypeError):
        services.theme_update(actor=None, theme=theme(), code="absences")
    with pytest.raises(TypeError):
        services.sector_update(actor=None, sector=sector(), code="welfare")


def test_saving_without_changes_writes_nothing(reference_data):
    before = snapshot()
    row = theme()
    services.theme_update(
        actor=None,
        theme=row,
        name_fi=row.name_fi,
        name_sv=row.name_sv,
        name_en=row.name_en,
        position=row.position,
    )
    assert snapshot() == before


def test_the_audit_row_and_the_change_commit_together(reference_data, monkeypatch):
    def failing_record(*args, **kwargs):
        raise RuntimeError("the audit trail is unavailable")

    monkeypatch.setattr(audit, "record", failing_record)
    before = snapshot()
    with pytest.raises(RuntimeError):
        services.theme_create(actor=None, code="new-theme", name_fi="Uusi teema")
    with pytest.raises(RuntimeError):
        services.sector_update(actor=None, sector=sector(), name_fi="Oppilas- ja opiskelijahuolto")
    assert snapshot() == before


def test_the_edit_page_of_an_unknown_code_is_not_found(admin_client):
    assert admin_client.get(edit_url("themes", "no-such-theme")).status_code == 404
    assert admin_client.get(edit_url("sectors", "no-such-sector")).status_code == 404


# --- Bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "changes", "field", "message"),
    [
        (
            THEME_NEW_URL,
            {"code": "school-non-attendance"},
            "code",
            "A theme with the code “school-non-attendance” already exists.",
        ),
        (
            SECTOR_NEW_URL,
            {"code": "pupil-welfare"},
            "code",
            "A sector with the code “pupil-welfare” already exists.",
        ),
        (THEME_NEW_URL, {"name_fi": "  "}, "name_fi", "Enter the name in Finnish."),
        (SECTOR_NEW_URL, {"name_fi": ""}, "name_fi", "Enter the name in Finnish."),
        (THEME_NEW_URL, {"code": ""}, "code", "Enter a code."),
        (THEME_NEW_URL, {"code": "Digital-Learning"}, "code", "Use only lowercase letters"),
        (THEME_NEW_URL, {"code": "digital learning"}, "code", "Use only lowercase letters"),
        (THEME_NEW_URL, {"code": "digital_learning"}, "code", "Use only lowercase letters"),
        (THEME_NEW_URL, {"code": "-digital"}, "code", "Use only lowercase letters"),
        (THEME_NEW_URL, {"code": "digital--learning"}, "code", "Use only lowercase letters"),
        (THEME_NEW_URL, {"code": "yhdenvertaisuus-ä"}, "code", "Use only lowercase letters"),
        (SECTOR_NEW_URL, {"code": "Youth work"}, "code", "for example pupil-welfare"),
        (
            THEME_NEW_URL,
            {"name_fi": "koulua KÄYMÄTTÖMÄT"},
            "name_fi",
            "Another theme is already called “koulua KÄYMÄTTÖMÄT”.",
        ),
        (
            SECTOR_NEW_URL,
            {"name_en": "Pupil welfare"},
            "name_en",
            "Another sector is already called “Pupil welfare”.",
        ),
        (THEME_NEW_URL, {"position": "-1"}, "position", "greater than or equal to 0"),
        (
            edit_url("themes", "behavioural-symptoms"),
            {"name_fi": "Sijoitetut lapset", "position": "4"},
            "name_fi",
            "Another theme is already called “Sijoitetut lapset”.",
        ),
        (
            edit_url("themes", "behavioural-symptoms"),
            {"name_fi": ""},
            "name_fi",
            "Enter the name in Finnish.",
        ),
        (edit_url("sectors", "avi"), {"position": ""}, "position", "Enter the position"),
    ],
)
def test_bad_input_is_refused_with_a_clear_error_and_nothing_is_written(
    admin_client, url, changes, field, message
):
    data = {**(NEW_SECTOR if "/sectors/" in url else NEW_THEME), "position": "3"}
    if "/edit/" in url:
        data.pop("code")
    data.update(changes)
    before = snapshot()

    response = admin_client.post(url, data)

    assert response.status_code == 200
    page = text(response)
    assert "There is a problem" in page
    error = page.split(f'id="id_{field}-error"', 1)[1].split("</p>", 1)[0]
    assert message in error
    assert snapshot() == before


def test_the_form_shows_every_error_at_once_each_linked_to_its_field(admin_client):
    before = snapshot()
    response = admin_client.post(THEME_NEW_URL, {**NEW_THEME, "code": "Bad", "name_fi": ""})
    page = text(response)
    assert '<a href="#id_code">Code: Use only lowercase letters' in page
    assert '<a href="#id_name_fi">Name in Finnish: Enter the name in Finnish.</a>' in page
    assert 'aria-describedby="id_code-hint id_code-error"' in page
    assert 'aria-describedby="id_position-hint"' in page
    assert snapshot() == before


def test_the_services_refuse_bad_input_with_every_error_on_its_field(reference_data):
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        services.theme_create(
            actor=None, code="Bad Code", name_fi="", name_en="children placed outside their HOME"
        )
    assert caught.value.message_dict == {
        "code": [
            "Use only lowercase letters a–z, digits and single hyphens between them, "
            "for example school-non-attendance."
        ],
        "name_fi": ["Enter the name in Finnish."],
        "name_en": ["Another theme is already called “children placed outside their HOME”."],
    }
    with pytest.raises(ValidationError) as caught:
        services.sector_create(actor=None, code="x" * 41, name_fi="Uusi")
    assert caught.value.message_dict == {"code": ["The code can be at most 40 characters long."]}
    assert snapshot() == before


def test_a_code_taken_meanwhile_is_refused_as_a_duplicate(reference_data, monkeypatch):
    # As if another administrator added the code between the check and the insert:
    # the database's unique index answers, with the same message.
    monkeypatch.setattr(services, "code_error", lambda model, code: None)
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        services.theme_create(actor=None, code="school-non-attendance", name_fi="Uusi teema")
    assert caught.value.message_dict == {
        "code": ["A theme with the code “school-non-attendance” already exists."]
    }
    assert snapshot() == before


# --- Who gets in ------------------------------------------------------------------------------

REFUSED_PAGES = [
    (LIST_URL, None),
    (THEME_NEW_URL, NEW_THEME),
    (SECTOR_NEW_URL, NEW_SECTOR),
    (edit_url("themes", "school-non-attendance"), {**NEW_THEME, "position": "1"}),
    (edit_url("sectors", "pupil-welfare"), {**NEW_SECTOR, "position": "1"}),
]


@pytest.mark.parametrize(("url", "data"), REFUSED_PAGES)
@pytest.mark.parametrize("who", ["coordinator", "teacher", "outsider"])
def test_anyone_but_a_national_administrator_gets_404_and_changes_nothing(
    client, login, request, who, url, data
):
    login(client, request.getfixturevalue(who))
    before = snapshot()
    assert client.get(url).status_code == 404
    assert client.post(url, data or {}).status_code in ((404,) if data else (404, 405))
    assert snapshot() == before


@pytest.mark.parametrize(("url", "data"), REFUSED_PAGES)
def test_an_anonymous_visitor_is_sent_to_sign_in_and_changes_nothing(
    client, reference_data, url, data
):
    before = snapshot()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
    if data:
        response = client.post(url, data)
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/")
    assert snapshot() == before


# --- A new or renamed row everywhere ----------------------------------------------------------


def test_a_new_theme_is_a_choice_of_the_group_form(admin_client, national_admin):
    added = services.theme_create(
        actor=national_admin,
        code="digital-learning",
        name_fi="Digitaalinen oppiminen",
        name_en="Digital learning",
    )
    page = text(admin_client.get("/en/groups/new/"))
    assert f'<option value="{added.pk}">Digital learning</option>' in page


def test_a_new_theme_shows_at_once_in_the_cached_group_and_event_filters(
    client, reference_data, page_cache_on
):
    make_event()
    assert "Digital learning" not in text(client.get("/en/groups/"))
    assert "Digital learning" not in text(client.get("/en/events/"))

    services.theme_create(
        actor=None,
        code="digital-learning",
        name_fi="Digitaalinen oppiminen",
        name_en="Digital learning",
    )

    assert '<option value="digital-learning">Digital learning</option>' in text(
        client.get("/en/groups/")
    )
    assert '<option value="digital-learning">Digital learning</option>' in text(
        client.get("/en/events/")
    )


def test_a_new_theme_has_its_page_and_filter_in_the_materials_bank(client, reference_data):
    added = services.theme_create(
        actor=None,
        code="digital-learning",
        name_fi="Digitaalinen oppiminen",
        name_en="Digital learning",
    )
    assert 'href="/en/materials/themes/digital-learning/"' in text(client.get("/en/materials/"))
    assert client.get("/en/materials/themes/digital-learning/").status_code == 200

    make_material(title_en="Learning online", themes=("digital-learning",))
    reindex_all()
    page = text(client.get("/en/materials/?theme=digital-learning"))
    assert "Unknown theme" not in page
    assert "Learning online" in page
    assert 'name="theme" type="checkbox" value="digital-learning" checked' in page

    services.theme_update(actor=None, theme=added, name_en="Learning in digital worlds")

    page = text(client.get("/en/materials/?theme=digital-learning"))
    assert "Learning in digital worlds" in page
    assert "Digital learning" not in page


def test_a_renamed_sector_shows_at_once_in_the_cached_event_page(
    client, reference_data, page_cache_on
):
    event = make_event(audience_sectors=[sector()])
    url = f"/en/events/{event.pk}/"
    assert "Pupil welfare" in text(client.get(url))

    services.sector_update(actor=None, sector=sector(), name_en="Pupil and student welfare")

    assert "Pupil and student welfare" in text(client.get(url))


def test_a_new_sector_is_a_choice_of_the_membership_form(admin_client, tays):
    services.sector_create(
        actor=None, code="youth-work", name_fi="Nuorisotyö", name_en="Youth work"
    )
    regional = network_services.group_create(
        actor=None,
        kind=Group.Kind.REGIONAL,
        name_fi="TAYS-alueryhmä",
        area=tays,
        term_start=LAST_YEAR,
    )
    page = text(admin_client.get(f"/en/groups/{regional.pk}/members/new/"))
    assert ">Youth work</option>" in page
    assert DataVersion.objects.filter(key=NETWORK_DATA).exists()
