"""Feedback after an event: requests mailed once, a link that works once, anonymous answers."""

from __future__ import annotations

import base64
import re
import smtplib
import time

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from vip.audit.models import AuditAction, AuditEvent
from vip.core import crypto
from vip.events import services
from vip.events.models import Event, Feedback, Registration
from vip.events.services import feedback
from vip.events.tests.builders import DAY, HOUR, make_event, register

pytestmark = pytest.mark.django_db

ANSWER = {"overall": "4", "usefulness": "5", "would_recommend": "yes", "comment": "Hyvä päivä."}


def ended(event: Event, days_ago: float = 1) -> Event:
    """Move an event (after its registrations) into the past."""
    end = timezone.now() - days_ago * DAY
    Event.objects.filter(pk=event.pk).update(starts_at=end - 6 * HOUR, ends_at=end)
    event.refresh_from_db()
    return event


def mark(registration: Registration, present: bool) -> None:
    Registration.objects.filter(pk=registration.pk).update(
        attended=present, attendance_marked_at=timezone.now()
    )


def link_path(registration: Registration) -> str:
    return f"/en/events/feedback/{feedback.feedback_token(registration)}/"


@pytest.fixture
def seminar(reference_data):
    return make_event(capacity=3, waiting_list_capacity=2)


class RefusingBackend(EmailBackend):
    """The outbox of the tests, except that a server refuses every address with "refused"."""

    def send_messages(self, email_messages):
        for message in email_messages:
            if any("refused" in address for address in message.to):
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"No such user")})
        return super().send_messages(email_messages)


def test_it_mails_the_feedback_link_once_to_each_attendee(
    seminar, mailoutbox, django_capture_on_commit_callbacks
):
    present = register(seminar, "paikalla@koulu.example", notify=False)
    also_present = register(seminar, "myos.paikalla@koulu.example", notify=False)
    absent = register(seminar, "poissa@koulu.example", notify=False)
    waiting = register(seminar, "jono@koulu.example", notify=False)
    assert waiting.status == Registration.Status.WAITING
    ended(seminar)
    mark(present, True)
    mark(also_present, True)
    mark(absent, False)

    with django_capture_on_commit_callbacks(execute=True):
        run = feedback.feedback_requests_due()

    assert (run.events, run.requests) == (1, 2)
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "myos.paikalla@koulu.example",
        "paikalla@koulu.example",
    ]
    asked = Registration.objects.filter(feedback_requested_at__isnull=False)
    assert set(asked.values_list("pk", flat=True)) == {present.pk, also_present.pk}
    audit = AuditEvent.objects.get(action=AuditAction.FEEDBACK_REQUESTED)
    assert audit.target_id == str(seminar.pk)
    assert audit.details == {"count": 2}

    with django_capture_on_commit_callbacks(execute=True):
        again = feedback.feedback_requests_due()

    assert (again.events, again.requests) == (0, 0)
    assert len(mailoutbox) == 2
    assert AuditEvent.objects.filter(action=AuditAction.FEEDBACK_REQUESTED).count() == 1


def test_the_mail_carries_a_working_personal_link(
    seminar, client, mailoutbox, django_capture_on_commit_callbacks
):
    register(seminar, "osallistuja@koulu.example", notify=False, language="en")
    ended(seminar)

    with django_capture_on_commit_callbacks(execute=True):
        feedback.feedback_request_send(actor=None, event=seminar)

    (mail,) = mailoutbox
    assert mail.subject == "How was it? Feedback on Seminar on school absences"
    assert "anonymous" in mail.body
    path = re.search(r"https?://[^/\s]+(/events/feedback/[^/\s]+/)", mail.body).group(1)
    response = client.get(f"/en{path}")
    assert response.status_code == 200
    assert "Seminar on school absences" in response.content.decode()


def test_it_asks_every_confirmed_participant_when_no_attendance_was_marked(
    seminar, mailoutbox, django_capture_on_commit_callbacks
):
    first = register(seminar, notify=False)
    second = register(seminar, notify=False)
    cancelled = register(seminar, notify=False)
    services.registration_cancel(registration=cancelled)
    ended(seminar)

    with django_capture_on_commit_callbacks(execute=True):
        sent = feedback.feedback_request_send(actor=None, event=seminar)

    assert sent == 2
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted([first.email, second.email])


