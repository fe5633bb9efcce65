"""Writes of the organiser tools: attendance, messages to participants, audited exports.

Promotion and removal live in the package's ``registration_promote`` and
``registration_remove``: they change who holds a seat and share its locking.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage as MailMessage
from django.core.mail import mailers
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from vip.audit import audit
from vip.audit.models import AuditAction
from vip.events import presenters
from vip.events.models import Event, EventMessage, Registration
from vip.events.selectors import participants as selectors
from vip.events.services import manage_url

if TYPE_CHECKING:
    from vip.accounts.models import User

logger = logging.getLogger(__name__)


# --- Attendance -------------------------------------------------------------------------------


def _attendance_error(event: Event, registration: Registration) -> ValidationError | None:
    if event.status == Event.Status.CANCELLED:
        return ValidationError(_("The event has been cancelled: there is no attendance to mark."))
    if registration.status == Registration.Status.WAITING:
        return ValidationError(
            _(
                "%(name)s is on the waiting list: only confirmed participants' attendance is "
                "marked. Promote them first if they came."
            )
            % {"name": registration.full_name}
        )
    if registration.status != Registration.Status.CONFIRMED:
        return ValidationError(
            _(
                "%(name)s's registration is %(status)s: only confirmed participants' "
                "attendance is marked."
            )
            % {"name": registration.full_name, "status": registration.status_label.lower()}
        )
    opens_at = selectors.attendance_opens_at(event)
    if timezone.now() < opens_at:
        return ValidationError(
            _("Attendance can be marked from the day of the event on, %(date)s.")
            % {"date": date_format(opens_at.date(), "SHORT_DATE_FORMAT")}
        )
    return None


@transaction.atomic
def attendance_mark(
    *, actor: User | None, registration: Registration, attended: bool | None
) -> Registration:
    """Mark a confirmed participant present (True) or absent (False), or clear it (None).

    Allowed from the day of the event on. Marking the same again keeps the first
    time, so a double tap on a phone does not move it.
    """
    stored = Registration.objects.select_for_update().get(pk=registration.pk)
    event = Event.objects.get(pk=stored.event_id)
    if (error := _attendance_error(event, stored)) is not None:
        raise error
    if stored.attended is attended:
        registration.refresh_from_db()
        return registration
    stored.attended = attended
    stored.attendance_marked_at = timezone.now() if attended is not None else None
    stored.full_clean(
        exclude=[f.name for f in Registration._meta.fields if f.name != "attended"],
        validate_unique=False,
        validate_constraints=False,
    )
    stored.save(update_fields=["attended", "attendance_marked_at"])
    audit.record(
        AuditAction.ATTENDANCE_MARKED,
        actor=actor,
        target=stored,
        organisation=event.organisation,
        details={"event": event.pk, "attended": attended},
    )
    registration.refresh_from_db()
    return registration


@transaction.atomic
def attendance_mark_unmarked_absent(*, actor: User | None, event: Event) -> int:
    """After the event, everyone confirmed and still unmarked is marked absent.

    Returns how many were marked. One update and one audit row: the rows differ
    in nothing but their id, which the audit row need not list.
    """
    stored = Event.objects.get(pk=event.pk)
    if stored.status == Event.Status.CANCELLED:
        raise ValidationError(_("The event has been cancelled: there is no attendance to mark."))
    now = timezone.now()
    if now < stored.ends_at:
        raise ValidationError(
            _("The rest can be marked absent once the event has ended, after %(moment)s.")
            % {"moment": presenters.moment(stored.ends_at)}
        )
    count = Registration.objects.filter(
        event=stored, status=Registration.Status.CONFIRMED, attended__isnull=True
    ).update(attended=False, attendance_marked_at=now)
    if count == 0:
        raise ValidationError(_("Everyone's attendance is marked already."))
    audit.record(
        AuditAction.ATTENDANCE_MARKED,
        actor=actor,
        target=stored,
        organisation=stored.organisation,
        details={"event": stored.pk, "attended": False, "unmarked_to_absent": count},
    )
    return count


# --- Messages to participants -----------------------------------------------------------------


@transaction.atomic
def event_message_send(
    *, actor: User | None, event: Event, audience: str, subject: str, body: str
) -> EventMessage:
    """Record a message and mail it, after commit, to everyone in ``audience``.

    Each recipient gets their own mail, in their language, with their personal
    link to the registration.
    """
    # A line break in a subject would be a header injection; the subject is one line.
    subject = " ".join(subject.split())
    body = body.strip()
    errors: dict[str, list[str]] = {}
    if audience not in EventMessage.Audience.values:
        errors["audience"] = [_("Choose who gets the message.")]
    if not subject:
        errors["subject"] = [_("Enter the subject of the message.")]
    if not body:
        errors["body"] = [_("Write the message.")]
    if errors:
        raise ValidationError(errors)
    recipient_ids = list(
        selectors.message_recipients(event, audience).order_by("pk").values_list("pk", flat=True)
    )
    if not recipient_ids:
        raise ValidationError(
            {
                "audience": [
                    _("Nobody is in this group (%(audience)s): the message would reach no one.")
                    % {"audience": EventMessage.Audience(audience).label.lower()}
                ]
            }
        )
    message = EventMessage(
        event=event,
        audience=audience,
        subject=subject,
        body=body,
        recipient_count=len(recipient_ids),
        sent_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    message.full_clean()
    message.save()
    audit.record(
        AuditAction.EVENT_MESSAGE_SENT,
        actor=actor,
        target=message,
        organisation=event.organisation,
        # Ids and the count only: the text may name people.
        details={"event": event.pk, "audience": audience, "recipients": len(recipient_ids)},
    )
    transaction.on_commit(partial(_mail_message, message.pk, recipient_ids), robust=True)
    return message


def _mail_message(message_id: int, registration_ids: list[int]) -> None:
    message = EventMessage.objects.select_related("event", "sent_by").get(pk=message_id)
    event = message.event
    # Replies go to the organiser who wrote, not to the no-reply sender.
    reply_to = [message.sent_by.email] if message.sent_by and message.sent_by.email else []
    registrations = Registration.objects.filter(pk__in=registration_ids).order_by("pk")
    # One connection for the whole audience: a connection per mail is slow, and mail
    # servers throttle a sender that opens hundreds. (mailers.default is Django 6.1's
    # get_connection(): a new, not yet opened connection of the default mailer.)
    connection: BaseEmailBackend = mailers.default
    try:
        for registration in registrations:
            registration.event = event
            try:
                mail = _message_mail(message, registration, reply_to)
            except Exception:  # a mail that cannot be written keeps no one else uninformed
                logger.exception(
                    "Message %s of event %s not written for registration %s",
                    message.pk,
                    event.pk,
                    registration.pk,
                )
                continue
            try:
                # Opens the connection on the first mail, and again after a failure
                # closed it; while it is open, send_messages leaves it open.
                connection.open()
                connection.send_messages([mail])
            except Exception as error:  # one failing address does not stop the others
                # The error of a refused address names it; the log gets the domain only.
                logger.error(
                    "Message %s of event %s not mailed to registration %s at %s: %s",
                    message.pk,
                    event.pk,
                    registration.pk,
                    registration.email.rpartition("@")[2],
                    type(error).__name__,
                )
                # The server may have dropped the connection; the next mail opens a new one.
                _close_quietly(connection)
    finally:
        _close_quietly(connection)


def _message_mail(
    message: EventMessage, registration: Registration, reply_to: list[str]
) -> MailMessage:
    event = message.event
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        text = render_to_string(
            "events/email/message.txt",
            {
                "message": message,
                "registration": registration,
                "event": event,
                "starts": timezone.localtime(event.starts_at),
                "ends": timezone.localtime(event.ends_at),
                "manage_url": manage_url(registration),
                # Confirmed participants of a remote event find the link here too.
                "shows_join_link": presenters.shows_join_link(registration),
                "site_url": settings.SITE_URL,
            },
        )
    return MailMessage(
        subject=message.subject, body=text, to=[registration.email], reply_to=reply_to
    )


def _close_quietly(connection: BaseEmailBackend) -> None:
    try:
        connection.close()
    except Exception:  # a connection that will not close politely is dropped all the same
        logger.warning("Closing the mail connection failed", exc_info=True)


# --- Exports ----------------------------------------------------------------------------------


@transaction.atomic
def participants_export_record(
    *, actor: User | None, event: Event, table: str, fmt: str, count: int, filters: dict[str, Any]
) -> None:
    """Participant and invoicing lists carry personal data: every download is audited."""
    audit.record(
        AuditAction.PARTICIPANTS_EXPORTED,
        actor=actor,
        target=event,
        organisation=event.organisation,
        details={"table": table, "format": fmt, "rows": count, "filters": filters},
    )
