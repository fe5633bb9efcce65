"""What the demo materials bank will hold, planned as plain data before anything is written."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

# Every demo item's external_id starts with this, and its uid is derived from that id,
# so a second run finds what the first wrote.
EXTERNAL_PREFIX = "demo:"
UID_NAMESPACE = uuid.UUID("8f1d6c3e-2b7a-4e59-a0c4-3d9e5b7f1a62")


def material_uid(external_id: str) -> uuid.UUID:
    return uuid.uuid5(UID_NAMESPACE, f"vip-demo-material:{external_id}")


@dataclass(frozen=True, slots=True)
class Party:
    """An author or publisher: a demo organisation's seeding key ("oph"), or a name."""

    role: str  # "author" or "publisher"
    org_key: str = ""
    name: str = ""


@dataclass(slots=True)
class NamedItem:
    """One item the seed documents name, or one the demo needs to show a feature."""

    key: str  # external_id is "demo:<key>"
    kind: str
    language: str
    title: str  # in the item's own language
    summary: str
    body: str  # Markdown
    year: int
    themes: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    parties: tuple[Party, ...] = ()
    series: str = ""
    number: str = ""
    isbn: bool = False  # a synthetic ISBN with a valid check digit
    issn: bool = False
    url: str = ""
    status: str = "published"
    # Titles in the other languages (the content stays in ``language``).
    other_titles: dict[str, str] = field(default_factory=dict)
    original: str = ""  # the key of the item this one translates
    related: tuple[str, ...] = ()  # keys of related items planned earlier
    events: tuple[str, ...] = ()  # demo event keys (vip.demo.events.plans.event_uid)
    # Month and day of publication within ``year`` (the feed orders by it).
    published_on: tuple[int, int] = (6, 1)

    @property
    def external_id(self) -> str:
        return f"{EXTERNAL_PREFIX}{self.key}"
