"""This app's part of the outsider table in vip/core/tests/test_outsiders.py."""

from __future__ import annotations

import datetime
from typing import Any

from vip.core.tests.test_outsiders import OWN, POST_ONLY, PUBLIC, REFUSED  # noqa: F401
from vip.network.models import Decision, Group, Meeting, MeetingAttachment

# A private attachment: anonymous visitors are sent to sign in, outsiders get 404.
URLS: dict[str, tuple[str, str]] = {
    "network:meeting_create": ("/en/groups/{meeting_group}/meetings/new/", REFUSED),
    "network:meeting_detail": ("/en/meetings/{meeting}/", PUBLIC),
    "network:meeting_edit": ("/en/meetings/{meeting}/edit/", REFUSED),
    "network:attachment_upload": ("/en/meetings/{meeting}/attachments/", POST_ONLY),
    "network:attachment_download": ("/en/attachments/{private_attachment}/", REFUSED),
    "network:attachment_update": ("/en/attachments/{private_attachment}/edit/", POST_ONLY),
    "network:attachment_delete": ("/en/attachments/{private_attachment}/delete/", POST_ONLY),
    "network:decision_list": ("/en/decisions/", PUBLIC),
    "network:decision_create": ("/en/groups/{meeting_group}/decisions/new/", REFUSED),
    "network:decision_edit": ("/en/decisions/{decision}/edit/", REFUSED),
}


def example_objects() -> dict[str, Any]:
    """Create what the addresses need; returns the placeholders' values."""
    group = Group.objects.create(
        kind=Group.Kind.STEERING,
        name_fi="Johtoryhmä (esimerkki)",
        term_start=datetime.date(2021, 1, 1),
    )
    meeting = Meeting.objects.create(group=group, date=datetime.date(2021, 4, 6))
    # The row is enough: an outsider never reaches the file itself.
    attachment = MeetingAttachment.objects.create(
        meeting=meeting,
        file="meetings/example/private",
        original_name="Pöytäkirja.pdf",
        content_type="application/pdf",
        size=10,
        public=False,
    )
    decision = Decision.objects.create(
        group=group, meeting=meeting, number="1/2021", date=meeting.date, text="Esimerkki."
    )
    return {
        "meeting_group": group.pk,
        "meeting": meeting.pk,
        "private_attachment": attachment.pk,
        "decision": decision.pk,
    }
