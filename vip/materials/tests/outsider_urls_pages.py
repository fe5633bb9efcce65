"""The public materials pages' part of the outsider table in vip/core/tests/test_outsiders.py."""

from __future__ import annotations

from typing import Any

# The kinds of vip/core/tests/test_outsiders.py, as strings (importing it here would be circular).
PUBLIC = "public"

URLS: dict[str, tuple[str, str]] = {
    "materials:search": ("/en/materials/", PUBLIC),
    # A published item; a draft is 404 for both (vip/materials/tests/test_pages.py).
    "materials:detail": ("/en/materials/{material}/", PUBLIC),
    "materials:theme": ("/en/materials/themes/school-non-attendance/", PUBLIC),
    "materials:kind": ("/en/materials/kinds/info_brief/", PUBLIC),
    "materials:feed": ("/en/materials/feed.atom", PUBLIC),
}


def example_objects() -> dict[str, Any]:
    """A published item of the school non-attendance theme."""
    from vip.materials.tests.builders import make_material

    return {"material": make_material(title_fi="Esimerkkiaineisto").pk}
