"""The page shell: languages, security headers, error pages, health checks."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from vip.core import views


def test_finnish_is_the_default_and_swedish_and_english_have_their_own_addresses(
    client, reference_data
):
    assert client.get("/")["Content-Language"] == "fi"
    assert client.get("/sv/")["Content-Language"] == "sv"
    assert client.get("/en/")["Content-Language"] == "en"
    assert '<html lang="sv"' in client.get("/sv/").content.decode()


def test_an_unknown_language_code_is_not_a_page(client, reference_data):
    assert client.get("/de/").status_code == 404
    assert client.get("/xx/municipalities/").status_code == 404


def test_the_language_switcher_keeps_the_current_page(client, reference_data):
    page = client.get("/municipalities/837/?x=1").content.decode()
    assert 'href="/sv/municipalities/837/?x=1"' in page
    assert 'href="/en/municipalities/837/?x=1"' in page
    page = client.get("/sv/municipalities/837/").content.decode()
    assert 'href="/municipalities/837/"' in page


def test_every_page_carries_the_security_headers(client, reference_data):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_have_no_inline_script(client, reference_data):
    import re

    page = client.get("/").content.decode()
    for tag in re.findall(r"<script[^>]*>", page):
        assert "src=" in tag, tag


@pytest.mark.parametrize(("prefix", "language"), [("", "fi"), ("/sv", "sv"), ("/en", "en")])
def test_the_not_found_page_speaks_the_language_of_the_address(
    client, reference_data, prefix, language
):
    response = client.get(f"{prefix}/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Language"] == language
    assert f'<html lang="{language}"' in response.content.decode()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_server_error_page_renders_without_the_database(language):
    from django.utils import translation

    request = RequestFactory().get("/")
    request.LANGUAGE_CODE = language
    with translation.override(language):
        response = views.server_error(request)
    assert response.status_code == 500
    assert f'<html lang="{language}"' in response.content.decode()


def test_a_forbidden_page_and_an_expired_form_have_pages(rf, reference_data):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/en/")
    request.user = AnonymousUser()
    assert views.permission_denied(request).status_code == 403
    assert views.csrf_failure(request).status_code == 403


def test_health_checks_answer(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ok"}
    assert client.head("/healthz").status_code == 200


@pytest.fixture
def readiness_unverified(monkeypatch):
    # The migration check runs once per process; earlier requests may have passed it.
    monkeypatch.setattr(views, "_migrations_verified", False)


def test_readiness_fails_while_migrations_are_pending(
    client, db, monkeypatch, readiness_unverified
):
    from django.db.migrations.executor import MigrationExecutor

    def plan_with_one_migration(self, targets, clean_start=False):
        migration = self.loader.graph.nodes[self.loader.graph.leaf_nodes()[0]]
        return [(migration, False)]

    monkeypatch.setattr(MigrationExecutor, "migration_plan", plan_with_one_migration)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "reason": "migrations pending",
        "pending": 1,
    }
    # Not remembered as verified: the next check looks again.
    assert views._migrations_verified is False
    assert response["Cache-Control"].startswith("max-age=0")


def test_readiness_fails_when_the_database_does_not_answer(
    client, db, monkeypatch, readiness_unverified
):
    from django.db import OperationalError, connection

    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    # Only around the requests: the test database's own teardown needs the connection.
    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", unreachable)
        response = client.get("/readyz")
        # The liveness check touches no database and still answers.
        alive = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "reason": "database unreachable"}
    assert alive.status_code == 200


def test_the_accessibility_statement_promises_an_answer_in_14_days(client, reference_data):
    for prefix, words in (("", "14 päivän"), ("/sv", "14 dagar"), ("/en", "14 days")):
        page = client.get(f"{prefix}/accessibility/").content.decode()
        assert words in page, prefix
        assert "saavutettavuusvaatimukset.fi" in page


def test_the_privacy_notice_names_the_controller(client, reference_data):
    assert "Opetushallitus" in client.get("/privacy/").content.decode()


def test_the_language_switcher_of_the_not_found_page_keeps_the_address(client, db):
    # No route matched: there is no address of the page in another language to offer.
    page = client.get("/no-such-page/?x=1").content.decode()
    assert 'href="/no-such-page/?x=1" rel="alternate" lang="sv"' in page


def test_the_header_escapes_the_address_and_the_users_name(client, reference_data, login):
    html = client.get("/materials/?q=<b>&kind=report").content.decode()
    assert 'href="/accounts/login/?next=/materials/%3Fq%3D%253Cb%253E%26kind%3Dreport"' in html
    from vip.accounts.models import User

    user = User.objects.create_user(
        email="x@example.fi", password="x" * 20, given_name="<i>Tiina</i>", family_name="& co"
    )
    login(client, user)
    html = client.get("/en/materials/").content.decode()
    assert '&lt;i&gt;Tiina&lt;/i&gt; &amp; co<span class="govuk-visually-hidden">' in html
    assert 'name="csrfmiddlewaretoken" value="' in html
