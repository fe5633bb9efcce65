"""Loading the reference data: areas, wellbeing services counties and municipalities.

The shipped file is loaded once per test database (see ``conftest.py``); these
tests check what that load produced, that loading again changes nothing but is
still audited, and that a bad file is refused as a whole.
"""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from vip.audit.models import AuditAction, AuditEvent
from vip.registry.models import Area, County, Municipality
from vip.registry.services import MUNICIPALITIES_CSV, ReferenceDataError, load_reference_data

ALAND = {
    "035": "Brändö",
    "043": "Eckerö",
    "060": "Finström",
    "062": "Föglö",
    "065": "Geta",
    "076": "Hammarland",
    "170": "Jomala",
    "295": "Kumlinge",
    "318": "Kökar",
    "417": "Lemland",
    "438": "Lumparland",
    "478": "Maarianhamina",
    "736": "Saltvik",
    "766": "Sottunga",
    "771": "Sund",
    "941": "Vårdö",
}

PIRKANMAA = ["PI", "Pirkanmaan hyvinvointialue", "Birkalands välfärdsområde", "SISA", "TAYS"]


@pytest.fixture(autouse=True)
def _in_english():
    # The loader's messages are checked in English.
    with translation.override("en"):
        yield


def shipped_rows() -> tuple[list[str], list[list[str]]]:
    with MUNICIPALITIES_CSV.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    return header, rows


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def snapshot() -> dict[str, list[dict[str, object]]]:
    """Every reference row with every value, to compare before and after a load."""
    return {
        "areas": list(Area.objects.order_by("pk").values()),
        "counties": list(County.objects.order_by("pk").values()),
        "municipalities": list(Municipality.objects.order_by("pk").values()),
    }


def counts() -> tuple[int, int, int, int]:
    return (
        Area.objects.count(),
        County.objects.count(),
        Municipality.objects.count(),
        AuditEvent.objects.count(),
    )


# --- What the shipped file loads ---------------------------------------------------------------


def test_it_loads_the_five_areas_with_names_in_three_languages(reference_data):
    areas = {
        a.code: (a.collaboration_area_code, a.name_fi, a.name_sv, a.name_en)
        for a in Area.objects.all()
    }

    assert areas == {
        "HYKS": ("ETELA", "Etelä-Suomi", "Södra Finland", "Southern Finland"),
        "KYS": ("ITA", "Itä-Suomi", "Östra Finland", "Eastern Finland"),
        "TAYS": ("SISA", "Sisä-Suomi", "Inre Finland", "Inland Finland"),
        "TYKS": ("LANSI", "Länsi-Suomi", "Västra Finland", "Western Finland"),
        "OYS": ("POHJOIS", "Pohjois-Suomi", "Norra Finland", "Northern Finland"),
    }


def test_it_loads_21_wellbeing_services_counties_and_the_city_of_helsinki(reference_data):
    assert County.objects.count() == 22
    assert County.objects.exclude(code="HEL").count() == 21
    assert not County.objects.filter(name_fi="").exists()
    assert not County.objects.filter(name_sv="").exists()
    assert not County.objects.filter(name_en="").exists()

    helsinki = County.objects.select_related("area").get(code="HEL")
    assert (helsinki.name_fi, helsinki.name_sv, helsinki.name_en) == (
        "Helsingin kaupunki",
        "Helsingfors stad",
        "City of Helsinki",
    )
    assert helsinki.area.code == "HYKS"
    assert County.objects.get(code="PI").area.code == "TAYS"


def test_it_gives_each_area_its_counties(reference_data):
    by_area = {
        area.code: sorted(area.counties.values_list("code", flat=True))
        for area in Area.objects.all()
    }

    assert by_area == {
        "HYKS": ["EK", "HEL", "IU", "KU", "KY", "LU", "PH", "VK"],
        "KYS": ["ES", "KS", "PK", "PS"],
        "OYS": ["KA", "KP", "LA", "PP"],
        "TAYS": ["EP", "KH", "PI"],
        "TYKS": ["PO", "SA", "VS"],
    }


def test_it_loads_all_309_municipalities(reference_data):
    assert Municipality.objects.count() == 309
    assert not Municipality.objects.filter(name_fi="").exists()
    assert not Municipality.objects.filter(name_sv="").exists()
    assert Municipality.objects.filter(population=0).count() == 0


def test_it_leaves_alands_16_municipalities_without_county_or_area(reference_data):
    without_county = Municipality.objects.filter(county__isnull=True)

    assert dict(without_county.values_list("code", "name_fi")) == ALAND
    mariehamn = Municipality.objects.get(code="478")
    assert mariehamn.name_sv == "Mariehamn"
    assert mariehamn.county is None
    assert mariehamn.area is None


