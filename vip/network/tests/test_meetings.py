"""Meetings: managers record them with attendance; anyone reads their public parts."""

from __future__ import annotations

import datetime
import re

import pytest

from vip.accounts import services as account_services
from vip.accounts.roles import Role
from vip.audit.models import AuditAction, AuditEvent
from vip.core.testing import make_user
from vip.network import services
from vip.network.models import Group, Meeting, MeetingAttendance, Membership

pytestmark = pytest.mark.django_db

TERM_START = datetime.date(2021, 1, 1)
TERM_END = datetime.date(2022, 12, 31)
MEETING_DAY = datetime.date(2021, 6, 8)


# --- Builders shared with test_decisions.py and test_attachments.py ---------------------------


def make_group(area=None, kind=Group.Kind.REGIONAL, name="Sisä-Suomen alueryhmä") -> Group:
    return services.group_create(
        actor=None,
        kind=kind,
        name_fi=name,
        area=area,
        term_start=TERM_START,
        term_end=TERM_END,
    )


def make_member(
    group: Group,
    given: str,
    family: str,
    role: str = Membership.Role.MEMBER,
    start: datetime.date = TERM_START,
    end: datetime.date | None = None,
    principal: Membership | None = None,
) -> Membership:
    person = services.person_create(actor=None, given_name=given, family_name=family)
    return services.membership_add(
        actor=None,
        group=group,
        person=person,
        role=role,
        start=start,
        end=end,
        principal=principal,
    )


def make_meeting(group: Group, **values) -> Meeting:
    values.setdefault("date", MEETING_DAY)
    return services.meeting_save(actor=None, group=group, **values)


def hyks_coordinator_user(hyks):
    user = make_user("koordinaattori@hyks.example", "Hanna", "Koskinen")
    account_services.role_grant(actor=None, user=user, role=Role.AREA_COORDINATOR, area=hyks)
    return user


# --- Fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def group(tays):
    return make_group(tays)


@pytest.fixture
def chair(group):
    return make_member(group, "Kaisa", "Puheenjohtaja", role=Membership.Role.CHAIR)


@pytest.fixture
def member(group):
    return make_member(group, "Matti", "Jäsen")


@pytest.fixture
def deputy(group, member):
    return make_member(group, "Veera", "Varajäsen", role=Membership.Role.DEPUTY, principal=member)


@pytest.fixture
def ended_member(group):
    return make_member(group, "Erkki", "Entinen", end=datetime.date(2021, 3, 31))


@pytest.fixture
def meeting(group):
    return make_meeting(group, place="Tampere", agenda="1. Avaus")


def form_data(**overrides):
    data = {
        "date": "8.6.2021",
        "start_time": "13:00",
        "mode": Meeting.Mode.HYBRID,
        "place": "Tampere, Kalevantie 4",
        "agenda": "1. Avaus\n2. Teemaryhmän perustaminen",
        "minutes": "",
    }
    data.update(overrides)
    return data


# --- Creating and editing ---------------------------------------------------------------------


def test_it_lets_a_national_admin_create_a_meeting_with_attendance(
    client, login, national_admin, group, chair, member, deputy
):
    login(client, national_admin)
    response = client.post(
        f"/en/groups/{group.pk}/meetings/new/",
        form_data(attendance=[chair.pk, deputy.pk]),
    )
    meeting = Meeting.objects.get(group=group)
    assert response.status_code == 302
    assert response["Location"] == f"/en/meetings/{meeting.pk}/"
    assert meeting.date == MEETING_DAY
    assert meeting.start_time == datetime.time(13, 0)
    assert meeting.mode == Meeting.Mode.HYBRID
    attendance = dict(
        MeetingAttendance.objects.filter(meeting=meeting).values_list("membership_id", "present")
    )
    # Whoever serving that day was not ticked is recorded as absent.
    assert attendance == {chair.pk: True, deputy.pk: True, member.pk: False}
    event = AuditEvent.objects.get(action=AuditAction.MEETING_SAVED)
    assert event.actor == national_admin
    assert event.target_id == str(meeting.pk)


def test_it_lists_for_attendance_only_those_serving_on_the_meeting_date(
    client, login, coordinator, group, member, ended_member, meeting
):
    login(client, coordinator)
    page = client.get(f"/en/meetings/{meeting.pk}/edit/").content.decode()
    assert "Matti Jäsen" in page
    assert "Erkki Entinen" not in page
    assert "Present: members and deputies serving on 8.6.2021" in page


def test_it_lets_the_area_coordinator_edit_a_meeting_of_their_area(
    client, login, coordinator, group, member, meeting
):
    login(client, coordinator)
    response = client.post(
        f"/en/meetings/{meeting.pk}/edit/",
        form_data(place="Teams", mode=Meeting.Mode.REMOTE, attendance=[member.pk]),
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.place, meeting.mode) == ("Teams", Meeting.Mode.REMOTE)
    assert meeting.attendances.get().present is True
    event = AuditEvent.objects.filter(action=AuditAction.MEETING_SAVED, actor=coordinator).get()
    assert "place" in event.details["fields"]


