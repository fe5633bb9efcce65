"""The materials editors' part of the outsider table in vip/core/tests/test_outsiders.py."""

from __future__ import annotations

from typing import Any

# The kinds of vip/core/tests/test_outsiders.py, as strings (importing it here would be circular).
REFUSED = "refused"
POST_ONLY = "post"

URLS: dict[str, tuple[str, str]] = {
    # Only editors (national administrators, expert-group members) have a list: others 404.
    "materials:organiser_home": ("/en/materials/organise/", REFUSED),
    "materials:create": ("/en/materials/new/", REFUSED),
    # A published item: everyone reads it, but only its editors open the form or move it.
    "materials:edit": ("/en/materials/{material_to_edit}/edit/", REFUSED),
    "materials:transition": ("/en/materials/{material_to_edit}/status/", POST_ONLY),
}


def example_objects() -> dict[str, Any]:
    """A published item of the non-attendance theme."""
    from vip.materials.tests.builders import make_material

    return {"material_to_edit": make_material(title_fi="Muokattava esimerkki").pk}
