"""The people directory, person records, contact details and employments."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from vip.accounts.models import User
from vip.audit.models import AuditAction, AuditEvent
from vip.core.testing import make_organisation
from vip.network import services
from vip.network.models import Employment, Group, Membership, Person, Sector
from vip.network.policies import person_policy
from vip.registry.models import Area, Municipality, Organisation

Kind = Organisation.Kind
TODAY = timezone.localdate()
LAST_YEAR = TODAY - datetime.timedelta(days=365)


@pytest.fixture(autouse=True)
def _in_english():
    # Messages are checked in English, on the /en/ pages; reverse() follows the
    # active language, which an earlier request may otherwise have left set.
    with translation.override("en"):
        yield


def person_rows() -> list[tuple[Any, ...]]:
    """Every person and employment with every stored value, to show that nothing was written."""
    return [
        *Person.objects.order_by("pk").values_list(),
        *Employment.objects.order_by("pk").values_list(),
    ]


def make_person(organisation: Organisation | None = None, **values: Any) -> Person:
    values.setdefault("given_name", "Testi")
    values.setdefault("family_name", "Henkilö")
    return services.person_create(
        actor=None, organisation=organisation, employment_start=LAST_YEAR, **values
    )


@pytest.fixture
def tampere_person(tampere_school: Organisation) -> Person:
    return make_person(
        tampere_school,
        given_name="Tiina",
        family_name="Tamminen",
        email="tiina.tamminen@tampere.example",
        phone="040 111 2222",
        title="Erityisopettaja",
    )


@pytest.fixture
def helsinki_person(helsinki_provider: Organisation) -> Person:
    return make_person(
        helsinki_provider,
        given_name="Harri",
        family_name="Helander",
        email="harri.helander@hel.example",
        phone="040 333 4444",
    )


@pytest.fixture
def regional_group(tays: Area) -> Group:
    return services.group_create(
        actor=None,
        kind=Group.Kind.REGIONAL,
        name_fi="Sisä-Suomen alueryhmä",
        area=tays,
        term_start=LAST_YEAR,
    )


def person_url(person: Person) -> str:
    return reverse("network:person_detail", args=[person.pk])


def edit_url(person: Person) -> str:
    return reverse("network:person_edit", args=[person.pk])


def employment_url(person: Person) -> str:
    return reverse("network:employment_create", args=[person.pk])


# The English pages; the module is imported before any test switches language.
PEOPLE = "/en/people/"
CREATE = "/en/people/new/"
ME = "/en/people/me/"


def listed(response) -> list[str]:
    return [person.full_name for person in response.context["object_list"]]


def link(person: Person, user: User) -> Person:
    return services.person_update(actor=None, person=person, user=user)


# --- Who may see the directory ---------------------------------------------------------------


def test_it_sends_anonymous_visitors_to_sign_in(client, tampere_person):
    for url in (PEOPLE, person_url(tampere_person), CREATE, edit_url(tampere_person)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/")


def test_it_hides_the_directory_and_people_from_an_outsider(
    client, login, outsider, tampere_person
):
    login(client, outsider)
    assert client.get(PEOPLE).status_code == 404
    assert client.get(person_url(tampere_person)).status_code == 404
    assert client.get(edit_url(tampere_person)).status_code == 404
    assert client.get(employment_url(tampere_person)).status_code == 404


def test_it_lists_people_to_network_staff(client, login, teacher, tampere_person, helsinki_person):
    services.person_update(actor=None, person=helsinki_person, contact_details_public=True)
    login(client, teacher)
    response = client.get(PEOPLE)
    assert response.status_code == 200
    assert listed(response) == ["Harri Helander", "Tiina Tamminen"]
    page = response.content.decode()
    # Staff see the contact details people have made public, and no others.
    assert "harri.helander@hel.example" in page
    assert "040 333 4444" in page
    assert "tiina.tamminen@tampere.example" not in page
    assert "040 111 2222" not in page
    assert "Not public" in page
    # The teacher does not manage people, so there is no button to add one.
    assert CREATE not in page


@pytest.mark.parametrize("who", ["coordinator", "national_admin"])
def test_administrators_and_coordinators_see_every_contact_detail_in_the_directory(
    client, login, request, tampere_person, helsinki_person, who
):
    login(client, request.getfixturevalue(who))
    page = client.get(PEOPLE).content.decode()
    assert "tiina.tamminen@tampere.example" in page
    assert "harri.helander@hel.example" in page
    assert "Not public" not in page


def test_a_teacher_sees_no_private_contact_details_on_a_record(
    client, login, teacher, tampere_person
):
    login(client, teacher)
    page = client.get(person_url(tampere_person)).content.decode()
    assert "Tiina Tamminen" in page
    assert "tiina.tamminen@tampere.example" not in page
    assert "040 111 2222" not in page


def test_a_teacher_can_read_a_record_but_not_change_it(client, login, teacher, tampere_person):
    login(client, teacher)
    response = client.get(person_url(tampere_person))
    assert response.status_code == 200
    assert edit_url(tampere_person) not in response.content.decode()
    assert client.get(edit_url(tampere_person)).status_code == 404
    assert client.get(employment_url(tampere_person)).status_code == 404
    assert client.get(CREATE).status_code == 404


def test_it_shows_contact_details_only_where_the_policy_allows(
    outsider, teacher, coordinator, national_admin, tampere_person, helsinki_person
):
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert not person_policy.shows_contact_details(anonymous, tampere_person)
    assert not person_policy.shows_contact_details(outsider, tampere_person)
    # Holding a role is not enough: staff see only what the person made public.
    assert not person_policy.shows_contact_details(teacher, tampere_person)
    assert person_policy.shows_contact_details(coordinator, tampere_person)
    assert person_policy.shows_contact_details(national_admin, helsinki_person)
    link(tampere_person, outsider)
    assert person_policy.shows_contact_details(outsider, Person.objects.get(pk=tampere_person.pk))
    assert not person_policy.shows_contact_details(outsider, helsinki_person)
    services.person_update(actor=None, person=helsinki_person, contact_details_public=True)
    assert person_policy.shows_contact_details(anonymous, helsinki_person)


# --- Searching and filtering -----------------------------------------------------------------


def test_it_finds_names_case_insensitively_and_keeps_a_umlaut_distinct(
    client, login, teacher, tampere_school
):
    make_person(tampere_school, given_name="Äijä", family_name="Äänismaa")
    make_person(tampere_school, given_name="Aija", family_name="Aanismaa")
    login(client, teacher)
    assert listed(client.get(PEOPLE, {"q": "ÄÄNISMAA"})) == ["Äijä Äänismaa"]
    assert listed(client.get(PEOPLE, {"q": "äänis"})) == ["Äijä Äänismaa"]
    assert listed(client.get(PEOPLE, {"q": "aanis"})) == ["Aija Aanismaa"]


def test_it_searches_e_mail_and_title(client, login, teacher, tampere_person, helsinki_person):
    login(client, teacher)
    assert listed(client.get(PEOPLE, {"q": "HEL.EXAMPLE"})) == ["Harri Helander"]
    assert listed(client.get(PEOPLE, {"q": "erityisopettaja"})) == ["Tiina Tamminen"]


def test_it_filters_by_current_employer(
    client, login, teacher, tampere_person, helsinki_person, tampere_school
):
    former = make_person(tampere_school, given_name="Entinen", family_name="Työntekijä")
    services.employment_end(
        actor=None, employment=former.employments.get(), end=TODAY - datetime.timedelta(days=1)
    )
    login(client, teacher)
    assert listed(client.get(PEOPLE, {"organisation": "koivikon"})) == ["Tiina Tamminen"]
    assert listed(client.get(PEOPLE, {"organisation": "HELSINKI"})) == ["Harri Helander"]


def test_it_filters_by_group_sector_and_area(
    client, login, teacher, tampere_person, helsinki_person, regional_group, hyks
):
    sector = Sector.objects.order_by("position").first()
    assert sector is not None
    services.membership_add(
        actor=None,
        group=regional_group,
        person=helsinki_person,
        role=Membership.Role.MEMBER,
        start=LAST_YEAR,
        sector=sector,
    )
    login(client, teacher)
    assert listed(client.get(PEOPLE, {"group": regional_group.pk})) == ["Harri Helander"]
    assert listed(client.get(PEOPLE, {"sector": sector.code})) == ["Harri Helander"]
    # Working in the area or serving in one of its groups.
    assert listed(client.get(PEOPLE, {"area": "TAYS"})) == ["Harri Helander", "Tiina Tamminen"]
    assert listed(client.get(PEOPLE, {"area": "HYKS"})) == ["Harri Helander"]


def test_it_leaves_former_members_out_of_the_group_filter(
    client, login, teacher, tampere_person, regional_group
):
    membership = services.membership_add(
        actor=None,
        group=regional_group,
        person=tampere_person,
        role=Membership.Role.MEMBER,
        start=LAST_YEAR,
    )
    services.membership_end(
        actor=None, membership=membership, end=TODAY - datetime.timedelta(days=2)
    )
    login(client, teacher)
    assert listed(client.get(PEOPLE, {"group": regional_group.pk})) == []


def test_it_answers_htmx_with_the_results_only(client, login, teacher, tampere_person):
    login(client, teacher)
    response = client.get(PEOPLE, {"q": "tamm"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert 'id="results"' in content
    assert "<html" not in content
    assert "Tiina Tamminen" in content or "Tamminen, Tiina" in content


def _fill_directory(count: int, organisation: Organisation, group: Group) -> None:
    for index in range(count):
        person = make_person(organisation, given_name=f"Henkilö{index}", family_name="Joukko")
        services.membership_add(
            actor=None, group=group, person=person, role=Membership.Role.MEMBER, start=LAST_YEAR
        )


def test_the_directory_takes_the_same_queries_for_many_people(
    client, login, teacher, tampere_school, regional_group, django_assert_max_num_queries
):
    login(client, teacher)
    _fill_directory(2, tampere_school, regional_group)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(PEOPLE, {"area": "TAYS"})
    _fill_directory(10, tampere_school, regional_group)
    with django_assert_max_num_queries(len(few)):
        response = client.get(PEOPLE, {"area": "TAYS"})
    assert len(response.context["object_list"]) == 12


# --- A person's record -----------------------------------------------------------------------


def test_it_shows_employments_memberships_and_nominations(
    client, login, coordinator, tampere_person, regional_group, helsinki_provider
):
    from vip.vipu import services as vipu_services
    from vip.vipu.models import Nomination

    services.employment_add(
        actor=None,
        person=tampere_person,
        organisation=helsinki_provider,
        start=LAST_YEAR - datetime.timedelta(days=400),
        end=LAST_YEAR - datetime.timedelta(days=1),
    )
    sector = Sector.objects.order_by("position").first()
    services.membership_add(
        actor=None,
        group=regional_group,
        person=tampere_person,
        role=Membership.Role.SECRETARY,
        start=LAST_YEAR,
        end=LAST_YEAR + datetime.timedelta(days=30),
    )
    services.membership_add(
        actor=None,
        group=regional_group,
        person=tampere_person,
        role=Membership.Role.CHAIR,
        start=LAST_YEAR + datetime.timedelta(days=31),
        sector=sector,
    )
    campaign = vipu_services.campaign_save(
        actor=None,
        name_fi="VIPU 2025",
        starts_on=LAST_YEAR,
        ends_on=TODAY + datetime.timedelta(days=30),
        deadline=TODAY,
    )
    vipu_services.nomination_make(
        actor=None,
        campaign=campaign,
        municipality=Municipality.objects.get(code="837"),
        person=tampere_person,
        responsibility=Nomination.Responsibility.PUPIL_WELFARE,
        language="fi",
    )
    login(client, coordinator)
    response = client.get(person_url(tampere_person))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Koivikon koulu" in content
    assert "Helsinki, kasvatuksen ja koulutuksen toimiala" in content
    assert "Ended" in content
    assert "Current" in content
    assert "Chair" in content
    assert "Secretary" in content
    assert "Former group memberships" in content
    assert str(sector) in content
    assert "Pupil welfare services" in content
    assert "Tampere" in content
    assert "tiina.tamminen@tampere.example" in content
    assert edit_url(tampere_person) in content
    assert employment_url(tampere_person) in content


def test_the_record_takes_the_same_queries_for_a_long_history(
    client, login, teacher, tampere_person, regional_group, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, teacher)
    with CaptureQueriesContext(connection) as few:
        client.get(person_url(tampere_person))
    tampere = Municipality.objects.get(code="837")
    for index in range(8):
        organisation = make_organisation(
            kind=Kind.OTHER, name_fi=f"Yksikkö {index}", municipality=tampere
        )
        services.employment_add(
            actor=None, person=tampere_person, organisation=organisation, start=LAST_YEAR
        )
        start = LAST_YEAR + datetime.timedelta(days=10 * index)
        services.membership_add(
            actor=None,
            group=regional_group,
            person=tampere_person,
            role=Membership.Role.MEMBER,
            start=start,
            end=start + datetime.timedelta(days=5),
        )
    with django_assert_max_num_queries(len(few)):
        client.get(person_url(tampere_person))


def test_a_person_sees_their_own_record_without_a_role(client, login, outsider, tampere_person):
    link(tampere_person, outsider)
    login(client, outsider)
    response = client.get(person_url(tampere_person))
    assert response.status_code == 200
    assert "tiina.tamminen@tampere.example" in response.content.decode()
    # Not the directory, and no link to it.
    assert f'href="{PEOPLE}"' not in response.content.decode()
    assert client.get(PEOPLE).status_code == 404


# --- Creating people -------------------------------------------------------------------------


def person_form(**overrides: Any) -> dict[str, Any]:
    data = {
        "given_name": "Uusi",
        "family_name": "Ihminen",
        "email": "Uusi.Ihminen@Tampere.example",
        "phone": "+358 40 123 4567",
        "title": "Rehtori",
        "languages": ["fi", "sv"],
        "organisation_name": "Koivikon koulu",
        "employment_start": "1.8.2024",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_a_national_administrator_adds_a_person_with_their_employer(
    client, login, national_admin, tampere_school
):
    login(client, national_admin)
    assert client.get(CREATE).status_code == 200
    response = client.post(CREATE, person_form(contact_details_public="on"))
    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == person_url(person)
    assert person.email == "uusi.ihminen@tampere.example"
    assert person.languages == "fi,sv"
    # Whether the contact details are public is the person's own choice.
    assert not person.contact_details_public
    employment = person.employments.get()
    assert employment.organisation == tampere_school
    assert employment.start == datetime.date(2024, 8, 1)
    event = AuditEvent.objects.get(action=AuditAction.PERSON_CREATED)
    assert event.actor == national_admin
    assert event.target_id == str(person.pk)


def test_a_national_administrator_may_leave_the_employer_out(client, login, national_admin):
    login(client, national_admin)
    response = client.post(CREATE, person_form(organisation_name=""))
    assert response.status_code == 302
    assert not Person.objects.get().employments.exists()


def test_the_form_tells_that_publishing_contact_details_is_the_persons_choice(
    client, login, national_admin
):
    login(client, national_admin)
    content = client.get(CREATE).content.decode()
    assert 'name="contact_details_public"' not in content
    assert "is the person's own choice" in content


def test_a_coordinator_adds_people_only_in_their_area(
    client, login, coordinator, tampere_school, helsinki_provider
):
    login(client, coordinator)
    before = person_rows()
    response = client.post(CREATE, person_form(organisation_name="Helsinki, kasvatuksen"))
    assert response.status_code == 200
    assert "Choose an organisation in your area" in response.content.decode()
    response = client.post(CREATE, person_form(organisation_name=""))
    assert "Enter the name of the organisation." in response.content.decode()
    assert person_rows() == before
    response = client.post(CREATE, person_form())
    assert response.status_code == 302
    assert Person.objects.get().employments.get().organisation == tampere_school


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-email", "Enter a valid email address."),
        ("phone", "call me", "Enter a phone number of digits"),
        ("phone", "12", "Enter a phone number of digits"),
        ("languages", [], "Choose one or more of Finnish, Swedish and English."),
        ("given_name", "", "This field is required."),
        ("employment_start", "31.2.2024", "Enter a valid date."),
    ],
)
def test_it_refuses_malformed_input_and_writes_nothing(
    client, login, national_admin, tampere_school, field, value, message
):
    login(client, national_admin)
    before = person_rows()
    audits = AuditEvent.objects.count()
    response = client.post(CREATE, person_form(**{field: value}))
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert message in content
    assert person_rows() == before
    assert AuditEvent.objects.count() == audits


def test_it_refuses_a_duplicate_e_mail_whatever_its_case(
    client, login, national_admin, tampere_person
):
    login(client, national_admin)
    before = person_rows()
    response = client.post(CREATE, person_form(email="TIINA.Tamminen@tampere.EXAMPLE"))
    assert response.status_code == 200
    assert "Another person already has this e-mail address." in response.content.decode()
    assert person_rows() == before


def test_the_service_refuses_a_duplicate_e_mail_too(tampere_person):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Another person already has this e-mail"):
        make_person(email="Tiina.Tamminen@Tampere.Example")


def test_it_asks_which_organisation_when_several_match(
    client, login, national_admin, tampere_school, tampere_provider
):
    other = make_organisation(
        kind=Kind.SCHOOL,
        name_fi="Koivikon koulu",
        municipality=Municipality.objects.get(code="091"),
    )
    login(client, national_admin)
    before = person_rows()
    response = client.post(CREATE, person_form(organisation_name="koivikon"))
    content = response.content.decode()
    assert "Several organisations match “koivikon”: choose one." in content
    assert "Koivikon koulu (Tampere)" in content
    assert "Koivikon koulu (Helsinki)" in content
    assert person_rows() == before
    response = client.post(
        CREATE, person_form(organisation_name="koivikon", organisation=str(other.pk))
    )
    assert response.status_code == 302
    assert Person.objects.get().employments.get().organisation == other


def test_an_exact_name_picks_the_organisation(client, login, national_admin, tampere_school):
    make_organisation(kind=Kind.SCHOOL, name_fi="Koivikon koulun lisäopetus", parent=tampere_school)
    login(client, national_admin)
    response = client.post(CREATE, person_form(organisation_name="koivikon KOULU"))
    assert response.status_code == 302
    assert Person.objects.get().employments.get().organisation == tampere_school


def test_it_says_when_no_organisation_matches(client, login, national_admin, tampere_school):
    login(client, national_admin)
    response = client.post(CREATE, person_form(organisation_name="Olematon opisto"))
    assert "No organisation matches “Olematon opisto”" in response.content.decode()
    assert not Person.objects.exists()


# --- Editing people --------------------------------------------------------------------------


def edit_form(person: Person, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "email": person.email,
        "phone": person.phone,
        "title": person.title,
        "languages": person.language_list,
        # The linked account stays as it is unless a test changes it.
        "user_email": person.user.email if person.user else "",
    }
    if person.contact_details_public:
        data["contact_details_public"] = "on"
    data.update(overrides)
    return data


def test_a_coordinator_edits_a_person_employed_in_their_area(
    client, login, coordinator, tampere_person
):
    login(client, coordinator)
    response = client.post(
        edit_url(tampere_person),
        edit_form(tampere_person, family_name="Tammela", phone="050 999 8888"),
    )
    assert response.status_code == 302
    person = Person.objects.get(pk=tampere_person.pk)
    assert person.family_name == "Tammela"
    assert person.phone == "050 999 8888"
    event = AuditEvent.objects.get(action=AuditAction.PERSON_UPDATED)
    assert event.actor == coordinator
    assert sorted(event.details["fields"]) == ["family_name", "phone"]
    # Field names only: never the personal data itself.
    assert "Tammela" not in str(event.details)
    assert "050" not in str(event.details)


def test_a_coordinator_cannot_edit_a_person_employed_only_elsewhere(
    client, login, coordinator, helsinki_person
):
    login(client, coordinator)
    before = person_rows()
    assert client.get(edit_url(helsinki_person)).status_code == 404
    response = client.post(edit_url(helsinki_person), edit_form(helsinki_person, title="X"))
    assert response.status_code == 404
    assert client.post(employment_url(helsinki_person), {}).status_code == 404
    assert person_rows() == before
    # They can read the record as network staff, without edit links.
    content = client.get(person_url(helsinki_person)).content.decode()
    assert edit_url(helsinki_person) not in content


def test_a_coordinator_edits_a_member_of_their_areas_group(
    client, login, coordinator, helsinki_person, regional_group
):
    services.membership_add(
        actor=None,
        group=regional_group,
        person=helsinki_person,
        role=Membership.Role.MEMBER,
        start=LAST_YEAR,
    )
    login(client, coordinator)
    assert client.get(edit_url(helsinki_person)).status_code == 200


def test_editing_refuses_a_duplicate_e_mail(
    client, login, coordinator, tampere_person, helsinki_person
):
    login(client, coordinator)
    before = person_rows()
    response = client.post(
        edit_url(tampere_person), edit_form(tampere_person, email="Harri.Helander@HEL.example")
    )
    assert "Another person already has this e-mail address." in response.content.decode()
    assert person_rows() == before


def test_a_coordinator_cannot_publish_someone_elses_contact_details(
    client, login, coordinator, tampere_person
):
    login(client, coordinator)
    page = client.get(edit_url(tampere_person)).content.decode()
    assert 'name="contact_details_public"' not in page
    assert "own choice" in page
    response = client.post(
        edit_url(tampere_person),
        edit_form(tampere_person, title="Rehtori", contact_details_public="on"),
    )
    assert response.status_code == 302
    person = Person.objects.get(pk=tampere_person.pk)
    assert person.title == "Rehtori"
    assert not person.contact_details_public
    event = AuditEvent.objects.get(action=AuditAction.PERSON_UPDATED)
    assert event.details["fields"] == ["title"]


def test_a_coordinator_chooses_the_publicity_of_their_own_record(
    client, login, coordinator, tampere_person
):
    link(tampere_person, coordinator)
    login(client, coordinator)
    page = client.get(edit_url(tampere_person)).content.decode()
    assert 'name="given_name"' in page
    assert 'name="contact_details_public"' in page
    response = client.post(
        edit_url(tampere_person), edit_form(tampere_person, contact_details_public="on")
    )
    assert response.status_code == 302
    assert Person.objects.get(pk=tampere_person.pk).contact_details_public


def test_saving_without_changes_writes_no_audit_event(client, login, coordinator, tampere_person):
    login(client, coordinator)
    client.post(edit_url(tampere_person), edit_form(tampere_person))
    assert not AuditEvent.objects.filter(action=AuditAction.PERSON_UPDATED).exists()


# --- One's own contact details ---------------------------------------------------------------


def test_a_person_edits_their_own_contact_details_but_not_their_name(
    client, login, outsider, tampere_person
):
    link(tampere_person, outsider)
    login(client, outsider)
    page = client.get(edit_url(tampere_person)).content.decode()
    assert 'name="given_name"' not in page
    assert 'name="contact_details_public"' in page
    response = client.post(
        edit_url(tampere_person),
        edit_form(
            tampere_person,
            given_name="Hacked",
            family_name="Name",
            phone="+358 50 555 0000",
            contact_details_public="on",
        ),
    )
    assert response.status_code == 302
    person = Person.objects.get(pk=tampere_person.pk)
    assert (person.given_name, person.family_name) == ("Tiina", "Tamminen")
    assert person.phone == "+358 50 555 0000"
    assert person.contact_details_public
    event = AuditEvent.objects.get(action=AuditAction.PERSON_UPDATED, actor=outsider)
    assert sorted(event.details["fields"]) == ["contact_details_public", "phone"]


def test_my_contact_details_edits_the_linked_record(client, login, outsider, tampere_person):
    link(tampere_person, outsider)
    login(client, outsider)
    page = client.get(ME).content.decode()
    assert "Your work e-mail and phone are shown on public group pages" in page
    assert "tiina.tamminen@tampere.example" in page
    response = client.post(
        ME,
        {
            "email": "tiina@tampere.example",
            "phone": "040 111 2222",
            "title": "Rehtori",
            "languages": ["sv"],
            "given_name": "Ignored",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == ME
    person = Person.objects.get(pk=tampere_person.pk)
    assert (person.email, person.title, person.languages) == (
        "tiina@tampere.example",
        "Rehtori",
        "sv",
    )
    assert person.given_name == "Tiina"


def test_my_contact_details_refuses_a_malformed_phone(client, login, outsider, tampere_person):
    link(tampere_person, outsider)
    login(client, outsider)
    before = person_rows()
    response = client.post(ME, {"email": "tiina@", "phone": "abc", "languages": ["fi"]})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid email address." in content
    assert "Enter a phone number of digits" in content
    assert person_rows() == before


def test_my_contact_details_explains_when_no_record_is_linked(client, login, outsider):
    login(client, outsider)
    response = client.get(ME)
    assert response.status_code == 200
    assert "not linked to a person record" in response.content.decode()
    assert client.post(ME, {"email": "x@example.com"}).status_code == 404


def test_someone_else_cannot_edit_a_record(
    client, login, outsider, tampere_person, helsinki_person
):
    link(tampere_person, outsider)
    login(client, outsider)
    assert client.get(edit_url(helsinki_person)).status_code == 404
    assert client.get(person_url(helsinki_person)).status_code == 404


# --- Employments -----------------------------------------------------------------------------


def test_a_coordinator_adds_an_employment(
    client, login, coordinator, tampere_person, tampere_provider
):
    login(client, coordinator)
    assert client.get(employment_url(tampere_person)).status_code == 200
    response = client.post(
        employment_url(tampere_person),
        {"organisation_name": "Tampere, sivistystoimi", "start": "1.1.2025"},
    )
    assert response.status_code == 302
    employment = tampere_person.employments.get(organisation=tampere_provider)
    assert employment.start == datetime.date(2025, 1, 1)
    assert employment.end is None
    event = AuditEvent.objects.filter(action=AuditAction.EMPLOYMENT_CHANGED).latest("id")
    assert event.actor == coordinator
    assert event.details["change"] == "added"


def test_adding_an_employment_refuses_an_end_before_the_start(
    client, login, coordinator, tampere_person, tampere_provider
):
    login(client, coordinator)
    before = person_rows()
    response = client.post(
        employment_url(tampere_person),
        {"organisation_name": "Tampere, sivistystoimi", "start": "1.1.2025", "end": "1.1.2024"},
    )
    assert "The end date cannot be before the start date." in response.content.decode()
    assert person_rows() == before


def test_a_coordinator_ends_an_employment(client, login, coordinator, tampere_person):
    employment = tampere_person.employments.get()
    yesterday = TODAY - datetime.timedelta(days=1)
    login(client, coordinator)
    page = client.get(person_url(tampere_person)).content.decode()
    assert "End employment" in page
    response = client.post(
        employment_url(tampere_person),
        {"action": "end", "employment": employment.pk, "end": yesterday.strftime("%d.%m.%Y")},
    )
    assert response.status_code == 302
    employment.refresh_from_db()
    assert employment.end == yesterday
    event = AuditEvent.objects.filter(action=AuditAction.EMPLOYMENT_CHANGED).latest("id")
    assert event.details["change"] == "ended"
    # The record keeps it as history; the directory no longer counts it as current.
    assert "Ended" in client.get(person_url(tampere_person)).content.decode()
    assert listed(client.get(PEOPLE, {"organisation": "koivikon"})) == []


def test_ending_an_employment_refuses_bad_dates_and_other_peoples_employments(
    client, login, coordinator, tampere_person, helsinki_person
):
    login(client, coordinator)
    before = person_rows()
    own = tampere_person.employments.get()
    response = client.post(
        employment_url(tampere_person),
        {"action": "end", "employment": own.pk, "end": "1.1.2000"},
    )
    assert "The end date cannot be before the start date." in response.content.decode()
    response = client.post(
        employment_url(tampere_person),
        {"action": "end", "employment": own.pk, "end": ""},
    )
    assert "Enter the date the employment ended." in response.content.decode()
    other = helsinki_person.employments.get()
    response = client.post(
        employment_url(tampere_person),
        {"action": "end", "employment": other.pk, "end": "1.1.2030"},
    )
    assert "This employment has already ended or was removed." in response.content.decode()
    assert person_rows() == before


def test_a_coordinator_cannot_add_an_employment_outside_their_area(
    client, login, coordinator, tampere_person, helsinki_provider
):
    login(client, coordinator)
    before = person_rows()
    audits = AuditEvent.objects.count()
    response = client.post(
        employment_url(tampere_person),
        {"organisation_name": "Helsinki, kasvatuksen", "start": "1.1.2025"},
    )
    assert response.status_code == 200
    assert (
        "Helsinki, kasvatuksen ja koulutuksen toimiala is outside your area"
        in response.content.decode()
    )
    assert person_rows() == before
    assert AuditEvent.objects.count() == audits


def test_a_national_administrator_adds_an_employment_anywhere(
    client, login, national_admin, tampere_person, helsinki_provider
):
    login(client, national_admin)
    response = client.post(
        employment_url(tampere_person),
        {"organisation_name": "Helsinki, kasvatuksen", "start": "1.1.2025"},
    )
    assert response.status_code == 302
    assert tampere_person.employments.filter(organisation=helsinki_provider).exists()


def test_a_coordinator_cannot_end_an_employment_outside_their_area(
    client, login, coordinator, tampere_person, helsinki_provider
):
    elsewhere = services.employment_add(
        actor=None, person=tampere_person, organisation=helsinki_provider, start=LAST_YEAR
    )
    own = tampere_person.employments.exclude(pk=elsewhere.pk).get()
    login(client, coordinator)
    page = client.get(person_url(tampere_person)).content.decode()
    # Only the employment in the coordinator's area is offered for ending.
    assert f'name="employment" value="{own.pk}"' in page
    assert f'name="employment" value="{elsewhere.pk}"' not in page
    before = person_rows()
    audits = AuditEvent.objects.count()
    response = client.post(
        employment_url(tampere_person),
        {"action": "end", "employment": elsewhere.pk, "end": TODAY.strftime("%d.%m.%Y")},
    )
    assert response.status_code == 200
    assert "is outside your area" in response.content.decode()
    assert person_rows() == before
    assert AuditEvent.objects.count() == audits


def pupil_welfare_contact(person: Person, municipality_code: str) -> Any:
    """``person`` named the municipality's pupil-welfare VIPU contact in a running campaign."""
    from vip.vipu import services as vipu_services
    from vip.vipu.models import Campaign, Nomination

    campaign = Campaign.objects.filter(name_fi="VIPU 2026").first() or vipu_services.campaign_save(
        actor=None,
        name_fi="VIPU 2026",
        starts_on=TODAY - datetime.timedelta(days=5),
        ends_on=TODAY + datetime.timedelta(days=30),
        deadline=TODAY + datetime.timedelta(days=10),
    )
    return vipu_services.nomination_make(
        actor=None,
        campaign=campaign,
        municipality=Municipality.objects.get(code=municipality_code),
        person=person,
        responsibility=Nomination.Responsibility.PUPIL_WELFARE,
        language="fi",
        notify=False,
    )