def test_it_records_each_municipalitys_official_language_status(reference_data):
    statuses = dict(Municipality.objects.values_list("code", "language_status"))
    counts = {status: list(statuses.values()).count(status) for status in set(statuses.values())}

    assert counts == {"fi": 260, "fi+sv": 18, "sv+fi": 15, "sv": 16}
    assert statuses["091"] == "fi+sv"  # Helsinki
    assert statuses["599"] == "sv+fi"  # Pedersöre
    assert statuses["837"] == "fi"  # Tampere
    assert {statuses[code] for code in ALAND} == {"sv"}
    assert Municipality.objects.get(code="091").is_bilingual


def test_it_refuses_a_language_status_file_that_misses_a_municipality(reference_data, tmp_path):
    path = tmp_path / "languages.csv"
    path.write_text("code,name_fi,language_status\n091,Helsinki,fi+sv\n", encoding="utf-8")

    with pytest.raises(ReferenceDataError) as raised:
        load_reference_data(actor=None, language_path=path)

    assert "837" in str(raised.value)
    assert Municipality.objects.get(code="837").language_status == "fi"


def test_it_refuses_an_unknown_language_status(reference_data, tmp_path):
    rows = (Path(MUNICIPALITIES_CSV).parent / "municipal_language_status.csv").read_text(
        encoding="utf-8"
    )
    path = tmp_path / "languages.csv"
    path.write_text(rows.replace("091,Helsinki,fi+sv", "091,Helsinki,kaksikielinen"), "utf-8")

    with pytest.raises(ReferenceDataError) as raised:
        load_reference_data(actor=None, language_path=path)

    assert "kaksikielinen" in str(raised.value)
    assert Municipality.objects.get(code="091").language_status == "fi+sv"


def test_it_places_helsinki_in_hyks_and_tampere_in_tays(reference_data):
    helsinki = Municipality.objects.get(code="091")
    tampere = Municipality.objects.get(code="837")

    assert (helsinki.name_fi, helsinki.name_sv) == ("Helsinki", "Helsingfors")
    assert helsinki.county.code == "HEL"
    assert helsinki.area.code == "HYKS"
    assert (tampere.name_fi, tampere.name_sv) == ("Tampere", "Tammerfors")
    assert tampere.county.code == "PI"
    assert tampere.area.code == "TAYS"


# --- Loading again ---------------------------------------------------------------------------


def test_it_changes_nothing_when_run_a_second_time(reference_data):
    before = snapshot()

    with CaptureQueriesContext(connection) as queries:
        report = load_reference_data(actor=None)

    assert report.changed_anything is False
    assert report.created == {}
    assert report.updated == {}
    assert snapshot() == before
    # The only write is the audit row: no reference row is even re-saved.
    writes = [
        q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    ]
    assert len(writes) == 1
    assert "audit_auditevent" in writes[0]


def test_it_audits_a_run_that_changed_nothing(reference_data, national_admin):
    load_reference_data(actor=national_admin)

    event = AuditEvent.objects.get(action=AuditAction.REFERENCE_DATA_LOADED, actor=national_admin)
    assert event.action == "registry.reference_data_loaded"
    assert event.target_type == "registry.municipality"
    assert event.details == {"file": "municipalities.csv", "created": {}, "updated": {}}


def test_it_updates_a_changed_row_and_reports_it(reference_data, tmp_path):
    header, rows = shipped_rows()
    for row in rows:
        if row[0] == "837":
            row[3] = "250000"
    path = write_csv(tmp_path / "municipalities.csv", header, rows)

    report = load_reference_data(actor=None, path=path)

    assert report.changed_anything is True
    assert report.created == {}
    assert report.updated == {"municipalities": 1}
    assert Municipality.objects.get(code="837").population == 250000


# --- A bad file ------------------------------------------------------------------------------


def bad_rows_file(tmp_path: Path) -> Path:
    header, _rows = shipped_rows()
    rows = [
        ["12", "Virhekunta", "Felkommun", "100", *PIRKANMAA],  # row 2: bad code
        ["998", "Uusikunta", "Nykommun", "100", *PIRKANMAA],  # row 3: fine on its own
        ["998", "Kaksoiskunta", "Dubbelkommun", "100", *PIRKANMAA],  # row 4: duplicate
        ["997", "Tuntematon", "Okänd", "100", "XX", "X", "X", "SISA", "XYZ"],  # row 5: area
        ["837", "Tampere", "Tammerfors", "1", *PIRKANMAA],  # row 6: would change Tampere
    ]
    return write_csv(tmp_path / "bad.csv", header, rows)


def test_it_refuses_a_file_with_bad_rows_naming_each_of_them(reference_data, tmp_path):
    with pytest.raises(ReferenceDataError) as raised:
        load_reference_data(actor=None, path=bad_rows_file(tmp_path))

    errors = raised.value.errors
    assert [error.split(":")[0] for error in errors] == ["Row 2", "Row 4", "Row 5"]
    assert "'12'" in errors[0]
    assert "three digits" in errors[0]
    assert "998" in errors[1]
    assert "twice" in errors[1]
    assert "'XYZ'" in errors[2]
    assert "unknown VIP area" in errors[2]
    for error in errors:
        assert error in str(raised.value)


