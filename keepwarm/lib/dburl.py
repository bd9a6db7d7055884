"""Turn DATABASE_URL into a Django DATABASES entry (postgres only; SQLite is the default)."""

from urllib.parse import unquote, urlparse

from .env import ConfigError


def parse_database_url(url: str) -> dict:
    parts = urlparse(url)
    if parts.scheme not in ("postgres", "postgresql", "postgresql+psycopg"):
        raise ConfigError(f"DATABASE_URL: unsupported scheme {parts.scheme!r} (use postgres://)")
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise ConfigError("DATABASE_URL: no database name")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "CONN_MAX_AGE": 60,
        # keepwarm's statements are short; PostgreSQL's JIT spent seconds compiling ones that run in 0.1 s.
        "OPTIONS": {"options": "-c jit=off"},
        "TEST": {"NAME": f"test_{name}"},
    }
