"""The audit page for national administrators: filters and CSV export."""

from __future__ import annotations

import pytest
from django.db import transaction

from vip.audit import audit
from vip.audit.models import AuditAction, AuditEvent

PAGE = "/en/audit/"


@pytest.fixture
def trail(teacher, outsider):
    with transaction.atomic():
        audit.record(AuditAction.LOGIN, actor=teacher, target=teacher)
        audit.record(AuditAction.LOGIN, actor=outsider, target=outsider)
        audit.record(AuditAction.PASSWORD_CHANGED, actor=teacher, target=teacher)


def test_anonymous_users_are_sent_to_sign_in(client, reference_data):
    assert client.get(PAGE)["Location"].startswith("/en/accounts/login/")


@pytest.mark.parametrize("person", ["outsider", "teacher", "municipal_admin", "coordinator"])
def test_only_national_admins_see_the_audit_trail(client, login, request, person):
    login(client, request.getfixturevalue(person))
    assert client.get(PAGE).status_code == 404
    assert client.get("/en/audit/export.csv").status_code == 404


def test_it_filters_by_action_and_actor(client, login, national_admin, trail, teacher):
    login(client, national_admin)

    page = client.get(PAGE, {"action": AuditAction.PASSWORD_CHANGED}).content.decode()
    assert "1 event" in page
    assert "Password changed" in page

    page = client.get(PAGE, {"actor": "opettaja@"}).content.decode()
    assert "2 events" in page


def test_it_filters_by_date_range(client, login, national_admin, trail):
    login(client, national_admin)
    assert "0 events" in client.get(PAGE, {"date_to": "1.1.2020"}).content.decode()
    page = client.get(PAGE, {"date_from": "1.1.2020", "action": "auth.login"}).content.decode()
    assert "2 events" in page


def test_a_reversed_date_range_is_an_error(client, login, national_admin, trail):
    login(client, national_admin)
    response = client.get(PAGE, {"date_from": "2.1.2026", "date_to": "1.1.2026"})
    page = response.content.decode()
    assert "There is a problem" in page
    assert "The end date cannot be before the start date." in page
    assert "0 events" in page


def test_the_csv_export_holds_the_filtered_events_and_is_audited(
    client, login, national_admin, trail, teacher
):
    login(client, national_admin)

    response = client.get("/en/audit/export.csv", {"action": AuditAction.PASSWORD_CHANGED})

    body = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert len(lines) == 2
    assert teacher.email in lines[1]
    export = AuditEvent.objects.get(action=AuditAction.AUDIT_EXPORTED)
    assert export.actor == national_admin
    assert export.details == {"action": AuditAction.PASSWORD_CHANGED}


def test_csv_cells_cannot_smuggle_formulas():
    from vip.core.csv_export import safe_cell

    assert safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe_cell("@cmd") == "'@cmd"
    assert safe_cell("Tampere") == "Tampere"


def test_the_page_answers_htmx_with_the_results_only(client, login, national_admin, trail):
    login(client, national_admin)
    response = client.get(PAGE, HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode()
    assert 'id="results"' in response.content.decode()


def test_listing_does_not_query_per_row(client, login, national_admin, trail):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, national_admin)
    with CaptureQueriesContext(connection) as few:
        client.get(PAGE)
    with transaction.atomic():
        for _ in range(40):
            audit.record(AuditAction.LOGIN, actor=national_admin, target=national_admin)
    with CaptureQueriesContext(connection) as many:
        client.get(PAGE)
    assert len(many) == len(few)


def results(client, **filters):
    """The result list alone (the page's htmx fragment), without the filter form's choices."""
    return client.get(PAGE, filters, HTTP_HX_REQUEST="true").content.decode()


def test_it_filters_by_target_type(client, login, national_admin, trail, tampere_school):
    login(client, national_admin)

    page = results(client, target_type="registry.organisation")

    # The school and its education provider were created; nothing else touched them.
    assert "2 events" in page
    assert "Organisation created" in page
    assert "Signed in" not in page


def test_it_filters_by_target_type_and_id_to_one_record(
    client, login, national_admin, trail, teacher
):
    login(client, national_admin)

    page = results(client, target_type="accounts.user", target_id=str(teacher.pk))

    # The teacher's account was created, signed in and changed its password; the
    # outsider's sign-in and the teacher's role grant (another type) are left out.
    assert "3 events" in page
    assert "Password changed" in page
    assert "ulkopuolinen@example.com" not in page


def test_a_target_id_matches_whole_ids_only(client, login, national_admin, trail, teacher):
    login(client, national_admin)
    page = results(client, target_type="accounts.user", target_id=f"{teacher.pk}0")
    assert "0 events" in page


def test_an_unknown_target_type_is_not_a_filter_choice(client, login, national_admin, trail):
    login(client, national_admin)
    page = client.get(PAGE, {"target_type": "no.such_type"}).content.decode()
    assert "There is a problem" in page
    assert "Select a valid choice." in page
