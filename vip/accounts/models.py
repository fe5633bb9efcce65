"""Users, their role grants, second factors and personal API tokens."""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vip.accounts.roles import Role
from vip.core.fields import EncryptedTextField
from vip.registry.models import Area, Organisation


def normalise_email(email: str) -> str:
    return email.strip().lower()


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email=normalise_email(username or ""))

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        user = self.model(email=normalise_email(email), **fields)
        user.set_password(password) if password else user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user


class User(AbstractBaseUser):
    """A person who signs in. Identified by work e-mail; may later link to a person record."""

    class Language(models.TextChoices):
        FINNISH = "fi", _("Finnish")
        SWEDISH = "sv", _("Swedish")
        ENGLISH = "en", _("English")

    email = models.EmailField(_("e-mail address"), unique=True)
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.FINNISH
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["given_name", "family_name"]

    class Meta:
        ordering = ["family_name", "given_name", "id"]
        indexes = [models.Index(fields=["family_name", "given_name", "id"], name="user_name_idx")]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = normalise_email(self.email)

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.given_name


class RoleGrantQuerySet(models.QuerySet["RoleGrant"]):
    def active_on(self, day: datetime.date) -> RoleGrantQuerySet:
        return self.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=day),
            starts_on__lte=day,
            revoked_at__isnull=True,
        )

    def active(self) -> RoleGrantQuerySet:
        return self.active_on(timezone.localdate())


class RoleGrant(models.Model):
    """A role held on a scope: the country, an area, or an organisation's subtree."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, null=True, blank=True
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    starts_on = models.DateField(_("starts on"), default=timezone.localdate)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    granted_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = RoleGrantQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "id"]
        indexes = [models.Index(fields=["user", "starts_on"], name="grant_user_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="role_grant_dates",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            # The scope a role is granted on follows from the role (roles.py).
            models.CheckConstraint(
                condition=(
                    Q(role=Role.NATIONAL_ADMIN, area__isnull=True, organisation__isnull=True)
                    | Q(role=Role.AREA_COORDINATOR, area__isnull=False, organisation__isnull=True)
                    | Q(
                        role__in=[Role.MUNICIPAL_ADMIN, Role.STAFF],
                        area__isnull=True,
                        organisation__isnull=False,
                    )
                ),
                name="role_grant_scope",
                violation_error_message=_("This role cannot be granted on the chosen scope."),
            ),
        ]
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")

    def __str__(self) -> str:
        return f"{self.get_role_display()} – {self.scope_label}"

    @property
    def scope_label(self) -> str:
        if self.organisation_id:
            return str(self.organisation)
        if self.area_id:
            return str(self.area)
        return str(_("Whole country"))


class TOTPDevice(models.Model):
    """An authenticator app registered as the user's second factor (RFC 6238)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="totp_device")
    secret = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The last time step accepted, so that one code cannot be used twice.
    last_used_step = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("authenticator")

    def __str__(self) -> str:
        return f"TOTP device of user {self.user_id}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class RecoveryCode(models.Model):
    """A single-use code for signing in when the authenticator is lost (stored hashed)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "code_hash"], name="recovery_code_unique")
        ]

    def __str__(self) -> str:
        return f"Recovery code of user {self.user_id}"


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(models.Model):
    """A personal API token for integrations. Only a hash of the secret is stored."""

    class Scope(models.TextChoices):
        PROFILE_READ = "profile:read", _("Read my profile and roles")
        PEOPLE_READ = "people:read", _("Read the people directory")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    # The public start of the token, used to find it; never secret on its own.
    prefix = models.CharField(max_length=16, unique=True)
    token_hash = models.CharField(max_length=64)
    scopes = models.JSONField(_("scopes"), default=list)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    def get_scopes_display(self) -> list[str]:
        labels = dict(self.Scope.choices)
        return [str(labels.get(scope, scope)) for scope in self.scopes]
