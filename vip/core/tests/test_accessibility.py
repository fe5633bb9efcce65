"""Every page of the shell, in every language, checked with axe-core (WCAG 2.1 A and AA).

Each case is one page in one language, so a failure names both, and the
message lists every violation on the page. The pages include the error pages
and the error states of forms, and the pages a national administrator sees once
signed in. The demo network is served once for the whole module; the visitor
and each role keep one browser tab for the module (signed in once, through the
sign-in form), and nothing here changes the data that other cases read: a flow
that changes something (a password reset, a cancelled registration) acts on
records of its own, one for each language, in a tab whose session starts empty.
A flow through several pages checks each of them in the one visit.

The 500 and 400 pages are reached through a test-only URLconf
(``vip/core/tests/error_urls.py``): the platform's addresses and two that fail.
"""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import override_settings
from django.utils import translation

from vip.core.testing import TEST_PASSWORD, axe_violations
from vip.core.tests import error_urls

pytestmark = pytest.mark.browser


LANGUAGES = ["fi", "sv", "en"]
PREFIX = {"fi": "", "sv": "/sv", "en": "/en"}

# The submit button of the page's own form (not the sign-out button in the header).
MAIN_SUBMIT = "#main-content form[method=post] button[type=submit]"
LOGOUT_FORM = "header form[action$='/accounts/logout/']"
ERROR_SUMMARY = ".govuk-error-summary"

# Accounts of the flows that change them (made in ``ids``); the password is TEST_PASSWORD.
TWO_STEP_USER = "kaksivaihe@example.com"  # has two-step verification
RESET_USER = "salasana-unohtui@example.com"  # resets the password in each language
INVITED_USER = "kutsuttu@example.com"  # invited, has not chosen a password yet


def setup_user(lang: str) -> str:
    """The account that turns on two-step verification in ``lang`` (it can do so once)."""
    return f"kayttoonotto-{lang}@example.com"


@dataclass(frozen=True)
class Ids:
    """Primary keys of demo records that some pages need in their address."""

    organisation: int
    user: int
    group: int  # a regional group with members
    meeting: int
    person: int
    campaign: int
    event: int  # a paid event with registration questions, open for registration
    registration_token: str  # the manage link of a registration to that event
    report_event: int  # a past demo event with attendance and feedback
    feedback_token: str  # a feedback link of an attendee of a past event
    series: int  # a demo event series
    material: int  # a published report of the materials bank with a Swedish version
    info_brief: int  # a published info brief with headings in its text
    material_file: int  # a PDF of that report whose text could not be read
    membership: int  # a current member (not the chair) of that group
    decision: int  # a decision of a group
    nomination: int  # a current VIPU contact of Tampere in that campaign
    feedback_given_token: str  # a feedback link of an attendee who already answered
    cancel_event: int  # an event open for registration, with one registration a language
    cancellable: dict[str, str]  # language -> the manage link of that registration
    invitation: str  # the invitation link of INVITED_USER (without a language prefix)
    two_step_secret: str  # the authenticator key of TWO_STEP_USER


@dataclass(frozen=True)
class State:
    """One state of a page that a visit passed through, as axe-core found it."""

    name: str
    url: str
    lang: str
    violations: list[dict[str, Any]]


@dataclass(frozen=True)
class Visit:
    """The browser tab on a page, in a language, for acting on the page."""

    tab: Any
    lang: str
    ids: Ids
    site: str  # the demo site's address with the language prefix
    warm: WarmBrowser
    passed: list[State]

    def submit(self, selector: str = MAIN_SUBMIT) -> Any:
        """Send the form and wait for the page it leads to; returns that page's response."""
        with self.tab.expect_navigation() as navigation:
            self.tab.locator(selector).first.click()
        return navigation.value

    def goto(self, path: str) -> None:
        self.tab.goto(self.site + path)

    def check(self, state: str) -> None:
        """Check the page as it is now, on the way to the state the visit ends in."""
        self.passed.append(
            State(
                name=state,
                url=self.tab.url,
                lang=self.tab.locator("html").get_attribute("lang") or "",
                violations=axe_violations(self.warm, ""),
            )
        )


