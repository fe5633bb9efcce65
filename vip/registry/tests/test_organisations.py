"""Creating and changing organisations: the services and the create/edit pages."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse
from django.utils import translation

from vip.audit.models import AuditAction, AuditEvent
from vip.core.testing import make_organisation
from vip.registry import services
from vip.registry.models import Municipality, Organisation

Kind = Organisation.Kind


@pytest.fixture(autouse=True)
def _in_english():
    # Messages are checked in English, on the /en/ pages; reverse() follows the
    # active language, which an earlier request may otherwise have left set.
    with translation.override("en"):
        yield


def organisation_rows() -> list[tuple[Any, ...]]:
    """Every organisation with every stored value, to show that nothing was written."""
    return list(Organisation.objects.order_by("pk").values_list())


def audit_count() -> int:
    return AuditEvent.objects.count()


@pytest.fixture
def tree(tampere_provider: Organisation) -> dict[str, Organisation]:
    """provider > district > school > class, and a second top-level provider."""
    district = make_organisation(
        kind=Kind.OTHER, name_fi="Tampereen eteläinen alue", parent=tampere_provider
    )
    school = make_organisation(kind=Kind.SCHOOL, name_fi="Hervannan koulu", parent=district)
    unit = make_organisation(kind=Kind.OTHER, name_fi="Pienluokka", parent=school)
    other = make_organisation(
        kind=Kind.PRIVATE_PROVIDER,
        name_fi="Yksityinen koulutuksen järjestäjä",
        municipality=Municipality.objects.get(code="853"),
    )
    return {
        "provider": tampere_provider,
        "district": district,
        "school": school,
        "unit": unit,
        "other": other,
    }


def fresh(organisation: Organisation) -> Organisation:
    return Organisation.objects.get(pk=organisation.pk)


# --- organisation_create ---------------------------------------------------------------------


def test_it_sets_the_tree_path_of_a_new_organisation(tampere_provider, tampere_school):
    assert tampere_provider.tree_path == f"/{tampere_provider.pk}/"
    assert fresh(tampere_provider).tree_path == f"/{tampere_provider.pk}/"
    assert fresh(tampere_school).tree_path == f"/{tampere_provider.pk}/{tampere_school.pk}/"
    assert fresh(tampere_school).ancestor_ids == [tampere_provider.pk]


def test_it_audits_a_created_organisation_in_its_own_scope(national_admin, reference_data):
    organisation = services.organisation_create(
        actor=national_admin,
        kind=Kind.VALTERI_UNIT,
        name_fi="Valteri Onerva",
        municipality=Municipality.objects.get(code="179"),
    )

    event = AuditEvent.objects.get(action=AuditAction.ORGANISATION_CREATED, actor=national_admin)
    assert event.organisation == organisation
    assert event.target_type == "registry.organisation"
    assert event.target_id == str(organisation.pk)
    assert event.details == {"kind": "valteri_unit"}


def test_it_stores_empty_identifiers_as_null_so_many_organisations_can_lack_them(
    reference_data,
):
    first = make_organisation(kind=Kind.OTHER, name_fi="Ensimmäinen", school_code="", oid="")
    second = make_organisation(kind=Kind.OTHER, name_fi="Toinen", school_code="", oid="")

    assert fresh(first).school_code is None
    assert fresh(second).oid is None


@pytest.mark.parametrize("school_code", ["1234", "12a45", "123456"])
def test_it_refuses_a_malformed_school_code_and_writes_nothing(reference_data, school_code):
    before, audited = organisation_rows(), audit_count()

    with pytest.raises(ValidationError) as raised:
        make_organisation(kind=Kind.SCHOOL, name_fi="Virhekoulu", school_code=school_code)

    assert (
        "A Statistics Finland school code is exactly five digits, e.g. 03456."
        in raised.value.message_dict["school_code"]
    )
    assert organisation_rows() == before
    assert audit_count() == audited


@pytest.mark.parametrize("oid", ["1.2.3", "1.2.246.562.10.abc", "1.2.246.562.10."])
def test_it_refuses_a_malformed_oid_and_writes_nothing(reference_data, oid):
    before, audited = organisation_rows(), audit_count()

    with pytest.raises(ValidationError) as raised:
        make_organisation(kind=Kind.SCHOOL, name_fi="Virhekoulu", oid=oid)

    assert raised.value.message_dict["oid"] == [
        "An OPH organisation OID is 1.2.246.562.10. followed by digits."
    ]
    assert organisation_rows() == before
    assert audit_count() == audited


def test_it_accepts_a_well_formed_oid(reference_data):
    organisation = make_organisation(
        kind=Kind.NATIONAL_AGENCY, name_fi="Opetushallitus", oid="1.2.246.562.10.00000000001"
    )

    assert fresh(organisation).oid == "1.2.246.562.10.00000000001"


def test_it_refuses_a_duplicate_school_code(tampere_school):
    before, audited = organisation_rows(), audit_count()

    with pytest.raises(ValidationError) as raised:
        make_organisation(kind=Kind.SCHOOL, name_fi="Toinen koulu", school_code="83701")

    assert "school_code" in raised.value.message_dict
    assert organisation_rows() == before
    assert audit_count() == audited


def test_it_refuses_a_duplicate_oid(reference_data):
    make_organisation(kind=Kind.AVI, name_fi="Länsi- ja Sisä-Suomen AVI", oid="1.2.246.562.10.7")
    before, audited = organisation_rows(), audit_count()

    with pytest.raises(ValidationError) as raised:
        make_organisation(kind=Kind.AVI, name_fi="Toinen AVI", oid="1.2.246.562.10.7")

    assert "oid" in raised.value.message_dict
    assert organisation_rows() == before
    assert audit_count() == audited


def test_it_refuses_an_end_date_before_the_start_date(reference_data):
    before, audited = organisation_rows(), audit_count()

    with pytest.raises(ValidationError) as raised:
        make_organisation(
            kind=Kind.SCHOOL,
            name_fi="Lyhytikäinen koulu",
            active_from=datetime.date(2024, 8, 1),
            active_to=datetime.date(2024, 7, 31),
        )

    assert raised.value.message_dict[NON_FIELD_ERRORS] == [
        "The end date cannot be before the start date."
    ]
    assert organisation_rows() == before
    assert audit_count() == audited


def test_it_accepts_an_organisation_active_for_a_single_day(reference_data):
    day = datetime.date(2024, 8, 1)

    organisation = make_organisation(
        kind=Kind.OTHER, name_fi="Päivän yksikkö", active_from=day, active_to=day
    )

    assert fresh(organisation).is_active_on(day)


def test_it_refuses_unknown_fields(reference_data):
    with pytest.raises(TypeError, match="tree_path"):
        make_organisation(kind=Kind.OTHER, name_fi="Polku", tree_path="/1/")


# --- organisation_update ---------------------------------------------------------------------


def test_it_re_roots_the_whole_subtree_when_an_organisation_moves(tree, national_admin):
    provider, district, school, unit, other = (
        tree["provider"],
        tree["district"],
        tree["school"],
        tree["unit"],
        tree["other"],
    )

    services.organisation_update(actor=national_admin, organisation=district, parent=other)

    assert fresh(district).tree_path == f"/{other.pk}/{district.pk}/"
    assert fresh(school).tree_path == f"/{other.pk}/{district.pk}/{school.pk}/"
    assert fresh(unit).tree_path == f"/{other.pk}/{district.pk}/{school.pk}/{unit.pk}/"
    assert fresh(unit).ancestor_ids == [other.pk, district.pk, school.pk]
    # The old root and the new root themselves stay where they were.
    assert fresh(provider).tree_path == f"/{provider.pk}/"
    assert fresh(other).tree_path == f"/{other.pk}/"
    assert district.tree_path == f"/{other.pk}/{district.pk}/"


def test_it_re_roots_a_subtree_moved_to_the_top_level(tree):
    district, school = tree["district"], tree["school"]

    services.organisation_update(actor=None, organisation=district, parent=None)

    assert fresh(district).tree_path == f"/{district.pk}/"
    assert fresh(school).tree_path == f"/{district.pk}/{school.pk}/"


def test_it_leaves_organisations_outside_the_moved_subtree_alone(tree):
    siblings = [
        make_organisation(kind=Kind.SCHOOL, name_fi=f"Koulu {n}", parent=tree["provider"])
        for n in range(3)
    ]
    outside = [tree["provider"], tree["other"], *siblings]
    paths = {o.pk: fresh(o).tree_path for o in outside}

    services.organisation_update(actor=None, organisation=tree["district"], parent=tree["other"])

    assert {o.pk: fresh(o).tree_path for o in outside} == paths


def test_it_audits_an_update_in_the_organisations_scope(tree, national_admin):
    school = tree["school"]

    services.organisation_update(
        actor=national_admin, organisation=school, name_fi="Hervannan yhtenäiskoulu"
    )

    event = AuditEvent.objects.get(action=AuditAction.ORGANISATION_UPDATED, actor=national_admin)
    assert event.organisation == school
    assert event.target_type == "registry.organisation"
    assert event.target_id == str(school.pk)
    assert event.details == {"fields": ["name_fi"]}
    assert fresh(school).name_fi == "Hervannan yhtenäiskoulu"


def test_it_audits_a_move_naming_the_parent_field(tree, national_admin):
    services.organisation_update(
        actor=national_admin, organisation=tree["district"], parent=tree["other"]
    )

    event = AuditEvent.objects.get(action=AuditAction.ORGANISATION_UPDATED, actor=national_admin)
    assert event.organisation == tree["district"]
    assert event.details == {"fields": ["parent"]}


def test_it_writes_no_audit_row_for_an_update_that_changes_nothing(tree, national_admin):
    services.organisation_update(
        actor=national_admin, organisation=tree["school"], name_fi="Hervannan koulu"
    )

    assert not AuditEvent.objects.filter(action=AuditAction.ORGANISATION_UPDATED).exists()


def test_it_refuses_to_place_an_organisation_under_itself(tree):
    district = tree["district"]
    before, audited = organisation_rows(), audit_count()

    with pytest.raises(ValidationError) as raised:
        services.organisation_update(actor=None, organisation=district, parent=fresh(district))

    assert raised.value.message_dict["parent"] == [
        "An organisation cannot be placed under itself or its own unit."
    ]
    assert organisation_rows() == before
    assert audit_count() == audited


@pytest.mark.parametrize("descendant", ["school", "unit"])
def test_it_refuses_to_place_an_organisation_under_its_own_unit(tree, descendant):
    before, audited = organisation_rows(), audit_count()

    with pytest.raises(ValidationError) as raised:
        services.organisation_update(
            actor=None, organisation=tree["district"], parent=fresh(tree[descendant])
        )

    assert "parent" in raised.value.message_dict
    assert organisation_rows() == before
    assert audit_count() == audited


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("school_code", "1234"),
        ("school_code", "12a45"),
        ("oid", "1.2.3"),
        ("oid", "1.2.246.562.10.abc"),
    ],
)
def test_it_refuses_a_malformed_identifier_on_update_and_writes_nothing(tree, field, value):
    before, audited = organisation_rows(), audit_count()

    with pytest.raises(ValidationError) as raised:
        services.organisation_update(actor=None, organisation=tree["school"], **{field: value})

    assert field in raised.value.message_dict
    assert organisation_rows() == before
    assert audit_count() == audited


def test_it_refuses_taking_another_schools_code_on_update(tree, tampere_school):
    before = organisation_rows()

    with pytest.raises(ValidationError) as raised:
        services.organisation_update(actor=None, organisation=tree["school"], school_code="83701")

    assert "school_code" in raised.value.message_dict
    assert organisation_rows() == before


def test_it_refuses_an_end_date_before_the_start_date_on_update(tree):
    before = organisation_rows()

    with pytest.raises(ValidationError):
        services.organisation_update(
            actor=None,
            organisation=tree["school"],
            active_from=datetime.date(2025, 1, 1),
            active_to=datetime.date(2024, 1, 1),
        )

    assert organisation_rows() == before


def test_it_keeps_the_tree_path_of_a_unit_edited_while_its_ancestor_moved(tree):
    # Two administrators at once: one moves the district, the other renames a
    # school they loaded before the move. The rename must not undo the move.
    school_as_loaded = fresh(tree["school"])
    services.organisation_update(actor=None, organisation=tree["district"], parent=tree["other"])

    services.organisation_update(
        actor=None, organisation=school_as_loaded, name_fi="Hervannan uusi koulu"
    )

    other, district, school = tree["other"], tree["district"], tree["school"]
    assert fresh(school).name_fi == "Hervannan uusi koulu"
    assert fresh(school).tree_path == f"/{other.pk}/{district.pk}/{school.pk}/"


# --- The create and edit pages ---------------------------------------------------------------


def form_data(**values: Any) -> dict[str, Any]:
    data = {
        "name_fi": "",
        "name_sv": "",
        "name_en": "",
        "kind": Kind.SCHOOL,
        "parent": "",
        "municipality": "",
        "languages": "fi",
        "active_from": "",
        "active_to": "",
        "school_code": "",
        "oid": "",
    }
    data.update({k: "" if v is None else v for k, v in values.items()})
    return data


def data_of(organisation: Organisation, **changes: Any) -> dict[str, Any]:
    """What the edit form posts back for ``organisation``, with ``changes`` applied."""
    current = {
        "name_fi": organisation.name_fi,
        "name_sv": organisation.name_sv,
        "name_en": organisation.name_en,
        "kind": organisation.kind,
        "parent": organisation.parent_id,
        "municipality": organisation.municipality.code if organisation.municipality else None,
        "languages": organisation.languages,
        "school_code": organisation.school_code,
        "oid": organisation.oid,
    }
    return form_data(**{**current, **changes})


with translation.override("en"):
    CREATE_URL = reverse("registry:organisation_create")


def edit_url(organisation: Organisation) -> str:
    return reverse("registry:organisation_edit", args=[organisation.pk])


def test_a_national_admin_creates_a_top_level_organisation(client, login, national_admin):
    login(client, national_admin)

    assert client.get(CREATE_URL).status_code == 200
    response = client.post(
        CREATE_URL,
        form_data(
            name_fi="Valteri-koulu Ruskis",
            name_sv="Valteriskolan Ruskis",
            kind=Kind.VALTERI_UNIT,
            municipality="091",
            oid="1.2.246.562.10.55555",
        ),
    )

    created = Organisation.objects.get(name_fi="Valteri-koulu Ruskis")
    assert response.status_code == 302
    assert response.url == created.get_absolute_url()
    assert created.parent is None
    assert created.tree_path == f"/{created.pk}/"
    assert created.municipality.code == "091"
    assert created.oid == "1.2.246.562.10.55555"
    event = AuditEvent.objects.get(action=AuditAction.ORGANISATION_CREATED, organisation=created)
    assert event.actor == national_admin


def test_a_municipal_admin_edits_their_own_provider(
    client, login, municipal_admin, tampere_provider
):
    login(client, municipal_admin)

    assert client.get(edit_url(tampere_provider)).status_code == 200
    response = client.post(
        edit_url(tampere_provider),
        data_of(tampere_provider, name_en="Tampere, education and culture"),
    )

    assert response.status_code == 302
    assert response.url == tampere_provider.get_absolute_url()
    assert fresh(tampere_provider).name_en == "Tampere, education and culture"
    assert AuditEvent.objects.get(
        action=AuditAction.ORGANISATION_UPDATED, actor=municipal_admin
    ).details == {"fields": ["name_en"]}


def test_the_edit_page_shows_the_current_municipality_as_chosen(
    client, login, municipal_admin, tampere_provider
):
    login(client, municipal_admin)

    response = client.get(edit_url(tampere_provider))

    # The select's options are municipality codes; the chosen one must be Tampere's.
    assert response.context["form"]["municipality"].value() == "837"
    assert '<option value="837" selected>' in response.content.decode()


def test_a_municipal_admin_adds_a_unit_under_their_provider(
    client, login, municipal_admin, tampere_provider
):
    login(client, municipal_admin)
    url = f"{CREATE_URL}?parent={tampere_provider.pk}"

    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"]["parent"].value() == tampere_provider.pk
    assert '<option value="837" selected>' in page.content.decode()
    response = client.post(
        url,
        form_data(name_fi="Tesoman koulu", parent=tampere_provider.pk, school_code="83702"),
    )

    created = Organisation.objects.get(school_code="83702")
    assert response.status_code == 302
    assert created.parent == tampere_provider
    # The unit lies in its parent's municipality unless told otherwise.
    assert created.municipality.code == "837"
    assert created.tree_path == f"/{tampere_provider.pk}/{created.pk}/"


def test_adding_a_unit_from_a_schools_page_places_it_under_the_school(
    client, login, municipal_admin, tampere_school
):
    # The school's page offers "Add a unit"; the form it opens must keep the school
    # as the parent instead of silently dropping it.
    login(client, municipal_admin)
    url = f"{CREATE_URL}?parent={tampere_school.pk}"
    detail = client.get(tampere_school.get_absolute_url()).content.decode()
    assert url in detail

    page = client.get(url).content.decode()

    assert f'<option value="{tampere_school.pk}" selected>' in page


def test_a_municipal_admin_cannot_create_a_top_level_organisation(
    client, login, municipal_admin, tampere_provider
):
    login(client, municipal_admin)
    before = organisation_rows()

    response = client.post(CREATE_URL, form_data(name_fi="Oma järjestäjä", kind=Kind.OTHER))

    assert response.status_code == 200
    assert "Choose an organisation you are responsible for." in response.content.decode()
    assert organisation_rows() == before


def test_a_municipal_admin_cannot_move_a_unit_out_of_their_tree(
    client, login, municipal_admin, tampere_school
):
    # Moving a school to the top level would put it beyond its editor's reach,
    # the same as creating a top-level organisation, which only national admins may do.
    login(client, municipal_admin)
    before = organisation_rows()

    response = client.post(edit_url(tampere_school), data_of(tampere_school, parent=""))

    assert response.status_code == 200
    assert response.context["form"].errors
    assert organisation_rows() == before


def test_a_municipal_admin_gets_404_for_another_providers_edit_page(
    client, login, municipal_admin, helsinki_provider
):
    login(client, municipal_admin)
    before = organisation_rows()

    assert client.get(edit_url(helsinki_provider)).status_code == 404
    post = client.post(edit_url(helsinki_provider), data_of(helsinki_provider, name_fi="Kaapattu"))
    assert post.status_code == 404
    assert client.get(f"{CREATE_URL}?parent={helsinki_provider.pk}").status_code == 404
    assert organisation_rows() == before


def test_an_area_coordinator_edits_inside_their_area_only(
    client, login, coordinator, tampere_school, helsinki_provider
):
    login(client, coordinator)

    assert client.get(edit_url(tampere_school)).status_code == 200
    assert client.get(edit_url(helsinki_provider)).status_code == 404


@pytest.mark.parametrize("person", ["teacher", "outsider"])
def test_people_without_an_editing_role_get_404_on_the_edit_and_create_pages(
    client, login, request, person, tampere_provider, tampere_school
):
    login(client, request.getfixturevalue(person))
    before = organisation_rows()

    assert client.get(edit_url(tampere_school)).status_code == 404
    assert client.get(edit_url(tampere_provider)).status_code == 404
    assert client.get(CREATE_URL).status_code == 404
    assert client.get(f"{CREATE_URL}?parent={tampere_provider.pk}").status_code == 404
    assert client.post(edit_url(tampere_school), data_of(tampere_school)).status_code == 404
    assert client.post(CREATE_URL, form_data(name_fi="Luvaton")).status_code == 404
    assert organisation_rows() == before


def test_a_non_numeric_parent_in_the_address_is_404(client, login, national_admin):
    login(client, national_admin)

    assert client.get(f"{CREATE_URL}?parent=abc").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, tampere_provider):
    login_url = reverse("accounts:login")
    before = organisation_rows()

    for response in (
        client.get(CREATE_URL),
        client.get(edit_url(tampere_provider)),
        client.post(CREATE_URL, form_data(name_fi="Anonyymi")),
    ):
        assert response.status_code == 302
        assert response.url.startswith(f"{login_url}?next=")
    assert organisation_rows() == before


def test_a_malformed_school_code_re_renders_the_form_with_the_error(client, login, national_admin):
    login(client, national_admin)
    before, audited = organisation_rows(), audit_count()

    response = client.post(
        CREATE_URL, form_data(name_fi="Virhekoulu", municipality="837", school_code="12a45")
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in page
    assert "There is a problem" in page
    assert '<a href="#id_school_code">' in page
    assert 'id="id_school_code-error"' in page
    assert "A Statistics Finland school code is exactly five digits, e.g. 03456." in page
    assert response.context["form"].errors["school_code"]
    assert organisation_rows() == before
    assert audit_count() == audited


def test_an_unknown_municipality_code_in_the_form_is_named_as_such(client, login, national_admin):
    login(client, national_admin)
    before = organisation_rows()

    response = client.post(CREATE_URL, form_data(name_fi="Harhakoulu", municipality="999"))

    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors["municipality"] == [
        "Unknown municipality code. Use a three-digit code such as 091."
    ]
    assert "Unknown municipality code" in page
    assert 'id="id_municipality-error"' in page
    assert organisation_rows() == before


def test_the_edit_page_refuses_a_parent_inside_the_organisations_own_tree(
    client, login, national_admin, tree
):
    login(client, national_admin)
    before = organisation_rows()

    response = client.post(
        edit_url(tree["district"]), data_of(tree["district"], parent=tree["unit"].pk)
    )

    assert response.status_code == 200
    assert response.context["form"].errors["parent"]
    assert organisation_rows() == before


def test_the_edit_page_moves_an_organisation_and_its_units(client, login, national_admin, tree):
    login(client, national_admin)

    response = client.post(
        edit_url(tree["district"]), data_of(tree["district"], parent=tree["other"].pk)
    )

    other, district, unit = tree["other"], tree["district"], tree["unit"]
    assert response.status_code == 302
    assert fresh(district).parent == other
    assert fresh(unit).tree_path.startswith(f"/{other.pk}/{district.pk}/")
