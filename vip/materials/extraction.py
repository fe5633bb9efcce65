"""The text of uploaded documents, for the search index.

PDF through pypdf; DOCX, PPTX and ODT are zip archives of XML, read with defusedxml
(no entities, no DTDs) as a stream, so a large document is never held as a tree.
Every reader is bounded: pages, characters, and the bytes unpacked from the archive,
whatever sizes the archive claims, so a zip bomb stops at the limit. Anything that
goes wrong gives ``FAILED``: the file is kept and the editor is told; a parser's
error never stops the upload.
"""

from __future__ import annotations

import logging
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from defusedxml import ElementTree  # type: ignore[import-untyped]  # no type information

from vip.core import uploads
from vip.materials.models import MaterialFile

logger = logging.getLogger(__name__)

Extraction = MaterialFile.Extraction

# Enough for a long report; a larger text adds little to the search and costs index space.
MAX_CHARS = 500_000
MAX_PDF_PAGES = 400
MAX_SLIDES = 300
# The most bytes unpacked from one archive, over all its parts.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024

# Control characters (PostgreSQL text cannot hold NUL) except tab and newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_BLANK_LINES = re.compile(r"\n{3,}")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


@dataclass(frozen=True, slots=True)
class Extracted:
    status: str  # a MaterialFile.Extraction value
    text: str = ""


class TooLarge(Exception):
    """An archive unpacks to more than MAX_UNPACKED_BYTES."""


def extract_text(upload: IO[bytes], content_type: str) -> Extracted:
    """The text of a PDF, DOCX, PPTX or ODT file; other types have none to give."""
    reader = _READERS.get(content_type)
    if reader is None:
        return Extracted(Extraction.NOT_APPLICABLE)
    upload.seek(0)
    try:
        text = _tidy(reader(upload))
    except Exception as error:
        # Parsers of untrusted files fail in many ways; every one means "could not read".
        logger.info("text extraction of a %s file failed: %r", content_type, error)
        return Extracted(Extraction.FAILED)
    finally:
        upload.seek(0)
    return Extracted(Extraction.OK, text)


def _tidy(parts: Iterable[str]) -> str:
    """Join the pieces up to MAX_CHARS, without control characters or runs of blank lines."""
    kept: list[str] = []
    total = 0
    for part in parts:
        part = _CONTROL.sub(" ", part)
        kept.append(part)
        total += len(part)
        if total >= MAX_CHARS:
            break
    text = _BLANK_LINES.sub("\n\n", "\n".join(kept))
    return text.strip()[:MAX_CHARS]


# --- PDF ------------------------------------------------------------------------------------


def _pdf_text(upload: IO[bytes]) -> Iterator[str]:
    from pypdf import PdfReader  # imported here: loading pypdf is slow and rarely needed

    reader = PdfReader(upload, strict=False)
    if reader.is_encrypted:
        # Many PDFs are "encrypted" with an empty password only to restrict printing.
        reader.decrypt("")
    for number, page in enumerate(reader.pages):
        if number >= MAX_PDF_PAGES:
            break
        yield page.extract_text() or ""


# --- Zipped XML: DOCX, PPTX, ODT --------------------------------------------------------------


class _Budget:
    """Counts the bytes unpacked from one archive and stops at the limit."""

    def __init__(self) -> None:
        self.left = MAX_UNPACKED_BYTES


class _BoundedReader:
    """A file-like view of one archive entry that refuses to unpack past the budget."""

    def __init__(self, entry: IO[bytes], budget: _Budget) -> None:
        self.entry = entry
        self.budget = budget

    def read(self, size: int = -1) -> bytes:
        # Read in pieces and count what really comes out, over all parts of the archive.
        want = 64 * 1024 if size is None or size < 0 else min(size, 64 * 1024)
        data = self.entry.read(want)
        self.budget.left -= len(data)
        if self.budget.left < 0:
            raise TooLarge
        return data


def _iter_elements(archive: zipfile.ZipFile, name: str, budget: _Budget) -> Iterator[Any]:
    """The elements of one XML part as they close; each is cleared by the caller's loop."""
    if archive.getinfo(name).file_size > budget.left:
        raise TooLarge
    with archive.open(name) as entry:
        for _event, element in ElementTree.iterparse(
            _BoundedReader(entry, budget), ("end",), forbid_dtd=True
        ):
            yield element


def _docx_text(upload: IO[bytes]) -> Iterator[str]:
    """Paragraphs in order, table cells included (each cell's paragraphs are paragraphs)."""
    with zipfile.ZipFile(upload) as archive:
        yield from _paragraphs(
            _iter_elements(archive, "word/document.xml", _Budget()),
            paragraph=f"{W}p",
            pieces={f"{W}t": None, f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n"},
        )


def _pptx_text(upload: IO[bytes]) -> Iterator[str]:
    with zipfile.ZipFile(upload) as archive:
        budget = _Budget()
        for name in _slide_names(archive)[:MAX_SLIDES]:
            yield from _paragraphs(
                _iter_elements(archive, name, budget),
                paragraph=f"{A}p",
                pieces={f"{A}t": None, f"{A}br": "\n"},
            )


def _slide_names(archive: zipfile.ZipFile) -> list[str]:
    """ppt/slides/slide1.xml, slide2.xml ... in their number order."""
    pattern = re.compile(r"ppt/slides/slide(\d+)\.xml")
    found = [(int(m.group(1)), n) for n in archive.namelist() if (m := pattern.fullmatch(n))]
    return [name for _number, name in sorted(found)]


def _paragraphs(
    elements: Iterator[Any], *, paragraph: str, pieces: dict[str, str | None]
) -> Iterator[str]:
    """One string per paragraph: the text of its runs (None: the element's text), in order."""
    for element in elements:
        if element.tag != paragraph:
            continue
        parts = []
        for child in element.iter():
            if child.tag in pieces:
                parts.append(pieces[child.tag] or child.text or "")
        yield "".join(parts)
        element.clear()


def _odt_text(upload: IO[bytes]) -> Iterator[str]:
    with zipfile.ZipFile(upload) as archive:
        for element in _iter_elements(archive, "content.xml", _Budget()):
            if element.tag in (f"{TEXT}p", f"{TEXT}h"):
                yield "".join(_odf_pieces(element))
                # A paragraph inside another (a note, a frame) is read once, here.
                tail = element.tail
                element.clear()
                element.tail = tail


def _odf_pieces(element: Any) -> Iterator[str]:
    """The text of an ODF paragraph: spans, spaces (text:s c=N), tabs and line breaks."""
    if element.text:
        yield element.text
    for child in element:
        if child.tag == f"{TEXT}s":
            yield " " * _count(child.get(f"{TEXT}c"))
        elif child.tag == f"{TEXT}tab":
            yield "\t"
        elif child.tag == f"{TEXT}line-break":
            yield "\n"
        else:
            yield from _odf_pieces(child)
        if child.tail:
            yield child.tail


def _count(value: str | None) -> int:
    # A space run is short in any real document; a huge count is an attack on memory.
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1


_READERS = {
    uploads.PDF: _pdf_text,
    uploads.DOCX: _docx_text,
    uploads.PPTX: _pptx_text,
    uploads.ODT: _odt_text,
}
