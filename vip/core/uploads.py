"""Uploaded files: the type is read from the content, never from the name."""

from __future__ import annotations

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
DOCUMENT_TYPES = frozenset({PDF, PNG, JPEG, DOCX, XLSX, PPTX, ODT})

_OOXML_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
# An OpenDocument's "mimetype" entry is its type and nothing else (at most a few dozen
# bytes); a larger one is not read at all, so that a zip bomb never unpacks.
_MIMETYPE_MAX_BYTES = 100


def max_upload_bytes() -> int:
    return int(settings.MAX_UPLOAD_MB) * 1024 * 1024


def sniff_content_type(upload: UploadedFile) -> str | None:
    """The content type the bytes show, or None when they are none we accept."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
                if "mimetype" in names and _odf_mimetype(archive) == ODT.encode():
                    return ODT
                for part, content_type in _OOXML_PARTS.items():
                    if part in names:
                        return content_type
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
    return None


def _odf_mimetype(archive: zipfile.ZipFile) -> bytes:
    """The declared type of an OpenDocument, read only when the entry is small."""
    if archive.getinfo("mimetype").file_size > _MIMETYPE_MAX_BYTES:
        return b""
    with archive.open("mimetype") as entry:
        # The declared size may lie: never read more than the limit either way.
        return entry.read(_MIMETYPE_MAX_BYTES + 1)[:_MIMETYPE_MAX_BYTES].strip()


def verify_upload(upload: UploadedFile, allowed: frozenset[str] = DOCUMENT_TYPES) -> str:
    """Check size and type; returns the content type or raises a ValidationError."""
    limit = max_upload_bytes()
    if (upload.size or 0) > limit:
        raise ValidationError(
            _("The file is too large: at most %(limit)d MB is allowed.")
            % {"limit": settings.MAX_UPLOAD_MB},
            code="file_too_large",
        )
    content_type = sniff_content_type(upload)
    if content_type is None or content_type not in allowed:
        raise ValidationError(
            _("This type of file cannot be uploaded. Accepted: %(types)s.")
            % {"types": describe_types(allowed)},
            code="file_type",
        )
    return content_type


_TYPE_NAMES = {
    PDF: "PDF",
    PNG: "PNG",
    JPEG: "JPEG",
    DOCX: "DOCX",
    XLSX: "XLSX",
    PPTX: "PPTX",
    ODT: "ODT",
}


def describe_types(types: frozenset[str]) -> str:
    return ", ".join(sorted(_TYPE_NAMES.get(t, t) for t in types))
