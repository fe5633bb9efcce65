"""The materials files' part of the outsider table in vip/core/tests/test_outsiders.py."""

from __future__ import annotations

from typing import Any

# The kinds of vip/core/tests/test_outsiders.py, as strings (importing it here would be circular).
PUBLIC = "public"
REFUSED = "refused"

URLS: dict[str, tuple[str, str]] = {
    # A file of a published item: anyone downloads it (a draft's file is 404 for both).
    "materials:download": ("/en/materials/files/{material_file}/", PUBLIC),
    # The editors' files page and the removal's confirmation page.
    "materials:files": ("/en/materials/{material_with_file}/files/", REFUSED),
    "materials:file_delete": ("/en/materials/files/{material_file}/delete/", REFUSED),
}


def example_objects() -> dict[str, Any]:
    """A published item with one PDF (stored under the test's MEDIA_ROOT)."""
    from vip.materials.services.files import add_file
    from vip.materials.tests import documents
    from vip.materials.tests.builders import make_material

    item = make_material(title_fi="Esimerkkiaineisto tiedostoineen")
    added = add_file(
        actor=None, material=item, upload=documents.upload("Esimerkki.pdf", documents.pdf())
    )
    return {"material_with_file": item.pk, "material_file": added.pk}
