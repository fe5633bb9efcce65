"""TEMPORARY: being written."""

from typing import Any

URLS: dict[str, tuple[str, str]] = {}


def example_objects() -> dict[str, Any]:
    return {}
