"""Importing items from a JSON Lines file: every line checked first, then all written or none.

The format, one JSON object per line (empty lines are skipped, a UTF-8 byte order mark
is tolerated)::

    {"external_id": "oph-2020-9", "title": "Koulupoissaolot Suomessa", "kind": "report",
     "language": "fi", "themes": ["non-attendance"], "tags": ["poissaolot"], "year": 2020,
     "series": "OPH Raportit ja selvitykset", "number": "2020:9", "status": "published"}

* Required: ``external_id``, ``title``, ``kind``. ``kind`` is one of ``Material.Kind``'s
  values (model, research, material, checklist, info_brief, report, recording, news).
* ``title``, ``summary`` and ``body`` are in the item's ``language`` (fi, sv or en;
  Finnish by default). The other languages go in ``title_sv``, ``title_en``,
  ``summary_sv`` ... (``title_fi`` ... for an item in another language). ``body`` and
  ``summary`` are Markdown.
* ``themes`` are theme codes of the registry or the short slugs of ``THEME_ALIASES``;
  ``tags``, ``authors`` and ``publishers`` are lists of names (authors and publishers
  as written, not linked to registry organisations).
* Optional: ``year``, ``series``, ``number``, ``isbn``, ``issn``, ``url``, ``status``
  (``draft``, the default, or ``published``). Any other field is an error.

Re-importing an ``external_id`` updates that item (``material_update``) instead of
making another. The import owns the fields of the format: one missing from the line is
emptied. What editors add in the service that the format cannot carry - audiences,
related items and events, the translation link, files - is kept, and so are the authors
and publishers when the line has neither field. An item whose fields, themes, tags,
contributors and status would not change is left alone and counted as unchanged.

Status: ``published`` publishes the item at once. Imports set the status directly
instead of walking the editors' workflow (draft -> in review -> published), because the
source system has already reviewed what it exports; the change still gets a
``StatusChange`` row and an audit row. ``draft`` never withdraws an item: re-importing a
published item keeps it published and at its address (withdrawing is an editor's
decision, made with the archive step); a new item from a ``draft`` line is a draft.

The whole file is written in one transaction with one ``MATERIALS_IMPORTED`` audit row
(actor: the system); the services index each written item after the commit.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vip.audit import audit
from vip.audit.models import AuditAction
from vip.materials.models import LANGUAGES, Material, StatusChange
from vip.materials.services import items
from vip.materials.services.items import Contributor, MaterialData
from vip.network.models import Theme

# Bounds that keep a wrong or hostile file from exhausting memory: a line holds one
# item (a long body is a few hundred kilobytes), a file a national bank many times over.
MAX_LINE_BYTES = 2_000_000
MAX_LINES = 100_000
# Lines after which the command stops listing errors (the count is still given).
MAX_REPORTED_ERRORS = 200

# The short slugs of the issue and of older exports, and the registry's codes they mean.
# The registry's own codes (``Theme.code``) are always accepted as well.
THEME_ALIASES = {
    "non-attendance": "school-non-attendance",
    "activity-areas": "activity-area-teaching",
    "placed-children": "children-placed-outside-home",
    "behavioural-symptoms": "behavioural-symptoms",
}

IMPORT_STATUSES = (Material.Status.DRAFT.value, Material.Status.PUBLISHED.value)
TEXT_FIELDS = ("title", "summary", "body")
LIST_FIELDS = ("themes", "tags", "authors", "publishers")
STRING_FIELDS = (
    "external_id", "kind", "language", "status", "series", "number", "isbn", "issn", "url",
    *TEXT_FIELDS,
    *(f"{name}_{language}" for name in TEXT_FIELDS for language in LANGUAGES),
)  # fmt: skip
KNOWN_FIELDS = frozenset((*STRING_FIELDS, *LIST_FIELDS, "year"))
REQUIRED_FIELDS = ("external_id", "title", "kind")
# The service's name of a contributor error, as the file names it.
_SERVICE_FIELD_NAMES = {"contributors": "authors", "__all__": ""}


@dataclass(frozen=True, slots=True)
class LineError:
    line: int  # 1-based physical line number; 0 for the file as a whole
    field: str  # the field of the line, "" for the line as a whole
    message: str

    def __str__(self) -> str:
        where = _("Line %(line)d") % {"line": self.line} if self.line else _("The file")
        if self.field:
            return f"{where}: {self.field}: {self.message}"
        return f"{where}: {self.message}"


@dataclass(slots=True)
class ImportReport:
    lines: int = 0  # the items in the file (non-empty lines)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    published: int = 0  # existing items the import published
    dry_run: bool = False


class ImportRejected(Exception):
    """The file has bad lines; nothing was written."""

    def __init__(self, errors: list[LineError], lines: int) -> None:
        super().__init__(f"{len(errors)} errors")
        self.errors = errors
        self.lines = lines

    @property
    def bad_lines(self) -> int:
        return len({error.line for error in self.errors})


@dataclass(slots=True)
class _Item:
    """One good line, ready to write."""

    line: int
    external_id: str
    data: MaterialData
    status: str
    existing_pk: int | None = None
    action: str = "create"  # create, update, unchanged
    publish: bool = False  # an existing item the import publishes


@dataclass(slots=True)
class _Checked:
    items: list[_Item] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)
    lines: int = 0


# --- Reading -------------------------------------------------------------------------------


def _physical_lines(source: IO[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """(number, raw line) pairs; None for a line over MAX_LINE_BYTES (its rest is skipped)."""
    number = 0
    while True:
        raw = source.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip to the end of this line
                raw = source.readline(MAX_LINE_BYTES)
            yield number, None
            continue
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        yield number, raw


def _parse(number: int, raw: bytes | None) -> tuple[dict[str, Any] | None, list[LineError]]:
    if raw is None:
        message = _("The line is too long: at most %(limit)d bytes.") % {"limit": MAX_LINE_BYTES}
        return None, [LineError(number, "", message)]
    try:
        text = raw.decode("utf-8").rstrip("\r\n")  # columns then count within the line
    except UnicodeDecodeError:
        return None, [LineError(number, "", _("The line is not UTF-8 text."))]
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        message = _("The line is not valid JSON: %(reason)s at column %(column)d.") % {
            "reason": _json_reason(error.msg),
            "column": error.colno,
        }
        return None, [LineError(number, "", message)]
    except RecursionError:
        message = _("The line is not valid JSON: it is nested too deeply.")
        return None, [LineError(number, "", message)]
    if not isinstance(value, dict):
        return None, [LineError(number, "", _("The line must be a JSON object ({...})."))]
    return value, []


def _json_reason(reason: str) -> str:
    """The JSON parser's reason in the user's language (its own messages are English)."""
    for start, translated in _JSON_REASONS:
        if reason.startswith(start):
            return str(translated)
    return str(_("the syntax is wrong"))


# The reasons of Python's json module, by how they start.
_JSON_REASONS = (
    ("Expecting value", gettext_lazy("a value is missing")),
    ("Expecting property name", gettext_lazy("a field name must be in double quotes")),
    ("Expecting ',' delimiter", gettext_lazy("a comma is missing")),
    ("Expecting ':' delimiter", gettext_lazy("a colon is missing")),
    ("Unterminated string", gettext_lazy("a text is not closed with a double quote")),
    ("Invalid control character", gettext_lazy("a text contains a control character")),
    ("Invalid \\escape", gettext_lazy("a text contains an invalid escape")),
    ("Invalid \\uXXXX escape", gettext_lazy("a text contains an invalid escape")),
    ("Extra data", gettext_lazy("there is more after the JSON object")),
    ("Illegal trailing comma", gettext_lazy("a comma is followed by nothing")),
)


# --- Checking one line ---------------------------------------------------------------------


def _check_fields(number: int, row: dict[str, Any]) -> list[LineError]:
    """Unknown fields and missing required ones."""
    errors = [
        LineError(
            number,
            name,
            _("Unknown field. The fields are: %(fields)s.")
            % {"fields": ", ".join(sorted(KNOWN_FIELDS))},
        )
        for name in sorted(set(row) - KNOWN_FIELDS)
    ]
    for name in REQUIRED_FIELDS:
        value = row.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            errors.append(LineError(number, name, _("This field is required.")))
    return errors


def _check_types(number: int, row: dict[str, Any]) -> list[LineError]:
    """The JSON types; null is the same as a missing field."""
    errors = [
        LineError(number, name, _("Must be text (a JSON string)."))
        for name in STRING_FIELDS
        if row.get(name) is not None and not isinstance(row[name], str)
    ]
    for name in LIST_FIELDS:
        value = row.get(name)
        if value is not None and not (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            errors.append(LineError(number, name, _('Must be a list of texts, e.g. ["a", "b"].')))
    year = row.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        errors.append(LineError(number, "year", _("Must be a whole number, e.g. 2020.")))
    return errors


def _text(row: dict[str, Any], name: str) -> str:
    value = row.get(name)
    return value.strip() if isinstance(value, str) else ""


def _one_of(number: int, name: str, value: str, allowed: Sequence[str]) -> list[LineError]:
    if value in allowed:
        return []
    return [
        LineError(
            number,
            name,
            _("Unknown value “%(value)s”. Use one of: %(allowed)s.")
            % {"value": value, "allowed": ", ".join(allowed)},
        )
    ]


def _themes(
    number: int, slugs: list[str], by_code: dict[str, Theme]
) -> tuple[list[Theme], list[LineError]]:
    themes: list[Theme] = []
    errors = []
    for slug in slugs:
        code = slug.strip().lower()
        theme = by_code.get(THEME_ALIASES.get(code, code))
        if theme is None:
            allowed = sorted({*by_code, *THEME_ALIASES})
            errors.append(
                LineError(
                    number,
                    "themes",
                    _("Unknown theme “%(theme)s”. Use one of: %(allowed)s.")
                    % {"theme": slug, "allowed": ", ".join(allowed)},
                )
            )
        elif theme not in themes:
            themes.append(theme)
    return themes, errors


def _texts(
    number: int, row: dict[str, Any], language: str
) -> tuple[dict[str, str], list[LineError]]:
    """``title`` etc. go to the item's own language; ``title_sv`` etc. to theirs."""
    texts: dict[str, str] = {}
    errors = []
    for name in TEXT_FIELDS:
        for code in LANGUAGES:
            texts[f"{name}_{code}"] = _text(row, f"{name}_{code}")
        own = f"{name}_{language}"
        if row.get(name) is not None and row.get(own) is not None:
            errors.append(
                LineError(
                    number,
                    own,
                    _(
                        "Give either “%(plain)s” or “%(own)s”: "
                        "both are the text in the item's language."
                    )
                    % {"plain": name, "own": own},
                )
            )
        elif row.get(name) is not None:
            texts[own] = _text(row, name)
    return texts, errors


