"""VIPU contact persons: the nomination campaigns and each municipality's named contacts."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from vip.core.models import TranslatedNameMixin
from vip.core.url_cache import reverse_one
from vip.network.models import Person
from vip.registry.models import Municipality, Organisation

# Raised by every nomination change; keys the cached coverage pages.
VIPU_DATA = "vipu"


class Campaign(TranslatedNameMixin, models.Model):  # noqa: DJ008 - __str__ from the mixin
    """A call on municipalities and providers to name their contact persons by a deadline."""

    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    deadline = models.DateField(_("deadline"))
    requirements = models.TextField(_("requirements"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="campaign_period",
                violation_error_message=_("The campaign cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(deadline__gte=F("starts_on")) & Q(deadline__lte=F("ends_on")),
                name="campaign_deadline_in_period",
                violation_error_message=_("The deadline must fall within the campaign period."),
            ),
        ]
        verbose_name = _("contact campaign")
        verbose_name_plural = _("contact campaigns")

    def get_absolute_url(self) -> str:
        return reverse_one("vipu:campaign_detail", self.pk)

    def is_open(self, day: datetime.date) -> bool:
        """Whether contacts can be named, replaced and withdrawn on ``day``."""
        return self.starts_on <= day <= self.ends_on


class Nomination(models.Model):
    """One named contact person. Replacing a contact ends the row and keeps it as history."""

    class Responsibility(models.TextChoices):
        LEARNING_SUPPORT = "learning_support", _("Coordinating learning support")
        PUPIL_WELFARE = "pupil_welfare", _("Pupil welfare services")

    class Language(models.TextChoices):
        FINNISH = "fi", _("Finnish")
        SWEDISH = "sv", _("Swedish")

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="nominations")
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="vipu_nominations",
    )
    # Set for private providers and teacher-training schools, which name their own
    # contact; empty for the municipality's own two.
    provider = models.ForeignKey(
        Organisation,
        verbose_name=_("education provider"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vipu_nominations",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("contact person"),
        on_delete=models.PROTECT,
        related_name="vipu_nominations",
    )
    responsibility = models.CharField(
        _("responsibility"), max_length=20, choices=Responsibility.choices
    )
    language = models.CharField(
        _("working language"), max_length=2, choices=Language.choices, default=Language.FINNISH
    )
    # Empty for system actions (seeding, commands).
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    nominated_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    replaced_by = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replaces"
    )

    class Meta:
        # Own columns only: an order through a relation would join it into every query,
        # even the coverage's flat values_list. Pages that list by name say so.
        ordering = ["campaign_id", "municipality_id", "responsibility", "language", "-nominated_at"]
        indexes = [
            models.Index(fields=["campaign", "municipality"], name="nomination_muni_idx"),
            models.Index(fields=["campaign", "ended_at"], name="nomination_active_idx"),
        ]
        constraints = [
            # One current contact per task and language: a second one replaces the first.
            models.UniqueConstraint(
                fields=["campaign", "municipality", "responsibility", "language"],
                condition=Q(ended_at__isnull=True, provider__isnull=True),
                name="nomination_one_current_municipal",
                violation_error_message=_(
                    "The municipality already has a contact for this task and language."
                ),
            ),
            models.UniqueConstraint(
                fields=["campaign", "provider", "responsibility", "language"],
                condition=Q(ended_at__isnull=True, provider__isnull=False),
                name="nomination_one_current_provider",
                violation_error_message=_(
                    "The provider already has a contact for this task and language."
                ),
            ),
        ]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")

    def __str__(self) -> str:
        return f"{self.municipality}: {self.person} ({self.responsibility_label})"

    @property
    def is_current(self) -> bool:
        return self.ended_at is None

    @property
    def responsibility_label(self) -> str:
        return str(_RESPONSIBILITY_LABELS.get(self.responsibility, self.responsibility))

    @property
    def language_label(self) -> str:
        return str(_LANGUAGE_LABELS.get(self.language, self.language))


_RESPONSIBILITY_LABELS = dict(Nomination.Responsibility.choices)
_LANGUAGE_LABELS = dict(Nomination.Language.choices)


class Reminder(models.Model):
    """A reminder e-mail to one of a municipality's administrators about a campaign.

    ``status`` is the municipality's coverage status when it was reminded;
    ``delivered`` says whether the mail server took the message.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reminders")
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    recipient_email = models.EmailField()
    status = models.CharField(max_length=10)
    sent_at = models.DateTimeField(auto_now_add=True)
    delivered = models.BooleanField(default=False)

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["campaign", "municipality"], name="reminder_muni_idx")]

    def __str__(self) -> str:
        return f"{self.campaign} {self.municipality} {self.sent_at:%Y-%m-%d}"