@dataclass(frozen=True)
class Page:
    name: str
    path: str | Callable[[Ids], str]
    role: str | None = None
    act: Callable[[Visit], None] | None = None
    # A tab of its own whose cookies are cleared before each visit: for flows that
    # sign in or change an account as they go. The visit starts signed out.
    fresh_session: bool = False
    # Where the address leads when it redirects (a link with a token in it).
    lands_at: str | Callable[[Ids], str] | None = None
    # The status the page must answer with, where it is part of what is checked.
    status: int | None = None

    def address(self, ids: Ids) -> str:
        return self.path(ids) if callable(self.path) else self.path

    def landing(self, ids: Ids) -> str:
        if self.lands_at is None:
            return self.address(ids)
        return self.lands_at(ids) if callable(self.lands_at) else self.lands_at

    @property
    def tab_key(self) -> str | None:
        return "fresh session" if self.fresh_session else self.role


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


def _has_units(visit: Visit) -> None:
    # The organisation's units are listed in a table, which is checked too.
    assert visit.tab.locator("#main-content tbody tr").count() > 0


def _audit_dates_reversed(visit: Visit) -> None:
    assert visit.tab.locator(".govuk-error-summary").count() == 1


def _ask_to_remove(visit: Visit) -> None:
    # Removal asks for confirmation first; the check stops at that page.
    visit.submit("#main-content form[action$='/remove/'] button")


def _tampered_form_token(visit: Visit) -> None:
    # The form's token no longer matches the browser's: the expired-form page (403).
    visit.tab.locator("#main-content input[name=csrfmiddlewaretoken]").evaluate(
        "input => { input.value = 'x'.repeat(64); }"
    )
    assert visit.submit().status == 403


def _wrong_code(secret: str) -> str:
    """A well-formed code that the authenticator would not show now."""
    from vip.accounts import totp

    now = totp.current_step()
    valid = {totp.hotp(secret, step) for step in range(now - 2, now + 3)}
    return next(code for code in ("000000", "111111", "222222") if code not in valid)


def _code_step_and_a_wrong_code(visit: Visit) -> None:
    visit.tab.locator("#id_email").fill(TWO_STEP_USER)
    visit.tab.locator("#id_password").fill(TEST_PASSWORD)
    visit.submit()
    assert urlsplit(visit.tab.url).path.endswith("/accounts/login/verify/"), visit.tab.url
    visit.check("the code step")
    # A wrong code (one a language, under the per-account limit of failures).
    visit.tab.locator("#id_code").fill(_wrong_code(visit.ids.two_step_secret))
    visit.submit()
    assert visit.tab.locator(ERROR_SUMMARY).count() == 1


def _reset_a_password(visit: Visit) -> None:
    """Ask for a link, follow it from the e-mail, choose a password: four pages."""
    from django.core import mail

    sent = len(mail.outbox)
    visit.tab.locator("#id_email").fill(RESET_USER)
    visit.submit()
    assert urlsplit(visit.tab.url).path.endswith("/accounts/password-reset/sent/"), visit.tab.url
    visit.check("link sent")
    (message,) = [m for m in mail.outbox[sent:] if m.to == [RESET_USER]]
    link = re.search(r"/accounts/password-reset/[^/\s]+/[^/\s]+/", message.body)
    assert link is not None, message.body
    visit.goto(link.group())
    assert urlsplit(visit.tab.url).path.endswith("/set-password/"), visit.tab.url
    visit.check("choose a new password")
    for field in ("#id_new_password1", "#id_new_password2"):
        visit.tab.locator(field).fill(f"uusi salasana {visit.lang} lukusali 2026")
    visit.submit()
    assert urlsplit(visit.tab.url).path.endswith("/accounts/password-reset/done/"), visit.tab.url


def _turn_on_two_step_verification(visit: Visit) -> None:
    """Sign in, give a wrong code at the set-up, then the right one: the recovery codes."""
    from vip.accounts import totp

    visit.tab.locator("#id_email").fill(setup_user(visit.lang))
    visit.tab.locator("#id_password").fill(TEST_PASSWORD)
    visit.submit()
    assert visit.tab.locator(LOGOUT_FORM).count() == 1, visit.tab.url
    visit.goto("/account/two-step/")
    secret = "".join(visit.tab.locator(".vip-secret").inner_text().split())
    visit.tab.locator("#id_code").fill(_wrong_code(secret))
    visit.submit()
    assert visit.tab.locator(ERROR_SUMMARY).count() == 1
    visit.check("set-up with a wrong code")
    visit.tab.locator("#id_code").fill(totp.hotp(secret, totp.current_step()))
    visit.submit()
    assert visit.tab.locator(".vip-code-list li").count() > 0, visit.tab.url


