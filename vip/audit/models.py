"""The audit trail: an append-only record of who did what, when and from where."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    LOGIN = "auth.login", _("Signed in")
    LOGIN_FAILED = "auth.login_failed", _("Sign-in failed")
    LOGIN_THROTTLED = "auth.login_throttled", _("Sign-in refused after repeated failures")
    LOGOUT = "auth.logout", _("Signed out")
    SESSION_EXPIRED = "auth.session_expired", _("Session expired")
    PASSWORD_CHANGED = "auth.password_changed", _("Password changed")
    PASSWORD_RESET_REQUESTED = "auth.password_reset_requested", _("Password reset requested")
    PASSWORD_RESET_COMPLETED = "auth.password_reset_completed", _("Password reset completed")
    TWO_FACTOR_ENABLED = "auth.2fa_enabled", _("Two-step verification turned on")
    TWO_FACTOR_DISABLED = "auth.2fa_disabled", _("Two-step verification turned off")
    TWO_FACTOR_FAILED = "auth.2fa_failed", _("Wrong verification code")
    RECOVERY_CODE_USED = "auth.recovery_code_used", _("Recovery code used")
    USER_CREATED = "accounts.user_created", _("User created")
    USER_UPDATED = "accounts.user_updated", _("User updated")
    USER_DEACTIVATED = "accounts.user_deactivated", _("User deactivated")
    ROLE_GRANTED = "accounts.role_granted", _("Role granted")
    ROLE_REVOKED = "accounts.role_revoked", _("Role revoked")
    API_TOKEN_CREATED = "accounts.api_token_created", _("API token created")
    API_TOKEN_REVOKED = "accounts.api_token_revoked", _("API token revoked")
    REFERENCE_DATA_LOADED = "registry.reference_data_loaded", _("Reference data loaded")
    ORGANISATION_CREATED = "registry.organisation_created", _("Organisation created")
    ORGANISATION_UPDATED = "registry.organisation_updated", _("Organisation updated")
    PERSON_CREATED = "network.person_created", _("Person created")
    PERSON_UPDATED = "network.person_updated", _("Person updated")
    EMPLOYMENT_CHANGED = "network.employment_changed", _("Employment changed")
    GROUP_CREATED = "network.group_created", _("Group created")
    GROUP_UPDATED = "network.group_updated", _("Group updated")
    MEMBERSHIP_ADDED = "network.membership_added", _("Membership added")
    MEMBERSHIP_UPDATED = "network.membership_updated", _("Membership updated")
    MEMBERSHIP_ENDED = "network.membership_ended", _("Membership ended")
    MEETING_SAVED = "network.meeting_saved", _("Meeting saved")
    MEETING_ATTACHMENT_ADDED = "network.attachment_added", _("Meeting attachment added")
    MEETING_ATTACHMENT_CHANGED = "network.attachment_changed", _("Meeting attachment changed")
    MEETING_ATTACHMENT_DELETED = "network.attachment_deleted", _("Meeting attachment deleted")
    DECISION_SAVED = "network.decision_saved", _("Decision saved")
    THEME_SAVED = "network.theme_saved", _("Theme saved")
    SECTOR_SAVED = "network.sector_saved", _("Sector saved")
    NETWORK_IMPORTED = "network.imported", _("People and memberships imported")
    NETWORK_EXPORTED = "network.exported", _("Registry data exported")
    CAMPAIGN_SAVED = "vipu.campaign_saved", _("Contact campaign saved")
    NOMINATION_MADE = "vipu.nomination_made", _("Contact person nominated")
    NOMINATION_REPLACED = "vipu.nomination_replaced", _("Contact person replaced")
    NOMINATION_WITHDRAWN = "vipu.nomination_withdrawn", _("Nomination withdrawn")
    REMINDER_SENT = "vipu.reminder_sent", _("Nomination reminder sent")
    CONTACTS_EXPORTED = "vipu.contacts_exported", _("Contact persons exported")
    EVENT_CREATED = "events.event_created", _("Event created")
    EVENT_UPDATED = "events.event_updated", _("Event updated")
    EVENT_PUBLISHED = "events.event_published", _("Event published")
    EVENT_CANCELLED = "events.event_cancelled", _("Event cancelled")
    REGISTRATION_CREATED = "events.registration_created", _("Event registration made")
    REGISTRATION_CANCELLED = "events.registration_cancelled", _("Event registration cancelled")
    REGISTRATION_REMOVED = "events.registration_removed", _("Participant removed from an event")
    REGISTRATION_PROMOTED = (
        "events.registration_promoted",
        _("Participant promoted from the waiting list"),
    )
    EVENT_DUPLICATED = "events.event_duplicated", _("Event duplicated")
    EVENT_MATERIAL_ADDED = "events.material_added", _("Event material added")
    EVENT_MATERIAL_DELETED = "events.material_deleted", _("Event material deleted")
    EVENT_MESSAGE_SENT = "events.message_sent", _("Message sent to event participants")
    ATTENDANCE_MARKED = "events.attendance_marked", _("Attendance marked")
    PARTICIPANTS_EXPORTED = "events.participants_exported", _("Event participants exported")
    FEEDBACK_REQUESTED = "events.feedback_requested", _("Event feedback requested")
    EVENT_REPORT_EXPORTED = "events.report_exported", _("Event reach report exported")
    SENSITIVE_ANSWERS_DELETED = (
        "events.sensitive_answers_deleted",
        _("Sensitive registration answers deleted"),
    )
    REGISTRATIONS_ANONYMISED = (
        "events.registrations_anonymised",
        _("Past event registrations anonymised"),
    )
    MATERIAL_CREATED = "materials.created", _("Material created")
    MATERIAL_UPDATED = "materials.updated", _("Material updated")
    MATERIAL_STATUS_CHANGED = "materials.status_changed", _("Material status changed")
    MATERIAL_FILE_ADDED = "materials.file_added", _("Material file added")
    MATERIAL_FILE_REMOVED = "materials.file_removed", _("Material file removed")
    MATERIALS_IMPORTED = "materials.imported", _("Materials imported")
    MATERIALS_REINDEXED = "materials.reindexed", _("Materials search index rebuilt")
    AUDIT_EXPORTED = "audit.exported", _("Audit trail exported")
    AUDIT_PURGED = "audit.purged", _("Audit events past retention deleted")
    DEMO_DATA_SEEDED = "demo.seeded", _("Demo data seeded")
    ENCRYPTION_KEYS_ROTATED = "core.encryption_keys_rotated", _("Encryption keys rotated")


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an audit row."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("Audit events cannot be deleted.")

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit events cannot be changed.")


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(_("time"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=64, choices=AuditAction.choices)
    target_type = models.CharField(_("target type"), max_length=64, blank=True)
    target_id = models.CharField(_("target id"), max_length=64, blank=True)
    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    area = models.ForeignKey(
        "registry.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    # Small and never sensitive: ids, counts, field names - not personal data.
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["-occurred_at", "-id"], name="audit_time_idx"),
            models.Index(fields=["action", "-occurred_at"], name="audit_action_idx"),
            # Registrations per client address (vip/events/throttling.py).
            models.Index(fields=["action", "ip", "-occurred_at"], name="audit_action_ip_idx"),
            models.Index(fields=["actor", "-occurred_at"], name="audit_actor_idx"),
            models.Index(fields=["target_type", "target_id"], name="audit_target_idx"),
        ]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit events cannot be deleted.")
