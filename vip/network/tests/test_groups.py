"""Groups: the public list and detail pages, and creating and editing groups."""

from __future__ import annotations

import datetime
import html

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from vip.audit.models import AuditAction, AuditEvent
from vip.core import data_versions
from vip.network import services
from vip.network.models import Decision, Group, Meeting, Membership, Person, Sector, Theme
from vip.network.selectors import groups as group_selectors
from vip.registry import services as registry_services
from vip.registry.models import REGISTRY_DATA, Area

Kind = Group.Kind
Role = Membership.Role
D = datetime.date
TODAY = timezone.localdate()
LAST_YEAR = TODAY - datetime.timedelta(days=365)
NEXT_YEAR = TODAY + datetime.timedelta(days=365)


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def make_group(kind=Kind.OTHER, name="Ryhmä", area=None, start=LAST_YEAR, end=None, **extra):
    return services.group_create(
        actor=None,
        kind=kind,
        name_fi=name,
        name_en=extra.pop("name_en", ""),
        area=area,
        term_start=start,
        term_end=end,
        **extra,
    )


def make_person(given="Testi", family="Henkilö", **extra) -> Person:
    return services.person_create(actor=None, given_name=given, family_name=family, **extra)


def add(group, person, role=Role.MEMBER, start=LAST_YEAR, **extra) -> Membership:
    return services.membership_add(
        actor=None, group=group, person=person, role=role, start=start, **extra
    )


def text(response) -> str:
    return html.unescape(response.content.decode())


def theme(code="school-non-attendance") -> Theme:
    return Theme.objects.get(code=code)


def detail_url(group) -> str:
    return reverse("network:group_detail", args=[group.pk])


LIST_URL = "/en/groups/"


@pytest.fixture
def network(tays, hyks):
    """A small network: one group of each kind, an expert group under a thematic one."""
    steering = make_group(Kind.STEERING, "Johtoryhmä", name_en="Steering group of the network")
    thematic = make_group(
        Kind.THEMATIC, "Koulua käymättömät", name_en="Non-attendance", theme=theme()
    )
    expert = make_group(
        Kind.EXPERT,
        "Asiantuntijaryhmä",
        name_en="Non-attendance experts",
        parent=thematic,
        theme=theme(),
    )
    other_thematic = make_group(
        Kind.THEMATIC,
        "Sijoitetut lapset",
        name_en="Placed children",
        theme=theme("children-placed-outside-home"),
    )
    tays_regional = make_group(
        Kind.REGIONAL, "Sisä-Suomi", name_en="TAYS regional group", area=tays
    )
    hyks_regional = make_group(
        Kind.REGIONAL, "Etelä-Suomi", name_en="HYKS regional group", area=hyks
    )
    vaatu = make_group(Kind.VAATU, "Vaatu-työnyrkki", name_en="Vaatu work group")
    core = make_group(Kind.CORE, "Ydinryhmä", name_en="TAYS core group", area=tays)
    other = make_group(Kind.OTHER, "Muu", name_en="Some other group")
    return {
        "steering": steering,
        "thematic": thematic,
        "expert": expert,
        "other_thematic": other_thematic,
        "tays": tays_regional,
        "hyks": hyks_regional,
        "vaatu": vaatu,
        "core": core,
        "other": other,
    }


# --- The list -------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "outsider", "teacher"])
def test_the_group_pages_are_public(request, client, login, network, who):
    if who != "anonymous":
        login(client, request.getfixturevalue(who))

    for url in (LIST_URL, detail_url(network["tays"]), "/en/groups/representation/"):
        assert client.get(url).status_code == 200, url


def test_the_list_follows_the_networks_structure(client, network):
    page = text(client.get(LIST_URL))

    order = [
        "Steering group of the network",
        "Non-attendance",
        "Non-attendance experts",
        "Placed children",
        "HYKS regional group",
        "TAYS regional group",
        "Vaatu work group",
        "TAYS core group",
        "Some other group",
    ]
    positions = [page.index(f">{name}</a>") for name in order]
    assert positions == sorted(positions)


