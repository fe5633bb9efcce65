"""The people and groups of the network: who sits where, in which role, until when."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Lower
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from vip.core.models import TranslatedNameMixin, search_key
from vip.core.url_cache import reverse_one
from vip.registry.models import Area, Organisation

# The data version raised by every change to people, groups and meetings; it keys
# the cached public group pages.
NETWORK_DATA = "network"

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()-]{4,22}[0-9]$",
    message=_("Enter a phone number of digits, e.g. +358 40 123 4567 or 040 123 4567."),
    code="invalid_phone",
)
LANGUAGE_CODES = ("fi", "sv", "en")


def validate_languages(value: str) -> None:
    codes = [code for code in value.split(",") if code]
    if not codes or any(code not in LANGUAGE_CODES for code in codes):
        raise ValidationError(
            _("Choose one or more of Finnish, Swedish and English."), code="invalid_languages"
        )


def active_on_q(day: datetime.date, prefix: str = "") -> Q:
    """Rows (a membership, or what ``prefix`` leads to) that have started by ``day`` and
    not ended before it; an empty end means open-ended."""
    return Q(**{f"{prefix}start__lte": day}) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gte": day})
    )


def employed_on_q(day: datetime.date, prefix: str = "") -> Q:
    """Employments current on ``day``; an employment's start and end may both be unknown."""
    return (Q(**{f"{prefix}start__isnull": True}) | Q(**{f"{prefix}start__lte": day})) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gte": day})
    )


class Theme(TranslatedNameMixin, models.Model):  # noqa: DJ008 - __str__ from the mixin
    """A theme of the network's work, e.g. school non-attendance. Data, not code."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Sector(TranslatedNameMixin, models.Model):  # noqa: DJ008 - __str__ from the mixin
    """A sector regional groups must represent, e.g. pupil welfare. Data, not code."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class Person(models.Model):
    """Someone who works in the network. Not necessarily a user of the platform."""

    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    email = models.EmailField(_("work e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_validator])
    title = models.CharField(_("title"), max_length=200, blank=True)
    languages = models.CharField(
        _("languages"), max_length=12, default="fi", validators=[validate_languages]
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    # Names, organisations and group roles of official group members are public;
    # the work e-mail and phone only when the person says so.
    contact_details_public = models.BooleanField(_("contact details are public"), default=False)
    search_text = models.CharField(max_length=500, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["family_name", "given_name", "id"]
        indexes = [
            models.Index(fields=["family_name", "given_name", "id"], name="person_name_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="person_unique_email",
                violation_error_message=_("Another person already has this e-mail address."),
            ),
        ]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: object, **kwargs: object) -> None:
        self.email = self.email.strip().lower()
        self.search_text = search_key(self.given_name, self.family_name, self.email, self.title)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse_one("network:person_detail", self.pk)

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]


class Employment(models.Model):
    """A person's post in an organisation, with dates; a person may hold several."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="employments")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="employments",
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        ordering = ["person", "-start", "id"]
        indexes = [models.Index(fields=["organisation", "person"], name="employment_org_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="employment_date_range",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]
        verbose_name = _("employment")
        verbose_name_plural = _("employments")

    def __str__(self) -> str:
        return f"{self.person} / {self.organisation}"

    def is_current(self, day: datetime.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class Group(TranslatedNameMixin, models.Model):  # noqa: DJ008 - __str__ from the mixin
    """A steering, thematic, expert, regional or other group of the network."""

    class Kind(models.TextChoices):
        STEERING = "steering", _("Steering group")
        THEMATIC = "thematic", _("Thematic group")
        EXPERT = "expert", _("Expert group")
        REGIONAL = "regional", _("Regional group")
        VAATU = "vaatu", _("Vaatu work group")
        CORE = "core", _("Regional core group")
        OTHER = "other", _("Other group")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    description_fi = models.TextField(_("description in Finnish"), blank=True)
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    # No area means a national group.
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="groups",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subgroups",
    )
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("theme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="groups",
    )
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    founding_decision = models.CharField(_("founding decision"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    search_text = models.CharField(max_length=700, editable=False, default="")

    class Meta:
        ordering = ["kind", "name_fi", "id"]
        indexes = [
            models.Index(fields=["kind", "name_fi", "id"], name="group_kind_idx"),
            models.Index(fields=["area", "kind"], name="group_area_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=F("term_start")),
                name="group_term_range",
                violation_error_message=_("The term cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="regional") | Q(area__isnull=False),
                name="group_regional_has_area",
                violation_error_message=_("A regional group belongs to an area."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="expert") | Q(parent__isnull=False),
                name="group_expert_has_parent",
                violation_error_message=_("An expert group belongs to a thematic group."),
            ),
        ]
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = search_key(
            self.name_fi, self.name_sv, self.name_en, self.founding_decision
        )
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse_one("network:group_detail", self.pk)

    @property
    def description(self) -> str:
        language = (get_language() or "fi")[:2]
        return getattr(self, f"description_{language}", "") or self.description_fi

    @property
    def kind_label(self) -> str:
        return str(_GROUP_KIND_LABELS.get(self.kind, self.kind))

    @property
    def is_national(self) -> bool:
        return self.area_id is None


_GROUP_KIND_LABELS = dict(Group.Kind.choices)


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active_on(self, day: datetime.date) -> MembershipQuerySet:
        return self.filter(active_on_q(day))

    def former_on(self, day: datetime.date) -> MembershipQuerySet:
        return self.filter(end__lt=day)


class Membership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        MEMBER = "member", _("Member")
        DEPUTY = "deputy", _("Deputy member")
        SECRETARY = "secretary", _("Secretary")
        PERMANENT_EXPERT = "expert", _("Permanent expert")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="memberships"
    )
    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    # The member a deputy stands in for.
    principal = models.ForeignKey(
        "self",
        verbose_name=_("deputy for"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deputies",
    )
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("sector"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation represented"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        # Not by name: that would join the person table on every query. Lists that
        # show members sort them themselves (ROLE_ORDER, then the name).
        ordering = ["group", "start", "id"]
        indexes = [
            models.Index(fields=["group", "role", "start"], name="membership_group_idx"),
            models.Index(fields=["person", "start"], name="membership_person_idx"),
            models.Index(fields=["sector", "group"], name="membership_sector_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="membership_date_range",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=(Q(role="deputy") & Q(principal__isnull=False))
                | (~Q(role="deputy") & Q(principal__isnull=True)),
                name="membership_deputy_has_principal",
                violation_error_message=_(
                    "A deputy member stands in for a member: choose whom. Only deputies have one."
                ),
            ),
            # These two guard only open-ended memberships (those of groups whose term has
            # no end: the services give every other membership the term's end date).
            # Dated memberships are checked by the services while the group row is
            # locked; vip/network/tests/test_concurrency.py proves the lock on PostgreSQL.
            models.UniqueConstraint(
                fields=["group"],
                condition=Q(role="chair", end__isnull=True),
                name="membership_one_open_chair",
                violation_error_message=_("The group already has a chair."),
            ),
            models.UniqueConstraint(
                fields=["group", "person", "role"],
                condition=Q(end__isnull=True),
                name="membership_one_open_per_role",
                violation_error_message=_("This person already has this role in the group."),
            ),
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.person} / {self.group} / {self.role_label}"

    @property
    def role_label(self) -> str:
        return str(_ROLE_LABELS.get(self.role, self.role))

    def is_active_on(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def overlaps(self, start: datetime.date, end: datetime.date | None) -> bool:
        """Whether [start, end] meets this membership's dates (None = open-ended)."""
        starts_before_other_ends = end is None or self.start <= end
        ends_after_other_starts = self.end is None or start <= self.end
        return starts_before_other_ends and ends_after_other_starts


_ROLE_LABELS = dict(Membership.Role.choices)

# The roles a deputy member may stand in for.
ROLES_WITH_DEPUTIES: tuple[str, ...] = (
    Membership.Role.CHAIR,
    Membership.Role.VICE_CHAIR,
    Membership.Role.MEMBER,
)
# The order in which a group's members are listed everywhere: pages, API and exports.
ROLE_ORDER: dict[str, int] = {
    Membership.Role.CHAIR: 0,
    Membership.Role.VICE_CHAIR: 1,
    Membership.Role.MEMBER: 2,
    Membership.Role.DEPUTY: 3,
    Membership.Role.PERMANENT_EXPERT: 4,
    Membership.Role.SECRETARY: 5,
}


def role_order_expression(field: str = "role") -> Case:
    """ROLE_ORDER as a database expression, to sort members in a query."""
    return Case(
        *(When(**{field: role}, then=Value(position)) for role, position in ROLE_ORDER.items()),
        default=Value(len(ROLE_ORDER)),
        output_field=IntegerField(),
    )


def member_sort_key(membership: Membership) -> tuple[int, str, str, int]:
    """Role (ROLE_ORDER), then family and given name; needs the person loaded."""
    return (
        ROLE_ORDER.get(membership.role, len(ROLE_ORDER)),
        membership.person.family_name.casefold(),
        membership.person.given_name.casefold(),
        membership.pk,
    )


class Meeting(models.Model):
    class Mode(models.TextChoices):
        ON_SITE = "on_site", _("On site")
        REMOTE = "remote", _("Remote")
        HYBRID = "hybrid", _("Hybrid")

    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="meetings"
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"), null=True, blank=True)
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.ON_SITE)
    place = models.CharField(_("place"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    # Agenda, decisions and the date are public; the minutes once approved.
    minutes_public = models.BooleanField(_("minutes are public"), default=False)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["group", "-date"], name="meeting_group_idx")]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.group} {self.date:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse_one("network:meeting_detail", self.pk)


class MeetingAttendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="attendances")
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"], name="attendance_once_per_meeting"
            ),
        ]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self) -> str:
        return f"{self.meeting}: {self.membership.person}"