def test_a_failed_mail_leaves_the_person_to_be_asked_on_the_next_run(
    seminar, settings, mailoutbox, django_capture_on_commit_callbacks
):
    delivered = register(seminar, "perilla@koulu.example", notify=False)
    refused = register(seminar, "refused@koulu.example", notify=False)
    ended(seminar)
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingBackend", "OPTIONS": {}}}

    with django_capture_on_commit_callbacks(execute=True):
        first = feedback.feedback_requests_due()

    assert first.requests == 2
    assert [mail.to for mail in mailoutbox] == [["perilla@koulu.example"]]
    delivered.refresh_from_db()
    refused.refresh_from_db()
    assert delivered.feedback_requested_at is not None
    assert refused.feedback_requested_at is None
    assert list(feedback.events_due_for_feedback(timezone.now())) == [seminar]

    # The address is fixed and the mail server accepts it on the next day's run.
    Registration.objects.filter(pk=refused.pk).update(email="korjattu@koulu.example")
    with django_capture_on_commit_callbacks(execute=True):
        second = feedback.feedback_requests_due()

    assert (second.events, second.requests) == (1, 1)
    assert [mail.to for mail in mailoutbox][1:] == [["korjattu@koulu.example"]]
    refused.refresh_from_db()
    assert refused.feedback_requested_at is not None


def test_an_event_is_not_due_for_people_who_will_never_be_asked(
    seminar, mailoutbox, django_capture_on_commit_callbacks
):
    present = register(seminar, notify=False)
    absent = register(seminar, notify=False)
    also_absent = register(seminar, notify=False)
    ended(seminar)
    mark(present, True)
    mark(absent, False)
    mark(also_absent, False)
    with django_capture_on_commit_callbacks(execute=True):
        assert feedback.feedback_requests_due().requests == 1

    # Those marked absent are confirmed and not asked, yet they keep no event due.
    assert not feedback.events_due_for_feedback(timezone.now()).exists()
    with django_capture_on_commit_callbacks(execute=True):
        run = feedback.feedback_requests_due()
    assert (run.events, run.requests) == (0, 0)
    assert len(mailoutbox) == 1
    assert AuditEvent.objects.filter(action=AuditAction.FEEDBACK_REQUESTED).count() == 1


def test_it_waits_for_the_organisers_to_mark_attendance_after_the_event(
    seminar, mailoutbox, django_capture_on_commit_callbacks
):
    present = register(seminar, "paikalla@koulu.example", notify=False)
    absent = register(seminar, "poissa@koulu.example", notify=False)
    end = timezone.now() - 2 * HOUR
    Event.objects.filter(pk=seminar.pk).update(starts_at=end - 6 * HOUR, ends_at=end)

    with django_capture_on_commit_callbacks(execute=True):
        early = feedback.feedback_requests_due()

    assert (early.events, early.requests) == (0, 0)
    assert mailoutbox == []
    # The organisers mark attendance on the evening of the event.
    mark(present, True)
    mark(absent, False)
    delay = feedback.FEEDBACK_REQUEST_DELAY
    assert not feedback.events_due_for_feedback(end + delay - HOUR).exists()
    with django_capture_on_commit_callbacks(execute=True):
        run = feedback.feedback_requests_due(end + delay)

    assert (run.events, run.requests) == (1, 1)
    assert [mail.to for mail in mailoutbox] == [["paikalla@koulu.example"]]


def test_it_asks_only_after_recent_published_events(
    reference_data, mailoutbox, django_capture_on_commit_callbacks
):
    long_ago = make_event(title_fi="Kauan sitten")
    register(long_ago, notify=False)
    ended(long_ago, days_ago=20)
    upcoming = make_event(title_fi="Tulossa")
    register(upcoming, notify=False)
    cancelled = make_event(title_fi="Peruttu")
    register(cancelled, notify=False)
    services.event_cancel(actor=None, event=cancelled, reason="Sairastumisia")
    ended(cancelled)

    with django_capture_on_commit_callbacks(execute=True):
        run = feedback.feedback_requests_due()

    assert (run.events, run.requests) == (0, 0)
    assert mailoutbox == []
    with pytest.raises(ValidationError, match="once the event has ended"):
        feedback.feedback_request_send(actor=None, event=upcoming)
    with pytest.raises(ValidationError, match="published event"):
        feedback.feedback_request_send(actor=None, event=cancelled)
    assert not Registration.objects.filter(feedback_requested_at__isnull=False).exists()
    # A longer window reaches the older event.
    with django_capture_on_commit_callbacks(execute=True):
        assert feedback.feedback_requests_due(days=30).requests == 1


