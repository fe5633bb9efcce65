"""Reading the uploaded file: CSV or XLSX rows, the header, and the values of cells."""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vip.core.uploads import max_upload_bytes, sniff_content_type
from vip.network.imports.columns import (
    COLUMNS,
    COLUMNS_BY_KEY,
    HEADER_LOOKUP,
    current_language,
    normalise,
)
from vip.network.imports.report import ImportReport, RowError
from vip.network.models import LANGUAGE_CODES

# More rows than this is an error: one import is checked and applied in one
# transaction, and its report must stay readable. Larger files are split.
MAX_ROWS = 10_000


class ImportFileError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(slots=True)
class RawRow:
    number: int
    cells: dict[str, Any]

    def get(self, key: str) -> Any:
        return self.cells.get(key)


_NOT_SPREADSHEET = gettext_lazy(
    "The file is not a CSV or XLSX spreadsheet. Save it from your spreadsheet program as "
    "Excel workbook (.xlsx) or CSV UTF-8 and try again."
)
_NOT_UTF8 = gettext_lazy(
    "The file is not UTF-8 text. Save it as CSV UTF-8 (in Excel: Save as, CSV UTF-8) and try again."
)
EMPTY = gettext_lazy("The file is empty.")
_FORMULA_GUARD = re.compile(r"^'(?=[=+\-@\t\r])")


def read_rows(upload: UploadedFile) -> Iterator[list[Any]]:
    """The rows of the file, header first, as lists of cell values."""
    size = upload.size or 0
    if size > max_upload_bytes():
        raise ImportFileError(
            _("The file is too large: at most %(limit)d MB is allowed.")
            % {"limit": settings.MAX_UPLOAD_MB}
        )
    if size == 0:
        raise ImportFileError(str(EMPTY))
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if head.startswith(b"PK\x03\x04"):
        return _xlsx_rows(upload)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(str(_NOT_UTF8))  # UTF-16, Excel's "Unicode text"
    name = (upload.name or "").lower()
    if (
        name.endswith((".xlsx", ".xlsm", ".xls", ".ods"))
        or b"\x00" in head
        or sniff_content_type(upload) is not None
    ):
        raise ImportFileError(str(_NOT_SPREADSHEET))
    return _csv_rows(upload)


def _xlsx_rows(upload: UploadedFile) -> Iterator[list[Any]]:
    from openpyxl import load_workbook

    # A damaged or foreign archive fails in many ways inside openpyxl (BadZipFile,
    # InvalidFileException, KeyError, XML parse errors...): all mean the same here.
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception as error:
        raise ImportFileError(str(_NOT_SPREADSHEET)) from error
    try:
        if not workbook.worksheets:
            raise ImportFileError(str(_NOT_SPREADSHEET))
        sheet = workbook.worksheets[0]
        # Some programs write a wrong size into the file; read what is really there.
        reset = getattr(sheet, "reset_dimensions", None)
        if reset is not None:
            reset()
        for row in sheet.iter_rows(values_only=True):
            yield list(row)
    except ImportFileError:
        raise
    except Exception as error:
        raise ImportFileError(str(_NOT_SPREADSHEET)) from error
    finally:
        workbook.close()


def _csv_rows(upload: UploadedFile) -> Iterator[list[Any]]:
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(str(_NOT_UTF8)) from error
    first_line = text.lstrip().split("\n", 1)[0]
    counts = {delimiter: first_line.count(delimiter) for delimiter in (",", ";", "\t")}
    delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error as error:
        raise ImportFileError(str(_NOT_SPREADSHEET)) from error


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    # Our exports quote cells that look like formulas; take the quote off again.
    return _FORMULA_GUARD.sub("", str(value).strip())


_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")


def cell_date(value: Any) -> datetime.date | None:
    """A date from a cell; None when empty. Raises ValueError when unreadable."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value)
    if not text:
        return None
    if match := _DMY.match(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise ValueError(text)
    return datetime.date(year, month, day)


def cell_languages(text: str) -> str:
    codes = {code for code in re.split(r"[\s,;/]+", text.casefold()) if code}
    if not codes or codes - set(LANGUAGE_CODES):
        raise ValueError(text)
    return ",".join(code for code in LANGUAGE_CODES if code in codes)


def read_header(cells: list[Any], report: ImportReport) -> dict[str, int]:
    """Column key -> position; problems with the header are reported on row 1."""
    positions: dict[str, int] = {}
    for index, cell in enumerate(cells):
        text = cell_text(cell).lstrip("\ufeff")
        if not text:
            continue
        column = HEADER_LOOKUP.get(normalise(text))
        if column is None:
            report.errors.append(
                RowError(1, text, _("Unknown column: check the name against the template."))
            )
        elif column.key in positions:
            report.errors.append(RowError(1, text, _("The column appears twice.")))
        else:
            positions[column.key] = index
            report.labels[column.key] = text
    language = current_language()
    needed = [column.key for column in COLUMNS if column.required]
    if "group" in positions:
        needed += ["role", "start"]
    for key in needed:
        if key not in positions:
            report.errors.append(
                RowError(
                    1,
                    COLUMNS_BY_KEY[key].header(language),
                    _("This column is missing: it is required.")
                    if COLUMNS_BY_KEY[key].required
                    else _("This column is missing: it is required with the group column."),
                )
            )
    return positions


def raw_rows(upload: UploadedFile, report: ImportReport) -> list[RawRow]:
    rows = read_rows(upload)
    header = next(rows, None)
    if header is None:
        raise ImportFileError(str(EMPTY))
    raw: list[RawRow] = []
    positions: dict[str, int] | None = None
    if any(cell_text(cell) for cell in header):
        positions = read_header(header, report)
    for number, cells in enumerate(rows, start=2):
        if not any(cell_text(cell) for cell in cells):
            continue
        if positions is None:
            raise ImportFileError(_("The first row must hold the column headers."))
        if len(raw) == MAX_ROWS:
            raise ImportFileError(
                _(
                    "The file has more than %(limit)s rows under the header. Split it into "
                    "files of at most %(limit)s rows and import them one by one."
                )
                % {"limit": number_format(MAX_ROWS, force_grouping=True)}
            )
        raw.append(
            RawRow(
                number,
                {
                    key: cells[index]
                    for key, index in positions.items()
                    if index < len(cells) and not COLUMNS_BY_KEY[key].ignored
                },
            )
        )
    if positions is None:
        raise ImportFileError(str(EMPTY))
    return raw