def _import_with_row_errors(visit: Visit) -> None:
    header = "given_name,family_name,email,group,role,deputy_for_email,start"
    row = "Essi,Esimerkki,not-an-address,No such group,boss,,32.13.2021"
    visit.tab.locator("#id_file").set_input_files(
        files=[
            {"name": "people.csv", "mimeType": "text/csv", "buffer": f"{header}\n{row}\n".encode()}
        ]
    )
    # Check only: even a file without errors would save nothing.
    visit.tab.locator("#id_dry_run").check()
    visit.submit("#main-content form[enctype='multipart/form-data'] button[type=submit]")
    assert visit.tab.locator("#import-problems tbody tr").count() >= 2


def _second_chair(visit: Visit) -> None:
    visit.check("the edit form")
    # The group has a chair already: the service refuses a second one.
    visit.tab.locator("#id_role").select_option("chair")
    visit.submit()
    summary = visit.tab.locator(ERROR_SUMMARY)
    assert summary.count() == 1
    if visit.lang == "en":
        assert "a group has one chair" in summary.inner_text()


def _ask_to_withdraw(visit: Visit) -> None:
    # Withdrawing asks for confirmation first; the check stops at that page.
    visit.submit("#main-content form[action$='/withdraw/'] button")
    assert urlsplit(visit.tab.url).path.endswith("/withdraw/"), visit.tab.url


