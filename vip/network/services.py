"""Writes to the network registry: people, groups, memberships, meetings and decisions.

Membership rules that the database cannot express portably (no overlapping
chairs, no overlapping duplicates, deputies tied to a serving principal, dates
inside the term) are checked here while the group row is locked, so two editors
cannot slip a second chair in between the check and the write.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from vip.accounts import scopes
from vip.audit import audit
from vip.audit.models import AuditAction
from vip.core import data_versions
from vip.core.uploads import verify_upload
from vip.network.models import (
    NETWORK_DATA,
    ROLES_WITH_DEPUTIES,
    Decision,
    Employment,
    Group,
    Meeting,
    MeetingAttachment,
    MeetingAttendance,
    Membership,
    Person,
    decision_search_text,
)
from vip.registry.models import Organisation

if TYPE_CHECKING:
    from vip.accounts.models import User

PERSON_FIELDS = (
    "given_name",
    "family_name",
    "email",
    "phone",
    "title",
    "languages",
    "contact_details_public",
    "user",
)
# What a person may change about themselves.
CONTACT_FIELDS = ("email", "phone", "title", "languages", "contact_details_public")
GROUP_FIELDS = (
    "kind",
    "name_fi",
    "name_sv",
    "name_en",
    "description_fi",
    "description_sv",
    "description_en",
    "area",
    "parent",
    "theme",
    "term_start",
    "term_end",
    "founding_decision",
    "status",
)
MEMBERSHIP_FIELDS = ("person", "role", "principal", "sector", "organisation", "start", "end")
MEETING_FIELDS = ("date", "start_time", "mode", "place", "agenda", "minutes", "minutes_public")
DECISION_FIELDS = ("meeting", "number", "date", "text", "responsible", "due_date", "status")


def _check_fields(values: dict[str, Any], allowed: Iterable[str]) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")


def _apply(obj: Any, values: dict[str, Any]) -> list[str]:
    """Set the values that differ; returns the names of the changed fields."""
    changed = []
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def _day(value: datetime.date | None) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


# --- People ---------------------------------------------------------------------------------


def person_create(
    *,
    actor: User | None,
    organisation: Organisation | None = None,
    employment_start: datetime.date | None = None,
    **values: Any,
) -> Person:
    """Create a person, optionally with their current employment."""
    _check_fields(values, PERSON_FIELDS)
    person = Person(**values)
    person.email = person.email.strip().lower()
    person.full_clean()
    with transaction.atomic():
        person.save()
        if organisation is not None:
            Employment.objects.create(
                person=person, organisation=organisation, start=employment_start
            )
        data_versions.bump(NETWORK_DATA)
        audit.record(
            AuditAction.PERSON_CREATED,
            actor=actor,
            target=person,
            organisation=organisation,
            details={"organisation": organisation.pk if organisation else None},
        )
    return person


def _validate_linked_user(person: Person, user: User | None) -> None:
    """A user account linked to a person is active and linked to no one else."""
    if user is None:
        return
    if not user.is_active:
        raise ValidationError(
            {"user": _("The user account %(email)s is not active.") % {"email": user.email}}
        )
    other = Person.objects.filter(user=user).exclude(pk=person.pk).first()
    if other is not None:
        raise ValidationError(
            {
                "user": _("The user account %(email)s is already linked to %(name)s.")
                % {"email": user.email, "name": other.full_name}
            }
        )


def person_update(*, actor: User | None, person: Person, **values: Any) -> Person:
    _check_fields(values, PERSON_FIELDS)
    if "email" in values:
        values["email"] = values["email"].strip().lower()
    with transaction.atomic():
        stored = Person.objects.select_for_update().get(pk=person.pk)
        previous_user_id = stored.user_id
        changed = _apply(stored, values)
        if "user" in changed:
            if actor is not None and not scopes.is_national_admin(actor):
                # A linked account acts as the person (their groups' rights, their VIPU
                # nominations): only a national administrator ties an account to a record.
                raise ValidationError(
                    {"user": _("Only a national administrator links a user account to a person.")}
                )
            _validate_linked_user(stored, stored.user)
        stored.full_clean()
        if changed:
            stored.save()
            if {"given_name", "family_name"} & set(changed):
                # Decisions are found by their responsible person's name too.
                refresh_decision_search_text(Decision.objects.filter(responsible=stored))
            data_versions.bump(NETWORK_DATA)
            # Field names only: the values are personal data. A linked account is
            # named by its id, so that the trail shows whose access changed.
            details: dict[str, Any] = {"fields": changed}
            if "user" in changed:
                details["user"] = {"from": previous_user_id, "to": stored.user_id}
            audit.record(AuditAction.PERSON_UPDATED, actor=actor, target=stored, details=details)
    person.refresh_from_db()
    return person


def person_link_user_by_email(*, actor: User | None, user: User) -> Person | None:
    """Link ``user`` to the one person record with the same work e-mail, if there is one.

    Called when a user accepts an invitation (which proves the address is theirs) and
    when a national administrator creates a user. Nothing happens when the user is
    already linked, or when no unlinked person, or more than one, has the address:
    a coordinator then links the account on the person's edit page.
    """
    email = (user.email or "").strip()
    if not email or not user.is_active:
        return None
    with transaction.atomic():
        if Person.objects.filter(user=user).exists():
            return None
        candidates = list(
            Person.objects.select_for_update()
            .filter(email__iexact=email, user__isnull=True)
            .order_by("pk")[:2]
        )
        if len(candidates) != 1:
            return None
        person = candidates[0]
        person.user = user
        try:
            with transaction.atomic():  # the account linked elsewhere meanwhile: leave it
                person.save()
        except IntegrityError:
            return None
        data_versions.bump(NETWORK_DATA)
        audit.record(
            AuditAction.PERSON_UPDATED,
            actor=actor,
            target=person,
            details={
                "fields": ["user"],
                "user": {"from": None, "to": user.pk},
                "linked_by": "email",
            },
        )
    return person


def employment_add(
    *,
    actor: User | None,
    person: Person,
    organisation: Organisation,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> Employment:
    employment = Employment(person=person, organisation=organisation, start=start, end=end)
    employment.full_clean()
    with transaction.atomic():
        employment.save()
        data_versions.bump(NETWORK_DATA)
        audit.record(
            AuditAction.EMPLOYMENT_CHANGED,
            actor=actor,
            target=person,
            organisation=organisation,
            details={"employment": employment.pk, "change": "added"},
        )
    return employment


def employment_end(*, actor: User | None, employment: Employment, end: datetime.date) -> None:
    with transaction.atomic():
        stored = Employment.objects.select_for_update().get(pk=employment.pk)
        stored.end = end
        stored.full_clean()
        stored.save(update_fields=["end"])
        data_versions.bump(NETWORK_DATA)
        audit.record(
            AuditAction.EMPLOYMENT_CHANGED,
            actor=actor,
            target=stored.person,
            organisation=stored.organisation,
            details={"employment": stored.pk, "change": "ended", "end": end.isoformat()},
        )


# --- Groups ---------------------------------------------------------------------------------


# Deeper than any real hierarchy (thematic > expert); a guard against a broken chain.
MAX_GROUP_DEPTH = 50


def _parent_cycle(group: Group) -> bool:
    """Whether ``group`` would sit under itself: walks up from its parent, one query a level."""
    if group.pk is None or group.parent_id is None:
        return False
    seen: set[int] = set()
    parent_id: int | None = group.parent_id
    while parent_id is not None and len(seen) < MAX_GROUP_DEPTH:
        if parent_id == group.pk or parent_id in seen:
            return True
        seen.add(parent_id)
        parent_id = Group.objects.filter(pk=parent_id).values_list("parent_id", flat=True).first()
    return parent_id is not None


def _validate_group(group: Group, *, kind_changed: bool = False) -> None:
    errors: dict[str, str] = {}
    if group.kind == Group.Kind.EXPERT and (
        group.parent is None or group.parent.kind != Group.Kind.THEMATIC
    ):
        errors["parent"] = _("An expert group belongs to a thematic group.")
    if "parent" not in errors and group.parent is not None:
        if group.parent.pk == group.pk:
            errors["parent"] = _("A group cannot belong to itself.")
        elif _parent_cycle(group):
            errors["parent"] = _("A group cannot belong to one of its own subgroups.")
    if (
        kind_changed
        and group.kind != Group.Kind.THEMATIC
        and group.subgroups.filter(kind=Group.Kind.EXPERT).exists()
    ):
        errors["kind"] = _(
            "Expert groups belong to this thematic group: move them to another thematic "
            "group before changing the kind."
        )
    if group.kind == Group.Kind.REGIONAL and group.area is None:
        errors["area"] = _("A regional group belongs to an area.")
    if group.kind in {Group.Kind.THEMATIC, Group.Kind.EXPERT} and group.theme is None:
        errors["theme"] = _("Choose the theme of the group.")
    if errors:
        raise ValidationError(errors)


def _check_term_holds_memberships(group: Group) -> None:
    if group.pk is None:
        return
    outside = group.memberships.filter(start__lt=group.term_start)
    if group.term_end is not None:
        outside = outside | group.memberships.filter(end__gt=group.term_end)
        outside = outside | group.memberships.filter(end__isnull=True)
    if outside.exists():
        raise ValidationError(
            {"term_end": _("Some memberships fall outside the new term; change or end them first.")}
        )


def group_create(*, actor: User | None, **values: Any) -> Group:
    _check_fields(values, GROUP_FIELDS)
    group = Group(**values)
    group.full_clean()
    _validate_group(group)
    with transaction.atomic():
        group.save()
        data_versions.bump(NETWORK_DATA)
        audit.record(
            AuditAction.GROUP_CREATED,
            actor=actor,
            target=group,
            area=group.area,
            details={"kind": group.kind},
        )
    return group


def group_update(*, actor: User | None, group: Group, **values: Any) -> Group:
    _check_fields(values, GROUP_FIELDS)
    with transaction.atomic():
        stored = Group.objects.select_for_update().get(pk=group.pk)
        changed = _apply(stored, values)
        stored.full_clean()
        _validate_group(stored, kind_changed="kind" in changed)
        if {"term_start", "term_end"} & set(changed):
            _check_term_holds_memberships(stored)
        if changed:
            stored.save()
            if {"name_fi", "name_sv", "name_en"} & set(changed):
                # Decisions are found by their group's names too.
                refresh_decision_search_text(Decision.objects.filter(group=stored))
            data_versions.bump(NETWORK_DATA)
            audit.record(
                AuditAction.GROUP_UPDATED,
                actor=actor,
                target=stored,
                area=stored.area,
                details={"fields": changed},
            )
    group.refresh_from_db()
    return group


# --- Memberships ----------------------------------------------------------------------------


def _validate_membership(membership: Membership, group: Group) -> None:
    """The rules across rows; run with the group locked."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    start, end = membership.start, membership.end
    if end is not None and end < start:
        add("end", _("The end date cannot be before the start date."))
        raise ValidationError(errors)
    if start < group.term_start:
        add(
            "start",
            _("The membership cannot start before the group's term (%(start)s).")
            % {"start": _day(group.term_start)},
        )
    if group.term_end is not None and (end is None or end > group.term_end):
        add(
            "end",
            _("The membership must end by the end of the group's term (%(end)s).")
            % {"end": _day(group.term_end)},
        )

    others = Membership.objects.filter(group=group).exclude(pk=membership.pk)
    if membership.role == Membership.Role.CHAIR:
        for chair in others.filter(role=Membership.Role.CHAIR).select_related("person"):
            if chair.overlaps(start, end):
                add(
                    "role",
                    _("%(name)s is already the chair from %(start)s; a group has one chair.")
                    % {"name": chair.person.full_name, "start": _day(chair.start)},
                )
                break
    for duplicate in others.filter(person_id=membership.person_id, role=membership.role):
        if duplicate.overlaps(start, end):
            add(
                "person",
                _("This person already has this role in the group from %(start)s.")
                % {"start": _day(duplicate.start)},
            )
            break

    if membership.role == Membership.Role.DEPUTY:
        principal = membership.principal
        if principal is None:
            add("principal", _("Choose the member this deputy stands in for."))
        elif principal.group_id != group.pk:
            add("principal", _("The principal must be a member of the same group."))
        elif principal.role not in ROLES_WITH_DEPUTIES:
            add("principal", _("A deputy stands in for a chair, a vice-chair or a member."))
        elif principal.person_id == membership.person_id:
            add("principal", _("A person cannot be their own deputy."))
        elif not principal.overlaps(start, end):
            add(
                "principal",
                _("The principal's membership (%(start)s–%(end)s) does not overlap these dates.")
                % {"start": _day(principal.start), "end": _day(principal.end)},
            )
    elif membership.principal_id is not None:
        add("principal", _("Only a deputy member stands in for someone."))
    if errors:
        raise ValidationError(errors)


