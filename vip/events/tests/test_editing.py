"""The organiser's side: their events, the event form, publishing, cancelling, duplicating."""

from __future__ import annotations

import datetime
import zoneinfo
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from vip.accounts import services as account_services
from vip.accounts.roles import Role
from vip.audit.models import AuditAction, AuditEvent
from vip.core.testing import make_organisation, make_user
from vip.events import services
from vip.events.models import Event, EventSeries, PriceGroup, Question, Registration
from vip.events.services import editing
from vip.events.tests.builders import DAY, HOUR, make_event, register
from vip.network.models import Group, Membership, Person, Sector, Theme
from vip.registry.models import Area, Organisation

pytestmark = pytest.mark.django_db

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
START = "2031-02-04T13:00"
END = "2031-02-04T16:00"


def helsinki(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=HELSINKI)


def text(response: Any) -> str:
    return response.content.decode()


@pytest.fixture
def valteri(reference_data: None) -> Organisation:
    return make_organisation(kind=Organisation.Kind.VALTERI_UNIT, name_fi="Valteri Onerva")


@pytest.fixture
def avi(reference_data: None) -> Organisation:
    return make_organisation(kind=Organisation.Kind.AVI, name_fi="Länsi- ja Sisä-Suomen AVI")


def make_group(name: str = "Poissaoloryhmä", area: Area | None = None) -> Group:
    return Group.objects.create(
        kind=Group.Kind.THEMATIC if area is None else Group.Kind.REGIONAL,
        name_fi=name,
        area=area,
        term_start=datetime.date(2020, 1, 1),
    )


def chair_of(group: Group, email: str = "pj@ryhma.example"):
    user = make_user(email)
    person = Person.objects.create(given_name="Ryhmän", family_name="Puheenjohtaja", user=user)
    Membership.objects.create(
        person=person, group=group, role=Membership.Role.CHAIR, start=datetime.date(2020, 1, 1)
    )
    return user


def coordinator_of(area: Area, email: str):
    user = make_user(email)
    account_services.role_grant(actor=None, user=user, role=Role.AREA_COORDINATOR, area=area)
    return user


def rows(prefix: str, items: list[dict[str, Any]], *, initial: int = 0, total: int) -> dict:
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "30",
    }
    for index, item in enumerate(items):
        for name, value in item.items():
            data[f"{prefix}-{index}-{name}"] = value
    return data


def event_data(
    price_groups: list[dict[str, Any]] | None = None,
    questions: list[dict[str, Any]] | None = None,
    **values: Any,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "seminar",
        "title_fi": "Poissaoloseminaari",
        "title_en": "Seminar on absences",
        "description_fi": "Tervetuloa **seminaariin**.",
        "organisation_name": "Valteri Onerva",
        "languages": ["fi"],
        "mode": "on_site",
        "venue": "Tampere-talo",
        "starts_at": START,
        "ends_at": END,
        "waiting_list_capacity": "0",
        **rows("price", price_groups or [], total=2),
        **rows("question", questions or [], total=3),
    }
    data.update(values)
    return {key: value for key, value in data.items() if value is not None}


def edit_data(event: Event, **values: Any) -> dict[str, Any]:
    """What the edit page posts for ``event`` unchanged, with ``values`` on top."""
    prices = list(event.price_groups.order_by("position", "id"))
    questions = list(event.questions.order_by("position", "id"))
    data: dict[str, Any] = {
        "kind": event.kind,
        "title_fi": event.title_fi,
        "title_en": event.title_en,
        "organisation_name": event.organisation.name_fi if event.organisation else "",
        "organising_group": event.organising_group_id or "",
        "languages": event.language_list,
        "areas": [area.pk for area in event.areas.all()],
        "mode": event.mode,
        "venue": event.venue,
        "starts_at": timezone.localtime(event.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": timezone.localtime(event.ends_at).strftime("%Y-%m-%dT%H:%M"),
        "capacity": event.capacity or "",
        "waiting_list_capacity": event.waiting_list_capacity,
        "is_paid": "on" if event.is_paid else None,
        **rows(
            "price",
            [
                {
                    "id": p.pk,
                    "name_fi": p.name_fi,
                    "price": str(p.price),
                    "vat_rate": str(p.vat_rate),
                }
                for p in prices
            ],
            initial=len(prices),
            total=len(prices) + 2,
        ),
        **rows(
            "question",
            [
                {
                    "id": q.pk,
                    "kind": q.kind,
                    "label_fi": q.label_fi,
                    "choices": q.choices,
                    "required": "on" if q.required else None,
                }
                for q in questions
            ],
            initial=len(questions),
            total=len(questions) + 3,
        ),
    }
    data.update(values)
    return {key: value for key, value in data.items() if value is not None}


def nothing_written() -> None:
    assert not Event.objects.exists()
    assert not PriceGroup.objects.exists()
    assert not Question.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.EVENT_CREATED).exists()


# --- Creating ---------------------------------------------------------------------------------