def test_the_list_shows_the_chair_the_term_and_the_member_count(client, network):
    group = network["tays"]
    add(group, make_person("Anna", "Aalto"), Role.CHAIR)
    add(group, make_person("Bertil", "Berg"))
    add(group, make_person("Former", "Member"), end=TODAY - datetime.timedelta(days=1))

    response = client.get(LIST_URL, {"area": "TAYS", "kind": "regional"})

    [section] = response.context["sections"]
    [row] = section.rows
    assert row.chair == "Anna Aalto"
    assert row.member_count == 2
    assert row.term == f"{LAST_YEAR.day}.{LAST_YEAR.month}.{LAST_YEAR.year}–"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "thematic"}, ["Non-attendance", "Placed children"]),
        ({"kind": "expert"}, ["Non-attendance experts"]),
        ({"area": "TAYS"}, ["TAYS regional group", "TAYS core group"]),
        (
            {"area": "national"},
            [
                "Steering group of the network",
                "Non-attendance",
                "Non-attendance experts",
                "Placed children",
                "Vaatu work group",
                "Some other group",
            ],
        ),
        ({"theme": "school-non-attendance"}, ["Non-attendance", "Non-attendance experts"]),
        ({"q": "ydinryh"}, ["TAYS core group"]),
        ({"q": "nobody-has-this-name"}, []),
    ],
)
def test_it_filters_groups(client, network, query, expected):
    response = client.get(LIST_URL, query, headers={"HX-Request": "true"})

    names = [row.name for section in response.context["sections"] for row in section.rows]
    assert sorted(names) == sorted(expected)


def test_the_filter_answers_htmx_with_the_results_only(client, network):
    response = client.get(LIST_URL, {"kind": "regional"}, headers={"HX-Request": "true"})

    page = response.content.decode()
    assert page.lstrip().startswith('<div id="results"')
    assert "<h1" not in page
    assert "2 groups" in page


def test_the_list_takes_as_many_queries_for_many_groups_as_for_few(
    client, tays, django_assert_max_num_queries
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST_URL).status_code == 200
        return len(captured)

    thematic = make_group(Kind.THEMATIC, "Teema", theme=theme())
    few = queries()
    for number in range(10):
        group = make_group(Kind.REGIONAL, f"Alue {number}", area=tays)
        add(group, make_person("Chair", f"Number{number}"), Role.CHAIR)
        add(group, make_person("Member", f"Number{number}"))
        make_group(Kind.EXPERT, f"Asiantuntijat {number}", parent=thematic, theme=theme())

    assert queries() == few
    with django_assert_max_num_queries(few):
        client.get(LIST_URL)


def test_only_those_who_may_create_groups_see_the_button(client, login, coordinator, teacher):
    assert "Add a group" not in text(client.get(LIST_URL))
    login(client, teacher)
    assert "Add a group" not in text(client.get(LIST_URL))
    login(client, coordinator)
    assert "Add a group" in text(client.get(LIST_URL))


# --- The detail page ------------------------------------------------------------------------


@pytest.fixture
def regional(tays, tampere_provider):
    group = make_group(
        Kind.REGIONAL,
        "Sisä-Suomen alueryhmä",
        area=tays,
        name_en="TAYS regional group",
        description_en="The group **plans** regional work.",
        founding_decision="Steering group 6.4.2021, decision 12",
    )
    welfare = Sector.objects.get(code="pupil-welfare")
    chair = add(
        group,
        make_person("Anna", "Aalto", email="anna@example.com", contact_details_public=True),
        Role.CHAIR,
        sector=welfare,
        organisation=tampere_provider,
    )
    add(group, make_person("Vera", "Varapuheenjohtaja"), Role.VICE_CHAIR)
    add(
        group,
        make_person("Bertil", "Berg", email="bertil@example.com", phone="040 123 4567"),
        Role.DEPUTY,
        principal=chair,
    )
    add(
        group,
        make_person("Former", "Member"),
        start=LAST_YEAR,
        end=TODAY - datetime.timedelta(days=10),
    )
    return group


def test_the_detail_page_shows_the_group(client, regional):
    response = client.get(detail_url(regional))
    page = text(response)

    assert '<h1 class="govuk-heading-xl">TAYS regional group</h1>' in page
    assert "Regional group" in page
    assert "TAYS / " in page
    assert "Steering group 6.4.2021, decision 12" in page
    assert "The group <strong>plans</strong> regional work." in page
    assert "Active" in page


def test_the_detail_page_lists_current_members_with_chair_and_deputies(client, regional):
    response = client.get(detail_url(regional))
    rows = {row.name: row for row in response.context["current_rows"]}

    assert list(rows) == ["Anna Aalto", "Vera Varapuheenjohtaja", "Bertil Berg"]
    assert rows["Anna Aalto"].is_chair
    assert rows["Anna Aalto"].deputies == "Bertil Berg"
    assert rows["Anna Aalto"].sector == "Pupil welfare"
    assert rows["Anna Aalto"].organisation == "Tampere, sivistystoimi"
    assert rows["Vera Varapuheenjohtaja"].is_vice_chair
    assert rows["Bertil Berg"].deputy_for == "Anna Aalto"
    page = text(response)
    assert '<strong class="govuk-tag">Chair</strong>' in page
    assert "Deputy for Anna Aalto" in page


