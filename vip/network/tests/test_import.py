"""Import of people and memberships: validated first, all or nothing, with a row-level report."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook

from vip.audit.models import AuditAction, AuditEvent
from vip.core.testing import make_organisation
from vip.network import imports, services
from vip.network.models import Employment, Group, Membership, Person, Sector
from vip.registry.models import Municipality, Organisation

pytestmark = pytest.mark.django_db

URL = "/en/network/import/"
TERM_START = datetime.date(2021, 1, 1)
TERM_END = datetime.date(2022, 12, 31)
HEADER = ["given_name", "family_name", "email", "group", "role", "deputy_for_email", "start"]


@pytest.fixture
def regional_group(tays):
    return services.group_create(
        actor=None,
        kind=Group.Kind.REGIONAL,
        name_fi="Sisä-Suomen alueryhmä",
        area=tays,
        term_start=TERM_START,
        term_end=TERM_END,
    )


@pytest.fixture
def hyks_group(hyks):
    return services.group_create(
        actor=None,
        kind=Group.Kind.REGIONAL,
        name_fi="Etelä-Suomen alueryhmä",
        area=hyks,
        term_start=TERM_START,
        term_end=TERM_END,
    )


@pytest.fixture
def steering_group(reference_data):
    return services.group_create(
        actor=None,
        kind=Group.Kind.STEERING,
        name_fi="Johtoryhmä",
        term_start=TERM_START,
        term_end=TERM_END,
    )


def csv_upload(rows, *, delimiter=",", name="people.csv", bom=False, encoding="utf-8"):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    data = buffer.getvalue().encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    return SimpleUploadedFile(name, data, content_type="text/csv")


def xlsx_upload(rows, name="people.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def member_rows(group, count=2, prefix="henkilo"):
    return [
        [
            f"Etu{index}",
            f"Suku{index}",
            f"{prefix}{index}@example.fi",
            group.name_fi,
            "member",
            "",
            "1.1.2021",
        ]
        for index in range(count)
    ]


def post(client, upload, *, dry_run=False):
    data = {"file": upload}
    if dry_run:
        data["dry_run"] = "on"
    return client.post(URL, data)


def written():
    """What an import may write, to show that a refused file wrote nothing."""
    return (
        Person.objects.count(),
        Membership.objects.count(),
        Employment.objects.count(),
        AuditEvent.objects.filter(action=AuditAction.NETWORK_IMPORTED).count(),
    )


def problems(response):
    report = response.context["report"]
    return [(error.row, error.column, error.message) for error in report.sorted_errors()]


@pytest.fixture
def admin_client(client, login, national_admin):
    login(client, national_admin)
    return client


# --- Successful imports ----------------------------------------------------------------------


def test_it_creates_people_and_memberships_from_a_csv_file(admin_client, regional_group):
    rows = [
        [*HEADER, "phone", "languages", "contact_details_public", "sector", "end"],
        [
            "Aino",
            "Aalto",
            "Aino.Aalto@Example.fi",
            regional_group.name_fi,
            "chair",
            "",
            "1.1.2021",
            "040 123 4567",
            "fi, sv",
            "kyllä",
            "pupil-welfare",
            "",
        ],
        [
            "Bertil",
            "Berg",
            "bertil@example.fi",
            str(regional_group.pk),
            "jäsen",
            "",
            "2021-02-01",
            "",
            "sv",
            "nej",
            "Rektor",
            "30.6.2022",
        ],
        ["Cecilia", "Carlsson", "cecilia@example.fi", "", "", "", "", "", "", "", "", ""],
    ]

    response = post(admin_client, csv_upload(rows))

    assert response.status_code == 200
    report = response.context["report"]
    assert report.ok, problems(response)
    assert report.people.as_dict() == {"created": 3, "updated": 0, "unchanged": 0}
    assert report.memberships.as_dict() == {"created": 2, "updated": 0, "unchanged": 0}
    aino = Person.objects.get(email="aino.aalto@example.fi")
    # The publicity column is skipped: making contact details public is the person's choice.
    assert (aino.phone, aino.languages, aino.contact_details_public) == (
        "040 123 4567",
        "fi,sv",
        False,
    )
    chair = Membership.objects.get(person=aino)
    assert chair.role == Membership.Role.CHAIR
    assert chair.sector.code == "pupil-welfare"
    assert chair.end == TERM_END  # no end date: the membership lasts the term
    bertil = Membership.objects.get(person__email="bertil@example.fi")
    assert (bertil.role, bertil.sector.code, bertil.start, bertil.end) == (
        Membership.Role.MEMBER,
        "rector",
        datetime.date(2021, 2, 1),
        datetime.date(2022, 6, 30),
    )
    assert not Person.objects.get(email="cecilia@example.fi").memberships.exists()
    event = AuditEvent.objects.get(action=AuditAction.NETWORK_IMPORTED)
    assert event.details["people"]["created"] == 3
    assert event.details["memberships"]["created"] == 2
    assert AuditEvent.objects.filter(action=AuditAction.MEMBERSHIP_ADDED).count() == 2
    page = response.content.decode()
    assert "The file was imported." in page
    assert "<caption" in page


def test_it_reads_semicolon_separated_csv_with_finnish_headers_and_a_bom(
    admin_client, regional_group
):
    rows = [
        ["Etunimi", " SUKUNIMI ", "sähköposti", "ryhmä", "rooli", "alkaa"],
        [
            "Aino",
            "Aalto",
            "aino@example.fi",
            regional_group.name_fi,
            "varapuheenjohtaja",
            "1.3.2021",
        ],
    ]

    response = post(admin_client, csv_upload(rows, delimiter=";", bom=True))

    assert response.context["report"].ok, problems(response)
    assert Membership.objects.get().role == Membership.Role.VICE_CHAIR


def test_it_reads_the_first_sheet_of_an_xlsx_with_swedish_headers_and_date_cells(
    admin_client, regional_group
):
    rows = [
        ["förnamn", "efternamn", "e-post", "grupp", "roll", "börjar", "slutar", "kommunkod"],
        [
            "Bertil",
            "Berg",
            "bertil@example.fi",
            regional_group.name_fi,
            "sekreterare",
            datetime.datetime(2021, 5, 1),
            datetime.date(2021, 12, 31),
            837,
        ],
    ]

    response = post(admin_client, xlsx_upload(rows))

    assert response.context["report"].ok, problems(response)
    membership = Membership.objects.get()
    assert (membership.role, membership.start, membership.end) == (
        Membership.Role.SECRETARY,
        datetime.date(2021, 5, 1),
        datetime.date(2021, 12, 31),
    )


def test_it_finds_the_organisation_by_school_code_oid_or_finnish_name(
    admin_client, regional_group, tampere_school, tampere_provider
):
    helsinki_school = make_organisation(
        kind=Organisation.Kind.SCHOOL,
        name_fi="Koivikon koulu",
        municipality=Municipality.objects.get(code="091"),
    )
    rows = [
        [*HEADER, "organisation", "municipality_code"],
        ["A", "A", "a@example.fi", regional_group.name_fi, "member", "", "1.1.2021", "83701", ""],
        [
            "B",
            "B",
            "b@example.fi",
            regional_group.name_fi,
            "member",
            "",
            "1.1.2021",
            "Koivikon koulu",
            "91",
        ],
        ["C", "C", "c@example.fi", "", "", "", "", "Tampere, sivistystoimi", ""],
    ]

    response = post(admin_client, csv_upload(rows))

    assert response.context["report"].ok, problems(response)
    assert Membership.objects.get(person__email="a@example.fi").organisation == tampere_school
    assert Membership.objects.get(person__email="b@example.fi").organisation == helsinki_school
    # A new person is recorded as employed by the organisation of their row.
    assert Employment.objects.get(person__email="c@example.fi").organisation == tampere_provider


def test_it_lets_a_deputy_stand_in_for_a_member_further_down_the_file(admin_client, regional_group):
    rows = [
        HEADER,
        [
            "Dea",
            "Deputy",
            "dea@example.fi",
            regional_group.name_fi,
            "varajäsen",
            "m@example.fi",
            "1.1.2021",
        ],
        ["Mia", "Member", "m@example.fi", regional_group.name_fi, "member", "", "1.1.2021"],
    ]

    response = post(admin_client, csv_upload(rows))

    assert response.context["report"].ok, problems(response)
    deputy = Membership.objects.get(role=Membership.Role.DEPUTY)
    assert deputy.principal.person.email == "m@example.fi"


def test_it_reports_everything_unchanged_when_the_same_file_is_imported_again(
    admin_client, regional_group
):
    rows = [[*HEADER, "phone", "languages"]] + [
        [*row, "040 123 4567", "sv,fi"] for row in member_rows(regional_group, 3)
    ]
    assert post(admin_client, csv_upload(rows)).context["report"].ok
    before = AuditEvent.objects.count()

    response = post(admin_client, csv_upload(rows))

    report = response.context["report"]
    assert report.ok, problems(response)
    assert report.people.as_dict() == {"created": 0, "updated": 0, "unchanged": 3}
    assert report.memberships.as_dict() == {"created": 0, "updated": 0, "unchanged": 3}
    # Nothing was written but the import's own audit row.
    assert AuditEvent.objects.count() == before + 1


def test_it_updates_what_differs_and_leaves_empty_cells_alone(admin_client, regional_group):
    person = services.person_create(
        actor=None,
        given_name="Aino",
        family_name="Aalto",
        email="aino@example.fi",
        phone="040 111 1111",
        title="Rehtori",
    )
    membership = services.membership_add(
        actor=None, group=regional_group, person=person, role="member", start=TERM_START
    )
    rows = [
        [*HEADER, "phone", "title", "end"],
        [
            "Aino",
            "Aalto",
            "AINO@example.fi",
            regional_group.name_fi,
            "member",
            "",
            "1.1.2021",
            "040 222 2222",
            "",
            "30.6.2022",
        ],
    ]

    response = post(admin_client, csv_upload(rows))

    report = response.context["report"]
    assert report.ok, problems(response)
    assert report.people.as_dict() == {"created": 0, "updated": 1, "unchanged": 0}
    assert report.memberships.as_dict() == {"created": 0, "updated": 1, "unchanged": 0}
    person.refresh_from_db()
    membership.refresh_from_db()
    assert (person.phone, person.title) == ("040 222 2222", "Rehtori")
    assert membership.end == datetime.date(2022, 6, 30)


def test_it_checks_without_saving_when_asked_to_check_only(admin_client, regional_group):
    before = written()

    response = post(admin_client, csv_upload([HEADER, *member_rows(regional_group)]), dry_run=True)

    report = response.context["report"]
    assert report.ok
    assert report.dry_run
    assert report.people.created == 2
    assert written() == before
    assert "Nothing was saved" in response.content.decode()


def test_it_keeps_the_query_count_flat_in_the_number_of_rows(
    admin_client, national_admin, regional_group
):
    def import_twice(count):
        rows = [HEADER, *member_rows(regional_group, count, prefix=f"p{count}-")]
        assert post(admin_client, csv_upload(rows)).context["report"].ok
        upload = csv_upload(rows)
        actor = type(national_admin).objects.get(pk=national_admin.pk)  # no cached grants
        with CaptureQueriesContext(connection) as queries:
            report = imports.run_import(actor=actor, upload=upload)
        assert report.memberships.unchanged == count
        return len(queries)

    assert import_twice(3) == import_twice(30)


# --- Bad input: a clear message and nothing written ------------------------------------------


def assert_refused(response, before, *expected):
    assert response.status_code == 200
    found = problems(response)
    for item in expected:
        assert item in found, found
    assert written() == before
    assert "nothing was saved" in response.content.decode()


def test_it_refuses_a_file_with_unknown_or_missing_headers(admin_client, regional_group):
    before = written()
    rows = [["given_name", "surname", "email", "group"], ["A", "B", "a@example.fi", "x"]]

    response = post(admin_client, csv_upload(rows))

    assert_refused(
        response,
        before,
        (1, "surname", "Unknown column: check the name against the template."),
        (1, "family_name", "This column is missing: it is required."),
        (1, "role", "This column is missing: it is required with the group column."),
    )


def test_it_refuses_an_unknown_municipality_code(admin_client, regional_group):
    before = written()
    rows = [
        [*HEADER, "municipality_code"],
        ["A", "A", "a@example.fi", regional_group.name_fi, "member", "", "1.1.2021", "999"],
    ]

    response = post(admin_client, csv_upload(rows))

    assert_refused(
        response,
        before,
        (
            2,
            "municipality_code",
            "Unknown municipality code “999”: use the three-digit code, e.g. 091.",
        ),
    )


def test_it_refuses_a_malformed_email(admin_client, regional_group):
    before = written()
    rows = [HEADER, *member_rows(regional_group), ["A", "A", "not-an-address", "", "", "", ""]]

    response = post(admin_client, csv_upload(rows))

    assert_refused(
        response, before, (4, "email", "Enter an e-mail address in the form name@example.fi.")
    )


def test_it_refuses_a_malformed_phone(admin_client, regional_group):
    before = written()
    rows = [
        ["etunimi", "sukunimi", "sähköposti", "puhelin"],
        ["A", "A", "a@example.fi", "040 123 4567"],
        ["B", "B", "b@example.fi", "call me"],
    ]

    response = post(admin_client, csv_upload(rows))

    assert_refused(
        response,
        before,
        (3, "puhelin", "Enter a phone number of digits, e.g. +358 40 123 4567 or 040 123 4567."),
    )


def test_it_refuses_a_second_chair_in_the_file(admin_client, regional_group):
    before = written()
    rows = [
        HEADER,
        ["A", "A", "a@example.fi", regional_group.name_fi, "chair", "", "1.1.2021"],
        ["B", "B", "b@example.fi", regional_group.name_fi, "puheenjohtaja", "", "1.6.2021"],
    ]

    response = post(admin_client, csv_upload(rows))

    assert_refused(
        response,
        before,
        (3, "role", "A A is already the chair from 1.1.2021; a group has one chair."),
    )


def test_it_refuses_a_deputy_without_a_principal(admin_client, regional_group):
    before = written()
    rows = [
        HEADER,
        [
            "A",
            "A",
            "a@example.fi",
            regional_group.name_fi,
            "deputy",
            "nobody@example.fi",
            "1.1.2021",
        ],
        ["B", "B", "b@example.fi", regional_group.name_fi, "deputy", "", "1.1.2021"],
    ]

    response = post(admin_client, csv_upload(rows))

    assert_refused(
        response,
        before,
        (
            2,
            "deputy_for_email",
            "nobody@example.fi is not a member of this group in the file or in the registry: "
            "a deputy needs a member to stand in for.",
        ),
        (3, "deputy_for_email", "Enter the e-mail of the member this deputy stands in for."),
    )


def test_it_refuses_dates_outside_the_groups_term(admin_client, regional_group):
    before = written()
    rows = [
        [*HEADER, "end"],
        ["A", "A", "a@example.fi", regional_group.name_fi, "member", "", "1.1.2020", ""],
        ["B", "B", "b@example.fi", regional_group.name_fi, "member", "", "1.1.2021", "1.1.2024"],
        ["C", "C", "c@example.fi", regional_group.name_fi, "member", "", "31.2.2021", ""],
    ]

    response = post(admin_client, csv_upload(rows))

    assert_refused(
        response,
        before,
        (2, "start", "The membership cannot start before the group's term (1.1.2021)."),
        (3, "end", "The membership must end by the end of the group's term (31.12.2022)."),
        (4, "start", "Enter a date as 31.12.2025 or 2025-12-31."),
    )


def test_it_refuses_unknown_groups_roles_sectors_and_organisations(admin_client, regional_group):
    before = written()
    rows = [
        [*HEADER, "sector", "organisation"],
        ["A", "A", "a@example.fi", "No such group", "member", "", "1.1.2021", "", ""],
        ["B", "B", "b@example.fi", regional_group.name_fi, "boss", "", "1.1.2021", "", ""],
        ["C", "C", "c@example.fi", regional_group.name_fi, "member", "", "1.1.2021", "Cooking", ""],
        [
            "D",
            "D",
            "d@example.fi",
            regional_group.name_fi,
            "member",
            "",
            "1.1.2021",
            "",
            "Nowhere school",
        ],
    ]

    response = post(admin_client, csv_upload(rows))

    found = problems(response)
    assert [(row, column) for row, column, _message in found] == [
        (2, "group"),
        (3, "role"),
        (4, "sector"),
        (5, "organisation"),
    ]
    assert written() == before


def test_it_refuses_an_ambiguous_organisation_name_and_a_wrong_municipality(
    admin_client, tampere_school
):
    make_organisation(
        kind=Organisation.Kind.SCHOOL,
        name_fi="Koivikon koulu",
        municipality=Municipality.objects.get(code="091"),
    )
    before = written()
    rows = [
        ["given_name", "family_name", "email", "organisation", "municipality_code"],
        ["A", "A", "a@example.fi", "Koivikon koulu", ""],
        ["B", "B", "b@example.fi", "83701", "091"],
    ]

    response = post(admin_client, csv_upload(rows))

    assert_refused(
        response,
        before,
        (
            2,
            "organisation",
            "Several organisations are called “Koivikon koulu”: add the municipality code, "
            "or use the school code or OID.",
        ),
        (3, "municipality_code", "Koivikon koulu is not in municipality 091."),
    )


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"given_name,family_name,email\nA,B,a@example.fi\n", "people.xlsx"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "people.xlsx"),
        (b"PK\x03\x04 this is not really a zip archive", "people.xlsx"),
    ],
    ids=["text", "pdf", "broken-zip"],
)
def test_it_refuses_an_xlsx_that_is_not_a_spreadsheet(admin_client, content, name):
    before = written()

    response = post(admin_client, SimpleUploadedFile(name, content))

    assert response.context["report"] is None
    assert response.context["form"].errors["file"] == [
        "The file is not a CSV or XLSX spreadsheet. Save it from your spreadsheet program as "
        "Excel workbook (.xlsx) or CSV UTF-8 and try again."
    ]
    assert written() == before


def test_it_refuses_a_zip_archive_that_is_not_a_workbook(admin_client):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    before = written()

    response = post(admin_client, SimpleUploadedFile("people.xlsx", buffer.getvalue()))

    assert "not a CSV or XLSX spreadsheet" in response.context["form"].errors["file"][0]
    assert written() == before


def test_it_refuses_an_oversized_upload(admin_client, settings):
    settings.MAX_UPLOAD_MB = 1
    before = written()
    data = b"given_name,family_name,email\n" + b"A,B,a@example.fi\n" * 70_000

    response = post(admin_client, SimpleUploadedFile("people.csv", data))

    assert response.context["form"].errors["file"] == [
        "The file is too large: at most 1 MB is allowed."
    ]
    assert written() == before


def test_the_importer_itself_refuses_an_oversized_file(national_admin, settings):
    settings.MAX_UPLOAD_MB = 1
    upload = SimpleUploadedFile("people.csv", b"x" * (1024 * 1024 + 1))

    report = imports.run_import(actor=national_admin, upload=upload)

    assert report.file_error == "The file is too large: at most 1 MB is allowed."


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"\n\n ,,\n", "The file is empty."),
        (b"given_name,family_name,email\n", "The file has a header but no rows under it."),
    ],
    ids=["no-bytes", "blank-lines", "header-only"],
)
def test_it_refuses_an_empty_file(admin_client, content, message):
    before = written()

    response = post(admin_client, SimpleUploadedFile("people.csv", content))

    assert response.context["form"].errors["file"] == [message]
    assert written() == before


def test_it_refuses_a_csv_that_is_not_utf8(admin_client):
    before = written()
    rows = [["given_name", "family_name", "email"], ["Äijä", "Mäkelä", "a@example.fi"]]

    response = post(admin_client, csv_upload(rows, encoding="latin-1"))

    assert response.context["form"].errors["file"] == [
        "The file is not UTF-8 text. Save it as CSV UTF-8 (in Excel: Save as, CSV UTF-8) "
        "and try again."
    ]
    assert written() == before


def test_it_refuses_conflicting_details_for_the_same_person(admin_client, regional_group):
    before = written()
    rows = [
        [*HEADER, "phone"],
        [
            "A",
            "A",
            "a@example.fi",
            regional_group.name_fi,
            "member",
            "",
            "1.1.2021",
            "040 123 4567",
        ],
        [
            "A",
            "A",
            "a@example.fi",
            regional_group.name_fi,
            "secretary",
            "",
            "1.1.2021",
            "040 765 4321",
        ],
    ]

    response = post(admin_client, csv_upload(rows))

    assert (3, "phone", "Differs from row 2 for the same person.") in problems(response)
    assert written() == before


def test_it_lists_each_failing_row_in_an_accessible_table(admin_client, regional_group):
    rows = [HEADER, *member_rows(regional_group), ["A", "A", "bad", "", "", "", ""]]

    page = post(admin_client, csv_upload(rows)).content.decode()

    assert "<caption" in page
    assert "Problems in the file" in page
    assert (
        '<th scope="col" class="govuk-table__header govuk-table__header--numeric">Row</th>' in page
    )
    assert "The file has 1 problem: nothing was saved" in page


def test_it_refuses_a_file_over_the_row_limit_and_writes_nothing(admin_client, regional_group):
    before = written()
    rows = [HEADER, *member_rows(regional_group, imports.MAX_ROWS + 1)]

    response = post(admin_client, csv_upload(rows))

    assert response.context["report"] is None
    assert response.context["form"].errors["file"] == [
        "The file has more than 10,000 rows under the header. Split it into files of at "
        "most 10,000 rows and import them one by one."
    ]
    assert written() == before


def test_it_takes_a_file_of_exactly_the_row_limit(national_admin, monkeypatch):
    from vip.network.imports import reading

    monkeypatch.setattr(reading, "MAX_ROWS", 2)
    rows = [["given_name", "family_name", "email"], ["A", "A", "a@example.fi"]]
    rows.append(["B", "B", "b@example.fi"])

    assert imports.run_import(actor=national_admin, upload=csv_upload(rows), dry_run=True).ok
    rows.append(["C", "C", "c@example.fi"])
    report = imports.run_import(actor=national_admin, upload=csv_upload(rows))
    assert report.file_error.startswith("The file has more than 2 rows")
    assert not Person.objects.exists()


# --- Who may import --------------------------------------------------------------------------


def test_a_coordinator_imports_only_into_their_areas_groups(
    client, login, coordinator, regional_group, hyks_group, steering_group
):
    login(client, coordinator)
    before = written()
    rows = [
        HEADER,
        ["A", "A", "a@example.fi", regional_group.name_fi, "member", "", "1.1.2021"],
        ["B", "B", "b@example.fi", hyks_group.name_fi, "member", "", "1.1.2021"],
        ["C", "C", "c@example.fi", steering_group.name_fi, "member", "", "1.1.2021"],
    ]

    response = post(client, csv_upload(rows))

    assert_refused(
        response,
        before,
        (3, "group", "You may not change the members of this group."),
        (4, "group", "You may not change the members of this group."),
    )
    assert len(problems(response)) == 2

    response = post(client, csv_upload(rows[:2]))

    assert response.context["report"].ok


def test_a_coordinator_may_not_change_people_outside_their_area(
    client, login, coordinator, hyks_group
):
    outside = services.person_create(
        actor=None, given_name="H", family_name="H", email="h@example.fi", title="Old"
    )
    services.membership_add(
        actor=None, group=hyks_group, person=outside, role="member", start=TERM_START
    )
    login(client, coordinator)
    before = written()
    rows = [["given_name", "family_name", "email", "title"], ["H", "H", "h@example.fi", "New"]]

    response = post(client, csv_upload(rows))

    assert_refused(response, before, (2, "email", "You may not change this person's details."))


@pytest.mark.parametrize("who", ["teacher", "municipal_admin", "outsider"])
def test_others_do_not_find_the_import(client, login, request, who):
    login(client, request.getfixturevalue(who))

    assert client.get(URL).status_code == 404
    assert client.post(URL, {"file": csv_upload([HEADER])}).status_code == 404
    assert client.get("/en/network/import/template.csv").status_code == 404


def test_the_page_shows_the_form_template_links_and_the_column_guide(admin_client):
    response = admin_client.get(URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in page
    assert "/en/network/import/template.xlsx" in page
    assert "Check only" in page
    assert "<code>given_name</code>" in page
    assert "<code>etunimi</code>" in page
    guide = {row["header"]: row for row in response.context["guide"]}
    assert guide["contact_details_public"]["ignored"]
    assert "At most 10,000 rows under the header" in page


# --- The template ----------------------------------------------------------------------------


def test_the_csv_template_has_headers_in_the_users_language(admin_client):
    response = admin_client.get("/sv/network/import/template.csv")

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, example = list(csv.reader(io.StringIO(text)))
    assert header[:3] == ["förnamn", "efternamn", "e-post"]
    assert "medlem" in example
    assert "Rektor" in example  # the first sector, in Swedish


def test_the_xlsx_template_has_one_example_row_and_imports_back(admin_client, regional_group):
    response = admin_client.get("/network/import/template.xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:3] == ["etunimi", "sukunimi", "sähköposti"]
    assert len(rows) == 2
    # The example names organisations and groups that do not exist; with ours it imports.
    example = dict(zip(rows[0], rows[1], strict=True))
    example.update(
        {
            "organisaatio": "",
            "kuntakoodi": "",
            "ryhmä": regional_group.name_fi,
            "alkaa": datetime.datetime(2021, 8, 1),
        }
    )
    upload = xlsx_upload([rows[0], [example[key] for key in rows[0]]])

    result = post(admin_client, upload).context["report"]

    assert result.ok, result.errors
    assert Membership.objects.get().sector == Sector.objects.order_by("position").first()


def test_it_spends_a_bounded_number_of_queries_per_new_row(national_admin, regional_group):
    def queries_for(count):
        rows = [HEADER, *member_rows(regional_group, count, prefix=f"new{count}-")]
        actor = type(national_admin).objects.get(pk=national_admin.pk)
        with CaptureQueriesContext(connection) as queries:
            report = imports.run_import(actor=actor, upload=csv_upload(rows), dry_run=True)
        assert report.memberships.created == count
        return len(queries)

    # A new person with a membership goes through two services (about 28 queries with
    # their savepoints); the lookups around them do not grow with the file.
    per_row = (queries_for(20) - queries_for(10)) / 10
    assert per_row <= 30


def test_it_asks_for_a_file_when_none_was_chosen(admin_client):
    response = admin_client.post(URL, {})

    assert response.context["form"].errors["file"] == ["Choose a CSV or XLSX file to import."]


def test_the_import_leaves_the_publicity_of_contact_details_to_the_person(
    client, login, coordinator, regional_group, tampere_school
):
    public = services.person_create(
        actor=None,
        organisation=tampere_school,
        given_name="P",
        family_name="P",
        email="p@example.fi",
        contact_details_public=True,
    )
    login(client, coordinator)
    rows = [
        ["given_name", "family_name", "email", "title", "contact_details_public"],
        ["P", "P", "p@example.fi", "Rehtori", "ei"],
        ["Q", "Q", "q@example.fi", "", "kyllä"],
    ]

    response = post(client, csv_upload(rows))

    assert response.context["report"].ok, problems(response)
    public.refresh_from_db()
    assert (public.title, public.contact_details_public) == ("Rehtori", True)
    assert not Person.objects.get(email="q@example.fi").contact_details_public


def test_a_coordinator_may_not_add_employments_outside_their_area(
    client, login, coordinator, tampere_school, helsinki_provider
):
    services.person_create(
        actor=None,
        organisation=tampere_school,
        given_name="T",
        family_name="T",
        email="t@example.fi",
    )
    login(client, coordinator)
    before = written()
    rows = [
        ["given_name", "family_name", "email", "organisation", "start"],
        ["T", "T", "t@example.fi", helsinki_provider.name_fi, "1.1.2025"],
        ["N", "N", "n@example.fi", helsinki_provider.name_fi, "1.1.2025"],
    ]

    response = post(client, csv_upload(rows))

    message = (
        "Helsinki, kasvatuksen ja koulutuksen toimiala is outside your area: only a national "
        "administrator or the area's coordinator can record employments there."
    )
    assert_refused(response, before, (2, "organisation", message), (3, "organisation", message))

    # In their own area, the same rows are fine.
    inside = [rows[0], ["N", "N", "n@example.fi", tampere_school.name_fi, "1.1.2025"]]
    response = post(client, csv_upload(inside))
    assert response.context["report"].ok, problems(response)
    assert Person.objects.get(email="n@example.fi").employments.get().organisation == (
        tampere_school
    )


def test_a_new_member_representing_an_organisation_elsewhere_gets_no_employment_there(
    client, login, coordinator, regional_group, helsinki_provider
):
    login(client, coordinator)
    rows = [
        [*HEADER, "organisation"],
        [
            "N",
            "N",
            "n@example.fi",
            regional_group.name_fi,
            "member",
            "",
            "1.1.2021",
            helsinki_provider.name_fi,
        ],
    ]

    response = post(client, csv_upload(rows))

    assert response.context["report"].ok, problems(response)
    person = Person.objects.get(email="n@example.fi")
    assert person.memberships.get().organisation == helsinki_provider
    assert not person.employments.exists()


def test_a_national_administrator_imports_employments_anywhere(admin_client, helsinki_provider):
    rows = [
        ["given_name", "family_name", "email", "organisation", "start"],
        ["N", "N", "n@example.fi", helsinki_provider.name_fi, "1.1.2025"],
    ]

    response = post(admin_client, csv_upload(rows))

    assert response.context["report"].ok, problems(response)
    assert Person.objects.get(email="n@example.fi").employments.get().organisation == (
        helsinki_provider
    )