def test_the_daily_command_sends_the_requests(
    seminar, mailoutbox, django_capture_on_commit_callbacks, capsys
):
    register(seminar, notify=False)
    ended(seminar)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_feedback_requests", "--days", "3")

    assert len(mailoutbox) == 1
    assert "1 event(s) from 1 participant(s)" in capsys.readouterr().out


def test_the_link_works_once_and_the_answer_is_stored_without_the_registration(seminar, client):
    registration = register(seminar, notify=False)
    ended(seminar)
    path = link_path(registration)
    audit_rows = AuditEvent.objects.count()

    form = client.get(path)
    page = form.content.decode()
    assert form.status_code == 200
    assert "Seminar on school absences" in page
    assert "Your answers are anonymous" in page
    assert "once at least 5 people have answered" in page

    response = client.post(path, ANSWER)

    assert response.status_code == 302
    stored = Feedback.objects.get()
    assert (stored.event, stored.overall, stored.usefulness) == (seminar, 4, 5)
    assert stored.would_recommend is True
    assert stored.comment == "Hyvä päivä."
    assert stored.submitted_on == timezone.localdate()
    registration.refresh_from_db()
    assert registration.feedback_given
    # Writing an audit row would tie the answer to the time and the address of its author.
    assert AuditEvent.objects.count() == audit_rows
    thanks = client.get(path)
    assert "Thank you for your feedback" in thanks.content.decode()

    second = client.post(path, {**ANSWER, "overall": "1"})

    assert second.status_code == 409
    assert "Feedback has already been given through this link" in second.content.decode()
    assert Feedback.objects.count() == 1


def test_feedback_has_no_link_to_the_registration_or_the_person():
    fields = {field.name for field in Feedback._meta.get_fields()}
    assert fields == {
        "id",
        "event",
        "overall",
        "usefulness",
        "would_recommend",
        "comment",
        "submitted_on",
    }
    related = {
        field.related_model for field in Registration._meta.get_fields() if field.is_relation
    }
    assert Feedback not in related


def test_dont_know_is_stored_as_no_answer_to_recommending(seminar, client):
    registration = register(seminar, notify=False)
    ended(seminar)

    client.post(link_path(registration), {**ANSWER, "would_recommend": "dont_know"})

    assert Feedback.objects.get().would_recommend is None


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ({"overall": ""}, "Choose an overall rating from 1 to 5."),
        ({"overall": "6"}, "Choose an overall rating from 1 to 5."),
        ({"usefulness": "0"}, "Choose how useful the event was, from 1 to 5."),
        ({"would_recommend": "maybe"}, "Answer yes, no or I don&#x27;t know."),
        ({"comment": "x" * 4001}, "Keep the comments under 4000 characters."),
    ],
)
def test_bad_answers_show_an_error_and_nothing_is_stored(seminar, client, answer, message):
    registration = register(seminar, notify=False)
    ended(seminar)

    response = client.post(link_path(registration), {**ANSWER, **answer})

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert not Feedback.objects.exists()
    registration.refresh_from_db()
    assert not registration.feedback_given


def test_a_tampered_link_is_refused(seminar, client):
    registration = register(seminar, notify=False)
    ended(seminar)
    token = feedback.feedback_token(registration)

    response = client.post(f"/en/events/feedback/{token[:-2]}xy/", ANSWER)

    assert response.status_code == 404
    assert "The feedback link is not valid" in response.content.decode()
    assert not Feedback.objects.exists()


def test_a_manage_link_is_no_feedback_link(seminar, client):
    registration = register(seminar, notify=False)
    ended(seminar)
    manage = services.manage_token(registration)

    # Neither as it is mailed, nor encrypted with the server's own key.
    for token in (manage, feedback._seal(manage)):
        response = client.get(f"/en/events/feedback/{token}/")

        assert response.status_code == 404
        assert "The feedback link is not valid" in response.content.decode()


