"""Settings from environment variables through small, strict helpers (healthchecks style).

Each helper refuses values it does not understand instead of guessing, so a typo in a deployment
fails loudly at start-up rather than silently running with a default.
"""

import os
import secrets
from pathlib import Path


class ConfigError(RuntimeError):
    pass


def envstr(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{name}: expected true/false, got {raw!r}")


def envint(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name}: expected a whole number, got {raw!r}") from None


def envsecret(name: str) -> str:
    """Read NAME, or the contents of the file named by NAME_FILE (for container secrets)."""
    value = os.environ.get(name)
    if value:
        return value
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return ""


def data_dir() -> Path:
    """Where keepwarm keeps its database, secret key and models.

    KEEPWARM_DATA_DIR wins; otherwise the platform's per-user data directory (platformdirs).
    """
    explicit = os.environ.get("KEEPWARM_DATA_DIR")
    if explicit:
        path = Path(explicit).expanduser()
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir("keepwarm", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_file(directory: Path, name: str, nbytes: int = 48) -> str:
    """Return the secret stored in directory/name, creating it once (mode 0600) when absent."""
    path = directory / name
    if path.exists():
        return path.read_text().strip()
    value = secrets.token_urlsafe(nbytes)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(value)
    os.replace(tmp, path)
    return value
