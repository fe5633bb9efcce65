"""Files of an item: adding (checked, stored under a generated name, text extracted) and removing.

The type of a file is read from its bytes, never from its name; the name it came with
is kept in the row only, for the download. Whatever fails before the commit leaves no
file behind; a removed file's bytes go once the removal is committed.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from vip.audit import audit
from vip.audit.models import AuditAction
from vip.core import data_versions
from vip.core.uploads import verify_upload
from vip.materials.extraction import extract_text
from vip.materials.index import schedule_index
from vip.materials.models import MATERIALS_DATA, Material, MaterialFile

if TYPE_CHECKING:
    from django.core.files import File

    from vip.accounts.models import User

MAX_NAME_LENGTH = MaterialFile._meta.get_field("original_name").max_length or 200
# Characters that reorder how a name is shown ("txt.exe" shown as "exe.txt").
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def _user(actor: User | None) -> User | None:
    return actor if getattr(actor, "is_authenticated", False) else None


def check_file_name(name: str | None) -> str:
    """The name as it will be shown and offered on download, or a ValidationError.

    Browsers send a bare name and Django's form parsing already drops path parts;
    this refuses what reaches a service any other way (an import, the shell).
    """
    name = unicodedata.normalize("NFC", (name or "").strip())
    if not name.strip("."):
        raise ValidationError(_("The file has no name. Rename the file and try again."))
    if "/" in name or "\\" in name:
        raise ValidationError(
            _("The file name must not contain / or \\. Rename the file and try again.")
        )
    if any(unicodedata.category(c) == "Cc" or c in _BIDI_CONTROLS for c in name):
        raise ValidationError(
            _("The file name contains control characters. Rename the file and try again.")
        )
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError(
            _("The file name is too long: at most %(limit)d characters are allowed.")
            % {"limit": MAX_NAME_LENGTH}
        )
    return name


def add_file(
    *, actor: User | None, material: Material, upload: File[Any], title: str = ""
) -> MaterialFile:
    """Check, store and read one file of ``material``; the item is reindexed after the commit."""
    try:
        original_name = check_file_name(upload.name)
        content_type = verify_upload(upload)  # type: ignore[arg-type]
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    # Read before anything is written: a file that cannot be read is kept all the same.
    extracted = extract_text(upload, content_type)
    item = MaterialFile(
        material=material,
        original_name=original_name,
        title=title.strip(),
        content_type=content_type,
        size=upload.size or 0,
        text=extracted.text,
        extraction=extracted.status,
        uploaded_by=_user(actor),
    )
    item.full_clean(exclude=["file", "position"])
    with transaction.atomic():
        # The item's row is locked so that two uploads do not take the same position.
        locked = Material.objects.select_for_update().get(pk=material.pk)
        highest = locked.files.aggregate(n=Max("position"))["n"]
        item.position = 0 if highest is None else highest + 1
        item.file.save("upload", upload, save=False)
        try:
            item.save()
            audit.record(
                AuditAction.MATERIAL_FILE_ADDED,
                actor=_user(actor),
                target=item,
                details={
                    "material": material.pk,
                    "size": item.size,
                    "content_type": content_type,
                    "extraction": item.extraction,
                },
            )
            if material.is_public:
                data_versions.bump(MATERIALS_DATA)
            schedule_index(material.pk)
        except BaseException:
            # The row is rolled back: its bytes must not stay behind.
            item.file.delete(save=False)
            raise
    return item


def remove_file(*, actor: User | None, file: MaterialFile) -> None:
    """Remove the file; its bytes are deleted once the removal is committed."""
    with transaction.atomic():
        stored = MaterialFile.objects.select_for_update().get(pk=file.pk)
        storage, name = stored.file.storage, stored.file.name
        audit.record(
            AuditAction.MATERIAL_FILE_REMOVED,
            actor=_user(actor),
            target=stored,
            details={
                "material": stored.material_id,
                "name": stored.original_name,
                "size": stored.size,
            },
        )
        stored.delete()
        if stored.material.is_public:
            data_versions.bump(MATERIALS_DATA)
        schedule_index(stored.material_id)
        if name:
            # A rolled-back removal keeps its file.
            transaction.on_commit(lambda: storage.delete(name), robust=True)