def test_it_creates_a_paid_event_with_price_groups_and_questions(
    client, login, national_admin, valteri, avi, tays
):
    login(client, national_admin)
    assert "Create an event" in text(client.get("/en/events/organise/"))
    assert client.get("/en/events/new/").status_code == 200
    theme = Theme.objects.get(code="school-non-attendance")
    sector = Sector.objects.order_by("position").first()
    response = client.post(
        "/en/events/new/",
        event_data(
            is_paid="on",
            capacity="40",
            waiting_list_capacity="10",
            languages=["fi", "sv"],
            themes=[theme.pk],
            areas=[tays.pk],
            audience_sectors=[sector.pk],
            partners="Länsi- ja Sisä-Suomen AVI\n",
            registration_opens_at="2031-01-01T09:00",
            registration_closes_at="2031-02-01T23:59",
            cancellation_deadline="2031-01-28T16:00",
            price_groups=[
                {"name_fi": "Jäsenorganisaatio", "price": "80.00", "vat_rate": "25.5"},
                {"name_fi": "Muu", "name_en": "Other", "price": "120", "vat_rate": "25.5"},
            ],
            questions=[
                {
                    "kind": "choice",
                    "label_fi": "Ruokavalio",
                    "choices": "Seka\nKasvis\n\nVegaani",
                    "required": "on",
                    "sensitive": "on",
                },
                {"kind": "yes_no", "label_fi": "Osallistutko iltaohjelmaan?"},
            ],
        ),
    )
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/events/{event.pk}/"
    assert event.status == Event.Status.DRAFT
    assert event.title_fi == "Poissaoloseminaari"
    assert event.organisation == valteri
    assert event.languages == "fi,sv"
    assert event.starts_at == helsinki(2031, 2, 4, 13)
    assert event.ends_at == helsinki(2031, 2, 4, 16)
    assert event.registration_opens_at == helsinki(2031, 1, 1, 9)
    assert event.registration_closes_at == helsinki(2031, 2, 1, 23, 59)
    assert event.cancellation_deadline == helsinki(2031, 1, 28, 16)
    assert (event.capacity, event.waiting_list_capacity, event.is_paid) == (40, 10, True)
    assert list(event.themes.all()) == [theme]
    assert list(event.areas.all()) == [tays]
    assert list(event.audience_sectors.all()) == [sector]
    assert list(event.partner_organisations.all()) == [avi]
    prices = list(event.price_groups.order_by("position"))
    assert [(p.name_fi, p.price, p.vat_rate) for p in prices] == [
        ("Jäsenorganisaatio", Decimal("80.00"), Decimal("25.5")),
        ("Muu", Decimal("120.00"), Decimal("25.5")),
    ]
    first, second = event.questions.order_by("position")
    assert first.choice_list == ["Seka", "Kasvis", "Vegaani"]
    assert (first.required, first.sensitive) == (True, True)
    assert second.kind == Question.Kind.YES_NO
    assert AuditEvent.objects.filter(action=AuditAction.EVENT_CREATED).count() == 1
    html = text(client.get(response["Location"]))
    assert "The event is saved as a draft." in html


def test_the_finnish_form_takes_decimal_commas(client, login, national_admin, valteri):
    login(client, national_admin)
    prices = [{"name_fi": "Muu", "price": "80,50", "vat_rate": "25,5"}]
    response = client.post("/events/new/", event_data(is_paid="on", price_groups=prices))
    assert response.status_code == 302
    group = PriceGroup.objects.get()
    assert (group.price, group.vat_rate) == (Decimal("80.50"), Decimal("25.5"))


def test_blank_rows_are_ignored(client, login, national_admin, valteri):
    login(client, national_admin)
    response = client.post("/en/events/new/", event_data())
    assert response.status_code == 302
    event = Event.objects.get()
    assert not event.price_groups.exists()
    assert not event.questions.exists()
    assert event.capacity is None


def test_it_starts_a_new_series_with_the_event(client, login, national_admin, valteri):
    login(client, national_admin)
    client.post("/en/events/new/", event_data(new_series="Webinaarisarja 2031"))
    event = Event.objects.get()
    assert event.series.name_fi == "Webinaarisarja 2031"


BAD_INPUT = [
    ({"ends_at": "2031-02-04T12:00"}, "ends_at", "The event cannot end before it starts."),
    ({"title_fi": ""}, "title_fi", "Enter the title in Finnish."),
    (
        {"organising_group": "999999"},
        "organising_group",
        "Choose one of the groups you organise events for.",
    ),
    (
        {"organisation_name": ""},
        "organising_group",
        "Choose the organising group, the organising organisation or both.",
    ),
    ({"organisation_name": "Ei ole olemassa"}, "organisation_name", "No organisation matches"),
    ({"venue": ""}, "venue", "An event on site needs a venue or an address."),
    (
        {"join_url": "https://meet.example/x"},
        "join_url",
        "An event only on site has no link to join",
    ),
    ({"starts_at": "tomorrow"}, "starts_at", "Enter a date and time, for example 4.2.2021 13:00."),
    (
        {"starts_at": "9999-12-31T23:00", "ends_at": "9999-12-31T23:30"},
        "starts_at",
        "Choose a date between the years 2000 and 2100.",
    ),
    ({"ends_at": "9999-12-31T23:59"}, "ends_at", "Choose a date between the years 2000 and 2100."),
    (
        {"registration_opens_at": "0001-01-01T00:00"},
        "registration_opens_at",
        "Choose a date between the years 2000 and 2100.",
    ),
    (
        {"cancellation_deadline": "1.1.1999 12:00"},
        "cancellation_deadline",
        "Choose a date between the years 2000 and 2100.",
    ),
    (
        {"registration_closes_at": "2031-02-05T10:00"},
        "registration_closes_at",
        "Registration must close before the event ends.",
    ),
    (
        {"registration_opens_at": "2031-02-05T10:00"},
        "registration_opens_at",
        "Registration must open before it closes.",
    ),
    (
        {"cancellation_deadline": "2031-02-04T14:00"},
        "cancellation_deadline",
        "The cancellation deadline cannot be after the start.",
    ),
    ({"capacity": "0"}, "capacity", "The capacity must be at least 1"),
    ({"languages": []}, "languages", "Choose one or more of Finnish, Swedish and English."),
    ({"partners": "Tuntematon kumppani"}, "partners", "No organisation matches"),
    ({"is_paid": "on"}, "is_paid", "A paid event needs at least one price group"),
    (
        {"price_groups": [{"name_fi": "Muu", "price": "10", "vat_rate": "0"}]},
        "is_paid",
        "A free event has no price groups.",
    ),
    (
        {"is_paid": "on", "price_groups": [{"price": "10", "vat_rate": "0"}]},
        "price-0-name_fi",
        "Enter the name of the price group in Finnish.",
    ),
    (
        {"is_paid": "on", "price_groups": [{"name_fi": "Muu", "price": "-5", "vat_rate": "0"}]},
        "price-0-price",
        "greater than or equal to 0",
    ),
    (
        {"questions": [{"kind": "choice", "label_fi": "Ruokavalio", "choices": "Vain yksi"}]},
        "question-0-choices",
        "A choice question needs at least two choices, one a line.",
    ),
    (
        {"questions": [{"kind": "text", "label_fi": "", "required": "on"}]},
        "question-0-label_fi",
        "Enter the question in Finnish.",
    ),
]


