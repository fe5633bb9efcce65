"""Writes for VIPU contacts: campaigns, nominations, replacements and reminders."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from vip.accounts.models import RoleGrant
from vip.accounts.roles import Role
from vip.audit import audit
from vip.audit.models import AuditAction
from vip.core import data_versions
from vip.network.models import Person
from vip.registry.models import Area, Municipality, Organisation
from vip.vipu.models import VIPU_DATA, Campaign, Nomination, Reminder
from vip.vipu.selectors import (
    PROVIDER_KINDS,
    PROVIDER_MAX_CONTACTS,
    Status,
    employer_filter,
    gaps_of,
    lacking_for,
    vipu_coverage,
    works_in,
)

if TYPE_CHECKING:
    from vip.accounts.models import User

logger = logging.getLogger(__name__)

CAMPAIGN_FIELDS = (
    "name_fi",
    "name_sv",
    "name_en",
    "starts_on",
    "ends_on",
    "deadline",
    "requirements",
)


def campaign_save(
    *, actor: User | None, campaign: Campaign | None = None, **values: Any
) -> Campaign:
    unknown = set(values) - set(CAMPAIGN_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    with transaction.atomic():
        stored = (
            Campaign(**values)
            if campaign is None
            else Campaign.objects.select_for_update().get(pk=campaign.pk)
        )
        if campaign is not None:
            for name, value in values.items():
                setattr(stored, name, value)
        stored.full_clean()
        stored.save()
        data_versions.bump(VIPU_DATA)
        audit.record(
            AuditAction.CAMPAIGN_SAVED,
            actor=actor,
            target=stored,
            details={"created": campaign is None, "deadline": stored.deadline.isoformat()},
        )
    return stored


def closed_reason(campaign: Campaign, day: datetime.date | None = None) -> str | None:
    """Why contacts cannot be named, replaced or withdrawn today, or None while they can."""
    day = day or timezone.localdate()
    if campaign.is_open(day):
        return None
    if day < campaign.starts_on:
        return _("The campaign has not started yet; nominations open on %(date)s.") % {
            "date": date_format(campaign.starts_on, "SHORT_DATE_FORMAT")
        }
    return _("The campaign has ended; nominations are closed.")


def _check_open(campaign: Campaign) -> None:
    reason = closed_reason(campaign)
    if reason is not None:
        raise ValidationError(reason)


def _check_nominee(
    person: Person, municipality: Municipality, provider: Organisation | None, responsibility: str
) -> None:
    """The nominee works for the municipality (or the provider) that names them."""
    employers = employer_filter(municipality, provider=provider, responsibility=responsibility)
    if works_in(person, employers):
        return
    if provider is not None:
        raise ValidationError(
            {
                "person": _("The contact person must work for %(provider)s.")
                % {"provider": provider.name}
            }
        )
    raise ValidationError(
        {
            "person": _(
                "%(name)s does not work in %(municipality)s: the contact person must "
                "be employed by the municipality or one of its units."
            )
            % {"name": person.full_name, "municipality": municipality.name}
        }
    )


def _occupant(
    campaign: Campaign,
    municipality: Municipality,
    provider: Organisation | None,
    responsibility: str,
    language: str,
) -> Nomination | None:
    return (
        Nomination.objects.filter(
            campaign=campaign,
            municipality=municipality,
            provider=provider,
            responsibility=responsibility,
            language=language,
            ended_at__isnull=True,
        )
        .select_related("person")
        .first()
    )


def _occupied_error(occupant: Nomination | None) -> ValidationError:
    if occupant is None:
        return ValidationError(
            {"responsibility": _("Someone else was named for this task and language just now.")}
        )
    return ValidationError(
        {
            "responsibility": _(
                "%(name)s is already the contact for this task and language; replace them instead."
            )
            % {"name": occupant.person.full_name}
        }
    )


def nomination_make(
    *,
    actor: User | None,
    campaign: Campaign,
    municipality: Municipality,
    person: Person,
    responsibility: str,
    language: str,
    provider: Organisation | None = None,
    replaces: Nomination | None = None,
    notify: bool = True,
) -> Nomination:
    """Name a contact. Filling an occupied slot needs ``replaces``; the old row stays.

    A replacement takes the slot (provider, task, language) of the contact it
    replaces. The nominee is told by e-mail after commit; a failing mail server is
    logged and does not undo the nomination. ``notify=False`` (demo data) skips it.
    """
    _check_open(campaign)
    if municipality.county_id is None:
        raise ValidationError(
            _(
                "Åland's municipalities are not part of the VIP network and are not asked "
                "to name contacts."
            )
        )
    if provider is not None:
        if provider.kind not in PROVIDER_KINDS:
            raise ValidationError(
                {"provider": _("Only private providers and teacher-training schools nominate.")}
            )
        if provider.municipality_id != municipality.pk:
            raise ValidationError({"provider": _("The provider is in another municipality.")})
    _check_nominee(person, municipality, provider, responsibility)
    with transaction.atomic():
        # Lock the municipality so that two nominations for one slot queue up.
        Municipality.objects.select_for_update().get(pk=municipality.pk)
        if replaces is not None:
            replaces = Nomination.objects.select_for_update().get(pk=replaces.pk)
            if replaces.ended_at is not None:
                raise ValidationError(_("This contact has already been replaced."))
            if replaces.municipality_id != municipality.pk or replaces.campaign_id != campaign.pk:
                raise ValidationError(_("The contact to replace belongs to another municipality."))
            if (replaces.provider_id, replaces.responsibility, replaces.language) != (
                provider.pk if provider is not None else None,
                responsibility,
                language,
            ):
                raise ValidationError(
                    _(
                        "A replacement takes over the task, working language and provider of "
                        "the contact it replaces."
                    )
                )
        occupant = _occupant(campaign, municipality, provider, responsibility, language)
        if occupant is not None and occupant != replaces:
            raise _occupied_error(occupant)
        if provider is not None and replaces is None:
            named = Nomination.objects.filter(
                campaign=campaign, provider=provider, ended_at__isnull=True
            ).count()
            if named >= PROVIDER_MAX_CONTACTS:
                raise ValidationError(
                    _("A provider names one contact, a second is optional: at most two.")
                )
        now = timezone.now()
        if replaces is not None:
            replaces.ended_at = now
            replaces.save(update_fields=["ended_at"])
        nomination = Nomination(
            campaign=campaign,
            municipality=municipality,
            provider=provider,
            person=person,
            responsibility=responsibility,
            language=language,
            nominated_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        nomination.full_clean()
        try:
            # A nomination for the same slot committed since the check above (SQLite
            # does not lock the municipality row) breaks the unique constraint.
            with transaction.atomic():
                nomination.save()
        except IntegrityError:
            raise _occupied_error(
                _occupant(campaign, municipality, provider, responsibility, language)
            ) from None
        if replaces is not None:
            replaces.replaced_by = nomination
            replaces.save(update_fields=["replaced_by"])
        data_versions.bump(VIPU_DATA)
        audit.record(
            AuditAction.NOMINATION_REPLACED if replaces else AuditAction.NOMINATION_MADE,
            actor=actor,
            target=nomination,
            organisation=provider,
            area=municipality.area,
            details={
                "municipality": municipality.code,
                "person": person.pk,
                "responsibility": responsibility,
                "language": language,
                "replaces": replaces.pk if replaces else None,
            },
        )
        if notify:
            # robust: a mail server that fails is logged; the nomination stands.
            transaction.on_commit(partial(_tell_nominee, nomination), robust=True)
    return nomination


def nomination_withdraw(*, actor: User | None, nomination: Nomination) -> None:
    _check_open(nomination.campaign)
    with transaction.atomic():
        stored = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if stored.ended_at is not None:
            raise ValidationError(_("This contact has already been replaced or withdrawn."))
        stored.ended_at = timezone.now()
        stored.save(update_fields=["ended_at"])
        data_versions.bump(VIPU_DATA)
        audit.record(
            AuditAction.NOMINATION_WITHDRAWN,
            actor=actor,
            target=stored,
            area=stored.municipality.area,
            details={"municipality": stored.municipality.code},
        )


def _person_language(person: Person) -> str:
    for code in person.language_list:
        if code in {"fi", "sv", "en"}:
            return code
    return settings.LANGUAGE_CODE


def _tell_nominee(nomination: Nomination) -> None:
    person = nomination.person
    if not person.email:
        return
    with translation.override(_person_language(person)):
        context = {
            "nomination": nomination,
            "campaign": nomination.campaign,
            "site_url": settings.SITE_URL,
        }
        send_mail(
            subject=_("You have been named a VIPU contact person"),
            message=render_to_string("vipu/email/nominated.txt", context),
            from_email=None,
            recipient_list=[person.email],
        )


def record_contacts_export(
    *, actor: User, campaign: Campaign, area: Area | None, details: dict[str, Any]
) -> None:
    """Contact lists carry personal data: every download is audited."""
    with transaction.atomic():
        audit.record(
            AuditAction.CONTACTS_EXPORTED,
            actor=actor,
            target=campaign,
            area=area,
            details=details,
        )


# --- Reminders --------------------------------------------------------------------------------


@dataclass
class ReminderReport:
    sent: int = 0
    skipped_recent: int = 0
    # Completed after the coverage was read, before their reminder went out.
    skipped_complete: int = 0
    without_recipient: list[str] = field(default_factory=list)
    # (municipality code, e-mail address) of each reminder the mail server refused.
    failed: list[tuple[str, str]] = field(default_factory=list)


def municipal_admin_emails(municipality_ids: set[int]) -> dict[int, list[tuple[str, str]]]:
    """Municipality id -> [(e-mail, language)] of its active municipal administrators."""
    today = timezone.localdate()
    recipients: dict[int, list[tuple[str, str]]] = {}
    grants = (
        RoleGrant.objects.active_on(today)
        .filter(
            role=Role.MUNICIPAL_ADMIN,
            # The municipality's own administrators, not those of a private provider in it.
            organisation__kind=Organisation.Kind.MUNICIPALITY,
            organisation__municipality_id__in=municipality_ids,
            user__is_active=True,
        )
        .values_list("organisation__municipality_id", "user__email", "user__language")
        .distinct()
    )
    for municipality_id, email, language in grants:
        recipients.setdefault(municipality_id, []).append((email, language))
    return recipients


def _own_slots(campaign: Campaign, municipality: Municipality) -> set[tuple[str, str]]:
    """The (responsibility, language) slots of the municipality's own current contacts."""
    return set(
        Nomination.objects.filter(
            campaign=campaign,
            municipality=municipality,
            provider__isnull=True,
            ended_at__isnull=True,
        ).values_list("responsibility", "language")
    )


