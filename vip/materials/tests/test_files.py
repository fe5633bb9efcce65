"""Files of the materials bank: checked uploads under generated names, their text for the
search, downloads only for those who see the item, removal by the item's editors."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from vip.accounts.models import User
from vip.audit.models import AuditAction, AuditEvent
from vip.core import uploads
from vip.materials.models import Material, MaterialFile
from vip.materials.services.files import add_file, remove_file
from vip.materials.tests import documents
from vip.materials.tests.builders import PLACED_CHILDREN, expert_member, make_material

pytestmark = pytest.mark.usefixtures("reference_data")
Status = Material.Status
FILE_ACTIONS = (AuditAction.MATERIAL_FILE_ADDED, AuditAction.MATERIAL_FILE_REMOVED)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def file_audits() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action__in=FILE_ACTIONS).order_by("id"))


def raw(name: str, content: bytes) -> File:
    """A file as a service gets it from an import or the shell: the name exactly as given
    (an UploadedFile would already have dropped path parts)."""
    return File(io.BytesIO(content), name=name)


def attach(material: Material, name: str = "a.pdf", content: bytes | None = None) -> MaterialFile:
    content = documents.pdf() if content is None else content
    return add_file(actor=None, material=material, upload=documents.upload(name, content))


def upload_as(client, material, name: str, content: bytes, title: str = ""):
    data = {"file": documents.upload(name, content), "title": title}
    return client.post(f"/en/materials/{material.pk}/files/", data)


@pytest.fixture
def item() -> Material:
    return make_material(title_fi="Koulupoissaolojen selvitys 2020")


@pytest.fixture
def draft() -> Material:
    return make_material(status=Status.DRAFT, title_fi="Keskeneräinen opas")


# --- Adding: what is stored -------------------------------------------------------------------


class TestAdding:
    def test_a_pdf_is_stored_under_a_generated_name_with_its_text_and_audited(
        self, item, national_admin, media_root
    ):
        content = documents.pdf("Erityisopettajalle tukea poissaoloihin")

        added = add_file(
            actor=national_admin,
            material=item,
            upload=documents.upload("Selvitys 2020.pdf", content),
            title="Koko raportti",
        )

        added.refresh_from_db()
        assert added.original_name == "Selvitys 2020.pdf"
        assert added.title == "Koko raportti"
        assert added.content_type == uploads.PDF
        assert added.size == len(content)
        assert added.extraction == MaterialFile.Extraction.OK
        assert "Erityisopettajalle tukea poissaoloihin" in added.text
        assert added.uploaded_by == national_admin
        [path] = stored_files(media_root)
        assert path.read_bytes() == content
        # The stored name is generated: nothing of the name the user gave.
        assert added.file.name.startswith(f"materials/{item.pk}/")
        assert "Selvitys" not in added.file.name
        assert not path.suffix
        [event] = file_audits()
        assert (event.action, event.actor, event.target_id) == (
            AuditAction.MATERIAL_FILE_ADDED,
            national_admin,
            str(added.pk),
        )
        assert event.details["material"] == item.pk

    def test_a_docx_keeps_its_paragraphs_and_tables_as_text(self, item):
        content = documents.docx(("Sairaalaopetuksen opas",), table=(("Oppilas", "Tuki"),))
        added = attach(item, "opas.docx", content)
        assert added.content_type == uploads.DOCX
        assert added.extraction == MaterialFile.Extraction.OK
        assert added.text == "Sairaalaopetuksen opas\nOppilas\nTuki"

    @pytest.mark.parametrize(
        ("content", "content_type"),
        [
            (documents.png(), uploads.PNG),
            (b"\xff\xd8\xff\xe0" + b"\x00" * 100, uploads.JPEG),
            (documents.xlsx(), uploads.XLSX),
            (documents.pptx("Dia"), uploads.PPTX),
            (documents.odt("<text:p>Teksti</text:p>"), uploads.ODT),
        ],
    )
    def test_every_accepted_type_is_stored(self, item, media_root, content, content_type):
        # The name says nothing: the type comes from the bytes.
        added = attach(item, "tiedosto", content)
        assert added.content_type == content_type
        assert len(stored_files(media_root)) == 1

    def test_a_pdf_that_cannot_be_read_is_kept_with_the_failure_recorded(self, item, media_root):
        added = add_file(
            actor=None, material=item, upload=documents.upload("rikki.pdf", documents.BROKEN_PDF)
        )
        added.refresh_from_db()
        assert added.extraction == MaterialFile.Extraction.FAILED
        assert added.extraction_failed
        assert added.text == ""
        assert stored_files(media_root)[0].read_bytes() == documents.BROKEN_PDF
        assert [e.action for e in file_audits()] == [AuditAction.MATERIAL_FILE_ADDED]

    def test_files_take_the_next_position(self, item):
        first = attach(item)
        second = attach(item, "b.png", documents.png())
        assert (first.position, second.position) == (0, 1)
        assert list(item.files.all()) == [first, second]

    def test_a_name_from_a_mac_is_kept_in_composed_form(self, item):
        decomposed = "Po\u0308yta\u0308kirja.pdf"
        added = add_file(actor=None, material=item, upload=raw(decomposed, documents.pdf()))
        assert added.original_name == "Pöytäkirja.pdf"


# --- Adding: bad input ------------------------------------------------------------------------


def assert_nothing_written(media_root: Path) -> None:
    assert not MaterialFile.objects.exists()
    assert stored_files(media_root) == []
    assert file_audits() == []


class TestRefusing:
    def test_a_text_file_named_pdf_is_refused(self, item, media_root):
        with pytest.raises(ValidationError) as caught:
            add_file(
                actor=None,
                material=item,
                upload=documents.upload("raportti.pdf", b"Just some text, not a PDF.\n"),
            )
        assert caught.value.message_dict == {
            "file": [
                "This type of file cannot be uploaded. "
                "Accepted: DOCX, JPEG, ODT, PDF, PNG, PPTX, XLSX."
            ]
        }
        assert_nothing_written(media_root)

    @pytest.mark.parametrize(
        "content",
        [
            b"PK\x03\x04 not really a zip archive",
            b"GIF89a\x01\x00\x01\x00",
            b"<html><script>alert(1)</script></html>",
            b"",
        ],
        ids=["broken-zip", "gif", "html", "empty"],
    )
    def test_content_of_no_accepted_type_is_refused(self, item, media_root, content):
        with pytest.raises(ValidationError) as caught:
            attach(item, "x.pdf", content)
        assert "This type of file cannot be uploaded." in caught.value.message_dict["file"][0]
        assert_nothing_written(media_root)

    def test_an_oversized_file_is_refused(self, item, media_root, settings):
        settings.MAX_UPLOAD_MB = 1
        content = documents.pdf() + b"0" * (1024 * 1024)
        with pytest.raises(ValidationError) as caught:
            attach(item, "iso.pdf", content)
        assert caught.value.message_dict == {
            "file": ["The file is too large: at most 1 MB is allowed."]
        }
        assert_nothing_written(media_root)

    @pytest.mark.parametrize(
        ("name", "message"),
        [
            ("../../etc/passwd.pdf", "The file name must not contain / or \\."),
            ("a/b.pdf", "The file name must not contain / or \\."),
            ("/tmp/x.pdf", "The file name must not contain / or \\."),
            ("..\\..\\boot.pdf", "The file name must not contain / or \\."),
            ("C:\\Users\\x.pdf", "The file name must not contain / or \\."),
            ("x\x00.pdf", "The file name contains control characters."),
            ("rivi\nvaihto.pdf", "The file name contains control characters."),
            ("x\x1b[31m.pdf", "The file name contains control characters."),
            ("raportti\u202efdp.exe", "The file name contains control characters."),
            ("", "The file has no name."),
            ("   ", "The file has no name."),
            ("..", "The file has no name."),
            ("a" * 197 + ".pdf", "The file name is too long: at most 200 characters are allowed."),
        ],
        ids=[
            "parent-dirs",
            "slash",
            "absolute",
            "backslashes",
            "windows-path",
            "nul",
            "newline",
            "escape",
            "right-to-left-override",
            "empty",
            "blank",
            "dots",
            "201-characters",
        ],
    )
    def test_a_bad_file_name_is_refused(self, item, media_root, name, message):
        with pytest.raises(ValidationError) as caught:
            add_file(actor=None, material=item, upload=raw(name, documents.pdf()))
        [text] = caught.value.message_dict["file"]
        assert text.startswith(message)
        assert_nothing_written(media_root)

    def test_a_name_of_200_characters_is_accepted(self, item):
        name = "a" * 196 + ".pdf"
        added = add_file(actor=None, material=item, upload=raw(name, documents.pdf()))
        assert added.original_name == name

    def test_a_too_long_description_is_refused(self, item, media_root):
        with pytest.raises(ValidationError) as caught:
            add_file(
                actor=None,
                material=item,
                upload=documents.upload("a.pdf", documents.pdf()),
                title="x" * 201,
            )
        assert "title" in caught.value.message_dict
        assert_nothing_written(media_root)

    def test_a_save_that_fails_after_the_bytes_are_written_leaves_no_file(self, item, media_root):
        # An account that was never saved cannot be referred to: the row's INSERT fails.
        ghost = User(email="ghost@example.com")
        with pytest.raises(ValueError, match="unsaved related object"):
            add_file(actor=ghost, material=item, upload=documents.upload("a.pdf", documents.pdf()))
        assert_nothing_written(media_root)

    def test_a_file_for_an_item_removed_meanwhile_leaves_nothing(self, item, media_root):
        Material.objects.filter(pk=item.pk).delete()
        with pytest.raises((ValidationError, Material.DoesNotExist)):
            attach(item)
        assert_nothing_written(media_root)


# --- Removing ---------------------------------------------------------------------------------


class TestRemoving:
    def test_the_row_goes_and_the_bytes_after_the_commit(
        self, item, national_admin, media_root, django_capture_on_commit_callbacks
    ):
        added = attach(item)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            remove_file(actor=national_admin, file=added)
            # Until the commit, the bytes stay: a rollback would need them.
            assert len(stored_files(media_root)) == 1
        for callback in callbacks:
            callback()
        assert not MaterialFile.objects.exists()
        assert stored_files(media_root) == []
        removed = file_audits()[-1]
        assert (removed.action, removed.actor, removed.target_id) == (
            AuditAction.MATERIAL_FILE_REMOVED,
            national_admin,
            str(added.pk),
        )
        assert removed.details["name"] == "a.pdf"

    def test_a_removal_that_is_rolled_back_keeps_the_file(self, item, media_root):
        added = attach(item)

        def remove_then_fail() -> None:
            with transaction.atomic():
                remove_file(actor=None, file=added)
                raise RuntimeError

        with pytest.raises(RuntimeError):
            remove_then_fail()
        assert MaterialFile.objects.filter(pk=added.pk).exists()
        assert len(stored_files(media_root)) == 1
        assert [e.action for e in file_audits()] == [AuditAction.MATERIAL_FILE_ADDED]


# --- The editors' page ------------------------------------------------------------------------


class TestFilesPage:
    def test_an_editor_sees_the_files_with_type_size_and_status(
        self, client, login, national_admin, item
    ):
        pdf = add_file(
            actor=None,
            material=item,
            upload=documents.upload("Selvitys.pdf", documents.pdf()),
            title="Koko raportti",
        )
        attach(item, "kuva.png", documents.png())
        login(client, national_admin)

        response = client.get(f"/en/materials/{item.pk}/files/")

        assert response.status_code == 200
        page = response.content.decode()
        assert f'href="/en/materials/files/{pdf.pk}/"' in page
        for text in ("Selvitys.pdf", "Koko raportti", "PDF", "PNG", "Text extracted"):
            assert text in page
        assert "Not a text document" in page
        assert f'href="/en/materials/files/{pdf.pk}/delete/"' in page
        assert 'enctype="multipart/form-data"' in page
        assert 'class="govuk-file-upload"' in page
        assert "could not be read" not in page

    def test_an_editor_uploads_a_file(self, client, login, national_admin, item, media_root):
        login(client, national_admin)

        response = upload_as(client, item, "Pöytäkirja.pdf", documents.pdf(), title="Liite 1")

        assert response.status_code == 302
        assert response["Location"] == f"/en/materials/{item.pk}/files/"
        added = MaterialFile.objects.get()
        assert (added.original_name, added.title, added.uploaded_by) == (
            "Pöytäkirja.pdf",
            "Liite 1",
            national_admin,
        )
        assert len(stored_files(media_root)) == 1
        page = client.get(response["Location"]).content.decode()
        assert "Pöytäkirja.pdf was added." in page

    def test_an_expert_of_the_items_theme_uploads_a_file(self, client, login, item):
        login(client, expert_member())
        assert upload_as(client, item, "a.pdf", documents.pdf()).status_code == 302
        assert MaterialFile.objects.count() == 1

    def test_an_unreadable_pdf_is_kept_and_the_page_warns(
        self, client, login, national_admin, item
    ):
        login(client, national_admin)

        response = upload_as(client, item, "skannattu.pdf", documents.BROKEN_PDF)

        assert response.status_code == 302
        assert MaterialFile.objects.get().extraction_failed
        page = client.get(response["Location"]).content.decode()
        assert "skannattu.pdf was added, but its text could not be read for the search." in page
        assert "govuk-warning-text" in page
        assert "The text of this file could not be read" in page
        assert "Text could not be read" in page  # its status in the table

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            (
                "agenda.pdf",
                b"Just some text, not a PDF.\n",
                "This type of file cannot be uploaded.",
            ),
            ("kuva.pdf", b"GIF89a\x01\x00", "This type of file cannot be uploaded."),
        ],
    )
    def test_a_refused_file_shows_its_error_and_writes_nothing(
        self, client, login, national_admin, item, media_root, name, content, message
    ):
        login(client, national_admin)

        response = upload_as(client, item, name, content)

        assert response.status_code == 200
        page = response.content.decode()
        assert "There is a problem" in page
        assert f'<a href="#id_file">File: {message}' in page
        assert 'id="id_file-error"' in page
        assert "<title>Error:" in page
        assert_nothing_written(media_root)

    def test_an_oversized_upload_shows_its_error(
        self, client, login, national_admin, item, media_root, settings
    ):
        settings.MAX_UPLOAD_MB = 1
        login(client, national_admin)
        response = upload_as(client, item, "iso.pdf", documents.pdf() + b"0" * (1024 * 1024))
        assert "The file is too large: at most 1 MB is allowed." in response.content.decode()
        assert_nothing_written(media_root)

    def test_it_asks_for_a_file_when_none_was_chosen(
        self, client, login, national_admin, item, media_root
    ):
        login(client, national_admin)
        response = client.post(f"/en/materials/{item.pk}/files/", {"title": "Ilman tiedostoa"})
        assert response.status_code == 200
        assert "Choose a file to upload." in response.content.decode()
        assert_nothing_written(media_root)

    def test_a_path_in_the_posted_name_never_reaches_the_stored_name(
        self, client, login, national_admin, item, media_root
    ):
        # Django's form parsing keeps only the last part of a posted name.
        login(client, national_admin)
        boundary = "vipboundary"
        body = (
            (
                f"--{boundary}\r\n"
                'Content-Disposition: form-data; name="file"; filename="../../etc/raportti.pdf"\r\n'
                "Content-Type: application/pdf\r\n\r\n"
            ).encode()
            + documents.pdf()
            + f"\r\n--{boundary}--\r\n".encode()
        )
        response = client.generic(
            "POST",
            f"/en/materials/{item.pk}/files/",
            body,
            content_type=f"multipart/form-data; boundary={boundary}",
        )
        assert response.status_code == 302
        added = MaterialFile.objects.get()
        assert added.original_name == "raportti.pdf"
        [path] = stored_files(media_root)
        assert path.is_relative_to(media_root / "materials")

    @pytest.mark.parametrize("who", ["outsider", "teacher", "other_expert"])
    def test_only_the_items_editors_reach_the_page(
        self, client, login, request, item, media_root, who
    ):
        user = (
            expert_member(PLACED_CHILDREN)
            if who == "other_expert"
            else request.getfixturevalue(who)
        )
        login(client, user)
        assert client.get(f"/en/materials/{item.pk}/files/").status_code == 404
        assert upload_as(client, item, "a.pdf", documents.pdf()).status_code == 404
        assert_nothing_written(media_root)

    def test_an_anonymous_visitor_is_sent_to_sign_in(self, client, item, media_root):
        response = upload_as(client, item, "a.pdf", documents.pdf())
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/")
        assert_nothing_written(media_root)


# --- Removing through the page ----------------------------------------------------------------


class TestDeletePage:
    def test_an_editor_confirms_and_removes_a_file(
        self, client, login, national_admin, item, media_root, django_capture_on_commit_callbacks
    ):
        added = attach(item, "Vanha.pdf")
        login(client, national_admin)
        url = f"/en/materials/files/{added.pk}/delete/"

        confirm = client.get(url)
        assert confirm.status_code == 200
        page = confirm.content.decode()
        assert "Vanha.pdf" in page
        assert "Remove the file" in page
        assert MaterialFile.objects.exists()

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url)

        assert response.status_code == 302
        assert response["Location"] == f"/en/materials/{item.pk}/files/"
        assert not MaterialFile.objects.exists()
        assert stored_files(media_root) == []
        assert "Vanha.pdf was removed." in client.get(response["Location"]).content.decode()
        assert client.get(f"/en/materials/files/{added.pk}/").status_code == 404

    @pytest.mark.parametrize("who", ["outsider", "teacher", "other_expert", "anonymous"])
    def test_only_the_items_editors_remove_files(
        self, client, login, request, item, media_root, who, django_capture_on_commit_callbacks
    ):
        added = attach(item)
        if who == "other_expert":
            login(client, expert_member(PLACED_CHILDREN))
        elif who != "anonymous":
            login(client, request.getfixturevalue(who))
        url = f"/en/materials/files/{added.pk}/delete/"

        with django_capture_on_commit_callbacks(execute=True):
            responses = [client.get(url), client.post(url)]

        for response in responses:
            if who == "anonymous":
                assert response.status_code == 302
                assert response["Location"].startswith("/en/accounts/login/")
            else:
                assert response.status_code == 404
        assert MaterialFile.objects.filter(pk=added.pk).exists()
        assert len(stored_files(media_root)) == 1
        assert [e.action for e in file_audits()] == [AuditAction.MATERIAL_FILE_ADDED]


# --- Downloading ------------------------------------------------------------------------------


class TestDownload:
    def test_anyone_downloads_a_file_of_a_published_item_with_safe_headers(self, client, item):
        content = documents.pdf()
        added = attach(item, "Pöytäkirja 1.pdf", content)

        response = client.get(f"/en/materials/files/{added.pk}/")

        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        # An ASCII fallback, and the real name as UTF-8 (RFC 6266 / RFC 8187).
        assert response["Content-Disposition"] == (
            'attachment; filename="Poytakirja 1.pdf"; '
            "filename*=UTF-8''P%C3%B6yt%C3%A4kirja%201.pdf"
        )
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]
        assert "default-src 'none'" in response["Content-Security-Policy"]
        assert "no-store" not in response.get("Cache-Control", "")
        assert b"".join(response.streaming_content) == content

    def test_it_serves_the_type_found_in_the_content(self, client, item):
        added = attach(item, "kuva.pdf", documents.png())
        response = client.get(f"/en/materials/files/{added.pk}/")
        assert response["Content-Type"] == "image/png"
        assert response["Content-Disposition"].startswith("attachment;")

    def test_quotes_and_backslashes_cannot_break_out_of_the_header(self, client, item):
        added = add_file(
            actor=None,
            material=item,
            upload=raw('raportti"; filename=evil.html.pdf', documents.pdf()),
        )
        response = client.get(f"/en/materials/files/{added.pk}/")
        assert response["Content-Disposition"] == (
            'attachment; filename="raportti; filename=evil.html.pdf"; '
            "filename*=UTF-8''raportti%22%3B%20filename%3Devil.html.pdf"
        )

    def test_a_name_without_ascii_letters_falls_back_to_a_plain_name(self, client, item):
        added = add_file(actor=None, material=item, upload=raw("報告", documents.pdf()))
        response = client.get(f"/en/materials/files/{added.pk}/")
        assert response["Content-Disposition"] == (
            "attachment; filename=\"download\"; filename*=UTF-8''%E5%A0%B1%E5%91%8A"
        )

    def test_a_drafts_file_is_not_found_by_the_public(
        self, client, login, outsider, teacher, draft
    ):
        added = attach(draft, "Luonnos.pdf")
        url = f"/en/materials/files/{added.pk}/"
        assert client.get(url).status_code == 404
        for user in (outsider, teacher, expert_member(PLACED_CHILDREN)):
            login(client, user)
            assert client.get(url).status_code == 404

    def test_an_editor_downloads_a_drafts_file_never_cached(
        self, client, login, national_admin, draft
    ):
        added = attach(draft, "Luonnos.pdf")
        login(client, national_admin)
        response = client.get(f"/en/materials/files/{added.pk}/")
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]

    def test_an_archived_items_file_is_not_found_by_the_public(self, client):
        archived = make_material(status=Status.ARCHIVED)
        added = attach(archived)
        assert client.get(f"/en/materials/files/{added.pk}/").status_code == 404

    def test_an_unknown_file_is_not_found(self, client, login, national_admin):
        assert client.get("/en/materials/files/999999/").status_code == 404
        login(client, national_admin)
        assert client.get("/en/materials/files/999999/").status_code == 404

    def test_missing_bytes_answer_404(self, client, item, media_root):
        added = attach(item)
        for path in stored_files(media_root):
            path.unlink()
        assert client.get(f"/en/materials/files/{added.pk}/").status_code == 404

    def test_downloads_take_get_and_head_only(self, client, item):
        added = attach(item)
        url = f"/en/materials/files/{added.pk}/"
        assert client.head(url).status_code == 200
        assert client.post(url).status_code == 405
