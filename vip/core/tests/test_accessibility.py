"""Every page of the shell, in every language, checked with axe-core (WCAG 2.1 A and AA).

Each case is one page in one language, so a failure names both. The pages
include the error pages and the error states of forms, and the pages a
national administrator sees once signed in. The demo network is served once
for the whole module; signed-in cases sign in through the real sign-in form in
their own browser context, and nothing here changes the data other cases read.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from vip.core.testing import axe_violations

pytestmark = pytest.mark.browser


# --- The demo site must run on the test database -------------------------------------------
#
# `demo_site` seeds the demo network and flushes the database when the module ends.
# pytest-django creates the test database only when a collected test asks for
# `db`; when none does (this module alone, or a -k selection) this fixture, which
# runs before `demo_site`, creates one itself, so that the database named in the
# settings is never seeded or flushed.

_DB_FIXTURES = {"db", "transactional_db", "live_server"}


def _on_test_database() -> bool:
    import dj_database_url
    from django.conf import settings
    from django.db import connection

    return connection.settings_dict["NAME"] != dj_database_url.parse(settings.DATABASE_URL)["NAME"]


@pytest.fixture(scope="module", autouse=True)
def _test_database(request: pytest.FixtureRequest, django_db_blocker: Any) -> Iterator[None]:
    if any(
        _DB_FIXTURES & set(item.fixturenames) or item.get_closest_marker("django_db")
        for item in request.session.items
    ):
        request.getfixturevalue("django_db_setup")
        assert _on_test_database()
        yield
        return
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        databases = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    try:
        assert _on_test_database()
        yield
    finally:
        with django_db_blocker.unblock():
            teardown_databases(databases, verbosity=0)


LANGUAGES = ["fi", "sv", "en"]
PREFIX = {"fi": "", "sv": "/sv", "en": "/en"}

# The submit button of the page's own form (not the sign-out button in the header).
MAIN_SUBMIT = "#main-content form[method=post] button[type=submit]"


@dataclass(frozen=True)
class Ids:
    """Primary keys of demo records that some pages need in their address."""

    organisation: int
    user: int


@dataclass(frozen=True)
class Visit:
    """Where a page's check starts: the browser tab, the site and the language."""

    tab: Any
    base: str  # site address with the language prefix, no trailing slash
    lang: str
    ids: Ids

    def go(self, path: str) -> None:
        self.tab.goto(self.base + path)

    def submit(self, selector: str = MAIN_SUBMIT) -> None:
        with self.tab.expect_navigation():
            self.tab.locator(selector).first.click()


@dataclass(frozen=True)
class Page:
    name: str
    path: str | Callable[[Ids], str]
    role: str | None = None
    act: Callable[[Visit], None] | None = None

    def address(self, ids: Ids) -> str:
        return self.path(ids) if callable(self.path) else self.path


# --- The states reached by acting on a page ----------------------------------------------


def _wrong_password(visit: Visit) -> None:
    # A separate unknown address per language keeps the per-account throttle away.
    visit.tab.locator("#id_email").fill(f"nobody-{visit.lang}@example.com")
    visit.tab.locator("#id_password").fill("not the password")
    visit.submit()
    assert visit.tab.locator(".govuk-error-summary").count() == 1


def _submit_empty(visit: Visit) -> None:
    visit.submit()
    assert visit.tab.locator(".govuk-error-summary").count() == 1


def _weak_password(visit: Visit) -> None:
    # A wrong current password and a new one that breaks several rules at once,
    # so that one field shows more than one error message.
    visit.tab.locator("#id_old_password").fill("not the password")
    visit.tab.locator("#id_new_password1").fill("1234")
    visit.tab.locator("#id_new_password2").fill("1234")
    visit.submit()
    assert visit.tab.locator(".govuk-error-summary__list li").count() >= 3


def _empty_given_name(visit: Visit) -> None:
    visit.tab.locator("#id_given_name").fill("")
    visit.submit()
    assert visit.tab.locator(".govuk-error-summary").count() == 1


def _token_without_scopes(visit: Visit) -> None:
    visit.tab.locator("#id_name").fill("Accessibility check")
    visit.submit()
    assert visit.tab.locator(".govuk-error-summary").count() == 1


def _bad_school_code(visit: Visit) -> None:
    visit.tab.locator("#id_school_code").fill("12a")
    visit.submit()
    assert visit.tab.locator(".govuk-error-summary").count() == 1


def _audit_dates_reversed(visit: Visit) -> None:
    assert visit.tab.locator(".govuk-error-summary").count() == 1


