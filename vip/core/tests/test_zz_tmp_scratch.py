import time, pytest
from vip.core.testing import AXE_SCRIPT, axe_violations
pytestmark = pytest.mark.browser
OPTS = """async () => (await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations.length"""
PATHS = ["/areas/TAYS/", "/municipalities/", "/accounts/login/", "/privacy/", "/organisations/"]
def test_scratch(db, browser, demo_site):
    t = time.time()
    for p in PATHS * 2:
        axe_violations(browser, demo_site.url + p)
    print("helper", (time.time() - t) / 10)
    ctx = browser.new_context(locale="fi-FI", bypass_csp=True)
    tab = ctx.new_page()
    t = time.time()
    for p in PATHS * 2:
        tab.goto(demo_site.url + p)
        tab.add_script_tag(path=str(AXE_SCRIPT))
        tab.evaluate(OPTS)
    print("reused ctx", (time.time() - t) / 10)
    ctx.close()
    ctx = browser.new_context(locale="fi-FI", bypass_csp=True)
    ctx.add_init_script(path=str(AXE_SCRIPT))
    tab = ctx.new_page()
    t = time.time()
    for p in PATHS * 2:
        tab.goto(demo_site.url + p)
        tab.evaluate(OPTS)
    print("reused ctx+init script", (time.time() - t) / 10)
    t = time.time()
    for p in PATHS * 2:
        tab.goto(demo_site.url + p)
    print("goto only", (time.time() - t) / 10)
    t = time.time()
    for p in PATHS * 2:
        tab.evaluate(OPTS)
    print("axe only", (time.time() - t) / 10)
    ctx.close()
