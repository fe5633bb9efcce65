"""Import of people and memberships from one CSV or XLSX file, all or nothing.

The file is read and every cell checked first (reading, rows). Then every row is
applied through the services inside one transaction (apply), collecting their
ValidationErrors per row instead of stopping at the first, so the rules across
rows (one chair, no overlapping duplicates, deputies with a serving principal,
dates inside the term) are checked exactly as the forms check them. Any error,
or a dry run, rolls the whole transaction back: nothing is written unless every
row is valid.

Matching: people by e-mail (case-insensitive), memberships by person, group,
role and start date. An empty cell leaves the stored value as it is; the import
never clears data. The columns are described in docs/import-template.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from vip.audit import audit
from vip.audit.models import AuditAction
from vip.network.imports.apply import Importer
from vip.network.imports.columns import (
    COLUMNS,
    COLUMNS_BY_KEY,
    LANGUAGES,
    current_language,
    guide_rows,
    role_word,
    status_word,
    template_table,
)
from vip.network.imports.reading import MAX_ROWS, ImportFileError, raw_rows
from vip.network.imports.report import ERRORS_SHOWN, Counts, ImportReport, RowError
from vip.network.imports.rows import Lookups, RowParser

if TYPE_CHECKING:
    from vip.accounts.models import User

__all__ = [
    "COLUMNS",
    "COLUMNS_BY_KEY",
    "ERRORS_SHOWN",
    "LANGUAGES",
    "MAX_ROWS",
    "Counts",
    "ImportReport",
    "RowError",
    "current_language",
    "guide_rows",
    "role_word",
    "run_import",
    "status_word",
    "template_table",
]


class _Rollback(Exception):
    pass


def run_import(*, actor: User, upload: UploadedFile, dry_run: bool = False) -> ImportReport:
    """Validate and apply the file; nothing is written unless every row is valid."""
    report = ImportReport(dry_run=dry_run)
    try:
        raw = raw_rows(upload, report)
    except ImportFileError as error:
        report.file_error = error.message
        return report
    if report.errors:
        return report
    if not raw:
        report.file_error = _("The file has a header but no rows under it.")
        return report
    report.rows = len(raw)
    lookups = Lookups(actor, raw)
    parser = RowParser(lookups, report)
    parsed = [row for row in (parser.parse(raw_row) for raw_row in raw) if row is not None]
    try:
        with transaction.atomic():
            Importer(actor, lookups, report, parser.failed_people).apply(parsed)
            if report.errors or dry_run:
                raise _Rollback
            audit.record(
                AuditAction.NETWORK_IMPORTED,
                actor=actor,
                target_type="network.person",
                details={
                    "rows": report.rows,
                    "people": report.people.as_dict(),
                    "memberships": report.memberships.as_dict(),
                },
            )
    except _Rollback:
        pass
    return report
