"""The shell in a real browser: keyboard use, work without JavaScript, CSP, languages, reflow.

These drive Chromium with the page's own Content Security Policy in force (the
``page`` fixture), except where a test makes its own context to turn JavaScript
off or to use a phone-sized window. Assertions use roles, attributes and
addresses rather than texts that will be translated.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser


LOGOUT_FORM = "header form[action$='/accounts/logout/']"
MAIN_SUBMIT = "#main-content form[method=post] button[type=submit]"
MUNICIPALITY_FILTER = "#main-content form[role=search]"
RESULT_ROWS = "#results tbody tr"

# True when the focused element shows a focus indicator: an outline that is
# drawn, or a box-shadow (GOV.UK's focus style is a yellow and black box-shadow).
FOCUS_VISIBLE_JS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
    && !/rgba\\(0, 0, 0, 0\\)|transparent/.test(style.outlineColor);
  return outline || style.boxShadow !== 'none';
}"""

DESCRIBE_FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return 'body';
  const text = (el.textContent || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
  return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}`
    + `${el.getAttribute('href') ? '[href=' + el.getAttribute('href') + ']' : ''} "${text}"`;
}"""


def press_tab_until(tab: Any, selector: str, limit: int = 60) -> int:
    """Press Tab until the focused element matches ``selector``; return the presses."""
    for presses in range(1, limit + 1):
        tab.keyboard.press("Tab")
        if tab.evaluate("sel => document.activeElement.matches(sel)", selector):
            return presses
    raise AssertionError(f"{selector} not reached with {limit} presses of Tab on {tab.url}")


def focused_is(tab: Any, selector: str) -> bool:
    return bool(tab.evaluate("sel => document.activeElement.matches(sel)", selector))


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


@pytest.fixture
def no_js_page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        locale="fi-FI", java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    yield context.new_page()
    context.close()


# --- (1) Skip link and visible focus ------------------------------------------------------


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, demo_site):
    page.goto(demo_site.url + "/municipalities/")
    page.keyboard.press("Tab")
    assert focused_is(page, "a.govuk-skip-link[href='#main-content']"), page.evaluate(
        DESCRIBE_FOCUS_JS
    )
    assert page.evaluate(FOCUS_VISIBLE_JS), "the focused skip link is not visible"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    # The next Tab continues from the main content, not from the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main-content').contains(document.activeElement)")


@pytest.mark.parametrize("path", ["/", "/accounts/login/"])
def test_every_tab_stop_shows_focus_and_focus_is_not_trapped(page, demo_site, path):
    page.goto(demo_site.url + path)
    seen: list[str] = []
    invisible: list[str] = []
    for _ in range(80):
        page.keyboard.press("Tab")
        here, visible = page.evaluate(f"[({DESCRIBE_FOCUS_JS})(), ({FOCUS_VISIBLE_JS})()]")
        if seen and (here == seen[0] or here == "body"):
            break  # back at the start: every stop was visited and none trapped focus
        seen.append(here)
        if not visible:
            invisible.append(here)
    else:
        raise AssertionError(f"Tab did not come round in 80 presses on {path}: {seen[-5:]}")
    assert len(seen) > 5, seen
    assert not invisible, f"no visible focus indicator on {path}: {invisible}"


# --- (2) Keyboard-only sign-in -------------------------------------------------------------


def test_staff_member_signs_in_with_the_keyboard_only(page, demo_site):
    email, password = demo_site.logins["staff"]
    page.goto(demo_site.url + "/")

    # From the home page to the sign-in link in the header, and follow it.
    press_tab_until(page, "header a[href*='/accounts/login/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == "/accounts/login/"

    # E-mail, then the very next stop is the password; Enter submits the form.
    press_tab_until(page, "#id_email")
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    assert focused_is(page, "#id_password"), page.evaluate(DESCRIBE_FOCUS_JS)
    page.keyboard.type(password)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # Back on the home page, signed in: the header has a sign-out button that
    # the keyboard can reach.
    assert urlsplit(page.url).path == "/"
    assert page.locator(f"{LOGOUT_FORM} button[type=submit]").is_visible()
    assert page.locator("header a[href*='/accounts/login/']").count() == 0
    press_tab_until(page, f"{LOGOUT_FORM} button[type=submit]")
    assert page.evaluate(FOCUS_VISIBLE_JS)


def test_sign_in_and_sign_out_work_without_javascript(no_js_page, demo_site):
    tab = no_js_page
    email, password = demo_site.logins["staff"]
    tab.goto(demo_site.url + "/sv/accounts/login/")
    tab.locator("#id_email").fill(email)
    tab.locator("#id_password").fill(password)
    with tab.expect_navigation():
        tab.locator(MAIN_SUBMIT).click()
    assert urlsplit(tab.url).path == "/sv/"
    with tab.expect_navigation():
        tab.locator(f"{LOGOUT_FORM} button[type=submit]").click()
    assert tab.locator(LOGOUT_FORM).count() == 0
    assert tab.locator("header a[href*='/accounts/login/']").count() == 1


# --- (3) Municipality filter with and without JavaScript ------------------------------------


def test_municipality_filter_works_without_javascript(no_js_page, demo_site):
    tab = no_js_page
    tab.goto(demo_site.url + "/municipalities/")
    assert tab.locator(RESULT_ROWS).count() > 1
    tab.locator("#id_q").fill("Tampere")
    with tab.expect_navigation():
        tab.locator(f"{MUNICIPALITY_FILTER} button[type=submit]").click()

    assert query(tab.url)["q"] == ["Tampere"]
    rows = tab.locator(RESULT_ROWS)
    assert rows.count() == 1
    assert rows.first.locator("a[href$='/municipalities/837/']").count() == 1
    assert re.match(r"\s*1\b", tab.locator("[data-vip-count]").inner_text())
    # The search stays in the box so the user can refine it.
    assert tab.locator("#id_q").input_value() == "Tampere"


def test_municipality_filter_updates_results_in_place_with_javascript(page, demo_site):
    page.goto(demo_site.url + "/municipalities/")
    page.wait_for_function("() => window.htmx !== undefined")
    assert page.locator(RESULT_ROWS).count() > 1
    page.evaluate("window.vipNotReloaded = true")
    documents: list[str] = []
    page.on("request", lambda r: documents.append(r.url) if r.resource_type == "document" else None)

    page.locator("#id_q").press_sequentially("Tampere")
    page.wait_for_url(re.compile(r"[?&]q=Tampere"))
    page.wait_for_function(
        "sel => document.querySelectorAll(sel).length === 1", arg=RESULT_ROWS, timeout=5000
    )

    assert page.evaluate("window.vipNotReloaded === true"), "the page was reloaded"
    assert documents == [], f"full page loads while filtering: {documents}"
    assert query(page.url)["q"] == ["Tampere"]
    assert page.locator(RESULT_ROWS).first.locator("a[href$='/municipalities/837/']").count()
    # Focus stays in the search box while the results change under it.
    assert focused_is(page, "#id_q")
    # Screen readers hear the new number of results.
    count = page.locator("[data-vip-count]").inner_text().strip()
    assert re.match(r"1\b", count)
    assert page.locator("#results-status").inner_text().strip() == count


# --- (4) No console errors and no Content Security Policy violations -------------------------


CSP_LISTENER = """
window.vipCspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.vipCspViolations.push(
    `${e.violatedDirective}: ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`
  );
});
"""


@pytest.mark.parametrize(
    ("path", "action"),
    [("/", None), ("/municipalities/", "filter"), ("/accounts/login/", "wrong-password")],
)
def test_no_console_errors_or_csp_violations(page, demo_site, path, action):
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.add_init_script(CSP_LISTENER)

    response = page.goto(demo_site.url + path)
    assert response is not None
    assert response.ok
    assert "script-src 'self'" in (response.headers.get("content-security-policy") or "")
    page.wait_for_load_state("networkidle")
    if action == "filter":
        page.locator("#id_q").press_sequentially("Tam")
        page.wait_for_url(re.compile(r"[?&]q=Tam"))
        page.wait_for_load_state("networkidle")
    elif action == "wrong-password":
        page.locator("#id_email").fill("nobody-console@example.com")
        page.locator("#id_password").fill("not the password")
        with page.expect_navigation():
            page.locator(MAIN_SUBMIT).click()
        page.wait_for_load_state("networkidle")
        assert page.locator(".govuk-error-summary").count() == 1
        # GOV.UK Frontend's script moves focus to the error summary.
        assert focused_is(page, ".govuk-error-summary")

    violations = page.evaluate("window.vipCspViolations")
    assert not violations, f"CSP violations on {path}: {violations}"
    assert not errors, f"errors on {path}: {errors}"
    # The scripts ran under the policy: GOV.UK Frontend and htmx initialised.
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    assert page.evaluate("typeof window.htmx === 'object'")


def test_no_page_of_an_administrator_breaks_the_policy(page, demo_site):
    """Every page a national administrator reaches loads without errors under the policy."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script(CSP_LISTENER)
    email, password = demo_site.logins["national_admin"]
    page.goto(demo_site.url + "/en/accounts/login/")
    page.locator("#id_email").fill(email)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator(MAIN_SUBMIT).click()

    page.goto(demo_site.url + "/en/organisations/")
    organisation = page.locator("#results tbody a").first.get_attribute("href")
    page.goto(demo_site.url + "/en/users/")
    user = page.locator("#main-content tbody a").first.get_attribute("href")
    paths = [
        "/en/",
        "/en/areas/",
        "/en/areas/TAYS/",
        "/en/municipalities/478/",
        organisation,
        f"{organisation}edit/",
        "/en/organisations/new/",
        "/en/account/",
        "/en/account/password/",
        "/en/account/two-step/",
        "/en/account/tokens/",
        "/en/users/",
        user,
        "/en/users/invite/",
        "/en/audit/?date_from=2026-11-30&date_to=2026-11-01",
        "/en/accessibility/",
        "/en/privacy/",
        "/en/no-such-page/",
    ]
    problems: dict[str, list[str]] = {}
    for path in paths:
        errors.clear()
        response = page.goto(demo_site.url + str(path))
        assert response is not None
        found = page.evaluate("window.vipCspViolations") + [
            error
            for error in errors
            # The 404 page's own status is reported as a failed load; nothing else may be.
            if not (response.status == 404 and "status of 404" in error)
        ]
        if found:
            problems[str(path)] = found
    assert not problems, f"console errors or CSP violations: {problems}"


# --- (5) The language switcher keeps the page --------------------------------------------


def test_language_switcher_keeps_the_current_page(page, demo_site):
    page.goto(demo_site.url + "/municipalities/837/")
    # The languages are named in themselves, so these names never get translated.
    with page.expect_navigation():
        page.get_by_role("link", name="På svenska").click()
    assert urlsplit(page.url).path == "/sv/municipalities/837/"
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("header [aria-current][lang=sv]").count() == 1

    with page.expect_navigation():
        page.get_by_role("link", name="In English").click()
    assert urlsplit(page.url).path == "/en/municipalities/837/"
    assert page.locator("html").get_attribute("lang") == "en"

    with page.expect_navigation():
        page.get_by_role("link", name="Suomeksi").click()
    assert urlsplit(page.url).path == "/municipalities/837/"
    assert page.locator("html").get_attribute("lang") == "fi"


def test_language_switcher_keeps_the_filters(page, demo_site):
    page.goto(demo_site.url + "/municipalities/?q=tam")
    with page.expect_navigation():
        page.get_by_role("link", name="På svenska").click()
    assert urlsplit(page.url).path == "/sv/municipalities/"
    assert query(page.url)["q"] == ["tam"]


# --- (6) Responsive: no sideways scrolling on a phone -------------------------------------


@pytest.mark.parametrize("width", [375, 320])
@pytest.mark.parametrize(
    "path", ["/", "/sv/", "/municipalities/", "/sv/privacy/", "/en/accessibility/"]
)
def test_page_reflows_without_horizontal_scrolling(browser, demo_site, path, width):
    context = browser.new_context(locale="fi-FI", viewport={"width": width, "height": 800})
    try:
        tab = context.new_page()
        tab.goto(demo_site.url + path)
        scroll_width = tab.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{path} is {scroll_width}px wide in a {width}px window"
        # A table too wide for the screen scrolls in its own region, which the
        # keyboard can reach and which is named after the table.
        for box in tab.locator(".vip-table-scroll").all():
            if box.evaluate("b => b.scrollWidth > b.clientWidth + 1"):
                assert box.get_attribute("tabindex") == "0"
                assert box.get_attribute("role") == "region"
                assert box.get_attribute("aria-label")
    finally:
        context.close()
