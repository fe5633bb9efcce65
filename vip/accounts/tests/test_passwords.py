"""Choosing, resetting and changing passwords; invitations."""

from __future__ import annotations

import re

from django.core import mail

from vip.accounts import services
from vip.accounts.roles import Role
from vip.audit.models import AuditAction, AuditEvent


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_a_password_reset_mails_a_link_that_sets_a_new_password(client, teacher):
    response = client.post("/en/accounts/password-reset/", {"email": teacher.email})
    assert response["Location"] == "/en/accounts/password-reset/sent/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [teacher.email]

    form_url = client.get(link_in(mail.outbox[0]))["Location"]
    response = client.post(
        form_url,
        {"new_password1": "a fresh long passphrase", "new_password2": "a fresh long passphrase"},
    )

    assert response["Location"] == "/en/accounts/password-reset/done/"
    teacher.refresh_from_db()
    assert teacher.check_password("a fresh long passphrase")
    actions = set(
        AuditEvent.objects.filter(target_id=str(teacher.pk)).values_list("action", flat=True)
    )
    assert {AuditAction.PASSWORD_RESET_REQUESTED, AuditAction.PASSWORD_RESET_COMPLETED} <= actions


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, reference_data):
    response = client.post("/en/accounts/password-reset/", {"email": "nobody@example.com"})
    assert response["Location"] == "/en/accounts/password-reset/sent/"
    assert mail.outbox == []


def test_a_weak_new_password_is_refused_with_the_reason(client, teacher):
    client.post("/en/accounts/password-reset/", {"email": teacher.email})
    form_url = client.get(link_in(mail.outbox[0]))["Location"]

    response = client.post(form_url, {"new_password1": "short", "new_password2": "short"})

    assert response.status_code == 200
    assert "This password is too short" in response.content.decode()
    teacher.refresh_from_db()
    assert not teacher.check_password("short")


def test_changing_the_password_needs_the_old_one(client, teacher, login, password):
    login(client, teacher)
    response = client.post(
        "/en/account/password/",
        {
            "old_password": "not it",
            "new_password1": "another long passphrase",
            "new_password2": "another long passphrase",
        },
    )
    assert "Your old password was entered incorrectly" in response.content.decode()

    response = client.post(
        "/en/account/password/",
        {
            "old_password": password,
            "new_password1": "another long passphrase",
            "new_password2": "another long passphrase",
        },
    )
    assert response["Location"] == "/en/account/"
    teacher.refresh_from_db()
    assert teacher.check_password("another long passphrase")
    assert AuditEvent.objects.filter(action=AuditAction.PASSWORD_CHANGED, actor=teacher).exists()
    # The session survives the change.
    assert client.get("/account/").status_code == 200


def test_an_invitation_link_lets_the_new_user_choose_a_password(
    client, national_admin, tampere_school, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.user_invite(
            actor=national_admin,
            email="uusi@tampere.example",
            given_name="Uusi",
            family_name="Käyttäjä",
            language="sv",
            role=Role.STAFF,
            area=None,
            organisation=tampere_school,
            starts_on=None,
            ends_on=None,
        )
    # The mail goes out when the transaction commits, in the invitee's language.
    assert len(mail.outbox) == 1
    link = link_in(mail.outbox[0])
    assert link.startswith("/sv/accounts/invitation/")
    link = link.replace("/sv/", "/en/", 1)
    assert not user.has_usable_password()

    form_url = client.get(link)["Location"]
    client.post(
        form_url, {"new_password1": "my first passphrase", "new_password2": "my first passphrase"}
    )

    user.refresh_from_db()
    assert user.check_password("my first passphrase")
    # Once used, the link no longer works.
    assert "expired" in client.get(link, follow=True).content.decode()


def test_a_reset_link_is_not_an_invitation_link(client, teacher):
    client.post("/en/accounts/password-reset/", {"email": teacher.email})
    reset_link = link_in(mail.outbox[0])
    invitation_like = reset_link.replace("/password-reset/", "/invitation/")
    assert "expired" in client.get(invitation_like, follow=True).content.decode()


def test_an_invited_user_whose_link_expired_can_ask_for_a_new_one(client, reference_data):
    from vip.core.testing import make_user

    invited = make_user("kutsuttu@example.com")
    invited.set_unusable_password()
    invited.save()

    client.post("/en/accounts/password-reset/", {"email": "Kutsuttu@example.com"})

    assert mail.outbox[0].to == ["kutsuttu@example.com"]
