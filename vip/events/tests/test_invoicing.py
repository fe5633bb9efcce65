"""The invoicing list of a paid event: exact VAT figures, totals and exports."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook

from vip.audit.models import AuditAction, AuditEvent
from vip.events.models import Event, Registration
from vip.events.selectors.participants import invoicing_list, split_price
from vip.events.tests.builders import make_event, register

pytestmark = pytest.mark.django_db


def invoicing_url(event: Event) -> str:
    return f"/en/events/{event.pk}/invoicing/"


def export_url(event: Event, fmt: str) -> str:
    return f"/en/events/{event.pk}/invoicing.{fmt}"


@pytest.fixture
def paid(reference_data):
    """Member organisations pay 80.00 €, others 120.00 €, VAT 25.5 % included."""
    return make_event(is_paid=True, capacity=4, waiting_list_capacity=2)


def register_paid(event: Event, group_name: str, **values: Any) -> Registration:
    values.setdefault("billing_organisation", "Tampereen kaupunki")
    values.setdefault("billing_reference", "VIP-2025")
    values.setdefault("billing_address", "PL 487\n33101 Tampere")
    return register(event, price_group=event.price_groups.get(name_fi=group_name), **values)


@pytest.fixture
def billed(paid):
    return {
        "maija": register_paid(paid, "Jäsenorganisaatio", given_name="Maija", family_name="M"),
        "aino": register_paid(paid, "Jäsenorganisaatio", given_name="Aino", family_name="A"),
        "ville": register_paid(
            paid, "Muu", given_name="Ville", family_name="V", billing_organisation="Aalto"
        ),
        "kalle": register_paid(paid, "Muu", given_name="Kalle", family_name="K"),
        # Waiting: not invoiced.
        "liisa": register_paid(paid, "Muu", given_name="Liisa", family_name="L"),
    }


@pytest.mark.parametrize(
    ("gross", "rate", "vat", "net"),
    [
        # 80 × 25.5 / 125.5 = 16.2549…
        ("80.00", "25.5", "16.25", "63.75"),
        # 120 × 25.5 / 125.5 = 24.3824…
        ("120.00", "25.5", "24.38", "95.62"),
        # Exactly half a cent: up, not to the even cent (5.025 → 5.03, not 5.02).
        ("10.05", "100", "5.03", "5.02"),
        # 0.60 × 60 / 160 = 0.225 → 0.23
        ("0.60", "60", "0.23", "0.37"),
        ("99.00", "0", "0.00", "99.00"),
        ("0.00", "24", "0.00", "0.00"),
    ],
)
def test_it_splits_a_price_into_vat_and_net_exactly(gross, rate, vat, net):
    price = split_price(Decimal(gross), Decimal(rate))
    assert (price.vat, price.net) == (Decimal(vat), Decimal(net))
    assert price.vat + price.net == Decimal(gross)


def test_it_lists_confirmed_paid_registrations_with_totals_per_group_and_overall(paid, billed):
    listing = invoicing_list(paid)
    assert sorted(row.registration.given_name for row in listing.rows) == [
        "Aino",
        "Kalle",
        "Maija",
        "Ville",
    ]
    member, other = listing.groups
    assert (member.group.name_fi, member.count, member.gross, member.vat, member.net) == (
        "Jäsenorganisaatio",
        2,
        Decimal("160.00"),
        Decimal("32.50"),
        Decimal("127.50"),
    )
    assert (other.group.name_fi, other.count, other.gross, other.vat, other.net) == (
        "Muu",
        2,
        Decimal("240.00"),
        Decimal("48.76"),
        Decimal("191.24"),
    )
    assert (listing.count, listing.gross, listing.vat, listing.net) == (
        4,
        Decimal("400.00"),
        Decimal("81.26"),
        Decimal("318.74"),
    )
    # The totals are the sums of the rows, to the cent.
    assert sum(row.price.vat for row in listing.rows) == listing.vat
    assert sum(row.price.net for row in listing.rows) == listing.net


def test_it_can_list_only_those_marked_present(paid, billed):
    Registration.objects.filter(pk__in=[billed["maija"].pk, billed["ville"].pk]).update(
        attended=True
    )
    Registration.objects.filter(pk=billed["aino"].pk).update(attended=False)
    listing = invoicing_list(paid, attended_only=True)
    assert sorted(row.registration.given_name for row in listing.rows) == ["Maija", "Ville"]
    assert (listing.count, listing.gross, listing.vat) == (2, Decimal("200.00"), Decimal("40.63"))


def test_the_page_shows_billing_details_prices_and_totals(
    client, login, national_admin, paid, billed, django_assert_max_num_queries
):
    login(client, national_admin)
    with django_assert_max_num_queries(12):
        response = client.get(invoicing_url(paid))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-current="page">Invoicing<' in html
    assert "Tampereen kaupunki" in html
    assert "VIP-2025" in html
    assert "PL 487<br>33101 Tampere" in html
    assert "80.00 €" in html
    assert "16.25 €" in html
    assert "63.75 €" in html
    assert "25.5 %" in html
    assert "400.00 €" in html
    assert "81.26 €" in html
    assert "318.74 €" in html
    assert "Liisa" not in html
    assert "no-store" in response["Cache-Control"]  # billing details stay out of caches
    only_present = client.get(invoicing_url(paid), {"who": "attended"})
    assert only_present.context["invoicing"].count == 0


def test_finnish_pages_write_amounts_with_a_decimal_comma(
    client, login, national_admin, paid, billed
):
    login(client, national_admin)
    html = client.get(f"/events/{paid.pk}/invoicing/").content.decode()
    assert "16,25 €" in html
    assert "25,5 %" in html


def test_it_exports_the_invoicing_list_as_csv_and_xlsx_and_audits_it(
    client, login, national_admin, paid, billed
):
    login(client, national_admin)
    response = client.get(export_url(paid, "csv"))
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Billing organisation", "Billing reference", "Billing address"]
    assert rows[0][8:12] == ["Price (EUR, VAT included)", "VAT rate (%)", "VAT (EUR)", "Net (EUR)"]
    ville = next(row for row in rows if row[4] == "Ville")
    assert ville[0] == "Aalto"
    assert ville[8:12] == ["120.00", "25.5", "24.38", "95.62"]
    assert len(rows) == 5

    workbook = client.get(export_url(paid, "xlsx"), {"who": "attended"})
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    assert sheet.max_row == 1  # nobody is marked present yet: the header only

    audits = AuditEvent.objects.filter(action=AuditAction.PARTICIPANTS_EXPORTED).order_by("pk")
    assert [audit.details for audit in audits] == [
        {"table": "invoicing", "format": "csv", "rows": 4, "filters": {}},
        {"table": "invoicing", "format": "xlsx", "rows": 0, "filters": {"attended_only": True}},
    ]


def test_an_export_with_a_mistyped_choice_is_refused_not_widened_to_everyone(
    client, login, national_admin, paid, billed
):
    login(client, national_admin)
    response = client.get(export_url(paid, "csv"), {"who": "attendd"})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "Who is invoiced: Select a valid choice. attendd is not one of the available choices.\n"
    )
    assert not AuditEvent.objects.filter(action=AuditAction.PARTICIPANTS_EXPORTED).exists()


def test_a_free_event_has_no_invoicing(client, login, national_admin, reference_data):
    free = make_event()
    login(client, national_admin)
    assert client.get(invoicing_url(free)).status_code == 404
    assert client.get(export_url(free, "csv")).status_code == 404
    assert "Invoicing" not in client.get(f"/en/events/{free.pk}/participants/").content.decode()


def test_an_unknown_format_is_not_found_and_not_audited(client, login, national_admin, paid):
    login(client, national_admin)
    assert client.get(export_url(paid, "ods")).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.PARTICIPANTS_EXPORTED).exists()


def test_outsiders_and_other_areas_coordinators_get_nothing(
    client, login, outsider, coordinator, hyks
):
    other = make_event(is_paid=True, areas=[hyks])
    assert client.get(invoicing_url(other))["Location"].startswith("/en/accounts/login/")
    for user in (outsider, coordinator):
        login(client, user)
        assert client.get(invoicing_url(other)).status_code == 404
        assert client.get(export_url(other, "xlsx")).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.PARTICIPANTS_EXPORTED).exists()
