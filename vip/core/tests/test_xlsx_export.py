"""Spreadsheet downloads hold the same rows as CSV ones, typed, and cannot carry formulas."""

from __future__ import annotations

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from vip.core.xlsx_export import XLSX_CONTENT_TYPE, table_response, xlsx_bytes


def test_it_writes_a_header_and_typed_rows():
    data = xlsx_bytes(
        "Jäsenet", ["Nimi", "Alkaa", "Määrä"], [["Äänekoski", datetime.date(2026, 1, 5), 3]]
    )

    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert sheet.title == "Jäsenet"
    assert rows[0] == ("Nimi", "Alkaa", "Määrä")
    assert rows[1][0] == "Äänekoski"
    assert rows[1][1].date() == datetime.date(2026, 1, 5)
    assert rows[1][2] == 3


def test_it_keeps_euro_amounts_as_numbers_with_two_decimals():
    data = xlsx_bytes("Laskutus", ["Hinta"], [[Decimal("120.00")], [Decimal("15.94")]])

    sheet = load_workbook(io.BytesIO(data)).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == [120, 15.94]
    assert {cell.number_format for cell in cells} == {"0.00"}


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://evil")', "+358 40 123 4567", "-5", "@SUM(A1)", "'quoted"]
)
def test_it_keeps_text_that_looks_like_a_formula_as_plain_text(text):
    data = xlsx_bytes("x", ["a"], [[text]])

    cell = load_workbook(io.BytesIO(data)).active["A2"]
    assert cell.value == text  # shown as typed, no apostrophe added
    assert cell.data_type == "s"  # a string, never a formula
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_the_same_table_downloads_as_csv_or_xlsx():
    xlsx = table_response("xlsx", "jasenet", ["a"], [["1"]])
    csv = table_response("csv", "jasenet", ["a"], [["1"]])

    assert xlsx["Content-Type"] == XLSX_CONTENT_TYPE
    assert xlsx["Content-Disposition"] == 'attachment; filename="jasenet.xlsx"'
    assert csv["Content-Disposition"] == 'attachment; filename="jasenet.csv"'