@pytest.mark.parametrize(("values", "field", "message"), BAD_INPUT)
def test_bad_input_shows_the_error_at_its_field_and_writes_nothing(
    client, login, national_admin, valteri, values, field, message
):
    login(client, national_admin)
    response = client.post("/en/events/new/", event_data(**values))
    html = text(response)
    assert response.status_code == 200
    assert "There is a problem" in html
    # The summary links to the field, and the message sits next to it.
    assert f'href="#id_{field}' in html
    error = html.split(f'id="id_{field}-error"', 1)[1].split("</p>", 1)[0]
    assert message in error
    nothing_written()


def test_a_series_and_a_new_series_together_are_refused(client, login, national_admin, valteri):
    series = EventSeries.objects.create(name_fi="Vanha sarja")
    login(client, national_admin)
    response = client.post(
        "/en/events/new/", event_data(series=str(series.pk), new_series="Uusi sarja")
    )
    assert "Choose a series or start a new one, not both." in text(response)
    nothing_written()
    assert list(EventSeries.objects.all()) == [series]


def test_a_refused_event_leaves_no_new_series_behind(client, login, national_admin, valteri):
    login(client, national_admin)
    response = client.post("/en/events/new/", event_data(new_series="Uusi sarja", venue=""))
    assert "An event on site needs a venue or an address." in text(response)
    nothing_written()
    assert not EventSeries.objects.exists()


# --- Who may create ---------------------------------------------------------------------------


