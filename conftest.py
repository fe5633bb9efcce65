"""Shared test fixtures: reference data, named organisations and named people.

The people every test can ask for by name:

* ``national_admin`` - national administrator
* ``coordinator`` - area coordinator of TAYS (Sisä-Suomi)
* ``municipal_admin`` - municipal administrator of Tampere's education provider
* ``teacher`` - staff member at a school in Tampere
* ``outsider`` - signed-in user without any role

``login(client, user)`` signs a test client in the way the sign-in view does;
``vip.core.testing`` has the builders the fixtures use.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from vip.accounts import services as account_services
from vip.accounts.models import User
from vip.accounts.roles import Role
from vip.core.testing import TEST_PASSWORD, make_organisation, make_user
from vip.core.testing import login as sign_in
from vip.network.models import Sector
from vip.network.reference_data import ensure_themes_and_sectors
from vip.registry import services as registry_services
from vip.registry.models import Area, Municipality, Organisation

Kind = Organisation.Kind


def on_test_database() -> bool:
    """Whether the default connection points at a test database, not the configured one."""
    import dj_database_url
    from django.conf import settings
    from django.db import connection

    return connection.settings_dict["NAME"] != dj_database_url.parse(settings.DATABASE_URL)["NAME"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """Load the areas, counties and 309 municipalities once per test database.

    Transactional tests flush the database; they use ``reference_data`` to load
    it again (pytest-django runs them after the ordinary ones). pytest-django
    creates test databases only when a collected test is marked for one; the
    check keeps this from ever writing into the configured database.
    """
    if on_test_database():
        with django_db_blocker.unblock():
            registry_services.load_reference_data(actor=None)
    yield
    with django_db_blocker.unblock():
        _release_test_database()


@pytest.fixture(scope="session")
def browser_test_database(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """A test database for the live demo site, also when no other test made one."""
    if on_test_database():
        yield
        return
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        databases = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    assert on_test_database()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            _release_test_database()
            teardown_databases(databases, verbosity=0)


@pytest.fixture(autouse=True)
def english_outside_requests() -> Iterator[None]:
    """Code called outside a request speaks English in tests, whatever ran before.

    Django keeps the language a request activated in the thread, so without this a
    service's message would be in the language of whichever test ran last. Tests of
    Finnish or Swedish output choose the language themselves.
    """
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def reference_data(db: Any) -> None:
    if not Municipality.objects.exists():
        registry_services.load_reference_data(actor=None)
    # Themes and sectors come from a data migration, which a flush also removes.
    if not Sector.objects.exists():
        ensure_themes_and_sectors()


@pytest.fixture
def tays(reference_data: None) -> Area:
    return Area.objects.get(code="TAYS")


@pytest.fixture
def hyks(reference_data: None) -> Area:
    return Area.objects.get(code="HYKS")


@pytest.fixture
def tampere_provider(reference_data: None) -> Organisation:
    return make_organisation(
        kind=Kind.MUNICIPALITY,
        name_fi="Tampere, sivistystoimi",
        name_sv="Tammerfors, bildningsväsendet",
        municipality=Municipality.objects.get(code="837"),
    )


@pytest.fixture
def tampere_school(tampere_provider: Organisation) -> Organisation:
    return make_organisation(
        kind=Kind.SCHOOL,
        name_fi="Koivikon koulu",
        parent=tampere_provider,
        municipality=tampere_provider.municipality,
        school_code="83701",
    )


@pytest.fixture
def helsinki_provider(reference_data: None) -> Organisation:
    return make_organisation(
        kind=Kind.MUNICIPALITY,
        name_fi="Helsinki, kasvatuksen ja koulutuksen toimiala",
        name_sv="Helsingfors, fostran och utbildning",
        municipality=Municipality.objects.get(code="091"),
        languages=Organisation.Languages.BILINGUAL,
    )


@pytest.fixture
def password() -> str:
    return TEST_PASSWORD


@pytest.fixture
def national_admin(reference_data: None) -> User:
    user = make_user("admin@oph.example", "Aino", "Mäkelä")
    account_services.role_grant(actor=None, user=user, role=Role.NATIONAL_ADMIN)
    return user


@pytest.fixture
def coordinator(tays: Area) -> User:
    user = make_user("koordinaattori@tays.example", "Eero", "Virtanen")
    account_services.role_grant(actor=None, user=user, role=Role.AREA_COORDINATOR, area=tays)
    return user


@pytest.fixture
def municipal_admin(tampere_provider: Organisation) -> User:
    user = make_user("kunta@tampere.example", "Liisa", "Heikkilä")
    account_services.role_grant(
        actor=None, user=user, role=Role.MUNICIPAL_ADMIN, organisation=tampere_provider
    )
    return user


@pytest.fixture
def teacher(tampere_school: Organisation) -> User:
    user = make_user("opettaja@tampere.example", "Ville", "Nieminen")
    account_services.role_grant(actor=None, user=user, role=Role.STAFF, organisation=tampere_school)
    return user


@pytest.fixture
def outsider(reference_data: None) -> User:
    return make_user("ulkopuolinen@example.com", "Olli", "Ulkopuolinen")


@pytest.fixture
def client() -> Client:
    """A test client that asks for English: pages take their language from the
    address (Finnish at /), but the API follows Accept-Language, and tests read
    API messages in English."""
    return Client(headers={"Accept-Language": "en"})


@pytest.fixture
def login() -> Callable[..., Client]:
    """``login(client, user)`` signs the client in with a valid session clock."""
    return sign_in


# --- Browser tests ---------------------------------------------------------------------------
#
# Browser tests drive Debian's Chromium through Playwright against a real HTTP
# server holding the small demo network. They run when a `chromium` binary is
# found; otherwise they are skipped and the summary says why. CI sets
# VIP_REQUIRE_BROWSER=1 to turn a missing browser into a failure.

CHROMIUM = (
    os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
)
_BROWSER_SKIP_REASON = (
    "browser tests skipped: no `chromium` binary found (apt-get install chromium, "
    "or set CHROMIUM_PATH)"
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    browser_items = [item for item in items if "browser" in item.keywords]
    if CHROMIUM or not browser_items:
        return
    if os.environ.get("VIP_REQUIRE_BROWSER"):
        raise pytest.UsageError(f"VIP_REQUIRE_BROWSER is set but {_BROWSER_SKIP_REASON}")
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=_BROWSER_SKIP_REASON))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not CHROMIUM:
        terminalreporter.write_line(_BROWSER_SKIP_REASON, yellow=True)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    # Playwright's sync API runs an event loop in this thread; Django refuses
    # database calls from a thread with a running loop unless told it is safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


@dataclass
class DemoSite:
    """A live server with the small demo network; ``logins`` maps role to (email, password)."""

    url: str
    logins: dict[str, tuple[str, str]]


@pytest.fixture(scope="module")
def demo_site(browser_test_database: None, django_db_blocker: Any) -> Iterator[DemoSite]:
    """Serve the demo network over real HTTP for a whole test module.

    The data is committed once per module (not per test) because seeding takes
    seconds; the browser tests that use it only read, and the (test) database
    is flushed when the module ends.
    """
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.management import call_command
    from django.db import connections
    from django.test.testcases import LiveServerThread

    from vip.demo.seeding import Seeder

    with django_db_blocker.unblock():
        if not Municipality.objects.exists():
            registry_services.load_reference_data(actor=None)
        report = Seeder(seed=1, scale="small").run()
        # The in-memory SQLite database must be shared with the server thread.
        shared = {
            conn.alias: conn
            for conn in connections.all()
            if conn.vendor == "sqlite" and conn.is_in_memory_db()
        }
        for conn in shared.values():
            conn.inc_thread_sharing()
        server = LiveServerThread("127.0.0.1", StaticFilesHandler, shared, port=0)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        logins = {role: (email, password) for role, _label, email, password in report.logins}
        try:
            yield DemoSite(url=f"http://127.0.0.1:{server.port}", logins=logins)
        finally:
            server.terminate()
            _join_request_threads()
            for conn in shared.values():
                conn.dec_thread_sharing()
            call_command("flush", interactive=False, verbosity=0)


def _join_request_threads(timeout: float = 5.0) -> None:
    """Wait for the live server's request threads that are still ending: the last test's
    browser tab, closed just before, ends its keep-alive connections only then, and each
    thread closes the shared in-memory database connection as it ends, which the server
    must still share by then."""
    deadline = time.monotonic() + timeout
    for thread in threading.enumerate():
        # A thread is named after its target: "Thread-12 (process_request_thread)".
        if thread.name.endswith("(process_request_thread)"):
            thread.join(max(0.0, deadline - time.monotonic()))


def _release_test_database() -> None:
    """Close every session on the test database so that it can be dropped.

    Playwright's sync API runs code in greenlets with a context of their own,
    where Django opens connections of their own; the live server's threads may
    hold one too. None of them would be closed before the database is dropped.
    """

    from django.db import connection, connections

    if connection.vendor != "postgresql" or not on_test_database():
        return
    others = "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT pg_terminate_backend(pid) {others}")
        for _attempt in range(50):
            cursor.execute(f"SELECT count(*) {others}")
            if cursor.fetchone()[0] == 0:
                break
            time.sleep(0.1)
    connections.close_all()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser tab with Finnish locale; the page's own CSP stays in force."""
    context = browser.new_context(locale="fi-FI", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()
