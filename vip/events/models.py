"""Events of the network and registrations to them.

Capacity rules span rows (confirmed registrations may never outnumber the seats),
so no portable constraint can hold them: the services lock the event row before
counting, and vip/events/tests/test_concurrency.py proves the lock on PostgreSQL.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from vip.core.models import TranslatedNameMixin
from vip.network.models import NETWORK_DATA, Group, Sector, Theme, validate_languages
from vip.registry.models import REGISTRY_DATA, Area, Municipality, Organisation

# The data version raised by every change to an event or its seats; it keys cached
# public pages, together with the names of themes, areas and organisations they show.
EVENTS_DATA = "events"
PUBLIC_DATA = (EVENTS_DATA, NETWORK_DATA, REGISTRY_DATA)


def event_data_key(pk: int) -> str:
    """The data version of one event's seats, raised by every registration change.

    A key of its own, so that a registration neither waits on one row shared by all
    events nor empties the cache of every calendar page in a registration rush.
    """
    return f"{EVENTS_DATA}:{pk}"


# Cached calendar pages and feeds live this long: whether registration is open, and
# which events are upcoming, follow the clock.
CLOCK_SECONDS = 60
# The query parameters of the calendar page.
CALENDAR_PARAMS = (
    "kind", "theme", "area", "language", "mode", "starts_from", "starts_until", "when",
)  # fmt: skip


def _translated(obj: object, field: str) -> str:
    language = (get_language() or "fi")[:2]
    return getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_fi")


class EventSeries(TranslatedNameMixin, models.Model):  # noqa: DJ008 - __str__ from the mixin
    """Events that belong together, e.g. a four-part webinar series."""

    description_fi = models.TextField(_("description in Finnish"), blank=True)
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name_fi", "id"]
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    @property
    def description(self) -> str:
        return _translated(self, "description")


class Event(models.Model):
    class Kind(models.TextChoices):
        NETWORK_DAY = "network_day", _("Network day")
        SEMINAR = "seminar", _("Seminar")
        WEBINAR = "webinar", _("Webinar")
        RALLY = "rally", _("Rally")
        TRAINING = "training", _("Training")
        VIPU = "vipu", _("VIPU event")
        REGIONAL_DAY = "regional_day", _("Regional day")
        OTHER = "other", _("Other event")

    class Mode(models.TextChoices):
        ON_SITE = "on_site", _("On site")
        REMOTE = "remote", _("Remote")
        HYBRID = "hybrid", _("Hybrid")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    # Stable across edits: the iCalendar UID and part of every manage link.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("series"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    title_fi = models.CharField(_("title in Finnish"), max_length=200)
    title_sv = models.CharField(_("title in Swedish"), max_length=200, blank=True)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    # Markdown, sanitised when rendered.
    description_fi = models.TextField(_("description in Finnish"), blank=True)
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    organising_group = models.ForeignKey(
        Group,
        verbose_name=_("organising group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organising organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_events",
    )
    partner_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("partners"), blank=True, related_name="partner_events"
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="events"
    )
    # No area means a national event.
    areas = models.ManyToManyField(Area, verbose_name=_("areas"), blank=True, related_name="events")
    audience_sectors = models.ManyToManyField(
        Sector, verbose_name=_("audience"), blank=True, related_name="events"
    )
    languages = models.CharField(
        _("languages"), max_length=12, default="fi", validators=[validate_languages]
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.ON_SITE)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    # Shown only to confirmed participants.
    join_url = models.URLField(_("link to join"), max_length=500, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    # Empty: registration opens when the event is published ...
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    # ... and closes when the event starts.
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    # Empty: participants may cancel until the event starts.
    cancellation_deadline = models.DateTimeField(_("cancellation deadline"), null=True, blank=True)
    # Empty: no limit.
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    waiting_list_capacity = models.PositiveIntegerField(_("waiting-list places"), default=0)
    is_paid = models.BooleanField(_("paid event"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set by the retention job when the answers to sensitive questions were deleted.
    sensitive_answers_deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["status", "starts_at", "id"], name="event_calendar_idx"),
            models.Index(fields=["status", "-ends_at", "-id"], name="event_past_idx"),
            models.Index(fields=["series", "starts_at"], name="event_series_idx"),
            models.Index(fields=["organising_group", "starts_at"], name="event_group_idx"),
            models.Index(fields=["-created_at", "-id"], name="event_new_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")),
                name="event_date_range",
                violation_error_message=_("The event cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gt=0),
                name="event_capacity_positive",
                violation_error_message=_(
                    "The capacity must be at least 1, or empty for no limit."
                ),
            ),
            models.CheckConstraint(
                condition=Q(registration_closes_at__isnull=True)
                | Q(registration_closes_at__lte=F("ends_at")),
                name="event_registration_closes_in_time",
                violation_error_message=_("Registration must close before the event ends."),
            ),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True)
                | Q(registration_opens_at__lt=F("registration_closes_at")),
                name="event_registration_window",
                violation_error_message=_("Registration must open before it closes."),
            ),
            models.CheckConstraint(
                condition=Q(cancellation_deadline__isnull=True)
                | Q(cancellation_deadline__lte=F("starts_at")),
                name="event_cancellation_deadline",
                violation_error_message=_("The cancellation deadline cannot be after the start."),
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""),
                name="event_cancel_reason",
                violation_error_message=_("Give the reason for cancelling."),
            ),
        ]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _translated(self, "title")

    @property
    def description(self) -> str:
        return _translated(self, "description")

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @property
    def kind_label(self) -> str:
        return str(_KIND_LABELS.get(self.kind, self.kind))

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def registration_closes(self) -> datetime.datetime:
        """When registration closes in effect: the set time, or the start."""
        return self.registration_closes_at or self.starts_at

    @property
    def cancellation_closes(self) -> datetime.datetime:
        """Until when participants may cancel themselves: the deadline, or the start."""
        return self.cancellation_deadline or self.starts_at

    def registration_open_at(self, moment: datetime.datetime | None = None) -> bool:
        now = moment or timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and (self.registration_opens_at is None or self.registration_opens_at <= now)
            and now < self.registration_closes
        )


_KIND_LABELS = dict(Event.Kind.choices)


class PriceGroup(TranslatedNameMixin, models.Model):  # noqa: DJ008 - __str__ from the mixin
    """A price of a paid event, e.g. "member organisation" or "other"."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="price_groups")
    price = models.DecimalField(
        _("price (EUR, VAT included)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    vat_rate = models.DecimalField(
        _("VAT rate (%)"),
        max_digits=4,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["event", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(price__gte=0), name="price_group_price_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(vat_rate__gte=0, vat_rate__lte=100), name="price_group_vat_rate"
            ),
        ]
        verbose_name = _("price group")
        verbose_name_plural = _("price groups")


class Question(models.Model):
    """A question of the registration form, e.g. dietary needs."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        CHOICE = "choice", _("Choice")
        YES_NO = "yes_no", _("Yes or no")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.TEXT)
    label_fi = models.CharField(_("question in Finnish"), max_length=300)
    label_sv = models.CharField(_("question in Swedish"), max_length=300, blank=True)
    label_en = models.CharField(_("question in English"), max_length=300, blank=True)
    # One choice a line, for choice questions.
    choices = models.TextField(_("choices"), blank=True)
    required = models.BooleanField(_("required"), default=False)
    # Answers to sensitive questions (e.g. dietary needs) are deleted after the event.
    sensitive = models.BooleanField(_("sensitive"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["event", "position", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        if self.kind == self.Kind.CHOICE and len(self.choice_list) < 2:
            raise ValidationError(
                {"choices": _("A choice question needs at least two choices, one a line.")}
            )

    @property
    def label(self) -> str:
        return _translated(self, "label")

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        REMOVED = "removed", _("Removed")

    class Language(models.TextChoices):
        FI = "fi", _("Finnish")
        SV = "sv", _("Swedish")
        EN = "en", _("English")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    email = models.EmailField(_("e-mail"))
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
    )
    # An organisation not in the registry, as typed.
    organisation_text = models.CharField(_("organisation"), max_length=200, blank=True)
    # Set only when the registration is anonymised, which drops the organisation: the
    # exact school, with the municipality, sector and event, could point to one person,
    # while its kind is all the reach figures need. Empty while ``organisation`` is set.
    organisation_kind = models.CharField(
        _("organisation kind"),
        max_length=32,
        choices=Organisation.Kind.choices,
        blank=True,
        editable=False,
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
    )
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("sector or role"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.FI
    )
    price_group = models.ForeignKey(
        PriceGroup,
        verbose_name=_("price group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
    )
    billing_organisation = models.CharField(_("billing organisation"), max_length=200, blank=True)
    billing_reference = models.CharField(_("billing reference"), max_length=100, blank=True)
    billing_address = models.TextField(_("billing address"), blank=True)
    consent_at = models.DateTimeField(_("consented to the privacy notice"))
    # The waiting list moves in the order of registration: created_at, then id.
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    promoted_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Attendance: empty until marked, then present (True) or absent (False).
    attended = models.BooleanField(_("present"), null=True, blank=True)
    attendance_marked_at = models.DateTimeField(
        _("attendance marked"), null=True, blank=True, editable=False
    )
    # The feedback link went out; whether it was used is a flag only, so that no
    # answer can be tied to the registration (Feedback holds no link back).
    feedback_requested_at = models.DateTimeField(null=True, blank=True, editable=False)
    feedback_given = models.BooleanField(default=False, editable=False)
    # Past the retention period the person's details are blanked and the organisation
    # becomes its kind; the municipality, sector, status and attendance stay for the
    # reach figures.
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["event", "created_at", "id"]
        indexes = [
            models.Index(
                fields=["event", "status", "created_at", "id"], name="registration_list_idx"
            ),
            models.Index(
                fields=["event", "family_name", "given_name", "id"], name="registration_name_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                F("event"),
                Lower("email"),
                condition=~Q(status__in=["cancelled", "removed"]),
                name="registration_unique_email",
                violation_error_message=_(
                    "This e-mail address is already registered for this event."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["confirmed", "waiting", "cancelled", "removed"]),
                name="registration_status_valid",
            ),
        ]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self) -> str:
        return f"{self.full_name} / {self.event_id}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def listed_name(self) -> str:
        """The name in participant lists: family name first, or that it was anonymised."""
        if self.anonymised_at is not None:
            return str(_("Anonymised"))
        return f"{self.family_name}, {self.given_name}"

    @property
    def is_active(self) -> bool:
        return self.status in {self.Status.CONFIRMED, self.Status.WAITING}

    @property
    def status_label(self) -> str:
        return str(_REGISTRATION_STATUS_LABELS.get(self.status, self.status))


_REGISTRATION_STATUS_LABELS = dict(Registration.Status.choices)
ACTIVE_STATUSES = (Registration.Status.CONFIRMED, Registration.Status.WAITING)


class Answer(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.TextField(_("answer"), blank=True)

    class Meta:
        ordering = ["registration", "question_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "question"], name="answer_once_per_question"
            ),
        ]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.registration_id}/{self.question_id}"


class Feedback(models.Model):
    """One attendee's feedback on an event, deliberately not linked to the registration.

    Only the day of the answer is kept (not the time) and the key is random, so that
    the order of answers cannot be matched with the order of the feedback links
    either. Aggregates are shown only from FEEDBACK_MIN_ANSWERS answers up.
    """

    # A random key, not a counter: the order of answers must not be readable from it.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback")
    overall = models.PositiveSmallIntegerField(
        _("overall rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    usefulness = models.PositiveSmallIntegerField(
        _("usefulness for your work"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    would_recommend = models.BooleanField(_("would recommend"), null=True, blank=True)
    comment = models.TextField(_("comments"), blank=True, max_length=4000)
    submitted_on = models.DateField(default=timezone.localdate, editable=False)

    class Meta:
        ordering = ["event", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(overall__gte=1, overall__lte=5), name="feedback_overall_range"
            ),
            models.CheckConstraint(
                condition=Q(usefulness__gte=1, usefulness__lte=5),
                name="feedback_usefulness_range",
            ),
        ]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"{self.event_id}/{self.pk}"


# Fewer answers than this are never shown, not even as averages.
FEEDBACK_MIN_ANSWERS = 5


def _material_path(instance: EventMaterial, filename: str) -> str:
    # A generated name: the original one is kept in the row, never on disk.
    return f"events/{instance.event_id}/{uuid.uuid4().hex}"


class EventMaterial(models.Model):
    """A file or a link attached to an event, typically after it (slides, recording)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to=_material_path, max_length=200, blank=True)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    # Public materials show on the event page; the others only to participants
    # (through their personal link) and organisers.
    public = models.BooleanField(_("public"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(url="") & ~Q(file="")) | (~Q(url="") & Q(file="")),
                name="event_material_file_or_link",
                violation_error_message=_("Give either a file or a link, not both."),
            ),
        ]
        verbose_name = _("event material")
        verbose_name_plural = _("event materials")

    def __str__(self) -> str:
        return self.title

    @property
    def is_link(self) -> bool:
        return bool(self.url)


class EventMessage(models.Model):
    """An e-mail an organiser sent to the participants of an event, kept as a record."""

    class Audience(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed participants")
        WAITING = "waiting", _("Waiting list")
        ALL = "all", _("Confirmed and waiting")
        ATTENDED = "attended", _("Those who attended")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="messages")
    audience = models.CharField(_("recipients"), max_length=10, choices=Audience.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), max_length=10000)
    recipient_count = models.PositiveIntegerField(default=0, editable=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    sent_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["event", "-sent_at", "-id"]
        verbose_name = _("message to participants")
        verbose_name_plural = _("messages to participants")

    def __str__(self) -> str:
        return self.subject
