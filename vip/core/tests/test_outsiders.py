"""Every page and endpoint, as seen by someone who should not get in.

The table lists each named URL of the platform with what an anonymous visitor
and a signed-in outsider (no roles) may do there. A new URL that is not in the
table fails the first test, so no view is added without deciding who may use it.
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
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
    "vip.network.tests.outsider_urls_themes",
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


# --- Posting to a refused page -------------------------------------------------------------
#
# A refused page must refuse a form sent to it as firmly as it refuses to show the
# form. The body is the page's own form as a national administrator sees it, filled
# in plausibly, so that a view that checked its input before its permission would
# act on it; the outsider's post must answer 404 and write nothing anywhere.

REFUSED_URLS = sorted(name for name, (_address, kind) in URLS.items() if kind == REFUSED)

# A sample value for an empty field, by input type and then by words in its name.
SAMPLE_BY_TYPE = {"email": "olli@example.com", "date": "2030-01-01", "number": "1", "url": ""}
SAMPLE_BY_NAME = {
    "email": "olli@example.com",
    "time": "10:00",
    "date": "1.1.2030",
    "start": "1.1.2030",
    "_from": "1.1.2030",
    "end": "2.1.2030",
    "_to": "2.1.2030",
    "_on": "1.1.2030",
    "_at": "1.1.2030 10:00",
    "url": "https://example.com/",
    "code": "12345",
    "year": "2030",
    "capacity": "10",
    "price": "0",
}


class _FormReader(HTMLParser):
    """Reads the fields of the first form on a page that posts back to the page itself."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self.in_form = False
        self.found = False
        self.fields: list[dict[str, Any]] = []
        self.select: dict[str, Any] | None = None
        self.textarea: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {key: value or "" for key, value in attrs}
        if tag == "form" and not self.found:
            action = urlsplit(attr.get("action", "")).path
            posts_here = attr.get("method", "").lower() == "post" and action in ("", self.path)
            self.in_form = self.found = posts_here
        elif not self.in_form:
            return
        elif tag in ("input", "button") and attr.get("name") and "disabled" not in attr:
            kind = attr.get("type", "text" if tag == "input" else "submit")
            self.fields.append({**attr, "type": kind, "tag": tag})
        elif tag == "select" and attr.get("name"):
            self.select = {**attr, "tag": "select", "options": []}
            self.fields.append(self.select)
        elif tag == "option" and self.select is not None:
            self.select["options"].append((attr.get("value", ""), "selected" in attr))
        elif tag == "textarea" and attr.get("name"):
            self.textarea = {**attr, "tag": "textarea", "value": ""}
            self.fields.append(self.textarea)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.textarea["value"] += data


def _sample(field: dict[str, Any]) -> str:
    if field.get("value"):
        return str(field["value"])
    if sample := SAMPLE_BY_TYPE.get(field.get("type", "")):
        return sample
    name = field["name"].lower()
    for word, sample in SAMPLE_BY_NAME.items():
        if word in name:
            return sample
    return "Esimerkki"


def form_body(client: Client, url: str) -> dict[str, Any] | None:
    """The page's own form filled in plausibly, or None if the page has no form posting to it."""
    response = client.get(url)
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return None
    reader = _FormReader(urlsplit(url).path)
    reader.feed(response.content.decode())
    if not reader.found:
        return None
    body: dict[str, Any] = {}
    submitted = False
    for field in reader.fields:
        name, kind = field["name"], field.get("type", "")
        if field["tag"] == "select":
            options = field["options"]
            # The chosen option, else the first real one (not "Choose a kind").
            chosen = [value for value, selected in options if selected and value]
            filled = [value for value, _selected in options if value]
            body[name] = (chosen or filled or [""])[0]
        elif field["tag"] == "textarea":
            body[name] = field["value"].strip() or "Esimerkki"
        elif kind in ("checkbox", "radio"):
            if "checked" in field or (kind == "radio" and name not in body):
                body[name] = field.get("value") or "on"
        elif kind == "file":
            body[name] = SimpleUploadedFile("esimerkki.csv", b"given_name,family_name\nOlli,U\n")
        elif kind == "submit":
            # The first named button is the one a browser sends on Enter.
            if not submitted:
                body[name] = field.get("value", "")
                submitted = True
        elif kind != "hidden" or field.get("value"):
            body[name] = _sample(field)
    return body


def every_row() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to show that a refused post changed nothing.

    Sessions are left out: signing in and the session clock write there on any request.
    """
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models()
        if model._meta.managed and model._meta.app_label != "sessions"
    }


@pytest.mark.parametrize("name", REFUSED_URLS)
def test_a_refused_page_refuses_a_post_and_writes_nothing(
    client, login, outsider, national_admin, addresses, name
):
    url = URLS[name][0].format(**addresses)
    admin = login(Client(headers={"Accept-Language": "en"}), national_admin)
    body = form_body(admin, url)
    accepts_post = body is not None
    # Signed in before the count: signing in records the time of the sign-in.
    signed_in = login(Client(headers={"Accept-Language": "en"}), outsider)
    before = every_row()

    anonymous = client.post(url, body or {})
    if accepts_post or anonymous.status_code != 405:
        assert anonymous.status_code == 302, (url, anonymous.status_code)
        assert anonymous["Location"].startswith("/en/accounts/login/")

    response = finished(signed_in.post(url, body or {}))
    # A page without a form of its own may also answer that it takes no posts.
    assert response.status_code in ((404,) if accepts_post else (404, 405)), (url, body)
    assert every_row() == before


def test_the_refused_pages_with_forms_get_a_filled_in_body(
    client, login, national_admin, addresses
):
    """The post test above sends real forms: the pages that edit something are found."""
    login(client, national_admin)
    with_forms = {
        name for name in REFUSED_URLS if form_body(client, URLS[name][0].format(**addresses))
    }
    assert {
        "registry:organisation_create",
        "accounts:user_invite",
        "network:group_create",
        "network:membership_edit",
        "network:import",
        "vipu:campaign_edit",
        "events:event_create",
        "materials:create",
        "network:theme_create",
        "network:sector_edit",
    } <= with_forms