def _contributors(row: dict[str, Any]) -> list[Contributor] | None:
    """None when the line has neither field: the item keeps its authors and publishers."""
    if row.get("authors") is None and row.get("publishers") is None:
        return None
    return [
        Contributor(role=role, name=name.strip())
        for key, role in (("authors", "author"), ("publishers", "publisher"))
        for name in row.get(key) or []
        if name.strip()
    ]


def _data(
    row: dict[str, Any], language: str, texts: dict[str, str], themes: list[Theme]
) -> MaterialData:
    data = MaterialData(
        kind=_text(row, "kind"),
        language=language,
        external_id=_text(row, "external_id"),
        year=row.get("year"),
        series=_text(row, "series"),
        number=_text(row, "number"),
        isbn=_text(row, "isbn"),
        issn=_text(row, "issn"),
        url=_text(row, "url"),
        themes=themes,
        tags=[tag for tag in row.get("tags") or [] if tag.strip()],
    )
    for name, value in texts.items():
        setattr(data, name, value)
    return data


def _keep_what_the_format_lacks(
    data: MaterialData, existing: Material, row: dict[str, Any]
) -> None:
    data.original = existing.original
    data.sectors = list(existing.sectors.all())
    data.school_levels = list(existing.school_levels.all())
    data.related_items = list(existing.related_items.all())
    data.related_events = list(existing.related_events.all())
    contributors = _contributors(row)
    data.contributors = (
        contributors
        if contributors is not None
        else [
            Contributor(role=c.role, organisation=c.organisation, name=c.name)
            for c in existing.contributors.all()
        ]
    )