def test_it_keeps_the_recorded_attendance_ticked_on_the_edit_form(
    client, login, coordinator, group, chair, member, meeting
):
    make_meeting(group, meeting=meeting, present=[chair.pk], absent=[member.pk])
    login(client, coordinator)
    page = client.get(f"/en/meetings/{meeting.pk}/edit/").content.decode()
    assert re.search(rf'name="attendance" value="{chair.pk}"[^>]* checked>', page)
    assert not re.search(rf'name="attendance" value="{member.pk}"[^>]* checked>', page)


def test_editing_other_fields_keeps_an_attendance_where_everyone_was_absent(
    client, login, coordinator, group, chair, member, meeting
):
    make_meeting(group, meeting=meeting, present=[], absent=[chair.pk, member.pk])
    login(client, coordinator)
    response = client.post(f"/en/meetings/{meeting.pk}/edit/", form_data(place="Teams"))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.place == "Teams"
    assert sorted(meeting.attendances.values_list("membership_id", "present")) == [
        (chair.pk, False),
        (member.pk, False),
    ]
    event = AuditEvent.objects.filter(action=AuditAction.MEETING_SAVED, actor=coordinator).get()
    assert "attendance" not in event.details["fields"]


def test_unticking_everyone_clears_the_recorded_attendance(
    client, login, coordinator, group, chair, member, meeting
):
    make_meeting(group, meeting=meeting, present=[chair.pk], absent=[member.pk])
    login(client, coordinator)
    client.post(f"/en/meetings/{meeting.pk}/edit/", form_data())
    assert not meeting.attendances.exists()


def test_it_records_no_attendance_when_nobody_is_ticked(client, login, coordinator, group, member):
    login(client, coordinator)
    client.post(f"/en/groups/{group.pk}/meetings/new/", form_data())
    meeting = Meeting.objects.get(group=group)
    assert not meeting.attendances.exists()


@pytest.mark.parametrize(
    "path", ["/en/groups/{group}/meetings/new/", "/en/meetings/{meeting}/edit/"]
)
def test_it_hides_the_meeting_forms_from_a_coordinator_of_another_area(
    client, login, hyks, group, meeting, path
):
    login(client, hyks_coordinator_user(hyks))
    url = path.format(group=group.pk, meeting=meeting.pk)
    assert client.get(url).status_code == 404
    assert client.post(url, form_data(place="Muualla")).status_code == 404
    meeting.refresh_from_db()
    assert meeting.place == "Tampere"


@pytest.mark.parametrize("who", ["outsider", "teacher", "municipal_admin"])
@pytest.mark.parametrize(
    "path", ["/en/groups/{group}/meetings/new/", "/en/meetings/{meeting}/edit/"]
)
def test_it_hides_the_meeting_forms_from_people_without_a_managing_role(
    client, login, request, group, meeting, who, path
):
    login(client, request.getfixturevalue(who))
    url = path.format(group=group.pk, meeting=meeting.pk)
    assert client.get(url).status_code == 404
    assert client.post(url, form_data()).status_code == 404
    assert Meeting.objects.count() == 1


@pytest.mark.parametrize(
    "path", ["/en/groups/{group}/meetings/new/", "/en/meetings/{meeting}/edit/"]
)
def test_it_sends_an_anonymous_visitor_to_sign_in(client, group, meeting, path):
    response = client.get(path.format(group=group.pk, meeting=meeting.pk))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


# --- Bad input --------------------------------------------------------------------------------


def test_it_refuses_attendance_of_a_member_of_another_group(
    client, login, coordinator, tays, group, member
):
    other = make_group(tays, kind=Group.Kind.CORE, name="Ydinryhmä")
    stranger = make_member(other, "Sanna", "Muualta")
    login(client, coordinator)
    response = client.post(
        f"/en/groups/{group.pk}/meetings/new/", form_data(attendance=[member.pk, stranger.pk])
    )
    assert response.status_code == 200
    assert "Attendance can be marked only for the group&#x27;s members and deputies" in (
        response.content.decode()
    )
    assert not Meeting.objects.exists()
    assert not MeetingAttendance.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.MEETING_SAVED).exists()