def _validate_deputies_of(principal: Membership, changed: list[str]) -> None:
    """After a change to ``principal``: its deputies must still be able to stand in for it.

    Run with the group locked, on the changed (not yet saved) principal.
    """
    deputies = list(
        Membership.objects.filter(principal=principal, role=Membership.Role.DEPUTY)
        .select_related("person")
        .order_by("start", "id")
    )
    if not deputies:
        return
    errors: dict[str, list[str]] = {}
    names = ", ".join(deputy.person.full_name for deputy in deputies)
    if principal.role not in ROLES_WITH_DEPUTIES:
        errors.setdefault("role", []).append(
            _(
                "Deputies stand in for this member (%(names)s); only a chair, a vice-chair or "
                "a member can have deputies. End or change the deputies' memberships first."
            )
            % {"names": names}
        )
    for deputy in deputies:
        if deputy.person_id == principal.person_id:
            errors.setdefault("person", []).append(
                _("%(name)s is this member's deputy and cannot stand in for themselves.")
                % {"name": deputy.person.full_name}
            )
        elif not deputy.overlaps(principal.start, principal.end):
            field = "end" if "end" in changed or "start" not in changed else "start"
            errors.setdefault(field, []).append(
                _(
                    "The deputy %(name)s serves %(dates)s, outside these dates; change or end "
                    "the deputy's membership first."
                )
                % {"name": deputy.person.full_name, "dates": _dates(deputy)}
            )
    if errors:
        raise ValidationError(errors)