def send_nomination_reminders(
    *,
    actor: User | None,
    campaign: Campaign,
    min_interval: datetime.timedelta = datetime.timedelta(days=7),
    dry_run: bool = False,
) -> ReminderReport:
    """Remind the administrators of every incomplete municipality; each reminder is recorded.

    A municipality reminded within ``min_interval`` is skipped, so a daily cron job
    does not flood anyone. Each municipality's reminders are recorded in a
    transaction of their own and sent once it has committed; a reminder the mail
    server takes is marked delivered, one it refuses is logged, reported and tried
    again on the next run. Call it outside a transaction (the command does), or
    the mail goes out before the records are committed.
    """
    report = ReminderReport()
    coverage = vipu_coverage(campaign)
    incomplete = {
        row.code: row
        for row in coverage.municipalities
        if row.status in {Status.MISSING, Status.PARTIAL}
    }
    municipalities = {
        m.code: m
        for m in Municipality.objects.filter(code__in=incomplete).select_related("county__area")
    }
    since = timezone.now() - min_interval
    recent = set(
        Reminder.objects.filter(campaign=campaign, sent_at__gte=since, delivered=True).values_list(
            "municipality__code", flat=True
        )
    )
    recipients = municipal_admin_emails({m.pk for m in municipalities.values()})
    for code in sorted(incomplete):
        municipality = municipalities[code]
        if code in recent:
            report.skipped_recent += 1
            continue
        addresses = recipients.get(municipality.pk, [])
        if not addresses:
            report.without_recipient.append(code)
            continue
        if dry_run:
            report.sent += len(addresses)
            continue
        # Read again: the coverage above may be minutes old by now.
        slots = _own_slots(campaign, municipality)
        if not gaps_of(municipality.language_status, slots):
            report.skipped_complete += 1
            continue
        status = Status.PARTIAL if slots else Status.MISSING
        with transaction.atomic():
            reminders = [
                Reminder.objects.create(
                    campaign=campaign,
                    municipality=municipality,
                    recipient_email=email,
                    status=status,
                )
                for email, _language in addresses
            ]
            audit.record(
                AuditAction.REMINDER_SENT,
                actor=actor,
                target=municipality,
                area=municipality.area,
                details={
                    "campaign": campaign.pk,
                    "status": str(status),
                    "recipients": len(addresses),
                },
            )
        for reminder, (email, language) in zip(reminders, addresses, strict=True):
            try:
                _send_reminder(campaign, municipality, slots, email, language)
            except Exception:  # any failure of the mail server is reported, not raised
                logger.exception("VIPU reminder to %s about %s was not sent", email, code)
                report.failed.append((code, email))
                continue
            Reminder.objects.filter(pk=reminder.pk).update(delivered=True)
            report.sent += 1
    return report


def _send_reminder(
    campaign: Campaign,
    municipality: Municipality,
    slots: set[tuple[str, str]],
    email: str,
    language: str,
) -> None:
    with translation.override(language or settings.LANGUAGE_CODE):
        # Worded in the administrator's language, not the command's.
        context = {
            "campaign": campaign,
            "municipality": municipality,
            "lacking": lacking_for(municipality.language_status, slots),
            "deadline": date_format(campaign.deadline, "SHORT_DATE_FORMAT"),
            "site_url": settings.SITE_URL,
        }
        send_mail(
            subject=_("Reminder: name the VIPU contact persons of %(municipality)s")
            % {"municipality": municipality.name},
            message=render_to_string("vipu/email/reminder.txt", context),
            from_email=None,
            recipient_list=[email],
        )