def _service_errors(
    number: int, error: ValidationError, language: str, reported: set[str]
) -> list[LineError]:
    errors: list[LineError] = []
    for name, messages in error.message_dict.items():
        for text_field in TEXT_FIELDS:
            if name == f"{text_field}_{language}":
                name = text_field
        name = _SERVICE_FIELD_NAMES.get(name, name)
        if name in reported:
            continue  # already explained in the import's own words
        errors.extend(LineError(number, name, message) for message in messages)
    return errors


def _snapshot(material: Material) -> tuple[Any, ...]:
    """What an import line decides about an item, to tell an unchanged one."""
    return (
        tuple(getattr(material, name) for name in items.FIELDS),
        sorted(theme.pk for theme in material.themes.all()),
        sorted(tag.name.lower() for tag in material.tags.all()),
        [(c.role, c.organisation_id, c.name) for c in material.contributors.all()],
    )


def _snapshot_of(item: Material, data: MaterialData) -> tuple[Any, ...]:
    return (
        tuple(getattr(item, name) for name in items.FIELDS),
        sorted(theme.pk for theme in data.themes),
        sorted({items.clean_tag(tag).lower() for tag in data.tags} - {""}),
        [
            (c.role, c.organisation.pk if c.organisation else None, c.name.strip())
            for c in data.contributors
        ],
    )


