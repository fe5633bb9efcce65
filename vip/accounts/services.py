"""Writes to accounts: users, role grants, sign-in records, second factors, API tokens.

Every function here runs in one transaction and writes its audit row in it.
Permission checks belong to the policies, which the views consult first.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from vip.accounts import scopes, totp
from vip.accounts.models import (
    ApiToken,
    RecoveryCode,
    RoleGrant,
    TOTPDevice,
    User,
    normalise_email,
)
from vip.accounts.roles import Role
from vip.accounts.tokens import invitation_token_generator
from vip.audit import audit
from vip.audit.models import AuditAction
from vip.network import services as network_services
from vip.registry.models import Area, Organisation

# --- Helpers ---------------------------------------------------------------------------------


def identifier_hash(value: str) -> str:
    """A keyed hash of a sign-in identifier: countable in the audit trail, not readable."""
    key = f"vip-identifier:{settings.SECRET_KEY}".encode()
    return hmac.new(key, normalise_email(value).encode(), hashlib.sha256).hexdigest()[:32]


def _sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def invitation_url(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = invitation_token_generator.make_token(user)
    with translation.override(user.language):
        path = reverse("accounts:invitation_accept", args=[uid, token])
    return f"{settings.SITE_URL}{path}"


# --- Users and role grants ------------------------------------------------------------------


def user_create(
    *,
    actor: User | None,
    email: str,
    given_name: str,
    family_name: str,
    language: str = User.Language.FINNISH,
    password: str | None = None,
) -> User:
    user = User(
        email=normalise_email(email),
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        language=language,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    with transaction.atomic():
        user.save()
        audit.record(AuditAction.USER_CREATED, actor=actor, target=user)
        # A national administrator vouches for the address; anyone else's invitee is
        # linked once they accept the invitation, which proves the address is theirs.
        if actor is not None and scopes.is_national_admin(actor):
            network_services.person_link_user_by_email(actor=actor, user=user)
    return user


def invitation_accepted(*, user: User) -> None:
    """The invitee chose their first password: link them to their person record, if it
    is the one record with their work e-mail and no account (audited by the link)."""
    network_services.person_link_user_by_email(actor=user, user=user)


def user_update_profile(
    *, actor: User, user: User, given_name: str, family_name: str, language: str
) -> User:
    changed = [
        name
        for name, value in (
            ("given_name", given_name),
            ("family_name", family_name),
            ("language", language),
        )
        if getattr(User.objects.get(pk=user.pk), name) != value
    ]
    user.given_name, user.family_name, user.language = given_name, family_name, language
    user.full_clean(exclude=["password"])
    if changed:
        with transaction.atomic():
            user.save(update_fields=changed)
            audit.record(
                AuditAction.USER_UPDATED, actor=actor, target=user, details={"fields": changed}
            )
    return user


def _validate_grant(grant: RoleGrant) -> None:
    errors: dict[str, list[str]] = {}
    if grant.ends_on and grant.starts_on and grant.ends_on < grant.starts_on:
        errors.setdefault("ends_on", []).append(_("The end date cannot be before the start date."))
    if grant.role == Role.AREA_COORDINATOR and grant.area_id is None:
        errors.setdefault("area", []).append(_("Choose the area this role covers."))
    if grant.role in (Role.MUNICIPAL_ADMIN, Role.STAFF) and grant.organisation_id is None:
        errors.setdefault("organisation", []).append(_("Choose the organisation this role covers."))
    if errors:
        raise ValidationError(errors)
    # Roles that need no area or organisation ignore one given by mistake.
    if grant.role != Role.AREA_COORDINATOR:
        grant.area = None
    if grant.role not in (Role.MUNICIPAL_ADMIN, Role.STAFF):
        grant.organisation = None
    grant.full_clean(exclude=["user", "granted_by", "revoked_by"])


def role_grant(
    *,
    actor: User | None,
    user: User,
    role: str,
    area: Area | None = None,
    organisation: Organisation | None = None,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
) -> RoleGrant:
    grant = RoleGrant(
        user=user,
        role=role,
        area=area,
        organisation=organisation,
        starts_on=starts_on or timezone.localdate(),
        ends_on=ends_on,
        granted_by=actor,
    )
    _validate_grant(grant)
    with transaction.atomic():
        grant.save()
        audit.record(
            AuditAction.ROLE_GRANTED,
            actor=actor,
            target=grant,
            organisation=grant.organisation,
            area=grant.area,
            details={
                "user": user.pk,
                "role": grant.role,
                "starts_on": grant.starts_on.isoformat(),
                "ends_on": grant.ends_on.isoformat() if grant.ends_on else None,
            },
        )
    return grant


def role_revoke(*, actor: User, grant: RoleGrant) -> RoleGrant:
    if grant.revoked_at is not None:
        return grant
    with transaction.atomic():
        if grant.role == Role.NATIONAL_ADMIN:
            remaining = (
                RoleGrant.objects.active()
                .select_for_update()
                .filter(role=Role.NATIONAL_ADMIN)
                .exclude(pk=grant.pk)
            )
            if not remaining.exists():
                raise ValidationError(
                    _(
                        "The last national administrator cannot be removed; "
                        "grant the role to someone else first."
                    )
                )
        grant.revoked_at = timezone.now()
        grant.revoked_by = actor
        grant.save(update_fields=["revoked_at", "revoked_by"])
        audit.record(
            AuditAction.ROLE_REVOKED,
            actor=actor,
            target=grant,
            organisation=grant.organisation,
            area=grant.area,
            details={"user": grant.user_id, "role": grant.role},
        )
    return grant


def user_invite(
    *,
    actor: User,
    email: str,
    given_name: str,
    family_name: str,
    language: str,
    role: str,
    area: Area | None,
    organisation: Organisation | None,
    starts_on: datetime.date | None,
    ends_on: datetime.date | None,
) -> User:
    """Create a user with a first role and e-mail them a link to choose a password."""
    with transaction.atomic():
        user = user_create(
            actor=actor,
            email=email,
            given_name=given_name,
            family_name=family_name,
            language=language,
        )
        role_grant(
            actor=actor,
            user=user,
            role=role,
            area=area,
            organisation=organisation,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        transaction.on_commit(lambda: _send_invitation(user, actor))
    return user


def _send_invitation(user: User, inviter: User) -> None:
    with translation.override(user.language):
        context = {"user": user, "inviter": inviter, "url": invitation_url(user)}
        send_mail(
            subject=_("You have been invited to the VIP network platform"),
            message=render_to_string("accounts/email/invitation.txt", context),
            from_email=None,
            recipient_list=[user.email],
        )


# --- Sign-in records ------------------------------------------------------------------------


def record_login(*, user: User) -> None:
    with transaction.atomic():
        audit.record(AuditAction.LOGIN, actor=user, target=user)


def record_login_failure(*, email: str, user: User | None, reason: str) -> None:
    with transaction.atomic():
        audit.record(
            AuditAction.LOGIN_FAILED,
            actor=None,
            target=user,
            target_type="accounts.user",
            details={"identifier": identifier_hash(email), "reason": reason},
        )


def record_throttled(*, email: str) -> None:
    with transaction.atomic():
        audit.record(
            AuditAction.LOGIN_THROTTLED,
            actor=None,
            target_type="accounts.user",
            details={"identifier": identifier_hash(email)},
        )


def record_logout(*, user: User, expired: bool = False) -> None:
    action = AuditAction.SESSION_EXPIRED if expired else AuditAction.LOGOUT
    with transaction.atomic():
        audit.record(action, actor=user, target=user)


def record_password_event(*, user: User, action: AuditAction) -> None:
    # A reset request comes from whoever knows the address, not necessarily the user.
    actor = None if action == AuditAction.PASSWORD_RESET_REQUESTED else user
    with transaction.atomic():
        audit.record(action, actor=actor, target=user)


# --- Second factor --------------------------------------------------------------------------

RECOVERY_CODE_COUNT = 10


def totp_begin(*, user: User) -> TOTPDevice:
    """Start enrolment; reloading the page keeps the secret, so a half-done scan still works."""
    with transaction.atomic():
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, defaults={"secret": totp.generate_secret()}
        )
    return device


def totp_confirm(*, user: User, code: str) -> list[str]:
    """Confirm enrolment with a first code; returns new recovery codes (shown once)."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(user=user)
        step = totp.verify(device.secret, code, last_used_step=device.last_used_step)
        if step is None:
            raise ValidationError(
                {"code": _("The code is not correct. Check the time on your phone and try again.")}
            )
        device.confirmed_at = timezone.now()
        device.last_used_step = step
        device.save(update_fields=["confirmed_at", "last_used_step"])
        codes = _replace_recovery_codes(user)
        audit.record(AuditAction.TWO_FACTOR_ENABLED, actor=user, target=user)
    return codes


