"""Reach figures of events: who registered, who came, from where, and what they thought.

Every figure is a database aggregate over the registrations of a set of events,
in a fixed number of queries whatever the number of events. The figures read
only what anonymisation keeps (status, attendance, municipality, sector and
organisation kind), so they stay the same after the retention job has blanked the
people's names and addresses.

"Participants" are the confirmed registrations: the people who held a seat. The
attendance rate counts only those whose attendance was marked, so an event
where nobody marked attendance has no rate rather than a rate of zero.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, CharField, Count, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from vip.events.models import FEEDBACK_MIN_ANSWERS, Event, EventSeries, Feedback, Registration
from vip.network.models import Group, Theme
from vip.registry.models import Area, Organisation, municipality_name

CONFIRMED = Registration.Status.CONFIRMED
# The key of the row for registrations without the property broken down.
UNKNOWN = ""
_ORGANISATION_KIND_LABELS = dict(Organisation.Kind.choices)
# Anonymisation replaces the organisation with its kind, kept on the registration.
_ORGANISATION_KIND = Coalesce(
    F("organisation__kind"), NullIf(F("organisation_kind"), Value("")), output_field=CharField()
)


# --- Which events ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReachFilters:
    starts_from: datetime.date | None = None
    starts_until: datetime.date | None = None
    kind: str = ""
    theme: Theme | None = None
    # An area, or national=True for events without one.
    area: Area | None = None
    national: bool = False
    group: Group | None = None
    series: EventSeries | None = None

    def as_details(self) -> dict[str, Any]:
        """The filters in use, as codes and ids small enough for an audit row."""
        details: dict[str, Any] = {
            "starts_from": self.starts_from.isoformat() if self.starts_from else None,
            "starts_until": self.starts_until.isoformat() if self.starts_until else None,
            "kind": self.kind or None,
            "theme": self.theme.code if self.theme else None,
            "area": self.area.code if self.area else ("national" if self.national else None),
            "group": self.group.pk if self.group else None,
            "series": self.series.pk if self.series else None,
        }
        return {key: value for key, value in details.items() if value is not None}


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def report_events(events: QuerySet[Event], filters: ReachFilters) -> QuerySet[Event]:
    """The published events of ``events`` (the user's, from the policy) that match ``filters``.

    Drafts never took registrations and cancelled events never took place, so
    neither is counted. An event belongs to an area when it is held for the area
    or organised by one of the area's groups, as for the area's coordinators.
    """
    events = events.filter(status=Event.Status.PUBLISHED)
    if filters.starts_from is not None:
        events = events.filter(starts_at__gte=_day_start(filters.starts_from))
    if filters.starts_until is not None:
        events = events.filter(
            starts_at__lt=_day_start(filters.starts_until + datetime.timedelta(days=1))
        )
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.theme is not None:
        events = events.filter(
            Exists(Event.themes.through.objects.filter(event=OuterRef("pk"), theme=filters.theme))
        )
    if filters.area is not None:
        events = events.filter(
            Exists(Event.areas.through.objects.filter(event=OuterRef("pk"), area=filters.area))
            | Q(organising_group__area=filters.area)
        )
    elif filters.national:
        events = events.exclude(Exists(Event.areas.through.objects.filter(event=OuterRef("pk"))))
    if filters.group is not None:
        events = events.filter(organising_group=filters.group)
    if filters.series is not None:
        events = events.filter(series=filters.series)
    return events


# --- The figures -----------------------------------------------------------------------------


def _percent(part: int, whole: int) -> float | None:
    return None if whole == 0 else 100 * part / whole


@dataclass(frozen=True, slots=True)
class BreakdownRow:
    key: str
    label: str
    participants: int
    attended: int


@dataclass(frozen=True, slots=True)
class AreaReach:
    code: str
    label: str
    municipalities: int
    reached: int

    @property
    def share(self) -> float | None:
        """Per cent of the area's municipalities with at least one participant."""
        return _percent(self.reached, self.municipalities)


@dataclass(frozen=True, slots=True)
class FeedbackSummary:
    """Feedback of the events; below the minimum, only the fact that there is too little.

    The averages are not even computed into this object when the answers are
    too few, so no template or export can show them by mistake. Only events
    with at least FEEDBACK_MIN_ANSWERS answers each are counted; the others with
    feedback are in ``events_left_out``.
    """

    shown: bool
    answers: int = 0
    overall: float | None = None
    usefulness: float | None = None
    recommend_yes: int = 0
    recommend_no: int = 0
    recommend_unsure: int = 0
    comments: tuple[str, ...] = ()
    events_left_out: int = 0

    @property
    def recommend_share(self) -> float | None:
        """Per cent who would recommend, of those who answered yes or no."""
        return _percent(self.recommend_yes, self.recommend_yes + self.recommend_no)


@dataclass(frozen=True, slots=True)
class ReachReport:
    events: int
    registrations: int
    confirmed: int
    waiting: int
    cancelled: int
    removed: int
    # Confirmed participants marked present, and marked absent.
    attended: int
    absent: int
    by_area: list[BreakdownRow]
    by_municipality: list[BreakdownRow]
    by_sector: list[BreakdownRow]
    by_organisation_kind: list[BreakdownRow]
    area_reach: list[AreaReach]
    feedback: FeedbackSummary

    @property
    def marked(self) -> int:
        return self.attended + self.absent

    @property
    def attendance_rate(self) -> float | None:
        """Per cent present of the confirmed participants whose attendance was marked."""
        return _percent(self.attended, self.marked)

    @property
    def no_show_rate(self) -> float | None:
        return _percent(self.absent, self.marked)


def _swedish() -> bool:
    return (get_language() or "fi").startswith("sv")


def _translated(row: dict[str, Any], prefix: str) -> str:
    language = (get_language() or "fi")[:2]
    return row.get(f"{prefix}name_{language}") or row.get(f"{prefix}name_fi") or ""


def _breakdown(
    registrations: QuerySet[Registration],
    key: str,
    label_fields: Iterable[str],
    label: Callable[[dict[str, Any]], str],
    unknown_label: str,
) -> list[BreakdownRow]:
    """Participants and attendees grouped by ``key``; the most participants first."""
    values = (
        registrations.order_by()
        .values(key, *label_fields)
        .annotate(
            participants=Count("pk"),
            present=Count("pk", filter=Q(attended=True)),
        )
    )
    known: list[BreakdownRow] = []
    unknown: list[BreakdownRow] = []
    for row in values:
        code = row[key]
        if code is None or code == "":
            unknown.append(
                BreakdownRow(UNKNOWN, unknown_label, row["participants"], row["present"])
            )
        else:
            known.append(BreakdownRow(str(code), label(row), row["participants"], row["present"]))
    known.sort(key=lambda item: (-item.participants, item.label.casefold()))
    return known + unknown


def _areas(participants: QuerySet[Registration]) -> tuple[list[BreakdownRow], list[AreaReach]]:
    """Participants by area, and the share of each area's municipalities reached.

    Every area is listed, also with nobody from it: a zero is a finding too.
    """
    areas = list(
        Area.objects.order_by("code").annotate(municipality_count=Count("counties__municipalities"))
    )
    counts: dict[int | None, dict[str, Any]] = {
        row["municipality__county__area"]: dict(row)
        for row in participants.order_by()
        .values("municipality__county__area")
        .annotate(
            participants=Count("pk"),
            present=Count("pk", filter=Q(attended=True)),
            reached=Count("municipality", distinct=True),
        )
    }
    empty = {"participants": 0, "present": 0, "reached": 0}
    by_area = []
    reach = []
    for area in areas:
        row = counts.get(area.pk, empty)
        by_area.append(BreakdownRow(area.code, str(area), row["participants"], row["present"]))
        reach.append(AreaReach(area.code, str(area), area.municipality_count, row["reached"]))
    outside = counts.get(None)
    if outside is not None:
        # No municipality given, or one of Åland's, which belong to no area.
        by_area.append(
            BreakdownRow(
                UNKNOWN,
                _("No area (municipality not given or in Åland)"),
                outside["participants"],
                outside["present"],
            )
        )
    return by_area, reach


def _feedback(event_ids: QuerySet[Event, Any], *, with_comments: bool) -> FeedbackSummary:
    """The feedback of the events that each have FEEDBACK_MIN_ANSWERS answers or more.

    The minimum holds per event, not for the set: otherwise the report of events
    A and B, compared with the report of A alone, would give B's lone answer.
    The events left out are only counted.
    """
    per_event = (
        Feedback.objects.filter(event__in=event_ids)
        .order_by()
        .values("event")
        .annotate(event_answers=Count("pk"))
    )
    left_out = per_event.filter(event_answers__lt=FEEDBACK_MIN_ANSWERS).count()
    answers = Feedback.objects.filter(
        event__in=per_event.filter(event_answers__gte=FEEDBACK_MIN_ANSWERS).values("event")
    )
    figures = answers.aggregate(
        answers=Count("pk"),
        overall=Avg("overall"),
        usefulness=Avg("usefulness"),
        yes=Count("pk", filter=Q(would_recommend=True)),
        no=Count("pk", filter=Q(would_recommend=False)),
        unsure=Count("pk", filter=Q(would_recommend__isnull=True)),
    )
    if figures["answers"] < FEEDBACK_MIN_ANSWERS:
        return FeedbackSummary(shown=False, events_left_out=left_out)
    comments: tuple[str, ...] = ()
    if with_comments:
        # In the order of their text, not of their arrival: the order of answers
        # could otherwise be matched with the order in which people left.
        comments = tuple(
            answers.exclude(comment="").order_by("comment", "pk").values_list("comment", flat=True)
        )
    return FeedbackSummary(
        shown=True,
        answers=figures["answers"],
        overall=figures["overall"],
        usefulness=figures["usefulness"],
        recommend_yes=figures["yes"],
        recommend_no=figures["no"],
        recommend_unsure=figures["unsure"],
        comments=comments,
        events_left_out=left_out,
    )


def reach_report(events: QuerySet[Event], *, with_comments: bool = False) -> ReachReport:
    """The reach figures of ``events``, in ten queries at most, whatever their number.

    ``with_comments`` lists the free-text comments too; only the report of a
    single event asks for them.
    """
    event_ids = events.order_by().values("pk")
    registrations = Registration.objects.filter(event__in=event_ids)
    totals = registrations.aggregate(
        registrations=Count("pk"),
        confirmed=Count("pk", filter=Q(status=CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Registration.Status.WAITING)),
        cancelled=Count("pk", filter=Q(status=Registration.Status.CANCELLED)),
        removed=Count("pk", filter=Q(status=Registration.Status.REMOVED)),
        present=Count("pk", filter=Q(status=CONFIRMED, attended=True)),
        absent=Count("pk", filter=Q(status=CONFIRMED, attended=False)),
    )
    participants = registrations.filter(status=CONFIRMED)
    by_area, area_reach = _areas(participants)
    swedish = _swedish()
    return ReachReport(
        events=events.order_by().count(),
        registrations=totals["registrations"],
        confirmed=totals["confirmed"],
        waiting=totals["waiting"],
        cancelled=totals["cancelled"],
        removed=totals["removed"],
        attended=totals["present"],
        absent=totals["absent"],
        by_area=by_area,
        by_municipality=_breakdown(
            participants,
            "municipality__code",
            ("municipality__name_fi", "municipality__name_sv"),
            lambda row: municipality_name(
                row["municipality__name_fi"], row["municipality__name_sv"], swedish=swedish
            ),
            _("Municipality not given"),
        ),
        by_sector=_breakdown(
            participants,
            "sector__code",
            ("sector__name_fi", "sector__name_sv", "sector__name_en"),
            lambda row: _translated(row, "sector__"),
            _("Sector not given"),
        ),
        by_organisation_kind=_breakdown(
            participants.annotate(kind_of_organisation=_ORGANISATION_KIND),
            "kind_of_organisation",
            (),
            lambda row: str(
                _ORGANISATION_KIND_LABELS.get(
                    row["kind_of_organisation"], row["kind_of_organisation"]
                )
            ),
            # Typed organisations and none at all: the registry cannot tell their kind.
            _("Not in the registry"),
        ),
        area_reach=area_reach,
        feedback=_feedback(event_ids, with_comments=with_comments),
    )


# --- The same figures as one table, for the CSV and XLSX export ------------------------------


def _rounded(value: float | None) -> float | str:
    return "" if value is None else round(value, 1)


def export_rows(report: ReachReport) -> list[tuple[str, str, Any]]:
    """(section, label, value) rows of every figure of ``report``."""
    totals = _("Totals")
    rows: list[tuple[str, str, Any]] = [
        (totals, _("Events"), report.events),
        (totals, _("Registrations"), report.registrations),
        (totals, _("Confirmed"), report.confirmed),
        (totals, _("Cancelled by the participant"), report.cancelled),
        (totals, _("Removed by the organisers"), report.removed),
        (totals, _("On the waiting list"), report.waiting),
        (totals, _("Attended"), report.attended),
        (totals, _("Did not come"), report.absent),
        (totals, _("Attendance marked"), report.marked),
        (totals, _("Attendance rate (%)"), _rounded(report.attendance_rate)),
        (totals, _("No-show rate (%)"), _rounded(report.no_show_rate)),
    ]
    breakdowns = (
        (_("Participants by area"), _("Attended by area"), report.by_area),
        (
            _("Participants by municipality"),
            _("Attended by municipality"),
            report.by_municipality,
        ),
        (_("Participants by sector"), _("Attended by sector"), report.by_sector),
        (
            _("Participants by organisation kind"),
            _("Attended by organisation kind"),
            report.by_organisation_kind,
        ),
    )
    for participants_section, attended_section, breakdown in breakdowns:
        rows += [(participants_section, row.label, row.participants) for row in breakdown]
        rows += [(attended_section, row.label, row.attended) for row in breakdown]
    for area in report.area_reach:
        rows += [
            (_("Municipalities of the area"), area.label, area.municipalities),
            (_("Municipalities reached"), area.label, area.reached),
            (_("Share of municipalities reached (%)"), area.label, _rounded(area.share)),
        ]
    feedback = report.feedback
    section = _("Feedback")
    left_out = (
        section,
        _("Events left out: fewer than %(count)d answers each") % {"count": FEEDBACK_MIN_ANSWERS},
        feedback.events_left_out,
    )
    if not feedback.shown:
        rows.append(
            (
                section,
                _("Answers"),
                _("Fewer than %(count)d answers: not shown") % {"count": FEEDBACK_MIN_ANSWERS},
            )
        )
        rows.append(left_out)
        return rows
    rows += [
        (section, _("Answers"), feedback.answers),
        (section, _("Overall rating (average, 1–5)"), _rounded(feedback.overall)),
        (section, _("Usefulness for work (average, 1–5)"), _rounded(feedback.usefulness)),
        (section, _("Would recommend: yes"), feedback.recommend_yes),
        (section, _("Would recommend: no"), feedback.recommend_no),
        (section, _("Would recommend: don't know"), feedback.recommend_unsure),
        (
            section,
            _("Would recommend (percentage of yes and no answers)"),
            _rounded(feedback.recommend_share),
        ),
        left_out,
    ]
    rows += [(_("Comments"), "", comment) for comment in feedback.comments]
    return rows


def event_reach_report(event: Event) -> ReachReport:
    """The reach figures of one event, with its comments (when it has enough answers)."""
    return reach_report(Event.objects.filter(pk=event.pk), with_comments=True)
