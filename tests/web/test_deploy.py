"""Production settings pass `manage.py check --deploy` with no warnings (checked in a fresh process, since
settings are read from the environment once at start-up)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _check(tmp_path, **env):
    drop = ("DEBUG", "SECURE_SSL", "SECRET_KEY", "SECRET_KEY_FILE", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    base = {k: v for k, v in os.environ.items() if k not in drop}  # the test runner's own flags are not production
    base.update(KEEPWARM_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="keepwarm.settings", **env)
    return subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=base, capture_output=True, text=True, timeout=120,
    )


def test_production_settings_pass_check_deploy(tmp_path):
    result = _check(tmp_path, DEBUG="false", SECURE_SSL="true", SECRET_KEY=secrets.token_urlsafe(64),
                    ALLOWED_HOSTS="keepwarm.example.org")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_check_can_fail(tmp_path):
    """The same check with DEBUG on and plain HTTP reports warnings: the test above is not vacuous."""
    result = _check(tmp_path, DEBUG="true", SECURE_SSL="false", SECRET_KEY="short", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "security.W018" in result.stderr + result.stdout  # DEBUG on in deployment
