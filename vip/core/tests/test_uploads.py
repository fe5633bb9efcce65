"""Uploads are accepted by what their bytes are, never by their name, and within a size limit."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from vip.core import uploads


def zipped(files: dict[str, bytes], name: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path, content in files.items():
            archive.writestr(path, content)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.mark.parametrize(
    ("upload", "expected"),
    [
        (SimpleUploadedFile("a.pdf", b"%PDF-1.4\n..."), uploads.PDF),
        (SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n...."), uploads.PNG),
        (SimpleUploadedFile("a.jpg", b"\xff\xd8\xff\xe0...."), uploads.JPEG),
        (zipped({"word/document.xml": b"<w/>"}, "a.docx"), uploads.DOCX),
        (zipped({"xl/workbook.xml": b"<w/>"}, "a.xlsx"), uploads.XLSX),
        (zipped({"ppt/presentation.xml": b"<p/>"}, "a.pptx"), uploads.PPTX),
        (zipped({"mimetype": uploads.ODT.encode()}, "a.odt"), uploads.ODT),
    ],
)
def test_it_recognises_each_accepted_type_from_its_content(upload, expected):
    assert uploads.verify_upload(upload) == expected


def test_it_refuses_a_text_file_named_like_a_pdf():
    upload = SimpleUploadedFile("minutes.pdf", b"just text, not a PDF")

    with pytest.raises(ValidationError) as raised:
        uploads.verify_upload(upload)

    assert raised.value.code == "file_type"
    assert "PDF" in raised.value.messages[0]


def test_it_refuses_a_zip_that_is_no_office_document():
    with pytest.raises(ValidationError):
        uploads.verify_upload(zipped({"readme.txt": b"x"}, "a.docx"))


def test_it_refuses_a_file_over_the_configured_limit(settings):
    settings.MAX_UPLOAD_MB = 1
    upload = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (1024 * 1024))

    with translation.override("en"), pytest.raises(ValidationError) as raised:
        uploads.verify_upload(upload)

    assert raised.value.code == "file_too_large"
    assert "1 MB" in raised.value.messages[0]


def test_it_can_limit_the_accepted_types():
    with pytest.raises(ValidationError):
        uploads.verify_upload(
            SimpleUploadedFile("a.pdf", b"%PDF-1.4"), allowed=frozenset({uploads.XLSX})
        )


def zipped_compressed(files: dict[str, bytes], name: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, content in files.items():
            archive.writestr(path, content)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_it_refuses_an_oversized_mimetype_entry_without_unpacking_it(monkeypatch):
    # A few kilobytes on the wire that would unpack to 20 MB: a zip bomb in miniature.
    bomb = zipped_compressed({"mimetype": uploads.ODT.encode() + b" " * 20_000_000}, "a.odt")
    assert bomb.size < 100_000
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(archive, name, *args, **kwargs):
        opened.append(getattr(name, "filename", name))
        return real_open(archive, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)

    with pytest.raises(ValidationError) as raised:
        uploads.verify_upload(bomb)

    assert raised.value.code == "file_type"
    assert "mimetype" not in opened