def _cancel_registration(visit: Visit) -> None:
    # From the event's page to this language's own registration, which is cancelled.
    visit.goto(f"/events/registrations/{visit.ids.cancellable[visit.lang]}/")
    cancel = "#main-content form[method=post]:not(:has(input[name=action])) button"
    visit.submit(cancel)
    assert visit.tab.locator(".govuk-notification-banner--success").count() == 1
    assert visit.tab.locator(cancel).count() == 0


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
    Page("organisation", lambda ids: f"/organisations/{ids.organisation}/", act=_has_units),
    Page("not-found-404", "/no-such-page/"),
    Page("server-error-500", f"/{error_urls.SERVER_ERROR}", status=500),
    Page("bad-request-400", f"/{error_urls.BAD_REQUEST}", status=400),
    Page("form-expired-403", "/accounts/login/", act=_tampered_form_token),
    # The network's groups, decisions and contacts (public parts)
    Page("groups", "/groups/"),
    Page("groups-filtered", "/groups/?kind=regional"),
    Page("group", lambda ids: f"/groups/{ids.group}/"),
    Page("representation", "/groups/representation/"),
    Page("decisions", "/decisions/"),
    Page("decisions-search", "/decisions/?q=teemaryhm"),
    Page("meeting", lambda ids: f"/meetings/{ids.meeting}/"),
    Page("search", "/search/?q=tampere"),
    Page("vipu-coverage", "/vipu/"),
    Page("vipu-coverage-area", "/vipu/?area=OYS"),
    Page("vipu-campaigns", "/vipu/campaigns/"),
    Page("events", "/events/"),
    Page("events-past", "/events/?when=past"),
    Page("event", lambda ids: f"/events/{ids.event}/"),
    Page("event-register", lambda ids: f"/events/{ids.event}/register/"),
    Page("event-register-error", lambda ids: f"/events/{ids.event}/register/", act=_submit_empty),
    Page("event-registration", lambda ids: f"/events/registrations/{ids.registration_token}/"),
    Page("event-registration-invalid", "/events/registrations/not-a-token/"),
    Page("event-feedback", lambda ids: f"/events/feedback/{ids.feedback_token}/"),
    Page(
        "event-feedback-error",
        lambda ids: f"/events/feedback/{ids.feedback_token}/",
        act=_submit_empty,
    ),
    Page("event-feedback-invalid", "/events/feedback/not-a-token/"),
    # 200: the thank-you page, not the page of an invalid link (404).
    Page(
        "event-feedback-given",
        lambda ids: f"/events/feedback/{ids.feedback_given_token}/",
        status=200,
    ),
    Page(
        "event-registration-cancelled",
        lambda ids: f"/events/{ids.cancel_event}/",
        act=_cancel_registration,
    ),
    # The materials bank
    Page("materials", "/materials/"),
    Page("materials-search", "/materials/?q=poissaolo"),
    Page("materials-filtered", "/materials/?q=poissaolo&kind=report&language=fi"),
    Page("materials-error", "/materials/?q=&kind=poem"),
    Page("material", lambda ids: f"/materials/{ids.material}/"),
    Page("material-info-brief", lambda ids: f"/materials/{ids.info_brief}/"),
    Page("materials-theme", "/materials/themes/school-non-attendance/"),
    Page("materials-kind", "/materials/kinds/info_brief/"),
    Page("themes-and-sectors", "/network/themes-and-sectors/", role="national_admin"),
    Page("theme-create", "/network/themes/new/", role="national_admin"),
    Page("theme-create-error", "/network/themes/new/", role="national_admin", act=_submit_empty),
    Page("theme-edit", "/network/themes/school-non-attendance/edit/", role="national_admin"),
    Page("sector-create-error", "/network/sectors/new/", role="national_admin", act=_submit_empty),
    Page("sector-edit", "/network/sectors/pupil-welfare/edit/", role="national_admin"),
    Page("materials-organise", "/materials/organise/", role="national_admin"),
    Page("material-create-error", "/materials/new/", role="national_admin", act=_submit_empty),
    Page(
        "material-edit-published",
        lambda ids: f"/materials/{ids.material}/edit/",
        role="national_admin",
    ),
    Page("material-files", lambda ids: f"/materials/{ids.material}/files/", role="national_admin"),
    Page(
        "material-files-error",
        lambda ids: f"/materials/{ids.material}/files/",
        role="national_admin",
        act=_submit_empty,
    ),
    Page(
        "material-file-delete",
        lambda ids: f"/materials/files/{ids.material_file}/delete/",
        role="national_admin",
    ),
    # Signing in and passwords
    Page("login", "/accounts/login/"),
    Page("login-error", "/accounts/login/", act=_wrong_password),
    Page("password-reset", "/accounts/password-reset/"),
    Page("password-reset-error", "/accounts/password-reset/", act=_submit_empty),
    Page(
        "login-code-step",
        "/accounts/login/",
        act=_code_step_and_a_wrong_code,
        fresh_session=True,
    ),
    Page(
        "password-reset-flow",
        "/accounts/password-reset/",
        act=_reset_a_password,
        fresh_session=True,
    ),
    Page("password-reset-link-invalid", "/accounts/password-reset/MQ/bad-token/"),
    Page(
        "invitation-accept",
        lambda ids: ids.invitation,
        lands_at=lambda ids: re.sub(r"/[^/]+/$", "/set-password/", ids.invitation),
    ),
    Page(
        "two-step-turn-on",
        "/accounts/login/",
        act=_turn_on_two_step_verification,
        fresh_session=True,
    ),
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
    Page("group-signed-in", lambda ids: f"/groups/{ids.group}/", role="national_admin"),
    Page("group-edit", lambda ids: f"/groups/{ids.group}/edit/", role="national_admin"),
    Page("group-create", "/groups/new/", role="national_admin"),
    Page("group-create-error", "/groups/new/", role="national_admin", act=_submit_empty),
    Page(
        "membership-create",
        lambda ids: f"/groups/{ids.group}/members/new/",
        role="national_admin",
    ),
    Page(
        "membership-create-error",
        lambda ids: f"/groups/{ids.group}/members/new/",
        role="national_admin",
        act=_submit_empty,
    ),
    Page(
        "membership-edit-second-chair",
        lambda ids: f"/memberships/{ids.membership}/edit/",
        role="national_admin",
        act=_second_chair,
    ),
    Page(
        "membership-end",
        lambda ids: f"/memberships/{ids.membership}/end/",
        role="national_admin",
    ),
    Page(
        "meeting-create",
        lambda ids: f"/groups/{ids.group}/meetings/new/",
        role="national_admin",
    ),
    Page("meeting-signed-in", lambda ids: f"/meetings/{ids.meeting}/", role="national_admin"),
    Page("meeting-edit", lambda ids: f"/meetings/{ids.meeting}/edit/", role="national_admin"),
    Page("decision-edit", lambda ids: f"/decisions/{ids.decision}/edit/", role="national_admin"),
    Page(
        "decision-create",
        lambda ids: f"/groups/{ids.group}/decisions/new/",
        role="national_admin",
    ),
    Page("people", "/people/", role="national_admin"),
    Page("person", lambda ids: f"/people/{ids.person}/", role="national_admin"),
    Page("person-edit", lambda ids: f"/people/{ids.person}/edit/", role="national_admin"),
    Page(
        "employment-create",
        lambda ids: f"/people/{ids.person}/employments/new/",
        role="national_admin",
    ),
    Page("person-create", "/people/new/", role="national_admin"),
    Page("person-create-error", "/people/new/", role="national_admin", act=_submit_empty),
    Page("my-contact-details", "/people/me/", role="national_admin"),
    Page("network-import", "/network/import/", role="national_admin"),
    Page(
        "network-import-row-errors",
        "/network/import/",
        role="national_admin",
        act=_import_with_row_errors,
    ),
    Page("vipu-coverage-signed-in", "/vipu/", role="national_admin"),
    Page(
        "vipu-municipality",
        lambda ids: f"/vipu/campaigns/{ids.campaign}/municipalities/837/",
        role="national_admin",
    ),
    Page(
        "vipu-nominate",
        lambda ids: f"/vipu/campaigns/{ids.campaign}/municipalities/091/nominate/",
        role="national_admin",
    ),
    Page(
        "vipu-nominate-error",
        lambda ids: f"/vipu/campaigns/{ids.campaign}/municipalities/091/nominate/",
        role="national_admin",
        act=_submit_empty,
    ),
    Page(
        "vipu-withdraw-confirm",
        lambda ids: f"/vipu/campaigns/{ids.campaign}/municipalities/837/",
        role="national_admin",
        act=_ask_to_withdraw,
    ),
    Page(
        "vipu-nomination-replace",
        lambda ids: f"/vipu/nominations/{ids.nomination}/replace/",
        role="national_admin",
    ),
    Page("vipu-campaign-create", "/vipu/campaigns/new/", role="national_admin"),
    Page("vipu-campaign", lambda ids: f"/vipu/campaigns/{ids.campaign}/", role="national_admin"),
    Page(
        "vipu-campaign-edit",
        lambda ids: f"/vipu/campaigns/{ids.campaign}/edit/",
        role="national_admin",
    ),
    # Organising events
    Page("events-organise", "/events/organise/", role="national_admin"),
    Page("event-create", "/events/new/", role="national_admin"),
    Page("event-create-error", "/events/new/", role="national_admin", act=_submit_empty),
    Page("event-edit", lambda ids: f"/events/{ids.event}/edit/", role="national_admin"),
    Page("event-organiser", lambda ids: f"/events/{ids.event}/", role="national_admin"),
    # Only the error state of cancelling: nothing here may cancel the shared event.
    Page("event-cancel", lambda ids: f"/events/{ids.event}/cancel/", role="national_admin"),
    Page(
        "event-cancel-error",
        lambda ids: f"/events/{ids.event}/cancel/",
        role="national_admin",
        act=_submit_empty,
    ),
    Page("event-duplicate", lambda ids: f"/events/{ids.event}/duplicate/", role="national_admin"),
    Page(
        "series-duplicate",
        lambda ids: f"/events/series/{ids.series}/duplicate/",
        role="national_admin",
    ),
    # The shared event has no materials, so the first form is the empty "add" form.
    Page("event-materials", lambda ids: f"/events/{ids.event}/materials/", role="national_admin"),
    Page(
        "event-materials-error",
        lambda ids: f"/events/{ids.event}/materials/",
        role="national_admin",
        act=_submit_empty,
    ),
    Page(
        "event-participants",
        lambda ids: f"/events/{ids.event}/participants/",
        role="national_admin",
    ),
    Page(
        "event-participants-filtered",
        lambda ids: f"/events/{ids.event}/participants/?status=confirmed&q=a",
        role="national_admin",
    ),
    Page(
        "event-participant-remove",
        lambda ids: f"/events/{ids.event}/participants/",
        role="national_admin",
        act=_ask_to_remove,
    ),
    Page("event-attendance", lambda ids: f"/events/{ids.event}/attendance/", role="national_admin"),
    Page("event-messages", lambda ids: f"/events/{ids.event}/messages/", role="national_admin"),
    Page(
        "event-messages-error",
        lambda ids: f"/events/{ids.event}/messages/",
        role="national_admin",
        act=_submit_empty,
    ),
    Page("event-invoicing", lambda ids: f"/events/{ids.event}/invoicing/", role="national_admin"),
    Page(
        "event-report",
        lambda ids: f"/events/{ids.report_event}/report/",
        role="national_admin",
    ),
    Page("reach-report", "/events/reports/", role="national_admin"),
    Page(
        "reach-report-error",
        "/events/reports/?kind=nonsense&starts_from=99.99.2025",
        role="national_admin",
    ),
    # A signed-in staff member on a page reserved for administrators
    Page("forbidden-403", "/audit/", role="staff"),
]


