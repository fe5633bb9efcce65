"""Feedback after an event: the requests that go out, the answers that come back.

An answer is stored without any link to the registration it came through. The
registration keeps only a flag that its link has been used, so that the link
works once; which answer it gave cannot be told, not even from the audit log:
submitting feedback writes no audit row, because a row with the registration,
the time and the address of the request would tie the answer to its author.

The link itself is opaque: its payload is signed and then encrypted, so that an
access log of feedback posts does not list them by registration.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vip.audit import audit
from vip.audit.models import AuditAction
from vip.core import crypto
from vip.events.models import Event, Feedback, Registration
from vip.events.services import _lock, _send, link_payload, registration_of_link

if TYPE_CHECKING:
    from vip.accounts.models import User

logger = logging.getLogger(__name__)

# Its own salt: a feedback link can never be used as a manage link, nor the reverse.
FEEDBACK_LINK_SALT = "vip.events.feedback"
FEEDBACK_LINK_MAX_AGE = datetime.timedelta(days=60)
# Events that ended at most this many days ago get their feedback requests.
FEEDBACK_REQUEST_DAYS = 14
# The requests wait this long after the end of an event, so that the organisers
# can mark attendance first and only those who came are asked.
FEEDBACK_REQUEST_DELAY = datetime.timedelta(hours=12)

SUBJECT_FEEDBACK = gettext_lazy("How was it? Feedback on %(title)s")


# --- Links ------------------------------------------------------------------------------------


def _seal(value: str) -> str:
    """``value`` encrypted with the first of FIELD_ENCRYPTION_KEYS, without base64 padding."""
    return crypto.encrypt(value).rstrip("=")


def _unseal(token: str) -> str:
    """The plain text of a sealed ``token``; signing.BadSignature when no key opens it."""
    plain = crypto.decrypt_untrusted(token + "=" * (-len(token) % 4))
    if plain is None:
        raise signing.BadSignature("The feedback link could not be decrypted.")
    return plain


def feedback_token(registration: Registration) -> str:
    """An opaque token naming the registration and its event.

    Signed with a timestamp (for the expiry) under the feedback salt, then
    encrypted: nothing in it can be read without the server's keys.
    """
    return _seal(signing.dumps(link_payload(registration), salt=FEEDBACK_LINK_SALT))


def feedback_url(registration: Registration) -> str:
    return f"{settings.SITE_URL}/events/feedback/{feedback_token(registration)}/"


class FeedbackLinkError(Exception):
    """A feedback link that is tampered with, expired, or names no usable registration."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def registration_from_feedback_token(token: str) -> Registration:
    """The registration a feedback link was sent to; FeedbackLinkError when there is none.

    A link whose feedback was given already still resolves: the page says so.
    """
    try:
        data = signing.loads(_unseal(token), salt=FEEDBACK_LINK_SALT, max_age=FEEDBACK_LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise FeedbackLinkError(
            _("The feedback link has expired: feedback is collected for %(days)d days.")
            % {"days": FEEDBACK_LINK_MAX_AGE.days}
        ) from None
    except signing.BadSignature:
        raise FeedbackLinkError(
            _("The feedback link is not valid. Check that you copied the whole address.")
        ) from None
    registration = registration_of_link(data)
    if registration is None:
        raise FeedbackLinkError(_("The registration of this feedback link no longer exists."))
    if registration.anonymised_at is not None:
        raise FeedbackLinkError(
            _("The feedback period of this event is over and its registrations are anonymised.")
        )
    return registration


# --- Requests ---------------------------------------------------------------------------------


def pending_recipients() -> QuerySet[Registration]:
    """Registrations, of any event, that get their event's feedback link and have not had it.

    Those marked present; when the organisers marked no attendance at all, every
    confirmed participant, since the event gives no better list of who came. The
    one query both finds the events due and picks whom to mail, so that an event
    is never due for people who will not be asked.
    """
    attendance_marked = Registration.objects.filter(event=OuterRef("event"), attended__isnull=False)
    return (
        Registration.objects.filter(feedback_requested_at__isnull=True, anonymised_at__isnull=True)
        .exclude(email="")
        .filter(
            Q(attended=True) | Q(~Exists(attendance_marked), status=Registration.Status.CONFIRMED)
        )
    )


def feedback_recipients(event: Event) -> QuerySet[Registration]:
    """Who gets the feedback link of ``event`` and has not had it yet."""
    return pending_recipients().filter(event=event)


def feedback_request_send(
    *, actor: User | None, event: Event, now: datetime.datetime | None = None
) -> int:
    """Mail the feedback link to the event's attendees not asked yet; return how many.

    Each person is asked once: the time of the request is stored before the mail
    goes out (after commit), so a second run finds nobody left to ask. A mail
    that fails clears the time again, so that the next run asks that person.
    """
    now = now or timezone.now()
    with transaction.atomic():
        # The lock keeps two overlapping runs from both mailing the same people.
        locked = _lock(event)
        if locked.status != Event.Status.PUBLISHED:
            raise ValidationError(_("Feedback is asked only after a published event."))
        if locked.ends_at > now:
            raise ValidationError(_("Feedback can be asked once the event has ended."))
        ids = list(feedback_recipients(locked).values_list("pk", flat=True))
        if not ids:
            return 0
        Registration.objects.filter(pk__in=ids).update(feedback_requested_at=now)
        audit.record(
            AuditAction.FEEDBACK_REQUESTED,
            actor=actor,
            target=locked,
            organisation=locked.organisation,
            details={"count": len(ids)},
        )
        transaction.on_commit(partial(_mail_feedback_requests, locked.pk, ids, now), robust=True)
    return len(ids)


@dataclass(frozen=True, slots=True)
class FeedbackRequestRun:
    events: int
    requests: int


def events_due_for_feedback(
    now: datetime.datetime, days: int = FEEDBACK_REQUEST_DAYS
) -> QuerySet[Event]:
    """Published events that ended within ``days``, at least FEEDBACK_REQUEST_DELAY ago,
    and still have someone to ask."""
    return Event.objects.filter(
        status=Event.Status.PUBLISHED,
        ends_at__lte=now - FEEDBACK_REQUEST_DELAY,
        ends_at__gte=now - datetime.timedelta(days=days),
    ).filter(Exists(pending_recipients().filter(event=OuterRef("pk"))))


def feedback_requests_due(
    now: datetime.datetime | None = None,
    *,
    actor: User | None = None,
    days: int = FEEDBACK_REQUEST_DAYS,
) -> FeedbackRequestRun:
    """The daily run: ask for feedback on every event that ended lately, each person once."""
    now = now or timezone.now()
    events = requests = 0
    for event in events_due_for_feedback(now, days).order_by("ends_at", "pk"):
        sent = feedback_request_send(actor=actor, event=event, now=now)
        if sent:
            events += 1
            requests += sent
    return FeedbackRequestRun(events=events, requests=requests)


def _mail_feedback_requests(
    event_id: int, registration_ids: list[int], requested_at: datetime.datetime
) -> None:
    registrations = Registration.objects.select_related("event").filter(pk__in=registration_ids)
    for registration in registrations:
        try:
            _send(
                registration,
                "events/email/feedback_request.txt",
                SUBJECT_FEEDBACK,
                feedback_url=feedback_url(registration),
                feedback_days=FEEDBACK_LINK_MAX_AGE.days,
            )
        except Exception:  # one failing address does not keep the others from being asked
            logger.exception(
                "Feedback request of event %s not mailed to registration %s; asked again "
                "on the next run",
                event_id,
                registration.pk,
            )
            # Only the mark of this request: a later run may have asked again meanwhile.
            Registration.objects.filter(
                pk=registration.pk, feedback_requested_at=requested_at
            ).update(feedback_requested_at=None)


# --- Answers ----------------------------------------------------------------------------------


def feedback_submit(
    *,
    actor: User | None = None,
    registration: Registration,
    overall: int,
    usefulness: int,
    would_recommend: bool | None,
    comment: str = "",
) -> Feedback:
    """Store one answer to the feedback link of ``registration``; the link then closes.

    ``actor`` is accepted for the services' common shape, and deliberately not
    stored anywhere: the answer is anonymous.
    """
    del actor
    with transaction.atomic():
        stored = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("event")
            .filter(pk=registration.pk)
            .first()
        )
        if stored is None:
            raise ValidationError(_("The registration of this feedback link no longer exists."))
        if stored.anonymised_at is not None:
            raise ValidationError(
                _("The feedback period of this event is over and its registrations are anonymised.")
            )
        if stored.feedback_given:
            raise ValidationError(
                _("Feedback has already been given through this link. Each link works once.")
            )
        if stored.event.ends_at > timezone.now():
            raise ValidationError(_("Feedback can be given once the event has ended."))
        feedback = Feedback(
            event=stored.event,
            overall=overall,
            usefulness=usefulness,
            would_recommend=would_recommend,
            comment=comment.strip(),
        )
        feedback.full_clean()
        feedback.save()
        stored.feedback_given = True
        stored.save(update_fields=["feedback_given"])
    registration.refresh_from_db()
    return feedback
