"""The send_vipu_reminders command: municipal administrators of incomplete municipalities
are reminded, each reminder is recorded, and nobody is reminded twice within the interval."""

from __future__ import annotations

import datetime
import io
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.utils import timezone

from vip.accounts import services as account_services
from vip.accounts.roles import Role
from vip.audit.models import AuditAction, AuditEvent
from vip.core.testing import make_user
from vip.vipu.models import Reminder
from vip.vipu.tests.vipu_builders import (
    LEARNING,
    complete,
    make_campaign,
    nominate,
    organisation_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(reference_data):
    return make_campaign()


@pytest.fixture
def helsinki_admin(helsinki_provider):
    user = make_user("kunta@hel.example", "Harri", "Helsinkiläinen", language="sv")
    account_services.role_grant(
        actor=None, user=user, role=Role.MUNICIPAL_ADMIN, organisation=helsinki_provider
    )
    return user


def run(*args: str, capture=None) -> str:
    out = io.StringIO()
    if capture is not None:
        with capture(execute=True):
            call_command("send_vipu_reminders", *args, stdout=out)
    else:
        call_command("send_vipu_reminders", *args, stdout=out)
    return out.getvalue()


def test_it_reminds_the_admins_of_incomplete_municipalities_and_records_each_reminder(
    campaign, municipal_admin, helsinki_admin, mailoutbox, django_capture_on_commit_callbacks
):
    nominate(campaign, "837", LEARNING)  # Tampere: partial
    output = run(capture=django_capture_on_commit_callbacks)
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "kunta@hel.example",
        "kunta@tampere.example",
    ]
    tampere = next(mail for mail in mailoutbox if mail.to == ["kunta@tampere.example"])
    assert "Tampere" in tampere.subject
    # The administrator's language is Finnish: the reminder is written in it.
    assert municipal_admin.language == "fi"
    assert "oppilashuollon" in tampere.body
    assert "/vipu/campaigns/" in tampere.body
    reminders = Reminder.objects.order_by("recipient_email")
    assert [(r.municipality.code, r.recipient_email, r.status) for r in reminders] == [
        ("091", "kunta@hel.example", "missing"),
        ("837", "kunta@tampere.example", "partial"),
    ]
    assert AuditEvent.objects.filter(action=AuditAction.REMINDER_SENT).count() == 2
    assert "Sent 2 reminders" in output


def test_it_writes_to_each_admin_in_their_own_language(
    campaign, helsinki_admin, mailoutbox, django_capture_on_commit_callbacks
):
    run(capture=django_capture_on_commit_callbacks)
    [mail] = mailoutbox
    assert "/sv/vipu/campaigns/" in mail.body


def test_it_does_not_remind_complete_municipalities(
    campaign, municipal_admin, mailoutbox, django_capture_on_commit_callbacks
):
    complete(campaign, "837")
    run(capture=django_capture_on_commit_callbacks)
    assert mailoutbox == []
    assert not Reminder.objects.exists()


