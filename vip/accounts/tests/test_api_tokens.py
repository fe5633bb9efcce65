"""Personal API tokens: created once, stored hashed, scoped, expiring, revocable."""

from __future__ import annotations

import datetime
import re

from django.utils import timezone

from vip.accounts import services
from vip.accounts.models import ApiToken
from vip.audit.models import AuditAction, AuditEvent

TOKENS = "/en/account/tokens/"


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def issue(user, days=30):
    return services.api_token_create(
        user=user,
        name="Integraatio",
        scopes=[ApiToken.Scope.PROFILE_READ],
        expires_on=timezone.localdate() + datetime.timedelta(days=days),
    )


def test_a_token_is_shown_once_and_stored_only_as_a_hash(client, login, teacher):
    login(client, teacher)
    response = client.post(
        TOKENS, {"name": "Raportointi", "scopes": ["profile:read"], "expires_on": "1.1.2027"}
    )

    plaintext = re.search(r"vip_[0-9a-f]{12}_[\w-]+", response.content.decode()).group(0)
    token = ApiToken.objects.get(user=teacher)
    assert token.token_hash != plaintext
    assert plaintext not in str(ApiToken.objects.values_list().get())
    assert plaintext not in client.get(TOKENS).content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.API_TOKEN_CREATED, actor=teacher).exists()


def test_a_token_reads_the_profile_over_the_api(client, teacher):
    issued = issue(teacher)
    response = client.get("/api/v1/me", **bearer(issued.plaintext))
    assert response.status_code == 200
    body = response.json()
    assert body["email"] == teacher.email
    assert body["roles"][0]["role"] == "staff"
    issued.token.refresh_from_db()
    assert issued.token.last_used_at is not None


def test_the_browser_session_also_reads_the_profile(client, login, teacher):
    login(client, teacher)
    assert client.get("/api/v1/me").json()["email"] == teacher.email


def test_without_credentials_the_api_answers_401_problem(client, reference_data):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_an_expired_token_is_refused_with_the_reason(client, teacher):
    issued = issue(teacher)
    ApiToken.objects.filter(pk=issued.token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.get("/api/v1/me", **bearer(issued.plaintext))
    assert response.status_code == 401
    assert response.json()["detail"] == "The token has expired."


def test_a_revoked_token_is_refused_with_the_reason(client, login, teacher):
    issued = issue(teacher)
    login(client, teacher)
    client.post(f"{TOKENS}{issued.token.pk}/revoke/")
    client.logout()

    response = client.get("/api/v1/me", **bearer(issued.plaintext))

    assert response.status_code == 401
    assert response.json()["detail"] == "The token has been revoked."
    assert AuditEvent.objects.filter(action=AuditAction.API_TOKEN_REVOKED).exists()


def test_a_tampered_token_is_refused(client, teacher):
    issued = issue(teacher)
    response = client.get("/api/v1/me", **bearer(issued.plaintext[:-2] + "xx"))
    assert response.status_code == 401
    assert response.json()["detail"] == "The token is not valid."


def test_a_token_without_the_scope_is_refused_with_403(client, teacher):
    issued = issue(teacher)
    ApiToken.objects.filter(pk=issued.token.pk).update(scopes=[])
    response = client.get("/api/v1/me", **bearer(issued.plaintext))
    assert response.status_code == 403
    assert "profile:read" in response.json()["detail"]


def test_a_token_of_a_deactivated_user_is_refused(client, teacher):
    issued = issue(teacher)
    teacher.is_active = False
    teacher.save()
    assert client.get("/api/v1/me", **bearer(issued.plaintext)).status_code == 401


def test_someone_elses_token_cannot_be_revoked(client, login, teacher, outsider):
    issued = issue(teacher)
    login(client, outsider)
    assert client.post(f"{TOKENS}{issued.token.pk}/revoke/").status_code == 404
    issued.token.refresh_from_db()
    assert issued.token.revoked_at is None


def test_expiry_must_be_within_a_year_and_in_the_future(client, login, teacher):
    login(client, teacher)
    far = (timezone.localdate() + datetime.timedelta(days=400)).strftime("%d.%m.%Y")
    response = client.post(TOKENS, {"name": "X", "scopes": ["profile:read"], "expires_on": far})
    assert "A token can be valid for at most 365 days." in response.content.decode()
    response = client.post(
        TOKENS, {"name": "X", "scopes": ["profile:read"], "expires_on": "1.1.2020"}
    )
    assert "The expiry date must be in the future." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_token_needs_a_scope(client, login, teacher):
    login(client, teacher)
    response = client.post(TOKENS, {"name": "X", "expires_on": "1.1.2027"})
    assert "Choose at least one scope." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_token_page_needs_sign_in(client, reference_data):
    assert client.get(TOKENS)["Location"].startswith("/en/accounts/login/")
