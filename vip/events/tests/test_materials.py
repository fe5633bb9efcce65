"""Event materials: organisers add links and checked files; downloads respect who may see them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from vip.accounts import services as account_services
from vip.accounts.roles import Role
from vip.audit.models import AuditAction, AuditEvent
from vip.core.testing import make_user
from vip.events import services
from vip.events.models import Event, EventMaterial, Registration
from vip.events.services import editing
from vip.events.tests.builders import make_event, register

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
RECORDING = "https://video.example/tallenne"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def text(response: Any) -> str:
    return response.content.decode()


def pdf(name: str = "Diat.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def add_file(event: Event, *, public: bool = True, name: str = "Diat.pdf") -> EventMaterial:
    return editing.material_add(
        actor=None, event=event, title="Diat", upload=pdf(name), public=public
    )


def add_link(event: Event, *, public: bool = True) -> EventMaterial:
    return editing.material_add(
        actor=None, event=event, title="Tallenne", url=RECORDING, public=public
    )


@pytest.fixture
def event(tays) -> Event:
    return make_event(areas=[tays], capacity=1, waiting_list_capacity=1)


def materials_url(event: Event) -> str:
    return f"/en/events/{event.pk}/materials/"


def manage_url(token: str) -> str:
    return f"/en/events/registrations/{token}/"


def participant_url(token: str, material: EventMaterial) -> str:
    """The download through a manage link.

    A token carries the second it was made in, so the page's links are compared
    with the token the page was opened with, never with a freshly made one.
    """
    return f"/en/events/registrations/{token}/materials/{material.pk}/"


def token_of(registration: Registration) -> str:
    return services.manage_token(registration)


# --- Adding -----------------------------------------------------------------------------------


def test_an_organiser_adds_a_public_link(client, login, coordinator, event):
    login(client, coordinator)
    html = text(client.get(materials_url(event)))
    assert "No materials yet." in html
    assert 'aria-current="page">Materials<' in html
    response = client.post(
        materials_url(event), {"title": "Tallenne", "url": RECORDING, "audience": "public"}
    )
    assert response.status_code == 302
    material = EventMaterial.objects.get()
    assert (material.title, material.url, material.public) == ("Tallenne", RECORDING, True)
    assert material.added_by == coordinator
    assert RECORDING in text(client.get(f"/en/events/{event.pk}/"))
    audit = AuditEvent.objects.get(action=AuditAction.EVENT_MATERIAL_ADDED)
    assert (audit.actor, audit.target_id) == (coordinator, str(material.pk))


def test_an_organiser_uploads_a_participants_only_file(
    client, login, coordinator, event, media_root
):
    confirmed = register(event, notify=False)
    login(client, coordinator)
    response = client.post(
        materials_url(event),
        {"title": "Diat", "file": pdf("Esitys ääkkösin.pdf"), "audience": "participants"},
    )
    assert response.status_code == 302
    material = EventMaterial.objects.get()
    assert material.original_name == "Esitys ääkkösin.pdf"
    assert material.content_type == "application/pdf"
    assert material.size == len(PDF)
    assert material.public is False
    [path] = stored_files(media_root)
    assert path.read_bytes() == PDF
    # Stored under a generated name, never the one the user gave.
    assert "Esitys" not in str(path)
    assert material.file.name.startswith(f"events/{event.pk}/")
    # Not on the public page, but on the participant's own page.
    client.logout()
    assert "Diat" not in text(client.get(f"/en/events/{event.pk}/"))
    token = token_of(confirmed)
    html = text(client.get(manage_url(token)))
    assert participant_url(token, material) in html
    assert "For participants" in html


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title": "Diat"}, "url", "Enter a link or choose a file."),
        (
            {"title": "Diat", "url": RECORDING, "file": "pdf"},
            "url",
            "Give either a link or a file, not both",
        ),
        ({"title": "", "url": RECORDING}, "title", "Enter a title for the material."),
        ({"title": "Diat", "url": "javascript:alert(1)"}, "url", "Enter a full web address"),
        (
            {"title": "Diat", "file": "text"},
            "file",
            "This type of file cannot be uploaded. Accepted: DOCX, JPEG, ODT, PDF",
        ),
    ],
)
def test_bad_input_shows_the_error_and_stores_nothing(
    client, login, coordinator, event, media_root, data, field, message
):
    files = {"pdf": pdf(), "text": pdf("notes.pdf", b"Just text, not a PDF.\n")}
    if "file" in data:
        data = {**data, "file": files[data["file"]]}
    login(client, coordinator)
    response = client.post(materials_url(event), {"audience": "public", **data})
    html = text(response)
    assert response.status_code == 200
    assert "There is a problem" in html
    assert message in html.split(f'id="id_{field}-error"', 1)[1].split("</p>", 1)[0]
    assert not EventMaterial.objects.exists()
    assert stored_files(media_root) == []
    assert not AuditEvent.objects.filter(action=AuditAction.EVENT_MATERIAL_ADDED).exists()


def test_a_too_large_file_is_refused(client, login, coordinator, event, media_root, settings):
    settings.MAX_UPLOAD_MB = 1
    login(client, coordinator)
    big = PDF + b"0" * (1024 * 1024)
    response = client.post(
        materials_url(event), {"title": "Iso", "file": pdf(content=big), "audience": "public"}
    )
    assert "The file is too large: at most 1 MB is allowed." in text(response)
    assert not EventMaterial.objects.exists()
    assert stored_files(media_root) == []


def test_the_service_refuses_a_link_and_a_file_together_and_neither(event, media_root):
    with pytest.raises(ValidationError) as both:
        editing.material_add(actor=None, event=event, title="X", url=RECORDING, upload=pdf())
    assert "not both" in both.value.message_dict["url"][0]
    with pytest.raises(ValidationError) as neither:
        editing.material_add(actor=None, event=event, title="X")
    assert neither.value.message_dict["url"] == ["Enter a link or choose a file."]
    assert not EventMaterial.objects.exists()
    assert stored_files(media_root) == []


def test_only_organisers_add_materials(client, login, outsider, event, hyks):
    other = make_user("k@hyks.example")
    account_services.role_grant(actor=None, user=other, role=Role.AREA_COORDINATOR, area=hyks)
    for user in (outsider, other):
        login(client, user)
        assert client.get(materials_url(event)).status_code == 404
        data = {"title": "X", "url": RECORDING, "audience": "public"}
        assert client.post(materials_url(event), data).status_code == 404
    assert not EventMaterial.objects.exists()


# --- Deleting ---------------------------------------------------------------------------------


def test_an_organiser_deletes_a_material_and_its_file(
    client, login, coordinator, event, media_root, django_capture_on_commit_callbacks
):
    material = add_file(event)
    assert len(stored_files(media_root)) == 1
    login(client, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/events/materials/{material.pk}/delete/", follow=True)
    assert "Diat was removed." in text(response)
    assert not EventMaterial.objects.exists()
    assert stored_files(media_root) == []
    audit = AuditEvent.objects.get(action=AuditAction.EVENT_MATERIAL_DELETED)
    assert (audit.actor, audit.target_id) == (coordinator, str(material.pk))


def test_others_cannot_delete(client, login, outsider, event, media_root):
    material = add_file(event)
    login(client, outsider)
    assert client.get(f"/en/events/materials/{material.pk}/delete/").status_code == 405
    assert client.post(f"/en/events/materials/{material.pk}/delete/").status_code == 404
    assert EventMaterial.objects.filter(pk=material.pk).exists()
    assert len(stored_files(media_root)) == 1


# --- Downloading ------------------------------------------------------------------------------


def test_anyone_downloads_a_public_file_with_its_name_and_type(client, event):
    material = add_file(event, name="Esitys ääkkösin.pdf")
    response = client.get(f"/en/events/materials/{material.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''Esitys%20%C3%A4%C3%A4kk%C3%B6sin.pdf" in disposition
    assert b"".join(response.streaming_content) == PDF
    assert "private" not in response.get("Cache-Control", "")
    html = text(client.get(f"/en/events/{event.pk}/"))
    assert f"/en/events/materials/{material.pk}/download/" in html


def test_a_plain_name_is_sent_as_it_is(client, event):
    material = add_file(event, name="Diat.pdf")
    response = client.get(f"/en/events/materials/{material.pk}/download/")
    assert response["Content-Disposition"] == 'attachment; filename="Diat.pdf"'


def test_participants_only_files_are_for_organisers(client, login, coordinator, outsider, event):
    material = add_file(event, public=False)
    url = f"/en/events/materials/{material.pk}/download/"
    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/en/accounts/login/")
    login(client, outsider)
    assert client.get(url).status_code == 404
    login(client, coordinator)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_public_materials_of_a_draft_are_not_public(client, login, coordinator, tays):
    draft = make_event(publish=False, areas=[tays])
    material = add_file(draft)
    assert client.get(f"/en/events/materials/{material.pk}/download/").status_code == 302
    login(client, coordinator)
    assert client.get(f"/en/events/materials/{material.pk}/download/").status_code == 200


def test_a_link_material_sends_the_visitor_to_the_link(client, event):
    material = add_link(event)
    response = client.get(f"/en/events/materials/{material.pk}/download/")
    assert response.status_code == 302
    assert response["Location"] == RECORDING


def test_a_confirmed_participant_downloads_participants_only_files(client, event):
    confirmed = register(event, notify=False)
    waiting = register(event, notify=False)
    assert waiting.status == Registration.Status.WAITING
    private = add_file(event, public=False)
    public = add_link(event)
    response = client.get(participant_url(token_of(confirmed), private))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Diat.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    # Those without a seat see the public materials only.
    token = token_of(waiting)
    assert client.get(participant_url(token, private)).status_code == 404
    assert client.get(participant_url(token, public)).status_code == 302
    html = text(client.get(manage_url(token)))
    assert RECORDING in html
    assert "Diat" not in html
    assert f"/materials/{private.pk}/" not in html
    # The confirmed participant's page does link it: the check above can fail.
    assert f"/materials/{private.pk}/" in text(client.get(manage_url(token_of(confirmed))))


def test_an_attendee_keeps_access_and_a_cancelled_registration_loses_it(client, event):
    attendee = register(event, notify=False)
    private = add_file(event, public=False)
    Registration.objects.filter(pk=attendee.pk).update(attended=True)
    token = token_of(attendee)
    assert client.get(participant_url(token, private)).status_code == 200
    Registration.objects.filter(pk=attendee.pk).update(
        attended=None, status=Registration.Status.CANCELLED
    )
    assert client.get(participant_url(token, private)).status_code == 404


def test_a_link_of_another_event_or_a_tampered_link_gets_nothing(client, event, tays):
    other = make_event(areas=[tays])
    stranger = register(other, notify=False)
    private = add_file(event, public=False)
    assert client.get(participant_url(token_of(stranger), private)).status_code == 404
    token = token_of(register(event, notify=False))
    tampered = f"/en/events/registrations/{token[:-2]}xx/materials/{private.pk}/"
    response = client.get(tampered)
    assert response.status_code == 404
    assert "The link is not valid." in text(response)