def test_former_members_stay_as_history(client, regional):
    page = text(client.get(detail_url(regional)))

    current, former = page.split('<h2 class="govuk-heading-l">Former members</h2>')
    assert "Former Member" in former
    assert "Former Member" not in current


def test_contact_details_are_shown_only_when_public_or_to_those_who_manage_people(
    client, login, regional, teacher, coordinator
):
    anonymous = text(client.get(detail_url(regional)))
    assert "anna@example.com" in anonymous  # Anna made hers public
    assert "bertil@example.com" not in anonymous
    assert "040 123 4567" not in anonymous

    login(client, teacher)
    staff = text(client.get(detail_url(regional)))
    assert "anna@example.com" in staff
    assert "bertil@example.com" not in staff
    assert "040 123 4567" not in staff

    login(client, coordinator)
    managing = text(client.get(detail_url(regional)))
    assert "bertil@example.com" in managing
    assert "040 123 4567" in managing


def test_management_links_are_only_for_those_who_manage_the_group(
    client, login, regional, coordinator, outsider, hyks
):
    links = [
        reverse("network:group_edit", args=[regional.pk]),
        reverse("network:membership_create", args=[regional.pk]),
        reverse("network:meeting_create", args=[regional.pk]),
        reverse("network:decision_create", args=[regional.pk]),
        reverse("network:membership_end", args=[regional.memberships.first().pk]),
    ]
    for page in (text(client.get(detail_url(regional))),):
        assert not any(link in page for link in links)
    login(client, outsider)
    page = text(client.get(detail_url(regional)))
    assert not any(link in page for link in links)

    login(client, coordinator)
    page = text(client.get(detail_url(regional)))
    assert all(link in page for link in links)

    hyks_group = make_group(Kind.REGIONAL, "Etelä-Suomi", area=hyks)
    page = text(client.get(detail_url(hyks_group)))
    assert reverse("network:group_edit", args=[hyks_group.pk]) not in page


def test_the_detail_page_shows_recent_meetings_and_latest_decisions(client, regional):
    meeting = services.meeting_save(
        actor=None, group=regional, date=D(2024, 3, 5), mode=Meeting.Mode.REMOTE, place="Teams"
    )
    services.decision_save(
        actor=None,
        group=regional,
        meeting=meeting,
        number="3/2024",
        date=D(2024, 3, 5),
        text="The group decided to map the sectors it lacks.",
        status=Decision.Status.IN_PROGRESS,
    )

    page = text(client.get(detail_url(regional)))

    assert reverse("network:meeting_detail", args=[meeting.pk]) in page
    assert "5.3.2024" in page
    assert "Remote, Teams" in page
    assert "3/2024" in page
    assert "The group decided to map the sectors it lacks." in page
    assert "In progress" in page
    assert f'href="{reverse("network:decision_list")}?group={regional.pk}"' in page
    assert "All decisions of the group" in page


def test_the_detail_page_shows_the_parent_and_subgroups(client, network):
    thematic = text(client.get(detail_url(network["thematic"])))
    expert = text(client.get(detail_url(network["expert"])))

    assert detail_url(network["expert"]) in thematic
    assert detail_url(network["thematic"]) in expert
    assert "School non-attendance" in expert


def test_an_unknown_group_is_404(client, reference_data):
    assert client.get("/en/groups/999999/").status_code == 404


def test_the_detail_page_takes_as_many_queries_for_many_members_as_for_few(
    client, login, teacher, tays, django_assert_max_num_queries
):
    group = make_group(Kind.REGIONAL, "Alue", area=tays)
    sectors = list(Sector.objects.all())

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(detail_url(group)).status_code == 200
        return len(captured)

    first = add(group, make_person("Only", "Member"), sector=sectors[0])
    add(group, make_person("Deputy", "One"), Role.DEPUTY, principal=first)
    login(client, teacher)  # staff see contact details and links to people
    few = queries()
    for number in range(12):
        member = add(group, make_person("Member", f"N{number}"), sector=sectors[number % 11])
        add(group, make_person("Deputy", f"N{number}"), Role.DEPUTY, principal=member)
        add(
            group,
            make_person("Former", f"N{number}"),
            end=TODAY - datetime.timedelta(days=1),
        )
        services.meeting_save(actor=None, group=group, date=TODAY - datetime.timedelta(days=number))

    assert queries() == few
    with django_assert_max_num_queries(few):
        client.get(detail_url(group))