def _dates(membership: Membership) -> str:
    return f"{_day(membership.start)}–{_day(membership.end)}"


def membership_add(
    *,
    actor: User | None,
    group: Group,
    person: Person,
    role: str,
    start: datetime.date,
    end: datetime.date | None = None,
    principal: Membership | None = None,
    sector: Any = None,
    organisation: Organisation | None = None,
) -> Membership:
    with transaction.atomic():
        locked = Group.objects.select_for_update().get(pk=group.pk)
        if end is None and locked.term_end is not None:
            # Without an end date the membership lasts the term.
            end = locked.term_end
        if principal is not None:
            # Read under the lock: the passed object may be stale.
            principal = Membership.objects.filter(pk=principal.pk).first()
            if principal is None:
                raise ValidationError(
                    {"principal": _("The member this deputy stands in for no longer exists.")}
                )
        membership = Membership(
            group=locked,
            person=person,
            role=role,
            start=start,
            end=end,
            principal=principal,
            sector=sector,
            organisation=organisation,
        )
        _validate_membership(membership, locked)
        membership.full_clean()
        membership.save()
        data_versions.bump(NETWORK_DATA)
        audit.record(
            AuditAction.MEMBERSHIP_ADDED,
            actor=actor,
            target=membership,
            area=locked.area,
            details={"group": locked.pk, "person": person.pk, "role": role},
        )
    return membership


