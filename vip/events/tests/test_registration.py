"""Registration: seats, the waiting list, refusals, cancelling and promotion."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from vip.audit.models import AuditAction, AuditEvent
from vip.core.testing import make_organisation
from vip.events import services
from vip.events.models import Event, Question, Registration
from vip.events.services import retention
from vip.events.tests.builders import DAY, HOUR, make_event, register
from vip.registry.models import Organisation

pytestmark = pytest.mark.django_db

CONFIRMED = Registration.Status.CONFIRMED
WAITING = Registration.Status.WAITING


@pytest.fixture
def small_event(reference_data):
    return make_event(capacity=2, waiting_list_capacity=1)


def statuses(event: Event) -> list[str]:
    return list(event.registrations.order_by("created_at", "pk").values_list("status", flat=True))


def test_it_confirms_while_seats_last_then_waits_then_refuses(small_event):
    assert register(small_event).status == CONFIRMED
    assert register(small_event).status == CONFIRMED
    assert register(small_event).status == WAITING
    with pytest.raises(ValidationError, match="The event is full and its waiting list too"):
        register(small_event, email="myohassa@koulu.example")
    assert statuses(small_event) == [CONFIRMED, CONFIRMED, WAITING]
    assert not Registration.objects.filter(email="myohassa@koulu.example").exists()


def test_it_takes_everyone_when_the_event_has_no_limit(reference_data):
    event = make_event(capacity=None)
    for _ in range(5):
        assert register(event).status == CONFIRMED


def test_it_mails_a_confirmation_with_a_personal_signed_link(
    small_event, django_capture_on_commit_callbacks, mailoutbox, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(small_event, email="Maija.Meikalainen@Koulu.Example")
    assert registration.email == "maija.meikalainen@koulu.example"
    [mail] = mailoutbox
    assert mail.to == ["maija.meikalainen@koulu.example"]
    assert "Koulupoissaolot seminaari" in mail.subject
    link = f"{settings.SITE_URL}/events/registrations/"
    assert link in mail.body
    token = mail.body.split(link)[1].split("/")[0]
    assert services.registration_from_token(token) == registration


def test_it_tells_those_on_the_waiting_list_where_they_stand(
    small_event, django_capture_on_commit_callbacks, mailoutbox
):
    register(small_event)
    register(small_event)
    with django_capture_on_commit_callbacks(execute=True):
        register(small_event, language="en")
    [mail] = mailoutbox
    assert mail.subject.startswith("You are on the waiting list")
    assert "waiting list" in mail.body


def test_it_refuses_the_same_email_twice_whatever_its_case(small_event):
    register(small_event, email="sama@koulu.example")
    with pytest.raises(ValidationError) as error:
        register(small_event, email="  SAMA@Koulu.example ")
    assert error.value.message_dict == {
        "email": ["This e-mail address is already registered for this event."]
    }
    assert small_event.registrations.count() == 1


def test_it_lets_someone_register_again_after_cancelling(small_event):
    first = register(small_event, email="sama@koulu.example")
    services.registration_cancel(registration=first)
    assert register(small_event, email="sama@koulu.example").status == CONFIRMED


def test_the_database_refuses_a_second_active_registration_of_an_address(small_event):
    register(small_event, email="sama@koulu.example")
    duplicate = Registration(
        event=small_event,
        status=WAITING,
        given_name="Toinen",
        family_name="Kerta",
        email="SAMA@koulu.example",
        consent_at=timezone.now(),
    )
    with pytest.raises(ValidationError, match="already registered"):
        duplicate.validate_constraints()


@pytest.mark.parametrize(
    ("window", "message"),
    [
        ({"registration_opens_at": timezone.now() + DAY}, "Registration opens on"),
        ({"registration_closes_at": timezone.now() - HOUR}, "Registration has closed."),
    ],
)
def test_it_refuses_registration_outside_the_window(reference_data, window, message):
    event = make_event(**window)
    with pytest.raises(ValidationError, match=message) as error:
        register(event)
    assert error.value.code == services.CODE_CLOSED
    assert not event.registrations.exists()


def test_it_refuses_registration_once_the_event_has_started(reference_data):
    start = timezone.now() - HOUR
    event = make_event(starts_at=start, ends_at=start + 3 * HOUR)
    with pytest.raises(ValidationError, match=re.escape("Registration has closed.")):
        register(event)


def test_it_refuses_registration_to_a_draft(reference_data):
    event = make_event(publish=False)
    with pytest.raises(ValidationError, match=re.escape("The event is not open for registration.")):
        register(event)
    assert not event.registrations.exists()


def test_it_refuses_registration_to_a_cancelled_event(reference_data):
    event = make_event()
    services.event_cancel(actor=None, event=event, reason="Sairastapaus")
    with pytest.raises(ValidationError, match=re.escape("The event has been cancelled.")):
        register(event)
    assert not event.registrations.exists()


def test_it_requires_consent_a_valid_email_and_names(small_event):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.registration_create(
            event=small_event, given_name=" ", family_name="", email="ei-osoite", consent=False
        )
    errors = error.value.message_dict
    assert errors["consent"] == ["Accept the privacy notice to register."]
    assert "Enter a valid email address." in errors["email"]
    assert set(errors) >= {"given_name", "family_name"}
    assert not small_event.registrations.exists()


def test_it_requires_billing_details_and_a_price_group_for_a_paid_event(reference_data):
    event = make_event(is_paid=True)
    with pytest.raises(ValidationError) as error:
        register(event)
    assert error.value.message_dict == {
        "price_group": ["Choose a price group."],
        "billing_organisation": ["Enter the organisation to invoice."],
        "billing_address": ["Enter the billing address."],
    }
    price_group = event.price_groups.get(name_fi="Muu")
    registration = register(
        event,
        price_group=price_group,
        billing_organisation="Tampereen kaupunki",
        billing_reference="VIP-2026",
        billing_address="PL 487, 33101 Tampere",
    )
    assert registration.price_group == price_group


def test_it_refuses_a_price_group_of_another_event_or_for_a_free_event(reference_data):
    paid = make_event(is_paid=True)
    free = make_event()
    with pytest.raises(ValidationError) as error:
        register(free, price_group=paid.price_groups.first())
    assert "The event is free: choose no price group." in error.value.message_dict["price_group"]
    assert not free.registrations.exists()


def test_it_checks_the_answers_to_the_event_questions(reference_data):
    event = make_event(
        questions=[
            {"kind": Question.Kind.TEXT, "label_fi": "Erityisruokavalio", "sensitive": True},
            {
                "kind": Question.Kind.CHOICE,
                "label_fi": "Työpaja",
                "label_en": "Workshop",
                "choices": "A\nB",
                "required": True,
            },
            {"kind": Question.Kind.YES_NO, "label_fi": "Osallistun illalliselle"},
        ]
    )
    diet, workshop, dinner = event.questions.all()
    with translation.override("en"), pytest.raises(ValidationError) as error:
        register(event, answers={diet.pk: "Gluteeniton", dinner.pk: "ehkä", 999999: "?"})
    assert error.value.message_dict == {
        "answers": ["Question 999999 does not belong to this event."],
        f"answers.{workshop.pk}": ["Answer the question “Workshop”."],
        f"answers.{dinner.pk}": ["Answer yes or no."],
    }
    with (
        translation.override("en"),
        pytest.raises(ValidationError, match=re.escape("Choose one of: A, B.")),
    ):
        register(event, answers={workshop.pk: "C"})
    assert not event.registrations.exists()

    registration = register(event, answers={diet.pk: "Gluteeniton", workshop.pk: "B"})
    assert dict(registration.answers.values_list("question__label_fi", "value")) == {
        "Erityisruokavalio": "Gluteeniton",
        "Työpaja": "B",
    }


def test_cancelling_a_confirmed_seat_promotes_the_oldest_waiting_and_mails_them(
    reference_data, django_capture_on_commit_callbacks, mailoutbox
):
    event = make_event(capacity=1, waiting_list_capacity=3)
    seated = register(event)
    first_waiting = register(event, email="eka@koulu.example")
    register(event, email="toka@koulu.example")
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.registration_cancel(registration=seated)
    assert promoted == [first_waiting]
    first_waiting.refresh_from_db()
    assert first_waiting.status == CONFIRMED
    assert first_waiting.promoted_at is not None
    assert statuses(event) == ["cancelled", CONFIRMED, WAITING]
    [mail] = mailoutbox
    assert mail.to == ["eka@koulu.example"]
    assert "/events/registrations/" in mail.body


def test_cancelling_from_the_waiting_list_promotes_no_one(reference_data):
    event = make_event(capacity=1, waiting_list_capacity=2)
    register(event)
    waiting = register(event)
    later = register(event)
    assert services.registration_cancel(registration=waiting) == []
    later.refresh_from_db()
    assert later.status == WAITING


def test_a_participant_cannot_cancel_after_the_deadline(reference_data):
    event = make_event(
        registration_opens_at=timezone.now() - 2 * DAY,
        cancellation_deadline=timezone.now() - DAY,
    )
    registration = register(event)
    with pytest.raises(ValidationError, match="The cancellation deadline has passed"):
        services.registration_cancel(registration=registration)
    registration.refresh_from_db()
    assert registration.status == CONFIRMED


def test_a_registration_cannot_be_cancelled_twice(small_event):
    registration = register(small_event)
    services.registration_cancel(registration=registration)
    with pytest.raises(ValidationError, match="cancelled already"):
        services.registration_cancel(registration=registration)


def test_an_organiser_removing_a_participant_promotes_the_next(
    national_admin, django_capture_on_commit_callbacks, mailoutbox
):
    event = make_event(capacity=1, waiting_list_capacity=1, cancellation_deadline=None)
    seated = register(event)
    waiting = register(event, email="jonossa@koulu.example")
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_remove(actor=national_admin, registration=seated)
    seated.refresh_from_db()
    waiting.refresh_from_db()
    assert (seated.status, waiting.status) == ("removed", CONFIRMED)
    assert [m.to for m in mailoutbox] == [["jonossa@koulu.example"]]
    assert AuditEvent.objects.filter(
        action=AuditAction.REGISTRATION_PROMOTED, actor=national_admin
    ).exists()


def test_manual_promotion_needs_a_free_seat(national_admin):
    event = make_event(capacity=1, waiting_list_capacity=2)
    register(event)
    waiting = register(event)
    with pytest.raises(ValidationError, match="No seat is free"):
        services.registration_promote(actor=national_admin, registration=waiting)
    waiting.refresh_from_db()
    assert waiting.status == WAITING


def test_manual_promotion_may_skip_the_queue_when_a_seat_is_free(national_admin):
    event = make_event(capacity=1, waiting_list_capacity=2)
    seated = register(event)
    first = register(event)
    second = register(event)
    # Removed with the event in draft-like conditions: free the seat without auto-promotion.
    Registration.objects.filter(pk=seated.pk).update(status="removed")
    services.registration_promote(actor=national_admin, registration=second)
    second.refresh_from_db()
    first.refresh_from_db()
    assert (first.status, second.status) == (WAITING, CONFIRMED)


def test_raising_the_capacity_moves_the_waiting_list_up(
    national_admin, django_capture_on_commit_callbacks, mailoutbox
):
    event = make_event(capacity=1, waiting_list_capacity=2)
    register(event)
    register(event)
    register(event)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(actor=national_admin, event=event, capacity=3)
    assert statuses(event) == [CONFIRMED, CONFIRMED, CONFIRMED]
    assert len(mailoutbox) == 2


def test_the_audit_trail_holds_ids_not_personal_data(small_event):
    registration = register(small_event, email="yksityinen@koulu.example", given_name="Salainen")
    row = AuditEvent.objects.get(action=AuditAction.REGISTRATION_CREATED)
    assert row.target_id == str(registration.pk)
    assert row.details == {"event": small_event.pk, "status": CONFIRMED}
    assert "yksityinen" not in str(row.details)
    assert "Salainen" not in str(row.details)


def test_a_tampered_link_is_refused(small_event):
    token = services.manage_token(register(small_event))
    with pytest.raises(services.ManageLinkError, match="The link is not valid"):
        services.registration_from_token(token[:-2] + "xx")


def test_an_expired_link_is_refused(small_event, monkeypatch):
    token = services.manage_token(register(small_event))
    monkeypatch.setattr(services, "MANAGE_LINK_MAX_AGE", datetime.timedelta(seconds=-1))
    with pytest.raises(services.ManageLinkError, match="The link has expired"):
        services.registration_from_token(token)


def test_a_link_of_another_event_names_no_registration(small_event):
    registration = register(small_event)
    from django.core import signing

    forged = signing.dumps(
        {"r": registration.pk, "e": "00000000-0000-0000-0000-000000000000"},
        salt=services.MANAGE_LINK_SALT,
    )
    with pytest.raises(services.ManageLinkError, match="no longer exists"):
        services.registration_from_token(forged)


# --- Deleting one's details at once ------------------------------------------------------------


def test_a_cancelled_registration_is_anonymised_at_its_registrants_request_once(small_event):
    registration = register(small_event, given_name="Salainen")
    with pytest.raises(ValidationError, match="Cancel the registration first"):
        retention.registration_anonymise_at_request(registration=registration)
    services.registration_cancel(registration=registration)

    done = retention.registration_anonymise_at_request(registration=registration)

    assert done.registrations == {small_event.pk: 1}
    assert registration.given_name == ""
    assert registration.anonymised_at is not None
    assert registration.status == Registration.Status.CANCELLED
    with pytest.raises(ValidationError, match="deleted already"):
        retention.registration_anonymise_at_request(registration=registration)
    assert AuditEvent.objects.filter(action=AuditAction.REGISTRATIONS_ANONYMISED).count() == 1


def test_a_closed_organisation_is_refused_by_the_service(small_event):
    closed = make_organisation(
        kind=Organisation.Kind.SCHOOL,
        name_fi="Lakkautettu koulu",
        active_to=timezone.localdate() - DAY,
    )
    with pytest.raises(ValidationError) as raised:
        register(small_event, organisation=closed)
    assert raised.value.message_dict["organisation"] == [
        "“Lakkautettu koulu” is no longer active in the registry: choose another "
        "organisation or type the name of yours."
    ]
    assert not small_event.registrations.exists()