def test_staff_without_a_contact_role_do_not_learn_who_the_vipu_contacts_are(
    client, login, teacher, coordinator, tampere_person
):
    pupil_welfare_contact(tampere_person, "837")
    login(client, teacher)
    assert "Pupil welfare services" not in client.get(person_url(tampere_person)).content.decode()
    login(client, coordinator)
    assert "Pupil welfare services" in client.get(person_url(tampere_person)).content.decode()


def test_a_nominee_sees_their_own_nominations_and_no_one_elses(
    client, login, outsider, tampere_person, helsinki_person
):
    from vip.vipu.policies import nomination_policy

    own = pupil_welfare_contact(tampere_person, "837")
    other = pupil_welfare_contact(helsinki_person, "091")
    link(tampere_person, outsider)
    assert list(nomination_policy.visible(outsider, "view_with_own")) == [own]
    assert nomination_policy.can(outsider, "view_with_own", own)
    assert not nomination_policy.can(outsider, "view_with_own", other)
    # Being a contact is no role in the contact lists: not listed there, nor exported.
    assert not nomination_policy.can(outsider, "view", own)
    for action in ("view", "replace", "withdraw"):
        assert not nomination_policy.visible(outsider, action).exists()
    login(client, outsider)
    assert "Pupil welfare services" in client.get(person_url(tampere_person)).content.decode()
