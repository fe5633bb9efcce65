"""Signing in and out: passwords, throttling, second factor, session lifetime."""

from __future__ import annotations

import time

import pytest
from django.test import override_settings
from django.urls import reverse

from vip.accounts import services, totp
from vip.accounts.middleware import SEEN_AT, SIGNED_IN_AT
from vip.accounts.models import TOTPDevice
from vip.accounts.roles import Role
from vip.audit.models import AuditAction, AuditEvent

# Messages are checked on the English pages; Finnish is the default language.
LOGIN = "/en/accounts/login/"
VERIFY = "/en/accounts/login/verify/"


def sign_in(client, email, password, **extra):
    return client.post(LOGIN, {"email": email, "password": password, **extra})


def events(action):
    return AuditEvent.objects.filter(action=action)


def enrol(user):
    device = services.totp_begin(user=user)
    services.totp_confirm(user=user, code=totp.hotp(device.secret, totp.current_step()))
    device.refresh_from_db()
    return device


def test_it_signs_in_with_email_and_password_and_audits_it(client, teacher, password):
    response = sign_in(client, "OPETTAJA@tampere.example ", password)

    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert client.session["_auth_user_id"] == str(teacher.pk)
    login = events(AuditAction.LOGIN).get()
    assert login.actor == teacher
    assert login.request_id


def test_it_returns_to_the_page_asked_for_but_never_to_another_site(client, teacher, password):
    assert sign_in(client, teacher.email, password, next="/organisations/")["Location"] == (
        "/organisations/"
    )
    client.post(reverse("accounts:logout"))
    response = sign_in(client, teacher.email, password, next="https://evil.example/")
    assert response["Location"] == "/en/"


def test_it_refuses_a_wrong_password_with_a_clear_message_and_audits_it(client, teacher):
    response = sign_in(client, teacher.email, "wrong password")

    assert response.status_code == 200
    assert "The e-mail address or the password is not correct." in response.content.decode()
    assert "_auth_user_id" not in client.session
    failure = events(AuditAction.LOGIN_FAILED).get()
    assert failure.actor is None
    assert failure.target_id == str(teacher.pk)
    # The typed address is kept only as a keyed hash, never as such.
    assert teacher.email not in str(failure.details)
    assert failure.details["identifier"] == services.identifier_hash(teacher.email)


def test_it_refuses_an_unknown_address_the_same_way(client, reference_data):
    response = sign_in(client, "nobody@example.com", "whatever password")
    assert "The e-mail address or the password is not correct." in response.content.decode()
    assert events(AuditAction.LOGIN_FAILED).count() == 1


def test_it_refuses_a_deactivated_user(client, teacher, password):
    teacher.is_active = False
    teacher.save()
    response = sign_in(client, teacher.email, password)
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


@override_settings(LOGIN_FAILURES_PER_ACCOUNT=5)
def test_it_throttles_an_account_after_repeated_failures(client, teacher, password):
    for _ in range(5):
        sign_in(client, teacher.email, "wrong password")

    response = sign_in(client, teacher.email, password)

    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert events(AuditAction.LOGIN_THROTTLED).count() == 1


@override_settings(LOGIN_FAILURES_PER_ADDRESS=3, LOGIN_FAILURES_PER_ACCOUNT=100)
def test_it_throttles_an_address_that_tries_many_accounts(client, teacher, password):
    for number in range(3):
        sign_in(client, f"guess{number}@example.com", "wrong password")
    response = sign_in(client, teacher.email, password)
    assert "Too many failed attempts" in response.content.decode()


def test_old_failures_do_not_count(client, teacher, password):
    for _ in range(5):
        sign_in(client, teacher.email, "wrong password")
    with override_settings(LOGIN_FAILURE_WINDOW=0):
        response = sign_in(client, teacher.email, password)
    assert response.status_code == 302


def test_sign_out_needs_a_post_and_is_audited(client, teacher, login):
    login(client, teacher)
    assert client.get(reverse("accounts:logout")).status_code == 405

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert events(AuditAction.LOGOUT).get().actor == teacher


def test_a_user_with_an_authenticator_must_enter_a_code(client, teacher, password):
    device = enrol(teacher)

    response = sign_in(client, teacher.email, password)
    assert response["Location"] == VERIFY
    assert "_auth_user_id" not in client.session

    code = totp.hotp(device.secret, totp.current_step() + 1)
    response = client.post(VERIFY, {"code": code})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(teacher.pk)
    assert client.session["vip_second_factor"] is True


def test_a_wrong_code_is_refused_and_audited(client, teacher, password):
    enrol(teacher)
    sign_in(client, teacher.email, password)

    response = client.post(VERIFY, {"code": "000000"})

    assert "The code is not correct" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert events(AuditAction.TWO_FACTOR_FAILED).count() == 1