# --- Creating and editing groups ------------------------------------------------------------

CREATE_URL = "/en/groups/new/"


def group_data(kind="other", name="Uusi ryhmä", area="", parent="", theme_pk="", **extra):
    return {
        "kind": kind,
        "name_fi": name,
        "name_sv": "",
        "name_en": extra.get("name_en", ""),
        "description_fi": "",
        "description_sv": "",
        "description_en": "",
        "area": area,
        "parent": parent,
        "theme": theme_pk,
        "term_start": extra.get("term_start", "2024-01-01"),
        "term_end": extra.get("term_end", ""),
        "founding_decision": "",
        "status": extra.get("status", "active"),
    }


def test_a_national_admin_creates_a_national_group(client, login, national_admin):
    login(client, national_admin)

    response = client.post(CREATE_URL, group_data(Kind.STEERING, "Johtoryhmä"))

    group = Group.objects.get(name_fi="Johtoryhmä")
    assert response.status_code == 302
    assert response["Location"] == detail_url(group)
    assert group.area is None
    event = AuditEvent.objects.get(action=AuditAction.GROUP_CREATED, target_id=str(group.pk))
    assert event.actor == national_admin


def test_a_coordinator_creates_a_group_in_their_area(client, login, coordinator, tays):
    login(client, coordinator)

    response = client.post(CREATE_URL, group_data(Kind.CORE, "Ydinryhmä", area=tays.pk))

    assert response.status_code == 302
    assert Group.objects.get(name_fi="Ydinryhmä").area == tays
    assert AuditEvent.objects.filter(action=AuditAction.GROUP_CREATED, actor=coordinator).exists()


def test_a_coordinator_cannot_create_a_group_in_another_area(client, login, coordinator, hyks):
    login(client, coordinator)

    response = client.post(CREATE_URL, group_data(Kind.CORE, "Ydinryhmä", area=hyks.pk))

    assert response.status_code == 200
    assert "Choose an area you coordinate." in text(response)
    assert not Group.objects.filter(name_fi="Ydinryhmä").exists()


def test_a_coordinator_cannot_create_a_national_group(client, login, coordinator, tays):
    login(client, coordinator)

    form = client.get(CREATE_URL).context["form"]
    response = client.post(CREATE_URL, group_data(Kind.OTHER, "Kansallinen"))

    assert list(form.fields["area"].queryset) == [tays]
    assert "Choose the area of the group." in text(response)
    assert not Group.objects.filter(name_fi="Kansallinen").exists()


def test_an_expert_group_needs_a_thematic_parent(reference_data):
    steering = make_group(Kind.STEERING, "Johtoryhmä")

    for parent in (None, steering):
        with pytest.raises(ValidationError) as caught:
            make_group(Kind.EXPERT, "Asiantuntijat", parent=parent, theme=theme())
        assert "An expert group belongs to a thematic group." in str(caught.value)
    assert not Group.objects.filter(kind=Kind.EXPERT).exists()


