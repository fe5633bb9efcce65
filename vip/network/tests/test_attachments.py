"""Meeting attachments: managers upload checked files; downloads respect who may see them."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from vip.audit.models import AuditAction, AuditEvent
from vip.network import services
from vip.network.models import MeetingAttachment
from vip.network.tests.test_meetings import hyks_coordinator_user, make_group, make_meeting

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


@pytest.fixture
def meeting(tays):
    return make_meeting(make_group(tays))


def attach(meeting, name="Pöytäkirja.pdf", content=PDF, public=False) -> MeetingAttachment:
    return services.meeting_attachment_add(
        actor=None,
        meeting=meeting,
        upload=SimpleUploadedFile(name, content, content_type="application/pdf"),
        public=public,
    )


def upload(client, meeting, name="Pöytäkirja.pdf", content=PDF, public=True):
    data = {"file": SimpleUploadedFile(name, content, content_type="application/pdf")}
    if public:
        data["public"] = "on"
    return client.post(f"/en/meetings/{meeting.pk}/attachments/", data)


# --- Uploading --------------------------------------------------------------------------------


def test_it_stores_a_pdf_uploaded_by_the_area_coordinator(
    client, login, coordinator, meeting, media_root
):
    login(client, coordinator)
    response = upload(client, meeting)
    assert response.status_code == 302
    assert response["Location"] == f"/en/meetings/{meeting.pk}/"
    attachment = MeetingAttachment.objects.get(meeting=meeting)
    assert attachment.original_name == "Pöytäkirja.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(PDF)
    assert attachment.public is True
    [path] = stored_files(media_root)
    assert path.read_bytes() == PDF
    # The stored name is generated, never the one the user gave.
    assert "Pöytäkirja" not in path.name
    event = AuditEvent.objects.get(action=AuditAction.MEETING_ATTACHMENT_ADDED)
    assert (event.actor, event.target_id) == (coordinator, str(attachment.pk))


def test_it_refuses_a_text_file_renamed_to_pdf(client, login, coordinator, meeting, media_root):
    login(client, coordinator)
    response = upload(client, meeting, name="agenda.pdf", content=b"Just some text, not a PDF.\n")
    assert response.status_code == 200
    page = response.content.decode()
    assert "This type of file cannot be uploaded. Accepted: DOCX, JPEG, ODT, PDF" in page
    assert 'id="id_file-error"' in page
    assert not MeetingAttachment.objects.exists()
    assert stored_files(media_root) == []
    assert not AuditEvent.objects.filter(action=AuditAction.MEETING_ATTACHMENT_ADDED).exists()


def test_it_refuses_an_oversized_file(client, login, coordinator, meeting, media_root, settings):
    settings.MAX_UPLOAD_MB = 1
    login(client, coordinator)
    response = upload(client, meeting, content=PDF + b"0" * (1024 * 1024))
    assert response.status_code == 200
    assert "The file is too large: at most 1 MB is allowed." in response.content.decode()
    assert not MeetingAttachment.objects.exists()
    assert stored_files(media_root) == []


def test_it_asks_for_a_file_when_none_was_chosen(client, login, coordinator, meeting, media_root):
    login(client, coordinator)
    response = client.post(f"/en/meetings/{meeting.pk}/attachments/", {"public": "on"})
    assert "Choose a file to upload." in response.content.decode()
    assert not MeetingAttachment.objects.exists()


def test_it_accepts_uploads_by_post_only(client, login, coordinator, meeting):
    login(client, coordinator)
    assert client.get(f"/en/meetings/{meeting.pk}/attachments/").status_code == 405


@pytest.mark.parametrize("who", ["outsider", "teacher", "hyks"])
def test_it_refuses_uploads_from_anyone_but_the_groups_managers(
    client, login, request, meeting, media_root, who
):
    user = (
        hyks_coordinator_user(request.getfixturevalue("hyks"))
        if who == "hyks"
        else (request.getfixturevalue(who))
    )
    login(client, user)
    assert upload(client, meeting).status_code == 404
    assert not MeetingAttachment.objects.exists()
    assert stored_files(media_root) == []


def test_it_sends_an_anonymous_uploader_to_sign_in(client, meeting, media_root):
    response = upload(client, meeting)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
    assert stored_files(media_root) == []


# --- Listing and downloading ------------------------------------------------------------------


def test_it_downloads_a_public_attachment_with_its_type_and_name(client, meeting):
    attachment = attach(meeting, public=True)
    response = client.get(f"/en/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    # RFC 5987: a name outside ASCII travels percent-encoded as UTF-8.
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''P%C3%B6yt%C3%A4kirja.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_it_quotes_an_ascii_file_name(client, meeting):
    attachment = attach(meeting, name="agenda 2021.pdf", public=True)
    response = client.get(f"/en/attachments/{attachment.pk}/")
    assert response["Content-Disposition"] == 'attachment; filename="agenda 2021.pdf"'


def test_it_keeps_a_private_attachment_from_the_public(client, login, outsider, meeting):
    attachment = attach(meeting, name="Luonnos.pdf", public=False)
    url = f"/en/attachments/{attachment.pk}/"
    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/en/accounts/login/")
    assert "Luonnos.pdf" not in client.get(f"/en/meetings/{meeting.pk}/").content.decode()

    login(client, outsider)
    assert client.get(url).status_code == 404
    assert "Luonnos.pdf" not in client.get(f"/en/meetings/{meeting.pk}/").content.decode()


def test_it_gives_a_private_attachment_to_the_groups_managers(
    client, login, coordinator, hyks, meeting
):
    attachment = attach(meeting, name="Luonnos.pdf", public=False)
    url = f"/en/attachments/{attachment.pk}/"
    login(client, hyks_coordinator_user(hyks))
    assert client.get(url).status_code == 404

    login(client, coordinator)
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = client.get(f"/en/meetings/{meeting.pk}/").content.decode()
    assert "Luonnos.pdf" in page
    assert "The group's managers" in page


def test_it_lists_public_attachments_on_the_meeting_page(client, meeting):
    attachment = attach(meeting, name="Esityslista.pdf", public=True)
    page = client.get(f"/en/meetings/{meeting.pk}/").content.decode()
    assert f'href="/en/attachments/{attachment.pk}/"' in page
    assert "Esityslista.pdf" in page


def test_it_answers_404_when_the_file_is_missing(client, meeting, media_root):
    attachment = attach(meeting, public=True)
    for path in stored_files(media_root):
        path.unlink()
    assert client.get(f"/en/attachments/{attachment.pk}/").status_code == 404


def test_it_sends_an_anonymous_visitor_to_sign_in_for_an_unknown_attachment(
    client, login, outsider
):
    # The same answer as for a private one, so nothing is revealed.
    assert client.get("/en/attachments/999999/").status_code == 302
    login(client, outsider)
    assert client.get("/en/attachments/999999/").status_code == 404


# --- Publishing, unpublishing and removing ----------------------------------------------------


def test_a_manager_makes_a_public_attachment_private_and_public_again(
    client, login, coordinator, meeting
):
    attachment = attach(meeting, name="Luonnos.pdf", public=True)
    login(client, coordinator)
    page = client.get(f"/en/meetings/{meeting.pk}/").content.decode()
    assert f'action="/en/attachments/{attachment.pk}/edit/"' in page
    assert "Make private" in page

    response = client.post(f"/en/attachments/{attachment.pk}/edit/", {"public": "0"})

    assert response.status_code == 302
    assert response["Location"] == f"/en/meetings/{meeting.pk}/"
    attachment.refresh_from_db()
    assert attachment.public is False
    event = AuditEvent.objects.get(action=AuditAction.MEETING_ATTACHMENT_CHANGED)
    assert (event.actor, event.target_id, event.details) == (
        coordinator,
        str(attachment.pk),
        {"meeting": meeting.pk, "public": False},
    )
    # The public no longer gets it, from the page or by its address.
    client.logout()
    assert "Luonnos.pdf" not in client.get(f"/en/meetings/{meeting.pk}/").content.decode()
    assert client.get(f"/en/attachments/{attachment.pk}/").status_code == 302

    login(client, coordinator)
    client.post(f"/en/attachments/{attachment.pk}/edit/", {"public": "1"})
    attachment.refresh_from_db()
    assert attachment.public is True


def test_making_an_attachment_private_refuses_a_malformed_value(
    client, login, coordinator, meeting
):
    attachment = attach(meeting, public=True)
    login(client, coordinator)
    assert client.post(f"/en/attachments/{attachment.pk}/edit/", {}).status_code == 400
    assert client.post(f"/en/attachments/{attachment.pk}/edit/", {"public": "x"}).status_code == 400
    attachment.refresh_from_db()
    assert attachment.public is True
    assert not AuditEvent.objects.filter(action=AuditAction.MEETING_ATTACHMENT_CHANGED).exists()


def test_a_manager_deletes_an_attachment_and_its_file(
    client, login, coordinator, meeting, media_root, django_capture_on_commit_callbacks
):
    attachment = attach(meeting, name="Vanha.pdf", public=True)
    assert len(stored_files(media_root)) == 1
    login(client, coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/attachments/{attachment.pk}/delete/")

    assert response.status_code == 302
    assert not MeetingAttachment.objects.exists()
    assert stored_files(media_root) == []
    event = AuditEvent.objects.get(action=AuditAction.MEETING_ATTACHMENT_DELETED)
    assert (event.actor, event.target_id) == (coordinator, str(attachment.pk))
    assert "Vanha.pdf" in client.get(response["Location"]).content.decode()  # the message
    assert client.get(f"/en/attachments/{attachment.pk}/").status_code == 404


def test_the_file_stays_when_the_removal_is_rolled_back(meeting, media_root):
    from django.db import transaction

    from vip.network import attachment_services

    attachment = attach(meeting)

    def delete_then_fail() -> None:
        with transaction.atomic():
            attachment_services.attachment_delete(actor=None, attachment=attachment)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        delete_then_fail()
    assert MeetingAttachment.objects.filter(pk=attachment.pk).exists()
    assert len(stored_files(media_root)) == 1


@pytest.mark.parametrize("who", ["outsider", "teacher", "hyks", "anonymous"])
def test_only_the_groups_managers_change_or_delete_an_attachment(
    client, login, request, meeting, media_root, who, django_capture_on_commit_callbacks
):
    attachment = attach(meeting, public=True)
    if who == "hyks":
        login(client, hyks_coordinator_user(request.getfixturevalue("hyks")))
    elif who != "anonymous":
        login(client, request.getfixturevalue(who))
    expected = 302 if who == "anonymous" else 404

    with django_capture_on_commit_callbacks(execute=True):
        edit = client.post(f"/en/attachments/{attachment.pk}/edit/", {"public": "0"})
        delete = client.post(f"/en/attachments/{attachment.pk}/delete/")

    assert (edit.status_code, delete.status_code) == (expected, expected)
    if who == "anonymous":
        assert delete["Location"].startswith("/en/accounts/login/")
    attachment.refresh_from_db()
    assert attachment.public is True
    assert len(stored_files(media_root)) == 1
    page = client.get(f"/en/meetings/{meeting.pk}/").content.decode()
    assert f"/en/attachments/{attachment.pk}/edit/" not in page
    assert not AuditEvent.objects.filter(
        action__in=[AuditAction.MEETING_ATTACHMENT_CHANGED, AuditAction.MEETING_ATTACHMENT_DELETED]
    ).exists()


def test_changing_and_deleting_attachments_take_post_only(client, login, coordinator, meeting):
    attachment = attach(meeting, public=True)
    login(client, coordinator)
    assert client.get(f"/en/attachments/{attachment.pk}/edit/").status_code == 405
    assert client.get(f"/en/attachments/{attachment.pk}/delete/").status_code == 405