def membership_update(*, actor: User | None, membership: Membership, **values: Any) -> Membership:
    _check_fields(values, MEMBERSHIP_FIELDS)
    with transaction.atomic():
        group = Group.objects.select_for_update().get(pk=membership.group_id)
        stored = Membership.objects.get(pk=membership.pk)
        if "end" in values and values["end"] is None and group.term_end is not None:
            values["end"] = group.term_end
        if values.get("principal") is not None:
            # Read under the lock: the passed object may be stale.
            principal = Membership.objects.filter(pk=values["principal"].pk).first()
            if principal is None:
                raise ValidationError(
                    {"principal": _("The member this deputy stands in for no longer exists.")}
                )
            values["principal"] = principal
        changed = _apply(stored, values)
        if changed:
            _validate_membership(stored, group)
            if {"person", "role", "start", "end"} & set(changed):
                _validate_deputies_of(stored, changed)
            stored.full_clean()
            stored.save()
            data_versions.bump(NETWORK_DATA)
            audit.record(
                AuditAction.MEMBERSHIP_UPDATED,
                actor=actor,
                target=stored,
                area=group.area,
                details={"fields": changed},
            )
    membership.refresh_from_db()
    return membership


def membership_end(
    *, actor: User | None, membership: Membership, end: datetime.date | None = None
) -> Membership:
    """End a membership; it stays as history. The member's deputies end with it.

    A deputy who would only start after ``end`` cannot end with it: the change is
    refused until that deputy's dates or principal are changed.
    """
    end = end or timezone.localdate()
    with transaction.atomic():
        group = Group.objects.select_for_update().get(pk=membership.group_id)
        stored = Membership.objects.get(pk=membership.pk)
        if end < stored.start:
            raise ValidationError({"end": _("The end date cannot be before the start date.")})
        if stored.end is not None and stored.end <= end:
            raise ValidationError(
                {"end": _("The membership already ends on %(end)s.") % {"end": _day(stored.end)}}
            )
        deputies = list(
            Membership.objects.filter(principal=stored, role=Membership.Role.DEPUTY)
            .filter(Q(end__isnull=True) | Q(end__gt=end))
            .select_related("person")
            .order_by("start", "id")
        )
        late = [deputy for deputy in deputies if deputy.start > end]
        if late:
            raise ValidationError(
                {
                    "end": _(
                        "These deputies start only after %(end)s: %(names)s. Change their "
                        "dates or their principal first, or choose a later end date."
                    )
                    % {
                        "end": _day(end),
                        "names": ", ".join(deputy.person.full_name for deputy in late),
                    }
                }
            )
        stored.end = end
        stored.full_clean()
        stored.save(update_fields=["end"])
        for deputy in deputies:
            deputy.end = end
            deputy.full_clean()
            deputy.save(update_fields=["end"])
            audit.record(
                AuditAction.MEMBERSHIP_ENDED,
                actor=actor,
                target=deputy,
                area=group.area,
                details={"end": end.isoformat(), "with_principal": stored.pk},
            )
        data_versions.bump(NETWORK_DATA)
        audit.record(
            AuditAction.MEMBERSHIP_ENDED,
            actor=actor,
            target=stored,
            area=group.area,
            details={"end": end.isoformat(), "deputies_ended": [d.pk for d in deputies]},
        )
    membership.refresh_from_db()
    return membership