@pytest.mark.django_db(transaction=True)
def test_it_writes_nothing_from_a_file_with_bad_rows(reference_data, tmp_path):
    # A transactional test: what would have been committed is really in the database.
    before = counts()
    before_rows = snapshot()

    with pytest.raises(ReferenceDataError):
        load_reference_data(actor=None, path=bad_rows_file(tmp_path))

    assert counts() == before
    assert snapshot() == before_rows
    assert not Municipality.objects.filter(code__in=["998", "997", "12"]).exists()
    assert Municipality.objects.get(code="837").population == 241009


def test_it_refuses_a_file_with_a_missing_column_and_writes_nothing(reference_data, tmp_path):
    header, rows = shipped_rows()
    drop = header.index("vip_area")
    path = write_csv(
        tmp_path / "no-area.csv",
        [c for i, c in enumerate(header) if i != drop],
        [[v for i, v in enumerate(row) if i != drop] for row in rows],
    )
    before = counts()

    with pytest.raises(ReferenceDataError) as raised:
        load_reference_data(actor=None, path=path)

    assert raised.value.errors == ["Missing columns: vip_area"]
    assert counts() == before


def test_it_refuses_a_row_with_a_county_but_no_area(reference_data, tmp_path):
    header, _rows = shipped_rows()
    path = write_csv(
        tmp_path / "half.csv",
        header,
        [["998", "Puolikunta", "Halvkommun", "100", "PI", "P", "P", "", ""]],
    )
    before = counts()

    with pytest.raises(ReferenceDataError) as raised:
        load_reference_data(actor=None, path=path)

    assert raised.value.errors == ["Row 2: county and area must both be given or both empty."]
    assert counts() == before


def test_it_names_a_row_with_too_few_values(reference_data, tmp_path):
    header, _rows = shipped_rows()
    path = write_csv(
        tmp_path / "short.csv",
        header,
        [["998", "Uusikunta", "Nykommun", "100", *PIRKANMAA], ["997", "Lyhytkunta"]],
    )
    before = counts()

    with pytest.raises(ReferenceDataError) as raised:
        load_reference_data(actor=None, path=path)

    assert [error.split(":")[0] for error in raised.value.errors] == ["Row 3"]
    assert counts() == before


def test_it_refuses_a_file_that_is_not_utf8(reference_data, tmp_path):
    # Spreadsheet exports often come in Windows-1252; that is a bad file, not a crash.
    header, rows = shipped_rows()
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        "\n".join(",".join(row) for row in [header, *rows]).encode("cp1252", errors="replace")
    )
    before = counts()

    with pytest.raises(ReferenceDataError) as raised:
        load_reference_data(actor=None, path=path)

    assert "utf-8" in str(raised.value).lower()
    assert counts() == before


# --- The management command ------------------------------------------------------------------


def test_the_command_says_when_nothing_changed(reference_data):
    loads = AuditEvent.objects.filter(action=AuditAction.REFERENCE_DATA_LOADED)
    before = loads.count()
    out = StringIO()

    call_command("load_reference_data", stdout=out)

    assert out.getvalue().strip() == "Reference data already up to date; nothing changed."
    assert loads.count() == before + 1


def test_the_command_reports_what_it_changed(reference_data, tmp_path):
    header, rows = shipped_rows()
    for row in rows:
        if row[0] == "091":
            row[3] = "700000"
    path = write_csv(tmp_path / "municipalities.csv", header, rows)
    out = StringIO()

    call_command("load_reference_data", "--file", str(path), stdout=out)

    assert "Reference data loaded" in out.getvalue()
    assert "updated {'municipalities': 1}" in out.getvalue()
    assert Municipality.objects.get(code="091").population == 700000


def test_the_command_fails_on_a_bad_file_and_loads_nothing(reference_data, tmp_path):
    before = counts()

    with pytest.raises(CommandError) as raised:
        call_command(
            "load_reference_data", "--file", str(bad_rows_file(tmp_path)), stdout=StringIO()
        )

    message = str(raised.value)
    assert message.startswith("Nothing was loaded:")
    assert "Row 2" in message
    assert "Row 4" in message
    assert "Row 5" in message
    assert counts() == before


def test_the_command_fails_on_a_missing_file(reference_data, tmp_path):
    missing = tmp_path / "nowhere.csv"

    with pytest.raises(CommandError, match="No such file"):
        call_command("load_reference_data", "--file", str(missing), stdout=StringIO())


def test_the_command_accepts_the_file_as_a_keyword_argument(reference_data, tmp_path):
    # call_command(..., file="...") hands the string over without argparse's type=Path.
    before = counts()

    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("load_reference_data", file=str(bad_rows_file(tmp_path)), stdout=StringIO())

    assert counts() == before