def test_people_who_organise_nothing_cannot_create(client, login, outsider, teacher):
    for user in (outsider, teacher):
        login(client, user)
        assert client.get("/en/events/new/").status_code == 404
        assert client.post("/en/events/new/", event_data()).status_code == 404
        assert "Create an event" not in text(client.get("/en/events/organise/"))
    nothing_written()
    client.logout()
    response = client.get("/en/events/new/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_a_group_chair_creates_events_only_for_their_group(client, login, valteri):
    own = make_group("Oma ryhmä")
    other = make_group("Toinen ryhmä")
    chair = chair_of(own)
    login(client, chair)
    html = text(client.get("/en/events/new/"))
    assert "Oma ryhmä" in html
    assert "Toinen ryhmä" not in html

    refused = client.post("/en/events/new/", event_data(organising_group=str(other.pk)))
    assert "Choose one of the groups you organise events for." in text(refused)
    # Without a group the chair would not organise the event: refused too.
    refused = client.post("/en/events/new/", event_data())
    assert "You can organise events only for the groups you chair" in text(refused)
    nothing_written()

    created = client.post("/en/events/new/", event_data(organising_group=str(own.pk)))
    assert created.status_code == 302
    assert Event.objects.get().organising_group == own


def test_a_coordinator_creates_events_of_their_own_area(
    client, login, coordinator, tays, hyks, valteri
):
    hyks_group = make_group("HYKS-alueen ryhmä", area=hyks)
    tays_group = make_group("TAYS-alueen ryhmä", area=tays)
    login(client, coordinator)
    html = text(client.get("/en/events/new/"))
    assert "TAYS-alueen ryhmä" in html
    assert "HYKS-alueen ryhmä" not in html
    for values in (
        {"organising_group": str(hyks_group.pk)},
        {"areas": [hyks.pk]},
        {},  # national
    ):
        response = client.post("/en/events/new/", event_data(**values))
        assert response.status_code == 200, values
    nothing_written()
    assert client.post("/en/events/new/", event_data(areas=[tays.pk])).status_code == 302
    assert (
        client.post("/en/events/new/", event_data(organising_group=str(tays_group.pk))).status_code
        == 302
    )
    assert Event.objects.count() == 2


# --- Editing ----------------------------------------------------------------------------------


@pytest.fixture
def paid_event(valteri, tays) -> Event:
    return make_event(
        publish=False,
        organisation=valteri,
        areas=[tays],
        is_paid=True,
        capacity=10,
        questions=[
            {"kind": "text", "label_fi": "Ruokavalio", "sensitive": True},
            {"kind": "yes_no", "label_fi": "Iltaohjelma"},
        ],
    )


def test_the_edit_page_shows_the_stored_values(client, login, national_admin, paid_event):
    login(client, national_admin)
    html = text(client.get(f"/en/events/{paid_event.pk}/edit/"))
    local_start = timezone.localtime(paid_event.starts_at).strftime("%Y-%m-%dT%H:%M")
    assert f'value="{local_start}"' in html
    assert 'value="Koulupoissaolot seminaari"' in html
    assert 'value="Valteri Onerva"' in html
    assert "Remove this price group" in html
    assert "Ruokavalio" in html
    assert 'aria-current="page">Edit<' in html


def test_it_edits_the_event_and_its_rows(client, login, national_admin, paid_event):
    login(client, national_admin)
    member, other = paid_event.price_groups.order_by("position")
    diet, evening = paid_event.questions.order_by("position")
    data = edit_data(
        paid_event,
        title_fi="Uusi otsikko",
        capacity="12",
        **{
            "price-1-price": "150.00",
            "question-1-DELETE": "on",
            "question-2-kind": "choice",
            "question-2-label_fi": "Työpaja",
            "question-2-choices": "A\nB",
        },
    )
    response = client.post(f"/en/events/{paid_event.pk}/edit/", data)
    assert response.status_code == 302, text(response)
    assert response["Location"] == f"/en/events/{paid_event.pk}/"
    paid_event.refresh_from_db()
    assert paid_event.title_fi == "Uusi otsikko"
    assert paid_event.capacity == 12
    other.refresh_from_db()
    assert other.price == Decimal("150.00")
    assert set(paid_event.price_groups.all()) == {member, other}
    labels = list(paid_event.questions.order_by("position").values_list("label_fi", flat=True))
    assert labels == ["Ruokavalio", "Työpaja"]
    assert not Question.objects.filter(pk=evening.pk).exists()
    assert diet.pk in set(paid_event.questions.values_list("pk", flat=True))
    assert AuditEvent.objects.filter(action=AuditAction.EVENT_UPDATED).exists()


def test_a_price_group_of_another_event_cannot_be_posted(client, login, national_admin, paid_event):
    stranger = make_event(is_paid=True).price_groups.first()
    login(client, national_admin)
    data = edit_data(paid_event, **{"price-0-id": str(stranger.pk), "price-0-price": "1"})
    response = client.post(f"/en/events/{paid_event.pk}/edit/", data)
    assert response.status_code == 200
    assert "There is a problem" in text(response)
    stranger.refresh_from_db()
    assert stranger.price != Decimal("1")


def test_capacity_below_the_confirmed_count_is_refused(client, login, coordinator, tays):
    event = make_event(areas=[tays], capacity=5, venue="Tampere-talo")
    for _ in range(3):
        register(event, notify=False)
    login(client, coordinator)
    response = client.post(f"/en/events/{event.pk}/edit/", edit_data(event, capacity="2"))
    html = text(response)
    assert response.status_code == 200
    error = html.split('id="id_capacity-error"', 1)[1].split("</p>", 1)[0]
    assert "3 participants are confirmed already" in error
    event.refresh_from_db()
    assert event.capacity == 5
    assert not AuditEvent.objects.filter(action=AuditAction.EVENT_UPDATED).exists()


def test_a_group_chair_edits_their_groups_events(client, login, valteri):
    group = make_group()
    chair = chair_of(group)
    event = make_event(publish=False, organising_group=group)
    login(client, chair)
    assert client.get(f"/en/events/{event.pk}/edit/").status_code == 200
    response = client.post(f"/en/events/{event.pk}/edit/", edit_data(event, title_fi="Muutettu"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title_fi == "Muutettu"


def test_others_cannot_edit(client, login, outsider, coordinator, tays, hyks):
    event = make_event(publish=False, areas=[tays])
    other_coordinator = coordinator_of(hyks, "koordinaattori@hyks.example")
    for user in (outsider, other_coordinator):
        login(client, user)
        assert client.get(f"/en/events/{event.pk}/edit/").status_code == 404
        response = client.post(f"/en/events/{event.pk}/edit/", edit_data(event, title_fi="X"))
        assert response.status_code == 404
    event.refresh_from_db()
    assert event.title_fi == "Koulupoissaolot seminaari"
    client.logout()
    assert client.get(f"/en/events/{event.pk}/edit/").status_code == 302


def test_a_coordinator_cannot_move_their_event_out_of_their_area(
    client, login, coordinator, tays, hyks, valteri
):
    event = make_event(publish=False, areas=[tays], organisation=valteri)
    login(client, coordinator)
    response = client.post(f"/en/events/{event.pk}/edit/", edit_data(event, areas=[hyks.pk]))
    assert "You can organise events only for the groups you chair" in text(response)
    assert list(event.areas.all()) == [tays]


def test_a_cancelled_event_is_not_edited(client, login, national_admin):
    event = make_event()
    services.event_cancel(actor=None, event=event, reason="Sairastapaus")
    login(client, national_admin)
    response = client.get(f"/en/events/{event.pk}/edit/", follow=True)
    assert "A cancelled event cannot be changed." in text(response)


# --- Publishing and cancelling ----------------------------------------------------------------


def test_it_publishes_a_draft(client, login, national_admin):
    draft = make_event(publish=False)
    login(client, national_admin)
    html = text(client.get(f"/en/events/{draft.pk}/"))
    assert f'action="/en/events/{draft.pk}/publish/"' in html
    response = client.post(f"/en/events/{draft.pk}/publish/", follow=True)
    assert "The event is published" in text(response)
    draft.refresh_from_db()
    assert draft.status == Event.Status.PUBLISHED
    again = client.post(f"/en/events/{draft.pk}/publish/", follow=True)
    assert "Only a draft can be published." in text(again)
    assert AuditEvent.objects.filter(action=AuditAction.EVENT_PUBLISHED).count() == 1


def test_only_organisers_publish(client, login, outsider, coordinator, tays, hyks):
    draft = make_event(publish=False, areas=[tays])
    for user in (outsider, coordinator_of(hyks, "k@hyks.example")):
        login(client, user)
        assert client.get(f"/en/events/{draft.pk}/publish/").status_code == 405
        assert client.post(f"/en/events/{draft.pk}/publish/").status_code == 404
    draft.refresh_from_db()
    assert draft.status == Event.Status.DRAFT


def test_it_cancels_with_a_reason_and_mails_the_registrants(
    client, login, coordinator, tays, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(areas=[tays], capacity=1, waiting_list_capacity=2)
    register(event, "eka@koulu.example", notify=False)
    register(event, "toka@koulu.example", notify=False)
    login(client, coordinator)
    html = text(client.get(f"/en/events/{event.pk}/cancel/"))
    assert "2 people registered or on the waiting list get the reason by e-mail." in html

    refused = client.post(f"/en/events/{event.pk}/cancel/", {"reason": "  "})
    assert "Enter the reason for cancelling." in text(refused)
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/events/{event.pk}/cancel/", {"reason": "Puhuja sairastui."}, follow=True
        )
    assert "The event is cancelled. 2 registrants are told by e-mail." in text(response)
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    assert event.cancel_reason == "Puhuja sairastui."
    assert sorted(mail.to[0] for mail in mailoutbox) == ["eka@koulu.example", "toka@koulu.example"]
    assert all("Puhuja sairastui." in mail.body for mail in mailoutbox)
    assert client.get(f"/en/events/{event.pk}/cancel/").status_code == 302


def test_others_cannot_cancel(client, login, outsider):
    event = make_event()
    login(client, outsider)
    assert client.get(f"/en/events/{event.pk}/cancel/").status_code == 404
    assert client.post(f"/en/events/{event.pk}/cancel/", {"reason": "X"}).status_code == 404
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED


# --- The event page ---------------------------------------------------------------------------


def test_organisers_see_their_tools_on_the_event_page(client, login, coordinator, outsider, tays):
    series = EventSeries.objects.create(name_fi="Sarja")
    event = make_event(areas=[tays], series=series)
    login(client, coordinator)
    html = text(client.get(f"/en/events/{event.pk}/"))
    assert 'aria-label="Organiser tools"' in html
    assert f"/en/events/{event.pk}/duplicate/" in html
    assert f"/en/events/{event.pk}/cancel/" in html
    assert f"/en/events/series/{series.pk}/duplicate/" in html
    assert f"/en/events/{event.pk}/publish/" not in html  # published already
    for user in (outsider, None):
        if user is None:
            client.logout()
        else:
            login(client, user)
        html = text(client.get(f"/en/events/{event.pk}/"))
        assert "Organiser tools" not in html
        assert "/duplicate/" not in html
        assert "/cancel/" not in html


# --- Duplicating ------------------------------------------------------------------------------


@pytest.fixture
def rich_event(valteri, avi, tays) -> Event:
    theme = Theme.objects.get(code="school-non-attendance")
    event = make_event(
        organisation=valteri,
        partner_organisations=[avi],
        themes=[theme],
        areas=[tays],
        audience_sectors=list(Sector.objects.order_by("position")[:2]),
        title_sv="Seminarium",
        description_fi="Kuvaus",
        starts_at=helsinki(2030, 2, 4, 13),
        ends_at=helsinki(2030, 2, 4, 15, 30),
        registration_closes_at=helsinki(2030, 2, 1, 16),
        cancellation_deadline=helsinki(2030, 1, 31, 12),
        capacity=30,
        waiting_list_capacity=5,
        is_paid=True,
        questions=[{"kind": "text", "label_fi": "Ruokavalio", "sensitive": True}],
    )
    register(
        event,
        notify=False,
        price_group=event.price_groups.first(),
        billing_organisation="Koulu",
        billing_address="Katu 1",
    )
    # Registration opens later than today; the registration above came in before that.
    return services.event_update(
        actor=None, event=event, registration_opens_at=helsinki(2030, 1, 7, 9)
    )
    return event


def test_duplicating_copies_everything_and_moves_every_time(rich_event, national_admin):
    copy = editing.event_duplicate(
        actor=national_admin, event=rich_event, starts_at=helsinki(2031, 2, 3, 13)
    )
    assert copy.pk != rich_event.pk
    assert copy.uid != rich_event.uid
    assert copy.status == Event.Status.DRAFT
    assert copy.published_at is None
    assert copy.created_by == national_admin
    assert copy.starts_at == helsinki(2031, 2, 3, 13)
    assert copy.ends_at == helsinki(2031, 2, 3, 15, 30)
    assert copy.registration_opens_at == helsinki(2031, 1, 6, 9)
    assert copy.registration_closes_at == helsinki(2031, 1, 31, 16)
    assert copy.cancellation_deadline == helsinki(2031, 1, 30, 12)
    for name in (
        "title_fi",
        "title_sv",
        "description_fi",
        "organisation",
        "venue",
        "capacity",
        "waiting_list_capacity",
        "is_paid",
        "kind",
        "mode",
        "languages",
    ):
        assert getattr(copy, name) == getattr(rich_event, name), name
    for relation in ("partner_organisations", "themes", "areas", "audience_sectors"):
        assert set(getattr(copy, relation).all()) == set(getattr(rich_event, relation).all())
    assert [(p.name_fi, p.price, p.vat_rate) for p in copy.price_groups.all()] == [
        (p.name_fi, p.price, p.vat_rate) for p in rich_event.price_groups.all()
    ]
    assert [(q.label_fi, q.sensitive) for q in copy.questions.all()] == [("Ruokavalio", True)]
    assert not copy.price_groups.filter(pk__in=rich_event.price_groups.all()).exists()
    assert not Registration.objects.filter(event=copy).exists()
    assert rich_event.registrations.count() == 1
    audit = AuditEvent.objects.get(action=AuditAction.EVENT_DUPLICATED)
    assert audit.target_id == str(copy.pk)
    assert audit.details["source"] == rich_event.pk


def test_a_copy_keeps_its_time_of_day_over_a_daylight_saving_change(national_admin, valteri):
    winter = make_event(
        organisation=valteri,
        starts_at=helsinki(2030, 2, 4, 13),
        ends_at=helsinki(2030, 2, 4, 15),
    )
    summer = editing.event_duplicate(
        actor=national_admin, event=winter, starts_at=helsinki(2030, 4, 15, 13)
    )
    assert timezone.localtime(summer.ends_at).hour == 15
    assert summer.ends_at - summer.starts_at == 2 * HOUR


def test_it_duplicates_through_the_page(client, login, national_admin, rich_event):
    login(client, national_admin)
    html = text(client.get(f"/en/events/{rich_event.pk}/duplicate/"))
    assert 'value="2030-02-04T13:00"' in html
    assert "Duplicate the event" in html
    response = client.post(
        f"/en/events/{rich_event.pk}/duplicate/", {"starts_at": "2031-02-03T13:00"}
    )
    copy = Event.objects.exclude(pk=rich_event.pk).get()
    assert response["Location"] == f"/en/events/{copy.pk}/"
    assert copy.starts_at == helsinki(2031, 2, 3, 13)
    follow = text(client.get(response["Location"]))
    assert "The copy is saved as a draft" in follow


def test_duplicating_needs_a_start(client, login, national_admin, rich_event):
    login(client, national_admin)
    response = client.post(f"/en/events/{rich_event.pk}/duplicate/", {"starts_at": ""})
    assert "Enter when the copy starts" in text(response)
    assert Event.objects.count() == 1


@pytest.mark.parametrize(
    "starts_at", ["9999-12-31T23:00", "0001-01-01T00:00", "1999-12-31T23:59", "2101-01-01T00:00"]
)
def test_a_copy_starts_only_in_the_years_events_are_held(
    client, login, national_admin, rich_event, starts_at
):
    login(client, national_admin)
    response = client.post(f"/en/events/{rich_event.pk}/duplicate/", {"starts_at": starts_at})
    html = text(response)
    assert response.status_code == 200
    assert "There is a problem" in html
    error = html.split('id="id_starts_at-error"', 1)[1].split("</p>", 1)[0]
    assert "Choose a date between the years 2000 and 2100." in error
    assert Event.objects.count() == 1
    assert not AuditEvent.objects.filter(action=AuditAction.EVENT_DUPLICATED).exists()


@pytest.mark.parametrize(
    "starts_at",
    [
        datetime.datetime(9999, 12, 31, 23, tzinfo=HELSINKI),
        datetime.datetime(9999, 12, 31, 23, tzinfo=datetime.UTC),
        datetime.datetime(1, 1, 1, 0, tzinfo=HELSINKI),
        helsinki(2101, 1, 1),
    ],
)
def test_the_service_refuses_a_copy_outside_the_years(rich_event, national_admin, starts_at):
    with pytest.raises(ValidationError) as refused:
        editing.event_duplicate(actor=national_admin, event=rich_event, starts_at=starts_at)
    assert refused.value.message_dict["starts_at"] == [
        "Choose a date between the years 2000 and 2100."
    ]
    assert Event.objects.count() == 1
    assert not AuditEvent.objects.filter(action=AuditAction.EVENT_DUPLICATED).exists()


def test_a_time_that_would_leave_the_calendar_is_refused_not_crashed(
    client, login, national_admin, rich_event
):
    # Stored before the forms limited the years: the end is at the end of the calendar.
    Event.objects.filter(pk=rich_event.pk).update(
        ends_at=datetime.datetime(9999, 12, 31, 12, tzinfo=datetime.UTC)
    )
    login(client, national_admin)
    response = client.post(
        f"/en/events/{rich_event.pk}/duplicate/", {"starts_at": "2031-02-03T13:00"}
    )
    assert response.status_code == 200
    assert "A time of the copy would fall outside the calendar." in text(response)
    assert Event.objects.count() == 1
    assert not AuditEvent.objects.filter(action=AuditAction.EVENT_DUPLICATED).exists()


def test_others_cannot_duplicate(client, login, outsider, rich_event, hyks):
    for user in (outsider, coordinator_of(hyks, "k@hyks.example")):
        login(client, user)
        url = f"/en/events/{rich_event.pk}/duplicate/"
        assert client.get(url).status_code == 404
        assert client.post(url, {"starts_at": "2031-02-03T13:00"}).status_code == 404
    assert Event.objects.count() == 1


@pytest.fixture
def webinar_series(valteri, tays) -> EventSeries:
    """The AVI webinar series on activity-area teaching, spring 2021."""
    series = EventSeries.objects.create(
        name_fi="Toiminta-alueittain opiskelu -webinaarit 2021", description_fi="Sarja"
    )
    for month, day in ((2, 4), (2, 18), (3, 16), (4, 13)):
        make_event(
            kind=Event.Kind.WEBINAR,
            series=series,
            organisation=valteri,
            areas=[tays],
            mode=Event.Mode.REMOTE,
            venue="",
            join_url="https://meet.example/webinaari",
            title_fi=f"Webinaari {day}.{month}.",
            starts_at=helsinki(2021, month, day, 13),
            ends_at=helsinki(2021, month, day, 15),
            registration_closes_at=helsinki(2021, month, day, 12),
            questions=[{"kind": "text", "label_fi": "Kysymys puhujalle"}],
        )
    return series


def test_a_series_is_duplicated_with_all_its_events(national_admin, webinar_series):
    copy = editing.series_duplicate(
        actor=national_admin,
        series=webinar_series,
        first_starts_on=datetime.date(2022, 2, 3),
        name_fi="Toiminta-alueittain opiskelu -webinaarit 2022",
    )
    assert copy.pk != webinar_series.pk
    assert copy.name_fi.endswith("2022")
    assert copy.description_fi == "Sarja"
    events = list(copy.events.order_by("starts_at"))
    # Every event moves by the same 364 days and stays at 13:00, in winter and summer time.
    assert [e.starts_at for e in events] == [
        helsinki(2022, 2, 3, 13),
        helsinki(2022, 2, 17, 13),
        helsinki(2022, 3, 15, 13),
        helsinki(2022, 4, 12, 13),
    ]
    assert all(e.registration_closes_at == e.starts_at - HOUR for e in events)
    assert all(e.status == Event.Status.DRAFT for e in events)
    assert all(e.questions.count() == 1 for e in events)
    assert webinar_series.events.count() == 4
    assert AuditEvent.objects.filter(action=AuditAction.EVENT_DUPLICATED).count() == 5


def test_it_duplicates_a_series_through_the_page(client, login, coordinator, webinar_series):
    first = webinar_series.events.order_by("starts_at").first()
    login(client, coordinator)
    assert f"/en/events/series/{webinar_series.pk}/duplicate/" in text(
        client.get(f"/en/events/{first.pk}/")
    )
    url = f"/en/events/series/{webinar_series.pk}/duplicate/"
    html = text(client.get(url))
    # The suggested name has the next year in place of the old one.
    assert 'value="Toiminta-alueittain opiskelu -webinaarit 2022"' in html
    assert "16.3.2021 13:00" in html
    refused = client.post(url, {"first_starts_on": "", "name_fi": ""})
    assert "Enter the date of the first event" in text(refused)
    assert "Enter the name of the new series in Finnish." in text(refused)
    assert EventSeries.objects.count() == 1
    response = client.post(url, {"first_starts_on": "3.2.2022", "name_fi": "Webinaarit kevät 2022"})
    assert response.status_code == 302
    copy = EventSeries.objects.get(name_fi="Webinaarit kevät 2022")
    assert copy.events.count() == 4
    assert "created with 4 events as drafts" in text(client.get(response["Location"]))


@pytest.mark.parametrize("first_starts_on", ["31.12.9999", "1.1.0001", "31.12.1999", "1.1.2101"])
def test_a_series_copy_starts_only_in_the_years_events_are_held(
    client, login, coordinator, webinar_series, first_starts_on
):
    login(client, coordinator)
    response = client.post(
        f"/en/events/series/{webinar_series.pk}/duplicate/",
        {"first_starts_on": first_starts_on, "name_fi": "Webinaarit"},
    )
    html = text(response)
    assert response.status_code == 200
    error = html.split('id="id_first_starts_on-error"', 1)[1].split("</p>", 1)[0]
    assert "Choose a date between the years 2000 and 2100." in error
    assert EventSeries.objects.count() == 1
    assert Event.objects.count() == 4
    assert not AuditEvent.objects.filter(action=AuditAction.EVENT_DUPLICATED).exists()


def test_a_series_copy_must_end_in_the_years_events_are_held(
    client, login, coordinator, webinar_series
):
    login(client, coordinator)
    # The first copy would be in 2100, the last (two months later) in 2101.
    response = client.post(
        f"/en/events/series/{webinar_series.pk}/duplicate/",
        {"first_starts_on": "1.12.2100", "name_fi": "Webinaarit"},
    )
    error = text(response).split('id="id_first_starts_on-error"', 1)[1].split("</p>", 1)[0]
    assert "Every copy must be held between the years 2000 and 2100" in error
    assert EventSeries.objects.count() == 1
    assert Event.objects.count() == 4


@pytest.mark.parametrize(
    "first_starts_on",
    [datetime.date(9999, 12, 31), datetime.date(1, 1, 1), datetime.date(2100, 12, 1)],
)
def test_the_service_refuses_a_series_copy_outside_the_years(
    national_admin, webinar_series, first_starts_on
):
    with pytest.raises(ValidationError) as refused:
        editing.series_duplicate(
            actor=national_admin,
            series=webinar_series,
            first_starts_on=first_starts_on,
            name_fi="Webinaarit",
        )
    assert "first_starts_on" in refused.value.message_dict
    assert EventSeries.objects.count() == 1
    assert Event.objects.count() == 4
    assert not AuditEvent.objects.filter(action=AuditAction.EVENT_DUPLICATED).exists()


def test_only_those_who_organise_every_event_duplicate_a_series(
    client, login, coordinator, outsider, webinar_series, hyks
):
    url = f"/en/events/series/{webinar_series.pk}/duplicate/"
    elsewhere = webinar_series.events.order_by("starts_at").last()
    elsewhere.areas.set([hyks])
    for user in (coordinator, outsider):
        login(client, user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"first_starts_on": "3.2.2022", "name_fi": "X"}).status_code == 404
    assert EventSeries.objects.count() == 1


# --- Whose series an event joins --------------------------------------------------------------


def test_a_coordinator_cannot_put_an_event_into_a_series_organised_by_someone_else(
    client, login, coordinator, webinar_series, hyks, valteri
):
    other = coordinator_of(hyks, "koordinaattori@hyks.example")
    own_series = EventSeries.objects.create(name_fi="HYKS-alueen sarja")
    make_event(areas=[hyks], series=own_series)
    own_event = make_event(publish=False, areas=[hyks], organisation=valteri)
    login(client, other)
    html = text(client.get("/en/events/new/"))
    assert "HYKS-alueen sarja" in html
    assert webinar_series.name_fi not in html
    assert webinar_series.name_fi not in text(client.get(f"/en/events/{own_event.pk}/edit/"))

    created = client.post(
        "/en/events/new/", event_data(areas=[hyks.pk], series=str(webinar_series.pk))
    )
    edited = client.post(
        f"/en/events/{own_event.pk}/edit/", edit_data(own_event, series=str(webinar_series.pk))
    )
    for response in (created, edited):
        assert response.status_code == 200
        error = text(response).split('id="id_series-error"', 1)[1].split("</p>", 1)[0]
        assert "Choose one of the series whose events you organise" in error
    assert webinar_series.events.count() == 4
    own_event.refresh_from_db()
    assert own_event.series is None
    # So the series stays its organisers' to duplicate.
    login(client, coordinator)
    assert client.get(f"/en/events/series/{webinar_series.pk}/duplicate/").status_code == 200

    login(client, other)
    response = client.post(
        "/en/events/new/", event_data(areas=[hyks.pk], series=str(own_series.pk))
    )
    assert response.status_code == 302
    assert own_series.events.count() == 2


def test_the_service_also_keeps_others_out_of_a_series(webinar_series, hyks, valteri):
    other = coordinator_of(hyks, "koordinaattori@hyks.example")
    own_event = make_event(publish=False, areas=[hyks], organisation=valteri)

    with pytest.raises(ValidationError, match="Choose one of the series whose events"):
        services.event_create(
            actor=other,
            kind=Event.Kind.WEBINAR,
            title_fi="Vieras webinaari",
            starts_at=helsinki(2027, 2, 4, 13),
            ends_at=helsinki(2027, 2, 4, 15),
            areas=[hyks],
            organisation=valteri,
            series=webinar_series,
        )
    with pytest.raises(ValidationError, match="Choose one of the series whose events"):
        services.event_update(actor=other, event=own_event, series=webinar_series)

    own_event.refresh_from_db()
    assert own_event.series is None
    assert webinar_series.events.count() == 4


def test_the_organisers_of_a_series_add_events_to_it(
    client, login, coordinator, national_admin, webinar_series, tays, valteri
):
    login(client, coordinator)
    assert webinar_series.name_fi in text(client.get("/en/events/new/"))
    response = client.post(
        "/en/events/new/", event_data(areas=[tays.pk], series=str(webinar_series.pk))
    )
    assert response.status_code == 302
    assert webinar_series.events.count() == 5
    login(client, national_admin)
    assert webinar_series.name_fi in text(client.get("/en/events/new/"))


def test_an_event_keeps_the_series_it_is_in(client, login, coordinator, tays, hyks, valteri):
    """Someone else's event in the series does not make the series unchoosable for it."""
    series = EventSeries.objects.create(name_fi="Yhteinen sarja")
    make_event(areas=[hyks], series=series)
    mine = make_event(publish=False, areas=[tays], organisation=valteri, series=series)
    login(client, coordinator)
    assert "Yhteinen sarja" not in text(client.get("/en/events/new/"))
    response = client.post(
        f"/en/events/{mine.pk}/edit/",
        edit_data(mine, series=str(series.pk), title_fi="Muutettu"),
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.series, mine.title_fi) == (series, "Muutettu")


# --- The organiser's events -------------------------------------------------------------------


def test_the_organiser_sees_their_events_with_counts(client, login, coordinator, tays, hyks):
    mine = make_event(title_en="Mine upcoming", areas=[tays], capacity=10, waiting_list_capacity=0)
    register(mine, notify=False)
    register(mine, notify=False)
    make_event(title_en="My draft", areas=[tays], publish=False)
    make_event(title_en="Not mine", areas=[hyks])
    past = make_event(title_en="Mine past", areas=[tays])
    Event.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - 3 * DAY, ends_at=timezone.now() - 2 * DAY
    )
    cancelled = make_event(title_en="Mine cancelled", areas=[tays])
    services.event_cancel(actor=None, event=cancelled, reason="Peruttu")
    login(client, coordinator)
    html = text(client.get("/en/events/organise/"))
    assert "Mine upcoming" in html
    assert "My draft" in html
    assert "Not mine" not in html
    assert "Mine past" not in html
    assert "Mine cancelled" not in html
    assert "2 / 10" in html
    assert f"/en/events/{mine.pk}/edit/" in html
    assert f"/en/events/{mine.pk}/participants/" in html
    assert "Upcoming: 2 (drafts among them: 1). Past: 1. Cancelled: 1." in html
    assert "Mine past" in text(client.get("/en/events/organise/", {"show": "past"}))
    cancelled_html = text(client.get("/en/events/organise/", {"show": "cancelled"}))
    assert "Mine cancelled" in cancelled_html
    assert "Mine upcoming" not in cancelled_html
    drafts = text(client.get("/en/events/organise/", {"show": "drafts"}))
    assert "My draft" in drafts
    assert "Mine upcoming" not in drafts
    found = text(client.get("/en/events/organise/", {"show": "all", "q": "past"}))
    assert "Mine past" in found
    assert "Mine upcoming" not in found


def test_the_list_answers_htmx_with_the_results_only(client, login, national_admin):
    make_event(title_en="Seminar for htmx")
    login(client, national_admin)
    html = text(client.get("/en/events/organise/", HTTP_HX_REQUEST="true"))
    assert 'id="results"' in html
    assert "Seminar for htmx" in html
    assert "<h1" not in html


def test_someone_who_organises_nothing_sees_why(client, login, outsider):
    make_event(title_en="Somebody else's")
    login(client, outsider)
    html = text(client.get("/en/events/organise/"))
    assert "You do not organise any events." in html
    assert "Somebody else's" not in html
    assert "Create an event" not in html


def test_the_list_costs_the_same_queries_for_any_number_of_events(
    client, login, national_admin, tays
):
    login(client, national_admin)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/events/organise/").status_code == 200
        return len(queries)

    series = EventSeries.objects.create(name_fi="Sarja")
    event = make_event(areas=[tays], series=series, capacity=5)
    register(event, notify=False)
    one = count()
    for _ in range(5):
        event = make_event(areas=[tays], series=series, capacity=5)
        register(event, notify=False)
    assert count() == one


def test_the_form_page_costs_the_same_queries_for_any_number_of_rows(
    client, login, national_admin, valteri
):
    login(client, national_admin)
    few = make_event(publish=False, organisation=valteri, is_paid=True)
    many = make_event(
        publish=False,
        organisation=valteri,
        is_paid=True,
        price_groups=[{"name_fi": f"Ryhmä {n}", "price": Decimal(n)} for n in range(6)],
        questions=[{"kind": "text", "label_fi": f"Kysymys {n}"} for n in range(6)],
    )

    def count(event: Event) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/en/events/{event.pk}/edit/").status_code == 200
        return len(queries)

    assert count(many) == count(few)