def _attachment_path(instance: MeetingAttachment, filename: str) -> str:
    # The stored name is generated; the original name is kept in the row only.
    return f"meetings/{instance.meeting_id}/{uuid.uuid4().hex}"


class MeetingAttachment(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    public = models.BooleanField(_("public"), default=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "original_name", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse_one("network:attachment_download", self.pk)


class Decision(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="decisions"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )
    number = models.CharField(_("number"), max_length=20)
    date = models.DateField(_("date"))
    text = models.TextField(_("decision"))
    responsible = models.ForeignKey(
        Person,
        verbose_name=_("responsible person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["group", "-date"], name="decision_group_idx"),
            models.Index(fields=["-date", "-id"], name="decision_date_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "number"],
                name="decision_unique_number",
                violation_error_message=_("The group already has a decision with this number."),
            ),
        ]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.group} {self.number}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = decision_search_text(self)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def status_label(self) -> str:
        return str(_DECISION_STATUS_LABELS.get(self.status, self.status))


_DECISION_STATUS_LABELS = dict(Decision.Status.choices)


def decision_search_text(decision: Decision) -> str:
    """What the decision search matches: the number and text, the group's names in every
    language and the responsible person's name. Renaming the group or the person
    recomputes it (``services.refresh_decision_search_text``); migration 0004 keeps the
    same order of parts."""
    group, responsible = decision.group, decision.responsible
    return search_key(
        decision.number,
        decision.text,
        group.name_fi,
        group.name_sv,
        group.name_en,
        responsible.given_name if responsible else "",
        responsible.family_name if responsible else "",
    )