def _check_line(
    number: int, row: dict[str, Any], existing: Material | None, themes_by_code: dict[str, Theme]
) -> tuple[_Item | None, list[LineError]]:
    errors = _check_fields(number, row)
    type_errors = _check_types(number, row)
    if type_errors:
        return None, errors + type_errors  # the values cannot be read any further
    language = _text(row, "language") or "fi"
    status = _text(row, "status") or Material.Status.DRAFT
    kind = _text(row, "kind")
    errors += _one_of(number, "kind", kind, Material.Kind.values) if kind else []
    errors += _one_of(number, "language", language, LANGUAGES)
    errors += _one_of(number, "status", status, IMPORT_STATUSES)
    if language not in LANGUAGES:
        language = "fi"  # so the texts can still be checked
    themes, theme_errors = _themes(number, row.get("themes") or [], themes_by_code)
    texts, text_errors = _texts(number, row, language)
    errors += theme_errors + text_errors
    data = _data(row, language, texts, themes)
    contributors = _contributors(row)
    data.contributors = contributors or []
    before = None
    if existing is not None:
        _keep_what_the_format_lacks(data, existing, row)
        before = _snapshot(existing)
    # The service checks a copy: validate() writes the values onto the item it is given.
    copy = Material.objects.get(pk=existing.pk) if existing is not None else None
    try:
        checked = items.validate(data, material=copy)
    except ValidationError as error:
        reported = {e.field for e in errors}
        return None, errors + _service_errors(number, error, language, reported)
    if errors:
        return None, errors
    item = _Item(number, data.external_id or "", data, status)
    if existing is not None:
        item.existing_pk = existing.pk
        # An import publishes drafts and items in review; an item its editors archived
        # (took down) stays archived.
        item.publish = status == Material.Status.PUBLISHED and existing.status in (
            Material.Status.DRAFT,
            Material.Status.REVIEW,
        )
        unchanged = before == _snapshot_of(checked, data) and not item.publish
        item.action = "unchanged" if unchanged else "update"
    return item, []


# --- Checking the file ---------------------------------------------------------------------


def _existing(external_ids: list[str]) -> dict[str, Material]:
    found: dict[str, Material] = {}
    chunk = 500  # SQLite bounds the parameters of one query
    for start in range(0, len(external_ids), chunk):
        rows = Material.objects.filter(
            external_id__in=external_ids[start : start + chunk]
        ).prefetch_related(
            "themes", "tags", "contributors__organisation", "sectors", "school_levels",
            "related_items", "related_events",
        )  # fmt: skip
        found.update({row.external_id: row for row in rows if row.external_id})
    return found


