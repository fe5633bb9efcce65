"""Every page and endpoint, as seen by someone who should not get in.

The table lists each named URL of the platform with what an anonymous visitor
and a signed-in outsider (no roles) may do there. A new URL that is not in the
table fails the first test, so no view is added without deciding who may use it.
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

PUBLIC = "public"  # both may read it
OWN = "own"  # anonymous is sent to sign in; a signed-in user sees only their own
REFUSED = "refused"  # anonymous is sent to sign in; the outsider gets 404
POST_ONLY = "post"  # a form action: GET is not allowed

# name -> (example address, kind)
URLS: dict[str, tuple[str, str]] = {
    "healthz": ("/healthz", PUBLIC),
    "readyz": ("/readyz", PUBLIC),
    "core:home": ("/en/", PUBLIC),
    "core:accessibility": ("/en/accessibility/", PUBLIC),
    "core:privacy": ("/en/privacy/", PUBLIC),
    "registry:area_list": ("/en/areas/", PUBLIC),
    "registry:area_detail": ("/en/areas/TAYS/", PUBLIC),
    "registry:municipality_list": ("/en/municipalities/", PUBLIC),
    "registry:municipality_detail": ("/en/municipalities/837/", PUBLIC),
    "registry:organisation_list": ("/en/organisations/", PUBLIC),
    "registry:organisation_detail": ("/en/organisations/{org}/", PUBLIC),
    "registry:organisation_create": ("/en/organisations/new/", REFUSED),
    "registry:organisation_edit": ("/en/organisations/{org}/edit/", REFUSED),
    "accounts:login": ("/en/accounts/login/", PUBLIC),
    "accounts:login_verify": ("/en/accounts/login/verify/", PUBLIC),
    "accounts:logout": ("/en/accounts/logout/", POST_ONLY),
    "accounts:password_reset": ("/en/accounts/password-reset/", PUBLIC),
    "accounts:password_reset_done": ("/en/accounts/password-reset/sent/", PUBLIC),
    "accounts:password_reset_confirm": ("/en/accounts/password-reset/MQ/bad-token/", PUBLIC),
    "accounts:password_reset_complete": ("/en/accounts/password-reset/done/", PUBLIC),
    "accounts:invitation_accept": ("/en/accounts/invitation/MQ/bad-token/", PUBLIC),
    "accounts:account": ("/en/account/", OWN),
    "accounts:password_change": ("/en/account/password/", OWN),
    "accounts:two_factor_setup": ("/en/account/two-step/", OWN),
    "accounts:two_factor_disable": ("/en/account/two-step/disable/", POST_ONLY),
    "accounts:recovery_codes_regenerate": ("/en/account/two-step/recovery-codes/", POST_ONLY),
    "accounts:api_tokens": ("/en/account/tokens/", OWN),
    "accounts:api_token_revoke": ("/en/account/tokens/{token}/revoke/", POST_ONLY),
    "accounts:user_list": ("/en/users/", REFUSED),
    "accounts:user_invite": ("/en/users/invite/", REFUSED),
    "accounts:user_detail": ("/en/users/{teacher}/", REFUSED),
    "accounts:grant_revoke": ("/en/users/{teacher}/roles/{grant}/revoke/", POST_ONLY),
    "audit:event_list": ("/en/audit/", REFUSED),
    "audit:event_export": ("/en/audit/export.csv", REFUSED),
}
# Apps with many pages keep their part of the table next to their tests: a module
# with URLS (same shape) and example_objects() -> {placeholder: value}.
APP_TABLES = (
    "vip.network.tests.outsider_urls_groups",
    "vip.network.tests.outsider_urls_meetings",
    "vip.network.tests.outsider_urls_people",
    "vip.network.tests.outsider_urls_transfer",
    "vip.vipu.tests.outsider_urls",
    "vip.events.tests.outsider_urls_pages",
    "vip.events.tests.outsider_urls_feeds",
    "vip.events.tests.outsider_urls_editing",
    "vip.events.tests.outsider_urls_participants",
    "vip.events.tests.outsider_urls_reports",
    "vip.materials.tests.outsider_urls_editing",
    "vip.materials.tests.outsider_urls_files",
    "vip.materials.tests.outsider_urls_pages",
)
for _module_name in APP_TABLES:
    URLS.update(importlib.import_module(_module_name).URLS)


def named_urls(resolver: URLResolver | None = None, namespace: str = "") -> Iterator[str]:
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace == "api":
                continue  # the API has its own outsider tests (test_api*.py)
            yield from named_urls(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_named_url_is_classified():
    assert set(named_urls()) == set(URLS)


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings, tmp_path):
    # Example objects may store files (materials): never under the real MEDIA_ROOT.
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def addresses(teacher, tampere_school):
    from vip.accounts.services import api_token_create

    token = api_token_create(
        user=teacher,
        name="x",
        scopes=["profile:read"],
        expires_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    examples = {}
    for module_name in APP_TABLES:
        examples.update(importlib.import_module(module_name).example_objects())
    return {
        **examples,
        "org": tampere_school.pk,
        "teacher": teacher.pk,
        "grant": teacher.role_grants.get().pk,
        "token": token.token.pk,
    }


def finished(response):
    """A streamed answer (a download) read to its end, so that the test client closes it
    and the file it streams; closing it here would also close the database connection."""
    if response.streaming:
        b"".join(response.streaming_content)
    return response


@pytest.mark.parametrize("name", sorted(URLS))
def test_an_outsider_gets_only_what_is_public(client, login, outsider, addresses, name):
    template, kind = URLS[name]
    url = template.format(**addresses)

    anonymous = finished(client.get(url))
    if kind == PUBLIC:
        assert anonymous.status_code in (200, 302), (url, anonymous.status_code)
    elif kind == POST_ONLY:
        assert client.post(url).status_code in (302, 404, 405)
    else:
        assert anonymous.status_code == 302
        assert anonymous["Location"].startswith("/en/accounts/login/")

    login(client, outsider)
    response = finished(client.get(url))
    if kind == POST_ONLY:
        assert response.status_code == 405
        # Posting someone else's object answers 404 and changes nothing.
        if "{" in template:
            assert client.post(url).status_code == 404
    elif kind == REFUSED:
        assert response.status_code == 404, url
    elif kind == OWN:
        assert response.status_code == 200
        assert "opettaja@tampere.example" not in response.content.decode()
    else:
        assert response.status_code in (200, 302)
