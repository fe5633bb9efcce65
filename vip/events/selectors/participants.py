"""Reads of the organiser tools: participants, attendance, messages and the invoicing list.

Every list here costs the same number of queries for any number of rows: related
rows are joined or prefetched, and counts are aggregated in the database.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from vip.events.models import Answer, Event, EventMessage, PriceGroup, Registration
from vip.network.models import Sector
from vip.registry.models import Area, Municipality

PRESENT = "present"
ABSENT = "absent"
UNMARKED = "unmarked"
ATTENDANCE_VALUES = (PRESENT, ABSENT, UNMARKED)

CENT = Decimal("0.01")


# --- The participant list ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParticipantFilters:
    search: str = ""
    status: str = ""
    # PRESENT, ABSENT, UNMARKED or "" for any.
    attendance: str = ""
    area: Area | None = None
    municipality: Municipality | None = None
    sector: Sector | None = None

    def as_details(self) -> dict[str, Any]:
        """The filters as ids and codes, for the audit row of an export."""
        details: dict[str, Any] = {
            "search": bool(self.search),
            "status": self.status,
            "attendance": self.attendance,
            "area": self.area.code if self.area else "",
            "municipality": self.municipality.code if self.municipality else "",
            "sector": self.sector.code if self.sector else "",
        }
        return {key: value for key, value in details.items() if value}


def _case_variants(word: str) -> set[str]:
    # SQLite folds the case of ASCII letters only, so "äänekoski" would miss
    # "Äänekoski"; names are typed in a handful of casings, and matching each keeps
    # the search the same on SQLite and PostgreSQL without a search column.
    return {word, word.lower(), word.upper(), word.capitalize()}


def _search_q(search: str) -> Q:
    """Every word must match the name, the e-mail or the organisation."""
    condition = Q()
    for word in search.split():
        word_q = Q()
        for variant in _case_variants(word):
            word_q |= (
                Q(given_name__icontains=variant)
                | Q(family_name__icontains=variant)
                | Q(organisation_text__icontains=variant)
                | Q(organisation__name_fi__icontains=variant)
                | Q(organisation__name_sv__icontains=variant)
            )
        # E-mail addresses are stored in lower case.
        word_q |= Q(email__icontains=word.lower())
        condition &= word_q
    return condition


def _attendance_q(value: str) -> Q:
    if value == PRESENT:
        return Q(attended=True)
    if value == ABSENT:
        return Q(attended=False)
    if value == UNMARKED:
        return Q(attended__isnull=True)
    return Q()


def participant_list(event: Event, filters: ParticipantFilters) -> QuerySet[Registration]:
    """The event's registrations matching ``filters``, by name, with what the list shows.

    Answers come in one prefetch; the questions are read once per page with
    ``event_questions`` and matched by id.
    """
    registrations = Registration.objects.filter(event=event)
    if filters.search.strip():
        registrations = registrations.filter(_search_q(filters.search))
    if filters.status:
        registrations = registrations.filter(status=filters.status)
    if filters.attendance:
        registrations = registrations.filter(_attendance_q(filters.attendance))
    if filters.municipality is not None:
        registrations = registrations.filter(municipality=filters.municipality)
    elif filters.area is not None:
        registrations = registrations.filter(municipality__county__area=filters.area)
    if filters.sector is not None:
        registrations = registrations.filter(sector=filters.sector)
    return (
        registrations.select_related("organisation", "municipality", "sector", "price_group")
        .prefetch_related(Prefetch("answers", queryset=Answer.objects.order_by("question_id")))
        .order_by("family_name", "given_name", "pk")
    )


def event_questions(event: Event) -> list[Any]:
    return list(event.questions.order_by("position", "pk"))


@dataclass(frozen=True, slots=True)
class StatusCounts:
    confirmed: int
    waiting: int
    cancelled: int
    removed: int

    @property
    def total(self) -> int:
        return self.confirmed + self.waiting + self.cancelled + self.removed


def status_counts(event: Event) -> StatusCounts:
    counts = Registration.objects.filter(event=event).aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in Registration.Status.values}
    )
    return StatusCounts(**counts)


# --- Attendance -------------------------------------------------------------------------------


def attendance_opens_at(event: Event) -> datetime.datetime:
    """The moment attendance can first be marked: midnight starting the event's day.

    The day is the Finnish one: an event at 00:30 opens at 00:00 that night, not on
    the evening before, as its date in UTC would have it.
    """
    zone = timezone.get_current_timezone()
    day = timezone.localdate(event.starts_at, zone)
    # Finland changes its clocks at 03:00 and 04:00: every midnight exists exactly once.
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)


def attendance_list(event: Event, search: str = "") -> QuerySet[Registration]:
    """Confirmed participants by name: the people whose attendance is marked."""
    registrations = Registration.objects.filter(
        event=event, status=Registration.Status.CONFIRMED
    ).select_related("organisation")
    if search.strip():
        registrations = registrations.filter(_search_q(search))
    return registrations.order_by("family_name", "given_name", "pk")


@dataclass(frozen=True, slots=True)
class AttendanceTotals:
    present: int
    absent: int
    unmarked: int

    @property
    def confirmed(self) -> int:
        return self.present + self.absent + self.unmarked


def attendance_totals(event: Event) -> AttendanceTotals:
    counts = Registration.objects.filter(
        event=event, status=Registration.Status.CONFIRMED
    ).aggregate(
        present=Count("pk", filter=Q(attended=True)),
        absent=Count("pk", filter=Q(attended=False)),
        unmarked=Count("pk", filter=Q(attended__isnull=True)),
    )
    return AttendanceTotals(**counts)


# --- Messages ---------------------------------------------------------------------------------


def _audience_q(audience: str) -> Q:
    Audience = EventMessage.Audience
    if audience == Audience.CONFIRMED:
        return Q(status=Registration.Status.CONFIRMED)
    if audience == Audience.WAITING:
        return Q(status=Registration.Status.WAITING)
    if audience == Audience.ALL:
        return Q(status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING])
    if audience == Audience.ATTENDED:
        return Q(status=Registration.Status.CONFIRMED, attended=True)
    return Q(pk__in=[])


def message_recipients(event: Event, audience: str) -> QuerySet[Registration]:
    """Who a message to ``audience`` reaches; anonymised registrations have no address."""
    return Registration.objects.filter(
        _audience_q(audience), event=event, anonymised_at__isnull=True
    ).exclude(email="")


def audience_counts(event: Event) -> dict[str, int]:
    """How many a message to each audience would reach, in one query."""
    return (
        Registration.objects.filter(event=event, anonymised_at__isnull=True)
        .exclude(email="")
        .aggregate(
            **{
                audience: Count("pk", filter=_audience_q(audience))
                for audience in EventMessage.Audience.values
            }
        )
    )


def message_history(event: Event) -> QuerySet[EventMessage]:
    return (
        EventMessage.objects.filter(event=event)
        .select_related("sent_by")
        .order_by("-sent_at", "-pk")
    )


# --- Invoicing --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Price:
    """A price with VAT included, split into VAT and the net amount, to the cent."""

    gross: Decimal
    vat_rate: Decimal
    vat: Decimal
    net: Decimal


def split_price(gross: Decimal, vat_rate: Decimal) -> Price:
    """The VAT in a VAT-inclusive price: gross × rate / (100 + rate), rounded half up.

    The net amount is what is left, so that net + VAT is always the price exactly.
    """
    vat = (gross * vat_rate / (Decimal(100) + vat_rate)).quantize(CENT, rounding=ROUND_HALF_UP)
    return Price(gross=gross, vat_rate=vat_rate, vat=vat, net=gross - vat)


NO_PRICE = split_price(Decimal("0.00"), Decimal("0"))


def price_of(group: PriceGroup | None) -> Price:
    if group is None:
        return NO_PRICE
    return split_price(group.price, group.vat_rate)


@dataclass(frozen=True, slots=True)
class InvoiceRow:
    registration: Registration
    price: Price


@dataclass(frozen=True, slots=True)
class GroupTotal:
    # None: registrations without a price group (registered while the event was free).
    group: PriceGroup | None
    count: int
    gross: Decimal
    vat: Decimal
    net: Decimal


@dataclass(slots=True)
class InvoicingList:
    rows: list[InvoiceRow]
    groups: list[GroupTotal] = field(default_factory=list)
    count: int = 0
    gross: Decimal = Decimal("0.00")
    vat: Decimal = Decimal("0.00")
    net: Decimal = Decimal("0.00")


def invoicing_registrations(event: Event, *, attended_only: bool) -> QuerySet[Registration]:
    registrations = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
    if attended_only:
        registrations = registrations.filter(attended=True)
    return registrations.select_related("price_group", "organisation").order_by(
        "billing_organisation", "family_name", "given_name", "pk"
    )


def invoicing_list(event: Event, *, attended_only: bool = False) -> InvoicingList:
    """Who is invoiced what, row by row, with totals per price group and overall.

    Every row of a price group has the same figures, so a group's totals are its
    row figures times the count the database gives: the totals always equal the
    sum of the rows.
    """
    registrations = invoicing_registrations(event, attended_only=attended_only)
    groups = {group.pk: group for group in PriceGroup.objects.filter(event=event)}
    counts: dict[int | None, int] = {
        row["price_group"]: row["n"]
        for row in registrations.order_by().values("price_group").annotate(n=Count("pk"))
    }
    result = InvoicingList(rows=[InvoiceRow(r, price_of(r.price_group)) for r in registrations])
    ordered = sorted(groups.values(), key=lambda g: (g.position, g.pk))
    keys: list[PriceGroup | None] = [g for g in ordered if g.pk in counts]
    if None in counts:
        keys.append(None)
    for group in keys:
        count = counts[group.pk if group is not None else None]
        price = price_of(group)
        total = GroupTotal(
            group=group,
            count=count,
            gross=price.gross * count,
            vat=price.vat * count,
            net=price.net * count,
        )
        result.groups.append(total)
        result.count += count
        result.gross += total.gross
        result.vat += total.vat
        result.net += total.net
    return result


def local_naive(value: datetime.datetime | None) -> datetime.datetime | None:
    """A time in Europe/Helsinki without the zone, to the minute: spreadsheets take no zones."""
    if value is None:
        return None
    return timezone.localtime(value).replace(tzinfo=None, second=0, microsecond=0)