# --- Fixtures and helpers ----------------------------------------------------------------


@pytest.fixture(scope="module")
def ids(demo_site: Any, django_db_blocker: Any) -> Ids:
    from django.db.models import Count
    from django.utils import timezone

    from vip.accounts.models import User
    from vip.events.models import FEEDBACK_MIN_ANSWERS, Event, EventSeries, Registration
    from vip.events.services import manage_token
    from vip.events.services.feedback import feedback_token
    from vip.events.tests.builders import make_event, register
    from vip.network.models import Decision, Group, Meeting, Membership, Person
    from vip.vipu.models import Campaign, Nomination

    api = f"{demo_site.url}/api/v1/organisations?kind=municipality&municipality=837"
    with urllib.request.urlopen(api) as response:  # noqa: S310 - our own test server
        items = json.load(response)["items"]
    assert items, "the demo network has no education provider in Tampere"
    with django_db_blocker.unblock():
        staff = User.objects.get(email=demo_site.logins["staff"][0])
        group = Group.objects.filter(kind=Group.Kind.REGIONAL, area__code="TAYS").first()
        meeting = Meeting.objects.order_by("-date").first()
        person = Person.objects.filter(memberships__isnull=False).order_by("pk").first()
        campaign = Campaign.objects.order_by("-starts_on").first()
        event = make_event(
            is_paid=True,
            title_sv="Seminarium om skolfrånvaro",
            questions=[
                {"kind": "text", "label_fi": "Erityisruokavalio", "label_sv": "Specialkost",
                 "label_en": "Special diet"},
                {"kind": "yes_no", "label_fi": "Osallistun illalliselle", "required": True,
                 "label_sv": "Jag deltar i middagen", "label_en": "I will attend the dinner"},
            ],
        )  # fmt: skip
        price_group = event.price_groups.first()
        diet, dinner = event.questions.order_by("position")
        registrations = [
            register(
                event,
                price_group=price_group,
                billing_organisation="Tampereen kaupunki",
                billing_address="PL 487, 33101 Tampere",
                answers={diet.pk: "Kasvis", dinner.pk: "yes"},
                notify=False,
            )
            for _ in range(2)
        ]
        report_event = (
            Event.objects.filter(status=Event.Status.PUBLISHED, ends_at__lt=timezone.now())
            .annotate(answers=Count("feedback"))
            .filter(answers__gte=FEEDBACK_MIN_ANSWERS)
            .order_by("-answers", "pk")
            .first()
        )
        series = EventSeries.objects.order_by("pk").first()
        material, info_brief, material_file = _materials()
        membership = (
            Membership.objects.filter(group=group, role=Membership.Role.MEMBER)
            .exclude(end__lt=timezone.localdate())
            .order_by("pk")
            .first()
        )
        has_chair = Membership.objects.filter(group=group, role=Membership.Role.CHAIR).exists()
        decision = Decision.objects.order_by("pk").first()
        nomination = (
            Nomination.objects.filter(
                campaign=campaign, municipality__code="837", ended_at__isnull=True
            )
            .order_by("pk")
            .first()
        )
        answered = (
            Registration.objects.filter(feedback_given=True, anonymised_at=None)
            .order_by("pk")
            .first()
        )
        cancel_event = make_event(title_en="Seminar with registrations to cancel")
        cancellable = {
            lang: manage_token(register(cancel_event, notify=False)) for lang in LANGUAGES
        }
        two_step_secret, invitation = _accounts()
        attendee = (
            Registration.objects.filter(
                event__status=Event.Status.PUBLISHED,
                event__ends_at__lt=timezone.now(),
                attended=True,
                feedback_given=False,
                anonymised_at=None,
            )
            .order_by("pk")
            .first()
        )
    assert group is not None, "the demo network has no regional group in TAYS"
    assert meeting is not None, "the demo network has no meetings"
    assert person is not None, "the demo network has no group members"
    assert campaign is not None, "the demo network has no VIPU campaign"
    assert report_event is not None, "the demo has no past event with enough feedback"
    assert series is not None, "the demo has no event series"
    assert attendee is not None, "the demo has no attendee left to give feedback"
    assert membership is not None, "the group has no current member"
    assert has_chair, "the group has no chair"
    assert decision is not None, "the demo network has no decisions"
    assert nomination is not None, "the campaign has no current contact in Tampere"
    assert answered is not None, "the demo has no attendee who gave feedback"
    return Ids(
        organisation=items[0]["id"],
        user=staff.pk,
        group=group.pk,
        meeting=meeting.pk,
        person=person.pk,
        campaign=campaign.pk,
        event=event.pk,
        registration_token=manage_token(registrations[0]),
        report_event=report_event.pk,
        feedback_token=feedback_token(attendee),
        series=series.pk,
        material=material.pk,
        info_brief=info_brief.pk,
        material_file=material_file.pk,
        membership=membership.pk,
        decision=decision.pk,
        nomination=nomination.pk,
        feedback_given_token=feedback_token(answered),
        cancel_event=cancel_event.pk,
        cancellable=cancellable,
        invitation=invitation,
        two_step_secret=two_step_secret,
    )


