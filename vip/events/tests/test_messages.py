"""Messages from the organiser to the participants of an event."""

from __future__ import annotations

import smtplib
from typing import Any

import pytest
from django.core.mail.backends import locmem
from django.utils import timezone

from vip.audit.models import AuditAction, AuditEvent
from vip.events import services
from vip.events.models import Event, EventMessage, Registration
from vip.events.tests.builders import HOUR, make_event, register

pytestmark = pytest.mark.django_db


def messages_url(event: Event) -> str:
    return f"/en/events/{event.pk}/messages/"


def form_data(**values: Any) -> dict[str, Any]:
    data = {
        "audience": "confirmed",
        "subject": "Ohjelma on julkaistu",
        "body": "Hei!\n\nSeminaarin ohjelma on nyt verkossa.",
    }
    data.update(values)
    return data


def messages_of(response: Any) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def event(reference_data):
    return make_event(
        capacity=2,
        waiting_list_capacity=2,
        title_fi="Koulupoissaolot seminaari",
        title_en="Seminar on school absences",
    )


@pytest.fixture
def people(event):
    return {
        "maija": register(event, email="maija@koulu.example", given_name="Maija", language="fi"),
        "anna": register(event, email="anna@skola.example", given_name="Anna", language="en"),
        "ville": register(event, email="ville@koulu.example", given_name="Ville"),
    }


def test_it_mails_each_recipient_their_own_message_with_their_link_and_records_it(
    client, login, national_admin, event, people, django_capture_on_commit_callbacks, mailoutbox
):
    login(client, national_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(messages_url(event), form_data(), follow=True)
    assert response.redirect_chain[-1][0] == messages_url(event)
    assert "The message “Ohjelma on julkaistu” was sent to 2 people." in messages_of(response)

    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "anna@skola.example",
        "maija@koulu.example",
    ]
    by_address = {mail.to[0]: mail for mail in mailoutbox}
    for registration in (people["maija"], people["anna"]):
        mail = by_address[registration.email]
        assert mail.subject == "Ohjelma on julkaistu"
        assert mail.body.startswith("Hei!\n\nSeminaarin ohjelma on nyt verkossa.")
        # Their own link, and nobody else's.
        assert services.manage_url(registration).split("/registrations/")[1][:20] in mail.body
        assert mail.reply_to == ["admin@oph.example"]
    # The footer follows each recipient's language: the event's title in it too.
    assert "Koulupoissaolot seminaari" in by_address["maija@koulu.example"].body
    assert "Seminar on school absences" in by_address["anna@skola.example"].body
    assert "Seminar on school absences" not in by_address["maija@koulu.example"].body

    message = EventMessage.objects.get()
    assert (message.audience, message.recipient_count, message.sent_by) == (
        "confirmed",
        2,
        national_admin,
    )
    audit = AuditEvent.objects.get(action=AuditAction.EVENT_MESSAGE_SENT)
    assert audit.details == {"event": event.pk, "audience": "confirmed", "recipients": 2}
    # The history below the form.
    assert "Ohjelma on julkaistu" in response.content.decode()