# --- Meetings and decisions -----------------------------------------------------------------


# Decisions rewritten per query when a group or a person is renamed.
DECISION_REFRESH_BATCH = 500


def refresh_decision_search_text(decisions: QuerySet[Decision]) -> int:
    """Recompute the search text of ``decisions`` (after their group or responsible person
    was renamed); returns how many changed. Runs inside the caller's transaction."""
    changed: list[Decision] = []
    for decision in decisions.select_related("group", "responsible").order_by("pk"):
        text = decision_search_text(decision)
        if decision.search_text != text:
            decision.search_text = text
            changed.append(decision)
    Decision.objects.bulk_update(changed, ["search_text"], batch_size=DECISION_REFRESH_BATCH)
    return len(changed)


def _set_attendance(meeting: Meeting, present_ids: set[int], absent_ids: set[int]) -> None:
    eligible = set(
        Membership.objects.filter(group=meeting.group)
        .active_on(meeting.date)
        .values_list("pk", flat=True)
    )
    unknown = (present_ids | absent_ids) - eligible
    if unknown:
        raise ValidationError(
            {"attendance": _("Attendance can be marked only for the group's members that day.")}
        )
    MeetingAttendance.objects.filter(meeting=meeting).exclude(
        membership_id__in=present_ids | absent_ids
    ).delete()
    for membership_id in present_ids | absent_ids:
        MeetingAttendance.objects.update_or_create(
            meeting=meeting,
            membership_id=membership_id,
            defaults={"present": membership_id in present_ids},
        )


