"""Writes of the organiser tools: saving from the event form, duplicating, materials.

Creating and changing an event are ``vip.events.services.event_create`` and
``event_update``; ``event_save`` adds the new series the form may name, in the
same transaction, so that a refused event leaves no series behind.

Copies keep the wall-clock times: every time is moved by the same number of
days and hours in Europe/Helsinki, so a 13:00 webinar stays at 13:00 also when
the copy falls on the other side of a daylight-saving change. A copy starts
between ``FIRST_YEAR`` and ``LAST_YEAR``: a date typed wrong by centuries is a
mistake, and near the ends of Python's calendar the arithmetic overflows.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from vip.audit import audit
from vip.audit.models import AuditAction
from vip.core import data_versions
from vip.core.uploads import verify_upload
from vip.events import services
from vip.events.models import (
    EVENTS_DATA,
    Event,
    EventMaterial,
    EventSeries,
    PriceGroup,
    Question,
)

if TYPE_CHECKING:
    from vip.accounts.models import User

# The times of an event that move together when it is copied.
EVENT_TIMES = (
    "starts_at",
    "ends_at",
    "registration_opens_at",
    "registration_closes_at",
    "cancellation_deadline",
)
SERIES_NAME_FIELDS = ("name_fi", "name_sv", "name_en")
# The years an event may be held in; the forms take the same range.
FIRST_YEAR = 2000
LAST_YEAR = 2100


def year_range_message() -> str:
    return _("Choose a date between the years %(first)d and %(last)d.") % {
        "first": FIRST_YEAR,
        "last": LAST_YEAR,
    }


def in_year_range(day: datetime.date | datetime.datetime) -> bool:
    """Whether ``day`` (a local date or a wall-clock time) falls in the years events are held."""
    return FIRST_YEAR <= day.year <= LAST_YEAR


def _user(actor: User | None) -> User | None:
    return actor if getattr(actor, "is_authenticated", False) else None


# --- Series -----------------------------------------------------------------------------------


def series_create(
    *, actor: User | None, name_fi: str, name_sv: str = "", name_en: str = ""
) -> EventSeries:
    series = EventSeries(name_fi=name_fi.strip(), name_sv=name_sv.strip(), name_en=name_en.strip())
    try:
        series.full_clean()
    except ValidationError as error:
        raise ValidationError({"new_series": error.messages}) from None
    with transaction.atomic():
        series.save()
        data_versions.bump(EVENTS_DATA)
        audit.record(AuditAction.EVENT_CREATED, actor=actor, target=series)
    return series


def event_save(
    *, actor: User | None, event: Event | None = None, new_series: str = "", **arguments: Any
) -> Event:
    """Create (``event`` None) or change an event from the form, with a new series if named.

    ``arguments`` are those of ``services.event_create`` / ``event_update``.
    """
    with transaction.atomic():
        if new_series.strip():
            arguments["series"] = series_create(actor=actor, name_fi=new_series)
        if event is None:
            return services.event_create(actor=actor, **arguments)
        return services.event_update(actor=actor, event=event, **arguments)


# --- Duplicating ------------------------------------------------------------------------------


def _wall_clock(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value).replace(tzinfo=None)


def _shifted(value: datetime.datetime | None, offset: datetime.timedelta) -> Any:
    if value is None:
        return None
    try:
        return timezone.make_aware(_wall_clock(value) + offset)
    except OverflowError:
        # A time of the source far from its start can leave the calendar even
        # when the new start is in range.
        raise ValidationError(
            _("A time of the copy would fall outside the calendar. %(range)s")
            % {"range": year_range_message()}
        ) from None


def _copy_event(
    source: Event,
    *,
    actor: User | None,
    offset: datetime.timedelta,
    series_id: int | None,
) -> Event:
    """A draft copy of ``source`` with its relations and children, times moved by ``offset``.

    Call inside a transaction. Registrations, materials, messages and feedback
    belong to the source and stay there.
    """
    values: dict[str, Any] = {}
    for name in services.EVENT_FIELDS:
        field = Event._meta.get_field(name)
        assert isinstance(field, models.Field)
        values[field.attname] = getattr(source, field.attname)
    for name in EVENT_TIMES:
        values[name] = _shifted(getattr(source, name), offset)
    values["series_id"] = series_id
    copy = Event(**values, status=Event.Status.DRAFT, created_by=_user(actor))
    copy.full_clean(exclude=["created_by"])
    copy.save()
    for relation in services.EVENT_RELATIONS:
        getattr(copy, relation).set([obj.pk for obj in getattr(source, relation).all()])
    price_groups = []
    for group in source.price_groups.all():
        new_group = PriceGroup(
            event=copy, **{name: getattr(group, name) for name in services.PRICE_GROUP_FIELDS}
        )
        new_group.full_clean()
        price_groups.append(new_group)
    PriceGroup.objects.bulk_create(price_groups)
    questions = []
    for question in source.questions.all():
        new_question = Question(
            event=copy, **{name: getattr(question, name) for name in services.QUESTION_FIELDS}
        )
        new_question.full_clean()
        questions.append(new_question)
    Question.objects.bulk_create(questions)
    return copy


def _with_children(queryset: Any) -> Any:
    return queryset.prefetch_related(
        *services.EVENT_RELATIONS, "price_groups", "questions"
    ).order_by("starts_at", "id")


def event_duplicate(*, actor: User | None, event: Event, starts_at: datetime.datetime) -> Event:
    """Copy the event to start at ``starts_at``, as a draft with no registrations and a new uid.

    Its end, registration window and cancellation deadline move by the same offset.
    """
    source = _with_children(Event.objects.filter(pk=event.pk)).get()
    try:
        wall_clock_start = _wall_clock(starts_at)
    except OverflowError:
        wall_clock_start = None
    if wall_clock_start is None or not in_year_range(wall_clock_start):
        raise ValidationError({"starts_at": year_range_message()})
    offset = wall_clock_start - _wall_clock(source.starts_at)
    with transaction.atomic():
        copy = _copy_event(source, actor=actor, offset=offset, series_id=source.series_id)
        data_versions.bump(EVENTS_DATA)
        audit.record(
            AuditAction.EVENT_DUPLICATED,
            actor=actor,
            target=copy,
            organisation=copy.organisation,
            details={"source": source.pk},
        )
    return copy


def series_duplicate(
    *,
    actor: User | None,
    series: EventSeries,
    first_starts_on: datetime.date,
    name_fi: str,
    name_sv: str = "",
    name_en: str = "",
) -> EventSeries:
    """Copy the series and all its events so that the first starts on ``first_starts_on``.

    Every event moves by the same number of days and keeps its time of day; the
    copies are drafts.
    """
    events = list(_with_children(Event.objects.filter(series=series)))
    if not events:
        raise ValidationError(_("The series has no events to copy."))
    first_day = timezone.localtime(events[0].starts_at).date()
    offset = datetime.timedelta(days=(first_starts_on - first_day).days)
    try:
        last_day = timezone.localtime(events[-1].starts_at).date() + offset
    except OverflowError:
        last_day = None
    if not in_year_range(first_starts_on) or last_day is None or not in_year_range(last_day):
        raise ValidationError(
            {
                "first_starts_on": _(
                    "Every copy must be held between the years %(first)d and %(last)d: "
                    "choose an earlier or later first date."
                )
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            }
        )
    copy = EventSeries(
        name_fi=name_fi.strip(),
        name_sv=name_sv.strip(),
        name_en=name_en.strip(),
        description_fi=series.description_fi,
        description_sv=series.description_sv,
        description_en=series.description_en,
    )
    copy.full_clean()
    with transaction.atomic():
        copy.save()
        copies = []
        for source in events:
            event_copy = _copy_event(source, actor=actor, offset=offset, series_id=copy.pk)
            audit.record(
                AuditAction.EVENT_DUPLICATED,
                actor=actor,
                target=event_copy,
                organisation=event_copy.organisation,
                details={"source": source.pk, "series": copy.pk},
            )
            copies.append(event_copy.pk)
        data_versions.bump(EVENTS_DATA)
        audit.record(
            AuditAction.EVENT_DUPLICATED,
            actor=actor,
            target=copy,
            details={"source": series.pk, "events": copies},
        )
    return copy


# --- Materials --------------------------------------------------------------------------------


def material_add(
    *,
    actor: User | None,
    event: Event,
    title: str,
    url: str = "",
    upload: UploadedFile | None = None,
    public: bool = True,
) -> EventMaterial:
    """Attach a link or a file (never both) to the event.

    The file's type is read from its content; it is stored under a generated name,
    and the name it came with is kept only in the row, for the download.
    """
    title, url = title.strip(), url.strip()
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = [_("Enter a title for the material.")]
    if url and upload is not None:
        errors["url"] = [_("Give either a link or a file, not both: clear one of them.")]
    elif not url and upload is None:
        errors["url"] = [_("Enter a link or choose a file.")]
    content_type = ""
    if upload is not None and "url" not in errors:
        try:
            content_type = verify_upload(upload)
        except ValidationError as error:
            errors["file"] = error.messages
    if errors:
        raise ValidationError(errors)
    material = EventMaterial(
        event=event,
        title=title,
        url=url,
        public=public,
        added_by=_user(actor),
    )
    if upload is not None:
        material.original_name = (upload.name or "file")[-200:]
        material.content_type = content_type
        material.size = upload.size or 0
    with transaction.atomic():
        highest = EventMaterial.objects.filter(event=event).aggregate(n=Max("position"))["n"]
        material.position = 0 if highest is None else highest + 1
        if upload is not None:
            material.file.save("upload", upload, save=False)
        try:
            material.full_clean()
            material.save()
            data_versions.bump(EVENTS_DATA)
            audit.record(
                AuditAction.EVENT_MATERIAL_ADDED,
                actor=actor,
                target=material,
                organisation=event.organisation,
                details={
                    "event": event.pk,
                    "link": material.is_link,
                    "size": material.size,
                    "public": public,
                },
            )
        except Exception:
            # Nothing is stored for a material that was not saved.
            if material.file:
                material.file.delete(save=False)
            raise
    return material


def material_delete(*, actor: User | None, material: EventMaterial) -> None:
    """Remove the material; its file is deleted once the removal is committed."""
    with transaction.atomic():
        stored = (
            EventMaterial.objects.select_for_update(of=("self",))
            .select_related("event")
            .get(pk=material.pk)
        )
        storage, name = stored.file.storage, stored.file.name
        audit.record(
            AuditAction.EVENT_MATERIAL_DELETED,
            actor=actor,
            target=stored,
            organisation=stored.event.organisation,
            details={"event": stored.event_id, "link": stored.is_link, "size": stored.size},
        )
        stored.delete()
        data_versions.bump(EVENTS_DATA)
        if name:
            # A rolled-back removal keeps its file.
            transaction.on_commit(lambda: storage.delete(name), robust=True)