@pytest.mark.parametrize(
    ("audience", "expected"),
    [
        ("waiting", ["ville@koulu.example"]),
        ("all", ["anna@skola.example", "maija@koulu.example", "ville@koulu.example"]),
        ("attended", ["maija@koulu.example"]),
    ],
)
def test_it_reaches_exactly_the_chosen_group(
    client,
    login,
    national_admin,
    event,
    people,
    django_capture_on_commit_callbacks,
    mailoutbox,
    audience,
    expected,
):
    Registration.objects.filter(pk=people["maija"].pk).update(attended=True)
    Registration.objects.filter(pk=people["anna"].pk).update(attended=False)
    cancelled = register(event, email="peruttu@koulu.example")
    services.registration_cancel(registration=cancelled)
    login(client, national_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(messages_url(event), form_data(audience=audience))
    assert sorted(mail.to[0] for mail in mailoutbox) == expected
    assert EventMessage.objects.get().recipient_count == len(expected)


def test_the_form_previews_how_many_each_group_reaches(
    client, login, national_admin, event, people
):
    login(client, national_admin)
    html = client.get(messages_url(event)).content.decode()
    assert 'aria-current="page">Messages<' in html
    assert "Confirmed participants (2)" in html
    assert "Waiting list (1)" in html
    assert "Confirmed and waiting (3)" in html
    assert "Those who attended (0)" in html
    assert "no-store" in client.get(messages_url(event))["Cache-Control"]


@pytest.mark.parametrize(
    ("values", "error"),
    [
        ({"subject": ""}, "Enter the subject of the message."),
        ({"subject": "   "}, "Enter the subject of the message."),
        ({"body": ""}, "Write the message."),
        ({"body": "  \n "}, "Write the message."),
        ({"audience": ""}, "Choose who gets the message."),
        ({"audience": "everyone"}, "Choose who gets the message."),
        (
            {"audience": "attended"},
            "Nobody is in this group (those who attended): the message would reach no one.",
        ),
    ],
)
def test_it_refuses_an_incomplete_message_or_an_empty_group_and_sends_nothing(
    client,
    login,
    national_admin,
    event,
    people,
    django_capture_on_commit_callbacks,
    mailoutbox,
    values,
    error,
):
    login(client, national_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(messages_url(event), form_data(**values))
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert error in html
    assert mailoutbox == []
    assert not EventMessage.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.EVENT_MESSAGE_SENT).exists()


def test_confirmed_participants_of_a_remote_event_get_the_join_link_waiting_ones_do_not(
    national_admin, reference_data, django_capture_on_commit_callbacks, mailoutbox
):
    webinar = make_event(
        mode=Event.Mode.REMOTE,
        venue="",
        join_url="https://meet.example/vip-webinaari",
        capacity=1,
        waiting_list_capacity=1,
    )
    # In English: the footer is in each recipient's language.
    register(webinar, email="paikalla@koulu.example", language="en")
    register(webinar, email="jonossa@koulu.example", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services_participants().event_message_send(
            actor=national_admin, event=webinar, audience="all", subject="Hei", body="Hei"
        )
    bodies = {mail.to[0]: mail.body for mail in mailoutbox}
    assert "Link to join: https://meet.example/vip-webinaari" in bodies["paikalla@koulu.example"]
    assert "meet.example" not in bodies["jonossa@koulu.example"]


def test_a_subject_stays_on_one_line(national_admin, event, people, mailoutbox):
    message = services_participants().event_message_send(
        actor=national_admin,
        event=event,
        audience="confirmed",
        subject="Tärkeää\r\nBcc: kaikki@example.com",
        body="Hei",
    )
    assert message.subject == "Tärkeää Bcc: kaikki@example.com"


class RecordingBackend(locmem.EmailBackend):
    """Like a mail server's connection: mail goes out only while it is open.

    Each instance is one connection; ``opens`` counts how often it was opened.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.is_open = False
        self.opens = 0
        CONNECTIONS.append(self)

    def open(self) -> bool:
        if self.is_open:
            return False
        self.is_open = True
        self.opens += 1
        return True

    def close(self) -> None:
        self.is_open = False

    def send_messages(self, email_messages: Any) -> int:
        if not self.is_open:
            raise smtplib.SMTPServerDisconnected("please run connect() first")
        return super().send_messages(email_messages)


class RefusingBackend(RecordingBackend):
    """Refuses one address, as a mail server might, and drops the connection then."""

    def send_messages(self, email_messages: Any) -> int:
        for message in email_messages:
            if "maija@koulu.example" in message.to:
                self.is_open = False
                raise smtplib.SMTPRecipientsRefused({"maija@koulu.example": (550, b"no user")})
        return super().send_messages(email_messages)


CONNECTIONS: list[RecordingBackend] = []


@pytest.fixture
def mailer(settings, mailoutbox):
    """Use a backend of this module as the default mailer; yield the connections made."""
    CONNECTIONS.clear()

    def use(backend: type[RecordingBackend]) -> list[RecordingBackend]:
        settings.MAILERS = {"default": {"BACKEND": f"{__name__}.{backend.__name__}"}}
        return CONNECTIONS

    yield use
    CONNECTIONS.clear()


def test_all_recipients_get_their_mail_through_one_connection(
    national_admin, event, people, django_capture_on_commit_callbacks, mailoutbox, mailer
):
    connections = mailer(RecordingBackend)
    with django_capture_on_commit_callbacks(execute=True):
        services_participants().event_message_send(
            actor=national_admin, event=event, audience="all", subject="Hei", body="Hei"
        )
    assert [mail.to for mail in mailoutbox] == [
        ["maija@koulu.example"],
        ["anna@skola.example"],
        ["ville@koulu.example"],
    ]
    [connection] = connections
    assert connection.opens == 1
    assert not connection.is_open  # closed once everyone's mail is out


def test_one_refused_address_does_not_stop_the_others_nor_name_itself_in_the_log(
    national_admin,
    event,
    people,
    django_capture_on_commit_callbacks,
    mailoutbox,
    mailer,
    caplog,
):
    connections = mailer(RefusingBackend)
    with django_capture_on_commit_callbacks(execute=True):
        message = services_participants().event_message_send(
            actor=national_admin, event=event, audience="all", subject="Hei", body="Hei"
        )
    # Maija is the first: the rest still get their mail, on a connection opened anew.
    assert [mail.to for mail in mailoutbox] == [["anna@skola.example"], ["ville@koulu.example"]]
    assert len(connections) == 1
    assert not connections[0].is_open
    assert EventMessage.objects.get().recipient_count == 3
    [failure] = [record for record in caplog.records if record.levelname == "ERROR"]
    logged = failure.getMessage()
    assert f"registration {people['maija'].pk} at koulu.example" in logged
    assert f"Message {message.pk} of event {event.pk}" in logged
    assert "SMTPRecipientsRefused" in logged
    assert "maija@" not in caplog.text


def test_the_history_lists_sent_messages_newest_first(
    client, login, national_admin, event, people, django_assert_max_num_queries
):
    sender = services_participants()
    for number in range(3):
        sender.event_message_send(
            actor=national_admin,
            event=event,
            audience="all",
            subject=f"Tiedote {number}",
            body="Hei",
        )
    EventMessage.objects.filter(subject="Tiedote 0").update(sent_at=timezone.now() - HOUR)
    login(client, national_admin)
    response = client.get(messages_url(event))
    subjects = [message.subject for message, _sent in response.context["history"]]
    assert subjects == ["Tiedote 2", "Tiedote 1", "Tiedote 0"]
    html = response.content.decode()
    assert "Confirmed and waiting" in html
    assert "Aino Mäkelä" in html


def test_outsiders_and_other_areas_coordinators_cannot_send(
    client, login, outsider, coordinator, hyks, mailoutbox, django_capture_on_commit_callbacks
):
    other = make_event(areas=[hyks])
    register(other)
    assert client.get(messages_url(other))["Location"].startswith("/en/accounts/login/")
    for user in (outsider, coordinator):
        login(client, user)
        assert client.get(messages_url(other)).status_code == 404
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(messages_url(other), form_data()).status_code == 404
    assert mailoutbox == []
    assert not EventMessage.objects.exists()


def services_participants() -> Any:
    from vip.events.services import participants

    return participants