def _accounts() -> tuple[str, str]:
    """The accounts of the sign-in flows; returns TWO_STEP_USER's key and INVITED_USER's link.

    Each flow that changes its account has one of its own (``setup_user`` one a language).
    """
    from vip.accounts import services, totp
    from vip.core.testing import make_user

    two_step = make_user(TWO_STEP_USER, "Kaisa", "Kaksivaihe")
    device = services.totp_begin(user=two_step)
    services.totp_confirm(user=two_step, code=totp.hotp(device.secret, totp.current_step()))
    make_user(RESET_USER, "Sami", "Salasana")
    for lang in LANGUAGES:
        make_user(setup_user(lang), "Kalle", "Käyttöönotto")
    invited = services.user_create(
        actor=None, email=INVITED_USER, given_name="Kerttu", family_name="Kutsuttu"
    )
    # The link as mailed, in Finnish (no language prefix); each case adds its own.
    with translation.override("fi"):
        invitation = urlsplit(services.invitation_url(invited)).path
    return device.secret, invitation


def _materials() -> tuple[Any, Any, Any]:
    """A report with a Swedish version and an unreadable PDF, and an info brief."""
    from vip.materials.services.files import add_file
    from vip.materials.services.items import Contributor
    from vip.materials.tests.builders import PLACED_CHILDREN, make_material
    from vip.materials.tests.documents import upload

    report = make_material(
        kind="report",
        title_fi="Koulupoissaolojen tilannekatsaus (saavutettavuus)",
        summary_fi="Selvitys koulupoissaoloista ja niihin puuttumisesta.",
        body_fi="## Tausta\n\nPoissaolot ovat yleistyneet.\n\n- seuranta\n- tuki",
        year=2020,
        series="OPH Raportit ja selvitykset",
        number="2020:9",
        url="https://www.oph.fi/",
        tags=["poissaolot"],
        contributors=[Contributor(role="author", name="Tiina Tutkija")],
    )
    make_material(
        kind="report",
        language="sv",
        title_fi="",
        title_sv="Skolfrånvaro i Finland (tillgänglighet)",
        summary_fi="",
        summary_sv="En utredning om skolfrånvaro.",
        original=report,
        related_items=[report],
    )
    brief = make_material(
        kind="info_brief",
        themes=(PLACED_CHILDREN,),
        title_fi="Sijoitetut lapset koulussa (saavutettavuus)",
        summary_fi="Tietoisku sijoitettujen lasten koulunkäynnistä.",
        body_fi="## Mitä laki sanoo\n\nTeksti.\n\n### Tuki koulussa\n\nLisää tekstiä.",
        contributors=[Contributor(role="author", name="Maija Meikäläinen")],
        related_items=[report],
    )
    broken = add_file(
        actor=None, material=report, upload=upload("Liite.pdf", b"%PDF-1.4 broken"), title="Liite"
    )
    return report, brief, broken


