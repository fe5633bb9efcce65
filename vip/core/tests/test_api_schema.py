"""The API's schema declares every status an operation can answer; its docs page works.

Every operation can fail (500) and can meet a session that must still set up two-step
verification (403); one that accepts credentials refuses a bad token (401), one with
parameters or a body refuses invalid ones (422), and one with a body refuses a body
that is not JSON (400). Errors are problem details (application/problem+json).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import pytest
from django.contrib.staticfiles import finders

SCHEMA = "/api/v1/openapi.json"
DOCS = "/api/v1/docs"
PROBLEM = "application/problem+json"


def operations(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def statuses_it_can_answer(operation: dict[str, Any]) -> set[str]:
    needed = {"403", "500"}
    if operation.get("security"):
        needed.add("401")
    if operation.get("parameters") or "requestBody" in operation:
        needed.add("422")
    if "requestBody" in operation:
        needed.add("400")
    return needed


def test_every_operation_declares_every_status_it_can_answer(client):
    schema = client.get(SCHEMA).json()

    missing = {
        name: sorted(statuses_it_can_answer(operation) - set(operation["responses"]))
        for name, operation in operations(schema)
    }

    assert len(missing) >= 18  # every app's endpoints are mounted
    assert {name: statuses for name, statuses in missing.items() if statuses} == {}


def test_the_schema_is_json_without_a_key_twice(client):
    """Swagger UI refuses a schema with a duplicated key (e.g. a status as int and str)."""

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _value in pairs]
        assert len(keys) == len(set(keys)), keys
        return dict(pairs)

    json.loads(client.get(SCHEMA).content, object_pairs_hook=no_duplicates)


def test_every_error_is_declared_as_problem_details(client):
    schema = client.get(SCHEMA).json()

    not_problems = [
        f"{name} {status}"
        for name, operation in operations(schema)
        for status, response in operation["responses"].items()
        if int(status) >= 400
        and response.get("content", {}).get(PROBLEM, {}).get("schema")
        != {"$ref": "#/components/schemas/Problem"}
    ]

    assert not_problems == []
    assert "errors" in schema["components"]["schemas"]["Problem"]["properties"]


def test_the_statuses_of_the_machinery_say_what_they_mean(client):
    schema = client.get(SCHEMA).json()

    registration = schema["paths"]["/api/v1/events/{event_id}/registrations"]["post"]
    assert "not valid JSON" in registration["responses"]["400"]["description"]
    areas = schema["paths"]["/api/v1/areas"]["get"]
    assert "400" not in areas["responses"]  # no body, nothing to parse
    assert "two-step verification" in areas["responses"]["403"]["description"]
    assert "logged" in areas["responses"]["500"]["description"]


# --- The interactive documentation -----------------------------------------------------------


class _Assets(HTMLParser):
    """A page's scripts and stylesheets, and what the policy would block inline."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.stylesheets: list[str] = []
        self.inline: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("src"):
            self.scripts.append(str(values["src"]))
        elif tag == "script" and values.get("type") != "application/json":
            self._in_script = True  # (a JSON data block is not run: CSP leaves it be)
        elif tag == "link" and values.get("rel") == "stylesheet":
            self.stylesheets.append(str(values.get("href")))
        elif tag == "style":
            self.inline.append("<style>")
        self.inline += [f"{tag} {name}" for name in values if name == "style" or name[:2] == "on"]

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline.append("<script>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False


def _directive(policy: str, name: str) -> list[str]:
    for part in policy.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    return []


def test_the_docs_page_runs_under_the_sites_policy_with_assets_of_our_own(client, settings):
    response = client.get(DOCS)

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert _directive(policy, "script-src") == ["'self'"]
    assert _directive(policy, "style-src") == ["'self'"]
    assert "unsafe" not in policy
    page = _Assets()
    page.feed(response.content.decode())
    assert page.inline == []
    assert page.scripts
    assert page.stylesheets
    for address in page.scripts + page.stylesheets:
        # Same origin, from our static files (no CDN): 'self' allows them.
        assert address.startswith(settings.STATIC_URL), address
        assert finders.find(address.removeprefix(settings.STATIC_URL)), address
    assert not re.search(r"https?://", response.content.decode())


# In a real browser: Swagger UI loads, renders every operation, and nothing is blocked.

CSP_LISTENER = """
window.vipCspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.vipCspViolations.push(`${e.violatedDirective}: ${e.blockedURI || 'inline'}`);
});
"""


@pytest.mark.browser
def test_swagger_ui_renders_the_operations_without_policy_violations(page, demo_site):
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script(CSP_LISTENER)

    response = page.goto(demo_site.url + DOCS)

    assert response is not None
    assert response.ok
    assert "script-src 'self'" in (response.headers.get("content-security-policy") or "")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() >= 18
    assert page.evaluate("window.vipCspViolations") == []
    assert errors == []
