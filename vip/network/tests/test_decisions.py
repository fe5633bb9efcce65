"""Decisions: managers record them per group; anyone searches them across groups."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from vip.audit.models import AuditAction, AuditEvent
from vip.core import data_versions
from vip.network import services
from vip.network.models import Decision, Group, Membership
from vip.network.tests.test_meetings import (
    hyks_coordinator_user,
    make_group,
    make_meeting,
    make_member,
)
from vip.registry.models import REGISTRY_DATA, Area

pytestmark = pytest.mark.django_db

APRIL_6 = datetime.date(2021, 4, 6)


@pytest.fixture
def group(tays):
    return make_group(tays)


@pytest.fixture
def responsible(group):
    return make_member(group, "Reija", "Vastuullinen", role=Membership.Role.SECRETARY)


@pytest.fixture
def meeting(group):
    return make_meeting(group, date=APRIL_6)


@pytest.fixture
def decision(group, meeting, responsible):
    return services.decision_save(
        actor=None,
        group=group,
        meeting=meeting,
        number="3/2021",
        date=APRIL_6,
        text="Kartoitetaan alueen konsultaatiotarpeet.",
        responsible=responsible.person,
    )


def form_data(**overrides):
    data = {
        "number": "4/2021",
        "date": "6.4.2021",
        "text": "Perustetaan alueen *ydinryhmä*.",
        "meeting": "",
        "responsible": "",
        "due_date": "30.9.2021",
        "status": Decision.Status.OPEN,
    }
    data.update(overrides)
    return data


# --- Creating and editing ---------------------------------------------------------------------


def test_it_lets_a_national_admin_record_a_decision_of_a_meeting(
    client, login, national_admin, group, meeting, responsible
):
    login(client, national_admin)
    response = client.post(
        f"/en/groups/{group.pk}/decisions/new/",
        form_data(meeting=meeting.pk, responsible=responsible.person.pk),
    )
    assert response.status_code == 302
    assert response["Location"] == f"/en/meetings/{meeting.pk}/"
    decision = Decision.objects.get(group=group)
    assert decision.number == "4/2021"
    assert decision.responsible == responsible.person
    assert decision.due_date == datetime.date(2021, 9, 30)
    event = AuditEvent.objects.get(action=AuditAction.DECISION_SAVED)
    assert (event.actor, event.target_id) == (national_admin, str(decision.pk))
    # The meeting's page shows it, Markdown rendered.
    page = client.get(f"/en/meetings/{meeting.pk}/").content.decode()
    assert "<em>ydinryhmä</em>" in page
    assert "Reija Vastuullinen" in page


def test_it_takes_the_date_of_the_meeting_when_none_is_given(
    client, login, coordinator, group, meeting
):
    login(client, coordinator)
    client.post(f"/en/groups/{group.pk}/decisions/new/", form_data(meeting=meeting.pk, date=""))
    assert Decision.objects.get().date == APRIL_6


def test_it_offers_the_meeting_it_was_opened_from(client, login, coordinator, group, meeting):
    login(client, coordinator)
    page = client.get(f"/en/groups/{group.pk}/decisions/new/?meeting={meeting.pk}")
    assert f'<option value="{meeting.pk}" selected>6.4.2021</option>' in page.content.decode()


def test_it_lets_the_area_coordinator_change_a_decision_of_their_area(
    client, login, coordinator, group, meeting, decision
):
    login(client, coordinator)
    response = client.post(
        f"/en/decisions/{decision.pk}/edit/",
        form_data(
            number="3/2021",
            meeting=meeting.pk,
            text=decision.text,
            status=Decision.Status.DONE,
        ),
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DONE
    event = AuditEvent.objects.filter(action=AuditAction.DECISION_SAVED, actor=coordinator).get()
    assert "status" in event.details["fields"]


@pytest.mark.parametrize(
    "path", ["/en/groups/{group}/decisions/new/", "/en/decisions/{decision}/edit/"]
)
def test_it_hides_the_decision_forms_from_a_coordinator_of_another_area(
    client, login, hyks, group, decision, path
):
    login(client, hyks_coordinator_user(hyks))
    url = path.format(group=group.pk, decision=decision.pk)
    assert client.get(url).status_code == 404
    assert client.post(url, form_data(number="9/2021")).status_code == 404
    assert Decision.objects.count() == 1


@pytest.mark.parametrize("who", ["outsider", "teacher"])
@pytest.mark.parametrize(
    "path", ["/en/groups/{group}/decisions/new/", "/en/decisions/{decision}/edit/"]
)
def test_it_hides_the_decision_forms_from_people_without_a_managing_role(
    client, login, request, group, decision, who, path
):
    login(client, request.getfixturevalue(who))
    url = path.format(group=group.pk, decision=decision.pk)
    assert client.get(url).status_code == 404
    assert client.post(url, form_data(number="9/2021")).status_code == 404


@pytest.mark.parametrize(
    "path", ["/en/groups/{group}/decisions/new/", "/en/decisions/{decision}/edit/"]
)
def test_it_sends_an_anonymous_visitor_to_sign_in(client, group, decision, path):
    response = client.get(path.format(group=group.pk, decision=decision.pk))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


# --- Bad input --------------------------------------------------------------------------------


def test_it_refuses_a_number_the_group_already_used(client, login, coordinator, group, decision):
    login(client, coordinator)
    response = client.post(f"/en/groups/{group.pk}/decisions/new/", form_data(number="3/2021"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_number-error"' in page
    assert "The group already has a decision with this number." in page
    assert Decision.objects.count() == 1
    assert not AuditEvent.objects.filter(
        action=AuditAction.DECISION_SAVED, actor=coordinator
    ).exists()


def test_it_allows_the_same_number_in_another_group(client, login, coordinator, tays, decision):
    other = make_group(tays, kind=Group.Kind.CORE, name="Ydinryhmä")
    login(client, coordinator)
    response = client.post(f"/en/groups/{other.pk}/decisions/new/", form_data(number="3/2021"))
    assert response.status_code == 302
    assert Decision.objects.filter(number="3/2021").count() == 2


def test_it_refuses_a_meeting_of_another_group(client, login, coordinator, tays, group):
    other_meeting = make_meeting(make_group(tays, kind=Group.Kind.CORE, name="Ydinryhmä"))
    login(client, coordinator)
    response = client.post(
        f"/en/groups/{group.pk}/decisions/new/", form_data(meeting=other_meeting.pk)
    )
    assert response.status_code == 200
    assert 'id="id_meeting-error"' in response.content.decode()
    assert not Decision.objects.exists()


def test_it_refuses_a_due_date_before_the_decision(client, login, coordinator, group):
    login(client, coordinator)
    response = client.post(f"/en/groups/{group.pk}/decisions/new/", form_data(due_date="1.1.2021"))
    assert "The due date cannot be before the decision date." in response.content.decode()
    assert not Decision.objects.exists()


def test_it_asks_for_a_date_when_there_is_no_meeting(client, login, coordinator, group):
    login(client, coordinator)
    response = client.post(f"/en/groups/{group.pk}/decisions/new/", form_data(date=""))
    assert "Enter the date of the decision." in response.content.decode()
    assert not Decision.objects.exists()


# --- Searching across groups ------------------------------------------------------------------


@pytest.fixture
def network_decisions(tays, hyks):
    """The steering group founds a thematic group on 6.4.2021, among other decisions."""
    steering = make_group(None, kind=Group.Kind.STEERING, name="VIP-johtoryhmä")
    tays_group = make_group(tays)
    hyks_group = make_group(hyks, name="Etelä-Suomen alueryhmä")
    chair = make_member(steering, "Johanna", "Johtaja", role=Membership.Role.CHAIR)

    def decide(group, number, day, text, **extra):
        return services.decision_save(
            actor=None, group=group, number=number, date=day, text=text, **extra
        )

    return {
        "founding": decide(
            steering,
            "5/2021",
            APRIL_6,
            "Perustetaan uusi teemaryhmä: käytöksellään oireilevat lapset ja nuoret.",
            responsible=chair.person,
        ),
        "budget": decide(steering, "6/2021", datetime.date(2021, 5, 20), "Hyväksytään budjetti."),
        "regional": decide(
            tays_group,
            "2/2021",
            datetime.date(2021, 4, 8),
            "Ehdotetaan johtoryhmälle teemaryhmää sijoitetuista lapsista.",
            status=Decision.Status.DONE,
        ),
        "late": decide(
            hyks_group,
            "7/2021",
            datetime.date(2021, 3, 1),
            "Kootaan alueen kuntien yhteystiedot.",
            due_date=datetime.date(2021, 4, 30),
            status=Decision.Status.IN_PROGRESS,
        ),
        "steering": steering,
    }


def listed(client, query="", **headers):
    response = client.get(f"/en/decisions/?{query}", headers=headers)
    assert response.status_code == 200
    return response.content.decode()


def test_it_finds_a_decision_by_its_text_in_any_case(client, network_decisions):
    for term in ("teemaryhmä", "TEEMARYHMÄ", "Teemaryhm"):
        page = listed(client, f"q={term}")
        assert "5/2021" in page
        assert "2/2021" in page
        assert "6/2021" not in page
        assert "2 decisions" in page


def test_it_finds_a_decision_by_its_number(client, network_decisions):
    page = listed(client, "q=7/2021")
    assert "Kootaan alueen kuntien yhteystiedot." in page
    assert "1 decision" in page


def test_it_finds_the_steering_groups_decision_of_april_6(client, network_decisions):
    steering = network_decisions["steering"]
    page = listed(client, f"group={steering.pk}&date_from=1.4.2021&date_to=30.4.2021")
    assert "1 decision" in page
    assert "5/2021" in page
    assert "VIP-johtoryhmä" in page
    assert "6.4.2021" in page
    assert "Johanna Johtaja" in page
    assert "käytöksellään oireilevat" in page


def test_it_filters_by_kind_of_group_area_and_status(client, network_decisions):
    assert "2 decisions" in listed(client, "kind=steering")
    by_area = listed(client, "area=HYKS")
    assert "1 decision" in by_area
    assert "7/2021" in by_area
    done = listed(client, "status=done")
    assert "1 decision" in done
    assert "2/2021" in done


def test_it_filters_decisions_past_their_due_date_and_not_done(client, network_decisions):
    page = listed(client, "overdue=on")
    assert "1 decision" in page
    assert "7/2021" in page
    assert "Overdue" in page
    decision = network_decisions["late"]
    services.decision_save(
        actor=None, group=decision.group, decision=decision, status=Decision.Status.DONE
    )
    assert "0 decisions" in listed(client, "overdue=on")


def test_it_ignores_a_malformed_filter_and_applies_the_others(client, network_decisions):
    page = listed(client, "date_from=nonsense&status=done")
    assert "1 decision" in page
    assert "Enter a valid date." in page


def test_it_answers_an_htmx_request_with_the_results_only(client, network_decisions):
    page = listed(client, "q=budjetti", **{"HX-Request": "true"})
    assert page.lstrip().startswith('<div id="results"')
    assert "<html" not in page
    assert "6/2021" in page


def test_it_shows_edit_links_only_to_the_groups_managers(
    client, login, coordinator, network_decisions
):
    regional = network_decisions["regional"]
    founding = network_decisions["founding"]
    assert "/edit/" not in listed(client)
    login(client, coordinator)
    page = listed(client)
    assert f"/en/decisions/{regional.pk}/edit/" in page
    assert f"/en/decisions/{founding.pk}/edit/" not in page


def test_it_never_renders_script_from_a_decision(client, group):
    services.decision_save(
        actor=None, group=group, number="1", date=APRIL_6, text="<script>alert(1)</script>Ok"
    )
    page = listed(client)
    assert "<script>alert" not in page
    assert "alert(1)" not in page


def test_it_lists_decisions_in_a_fixed_number_of_queries(
    client, login, coordinator, tays, hyks, django_assert_max_num_queries
):
    today = timezone.localdate()

    def add(count: int, offset: int) -> None:
        for i in range(count):
            group = make_group(tays if i % 2 else hyks, name=f"Ryhmä {offset + i}")
            person = make_member(group, "Vastuu", f"Henkilö{offset + i}").person
            services.decision_save(
                actor=None,
                group=group,
                number=str(i),
                date=today,
                text=f"Päätös {offset + i}",
                responsible=person,
            )

    login(client, coordinator)
    add(1, 0)
    with django_assert_max_num_queries(20) as few:
        listed(client)
    add(10, 100)
    with django_assert_max_num_queries(len(few.captured_queries)):
        listed(client)


def test_it_renders_headings_in_a_decision_as_bold_text_inside_the_table(client, group, meeting):
    services.decision_save(
        actor=None,
        group=group,
        meeting=meeting,
        number="8/2021",
        date=APRIL_6,
        text="# Päätös\n\nHyväksyttiin.",
    )
    for page in (listed(client), client.get(f"/en/meetings/{meeting.pk}/").content.decode()):
        assert "<strong>Päätös</strong>" in page
        assert '<h2 class="govuk-heading-m">Päätös' not in page


def test_the_decision_number_heads_its_row_before_the_group(client, decision):
    page = listed(client)
    row = page.split('<tbody class="govuk-table__body">')[1].split("</tr>")[0]
    assert row.index('<th scope="row"') < row.index("Sisä-Suomen alueryhmä")
    assert "<td" not in row.split('<th scope="row"')[0]


@pytest.fixture
def page_cache_on(settings):
    cache.clear()
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    yield
    cache.clear()


def test_cached_decision_and_meeting_pages_follow_changes_in_the_registry(
    client, page_cache_on, tays, group, meeting, decision
):
    meeting_url = f"/en/meetings/{meeting.pk}/"
    assert "TAYS" in listed(client)
    client.get(meeting_url)

    Area.objects.filter(pk=tays.pk).update(code="TAYX")
    # Renamed behind the services' back: only the registry's version moves.
    Group.objects.filter(pk=group.pk).update(name_fi="Uusi nimi")
    data_versions.bump(REGISTRY_DATA)

    assert "TAYX" in listed(client)
    assert "Uusi nimi" in client.get(meeting_url).content.decode()


def test_the_decision_list_holds_only_what_the_policy_lets_through(network_decisions):
    from vip.network.selectors import meetings as selectors

    steering = network_decisions["steering"]
    visible = Decision.objects.filter(group=steering)

    decisions = selectors.decision_list(selectors.DecisionFilters(), visible)

    assert [d.number for d in decisions] == ["6/2021", "5/2021"]


# --- Searching by words, group names and the responsible person -------------------------------


@pytest.fixture
def founding_of_a_thematic_group(tays):
    """A steering group named in three languages decides to found a thematic group; a
    regional group decides something else about thematic groups."""
    steering = services.group_create(
        actor=None,
        kind=Group.Kind.STEERING,
        name_fi="VIP-ohjausryhmä",
        name_sv="VIP-styrgruppen",
        name_en="VIP steering group",
        term_start=datetime.date(2021, 1, 1),
    )
    regional = make_group(tays, name="Sisä-Suomen alueryhmä")
    chair = make_member(steering, "Johanna", "Johtaja", role=Membership.Role.CHAIR)
    founding = services.decision_save(
        actor=None,
        group=steering,
        number="5/2021",
        date=APRIL_6,
        text="Perustetaan uusi teemaryhmä: käytöksellään oireilevat lapset ja nuoret.",
        responsible=chair.person,
    )
    other = services.decision_save(
        actor=None,
        group=regional,
        number="2/2021",
        date=datetime.date(2021, 4, 8),
        text="Ehdotetaan teemaryhmää sijoitetuista lapsista.",
    )
    return {"steering": steering, "founding": founding, "other": other, "chair": chair}


def numbers_found(client, query: str) -> set[str]:
    response = client.get("/en/decisions/", {"q": query})
    assert response.status_code == 200
    return {decision.number for decision in response.context["object_list"]}


@pytest.mark.parametrize(
    "query",
    [
        "perustetaan teemaryhmä",
        "teemaryhmä perustetaan",
        "  PERUSTETAAN   Teemaryhmä ",
        "uusi perustetaan teemaryhm",
    ],
)
def test_every_word_must_occur_in_any_order_and_case(client, founding_of_a_thematic_group, query):
    assert numbers_found(client, query) == {"5/2021"}


def test_a_word_that_occurs_nowhere_finds_nothing(client, founding_of_a_thematic_group):
    assert numbers_found(client, "perustetaan teemaryhmä budjetti") == set()


def test_it_finds_a_decision_by_its_groups_name_in_any_language(
    client, founding_of_a_thematic_group
):
    for query in (
        "ohjausryhmä teemaryhmä",
        "styrgruppen teemaryhmä",
        "steering teemaryhmä",
        "VIP-ohjausryhmä",
    ):
        assert numbers_found(client, query) == {"5/2021"}, query
    # Both decisions mention thematic groups; only one is of the steering group.
    assert numbers_found(client, "teemaryhm") == {"5/2021", "2/2021"}


def test_it_finds_a_decision_by_the_responsible_persons_name(client, founding_of_a_thematic_group):
    assert numbers_found(client, "johanna teemaryhmä") == {"5/2021"}
    assert numbers_found(client, "JOHTAJA") == {"5/2021"}


def test_it_keeps_a_and_a_umlaut_distinct(client, founding_of_a_thematic_group):
    assert numbers_found(client, "teemaryhma") == set()
    assert numbers_found(client, "käytöksellään") == {"5/2021"}
    assert numbers_found(client, "kaytoksellaan") == set()


def test_renaming_the_group_refreshes_its_decisions_search_text(
    client, founding_of_a_thematic_group
):
    steering = founding_of_a_thematic_group["steering"]
    services.group_update(actor=None, group=steering, name_fi="VIP-johtoryhmä", name_en="VIP board")
    assert numbers_found(client, "johtoryhmä teemaryhmä") == {"5/2021"}
    assert numbers_found(client, "board teemaryhmä") == {"5/2021"}
    assert numbers_found(client, "VIP-ohjausryhmä") == set()
    # The Swedish name did not change and still finds it.
    assert numbers_found(client, "styrgruppen") == {"5/2021"}


def test_renaming_the_responsible_person_refreshes_the_search_text(
    client, founding_of_a_thematic_group
):
    person = founding_of_a_thematic_group["chair"].person
    services.person_update(actor=None, person=person, family_name="Puheenjohtaja")
    assert numbers_found(client, "puheenjohtaja teemaryhmä") == {"5/2021"}
    assert numbers_found(client, "johtaja teemaryhmä") == {"5/2021"}  # a part of the new name
    assert numbers_found(client, "johanna") == {"5/2021"}


def test_the_migration_recomputes_the_search_text_of_existing_decisions(
    founding_of_a_thematic_group,
):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("vip.network.migrations.0004_decision_search_text_names")
    founding = founding_of_a_thematic_group["founding"]
    # As the rows were before: the number and text only.
    migration.number_and_text_only(apps, None)
    before = Decision.objects.get(pk=founding.pk).search_text
    assert "ohjausryhmä" not in before

    migration.recompute(apps, None)

    after = Decision.objects.get(pk=founding.pk).search_text
    assert after == founding.search_text
    assert "ohjausryhmä" in after
    assert "johanna johtaja" in after