class WarmBrowser:
    """Stands in for the browser in ``axe_violations``: every check gets the same tab.

    Starting a fresh browser context costs more than the check itself (about 2.3
    against 0.8 seconds a page), so the checks of one role share a tab, made with
    the options ``axe_violations`` asks for; each check still loads its page anew.
    The tab signs in once, through the sign-in form, and keeps that session.
    """

    def __init__(self, browser: Any) -> None:
        self.browser = browser
        self.context: Any = None
        self.tab: Any = None
        self.signed_in = False

    def new_context(self, **options: Any) -> WarmBrowser:
        if self.context is None:
            self.context = self.browser.new_context(**options)
            self.tab = self.context.new_page()
        return self

    def new_page(self) -> Any:
        return self.tab

    def close(self) -> None:
        """``axe_violations`` closes its context after each check; this one lives on."""

    def shut_down(self) -> None:
        if self.context is not None:
            self.context.close()


@pytest.fixture(scope="module")
def warm_browsers(browser: Any) -> Iterator[dict[str | None, WarmBrowser]]:
    """One warm tab for the visitor and one for each role, for the whole module."""
    warm = {key: WarmBrowser(browser) for key in {page.tab_key for page in PAGES}}
    yield warm
    for each in warm.values():
        each.shut_down()


