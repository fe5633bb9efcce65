"""What an import found: the problems by row and column, or the counts of what it did."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from vip.network.imports.columns import COLUMNS_BY_KEY, current_language

# The import page lists at most this many problems; the count says how many there are.
ERRORS_SHOWN = 500


@dataclass(slots=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass(slots=True)
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


@dataclass
class ImportReport:
    dry_run: bool = False
    # A problem with the file as a whole (too large, not a spreadsheet, empty).
    file_error: str = ""
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0
    people: Counts = field(default_factory=Counts)
    memberships: Counts = field(default_factory=Counts)
    # The header text the file used for each column, to name columns in errors.
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.file_error and not self.errors

    def add(self, row: int, column: str, message: str) -> None:
        label = self.labels.get(column) or (
            COLUMNS_BY_KEY[column].header(current_language()) if column in COLUMNS_BY_KEY else ""
        )
        self.errors.append(RowError(row, label, str(message)))

    def add_validation_error(
        self, row: int, error: ValidationError, columns: dict[str, str], default: str
    ) -> None:
        """Spread a service's ValidationError over the columns its fields come from."""
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                column = columns.get(name, default) if name != NON_FIELD_ERRORS else default
                for message in messages:
                    self.add(row, column, message)
        else:
            for message in error.messages:
                self.add(row, default, message)

    def sorted_errors(self) -> list[RowError]:
        return sorted(self.errors, key=lambda error: error.row)
