"""A municipality's contact persons: who may see and name them, and naming, replacing and
withdrawing them with every kind of bad input."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from vip.audit.models import AuditAction, AuditEvent
from vip.network.models import Employment, Person
from vip.registry.models import Municipality, Organisation
from vip.vipu import services
from vip.vipu.models import Nomination
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
         "person": tampere_employee.pk},
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
             "person": tampere_employee.pk},
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


def test_it_refuses_a_nominee_from_another_municipality_and_writes_nothing(
    client, login, municipal_admin, campaign, tampere_provider, helsinki_employee
):
    login(client, municipal_admin)
    counts = Counts()
    response = client.post(
        nominate_url(campaign, "837"),
        new_person(email=helsinki_employee.email, organisation=tampere_provider.pk),
    )
    assert errors_of(response) == [
        "Hanna Hel does not work in Tampere: the contact person must be employed by the "
        "municipality or one of its units."
    ]
    assert "does not work in Tampere" in response.content.decode()
    assert counts.unchanged()


def test_it_offers_only_people_of_the_municipality_to_choose_from(
    client, login, municipal_admin, campaign, tampere_employee, helsinki_employee
):
    login(client, municipal_admin)
    response = client.get(nominate_url(campaign, "837"))
    people = list(response.context["form"].fields["person"].queryset)
    assert people == [tampere_employee]
    counts = Counts()
    response = client.post(
        nominate_url(campaign, "837"),
        {"responsibility": LEARNING, "language": "fi", "nominee": "existing",
         "person": helsinki_employee.pk},
    )  # fmt: skip
    assert errors_of(response) == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert counts.unchanged()


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


def test_it_asks_which_person_when_none_is_chosen(
    client, login, municipal_admin, campaign, tampere_employee
):
    login(client, municipal_admin)
    response = client.post(
        nominate_url(campaign, "837"),
        {"responsibility": LEARNING, "language": "fi", "nominee": "existing"},
    )
    assert errors_of(response) == ["Choose the person to name."]


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
    teacher = person_in(provider, email="pekka@yksityiskoulu.example")
    login(client, municipal_admin)
    counts = Counts()
    response = client.post(
        nominate_url(campaign, "837"),
        {"responsibility": LEARNING, "language": "fi", "provider": provider.pk,
         "nominee": "existing", "person": tampere_employee.pk},
    )  # fmt: skip
    assert errors_of(response) == ["The contact person must work for Yksityiskoulu Oy."]
    assert counts.unchanged()

    response = client.post(
        nominate_url(campaign, "837"),
        {"responsibility": LEARNING, "language": "fi", "provider": provider.pk,
         "nominee": "existing", "person": teacher.pk},
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
