"""Writes for VIPU contacts: campaigns, nominations, replacements and reminders."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
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
from vip.vipu.selectors import PROVIDER_KINDS, Status, lacking_for, vipu_coverage

if TYPE_CHECKING:
    from vip.accounts.models import User

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


def _works_in(person: Person, organisations: Any, day: datetime.date) -> bool:
    return any(
        employment.is_current(day) and employment.organisation_id in organisations
        for employment in person.employments.all()
    )


def _check_nominee(
    person: Person, municipality: Municipality, provider: Organisation | None
) -> None:
    """The nominee works for the municipality (or the provider) that names them."""
    today = timezone.localdate()
    if provider is not None:
        allowed = set(
            Organisation.objects.filter(tree_path__startswith=provider.tree_path).values_list(
                "pk", flat=True
            )
        )
        if not _works_in(person, allowed, today):
            raise ValidationError(
                {
                    "person": _("The contact person must work for %(provider)s.")
                    % {"provider": provider.name}
                }
            )
        return
    allowed = set(
        Organisation.objects.filter(municipality=municipality).values_list("pk", flat=True)
    )
    if not _works_in(person, allowed, today):
        raise ValidationError(
            {
                "person": _(
                    "%(name)s does not work in %(municipality)s: the contact person must "
                    "be employed by the municipality or one of its units."
                )
                % {"name": person.full_name, "municipality": municipality.name}
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

    The nominee is told by e-mail after commit; ``notify=False`` (demo data) skips it.
    """
    if timezone.localdate() > campaign.ends_on:
        raise ValidationError(_("The campaign has ended; nominations are closed."))
    if provider is not None:
        if provider.kind not in PROVIDER_KINDS:
            raise ValidationError(
                {"provider": _("Only private providers and teacher-training schools nominate.")}
            )
        if provider.municipality_id != municipality.pk:
            raise ValidationError({"provider": _("The provider is in another municipality.")})
    _check_nominee(person, municipality, provider)
    with transaction.atomic():
        # Lock the municipality so that two nominations for one slot queue up.
        Municipality.objects.select_for_update().get(pk=municipality.pk)
        occupied = Nomination.objects.filter(
            campaign=campaign,
            municipality=municipality,
            provider=provider,
            responsibility=responsibility,
            language=language,
            ended_at__isnull=True,
        ).first()
        if replaces is not None:
            replaces = Nomination.objects.select_for_update().get(pk=replaces.pk)
            if replaces.ended_at is not None:
                raise ValidationError(_("This contact has already been replaced."))
            if replaces.municipality_id != municipality.pk or replaces.campaign_id != campaign.pk:
                raise ValidationError(_("The contact to replace belongs to another municipality."))
        if occupied is not None and occupied != replaces:
            raise ValidationError(
                {
                    "responsibility": _(
                        "%(name)s is already the contact for this task and language; "
                        "replace them instead."
                    )
                    % {"name": occupied.person.full_name}
                }
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
        nomination.save()
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
            transaction.on_commit(lambda: _tell_nominee(nomination))
    return nomination


def nomination_withdraw(*, actor: User | None, nomination: Nomination) -> None:
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
    without_recipient: list[str] = field(default_factory=list)


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


def send_nomination_reminders(
    *,
    actor: User | None,
    campaign: Campaign,
    min_interval: datetime.timedelta = datetime.timedelta(days=7),
    dry_run: bool = False,
) -> ReminderReport:
    """Remind the administrators of every incomplete municipality; each reminder is recorded.

    A municipality reminded within ``min_interval`` is skipped, so a daily cron job
    does not flood anyone.
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
        Reminder.objects.filter(campaign=campaign, sent_at__gte=since).values_list(
            "municipality__code", flat=True
        )
    )
    recipients = municipal_admin_emails({m.pk for m in municipalities.values()})
    for code, row in sorted(incomplete.items()):
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
        with transaction.atomic():
            for email, language in addresses:
                Reminder.objects.create(
                    campaign=campaign,
                    municipality=municipality,
                    recipient_email=email,
                    status=row.status,
                )
                transaction.on_commit(
                    partial(_send_reminder, campaign, municipality, row.lacking, email, language)
                )
                report.sent += 1
            audit.record(
                AuditAction.REMINDER_SENT,
                actor=actor,
                target=municipality,
                area=municipality.area,
                details={
                    "campaign": campaign.pk,
                    "status": str(row.status),
                    "recipients": len(addresses),
                },
            )
    return report


def _send_reminder(
    campaign: Campaign,
    municipality: Municipality,
    lacking: tuple[str, ...],
    email: str,
    language: str,
) -> None:
    with translation.override(language or settings.LANGUAGE_CODE):
        # The lacking phrases were made in the command's language; make them again.
        slots = {
            (n.responsibility, n.language)
            for n in Nomination.objects.filter(
                campaign=campaign,
                municipality=municipality,
                provider__isnull=True,
                ended_at__isnull=True,
            )
        }
        context = {
            "campaign": campaign,
            "municipality": municipality,
            "lacking": lacking_for(municipality.language_status, slots) or lacking,
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
