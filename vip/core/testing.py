"""Helpers for tests: named organisations and people built through the services."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.test import Client

from vip.accounts import services as account_services
from vip.accounts.middleware import start_session_clock
from vip.accounts.models import User
from vip.registry import services as registry_services
from vip.registry.models import Organisation

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TEST_PASSWORD = "correct horse battery staple"  # noqa: S105 - test-only password


def make_organisation(**values: Any) -> Organisation:
    return registry_services.organisation_create(actor=None, **values)


def make_user(email: str, given: str = "Testi", family: str = "Käyttäjä", **extra: Any) -> User:
    return account_services.user_create(
        actor=None,
        email=email,
        given_name=given,
        family_name=family,
        password=TEST_PASSWORD,
        **extra,
    )


def login(client: Client, user: User, *, second_factor: bool = False) -> Client:
    """Sign a test client in as the sign-in view does (session clock included)."""
    client.force_login(user)
    session = client.session
    start_session_clock(session, second_factor=second_factor)
    session.save()
    return client


def axe_violations(
    browser: Any, url: str, *, setup: Callable[[Any], None] | None = None
) -> list[dict[str, Any]]:
    """Run axe-core (WCAG 2.1 A and AA rules) on ``url`` and return its violations.

    axe is injected as an inline script, which our Content Security Policy
    forbids, so this context bypasses CSP; everything else is as a user sees it.
    ``setup`` may act on the page first (sign in, submit a form) to reach a state.
    """
    context = browser.new_context(locale="fi-FI", bypass_csp=True)
    try:
        tab = context.new_page()
        if setup is not None:
            setup(tab)
        if url:
            tab.goto(url)
        tab.add_script_tag(path=str(AXE_SCRIPT))
        result = tab.evaluate(
            """async () => await axe.run(document, {
                runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
            })"""
        )
        return [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "targets": [n["target"] for n in v["nodes"]][:5],
            }
            for v in result["violations"]
        ]
    finally:
        context.close()