@pytest.fixture(scope="module", autouse=True)
def addresses_that_fail() -> Iterator[None]:
    """The live server answers with the test URLconf, which adds the failing addresses."""
    with override_settings(ROOT_URLCONF="vip.core.tests.error_urls"):
        yield


def sign_in(tab: Any, base: str, email: str, password: str) -> None:
    tab.goto(f"{base}/accounts/login/")
    tab.locator("#id_email").fill(email)
    tab.locator("#id_password").fill(password)
    with tab.expect_navigation():
        tab.locator(MAIN_SUBMIT).click()
    # Signed in: the header now holds the sign-out form.
    assert tab.locator(LOGOUT_FORM).count() == 1, tab.url


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.extend(f"      at {' '.join(target)}" for target in violation["targets"])
    return "\n".join(lines)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page_spec", PAGES, ids=[p.name for p in PAGES])
def test_page_has_no_axe_violations(
    demo_site: Any,
    ids: Ids,
    warm_browsers: dict[str | None, WarmBrowser],
    page_spec: Page,
    lang: str,
) -> None:
    base = demo_site.url + PREFIX[lang]
    warm = warm_browsers[page_spec.tab_key]
    passed: list[State] = []

    def setup(tab: Any) -> None:
        if page_spec.fresh_session:
            tab.context.clear_cookies()
        if page_spec.role and not warm.signed_in:
            sign_in(tab, base, *demo_site.logins[page_spec.role])
            warm.signed_in = True
        address = base + page_spec.address(ids)
        response = tab.goto(address)
        if page_spec.status is not None:
            assert response.status == page_spec.status, (address, response.status)
        # The page itself, not a redirect to the sign-in or the two-step set-up page.
        assert urlsplit(tab.url).path == urlsplit(base + page_spec.landing(ids)).path, tab.url
        if page_spec.role:
            assert tab.locator(LOGOUT_FORM).count() == 1, f"not signed in at {tab.url}"
        if page_spec.act:
            page_spec.act(Visit(tab=tab, lang=lang, ids=ids, site=base, warm=warm, passed=passed))
        seen.update(url=tab.url, lang=tab.locator("html").get_attribute("lang") or "")

    seen: dict[str, str] = {}
    violations = axe_violations(warm, "", setup=setup)
    states = [*passed, State("the page", seen["url"], seen["lang"], violations)]
    for state in states:
        assert state.lang == lang, f"{state.url} is marked lang={state.lang!r}, not {lang!r}"
    found = [state for state in states if state.violations]
    assert not found, "\n".join(
        f"{len(state.violations)} axe-core violation(s) on {page_spec.name} ({lang}), "
        f"{state.name}, at {state.url}:\n{describe(state.violations)}"
        for state in found
    )