def _replace_recovery_codes(user: User) -> list[str]:
    RecoveryCode.objects.filter(user=user).delete()
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(
        [RecoveryCode(user=user, code_hash=_sha256(code)) for code in codes]
    )
    return codes


def recovery_codes_regenerate(*, user: User) -> list[str]:
    with transaction.atomic():
        codes = _replace_recovery_codes(user)
        audit.record(
            AuditAction.TWO_FACTOR_ENABLED,
            actor=user,
            target=user,
            details={"recovery_codes": "regenerated"},
        )
    return codes


def totp_disable(*, actor: User, user: User) -> None:
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
        audit.record(AuditAction.TWO_FACTOR_DISABLED, actor=actor, target=user)


@dataclass(frozen=True)
class SecondFactorResult:
    ok: bool
    used_recovery_code: bool = False


def second_factor_verify(*, user: User, code: str) -> SecondFactorResult:
    """Check a sign-in code or a recovery code; failures are audited for throttling."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user).first()
        if device and device.is_confirmed:
            step = totp.verify(device.secret, code, last_used_step=device.last_used_step)
            if step is not None:
                device.last_used_step = step
                device.save(update_fields=["last_used_step"])
                return SecondFactorResult(ok=True)
        cleaned = code.strip().lower()
        recovery = RecoveryCode.objects.filter(
            user=user, code_hash=_sha256(cleaned), used_at__isnull=True
        ).first()
        if recovery is not None:
            recovery.used_at = timezone.now()
            recovery.save(update_fields=["used_at"])
            audit.record(AuditAction.RECOVERY_CODE_USED, actor=user, target=user)
            return SecondFactorResult(ok=True, used_recovery_code=True)
        audit.record(
            AuditAction.TWO_FACTOR_FAILED,
            actor=None,
            target=user,
            details={"identifier": identifier_hash(user.email)},
        )
    return SecondFactorResult(ok=False)


# --- API tokens -----------------------------------------------------------------------------

TOKEN_PREFIX = "vip"  # noqa: S105 - the public start of every token


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    plaintext: str


def api_token_create(
    *, user: User, name: str, scopes: list[str], expires_on: datetime.date
) -> IssuedToken:
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    if expires_on <= today:
        errors["expires_on"] = [_("The expiry date must be in the future.")]
    elif (expires_on - today).days > settings.API_TOKEN_MAX_DAYS:
        errors["expires_on"] = [
            _("A token can be valid for at most %(days)d days.")
            % {"days": settings.API_TOKEN_MAX_DAYS}
        ]
    valid_scopes = set(ApiToken.Scope.values)
    if not scopes or not set(scopes) <= valid_scopes:
        errors["scopes"] = [_("Choose at least one scope.")]
    if errors:
        raise ValidationError(errors)
    prefix = secrets.token_hex(6)
    plaintext = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    expires_at = timezone.make_aware(
        datetime.datetime.combine(expires_on, datetime.time(23, 59, 59))
    )
    token = ApiToken(
        user=user,
        name=name.strip(),
        prefix=prefix,
        token_hash=_sha256(plaintext),
        scopes=sorted(set(scopes)),
        expires_at=expires_at,
    )
    token.full_clean()
    with transaction.atomic():
        token.save()
        audit.record(
            AuditAction.API_TOKEN_CREATED,
            actor=user,
            target=token,
            details={"scopes": token.scopes, "expires_on": expires_on.isoformat()},
        )
    return IssuedToken(token=token, plaintext=plaintext)


def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    if token.revoked_at is not None:
        return token
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(AuditAction.API_TOKEN_REVOKED, actor=actor, target=token)
    return token


class TokenRejected(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def api_token_authenticate(raw: str) -> ApiToken:
    """The token for a presented secret; raises TokenRejected saying why not."""
    parts = raw.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        raise TokenRejected("malformed")
    token = ApiToken.objects.select_related("user").filter(prefix=parts[1]).first()
    if token is None or not hmac.compare_digest(token.token_hash, _sha256(raw)):
        raise TokenRejected("unknown")
    if token.revoked_at is not None:
        raise TokenRejected("revoked")
    now = timezone.now()
    if token.expires_at <= now:
        raise TokenRejected("expired")
    if not token.user.is_active:
        raise TokenRejected("inactive")
    # Recording every use would turn each API read into a write; once a minute is enough.
    if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
