"""What the demo calendar will hold, planned before anything is written.

A plan is plain data: the event's fields, its relations as objects, its price groups
and questions, and how many people will try to register (``demand``) and how they
behave (no-shows, feedback). The registrations themselves are drawn when the event is
written (``registrations``), from the event's own random generator, so planning
5,000 events costs next to nothing.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

from vip.events.models import Event, Question

if TYPE_CHECKING:
    from vip.network.models import Group, Sector, Theme
    from vip.registry.models import Area, Organisation

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)
# Every demo event's uid is derived from its key in this namespace, so a second run
# recognises what the first one wrote, whatever the draws.
UID_NAMESPACE = uuid.UUID("5d0c4a52-6f1e-4f3a-9d3e-6b1c9a7e0f21")

# Finland's general VAT rate: 24 % until 31.8.2024, 25.5 % from 1.9.2024.
VAT_RAISED_ON = datetime.date(2024, 9, 1)


def vat_rate_on(day: datetime.date) -> Decimal:
    return Decimal("25.5") if day >= VAT_RAISED_ON else Decimal("24.0")


def event_uid(key: str) -> uuid.UUID:
    return uuid.uuid5(UID_NAMESPACE, f"vip-demo-event:{key}")


def local(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """A wall-clock time in Helsinki on ``day``."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def weekday_on_or_after(day: datetime.date, weekdays: tuple[int, ...] = (1, 2, 3)) -> datetime.date:
    """The first of ``weekdays`` (Tuesday to Thursday by default) on or after ``day``."""
    while day.weekday() not in weekdays:
        day += DAY
    return day


def fi_date(day: datetime.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


@dataclass(frozen=True, slots=True)
class SeriesPlan:
    key: str
    name_fi: str
    name_sv: str
    name_en: str
    description_fi: str = ""
    description_sv: str = ""
    description_en: str = ""


@dataclass(frozen=True, slots=True)
class PriceGroupPlan:
    name_fi: str
    name_sv: str
    name_en: str
    price: Decimal
    vat_rate: Decimal


@dataclass(frozen=True, slots=True)
class QuestionPlan:
    label_fi: str
    label_sv: str
    label_en: str
    kind: str = Question.Kind.TEXT
    choices: str = ""
    required: bool = False
    sensitive: bool = False
    # How many registrants answer an optional question.
    answer_rate: float = 1.0
    # The answers drawn from, e.g. diets; choice questions draw from their choices.
    answers: tuple[str, ...] = ()


@dataclass(eq=False)
class EventPlan:
    key: str
    kind: str
    title_fi: str
    title_sv: str
    title_en: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    description_fi: str = ""
    description_sv: str = ""
    description_en: str = ""
    series: SeriesPlan | None = None
    organising_group: Group | None = None
    organisation: Organisation | None = None
    partners: list[Organisation] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    # Empty: a national event.
    areas: list[Area] = field(default_factory=list)
    audience: list[Sector] = field(default_factory=list)
    languages: str = "fi"
    mode: str = Event.Mode.ON_SITE
    venue: str = ""
    address: str = ""
    join_url: str = ""
    registration_opens_at: datetime.datetime | None = None
    registration_closes_at: datetime.datetime | None = None
    cancellation_deadline: datetime.datetime | None = None
    capacity: int | None = None
    waiting_list_capacity: int = 0
    status: str = Event.Status.PUBLISHED
    cancel_reason: str = ""
    price_groups: list[PriceGroupPlan] = field(default_factory=list)
    questions: list[QuestionPlan] = field(default_factory=list)
    # How many people try to register over the whole registration window.
    demand: int = 0
    # Share of confirmed participants who do not come, and of attendees who answer
    # the feedback survey.
    no_show_rate: float = 0.15
    feedback_rate: float = 0.35
    # Share of registrants who cancel before the deadline.
    cancel_rate: float = 0.07
    # Whether ``demand`` follows the scale; the showcase keeps its size (full is full).
    scaled: bool = True

    @property
    def uid(self) -> uuid.UUID:
        return event_uid(self.key)

    @property
    def is_paid(self) -> bool:
        return bool(self.price_groups)

    @property
    def published_at(self) -> datetime.datetime | None:
        if self.status == Event.Status.DRAFT:
            return None
        opens = self.registration_opens_at or self.starts_at - 60 * DAY
        return opens - 2 * DAY

    @property
    def window(self) -> tuple[datetime.datetime, datetime.datetime]:
        """When registrations come in: from opening (or publishing) until closing."""
        opens = self.registration_opens_at or self.published_at or self.starts_at - 60 * DAY
        return opens, self.registration_closes_at or self.starts_at
