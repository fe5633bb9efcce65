"""Text extraction from uploaded documents: what the search gets out of PDF, DOCX, PPTX and ODT."""

from __future__ import annotations

import io
import zipfile

import pytest

from vip.core import uploads
from vip.materials import extraction
from vip.materials.extraction import Extraction, extract_text
from vip.materials.tests import documents


def extract(content: bytes, content_type: str) -> extraction.Extracted:
    return extract_text(io.BytesIO(content), content_type)


# --- PDF ------------------------------------------------------------------------------------


def test_it_reads_the_text_of_every_page_of_a_pdf():
    result = extract(
        documents.pdf("Erityisopettajalle tukea", "Lasten poissaolot ja äidinkieli"), uploads.PDF
    )
    assert result.status == Extraction.OK
    assert "Erityisopettajalle tukea" in result.text
    assert "Lasten poissaolot ja äidinkieli" in result.text


def test_a_pdf_that_cannot_be_parsed_fails_without_raising():
    result = extract(documents.BROKEN_PDF, uploads.PDF)
    assert result == extraction.Extracted(Extraction.FAILED, "")


def test_a_cut_off_pdf_fails_without_raising():
    assert extract(documents.pdf()[:150], uploads.PDF).status == Extraction.FAILED


def test_it_reads_no_more_than_the_page_limit(monkeypatch):
    monkeypatch.setattr(extraction, "MAX_PDF_PAGES", 2)
    result = extract(documents.pdf("yksi", "kaksi", "kolme"), uploads.PDF)
    assert "kaksi" in result.text
    assert "kolme" not in result.text


def test_it_stops_at_the_character_limit(monkeypatch):
    monkeypatch.setattr(extraction, "MAX_CHARS", 10)
    result = extract(documents.docx(("a" * 8, "b" * 8, "c" * 8)), uploads.DOCX)
    assert result.status == Extraction.OK
    assert len(result.text) == 10
    assert "c" not in result.text


# --- DOCX -----------------------------------------------------------------------------------


def test_it_reads_the_paragraphs_and_tables_of_a_docx():
    result = extract(
        documents.docx(
            ("Koulupoissaolojen seuranta", "Varhainen tuki"),
            table=(("Luokka", "Poissaolot"), ("7A", "12 %")),
        ),
        uploads.DOCX,
    )
    assert result.status == Extraction.OK
    assert result.text.split("\n") == [
        "Koulupoissaolojen seuranta",
        "Varhainen tuki",
        "Luokka",
        "Poissaolot",
        "7A",
        "12 %",
    ]


def test_it_reads_tabs_and_breaks_but_not_deleted_text_or_field_codes():
    w = documents.W_NS
    document = (
        f'<w:document xmlns:w="{w}"><w:body><w:p>'
        "<w:r><w:t>Nimi</w:t><w:tab/><w:t>Arvo</w:t><w:br/><w:t>Toinen rivi</w:t></w:r>"
        "<w:del><w:r><w:delText>poistettu</w:delText></w:r></w:del>"
        "<w:r><w:instrText>HYPERLINK</w:instrText></w:r>"
        "</w:p></w:body></w:document>"
    )
    result = extract(documents.docx(document_xml=document), uploads.DOCX)
    assert result.text == "Nimi\tArvo\nToinen rivi"


def test_a_docx_with_entity_expansion_fails_without_expanding():
    # The "billion laughs": defusedxml refuses the DTD and its entities.
    document = (
        '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        f'<w:document xmlns:w="{documents.W_NS}"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    )
    result = extract(documents.docx(document_xml=document), uploads.DOCX)
    assert result == extraction.Extracted(Extraction.FAILED, "")


def test_a_docx_that_unpacks_past_the_limit_fails(monkeypatch):
    # A zip bomb in small: a megabyte of spaces compresses to a kilobyte.
    monkeypatch.setattr(extraction, "MAX_UNPACKED_BYTES", 100_000)
    padding = " " * 1_000_000
    document = (
        f'<w:document xmlns:w="{documents.W_NS}"><w:body>{padding}'
        "<w:p><w:r><w:t>loppu</w:t></w:r></w:p></w:body></w:document>"
    )
    content = documents.docx(document_xml=document)
    assert len(content) < 10_000
    assert extract(content, uploads.DOCX).status == Extraction.FAILED


def test_a_docx_without_its_document_part_fails():
    content = documents.docx()
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                target.writestr(info, source.read(info))
    assert extract(broken.getvalue(), uploads.DOCX).status == Extraction.FAILED


def test_a_docx_with_malformed_xml_fails():
    content = documents.docx(document_xml="<w:document><w:body><w:p>")
    assert extract(content, uploads.DOCX).status == Extraction.FAILED


# --- PPTX and ODT ---------------------------------------------------------------------------


def test_it_reads_the_slides_of_a_pptx_in_their_order():
    slides = [f"Dia {n}" for n in range(1, 12)]
    result = extract(documents.pptx(*slides), uploads.PPTX)
    assert result.status == Extraction.OK
    assert result.text.split("\n") == slides


def test_it_reads_the_headings_and_paragraphs_of_an_odt():
    body = (
        "<text:h>Sairaalaopetus</text:h>"
        '<text:p>Oppilaan<text:s text:c="2"/>tuki<text:tab/>ja '
        "<text:span>oppimissuunnitelma</text:span><text:line-break/>uusi rivi</text:p>"
        "<text:p>Ennen <text:note><text:note-body><text:p>alaviite</text:p></text:note-body>"
        "</text:note>jälkeen</text:p>"
    )
    result = extract(documents.odt(body), uploads.ODT)
    assert result.status == Extraction.OK
    assert result.text.split("\n") == [
        "Sairaalaopetus",
        "Oppilaan  tuki\tja oppimissuunnitelma",
        "uusi rivi",
        "alaviite",
        "Ennen jälkeen",
    ]


def test_a_huge_space_count_in_an_odt_is_capped():
    result = extract(documents.odt('<text:p>a<text:s text:c="999999999"/>b</text:p>'), uploads.ODT)
    assert result.text == "a" + " " * 100 + "b"


# --- Everything else ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "content_type"),
    [(documents.png(), uploads.PNG), (documents.xlsx(), uploads.XLSX)],
)
def test_images_and_spreadsheets_have_no_text_to_read(content, content_type):
    assert extract(content, content_type) == extraction.Extracted(Extraction.NOT_APPLICABLE, "")


def test_control_characters_never_reach_the_text():
    result = extract(documents.pdf("Nul\x01 ja\x7f muut"), uploads.PDF)
    assert result.status == Extraction.OK
    assert "\x01" not in result.text
    assert "\x7f" not in result.text
    assert "muut" in result.text


def test_it_leaves_the_file_at_its_start():
    handle = io.BytesIO(documents.pdf())
    extract_text(handle, uploads.PDF)
    assert handle.tell() == 0