def test_the_form_refuses_an_expert_group_without_a_thematic_parent(client, login, national_admin):
    login(client, national_admin)
    steering = make_group(Kind.STEERING, "Johtoryhmä")

    response = client.post(
        CREATE_URL,
        group_data(Kind.EXPERT, "Asiantuntijat", parent=steering.pk, theme_pk=theme().pk),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["parent"] == [
        "An expert group belongs to a thematic group."
    ]
    assert "An expert group belongs to a thematic group." in text(response)
    assert not Group.objects.filter(kind=Kind.EXPERT).exists()


def test_an_expert_group_under_a_thematic_group_is_created(client, login, national_admin):
    login(client, national_admin)
    thematic = make_group(Kind.THEMATIC, "Teema", theme=theme())

    response = client.post(
        CREATE_URL,
        group_data(Kind.EXPERT, "Asiantuntijat", parent=thematic.pk, theme_pk=theme().pk),
    )

    assert response.status_code == 302
    assert Group.objects.get(kind=Kind.EXPERT).parent == thematic


def test_a_regional_group_needs_an_area(reference_data):
    with pytest.raises(ValidationError) as caught:
        make_group(Kind.REGIONAL, "Alueryhmä")

    assert "A regional group belongs to an area." in str(caught.value)
    assert not Group.objects.exists()


def test_the_form_refuses_a_regional_group_without_an_area(client, login, national_admin):
    login(client, national_admin)

    response = client.post(CREATE_URL, group_data(Kind.REGIONAL, "Alueryhmä"))

    assert response.context["form"].errors["area"] == ["A regional group belongs to an area."]
    assert not Group.objects.exists()


def test_the_form_refuses_a_term_that_ends_before_it_starts(client, login, national_admin):
    login(client, national_admin)

    response = client.post(CREATE_URL, group_data(term_start="2024-06-01", term_end="2024-01-01"))

    assert "The term cannot end before it starts." in text(response)
    assert not Group.objects.exists()


# --- The hierarchy stays whole --------------------------------------------------------------


@pytest.fixture
def thematic_with_experts(reference_data):
    thematic = make_group(Kind.THEMATIC, "Teema", theme=theme())
    make_group(Kind.EXPERT, "Asiantuntijat", parent=thematic, theme=theme())
    return thematic


def test_a_thematic_group_with_expert_groups_keeps_its_kind(thematic_with_experts):
    with pytest.raises(ValidationError) as caught:
        services.group_update(actor=None, group=thematic_with_experts, kind=Kind.OTHER)

    assert caught.value.message_dict["kind"] == [
        "Expert groups belong to this thematic group: move them to another thematic group "
        "before changing the kind."
    ]
    thematic_with_experts.refresh_from_db()
    assert thematic_with_experts.kind == Kind.THEMATIC


def test_the_edit_page_refuses_to_change_the_kind_of_a_thematic_group_with_experts(
    client, login, national_admin, thematic_with_experts
):
    login(client, national_admin)

    response = client.post(
        reverse("network:group_edit", args=[thematic_with_experts.pk]),
        group_data(Kind.STEERING, "Teema", theme_pk=theme().pk),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["kind"] == [
        "Expert groups belong to this thematic group: move them to another thematic group "
        "before changing the kind."
    ]
    thematic_with_experts.refresh_from_db()
    assert thematic_with_experts.kind == Kind.THEMATIC


def test_a_thematic_group_without_expert_groups_may_change_kind(reference_data):
    thematic = make_group(Kind.THEMATIC, "Teema", theme=theme())

    services.group_update(actor=None, group=thematic, kind=Kind.OTHER)

    thematic.refresh_from_db()
    assert thematic.kind == Kind.OTHER


@pytest.fixture
def chain(reference_data):
    """Three groups, each under the one before."""
    top = make_group(Kind.OTHER, "Ylin")
    middle = make_group(Kind.OTHER, "Keski", parent=top)
    bottom = make_group(Kind.OTHER, "Alin", parent=middle)
    return top, middle, bottom


@pytest.mark.parametrize("under", [1, 2])
def test_a_group_cannot_be_placed_under_its_own_subgroup(chain, under):
    top = chain[0]

    with pytest.raises(ValidationError) as caught:
        services.group_update(actor=None, group=top, parent=chain[under])

    assert caught.value.message_dict["parent"] == [
        "A group cannot belong to one of its own subgroups."
    ]
    top.refresh_from_db()
    assert top.parent is None


def test_the_edit_page_refuses_a_parent_cycle(client, login, national_admin, chain):
    top, _middle, bottom = chain
    login(client, national_admin)

    response = client.post(
        reverse("network:group_edit", args=[top.pk]),
        group_data(Kind.OTHER, "Ylin", parent=bottom.pk),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["parent"] == [
        "A group cannot belong to one of its own subgroups."
    ]
    top.refresh_from_db()
    assert top.parent is None


def test_a_group_may_move_under_another_branch(chain):
    _top, middle, bottom = chain
    other = make_group(Kind.OTHER, "Muu")

    services.group_update(actor=None, group=middle, parent=other)

    middle.refresh_from_db()
    assert middle.parent == other
    assert bottom.parent == middle


@pytest.fixture
def termed(tays):
    group = make_group(
        Kind.REGIONAL, "Alueryhmä", area=tays, start=D(2024, 1, 1), end=D(2025, 12, 31)
    )
    add(group, make_person("Anna", "Aalto"), start=D(2024, 1, 1))
    return group


def test_a_term_change_that_leaves_members_outside_is_refused(termed):
    with pytest.raises(ValidationError) as caught:
        services.group_update(actor=None, group=termed, term_end=D(2025, 6, 30))
    assert "Some memberships fall outside the new term" in str(caught.value)

    with pytest.raises(ValidationError):
        services.group_update(actor=None, group=termed, term_start=D(2024, 2, 1))

    termed.refresh_from_db()
    assert (termed.term_start, termed.term_end) == (D(2024, 1, 1), D(2025, 12, 31))


def test_the_edit_page_refuses_a_term_that_leaves_members_outside(
    client, login, coordinator, termed, tays
):
    login(client, coordinator)

    response = client.post(
        reverse("network:group_edit", args=[termed.pk]),
        group_data(
            Kind.REGIONAL, "Alueryhmä", area=tays.pk, term_start="2024-01-01", term_end="2025-06-30"
        ),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["term_end"] == [
        "Some memberships fall outside the new term; change or end them first."
    ]
    termed.refresh_from_db()
    assert termed.term_end == D(2025, 12, 31)
    assert not AuditEvent.objects.filter(action=AuditAction.GROUP_UPDATED).exists()


def test_the_edit_page_saves_and_audits_a_change(client, login, coordinator, termed, tays):
    login(client, coordinator)

    response = client.post(
        reverse("network:group_edit", args=[termed.pk]),
        group_data(
            Kind.REGIONAL,
            "Alueryhmä",
            area=tays.pk,
            name_en="TAYS regional group",
            term_start="2024-01-01",
            term_end="2026-12-31",
        ),
    )

    assert response.status_code == 302
    termed.refresh_from_db()
    assert termed.term_end == D(2026, 12, 31)
    event = AuditEvent.objects.get(action=AuditAction.GROUP_UPDATED, target_id=str(termed.pk))
    assert set(event.details["fields"]) == {"name_en", "term_end"}
    assert event.actor == coordinator


def test_a_tays_coordinator_cannot_edit_a_hyks_group(client, login, coordinator, hyks):
    group = make_group(Kind.REGIONAL, "Etelä-Suomi", area=hyks)
    login(client, coordinator)

    url = reverse("network:group_edit", args=[group.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, group_data(Kind.REGIONAL, "Muutettu", area=hyks.pk)).status_code == 404
    group.refresh_from_db()
    assert group.name_fi == "Etelä-Suomi"


@pytest.mark.parametrize("name", ["outsider", "teacher", "municipal_admin"])
def test_others_cannot_reach_the_group_forms(request, client, login, tays, name):
    group = make_group(Kind.REGIONAL, "Alue", area=tays)
    login(client, request.getfixturevalue(name))

    assert client.get(CREATE_URL).status_code == 404
    assert client.post(CREATE_URL, group_data()).status_code == 404
    assert client.get(reverse("network:group_edit", args=[group.pk])).status_code == 404
    assert Group.objects.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in_from_the_group_forms(client, tays):
    group = make_group(Kind.REGIONAL, "Alue", area=tays)

    for url in (CREATE_URL, reverse("network:group_edit", args=[group.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/")


# --- Cached pages for anonymous visitors ----------------------------------------------------


@pytest.fixture
def page_cache_on(settings):
    cache.clear()
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    yield
    cache.clear()


def test_cached_group_pages_show_a_renamed_organisation_at_once(
    client, page_cache_on, regional, tampere_provider
):
    urls = [detail_url(regional), LIST_URL, reverse("network:representation")]
    for url in urls:
        client.get(url)
    assert "Tampere, sivistystoimi" in text(client.get(detail_url(regional)))

    registry_services.organisation_update(
        actor=None, organisation=tampere_provider, name_fi="Tampereen kaupunki, sivistys"
    )

    assert "Tampereen kaupunki, sivistys" in text(client.get(detail_url(regional)))


def test_cached_group_pages_show_a_renamed_area_at_once(client, page_cache_on, regional, tays):
    for url in (LIST_URL, reverse("network:representation")):
        client.get(url)

    Area.objects.filter(pk=tays.pk).update(code="TAYX")
    data_versions.bump(REGISTRY_DATA)

    pages = [text(client.get(url)) for url in (LIST_URL, reverse("network:representation"))]
    assert ["TAYX" in page for page in pages] == [True, True]


def test_the_group_list_holds_only_what_the_policy_lets_through(network):
    visible = Group.objects.filter(kind=Kind.REGIONAL)

    groups = group_selectors.group_list(group_selectors.GroupFilters(), visible, TODAY)

    assert {group.pk for group in groups} == {network["tays"].pk, network["hyks"].pk}
