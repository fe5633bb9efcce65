"""Contact campaigns: the public list, and creating and editing them as a national admin."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from vip.audit.models import AuditAction, AuditEvent
from vip.vipu.models import Campaign
from vip.vipu.selectors import current_campaign
from vip.vipu.tests.vipu_builders import make_campaign, nominate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def campaign_data(**values):
    return {
        "name_fi": "VIPU-yhdyshenkilöt 2022",
        "name_sv": "VIPU-kontaktpersoner 2022",
        "name_en": "VIPU contacts 2022",
        "starts_on": "1.3.2022",
        "ends_on": "31.12.2022",
        "deadline": "26.5.2022",
        "requirements": "Name *two* contacts.",
        **values,
    }


def test_it_lists_campaigns_publicly_with_their_contact_counts(client, reference_data):
    campaign = make_campaign()
    nominate(campaign, "837")
    response = client.get(reverse("vipu:campaign_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "VIPU contacts 2021" in html
    assert campaign.get_absolute_url() in html
    assert [c.contact_count for c in response.context["campaigns"]] == [1]
    assert reverse("vipu:campaign_create") not in html


def test_it_lets_a_national_admin_create_a_campaign(client, login, national_admin):
    login(client, national_admin)
    assert (
        reverse("vipu:campaign_create")
        in client.get(reverse("vipu:campaign_list")).content.decode()
    )
    response = client.post(reverse("vipu:campaign_create"), campaign_data())
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == campaign.get_absolute_url()
    assert (campaign.starts_on, campaign.ends_on, campaign.deadline) == (
        datetime.date(2022, 3, 1),
        datetime.date(2022, 12, 31),
        datetime.date(2022, 5, 26),
    )
    assert campaign.name_sv == "VIPU-kontaktpersoner 2022"
    assert AuditEvent.objects.filter(action=AuditAction.CAMPAIGN_SAVED).count() == 1


def test_it_lets_a_national_admin_edit_a_campaign(client, login, national_admin):
    campaign = make_campaign()
    login(client, national_admin)
    url = reverse("vipu:campaign_edit", args=[campaign.pk])
    assert client.get(url).context["form"]["name_fi"].value() == "VIPU-yhdyshenkilöt 2021"
    response = client.post(url, campaign_data(name_fi="Uusi nimi"))
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.name_fi == "Uusi nimi"
    assert campaign.deadline == datetime.date(2022, 5, 26)


@pytest.mark.parametrize("who", ["coordinator", "municipal_admin", "outsider"])
def test_it_lets_no_one_else_create_or_edit_campaigns(client, login, request, who):
    campaign = make_campaign()
    login(client, request.getfixturevalue(who))
    assert client.get(reverse("vipu:campaign_create")).status_code == 404
    assert client.post(reverse("vipu:campaign_create"), campaign_data()).status_code == 404
    assert client.get(reverse("vipu:campaign_edit", args=[campaign.pk])).status_code == 404
    assert Campaign.objects.count() == 1


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        (
            {"ends_on": "28.2.2022"},
            "ends_on",
            "The campaign cannot end before it starts.",
        ),
        (
            {"deadline": "1.1.2023"},
            "deadline",
            "The deadline must fall within the campaign period.",
        ),
        (
            {"deadline": "28.2.2022"},
            "deadline",
            "The deadline must fall within the campaign period.",
        ),
        ({"starts_on": "31.2.2022"}, "starts_on", "Enter a valid date."),
        ({"name_fi": ""}, "name_fi", "This field is required."),
    ],
)
def test_it_explains_a_bad_campaign_and_saves_nothing(
    client, login, national_admin, values, field, message
):
    login(client, national_admin)
    events = AuditEvent.objects.count()
    response = client.post(reverse("vipu:campaign_create"), campaign_data(**values))
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert message in response.content.decode()
    assert not Campaign.objects.exists()
    assert AuditEvent.objects.count() == events


def _campaign_starting_in(days: int, name: str):
    today = timezone.localdate()
    starts = today + datetime.timedelta(days=days)
    return make_campaign(
        name_en=name,
        starts_on=starts,
        ends_on=starts + datetime.timedelta(days=60),
        deadline=starts + datetime.timedelta(days=30),
    )


def test_the_current_campaign_is_the_latest_that_has_started_not_an_announced_one(
    reference_data,
):
    running = _campaign_starting_in(-10, "Running")
    _campaign_starting_in(-400, "Last year's")
    _campaign_starting_in(30, "Announced")
    assert current_campaign() == running


def test_before_any_campaign_has_started_the_earliest_upcoming_one_is_current(reference_data):
    assert current_campaign() is None
    _campaign_starting_in(90, "Later")
    sooner = _campaign_starting_in(30, "Sooner")
    assert current_campaign() == sooner


def test_the_dashboard_shows_the_running_campaign_while_the_next_is_announced(
    client, reference_data
):
    _campaign_starting_in(-10, "Running")
    _campaign_starting_in(30, "Announced")
    html = client.get(reverse("vipu:coverage")).content.decode()
    assert "Running" in html
    assert "Announced" not in html
