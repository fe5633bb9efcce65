"""Writes to meeting attachments after the upload: publishing, unpublishing, removing.

The upload itself is ``services.meeting_attachment_add``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from vip.audit import audit
from vip.audit.models import AuditAction
from vip.core import data_versions
from vip.network.models import NETWORK_DATA, MeetingAttachment

if TYPE_CHECKING:
    from vip.accounts.models import User


def _locked(attachment: MeetingAttachment) -> MeetingAttachment:
    return (
        MeetingAttachment.objects.select_for_update(of=("self",))
        .select_related("meeting__group__area")
        .get(pk=attachment.pk)
    )


def attachment_update(
    *, actor: User | None, attachment: MeetingAttachment, public: bool
) -> MeetingAttachment:
    """Make the attachment public (anyone may download it) or private (managers only)."""
    with transaction.atomic():
        stored = _locked(attachment)
        if stored.public != public:
            stored.public = public
            stored.save(update_fields=["public"])
            data_versions.bump(NETWORK_DATA)
            audit.record(
                AuditAction.MEETING_ATTACHMENT_CHANGED,
                actor=actor,
                target=stored,
                area=stored.meeting.group.area,
                details={"meeting": stored.meeting_id, "public": public},
            )
    attachment.public = stored.public
    return stored


def attachment_delete(*, actor: User | None, attachment: MeetingAttachment) -> None:
    """Remove the attachment; its file is deleted once the removal is committed."""
    with transaction.atomic():
        stored = _locked(attachment)
        storage, name = stored.file.storage, stored.file.name
        audit.record(
            AuditAction.MEETING_ATTACHMENT_DELETED,
            actor=actor,
            target=stored,
            area=stored.meeting.group.area,
            details={"meeting": stored.meeting_id, "size": stored.size},
        )
        stored.delete()
        data_versions.bump(NETWORK_DATA)
        if name:
            # A rolled-back removal keeps its file.
            transaction.on_commit(lambda: storage.delete(name))
