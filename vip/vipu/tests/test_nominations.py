"""A municipality's contact persons: who may see and name them, and naming, replacing and
withdrawing them with every kind of bad input."""

from __future__ import annotations

import datetime
import smtplib

import pytest
from django.core.exceptions import ValidationError
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone, translation

from vip.accounts import services as account_services
from vip.accounts.roles import Role
from vip.audit.models import AuditAction, AuditEvent
from vip.core.testing import make_user
from vip.network.models import Employment, Person
from vip.registry.models import Municipality, Organisation
from vip.vipu import services
from vip.vipu.models import Campaign, Nomination
from vip.vipu.tests.vipu_builders import (
    LEARNING,
    WELFARE,
    make_campaign,
    nominate,
    organisation_in,
    person_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def campaign(reference_data):
    return make_campaign()


@pytest.fixture
def ended_campaign(reference_data):
    today = timezone.localdate()
    return make_campaign(
        name_en="Last year's contacts",
        starts_on=today - datetime.timedelta(days=400),
        ends_on=today - datetime.timedelta(days=1),
        deadline=today - datetime.timedelta(days=30),
    )


@pytest.fixture
def tampere_employee(tampere_provider):
    return person_in(
        tampere_provider,
        email="tiina.tuki@tampere.example",
        given_name="Tiina",
        family_name="Tuki",
        title="Special education coordinator",
        phone="+358 40 111 2222",
    )


@pytest.fixture
def helsinki_employee(helsinki_provider):
    return person_in(
        helsinki_provider, email="hanna.helsinki@hel.example", given_name="Hanna", family_name="Hel"
    )


def contacts_url(campaign, code: str) -> str:
    return reverse("vipu:municipality_contacts", args=[campaign.pk, code])


def nominate_url(campaign, code: str) -> str:
    return reverse("vipu:nomination_create", args=[campaign.pk, code])


def new_person(**values):
    return {
        "responsibility": LEARNING,
        "language": "fi",
        "nominee": "new",
        "given_name": "Niko",
        "family_name": "Nimitetty",
        "email": "niko.nimitetty@tampere.example",
        "phone": "040 123 4567",
        "title": "Rector",
        **values,
    }


def errors_of(response) -> list[str]:
    assert response.status_code == 200
    form = response.context["form"]
    return [str(e) for errors in form.errors.values() for e in errors]


class Counts:
    """How many people, employments, nominations and audit events there are."""

    def __init__(self) -> None:
        self.values = (
            Person.objects.count(),
            Employment.objects.count(),
            Nomination.objects.count(),
            AuditEvent.objects.count(),
        )

    def unchanged(self) -> bool:
        return Counts().values == self.values


# --- Who may see and name contacts ------------------------------------------------------------


def test_it_lets_a_municipal_admin_handle_their_own_municipality_only(
    client, login, municipal_admin, campaign
):
    login(client, municipal_admin)
    assert client.get(contacts_url(campaign, "837")).status_code == 200
    assert client.get(nominate_url(campaign, "837")).status_code == 200
    assert client.get(contacts_url(campaign, "091")).status_code == 404
    assert client.get(nominate_url(campaign, "091")).status_code == 404


def test_it_lets_an_area_coordinator_nominate_in_their_area_only(
    client, login, coordinator, campaign, tampere_employee
):
    login(client, coordinator)
    assert client.get(contacts_url(campaign, "837")).status_code == 200
    assert client.get(nominate_url(campaign, "091")).status_code == 404
    response = client.post(
        nominate_url(campaign, "837"),
        {"responsibility": WELFARE, "language": "fi", "nominee": "existing",
         "person_query": "Tiina Tuki"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Nomination.objects.get().nominated_by == coordinator


@pytest.mark.parametrize("who", ["outsider", "teacher"])
def test_it_hides_contacts_from_users_without_a_contact_role(client, login, request, campaign, who):
    nominate(campaign, "837")
    login(client, request.getfixturevalue(who))
    assert client.get(contacts_url(campaign, "837")).status_code == 404
    assert client.get(nominate_url(campaign, "837")).status_code == 404
    replace = reverse("vipu:nomination_replace", args=[Nomination.objects.get().pk])
    assert client.get(replace).status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(client, campaign):
    response = client.get(contacts_url(campaign, "837"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_lets_no_one_nominate_for_aland(client, login, national_admin, campaign):
    login(client, national_admin)
    response = client.get(contacts_url(campaign, "478"))
    assert response.status_code == 200
    assert "not part of the VIP network" in response.content.decode()
    assert client.get(nominate_url(campaign, "478")).status_code == 404


# --- The contacts page ------------------------------------------------------------------------


def test_it_shows_current_contacts_what_is_lacking_and_providers(
    client, login, municipal_admin, campaign, tampere_employee
):
    nominate(campaign, "837", LEARNING, person=tampere_employee, actor=municipal_admin)
    school = organisation_in(
        "837", Organisation.Kind.TEACHER_TRAINING_SCHOOL, "Tampereen normaalikoulu"
    )
    organisation_in("837", Organisation.Kind.PRIVATE_PROVIDER, "Steiner-koulu Oy")
    nominate(campaign, "837", WELFARE, provider=school)
    login(client, municipal_admin)
    html = client.get(contacts_url(campaign, "837")).content.decode()
    for text in (
        "Tiina Tuki",
        "Special education coordinator",
        "tiina.tuki@tampere.example",
        "+358 40 111 2222",
        "Tampere, sivistystoimi",
        "Liisa Heikkilä",  # nominated by
        "Finnish",  # Tampere's language status
        "Government Decree on the linguistic status of municipalities",
        "a contact for pupil welfare services",
        "Tampereen normaalikoulu",
        "Steiner-koulu Oy",
        "Not named",
    ):
        assert text in html, text
    assert nominate_url(campaign, "837") + "?responsibility=pupil_welfare&amp;language=fi" in html


def test_it_asks_a_bilingual_municipality_for_both_languages(
    client, login, national_admin, campaign
):
    nominate(campaign, "091", LEARNING, "fi")
    nominate(campaign, "091", WELFARE, "fi")
    login(client, national_admin)
    response = client.get(contacts_url(campaign, "091"))
    html = response.content.decode()
    assert "Bilingual, Finnish majority" in html
    assert "a Swedish-speaking contact" in html
    empty = [s for s in response.context["contacts"].municipal if s.is_empty]
    assert [(s.responsibility, s.language) for s in empty] == [("", "sv")]


def test_it_reads_the_contacts_page_in_the_same_number_of_queries_however_many_contacts(
    client, login, national_admin, campaign, django_assert_max_num_queries
):
    login(client, national_admin)
    nominate(campaign, "091", LEARNING, "fi")
    with django_assert_max_num_queries(12):
        client.get(contacts_url(campaign, "091"))
    for responsibility, language in ((WELFARE, "fi"), (LEARNING, "sv"), (WELFARE, "sv")):
        nominate(campaign, "091", responsibility, language)
    replaced = Nomination.objects.filter(language="sv").first()
    services.nomination_withdraw(actor=None, nomination=replaced)
    with django_assert_max_num_queries(12):
        client.get(contacts_url(campaign, "091"))


# --- Naming a contact -------------------------------------------------------------------------


def test_it_names_someone_employed_in_the_municipality_and_tells_them_by_email(
    client, login, municipal_admin, campaign, tampere_employee, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    login(client, municipal_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            nominate_url(campaign, "837"),
            {"responsibility": LEARNING, "language": "fi", "nominee": "existing",
             "person_query": "Tiina Tuki"},
        )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == contacts_url(campaign, "837")
    nomination = Nomination.objects.get()
    assert (nomination.person, nomination.responsibility) == (tampere_employee, LEARNING)
    assert nomination.nominated_by == municipal_admin
    [mail] = mailoutbox
    assert mail.to == ["tiina.tuki@tampere.example"]
    assert "Tampere" in mail.body
    assert AuditEvent.objects.filter(action=AuditAction.NOMINATION_MADE).count() == 1


def test_it_adds_a_new_person_and_names_them_in_one_go(
    client, login, municipal_admin, campaign, tampere_provider, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    login(client, municipal_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            nominate_url(campaign, "837"), new_person(organisation=tampere_provider.pk)
        )
    assert response.status_code == 302
    person = Person.objects.get(email="niko.nimitetty@tampere.example")
    assert (person.full_name, person.title, person.phone) == (
        "Niko Nimitetty",
        "Rector",
        "040 123 4567",
    )
    assert person.employments.get().organisation == tampere_provider
    assert Nomination.objects.get().person == person
    assert [mail.to for mail in mailoutbox] == [["niko.nimitetty@tampere.example"]]


def test_it_names_the_registered_person_when_a_new_persons_email_is_known(
    client, login, municipal_admin, campaign, tampere_provider, tampere_employee
):
    login(client, municipal_admin)
    before = Person.objects.count()
    response = client.post(
        nominate_url(campaign, "837"),
        new_person(email="Tiina.Tuki@tampere.example", organisation=tampere_provider.pk),
        follow=True,
    )
    assert Person.objects.count() == before
    assert Nomination.objects.get().person == tampere_employee
    assert "Tiina Tuki was already in the registry" in response.content.decode()


def test_it_refuses_a_nominee_from_another_municipality_without_saying_who_they_are(
    client, login, municipal_admin, campaign, tampere_provider, helsinki_employee
):
    login(client, municipal_admin)
    counts = Counts()
    response = client.post(
        nominate_url(campaign, "837"),
        new_person(email=helsinki_employee.email, organisation=tampere_provider.pk),
    )
    # The address belongs to someone in Helsinki: the error must not name them, or
    # any administrator could look up who owns any address.
    assert errors_of(response) == [
        "A person with this e-mail address is already in the registry but cannot be named "
        "here: they do not work for Tampere."
    ]
    assert "Hanna" not in response.content.decode()
    assert counts.unchanged()


def test_it_refuses_someone_chosen_from_the_registry_who_does_not_work_there_by_name(
    campaign, helsinki_employee
):
    # Chosen by name (not found by a typed address), the refusal may name the person.
    with pytest.raises(ValidationError) as raised:
        nominate(campaign, "837", LEARNING, person=helsinki_employee)
    assert raised.value.message_dict == {
        "person": [
            "Hanna Hel does not work in Tampere: the contact person must be employed by the "
            "municipality or one of its units."
        ]
    }


def existing(text: str, **values):
    return {
        "responsibility": LEARNING,
        "language": "fi",
        "nominee": "existing",
        "person_query": text,
        **values,
    }


def test_it_finds_the_nominee_by_a_typed_name_or_address_among_the_municipalitys_people(
    client, login, municipal_admin, campaign, tampere_employee, helsinki_employee
):
    login(client, municipal_admin)
    form = client.get(nominate_url(campaign, "837")).context["form"]
    assert "person_query" in form.fields
    assert "person" not in form.fields  # no list of everyone employed there

    response = client.post(nominate_url(campaign, "837"), existing("tuki tiina"))
    assert response.status_code == 302
    assert Nomination.objects.get().person == tampere_employee


def test_it_finds_no_one_outside_the_municipality_and_writes_nothing(
    client, login, municipal_admin, campaign, tampere_employee, helsinki_employee
):
    login(client, municipal_admin)
    counts = Counts()
    response = client.post(nominate_url(campaign, "837"), existing("Hanna Hel"))
    assert errors_of(response) == [
        "No one who can be named here matches “Hanna Hel”. Check the spelling, or add them "
        "as a person not yet in the registry."
    ]
    assert counts.unchanged()


def test_it_offers_a_choice_when_several_people_match_and_names_the_one_chosen(
    client, login, municipal_admin, campaign, tampere_provider, tampere_employee
):
    namesake = person_in(
        tampere_provider, email="tiina.toinen@tampere.example", given_name="Tiina",
        family_name="Toinen",
    )  # fmt: skip
    login(client, municipal_admin)
    counts = Counts()
    response = client.post(nominate_url(campaign, "837"), existing("Tiina"))
    assert errors_of(response) == ["Several people match “Tiina”: choose one."]
    choices = response.context["form"].fields["person"].widget.choices
    assert [label for _value, label in choices] == [
        "Tiina Toinen (tiina.toinen@tampere.example)",
        "Tiina Tuki (tiina.tuki@tampere.example)",
    ]
    assert 'type="radio" name="person"' in response.content.decode()
    assert counts.unchanged()

    response = client.post(
        nominate_url(campaign, "837"), existing("Tiina", person=str(namesake.pk))
    )
    assert response.status_code == 302
    assert Nomination.objects.get().person == namesake


def test_it_asks_for_more_of_the_name_when_too_many_people_match(
    client, login, municipal_admin, campaign, tampere_provider
):
    from vip.vipu.forms import PERSON_CHOICE_LIMIT

    for number in range(PERSON_CHOICE_LIMIT + 1):
        person_in(tampere_provider, given_name=f"Matti{number}", family_name="Meikäläinen")
    login(client, municipal_admin)
    response = client.post(nominate_url(campaign, "837"), existing("Meikäläinen"))
    assert errors_of(response) == [
        f"More than {PERSON_CHOICE_LIMIT} people match “Meikäläinen”: choose one below or "
        "type more of the name."
    ]
    assert len(response.context["form"].fields["person"].widget.choices) == PERSON_CHOICE_LIMIT


def test_it_ignores_a_stale_choice_that_no_longer_matches(
    client, login, municipal_admin, campaign, tampere_employee, helsinki_employee
):
    login(client, municipal_admin)
    response = client.post(
        nominate_url(campaign, "837"), existing("Tiina Tuki", person=str(helsinki_employee.pk))
    )
    assert response.status_code == 302
    assert Nomination.objects.get().person == tampere_employee


def test_it_refuses_an_occupied_place_and_leaves_no_new_person_behind(
    client, login, municipal_admin, campaign, tampere_provider, tampere_employee
):
    nominate(campaign, "837", LEARNING, "fi", person=tampere_employee)
    login(client, municipal_admin)
    counts = Counts()
    response = client.post(
        nominate_url(campaign, "837"), new_person(organisation=tampere_provider.pk)
    )
    assert errors_of(response) == [
        "Tiina Tuki is already the contact for this task and language; replace them instead."
    ]
    assert counts.unchanged()
    assert not Person.objects.filter(email="niko.nimitetty@tampere.example").exists()


def test_it_refuses_nominations_after_the_campaign_and_leaves_no_new_person_behind(
    client, login, municipal_admin, ended_campaign, tampere_provider
):
    login(client, municipal_admin)
    form_page = client.get(nominate_url(ended_campaign, "837")).content.decode()
    assert "The campaign has ended; nominations are closed." in form_page
    counts = Counts()
    response = client.post(
        nominate_url(ended_campaign, "837"), new_person(organisation=tampere_provider.pk)
    )
    assert errors_of(response) == ["The campaign has ended; nominations are closed."]
    assert counts.unchanged()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "niko.at.tampere", "Enter a valid email address."),
        (
            "phone",
            "call me maybe",
            "Enter a phone number of digits, e.g. +358 40 123 4567 or 040 123 4567.",
        ),
        ("given_name", "", "Enter the person's given name."),
        ("email", "", "Enter the person's work e-mail address."),
        ("organisation", "", "Choose the organisation the person works for."),
    ],
)
def test_it_explains_bad_details_of_a_new_person_and_writes_nothing(
    client, login, municipal_admin, campaign, tampere_provider, field, value, message
):
    login(client, municipal_admin)
    counts = Counts()
    data = new_person(organisation=tampere_provider.pk)
    data[field] = value
    response = client.post(nominate_url(campaign, "837"), data)
    assert errors_of(response) == [message]
    assert message.replace("'", "&#x27;") in response.content.decode()
    assert counts.unchanged()


def test_it_asks_who_when_no_name_is_typed(
    client, login, municipal_admin, campaign, tampere_employee
):
    login(client, municipal_admin)
    response = client.post(nominate_url(campaign, "837"), existing(""))
    assert errors_of(response) == ["Enter the name or e-mail address of the person."]


def test_it_defaults_to_the_language_of_a_monolingual_municipality(
    client, login, national_admin, campaign
):
    login(client, national_admin)
    assert client.get(nominate_url(campaign, "837")).context["form"]["language"].value() == "fi"
    bilingual = client.get(nominate_url(campaign, "091")).context["form"]
    assert bilingual["language"].value() is None
    asked = client.get(nominate_url(campaign, "091"), {"language": "sv"}).context["form"]
    assert asked["language"].value() == "sv"


def test_it_names_a_private_providers_own_contact(
    client, login, municipal_admin, campaign, tampere_employee
):
    provider = organisation_in("837", Organisation.Kind.PRIVATE_PROVIDER, "Yksityiskoulu Oy")
    person_in(provider, email="pekka@yksityiskoulu.example")
    login(client, municipal_admin)
    counts = Counts()
    response = client.post(
        nominate_url(campaign, "837"),
        {"responsibility": LEARNING, "language": "fi", "provider": provider.pk,
         "nominee": "existing", "person_query": "tiina.tuki@tampere.example"},
    )  # fmt: skip
    assert errors_of(response) == ["The contact person must work for Yksityiskoulu Oy."]
    assert counts.unchanged()

    response = client.post(
        nominate_url(campaign, "837"),
        {"responsibility": LEARNING, "language": "fi", "provider": provider.pk,
         "nominee": "existing", "person_query": "pekka@yksityiskoulu.example"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Nomination.objects.get().provider == provider


# --- Replacing and withdrawing ----------------------------------------------------------------


def test_it_replaces_a_contact_and_keeps_the_former_one_in_the_history(
    client, login, municipal_admin, campaign, tampere_provider, tampere_employee, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    old = nominate(campaign, "837", WELFARE, "fi", person=tampere_employee)
    login(client, municipal_admin)
    url = reverse("vipu:nomination_replace", args=[old.pk])
    page = client.get(url)
    assert "Tiina Tuki" in page.content.decode()
    assert "responsibility" not in page.context["form"].fields
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, new_person(organisation=tampere_provider.pk))
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.ended_at is not None
    new = old.replaced_by
    assert new is not None
    assert new.is_current
    assert (new.person.email, new.responsibility, new.language) == (
        "niko.nimitetty@tampere.example",
        WELFARE,
        "fi",
    )
    assert [mail.to for mail in mailoutbox] == [["niko.nimitetty@tampere.example"]]
    assert AuditEvent.objects.filter(action=AuditAction.NOMINATION_REPLACED).count() == 1
    history = client.get(contacts_url(campaign, "837"))
    assert history.context["contacts"].former == [old]
    assert "Niko Nimitetty" in history.content.decode()


def test_it_does_not_replace_a_former_contact(
    client, login, municipal_admin, campaign, tampere_employee
):
    old = nominate(campaign, "837", WELFARE, person=tampere_employee)
    services.nomination_withdraw(actor=None, nomination=old)
    login(client, municipal_admin)
    assert client.get(reverse("vipu:nomination_replace", args=[old.pk])).status_code == 404


def test_it_asks_for_confirmation_before_withdrawing(
    client, login, municipal_admin, campaign, tampere_employee
):
    nomination = nominate(campaign, "837", WELFARE, person=tampere_employee)
    url = reverse("vipu:nomination_withdraw", args=[nomination.pk])
    login(client, municipal_admin)
    assert client.get(url).status_code == 405
    asked = client.post(url)
    assert asked.status_code == 200
    assert "Withdraw the nomination" in asked.content.decode()
    nomination.refresh_from_db()
    assert nomination.is_current

    response = client.post(url, {"confirm": "yes"}, follow=True)
    nomination.refresh_from_db()
    assert not nomination.is_current
    assert nomination.replaced_by is None
    html = response.content.decode()
    assert "Tiina Tuki is no longer a contact person of Tampere." in html
    assert "Withdrawn" in html
    assert AuditEvent.objects.filter(action=AuditAction.NOMINATION_WITHDRAWN).count() == 1


def test_it_lets_no_one_withdraw_another_municipalitys_contact(
    client, login, municipal_admin, campaign
):
    nomination = nominate(campaign, "091")
    login(client, municipal_admin)
    url = reverse("vipu:nomination_withdraw", args=[nomination.pk])
    assert client.post(url, {"confirm": "yes"}).status_code == 404
    nomination.refresh_from_db()
    assert nomination.is_current


def test_it_keeps_contacts_of_other_municipalities_out_of_reach_of_a_coordinator(
    client, login, coordinator, campaign
):
    helsinki = nominate(campaign, "091")
    login(client, coordinator)
    assert client.get(reverse("vipu:nomination_replace", args=[helsinki.pk])).status_code == 404
    assert Municipality.objects.get(code="091").county.area.code == "HYKS"


def test_demo_data_names_contacts_without_mailing_them(
    campaign, tampere_employee, tampere_provider, mailoutbox, django_capture_on_commit_callbacks
):
    from vip.vipu import services

    with django_capture_on_commit_callbacks(execute=True):
        services.nomination_make(
            actor=None,
            campaign=campaign,
            municipality=tampere_provider.municipality,
            person=tampere_employee,
            responsibility=LEARNING,
            language="fi",
            notify=False,
        )

    assert Nomination.objects.get().nominated_by is None
    assert mailoutbox == []


# --- Who may be named: the municipality's own units ---------------------------------------------


@pytest.mark.parametrize(
    "kind",
    [
        Organisation.Kind.UNIVERSITY,
        Organisation.Kind.PRIVATE_PROVIDER,
        Organisation.Kind.VALTERI_UNIT,
    ],
)
def test_it_refuses_someone_who_works_in_the_municipality_but_not_for_it(campaign, kind):
    employer = organisation_in("837", kind, "Talossa mutta ei kunnan")
    person = person_in(employer, given_name="Ulla", family_name="Ulkopuolinen")
    counts = Counts()
    with pytest.raises(ValidationError) as raised:
        nominate(campaign, "837", WELFARE, person=person)
    assert "Ulla Ulkopuolinen does not work in Tampere" in raised.value.messages[0]
    assert counts.unchanged()


def test_it_names_anyone_in_the_tree_of_the_municipality_as_education_provider(
    campaign, tampere_school
):
    deep = organisation_in("837", name="Koivikon koulun erityisopetus", parent=tampere_school)
    nomination = nominate(campaign, "837", LEARNING, person=person_in(deep))
    assert nomination.person.employments.get().organisation == deep


@pytest.mark.parametrize("kind", [Organisation.Kind.OTHER, Organisation.Kind.OT_CENTRE])
def test_it_names_a_wellbeing_services_unit_for_pupil_welfare_only(campaign, kind):
    unit = organisation_in("837", kind, "Pirkanmaan hyvinvointialue, koulukuraattorit")
    kuraattori = person_in(unit, given_name="Kaisa", family_name="Kuraattori")
    with pytest.raises(ValidationError):
        nominate(campaign, "837", LEARNING, person=kuraattori)
    assert nominate(campaign, "837", WELFARE, person=kuraattori).person == kuraattori


def test_it_offers_only_the_municipalitys_own_people_and_units_on_the_form(
    client, login, municipal_admin, campaign, tampere_provider, tampere_employee
):
    university = organisation_in("837", Organisation.Kind.UNIVERSITY, "Tampereen yliopisto")
    person_in(university, given_name="Tiina", family_name="Tutkija")
    welfare = organisation_in("837", Organisation.Kind.OTHER, "Pirkanmaan hyvinvointialue")
    login(client, municipal_admin)

    form = client.get(nominate_url(campaign, "837")).context["form"]
    organisations = set(form.fields["organisation"].queryset)
    assert tampere_provider in organisations
    assert welfare in organisations
    assert university not in organisations

    response = client.post(nominate_url(campaign, "837"), existing("Tiina"))
    assert response.status_code == 302  # the researcher is not found: Tiina Tuki is
    assert Nomination.objects.get().person == tampere_employee


# --- When nominations are open ----------------------------------------------------------------


@pytest.fixture
def future_campaign(reference_data):
    today = timezone.localdate()
    return make_campaign(
        name_en="Next year's contacts",
        starts_on=today + datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=100),
        deadline=today + datetime.timedelta(days=40),
    )


def test_it_refuses_nominations_before_the_campaign_starts(
    client, login, municipal_admin, future_campaign, tampere_employee
):
    login(client, municipal_admin)
    page = client.get(nominate_url(future_campaign, "837")).content.decode()
    assert "The campaign has not started yet; nominations open on" in page
    counts = Counts()
    response = client.post(nominate_url(future_campaign, "837"), existing("Tiina Tuki"))
    [error] = errors_of(response)
    assert error.startswith("The campaign has not started yet; nominations open on")
    assert counts.unchanged()
    contacts = client.get(contacts_url(future_campaign, "837"))
    assert contacts.context["may_nominate"] is False


def test_it_refuses_to_withdraw_after_the_campaign_has_ended(
    client, login, municipal_admin, campaign, tampere_employee
):
    nomination = nominate(campaign, "837", WELFARE, person=tampere_employee)
    Campaign.objects.filter(pk=campaign.pk).update(
        starts_on=timezone.localdate() - datetime.timedelta(days=100),
        deadline=timezone.localdate() - datetime.timedelta(days=50),
        ends_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    nomination.refresh_from_db()
    login(client, municipal_admin)

    with pytest.raises(ValidationError, match="The campaign has ended"):
        services.nomination_withdraw(actor=municipal_admin, nomination=nomination)
    page = client.get(contacts_url(campaign, "837"))
    assert page.context["may_withdraw"] is False
    assert reverse("vipu:nomination_withdraw", args=[nomination.pk]) not in page.content.decode()
    response = client.post(
        reverse("vipu:nomination_withdraw", args=[nomination.pk]), {"confirm": "yes"}, follow=True
    )
    assert "The campaign has ended; nominations are closed." in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.is_current


def test_a_campaign_is_open_from_its_first_day_to_its_last():
    day = datetime.date(2026, 3, 1)
    campaign = Campaign(starts_on=day, ends_on=day + datetime.timedelta(days=30))
    assert not campaign.is_open(day - datetime.timedelta(days=1))
    assert campaign.is_open(day)
    assert campaign.is_open(day + datetime.timedelta(days=30))
    assert not campaign.is_open(day + datetime.timedelta(days=31))


# --- The service's own guards -----------------------------------------------------------------


def test_a_replacement_keeps_the_slot_of_the_contact_it_replaces(campaign, tampere_employee):
    old = nominate(campaign, "837", WELFARE, person=tampere_employee)
    counts = Counts()
    for responsibility, language in ((LEARNING, "fi"), (WELFARE, "sv")):
        with pytest.raises(ValidationError, match="A replacement takes over the task"):
            services.nomination_make(
                actor=None,
                campaign=campaign,
                municipality=old.municipality,
                person=tampere_employee,
                responsibility=responsibility,
                language=language,
                replaces=old,
            )
    assert counts.unchanged()
    old.refresh_from_db()
    assert old.is_current


def test_the_service_refuses_alands_municipalities(campaign):
    aland = Municipality.objects.get(code="478")
    person = person_in(organisation_in("478", Organisation.Kind.MUNICIPALITY, "Mariehamns stad"))
    counts = Counts()
    with pytest.raises(ValidationError, match="Åland's municipalities are not part of"):
        services.nomination_make(
            actor=None,
            campaign=campaign,
            municipality=aland,
            person=person,
            responsibility=LEARNING,
            language="sv",
        )
    assert counts.unchanged()


def test_a_nomination_for_a_slot_filled_meanwhile_is_refused_not_a_crash(
    campaign, tampere_provider, tampere_employee, monkeypatch
):
    first = nominate(campaign, "837", LEARNING, person=tampere_employee)
    # As if the first nomination was committed after the second one's checks ran
    # (on SQLite the municipality lock does not hold the other writer back).
    monkeypatch.setattr(services, "_occupant", _occupied_once_hidden(services._occupant))
    monkeypatch.setattr(Nomination, "validate_constraints", lambda self, exclude=None: None)
    second = person_in(tampere_provider)
    counts = Counts()
    with pytest.raises(ValidationError) as raised:
        nominate(campaign, "837", LEARNING, person=second)
    assert raised.value.message_dict == {
        "responsibility": [
            "Tiina Tuki is already the contact for this task and language; replace them instead."
        ]
    }
    assert Nomination.objects.get() == first
    assert counts.unchanged()


def _occupied_once_hidden(occupant):
    calls = {"n": 0}

    def hide_first(*args):
        calls["n"] += 1
        return None if calls["n"] == 1 else occupant(*args)

    return hide_first


# --- Mail --------------------------------------------------------------------------------------


class FailingMailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPException("the mail server is down")


FAILING_MAILERS = {"default": {"BACKEND": f"{__name__}.FailingMailBackend", "OPTIONS": {}}}


def test_a_failing_mail_server_does_not_undo_the_nomination(
    client, login, municipal_admin, campaign, tampere_employee, settings, caplog,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    settings.MAILERS = FAILING_MAILERS
    login(client, municipal_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(nominate_url(campaign, "837"), existing("Tiina Tuki"))
    assert response.status_code == 302
    assert Nomination.objects.get().person == tampere_employee
    assert "the mail server is down" in caplog.text


def test_it_says_so_when_the_nominee_has_no_email_to_be_told_at(
    client, login, municipal_admin, campaign, tampere_provider, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    person_in(tampere_provider, given_name="Erkki", family_name="Postiton")
    Person.objects.filter(family_name="Postiton").update(email="")
    login(client, municipal_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            nominate_url(campaign, "837"), existing("Erkki Postiton"), follow=True
        )
    html = response.content.decode()
    assert "Erkki Postiton is now a contact person of Tampere." in html
    assert "was told by e-mail" not in html
    assert "let them know yourself" in html
    assert mailoutbox == []


# --- Pages with contact details are never cached -------------------------------------------------


def test_pages_with_contact_details_are_not_stored_by_browsers_or_proxies(
    client, login, municipal_admin, campaign, tampere_employee
):
    nomination = nominate(campaign, "837", WELFARE, person=tampere_employee)
    login(client, municipal_admin)
    responses = [
        client.get(contacts_url(campaign, "837")),
        client.get(nominate_url(campaign, "837")),
        client.get(reverse("vipu:nomination_replace", args=[nomination.pk])),
        client.post(reverse("vipu:nomination_withdraw", args=[nomination.pk])),
    ]
    for response in responses:
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


# --- Private providers and teacher-training schools ----------------------------------------------


@pytest.fixture
def provider(reference_data):
    return organisation_in("837", Organisation.Kind.PRIVATE_PROVIDER, "Yksityiskoulu Oy")


@pytest.fixture
def provider_admin(provider):
    user = make_user("rehtori@yksityiskoulu.example", "Reija", "Rehtori")
    account_services.role_grant(
        actor=None, user=user, role=Role.MUNICIPAL_ADMIN, organisation=provider
    )
    return user


@pytest.fixture
def provider_teacher(provider):
    return person_in(
        provider, email="pekka@yksityiskoulu.example", given_name="Pekka", family_name="Opettaja"
    )


def test_a_provider_admin_sees_and_names_their_providers_contacts_only(
    client, login, provider_admin, provider, provider_teacher, campaign, tampere_employee
):
    nominate(campaign, "837", LEARNING, person=tampere_employee)
    other = organisation_in("837", Organisation.Kind.TEACHER_TRAINING_SCHOOL, "Normaalikoulu")
    login(client, provider_admin)

    page = client.get(contacts_url(campaign, "837"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Yksityiskoulu Oy" in html
    assert "Not named" in html
    assert "Tiina Tuki" not in html  # the municipality's own contact
    assert "Normaalikoulu" not in html
    assert "The municipality's contacts" not in html

    form = client.get(nominate_url(campaign, "837")).context["form"]
    assert list(form.fields["provider"].queryset) == [provider]
    assert form.fields["provider"].required
    assert list(form.fields["organisation"].queryset) == [provider]

    refused = client.post(nominate_url(campaign, "837"), existing("Tiina Tuki", provider=other.pk))
    assert "provider" in refused.context["form"].errors
    response = client.post(
        nominate_url(campaign, "837"), existing("Pekka Opettaja", provider=provider.pk)
    )
    assert response.status_code == 302
    assert Nomination.objects.get(provider=provider).person == provider_teacher
    assert "Named" in client.get(contacts_url(campaign, "837")).content.decode()


def test_a_provider_admin_cannot_touch_the_municipalitys_contacts(
    client, login, provider_admin, campaign, tampere_employee, provider_teacher
):
    municipal = nominate(campaign, "837", LEARNING, person=tampere_employee)
    login(client, provider_admin)
    assert client.get(reverse("vipu:nomination_replace", args=[municipal.pk])).status_code == 404
    withdraw = reverse("vipu:nomination_withdraw", args=[municipal.pk])
    assert client.post(withdraw, {"confirm": "yes"}).status_code == 404
    assert client.get(contacts_url(campaign, "091")).status_code == 404
    export = reverse("vipu:contacts_export", args=[campaign.pk, "csv"])
    assert client.get(export).status_code == 404


def test_a_provider_admin_replaces_and_withdraws_their_providers_contact(
    client, login, provider_admin, provider, provider_teacher, campaign
):
    nomination = nominate(campaign, "837", LEARNING, person=provider_teacher, provider=provider)
    login(client, provider_admin)
    assert client.get(reverse("vipu:nomination_replace", args=[nomination.pk])).status_code == 200
    response = client.post(
        reverse("vipu:nomination_withdraw", args=[nomination.pk]), {"confirm": "yes"}
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert not nomination.is_current


def test_a_provider_names_at_most_two_contacts(campaign, provider):
    nominate(campaign, "837", LEARNING, "fi", provider=provider)
    nominate(campaign, "837", WELFARE, "fi", provider=provider)
    third = person_in(provider)
    counts = Counts()
    with pytest.raises(ValidationError) as raised:
        nominate(campaign, "837", LEARNING, "sv", provider=provider, person=third)
    assert raised.value.messages == [
        "A provider names one contact, a second is optional: at most two."
    ]
    assert counts.unchanged()


def test_the_contacts_page_shows_whether_each_provider_has_named_its_contact(
    client, login, municipal_admin, campaign, provider
):
    organisation_in("837", Organisation.Kind.TEACHER_TRAINING_SCHOOL, "Normaalikoulu")
    nominate(campaign, "837", LEARNING, provider=provider)
    login(client, municipal_admin)
    sections = client.get(contacts_url(campaign, "837")).context["contacts"].providers
    assert {s.provider.name: s.is_named for s in sections} == {
        "Normaalikoulu": False,
        "Yksityiskoulu Oy": True,
    }
