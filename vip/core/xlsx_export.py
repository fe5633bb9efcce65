"""XLSX downloads: the same rows as a CSV export, as a real spreadsheet."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(sheet: Any, value: Any) -> Any:
    """Numbers and dates stay typed; anything else is written as text, exactly as it is.

    Unlike CSV, where a leading "=" must be defused with an apostrophe, a spreadsheet
    cell can say it holds a string: "=SUM(A1)" is then shown as such and never run.
    """
    if isinstance(value, int | float | datetime.date) and not isinstance(value, bool):
        return value
    if isinstance(value, Decimal):
        # Euros with cents: a number the spreadsheet can sum, shown with two decimals.
        cell = WriteOnlyCell(sheet, value=float(value))
        cell.number_format = "0.00"
        return cell
    cell = WriteOnlyCell(sheet, value="" if value is None else str(value))
    cell.data_type = "s"
    return cell


def xlsx_bytes(sheet_title: str, header: list[str], rows: Iterable[Iterable[Any]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31] or "Sheet")
    bold = Font(bold=True)
    header_cells = []
    for title in header:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(
    filename: str, header: list[str], rows: Iterable[Iterable[Any]], sheet_title: str = ""
) -> HttpResponse:
    response = HttpResponse(
        xlsx_bytes(sheet_title or filename.rsplit(".", 1)[0], header, rows),
        content_type=XLSX_CONTENT_TYPE,
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def table_response(
    fmt: str, basename: str, header: list[str], rows: Iterable[Iterable[Any]]
) -> HttpResponse:
    """A CSV or XLSX download of the same table; ``fmt`` is "csv" or "xlsx"."""
    from vip.core.csv_export import csv_response

    if fmt == "xlsx":
        return xlsx_response(f"{basename}.xlsx", header, rows)
    return csv_response(f"{basename}.csv", header, rows)  # type: ignore[return-value]
