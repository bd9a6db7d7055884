"""Browser helpers: sign a persona in by cookie, screenshot a page, and run axe-core on it."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def signed_in(page, live_server):
    """sign_in(user): give the browser a session for that user (the sign-in form itself has its own test)."""

    def sign_in(user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value,
                                   "url": live_server.url}])
        return page

    return sign_in


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v.get("impact") in BLOCKING]


def check_page(page, name: str, screenshot_dir: Path):
    """Screenshot the page (for people to look at) and assert axe-core finds nothing serious or critical."""
    page.screenshot(path=str(screenshot_dir / f"{name}.png"), full_page=True)
    bad = axe_violations(page)
    summary = [{"id": v["id"], "impact": v["impact"], "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"][:3]]} for v in bad]
    assert not bad, f"axe-core on {name}: " + json.dumps(summary, indent=1)


@pytest.fixture(autouse=True)
def quick_timeouts(page):
    """A missing element fails in seconds, not after Playwright's default 30."""
    page.set_default_timeout(8000)
    page.set_default_navigation_timeout(15000)
    return page