def meeting_save(
    *,
    actor: User | None,
    group: Group,
    meeting: Meeting | None = None,
    present: Iterable[int] | None = None,
    absent: Iterable[int] | None = None,
    **values: Any,
) -> Meeting:
    """Create or change a meeting, with the attendance of members and deputies."""
    _check_fields(values, MEETING_FIELDS)
    with transaction.atomic():
        if meeting is None:
            stored = Meeting(group=group, **values)
            changed = list(values)
        else:
            stored = Meeting.objects.select_for_update().get(pk=meeting.pk, group=group)
            changed = _apply(stored, values)
        stored.full_clean()
        stored.save()
        if present is not None or absent is not None:
            _set_attendance(stored, set(present or ()), set(absent or ()))
            changed.append("attendance")
        data_versions.bump(NETWORK_DATA)
        audit.record(
            AuditAction.MEETING_SAVED,
            actor=actor,
            target=stored,
            area=group.area,
            details={"group": group.pk, "fields": changed, "created": meeting is None},
        )
    return stored


def meeting_attachment_add(
    *, actor: User | None, meeting: Meeting, upload: UploadedFile, public: bool = False
) -> MeetingAttachment:
    content_type = verify_upload(upload)
    attachment = MeetingAttachment(
        meeting=meeting,
        original_name=(upload.name or "file")[-200:],
        content_type=content_type,
        size=upload.size or 0,
        public=public,
    )
    with transaction.atomic():
        attachment.file.save("upload", upload, save=False)
        try:
            attachment.full_clean()
            attachment.save()
            data_versions.bump(NETWORK_DATA)
            audit.record(
                AuditAction.MEETING_ATTACHMENT_ADDED,
                actor=actor,
                target=attachment,
                area=meeting.group.area,
                details={"meeting": meeting.pk, "size": attachment.size},
            )
        except Exception:
            attachment.file.delete(save=False)
            raise
    return attachment


def decision_save(
    *, actor: User | None, group: Group, decision: Decision | None = None, **values: Any
) -> Decision:
    _check_fields(values, DECISION_FIELDS)
    meeting = values.get("meeting")
    if meeting is not None and meeting.group_id != group.pk:
        raise ValidationError({"meeting": _("Choose a meeting of this group.")})
    with transaction.atomic():
        if decision is None:
            stored = Decision(group=group, **values)
            changed = list(values)
        else:
            stored = Decision.objects.select_for_update().get(pk=decision.pk, group=group)
            changed = _apply(stored, values)
        stored.full_clean()
        stored.save()
        data_versions.bump(NETWORK_DATA)
        audit.record(
            AuditAction.DECISION_SAVED,
            actor=actor,
            target=stored,
            area=group.area,
            details={"group": group.pk, "number": stored.number, "fields": changed},
        )
    return stored