def test_it_refuses_attendance_of_a_member_whose_membership_had_ended(
    client, login, coordinator, group, member, ended_member, meeting
):
    login(client, coordinator)
    response = client.post(
        f"/en/meetings/{meeting.pk}/edit/",
        form_data(place="Muualla", attendance=[member.pk, ended_member.pk]),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Attendance can be marked only for the group&#x27;s members and deputies" in page
    meeting.refresh_from_db()
    assert meeting.place == "Tampere"
    assert not MeetingAttendance.objects.exists()


def test_it_checks_attendance_against_a_changed_date(
    client, login, coordinator, group, member, ended_member
):
    # Erkki served in March, so he may be ticked for a March meeting but not for June.
    login(client, coordinator)
    url = f"/en/groups/{group.pk}/meetings/new/"
    refused = client.post(url, form_data(date="8.6.2021", attendance=[ended_member.pk]))
    assert "Attendance can be marked only" in refused.content.decode()
    assert not Meeting.objects.exists()
    accepted = client.post(url, form_data(date="9.3.2021", attendance=[ended_member.pk]))
    assert accepted.status_code == 302
    assert Meeting.objects.get().attendances.get(present=True).membership == ended_member


def test_it_shows_errors_by_field_and_writes_nothing(client, login, coordinator, group):
    login(client, coordinator)
    response = client.post(
        f"/en/groups/{group.pk}/meetings/new/",
        form_data(date="31.2.2021", start_time="25:99", mode="flying"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_date-error"' in page
    assert 'id="id_start_time-error"' in page
    assert 'id="id_mode-error"' in page
    assert "Enter a valid date." in page
    assert not Meeting.objects.exists()


# --- The public page --------------------------------------------------------------------------


def test_it_shows_the_public_parts_of_a_meeting_to_anyone(client, group, chair, member, meeting):
    make_meeting(
        group,
        meeting=meeting,
        agenda="## Asialista\n\n- Teemaryhmän perustaminen",
        minutes_public=True,
        present=[chair.pk],
        absent=[member.pk],
    )
    response = client.get(f"/en/meetings/{meeting.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Sisä-Suomen alueryhmä" in page
    assert "8.6.2021" in page
    assert '<h2 class="govuk-heading-m">Asialista</h2>' in page
    assert "Kaisa Puheenjohtaja" in page
    assert "Present" in page
    assert "Absent" in page
    assert "Edit the meeting" not in page
    assert "Add an attachment" not in page


def test_it_never_renders_script_from_the_agenda(client, group, meeting):
    make_meeting(
        group,
        meeting=meeting,
        agenda='Hello<script>alert("x")</script> [link](javascript:alert(1))',
    )
    page = client.get(f"/en/meetings/{meeting.pk}/").content.decode()
    assert 'alert("x")' not in page
    assert "<script>alert" not in page
    assert "javascript:alert" not in page


def test_it_hides_the_minutes_from_the_public_until_they_are_public(
    client, login, coordinator, group, meeting
):
    make_meeting(group, meeting=meeting, minutes="Salainen luonnos")
    url = f"/en/meetings/{meeting.pk}/"
    page = client.get(url).content.decode()
    assert "Salainen luonnos" not in page
    assert "The minutes are not public yet." in page

    login(client, coordinator)
    assert "Salainen luonnos" in client.get(url).content.decode()

    client.logout()
    make_meeting(group, meeting=meeting, minutes_public=True)
    assert "Salainen luonnos" in client.get(url).content.decode()


def test_it_hides_the_attendance_from_the_public_while_the_minutes_are_private(
    client, login, coordinator, group, chair, member, meeting
):
    make_meeting(group, meeting=meeting, present=[chair.pk], absent=[member.pk])
    url = f"/en/meetings/{meeting.pk}/"
    page = client.get(url).content.decode()
    assert "Matti Jäsen" not in page
    assert "Absent" not in page
    assert "The attendance is published with the minutes." in page

    login(client, coordinator)
    page = client.get(url).content.decode()
    assert "Matti Jäsen" in page
    assert "Absent" in page

    client.logout()
    make_meeting(group, meeting=meeting, minutes_public=True)
    page = client.get(url).content.decode()
    assert "Matti Jäsen" in page
    assert "Absent" in page


def test_it_shows_managers_their_actions_on_the_meeting_page(client, login, coordinator, meeting):
    login(client, coordinator)
    page = client.get(f"/en/meetings/{meeting.pk}/").content.decode()
    assert f"/en/meetings/{meeting.pk}/edit/" in page
    assert f"/en/meetings/{meeting.pk}/attachments/" in page
    assert f"?meeting={meeting.pk}" in page


def test_it_answers_404_for_a_meeting_that_does_not_exist(client):
    assert client.get("/en/meetings/999999/").status_code == 404


def test_it_reads_the_meeting_page_in_a_fixed_number_of_queries(
    client, group, django_assert_max_num_queries
):
    def build(count: int) -> Meeting:
        members = [make_member(group, f"Jäsen{i}", f"Sukunimi{i}") for i in range(count)]
        return make_meeting(group, minutes_public=True, present=[m.pk for m in members], absent=[])

    small = build(1)
    with django_assert_max_num_queries(12) as few:
        client.get(f"/en/meetings/{small.pk}/")
    large = build(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(f"/en/meetings/{large.pk}/")
