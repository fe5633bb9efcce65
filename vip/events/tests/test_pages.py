"""The public event pages: the calendar, an event, registration and the manage link."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from vip.audit.models import AuditAction, AuditEvent
from vip.core.testing import make_organisation
from vip.events import services
from vip.events.models import Event, Registration
from vip.events.selectors import reach
from vip.events.tests.builders import DAY, HOUR, make_event, register
from vip.network.models import Sector, Theme
from vip.registry.models import Area, Municipality, Organisation

pytestmark = pytest.mark.django_db

JOIN_URL = "https://meet.example/vip-webinaari"


def page(client: Any, url: str, **params: Any) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def form_data(**values: Any) -> dict[str, Any]:
    data = {
        "given_name": "Maija",
        "family_name": "Meikäläinen",
        "email": "maija@koulu.example",
        "organisation_text": "Tammelan koulu",
        "municipality": "837",
        "language": "en",
        "consent": "on",
    }
    data.update(values)
    return {key: value for key, value in data.items() if value is not None}


def register_url(event: Event) -> str:
    return f"/en/events/{event.pk}/register/"


def manage_url(registration: Registration) -> str:
    return f"/en/events/registrations/{services.manage_token(registration)}/"


# --- The calendar -----------------------------------------------------------------------------


def test_it_lists_upcoming_published_events_by_default(client, reference_data):
    make_event(title_en="Upcoming seminar")
    make_event(title_en="Draft seminar", publish=False)
    past = make_event(title_en="Past seminar")
    Event.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - 3 * DAY, ends_at=timezone.now() - 2 * DAY
    )
    html = page(client, "/en/events/")
    assert "Upcoming seminar" in html
    assert "Draft seminar" not in html
    assert "Past seminar" not in html
    past_html = page(client, "/en/events/", when="past")
    assert "Past seminar" in past_html
    assert "Upcoming seminar" not in past_html


def test_it_filters_by_kind_theme_area_language_mode_and_dates(client, reference_data):
    theme = Theme.objects.get(code="school-non-attendance")
    tays = Area.objects.get(code="TAYS")
    webinar = make_event(
        title_en="Remote webinar",
        kind=Event.Kind.WEBINAR,
        mode=Event.Mode.REMOTE,
        venue="",
        join_url=JOIN_URL,
        languages="fi,sv",
        themes=[theme],
        areas=[tays],
        starts_at=timezone.now() + 30 * DAY,
        ends_at=timezone.now() + 30 * DAY + 2 * HOUR,
    )
    make_event(title_en="Plain seminar")
    checks = [
        {"kind": "webinar"},
        {"theme": "school-non-attendance"},
        {"area": "TAYS"},
        {"language": "sv"},
        {"mode": "remote"},
        {"starts_from": (timezone.localdate() + datetime.timedelta(days=20)).strftime("%d.%m.%Y")},
    ]
    for params in checks:
        html = page(client, "/en/events/", **params)
        assert webinar.title_en in html, params
        assert "Plain seminar" not in html, params
    html = page(client, "/en/events/", area="national")
    assert "Plain seminar" in html
    assert "Remote webinar" not in html


def test_it_rejects_a_date_range_ending_before_it_starts(client, reference_data):
    html = page(client, "/en/events/", starts_from="10.5.2025", starts_until="1.5.2025")
    assert "The end of the date range is before its start." in html


def test_it_shows_seats_left_waiting_list_full_and_closed(client, reference_data):
    open_event = make_event(title_en="Open one", capacity=5)
    register(open_event)
    waiting = make_event(title_en="Waiting one", capacity=1, waiting_list_capacity=2)
    register(waiting)
    full = make_event(title_en="Full one", capacity=1)
    register(full)
    closed = make_event(title_en="Closed one")
    Event.objects.filter(pk=closed.pk).update(registration_closes_at=timezone.now() - HOUR)
    html = page(client, "/en/events/")
    assert "4 seats left" in html
    assert "Waiting list" in html
    assert "Full" in html
    assert "Registration closed" in html


def test_it_answers_htmx_with_the_results_only(client, reference_data):
    make_event(title_en="Seminar for htmx")
    response = client.get("/en/events/", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert 'id="results"' in html
    assert "Seminar for htmx" in html
    assert "<h1" not in html


def test_the_calendar_costs_the_same_queries_for_any_number_of_events(client, reference_data):
    theme = Theme.objects.get(code="school-non-attendance")
    tays = Area.objects.get(code="TAYS")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            page(client, "/en/events/")
        return len(queries)

    event = make_event(themes=[theme], areas=[tays], capacity=10)
    register(event)
    one = count()
    for _ in range(5):
        event = make_event(themes=[theme], areas=[tays], capacity=10)
        register(event)
    assert count() == one


# --- An event ---------------------------------------------------------------------------------


def test_it_shows_the_event_without_the_join_link(client, reference_data):
    event = make_event(
        mode=Event.Mode.HYBRID,
        join_url=JOIN_URL,
        description_en="**Programme** follows.",
        is_paid=True,
        capacity=10,
    )
    html = page(client, f"/en/events/{event.pk}/")
    assert "Seminar on school absences" in html
    assert "<strong>Programme</strong>" in html
    assert "Tampere-talo" in html
    assert "120.00 € (VAT 25.5 % included)" in html
    assert "10 seats left" in html
    assert f"/en/events/{event.pk}/register/" in html
    assert f"/en/events/{event.pk}/event.ics" in html
    assert JOIN_URL not in html


def test_a_draft_is_not_found_by_the_public(client, reference_data):
    draft = make_event(publish=False)
    assert client.get(f"/en/events/{draft.pk}/").status_code == 404
    assert client.get(register_url(draft)).status_code == 404


def test_a_draft_is_shown_to_its_organisers(client, login, coordinator, tays):
    draft = make_event(publish=False, title_en="Draft for organisers", areas=[tays])
    login(client, coordinator)
    html = page(client, f"/en/events/{draft.pk}/")
    assert "Draft for organisers" in html
    assert "Only the organisers see this event until it is published." in html


# --- Registering ------------------------------------------------------------------------------


def test_it_registers_and_mails_a_confirmation(
    client, reference_data, django_capture_on_commit_callbacks, mailoutbox
):
    event = make_event(capacity=10)
    html = page(client, register_url(event))
    assert "/en/privacy/" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(event), form_data())
    registration = Registration.objects.get(event=event)
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.municipality.code == "837"
    assert registration.language == "en"
    assert response.status_code == 302
    assert response["Location"] == manage_url(registration)
    [mail] = mailoutbox
    assert mail.to == ["maija@koulu.example"]
    html = page(client, response["Location"])
    assert "You are registered. We sent a confirmation by e-mail." in html
    assert "Confirmed" in html


def test_beyond_the_seats_it_puts_on_the_waiting_list(client, reference_data):
    event = make_event(capacity=1, waiting_list_capacity=2)
    register(event)
    register(event)
    response = client.post(register_url(event), form_data(), follow=True)
    html = response.content.decode()
    assert "you are on the waiting list" in html
    assert "You are number 2 on the waiting list." in html


def assert_refused(client: Any, event: Event, data: dict[str, Any], message: str) -> None:
    before = Registration.objects.count()
    response = client.post(register_url(event), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Registration.objects.count() == before


def test_a_full_event_refuses_with_a_clear_message(client, reference_data):
    event = make_event(capacity=1)
    register(event)
    assert_refused(client, event, form_data(), "The event is full and its waiting list too.")


def test_a_duplicate_email_is_refused(client, reference_data):
    event = make_event()
    register(event, email="maija@koulu.example")
    assert_refused(
        client,
        event,
        form_data(email="Maija@Koulu.example"),
        "This e-mail address is already registered for this event.",
    )


def test_many_registrations_from_one_address_are_refused_with_a_clear_message(
    client, reference_data, settings
):
    settings.EVENTS_REGISTRATIONS_PER_ADDRESS = 1
    event = make_event()
    first = client.post(register_url(event), form_data(email="eka@koulu.example"))
    assert first.status_code == 302

    response = client.post(register_url(event), form_data(email="toka@koulu.example"))

    assert response.status_code == 429
    assert "Too many registrations have come from your network address." in (
        response.content.decode()
    )
    assert event.registrations.count() == 1


def test_consent_is_required(client, reference_data):
    assert_refused(
        client, make_event(), form_data(consent=None), "Accept the privacy notice to register."
    )


def test_an_invalid_email_is_refused(client, reference_data):
    assert_refused(client, make_event(), form_data(email="maija@"), "Enter a valid e-mail address.")


def test_a_required_question_must_be_answered(client, reference_data):
    event = make_event(
        questions=[
            {
                "kind": "text",
                "label_fi": "Ruokavalio",
                "label_en": "Dietary needs",
                "required": True,
            },
            {"kind": "yes_no", "label_fi": "Kuva?", "label_en": "May we photograph you?"},
        ]
    )
    html = page(client, register_url(event))
    assert "Dietary needs" in html
    assert "May we photograph you?" in html
    assert_refused(client, event, form_data(), "Answer the question “Dietary needs”.")
    [question, photo] = event.questions.all()
    client.post(
        register_url(event),
        form_data(**{f"question_{question.pk}": "Vegan", f"question_{photo.pk}": "no"}),
    )
    answers = dict(
        Registration.objects.get(event=event).answers.values_list("question__label_en", "value")
    )
    assert answers == {"Dietary needs": "Vegan", "May we photograph you?": "no"}


def test_a_paid_event_needs_the_price_group_and_billing_details(client, reference_data):
    event = make_event(is_paid=True)
    html = page(client, register_url(event))
    assert "80.00 € (VAT 25.5 % included)" in html
    assert_refused(client, event, form_data(), "Enter the organisation to invoice.")
    assert_refused(client, event, form_data(), "Enter the billing address.")
    assert_refused(client, event, form_data(), "Choose a price group.")
    group = event.price_groups.first()
    response = client.post(
        register_url(event),
        form_data(
            price_group=group.pk,
            billing_organisation="Tampereen kaupunki",
            billing_address="OVT 003701211113",
        ),
    )
    assert response.status_code == 302
    assert Registration.objects.get(event=event).price_group == group


def test_a_closed_registration_shows_no_form_and_refuses_posts(client, reference_data):
    event = make_event()
    Event.objects.filter(pk=event.pk).update(registration_closes_at=timezone.now() - HOUR)
    html = page(client, register_url(event))
    assert "Registration closed" in html
    assert 'name="given_name"' not in html
    assert_refused(client, event, form_data(), "Registration has closed.")


# --- The manage link --------------------------------------------------------------------------


def test_the_join_link_shows_only_to_the_confirmed(client, reference_data):
    event = make_event(
        mode=Event.Mode.REMOTE, venue="", join_url=JOIN_URL, capacity=1, waiting_list_capacity=1
    )
    confirmed = register(event)
    waiting = register(event)
    assert JOIN_URL in page(client, manage_url(confirmed))
    html = page(client, manage_url(waiting))
    assert JOIN_URL not in html
    assert "You are number 1 on the waiting list." in html


def test_cancelling_promotes_the_first_waiting(
    client, reference_data, django_capture_on_commit_callbacks, mailoutbox
):
    event = make_event(capacity=1, waiting_list_capacity=2)
    confirmed = register(event, notify=False)
    first = register(event, email="eka@koulu.example", notify=False)
    register(event, notify=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(manage_url(confirmed), follow=True)
    html = response.content.decode()
    assert "Your registration has been cancelled." in html
    assert "Cancel my registration" not in html
    confirmed.refresh_from_db()
    first.refresh_from_db()
    assert confirmed.status == Registration.Status.CANCELLED
    assert first.status == Registration.Status.CONFIRMED
    [mail] = mailoutbox
    assert mail.to == ["eka@koulu.example"]


def test_cancelling_after_the_deadline_is_refused(client, reference_data):
    event = make_event(cancellation_deadline=timezone.now() + 2 * DAY)
    registration = register(event)
    Event.objects.filter(pk=event.pk).update(cancellation_deadline=timezone.now() - HOUR)
    html = client.post(manage_url(registration), follow=True).content.decode()
    assert "The cancellation deadline has passed; please contact the organiser." in html
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_a_tampered_link_is_not_found(client, reference_data):
    registration = register(make_event())
    token = services.manage_token(registration)
    response = client.get(f"/en/events/registrations/{token[:-2]}xx/")
    assert response.status_code == 404
    assert "The link is not valid." in response.content.decode()


def test_an_expired_link_is_not_found_with_the_reason(client, reference_data, monkeypatch):
    registration = register(make_event())
    url = manage_url(registration)
    monkeypatch.setattr(services, "MANAGE_LINK_MAX_AGE", datetime.timedelta(seconds=-1))

    response = client.get(url)

    assert response.status_code == 404
    html = response.content.decode()
    assert "The link has expired. Please contact the organiser of the event." in html
    assert registration.email not in html
    assert client.post(url).status_code == 404
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


# --- Choosing the organisation from the registry ----------------------------------------------


def school(name: str, municipality: str = "837", **values: Any) -> Organisation:
    return make_organisation(
        kind=Organisation.Kind.SCHOOL,
        name_fi=name,
        municipality=Municipality.objects.get(code=municipality),
        **values,
    )


def report_csv(client: Any, event: Event) -> list[list[str]]:
    response = client.get(f"/en/events/{event.pk}/report.csv")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


def test_the_whole_name_of_a_registered_school_is_taken_and_counted_by_its_kind(
    client, login, national_admin, tampere_school
):
    event = make_event()
    html = page(client, register_url(event))
    assert "If your organisation is in our registry, you can choose it" in html
    assert 'type="radio" name="organisation"' not in html

    response = client.post(register_url(event), form_data(organisation_text="koivikon koulu"))

    assert response.status_code == 302
    registration = Registration.objects.get(event=event)
    assert registration.organisation == tampere_school
    assert registration.organisation_text == ""
    login(client, national_admin)
    assert ["Participants by organisation kind", "School", "1"] in report_csv(client, event)


def test_partial_matches_are_offered_as_radio_buttons_without_javascript(
    client, reference_data, tampere_school
):
    other = school("Kalevan koulu")
    event = make_event()

    response = client.post(register_url(event), form_data(organisation_text="koulu"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Several organisations in our registry match “koulu”: choose yours" in html
    assert f'value="{tampere_school.pk}"' in html
    assert "Koivikon koulu (Tampere)" in html
    assert "Kalevan koulu (Tampere)" in html
    assert "None of these: keep “koulu” as I typed it" in html
    assert not Registration.objects.exists()

    response = client.post(
        register_url(event), form_data(organisation_text="koulu", organisation=str(other.pk))
    )

    assert response.status_code == 302
    registration = Registration.objects.get(event=event)
    assert (registration.organisation, registration.organisation_text) == (other, "")


def test_a_single_partial_match_is_confirmed_before_it_is_taken(
    client, reference_data, tampere_school
):
    event = make_event()
    html = client.post(register_url(event), form_data(organisation_text="Koivikon")).content
    assert "An organisation in our registry matches “Koivikon”: choose it" in html.decode()
    assert not Registration.objects.exists()


def test_too_many_matches_are_cut_to_twenty_with_the_typed_name_still_possible(
    client, reference_data
):
    for number in range(21):
        school(f"Testikoulu {number:02}")
    event = make_event()

    html = client.post(register_url(event), form_data(organisation_text="testikoulu")).content
    html = html.decode()

    assert "More than 20 organisations in our registry match “testikoulu”" in html
    assert "Testikoulu 19 (Tampere)" in html
    assert "Testikoulu 20" not in html
    assert "None of these: keep “testikoulu” as I typed it" in html
    assert not Registration.objects.exists()


def test_the_typed_name_is_kept_when_the_organisation_is_not_in_the_registry(
    client, reference_data, tampere_school
):
    event = make_event()
    # Nothing matches: the name is kept at once.
    client.post(register_url(event), form_data(organisation_text="Tammelan koulu"))
    # Something matches, and the registrant says it is not theirs.
    client.post(
        register_url(event),
        form_data(email="toinen@koulu.example", organisation_text="Koivikon", organisation="typed"),
    )

    stored = list(
        event.registrations.order_by("pk").values_list("organisation", "organisation_text")
    )
    assert stored == [(None, "Tammelan koulu"), (None, "Koivikon")]


def test_the_municipality_tells_apart_schools_of_the_same_name(client, reference_data):
    school("Keskuskoulu", "837")
    helsinki = school("Keskuskoulu", "091")
    event = make_event()

    response = client.post(
        register_url(event), form_data(organisation_text="Keskuskoulu", municipality="091")
    )

    assert response.status_code == 302
    assert Registration.objects.get(event=event).organisation == helsinki
    # Without a municipality both are offered.
    html = client.post(
        register_url(event),
        form_data(email="toinen@koulu.example", organisation_text="Keskuskoulu", municipality=""),
    ).content.decode()
    assert "Keskuskoulu (Helsinki)" in html
    assert "Keskuskoulu (Tampere)" in html


@pytest.mark.parametrize("which", ["unknown", "closed"])
def test_an_unknown_or_closed_organisation_is_refused_clearly(client, reference_data, which):
    closed = school(
        "Lakkautettu koulu", active_to=timezone.localdate() - datetime.timedelta(days=1)
    )
    chosen = "999999" if which == "unknown" else str(closed.pk)

    assert_refused(
        client,
        make_event(),
        form_data(organisation_text="", organisation=chosen),
        "The organisation chosen is not in the registry or is no longer active.",
    )


def test_a_closed_organisation_is_not_offered(client, reference_data):
    school("Lakkautettu koulu", active_to=timezone.localdate() - datetime.timedelta(days=1))
    event = make_event()

    response = client.post(register_url(event), form_data(organisation_text="Lakkautettu koulu"))

    assert response.status_code == 302
    registration = Registration.objects.get(event=event)
    assert (registration.organisation, registration.organisation_text) == (
        None,
        "Lakkautettu koulu",
    )


def test_a_choice_that_no_longer_matches_the_typed_name_is_asked_again(
    client, reference_data, tampere_school
):
    school("Kalevan koulu")
    assert_refused(
        client,
        make_event(),
        form_data(organisation_text="Kalevan", organisation=str(tampere_school.pk)),
        "The organisation chosen does not match “Kalevan”: choose again",
    )


# --- The registrant's own page ----------------------------------------------------------------


@pytest.fixture
def paid_registration(reference_data, tampere_school) -> Registration:
    event = make_event(
        is_paid=True,
        questions=[
            {"label_fi": "Ruokavalio", "label_en": "Dietary needs", "sensitive": True},
            {"kind": "yes_no", "label_fi": "Kuvaus?", "label_en": "May we photograph you?"},
        ],
    )
    diet, photo = event.questions.order_by("position", "pk")
    return register(
        event,
        email="maija@koulu.example",
        given_name="Maija",
        family_name="Meikäläinen",
        organisation=tampere_school,
        municipality=Municipality.objects.get(code="837"),
        sector=Sector.objects.get(code="pupil-welfare"),
        language="sv",
        price_group=event.price_groups.order_by("position", "pk").first(),
        billing_organisation="Tampereen kaupunki",
        billing_reference="VIP-2025",
        billing_address="PL 487, 33101 Tampere",
        answers={diet.pk: "Gluteeniton", photo.pk: "no"},
        notify=False,
    )


def test_the_manage_page_lists_every_stored_detail(client, paid_registration):
    registration = paid_registration

    html = page(client, manage_url(registration))

    consent = timezone.localtime(registration.consent_at)
    for text in (
        "Maija Meikäläinen",
        "maija@koulu.example",
        "Koivikon koulu (Tampere)",
        "Tampere",
        "Pupil welfare",
        "Swedish",
        "Dietary needs",
        "Gluteeniton",
        "Sensitive",
        "May we photograph you?",
        "Jäsenorganisaatio: 80.00 € (VAT 25.5 % included)",
        "Tampereen kaupunki",
        "VIP-2025",
        "PL 487, 33101 Tampere",
        "Accepted the privacy notice",
        f"{consent.day}.{consent.month}.{consent.year} {consent:%H:%M}",
        "Answers marked sensitive are deleted 30 days after the event.",
    ):
        assert text in html, text
    assert '<dd class="govuk-summary-list__value">No</dd>' in html
    # Personal data, sensitive answers included: no cache or shared computer keeps it.
    assert "no-store" in client.get(manage_url(registration))["Cache-Control"]


def test_the_manage_page_shows_a_typed_organisation_and_what_was_not_given(client, reference_data):
    registration = register(make_event(), organisation_text="Tammelan koulu", notify=False)
    html = page(client, manage_url(registration))
    assert "Tammelan koulu" in html
    assert "Not given" in html  # municipality and sector
    assert "Price group" not in html


def test_a_cancelled_registrant_deletes_their_details_and_the_figures_stay(
    client, paid_registration
):
    registration = paid_registration
    event = registration.event
    url = manage_url(registration)
    html = client.post(url, follow=True).content.decode()
    assert "Delete my details now" in html
    before = reach.reach_report(Event.objects.filter(pk=event.pk))

    response = client.post(url, {"action": "delete"}, follow=True)

    html = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/en/events/{event.pk}/"
    assert "Your personal details have been deleted from the registration." in html
    registration.refresh_from_db()
    assert registration.anonymised_at is not None
    assert (registration.given_name, registration.family_name) == ("", "")
    assert registration.email.endswith("@anonymised.invalid")
    assert registration.organisation is None
    assert registration.organisation_kind == Organisation.Kind.SCHOOL
    assert (registration.billing_organisation, registration.billing_address) == ("", "")
    assert not registration.answers.exists()
    assert reach.reach_report(Event.objects.filter(pk=event.pk)) == before
    audit = AuditEvent.objects.get(action=AuditAction.REGISTRATIONS_ANONYMISED)
    assert audit.target_id == str(event.pk)
    assert audit.actor is None  # the link's holder, whoever is signed in on the browser
    assert audit.details == {
        "registrations": 1,
        "answers": 2,
        "at_request_of_registration": registration.pk,
    }
    gone = client.get(url)
    assert gone.status_code == 404
    assert "its personal details have been removed" in gone.content.decode()
    assert "Maija" not in gone.content.decode()


def test_details_of_an_active_registration_are_not_deleted(client, paid_registration):
    registration = paid_registration
    html = page(client, manage_url(registration))
    assert "Delete my details now" not in html

    html = client.post(manage_url(registration), {"action": "delete"}, follow=True).content
    assert "Cancel the registration first" in html.decode()
    registration.refresh_from_db()
    assert registration.anonymised_at is None
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.given_name == "Maija"
    assert not AuditEvent.objects.filter(action=AuditAction.REGISTRATIONS_ANONYMISED).exists()