def test_a_code_cannot_be_used_twice(client, teacher, password):
    device = enrol(teacher)
    code = totp.hotp(device.secret, totp.current_step() + 1)
    sign_in(client, teacher.email, password)
    client.post(VERIFY, {"code": code})
    client.post(reverse("accounts:logout"))

    sign_in(client, teacher.email, password)
    response = client.post(VERIFY, {"code": code})

    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


def test_a_recovery_code_works_once(client, teacher, password):
    device = services.totp_begin(user=teacher)
    codes = services.totp_confirm(user=teacher, code=totp.hotp(device.secret, totp.current_step()))
    sign_in(client, teacher.email, password)

    response = client.post(VERIFY, {"code": codes[0]})
    assert response.status_code == 302
    assert events(AuditAction.RECOVERY_CODE_USED).count() == 1

    client.post(reverse("accounts:logout"))
    sign_in(client, teacher.email, password)
    client.post(VERIFY, {"code": codes[0]})
    assert "_auth_user_id" not in client.session


def test_the_code_step_expires_after_five_minutes(client, teacher, password):
    enrol(teacher)
    sign_in(client, teacher.email, password)
    session = client.session
    session["vip_pending_at"] = int(time.time()) - 301
    session.save()

    response = client.get(VERIFY)

    assert response["Location"] == LOGIN


def test_the_verify_step_without_a_password_step_sends_to_sign_in(client, reference_data):
    assert client.get(VERIFY)["Location"] == LOGIN


def _age_session(client, **seconds_ago):
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


@pytest.mark.parametrize(
    ("key", "age"),
    [(SEEN_AT, 31 * 60), (SIGNED_IN_AT, 12 * 60 * 60 + 1)],
    ids=["idle for 31 minutes", "signed in 12 hours ago"],
)
def test_a_session_ends_when_idle_or_too_old(client, teacher, login, key, age):
    login(client, teacher)
    _age_session(client, **{key: age})

    response = client.get("/en/account/")

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session
    assert events(AuditAction.SESSION_EXPIRED).get().actor == teacher


def test_activity_keeps_a_session_alive(client, teacher, login):
    login(client, teacher)
    _age_session(client, **{SEEN_AT: 25 * 60})
    assert client.get("/account/").status_code == 200
    assert int(time.time()) - client.session[SEEN_AT] < 5


@override_settings(TWO_FACTOR_REQUIRED_ROLES=[Role.STAFF])
def test_a_role_can_make_the_second_factor_mandatory(client, teacher, login):
    login(client, teacher)

    response = client.get("/en/organisations/")
    assert response["Location"] == "/en/account/two-step/"
    assert client.get("/api/v1/me").status_code == 403

    device = services.totp_begin(user=teacher)
    response = client.post(
        "/en/account/two-step/", {"code": totp.hotp(device.secret, totp.current_step())}
    )

    assert response.status_code == 200
    assert "Save your recovery codes" in response.content.decode()
    assert client.get("/organisations/").status_code == 200


def test_setting_up_the_authenticator_needs_a_correct_code(client, teacher, login):
    login(client, teacher)
    page = client.get("/en/account/two-step/")
    secret = TOTPDevice.objects.get(user=teacher).secret
    assert secret in page.content.decode()
    assert "<svg" in page.content.decode()

    response = client.post("/en/account/two-step/", {"code": "123456"})

    assert "The code is not correct" in response.content.decode()
    assert TOTPDevice.objects.get(user=teacher).confirmed_at is None
    assert not events(AuditAction.TWO_FACTOR_ENABLED).exists()


def test_turning_off_the_authenticator_is_audited(client, teacher, login):
    enrol(teacher)
    login(client, teacher, second_factor=True)

    client.post("/account/two-step/disable/")

    assert not TOTPDevice.objects.filter(user=teacher).exists()
    assert events(AuditAction.TWO_FACTOR_DISABLED).count() == 1


@override_settings(TWO_FACTOR_REQUIRED_ROLES=[Role.STAFF])
def test_a_required_authenticator_cannot_be_turned_off(client, teacher, login):
    enrol(teacher)
    login(client, teacher, second_factor=True)
    client.post("/account/two-step/disable/")
    assert TOTPDevice.objects.filter(user=teacher).exists()


def test_the_authenticator_secret_is_encrypted_at_rest(teacher):
    from django.db import connection

    device = enrol(teacher)
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM accounts_totpdevice WHERE id = %s", [device.pk])
        stored = cursor.fetchone()[0]
    assert stored != device.secret
    assert device.secret not in stored


def test_totp_matches_the_rfc_6238_test_vectors():
    import base64

    secret = base64.b32encode(b"12345678901234567890").decode()
    assert totp.hotp(secret, 59 // 30, digits=8) == "94287082"
    assert totp.hotp(secret, 1111111109 // 30, digits=8) == "07081804"
    assert totp.hotp(secret, 20000000000 // 30, digits=8) == "65353130"
