"""Creating, changing, publishing and cancelling events; the model's constraints."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from vip.audit.models import AuditAction, AuditEvent
from vip.events import services
from vip.events.models import Event, PriceGroup, Question
from vip.events.tests.builders import DAY, HOUR, make_event, organiser, register
from vip.network.models import Sector, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_it_creates_a_draft_with_its_relations_price_groups_and_questions(tays):
    theme = Theme.objects.get(code="school-non-attendance")
    sector = Sector.objects.get(code="pupil-welfare")
    event = make_event(
        publish=False,
        is_paid=True,
        themes=[theme],
        areas=[tays],
        audience_sectors=[sector],
        languages="fi,sv",
        questions=[{"label_fi": "Erityisruokavalio", "sensitive": True}],
    )
    assert event.status == Event.Status.DRAFT
    assert list(event.themes.all()) == [theme]
    assert list(event.areas.all()) == [tays]
    assert event.language_list == ["fi", "sv"]
    assert [(p.name_fi, p.price, p.position) for p in event.price_groups.all()] == [
        ("Jäsenorganisaatio", Decimal("80.00"), 0),
        ("Muu", Decimal("120.00"), 1),
    ]
    assert event.questions.get().sensitive
    assert AuditEvent.objects.filter(
        action=AuditAction.EVENT_CREATED, target_id=str(event.pk)
    ).exists()


def test_an_event_cannot_end_before_it_starts(reference_data):
    start = timezone.now() + DAY
    with pytest.raises(ValidationError, match=re.escape("The event cannot end before it starts.")):
        make_event(starts_at=start, ends_at=start - HOUR)
    assert not Event.objects.exists()


def test_registration_must_close_before_the_event_ends(reference_data):
    start = timezone.now() + DAY
    with pytest.raises(ValidationError, match="Registration must close before the event ends"):
        make_event(starts_at=start, ends_at=start + HOUR, registration_closes_at=start + 2 * HOUR)


def test_registration_must_open_before_it_closes(reference_data):
    start = timezone.now() + 5 * DAY
    with pytest.raises(ValidationError, match="Registration must open before it closes"):
        make_event(
            starts_at=start,
            ends_at=start + HOUR,
            registration_opens_at=start - DAY,
            registration_closes_at=start - 2 * DAY,
        )


def test_the_cancellation_deadline_cannot_be_after_the_start(reference_data):
    start = timezone.now() + DAY
    with pytest.raises(ValidationError, match="cancellation deadline cannot be after the start"):
        make_event(starts_at=start, ends_at=start + 2 * HOUR, cancellation_deadline=start + HOUR)


def test_a_paid_event_needs_a_price_group(reference_data):
    with pytest.raises(ValidationError) as error:
        make_event(is_paid=True, price_groups=[])
    assert error.value.message_dict == {
        "is_paid": ["A paid event needs at least one price group, e.g. “Other”."]
    }
    assert not Event.objects.exists()


def test_an_event_needs_an_organiser_and_an_on_site_event_a_place(reference_data):
    start = timezone.now() + DAY
    with pytest.raises(ValidationError) as error:
        services.event_create(
            actor=None,
            kind=Event.Kind.SEMINAR,
            title_fi="Seminaari",
            starts_at=start,
            ends_at=start + HOUR,
        )
    assert set(error.value.message_dict) == {"organising_group", "venue"}


def test_a_remote_event_needs_no_venue(reference_data):
    event = make_event(mode=Event.Mode.REMOTE, venue="", join_url="https://meet.example/vip")
    assert event.join_url == "https://meet.example/vip"


def test_the_capacity_cannot_be_lowered_below_the_confirmed_count(national_admin):
    event = make_event(capacity=3)
    register(event)
    register(event)
    with pytest.raises(ValidationError) as error:
        services.event_update(actor=national_admin, event=event, capacity=1)
    assert error.value.message_dict["capacity"] == [
        "2 participants are confirmed already: the capacity cannot be lower. "
        "Remove participants first."
    ]
    event.refresh_from_db()
    assert event.capacity == 3


def test_the_database_refuses_a_zero_capacity(reference_data):
    event = make_event()
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(capacity=0)


def test_the_database_refuses_a_cancelled_event_without_a_reason(reference_data):
    event = make_event()
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(status=Event.Status.CANCELLED)


def test_a_choice_question_needs_choices(reference_data):
    with pytest.raises(ValidationError, match="at least two choices"):
        make_event(questions=[{"kind": Question.Kind.CHOICE, "label_fi": "Työpaja"}])


def test_it_updates_price_groups_and_keeps_those_in_use(national_admin):
    event = make_event(is_paid=True)
    member, other = event.price_groups.all()
    register(
        event, price_group=other, billing_organisation="Kunta", billing_address="Katu 1, Tampere"
    )
    services.event_update(
        actor=national_admin,
        event=event,
        price_groups=[{"id": other.pk, "name_fi": "Muut", "price": Decimal("120.00")}],
    )
    assert list(event.price_groups.values_list("name_fi", flat=True)) == ["Muut"]
    with pytest.raises(ValidationError, match="has registrations and cannot be removed"):
        services.event_update(
            actor=national_admin,
            event=event,
            price_groups=[{"name_fi": "Uusi", "price": Decimal("10")}],
        )
    assert PriceGroup.objects.filter(pk=other.pk).exists()
    assert not PriceGroup.objects.filter(pk=member.pk).exists()


@pytest.mark.parametrize("change", [{"price": Decimal("999")}, {"vat_rate": Decimal("14")}])
def test_a_price_group_in_use_keeps_its_price_and_vat_rate(national_admin, change):
    event = make_event(is_paid=True)
    member, other = event.price_groups.all()
    register(
        event, price_group=other, billing_organisation="Kunta", billing_address="Katu 1, Tampere"
    )
    row = {"id": other.pk, "name_fi": other.name_fi, "price": other.price, **change}

    with pytest.raises(ValidationError, match="its price and VAT rate cannot change"):
        services.event_update(
            actor=national_admin,
            event=event,
            price_groups=[{"id": member.pk, "name_fi": "Jäsen", "price": Decimal("1")}, row],
        )

    other.refresh_from_db()
    member.refresh_from_db()
    assert (other.price, other.vat_rate) == (Decimal("120.00"), Decimal("25.5"))
    # A group nobody has chosen yet may still change, but not in a refused update.
    assert member.price == Decimal("80.00")


def test_only_a_draft_is_published(national_admin):
    event = make_event()
    assert event.status == Event.Status.PUBLISHED
    assert event.published_at is not None
    with pytest.raises(ValidationError, match=re.escape("Only a draft can be published.")):
        services.event_publish(actor=national_admin, event=event)


def test_cancelling_mails_everyone_registered_with_the_reason(
    national_admin, django_capture_on_commit_callbacks, mailoutbox
):
    event = make_event(capacity=1, waiting_list_capacity=1)
    register(event, email="paikalla@koulu.example")
    register(event, email="jonossa@koulu.example")
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(actor=national_admin, event=event, reason="Puhuja sairastui.")
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    assert event.cancel_reason == "Puhuja sairastui."
    assert sorted(m.to[0] for m in mailoutbox) == [
        "jonossa@koulu.example",
        "paikalla@koulu.example",
    ]
    assert all("Puhuja sairastui." in m.body for m in mailoutbox)
    assert AuditEvent.objects.get(action=AuditAction.EVENT_CANCELLED).details == {
        "registrations_told": 2
    }


def test_cancelled_registrations_are_not_mailed_when_the_event_is_cancelled(
    national_admin, django_capture_on_commit_callbacks, mailoutbox
):
    event = make_event()
    services.registration_cancel(registration=register(event))
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(actor=national_admin, event=event, reason="Peruttu.")
    assert mailoutbox == []


def test_cancelling_needs_a_reason_and_happens_once(national_admin):
    event = make_event()
    with pytest.raises(ValidationError, match=re.escape("Give the reason for cancelling.")):
        services.event_cancel(actor=national_admin, event=event, reason="  ")
    services.event_cancel(actor=national_admin, event=event, reason="Peruttu.")
    with pytest.raises(ValidationError, match="cancelled already"):
        services.event_cancel(actor=national_admin, event=event, reason="Taas.")
    with pytest.raises(ValidationError, match=re.escape("A cancelled event cannot be changed.")):
        services.event_update(actor=national_admin, event=event, title_fi="Uusi")


def test_events_get_stable_unique_uids(national_admin):
    first = make_event()
    second = make_event(organisation=organiser())
    assert first.uid != second.uid
    uid = first.uid
    services.event_update(actor=national_admin, event=first, title_fi="Uusi nimi")
    first.refresh_from_db()
    assert first.uid == uid
