import pytest

from vip.core.testing import axe_violations

pytestmark = pytest.mark.browser


def test_home_page_has_no_axe_violations(browser, demo_site):
    assert axe_violations(browser, demo_site.url + "/") == []