def test_the_link_reveals_nothing_without_the_servers_keys(seminar, client):
    registration = register(seminar, notify=False)
    ended(seminar)

    token = feedback.feedback_token(registration)

    assert re.fullmatch(r"[A-Za-z0-9_-]+", token)
    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    # Ciphertext is random bytes: a one-digit id may turn up in it by chance, so look
    # for what a readable token would carry, the signed payload and its parts.
    readable_payload = signing.dumps({"r": registration.pk}, salt=feedback.FEEDBACK_LINK_SALT)
    for revealing in (readable_payload.split(":")[0], str(seminar.uid), '"r"', "vip.events"):
        assert revealing.encode() not in raw
        assert revealing not in token
    with pytest.raises(signing.BadSignature):
        signing.loads(token, salt=feedback.FEEDBACK_LINK_SALT)
    # A link signed but not encrypted, as they were once made, is not accepted either.
    readable = signing.dumps(
        {"r": registration.pk, "e": str(seminar.uid)}, salt=feedback.FEEDBACK_LINK_SALT
    )
    response = client.get(f"/en/events/feedback/{readable}/")
    assert response.status_code == 404
    assert "The feedback link is not valid" in response.content.decode()


@pytest.mark.parametrize("token", ["x", "äö", "a" * 300, "====", "gAAAAA"])
def test_garbage_in_place_of_a_link_is_refused(seminar, client, token):
    response = client.get(f"/en/events/feedback/{token}/")

    assert response.status_code == 404
    assert "The feedback link is not valid" in response.content.decode()


def test_links_mailed_before_a_key_rotation_still_work(seminar, client):
    registration = register(seminar, notify=False)
    ended(seminar)
    old_key, new_key = crypto.new_key(), crypto.new_key()
    try:
        with override_settings(FIELD_ENCRYPTION_KEYS=[old_key]):
            crypto.reset_keyring()
            path = link_path(registration)
        with override_settings(FIELD_ENCRYPTION_KEYS=[new_key, old_key]):
            crypto.reset_keyring()
            assert client.get(path).status_code == 200
        with override_settings(FIELD_ENCRYPTION_KEYS=[new_key]):
            crypto.reset_keyring()
            # Once the old key is dropped, its links are as good as tampered with.
            assert client.get(path).status_code == 404
    finally:
        crypto.reset_keyring()


def test_an_expired_link_is_refused(seminar, client):
    registration = register(seminar, notify=False)
    ended(seminar)

    class SignedLongAgo(signing.TimestampSigner):
        def timestamp(self) -> str:
            age = feedback.FEEDBACK_LINK_MAX_AGE.total_seconds() + 3600
            return signing.b62_encode(int(time.time() - age))

    token = feedback._seal(
        SignedLongAgo(salt=feedback.FEEDBACK_LINK_SALT).sign_object(
            {"r": registration.pk, "e": str(seminar.uid)}
        )
    )
    response = client.post(f"/en/events/feedback/{token}/", ANSWER)

    assert response.status_code == 404
    assert "The feedback link has expired" in response.content.decode()
    assert not Feedback.objects.exists()


def test_an_anonymised_registration_gives_no_feedback(seminar, client):
    registration = register(seminar, notify=False)
    ended(seminar)
    path = link_path(registration)
    Registration.objects.filter(pk=registration.pk).update(
        given_name="", family_name="", email="", anonymised_at=timezone.now()
    )

    response = client.post(path, ANSWER)

    assert response.status_code == 404
    assert "registrations are anonymised" in response.content.decode()
    assert not Feedback.objects.exists()


def test_feedback_waits_until_the_event_has_ended(seminar, client):
    registration = register(seminar, notify=False)

    response = client.post(link_path(registration), ANSWER)

    assert response.status_code == 409
    assert "The event has not ended yet" in response.content.decode()
    assert not Feedback.objects.exists()
    with pytest.raises(ValidationError, match="once the event has ended"):
        feedback.feedback_submit(
            registration=registration, overall=5, usefulness=5, would_recommend=True
        )
    assert not Feedback.objects.exists()