def test_it_sends_nothing_twice_within_the_interval(
    campaign, municipal_admin, mailoutbox, django_capture_on_commit_callbacks
):
    run(capture=django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    output = run(capture=django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    assert Reminder.objects.count() == 1
    assert "Sent 0 reminders" in output
    assert "Skipped 1 municipalities reminded within 7 days" in output
    # Once the interval has passed, the municipality is reminded again.
    Reminder.objects.update(sent_at=timezone.now() - datetime.timedelta(days=8))
    run(capture=django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2
    assert Reminder.objects.count() == 2


def test_it_follows_the_interval_given(
    campaign, municipal_admin, mailoutbox, django_capture_on_commit_callbacks
):
    run(capture=django_capture_on_commit_callbacks)
    Reminder.objects.update(sent_at=timezone.now() - datetime.timedelta(days=2))
    run("--min-days", "3", capture=django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    run("--min-days", "1", capture=django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2


def test_it_sends_and_records_nothing_in_a_dry_run(
    campaign, municipal_admin, mailoutbox, django_capture_on_commit_callbacks
):
    events = AuditEvent.objects.count()
    output = run("--dry-run", capture=django_capture_on_commit_callbacks)
    assert "Would send 1 reminders" in output
    assert mailoutbox == []
    assert not Reminder.objects.exists()
    assert AuditEvent.objects.count() == events


def test_it_lists_incomplete_municipalities_without_an_administrator(campaign, municipal_admin):
    output = run("--dry-run")
    assert "have no municipal administrator to remind" in output
    assert "091 Helsinki" in output
    assert "837 Tampere" not in output


def test_it_reminds_for_the_campaign_asked_for(
    campaign, municipal_admin, mailoutbox, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    other = make_campaign(
        name_fi="Toinen",
        starts_on=today - datetime.timedelta(days=400),
        ends_on=today + datetime.timedelta(days=1),
        deadline=today,
    )
    complete(campaign, "837")
    run("--campaign", str(other.pk), capture=django_capture_on_commit_callbacks)
    assert [r.campaign for r in Reminder.objects.all()] == [other]
    with pytest.raises(CommandError, match="No campaign with id 999999"):
        run("--campaign", "999999")


def test_it_sends_nothing_outside_the_campaign_period(
    reference_data, municipal_admin, mailoutbox, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    ended = make_campaign(
        starts_on=today - datetime.timedelta(days=100),
        ends_on=today - datetime.timedelta(days=1),
        deadline=today - datetime.timedelta(days=50),
    )
    output = run("--campaign", str(ended.pk), capture=django_capture_on_commit_callbacks)
    assert "no reminders sent" in output
    assert mailoutbox == []


def test_it_never_reminds_alands_municipalities(
    campaign, mailoutbox, django_capture_on_commit_callbacks
):
    aland_school = organisation_in("478", name="Ålands lyceum")
    user = make_user("admin@aland.example")
    account_services.role_grant(
        actor=None, user=user, role=Role.MUNICIPAL_ADMIN, organisation=aland_school
    )
    output = run(capture=django_capture_on_commit_callbacks)
    assert mailoutbox == []
    assert "478" not in output


def test_it_refuses_when_there_is_no_campaign(reference_data):
    with pytest.raises(CommandError, match="No campaign has been started"):
        run()


class FailingMailBackend(BaseEmailBackend):
    """Refuses every message to one address, as a mail server might."""

    def send_messages(self, email_messages):
        for message in email_messages:
            if "kunta@hel.example" in message.to:
                raise smtplib.SMTPRecipientsRefused({"kunta@hel.example": (550, b"no")})
            mail.outbox.append(message)
        return len(email_messages)


def test_it_marks_each_reminder_delivered_once_the_mail_server_takes_it(
    campaign, municipal_admin, mailoutbox
):
    run()
    [reminder] = Reminder.objects.all()
    assert reminder.delivered
    assert len(mailoutbox) == 1


def test_a_refused_reminder_is_reported_and_the_others_still_go_out(
    campaign, municipal_admin, helsinki_admin, mailoutbox, settings, caplog
):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.FailingMailBackend", "OPTIONS": {}}}
    output = run()
    assert [m.to for m in mailoutbox] == [["kunta@tampere.example"]]
    delivered = dict(Reminder.objects.values_list("recipient_email", "delivered"))
    assert delivered == {"kunta@hel.example": False, "kunta@tampere.example": True}
    assert "Sent 1 reminders" in output
    assert "1 reminders could not be sent" in output
    assert "091 kunta@hel.example" in output
    assert "kunta@hel.example" in caplog.text

    # The refused one is tried again on the next run, the delivered one is not.
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    run()
    assert [m.to for m in mailoutbox[1:]] == [["kunta@hel.example"]]


def test_it_does_not_remind_a_municipality_that_completed_its_contacts_meanwhile(
    campaign, municipal_admin, mailoutbox, monkeypatch
):
    from vip.vipu import selectors, services

    stale = selectors.vipu_coverage(campaign)  # Tampere still missing here
    complete(campaign, "837")
    monkeypatch.setattr(services, "vipu_coverage", lambda _campaign: stale)
    output = run()
    assert mailoutbox == []
    assert not Reminder.objects.exists()
    assert "Skipped 1 municipalities that named their last contacts meanwhile" in output


def test_it_sends_nothing_before_the_campaign_starts(reference_data, municipal_admin, mailoutbox):
    today = timezone.localdate()
    upcoming = make_campaign(
        starts_on=today + datetime.timedelta(days=3),
        ends_on=today + datetime.timedelta(days=60),
        deadline=today + datetime.timedelta(days=30),
    )
    output = run("--campaign", str(upcoming.pk))
    assert "no reminders sent" in output
    assert mailoutbox == []
