"""Shared fixtures: named personas (an owner and an outsider), frozen time, the CLI runner."""

import datetime as dt
import os
import shutil

import pytest
from click.testing import CliRunner

from keepwarm.accounts.services import create_user


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI nothing may skip: a skipped test is reported as a failure there, with its reason."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") == "true" and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which is not allowed: {report.longrepr}"


@pytest.fixture
def owner(db):
    return create_user("amy", password="a-long-test-password", time_zone="America/Chicago")


@pytest.fixture
def outsider(db):
    return create_user("otto", password="another-test-password", time_zone="UTC")


@pytest.fixture
def cli(db):
    """Run `keepwarm …` in-process: cli("today", "--json") → click Result."""
    from keepwarm import cli as cli_module

    cli_module._discover_once()
    runner = CliRunner()

    def run(*args, input=None):
        return runner.invoke(cli_module.root, list(args), input=input, catch_exceptions=False)

    return run


def needs_binary(name: str) -> str:
    """Path of a server binary; skipped outside CI when missing, a failure in CI."""
    path = shutil.which(name) or (f"/usr/sbin/{name}" if os.path.exists(f"/usr/sbin/{name}") else None)
    if path:
        return path
    if os.environ.get("CI") == "true":
        pytest.fail(f"{name} is not installed (CI must install it in .ci/run)")
    pytest.skip(f"{name} is not installed; install it to run this test")


def aware(year, month, day, hour=12, minute=0, tz="America/Chicago"):
    from zoneinfo import ZoneInfo

    return dt.datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(tz))


# --- Browser tests: pytest-playwright driving Debian's Chromium (never a downloaded browser) ---------------
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    path = needs_binary("chromium")
    return {**browser_type_launch_args, "executable_path": path, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def screenshot_dir():
    """Screenshots of the main pages land here (test-output/screenshots), for people to look at."""
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "test-output" / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path