def _read(source: IO[bytes], checked: _Checked) -> list[tuple[int, dict[str, Any]]]:
    rows = []
    for number, raw in _physical_lines(source):
        if raw is not None and not raw.strip():
            continue
        checked.lines += 1
        if checked.lines > MAX_LINES:
            checked.errors.append(
                LineError(
                    0,
                    "",
                    _("The file has more than %(limit)d items; split it into smaller files.")
                    % {"limit": MAX_LINES},
                )
            )
            break
        row, errors = _parse(number, raw)
        checked.errors += errors
        if row is not None:
            rows.append((number, row))
    return rows


def check_file(source: IO[bytes]) -> _Checked:
    """Every line checked, nothing written: the good items and the errors of the bad lines."""
    checked = _Checked()
    rows = _read(source, checked)
    first_line: dict[str, int] = {}
    for number, row in rows:
        external_id = row.get("external_id")
        if not isinstance(external_id, str) or not external_id.strip():
            continue
        key = external_id.strip()
        if key in first_line:
            checked.errors.append(
                LineError(
                    number,
                    "external_id",
                    _("The external identifier “%(id)s” is also on line %(line)d.")
                    % {"id": key, "line": first_line[key]},
                )
            )
        else:
            first_line[key] = number
    existing = _existing(list(first_line))
    themes_by_code = {theme.code: theme for theme in Theme.objects.all()}
    for number, row in rows:
        external_id = row.get("external_id")
        match = existing.get(external_id.strip()) if isinstance(external_id, str) else None
        item, errors = _check_line(number, row, match, themes_by_code)
        checked.errors += errors
        if item is not None:
            checked.items.append(item)
    checked.errors.sort(key=lambda error: error.line)
    return checked


# --- Writing -------------------------------------------------------------------------------


def _publish(material: Material) -> None:
    from_status = material.status
    material.status = Material.Status.PUBLISHED
    if material.published_at is None:
        material.published_at = timezone.now()
    material.save(update_fields=["status", "published_at", "updated_at"])
    StatusChange.objects.create(
        material=material,
        from_status=from_status,
        to_status=material.status,
        comment=_("Published by an import."),
        changed_by=None,
    )
    audit.record(
        AuditAction.MATERIAL_STATUS_CHANGED,
        actor=None,
        target=material,
        details={"from": from_status, "to": material.status, "import": True},
    )


def _write(item: _Item, report: ImportReport) -> None:
    if item.action == "unchanged":
        report.unchanged += 1
        return
    if item.existing_pk is None:
        items.material_create(actor=None, data=item.data, status=item.status)
        report.created += 1
        return
    material = Material.objects.select_for_update().get(pk=item.existing_pk)
    material = items.material_update(actor=None, material=material, data=item.data)
    if item.publish:
        _publish(material)
        report.published += 1
    report.updated += 1


def _count(checked: _Checked, report: ImportReport) -> None:
    for item in checked.items:
        if item.action == "unchanged":
            report.unchanged += 1
        elif item.existing_pk is None:
            report.created += 1
        else:
            report.updated += 1
            report.published += item.publish


def import_materials(source: IO[bytes], *, dry_run: bool = False, name: str = "") -> ImportReport:
    """Import the JSON Lines in ``source``: all of it, or nothing and ``ImportRejected``.

    ``name`` (the file's name) goes into the audit row. ``dry_run`` checks and counts
    what would be created, updated or left unchanged, and writes nothing.
    """
    report = ImportReport(dry_run=dry_run)
    with transaction.atomic():
        checked = check_file(source)
        report.lines = checked.lines
        if checked.errors:
            raise ImportRejected(checked.errors, checked.lines)
        if dry_run:
            _count(checked, report)
            return report
        try:
            for item in checked.items:
                _write(item, report)
        except ValidationError as error:
            # Another writer got in between the check and the write (an external id taken).
            line = LineError(item.line, "", " ".join(error.messages))
            raise ImportRejected([line], checked.lines) from error
        except IntegrityError as error:
            line = LineError(item.line, "", _("The item conflicts with one saved meanwhile."))
            raise ImportRejected([line], checked.lines) from error
        audit.record(
            AuditAction.MATERIALS_IMPORTED,
            actor=None,
            target_type="materials.material",
            details={
                "file": name[-200:],
                "lines": report.lines,
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "published": report.published,
            },
        )
    return report