PAGES = [
    # Public pages
    Page("home", "/"),
    Page("accessibility", "/accessibility/"),
    Page("privacy", "/privacy/"),
    Page("areas", "/areas/"),
    Page("area-tays", "/areas/TAYS/"),
    Page("municipalities", "/municipalities/"),
    Page("municipalities-filtered", "/municipalities/?q=tam&area=TAYS"),
    Page("municipalities-empty", "/municipalities/?q=zzzz-no-such-municipality"),
    Page("municipality-837", "/municipalities/837/"),
    Page("municipality-aland-478", "/municipalities/478/"),
    Page("organisations", "/organisations/"),
    Page("organisation", lambda ids: f"/organisations/{ids.organisation}/"),
    Page("not-found-404", "/no-such-page/"),
    # Signing in and passwords
    Page("login", "/accounts/login/"),
    Page("login-error", "/accounts/login/", act=_wrong_password),
    Page("password-reset", "/accounts/password-reset/"),
    Page("password-reset-error", "/accounts/password-reset/", act=_submit_empty),
    # A signed-in national administrator
    Page("account", "/account/", role="national_admin"),
    Page("account-error", "/account/", role="national_admin", act=_empty_given_name),
    Page("password-change", "/account/password/", role="national_admin"),
    Page("password-change-error", "/account/password/", role="national_admin", act=_weak_password),
    Page("two-step-setup", "/account/two-step/", role="national_admin"),
    Page("api-tokens", "/account/tokens/", role="national_admin"),
    Page("api-tokens-error", "/account/tokens/", role="national_admin", act=_token_without_scopes),
    Page("users", "/users/", role="national_admin"),
    Page("user", lambda ids: f"/users/{ids.user}/", role="national_admin"),
    Page("invite", "/users/invite/", role="national_admin"),
    Page("invite-error", "/users/invite/", role="national_admin", act=_submit_empty),
    Page("audit", "/audit/", role="national_admin"),
    Page(
        "audit-error",
        "/audit/?date_from=2026-11-30&date_to=2026-11-01",
        role="national_admin",
        act=_audit_dates_reversed,
    ),
    Page(
        "organisation-edit",
        lambda ids: f"/organisations/{ids.organisation}/edit/",
        role="national_admin",
    ),
    Page(
        "organisation-edit-error",
        lambda ids: f"/organisations/{ids.organisation}/edit/",
        role="national_admin",
        act=_bad_school_code,
    ),
    Page("organisation-create", "/organisations/new/", role="national_admin"),
    # A signed-in staff member on a page reserved for administrators
    Page("forbidden-403", "/audit/", role="staff"),
]


# --- Fixtures and helpers ----------------------------------------------------------------


@pytest.fixture(scope="module")
def ids(demo_site: Any, django_db_blocker: Any) -> Ids:
    from vip.accounts.models import User

    api = f"{demo_site.url}/api/v1/organisations?kind=municipality&municipality=837"
    with urllib.request.urlopen(api) as response:  # noqa: S310 - our own test server
        items = json.load(response)["items"]
    assert items, "the demo network has no education provider in Tampere"
    with django_db_blocker.unblock():
        staff = User.objects.get(email=demo_site.logins["staff"][0])
    return Ids(organisation=items[0]["id"], user=staff.pk)


@pytest.fixture(scope="module")
def sessions(browser: Any, demo_site: Any) -> dict[str, list[dict[str, Any]]]:
    """Cookies of one session per role, signed in once through the sign-in form.

    Signing in for each of the hundred cases would double the module's run time;
    the cases only read, so they can share a session per role.
    """
    cookies = {}
    for role in {page.role for page in PAGES if page.role}:
        context = browser.new_context(locale="fi-FI")
        try:
            tab = context.new_page()
            tab.goto(f"{demo_site.url}/accounts/login/")
            email, password = demo_site.logins[role]
            tab.locator("#id_email").fill(email)
            tab.locator("#id_password").fill(password)
            with tab.expect_navigation():
                tab.locator(MAIN_SUBMIT).click()
            # Signed in: the header now holds the sign-out form.
            assert tab.locator("header form[action$='/accounts/logout/']").count() == 1, tab.url
            cookies[role] = context.cookies()
        finally:
            context.close()
    return cookies


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.extend(f"      at {' '.join(target)}" for target in violation["targets"])
    return "\n".join(lines)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page_spec", PAGES, ids=[p.name for p in PAGES])
def test_page_has_no_axe_violations(
    browser: Any,
    demo_site: Any,
    ids: Ids,
    sessions: dict[str, list[dict[str, Any]]],
    page_spec: Page,
    lang: str,
) -> None:
    base = demo_site.url + PREFIX[lang]
    seen: dict[str, str] = {}

    def setup(tab: Any) -> None:
        if page_spec.role:
            tab.context.add_cookies(sessions[page_spec.role])
        tab.goto(base + page_spec.address(ids))
        if page_spec.act:
            page_spec.act(Visit(tab=tab, base=base, lang=lang, ids=ids))
        seen["url"] = tab.url
        seen["lang"] = tab.locator("html").get_attribute("lang") or ""

    violations = axe_violations(browser, "", setup=setup)
    assert seen["lang"] == lang, f"{seen['url']} is marked lang={seen['lang']!r}, not {lang!r}"
    assert not violations, (
        f"{len(violations)} axe-core violation(s) on {page_spec.name} ({lang}) "
        f"at {seen['url']}:\n{describe(violations)}"
    )
